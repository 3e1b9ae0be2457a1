#include "ui/DebugOverlay.h"

#include "core/Log.h"
#include "ui/CjkFont.h"
#include "ui/ImGuiRenderer.h"

#include <imgui.h>

#include <algorithm>

namespace xrs::ui {
namespace {

// Makes `context` current for the scope and restores the previous one (several overlays, or
// none, may exist in one process).
class CurrentContext {
public:
    explicit CurrentContext(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
        ImGui::SetCurrentContext(context);
    }
    ~CurrentContext() { ImGui::SetCurrentContext(previous_); }
    CurrentContext(const CurrentContext&) = delete;
    CurrentContext& operator=(const CurrentContext&) = delete;

private:
    ImGuiContext* previous_;
};

} // namespace

Result<std::unique_ptr<DebugOverlay>> DebugOverlay::create(gpu::Context& context, float fontPixels) {
    std::unique_ptr<DebugOverlay> overlay(new DebugOverlay());
    overlay->imgui_ = ImGui::CreateContext();
    CurrentContext current(overlay->imgui_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no imgui.ini next to the user's files; layouts are deterministic
    io.LogFilename = nullptr;
    ImGui::StyleColorsDark();

    if (auto font = findCjkFont()) {
        // The common simplified-Chinese set (~2500 characters) plus Latin and punctuation.
        ImFont* loaded = io.Fonts->AddFontFromFileTTF(font->c_str(), fontPixels, nullptr,
                                                      io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
        if (!loaded) return fail(font->string(), ": ImGui could not load this font");
        overlay->fontDescription_ = font->filename().string();
    } else {
        XRS_LOG_WARN("overlay: {}", font.error().message);
        io.Fonts->AddFontDefault();
        overlay->fontDescription_ = "ImGui default (no CJK glyphs)";
    }
    io.Fonts->Build();
    auto renderer = ImGuiRenderer::create(context);
    if (!renderer) return renderer.error();
    overlay->renderer_ = std::move(*renderer);
    return overlay;
}

DebugOverlay::~DebugOverlay() {
    if (imgui_) ImGui::DestroyContext(imgui_);
}

void DebugOverlay::build(const OverlayInput& input, const OverlayStats& stats, OverlayToggles& toggles) {
    CurrentContext current(imgui_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(std::max(input.displaySize.x, 1.0f), std::max(input.displaySize.y, 1.0f));
    io.DeltaTime = std::max(input.deltaSeconds, 1e-4f);
    io.MousePos = ImVec2(input.mouse.x, input.mouse.y);
    for (std::size_t i = 0; i < 3; ++i) io.MouseDown[i] = input.buttons[i];
    io.MouseWheel = input.wheel;
    ImGui::NewFrame();

    cpuHistory_[historyCursor_] = static_cast<float>(stats.cpuMilliseconds);
    gpuHistory_[historyCursor_] = static_cast<float>(stats.gpuMilliseconds);
    historyCursor_ = (historyCursor_ + 1) % cpuHistory_.size();

    ImGui::SetNextWindowPos(ImVec2(8.0f, 8.0f), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(330.0f, 0.0f), ImGuiCond_Always);
    ImGui::Begin("xrshow", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted(stats.title.c_str());
    if (toggles.showStats) {
        ImGui::Separator();
        ImGui::Text("frame %llu   CPU %.1f ms   GPU %.1f ms", static_cast<unsigned long long>(stats.frameNumber),
                    stats.cpuMilliseconds, stats.gpuMilliseconds);
        const float maxMs = std::max(*std::max_element(cpuHistory_.begin(), cpuHistory_.end()), 16.7f);
        ImGui::PlotLines("CPU", cpuHistory_.data(), static_cast<int>(cpuHistory_.size()),
                         static_cast<int>(historyCursor_), nullptr, 0.0f, maxMs, ImVec2(0.0f, 36.0f));
        ImGui::PlotLines("GPU", gpuHistory_.data(), static_cast<int>(gpuHistory_.size()),
                         static_cast<int>(historyCursor_), nullptr, 0.0f, maxMs, ImVec2(0.0f, 36.0f));
        ImGui::TextWrapped("%s", stats.deviceName.c_str());
        ImGui::Separator();
        ImGui::Text("head  %.2f %.2f %.2f m", stats.headPosition.x, stats.headPosition.y, stats.headPosition.z);
        ImGui::Text("yaw %.1f  pitch %.1f deg  %s", stats.yawDegrees, stats.pitchDegrees,
                    stats.seated ? "seated" : "standing");
        ImGui::Text("gaze  %.2f %.2f %.2f%s", stats.gazeDirection.x, stats.gazeDirection.y,
                    stats.gazeDirection.z, stats.gazeLocked ? "  (locked)" : "");
        ImGui::Text("fov x%.2f   IPD %.1f mm", stats.fovScale, stats.ipdMillimetres);
        for (const std::string& line : stats.streaming) ImGui::TextWrapped("%s", line.c_str());
        ImGui::Separator();
        ImGui::RadioButton("left eye", &toggles.stereoMode, 0);
        ImGui::SameLine();
        ImGui::RadioButton("side by side", &toggles.stereoMode, 1);
        ImGui::SameLine();
        ImGui::RadioButton("anaglyph", &toggles.stereoMode, 2);
        ImGui::Checkbox("gaze marker", &toggles.showGaze);
        if (toggles.wireframeAvailable) ImGui::Checkbox("wireframe", &toggles.wireframe);
        else ImGui::TextDisabled("wireframe: not on this device");
        ImGui::RadioButton("shaded", &toggles.debugView, 0);
        ImGui::SameLine();
        ImGui::RadioButton("normals", &toggles.debugView, 1);
        ImGui::SameLine();
        ImGui::RadioButton("video tiles", &toggles.debugView, 2);
        if (stats.outline && ImGui::CollapsingHeader("scene")) {
            for (const OutlineEntry& entry : *stats.outline) {
                ImGui::Indent(static_cast<float>(entry.depth) * 10.0f + 1.0f);
                ImGui::TextUnformatted(entry.name.c_str());
                ImGui::Unindent(static_cast<float>(entry.depth) * 10.0f + 1.0f);
            }
        }
    }
    ImGui::End();

    if (toggles.showGaze && stats.gazePixel) {
        ImDrawList* draw = ImGui::GetForegroundDrawList();
        draw->AddCircle(ImVec2(stats.gazePixel->x, stats.gazePixel->y), 10.0f, IM_COL32(255, 220, 0, 220), 24, 2.0f);
    }
    ImGui::Render();
    wantsMouse_ = io.WantCaptureMouse;
    frameBuilt_ = true;
}

void DebugOverlay::record(VkCommandBuffer cmd, std::uint32_t slot, gpu::FrameRing& frames, VkImageView target,
                          VkExtent2D extent, VkFormat format) {
    if (!frameBuilt_) return;
    CurrentContext current(imgui_);
    frameBuilt_ = false;
    renderer_->record(cmd, slot, frames, *ImGui::GetDrawData(), target, extent, format);
}

} // namespace xrs::ui
