#pragma once
// The desktop preview's Dear ImGui tools: frame times (CPU and GPU, as a small graph), the
// device, pose and gaze read-outs, the scene outline and display toggles, in a CJK-capable
// font so Chinese names render. The ImGui context is created, made current and destroyed here:
// nothing outside the ui module touches ImGui's global state.
#include "core/Result.h"
#include "gpu/Context.h"
#include "gpu/FrameRing.h"

#include <glm/glm.hpp>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct ImGuiContext;

namespace xrs::ui {

class ImGuiRenderer;

// Mouse state for ImGui, in framebuffer pixels (filled by the frame loop from its input).
struct OverlayInput {
    glm::vec2 displaySize{0.0f};
    glm::vec2 mouse{-1.0f};
    std::array<bool, 3> buttons{}; // left, right, middle
    float wheel = 0.0f;
    float deltaSeconds = 1.0f / 60.0f;
};

struct OutlineEntry {
    int depth = 0;
    std::string name;
};

// What the overlay reads out this frame.
struct OverlayStats {
    std::uint64_t frameNumber = 0;
    double cpuMilliseconds = 0.0;
    double gpuMilliseconds = 0.0;
    std::string deviceName;
    glm::vec3 headPosition{0.0f};
    float yawDegrees = 0.0f, pitchDegrees = 0.0f;
    glm::vec3 gazeDirection{0.0f, 0.0f, -1.0f};
    bool gazeLocked = false;
    bool seated = false;
    float fovScale = 1.0f;
    float ipdMillimetres = 63.0f;
    std::string title;                  // shown at the top (the experience or model name)
    const std::vector<OutlineEntry>* outline = nullptr;
    std::optional<glm::vec2> gazePixel; // where the gaze falls in the window, for its marker
    std::vector<std::string> streaming; // one line per streamed resource (the scroll's tiles, ...)
};

// What the user can change in the overlay.
struct OverlayToggles {
    int stereoMode = 0; // 0 left eye, 1 side by side, 2 anaglyph (xr::StereoMode order)
    bool showGaze = true;
    bool showStats = true; // false: only the label line (deterministic screenshots)
    bool wireframe = false;
    bool wireframeAvailable = true; // the device can draw it (SceneRenderer::wireframeAvailable)
    int debugView = 0; // 0 shaded, 1 normals, 2 video tiles (render::DebugView order)
};

class DebugOverlay {
public:
    // Loads the CJK font at `fontPixels` (logs a one-line warning and falls back to ImGui's
    // built-in Latin font when none is found) and uploads the atlas.
    static Result<std::unique_ptr<DebugOverlay>> create(gpu::Context& context, float fontPixels = 16.0f);
    ~DebugOverlay();
    DebugOverlay(const DebugOverlay&) = delete;
    DebugOverlay& operator=(const DebugOverlay&) = delete;

    // One frame: feed input, lay out the tools (toggles may change), then record.
    void build(const OverlayInput& input, const OverlayStats& stats, OverlayToggles& toggles);
    void record(VkCommandBuffer cmd, std::uint32_t slot, gpu::FrameRing& frames, VkImageView target,
                VkExtent2D extent, VkFormat format);

    // True while ImGui uses the mouse (cursor over a tool window): the headset ignores it.
    bool wantsMouse() const { return wantsMouse_; }
    const std::string& fontDescription() const { return fontDescription_; }

private:
    DebugOverlay() = default;

    ImGuiContext* imgui_ = nullptr;
    std::unique_ptr<ImGuiRenderer> renderer_;
    std::string fontDescription_;
    std::array<float, 120> cpuHistory_{}, gpuHistory_{};
    std::size_t historyCursor_ = 0;
    bool wantsMouse_ = false;
    bool frameBuilt_ = false;
};

} // namespace xrs::ui
