#include "SimulatedHeadsetRun.h"

#include "KeepVulkanLibrariesLoaded.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace xrs::test {

SimulatedHeadsetRun::SimulatedHeadsetRun(const std::string& name, const std::string& scriptJson) {
    keepVulkanLibrariesLoaded();
    dir_ = std::filesystem::temp_directory_path() / ("xrs_openxr_" + name);
    std::filesystem::remove_all(dir_);
    captureDir_ = dir_ / "capture";
    std::filesystem::create_directories(captureDir_);
    coreValidationFile_ = dir_ / "core_validation.txt";
    std::ofstream(dir_ / "script.json") << scriptJson;
    // Read by the loader, the layer and the simulator when the instance is created.
    setenv("XR_RUNTIME_JSON", XRS_XR_SIM_MANIFEST, 1);
    setenv("XRS_XR_SIM_SCRIPT", (dir_ / "script.json").c_str(), 1);
    setenv("XRS_XR_SIM_CAPTURE_DIR", captureDir_.c_str(), 1);
    setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
    setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
    setenv("XR_CORE_VALIDATION_FILE_NAME", coreValidationFile_.c_str(), 1);
}

SimulatedHeadsetRun::~SimulatedHeadsetRun() {
    // Session before the device it renders with, the device before the instance that made it.
    if (frames_) frames_->drain();
    display_.reset();
    overlay_.reset();
    scene_.reset();
    renderer_.reset();
    frames_.reset();
    context_.reset();
    runtime_.reset();
}

Status SimulatedHeadsetRun::start(const xr::OpenXrDisplayOptions& options) {
    auto runtime = xr::OpenXrRuntime::create({});
    if (!runtime) return runtime.error();
    runtime_ = std::move(*runtime);
    gpu::ContextOptions contextOptions;
    contextOptions.validation = true;
    if (Status s = runtime_->configureVulkan(contextOptions); !s) return s;
    auto context = gpu::Context::create(contextOptions);
    if (!context) return context.error();
    context_ = std::move(*context);
    frames_ = std::make_unique<gpu::FrameRing>(*context_);
    xr::OpenXrDisplayOptions displayOptions = options;
    displayOptions.idleThrottle = std::chrono::milliseconds(0); // the simulator never idles for long
    auto display = xr::OpenXrDisplay::create(*runtime_, *context_, displayOptions);
    if (!display) return display.error();
    display_ = std::move(*display);
    render::RendererSettings settings;
    settings.outputFormat = display_->colorFormat();
    auto renderer = render::SceneRenderer::create(*context_, settings);
    if (!renderer) return renderer.error();
    renderer_ = std::move(*renderer);
    return {};
}

Status SimulatedHeadsetRun::setScene(const scene::Scene& scene) {
    auto uploaded = render::GpuScene::upload(*context_, scene, renderer_->materialLayout());
    if (!uploaded) return uploaded.error();
    scene_ = std::move(*uploaded);
    lighting_ = render::lightingFor(scene);
    return {};
}

Status SimulatedHeadsetRun::setOverlay(ComposeOverlay compose) {
    auto overlay = render::WorldOverlay::create(*context_, *renderer_);
    if (!overlay) return overlay.error();
    overlay_ = std::move(*overlay);
    overlay_->useCompositorLayers(display_->compositorLayers());
    composeOverlay_ = std::move(compose);
    return {};
}

int SimulatedHeadsetRun::run(int maxIterations, const FrameCallback& onFrame) {
    int iteration = 0;
    for (; iteration < maxIterations && display_->pollEvents(); ++iteration) {
        gpu::FrameContext& frame = frames_->begin();
        const xr::DisplayFrame shown = display_->beginFrame(frame, *frames_, xr::Tracking{});
        if (overlay_) {
            overlay_->beginFrame();
            composeOverlay_(iteration, *overlay_);
            overlay_->prepare(frame, *frames_);
        }
        if (shown.shouldRender) {
            render::SceneDrawOptions options;
            options.seeThrough = seeThrough_ || display_->alwaysSeeThrough();
            display_->setSeeThrough(options.seeThrough);
            renderer_->record(frame, *frames_, scene_.get(), shown.tracking.views, lighting_, shown.output, nullptr,
                              overlay_.get(), options);
            if (shown.inset)
                renderer_->record(frame, *frames_, scene_.get(), shown.inset->views, lighting_, shown.inset->output,
                                  nullptr, overlay_.get(), options);
            if (overlay_) {
                const auto& eyes = shown.tracking.views.eyes;
                display_->setCompositorQuads(
                    overlay_->compositorQuads((eyes[0].pose.position + eyes[1].pose.position) * 0.5f));
            }
        }
        display_->endFrame(frame, *frames_);
        if (onFrame) onFrame(iteration, shown);
    }
    frames_->drain();
    return iteration;
}

std::string SimulatedHeadsetRun::coreValidationReport() const {
    std::ifstream file(coreValidationFile_);
    return std::string(std::istreambuf_iterator<char>(file), {});
}

ImageRGBA8 readCapture(const std::filesystem::path& dir, int frame, int view) {
    const auto path = dir / ("frame" + std::to_string(frame) + "_layer0_view" + std::to_string(view) + ".png");
    auto image = readPng(path);
    INFO(path.string());
    REQUIRE(image.ok());
    return std::move(*image);
}

DepthCapture readDepthCapture(const std::filesystem::path& dir, int frame, int view) {
    const auto path = dir / ("frame" + std::to_string(frame) + "_layer0_view" + std::to_string(view) + "_depth.pfm");
    INFO(path.string());
    std::ifstream file(path, std::ios::binary);
    REQUIRE(file.good());
    std::string magic;
    DepthCapture depth;
    float scale = 0.0f;
    file >> magic >> depth.width >> depth.height >> scale;
    file.get(); // the single whitespace before the samples
    REQUIRE(magic == "Pf");
    REQUIRE(scale < 0.0f); // little-endian, as the simulator writes
    REQUIRE(depth.width > 0);
    REQUIRE(depth.height > 0);
    std::vector<float> bottomUp(static_cast<std::size_t>(depth.width) * depth.height);
    file.read(reinterpret_cast<char*>(bottomUp.data()), static_cast<std::streamsize>(bottomUp.size() * sizeof(float)));
    REQUIRE(file.good());
    depth.distances.resize(bottomUp.size());
    const auto row = static_cast<std::size_t>(depth.width);
    for (int y = 0; y < depth.height; ++y)
        std::copy_n(bottomUp.begin() + static_cast<std::ptrdiff_t>((depth.height - 1 - y) * row), row,
                    depth.distances.begin() + static_cast<std::ptrdiff_t>(y * row));
    return depth;
}

} // namespace xrs::test
