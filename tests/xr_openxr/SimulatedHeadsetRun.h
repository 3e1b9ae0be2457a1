#pragma once
// Test fixture: xrshow's OpenXR display against the simulated runtime (tests/xr_sim), through
// Debian's real loader, with the Khronos core validation layer (its report goes to a file the
// test reads) and a validation-enabled Vulkan context. One script per run; the simulator's
// captures of submitted images land in captureDir().
#include "core/Result.h"
#include "gpu/Context.h"
#include "gpu/FrameRing.h"
#include "render/GpuScene.h"
#include "render/SceneRenderer.h"
#include "render/WorldOverlay.h"
#include "xr/OpenXrDisplay.h"
#include "xr/OpenXrRuntime.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace xrs::test {

class SimulatedHeadsetRun {
public:
    // `name` names the scratch directory; `scriptJson` is the simulator script (tests/xr_sim/Script.h).
    SimulatedHeadsetRun(const std::string& name, const std::string& scriptJson);
    ~SimulatedHeadsetRun();

    // Runtime, Vulkan context (the runtime's way), display and renderer.
    Status start(const xr::OpenXrDisplayOptions& options = {});
    // Renders this scene instead of the sky alone.
    Status setScene(const scene::Scene& scene);

    // Draws a WorldOverlay too: `compose` adds the iteration's quads and effects (after
    // beginFrame). Its compositor quads go to the display as quad layers when it takes them.
    using ComposeOverlay = std::function<void(int iteration, render::WorldOverlay&)>;
    Status setOverlay(ComposeOverlay compose);
    render::WorldOverlay& overlay() { return *overlay_; }

    // Draws for the real world behind the frame (no sky; the display blends it in).
    void setSeeThrough(bool on) { seeThrough_ = on; }

    using FrameCallback = std::function<void(int iteration, const xr::DisplayFrame&)>;
    // The application's frame loop, as xrshow runs it: until pollEvents() says stop or
    // maxIterations. Returns the number of iterations run.
    int run(int maxIterations, const FrameCallback& onFrame = {});

    xr::OpenXrRuntime& runtime() { return *runtime_; }
    xr::OpenXrDisplay& display() { return *display_; }
    gpu::Context& context() { return *context_; }
    gpu::FrameRing& frames() { return *frames_; }
    const std::filesystem::path& captureDir() const { return captureDir_; }
    // The core validation layer's report ("" when it had nothing to say).
    std::string coreValidationReport() const;

private:
    std::filesystem::path dir_, captureDir_, coreValidationFile_;
    std::unique_ptr<xr::OpenXrRuntime> runtime_;
    std::unique_ptr<gpu::Context> context_;
    std::unique_ptr<gpu::FrameRing> frames_;
    std::unique_ptr<render::SceneRenderer> renderer_;
    std::unique_ptr<render::GpuScene> scene_;
    std::unique_ptr<render::WorldOverlay> overlay_;
    ComposeOverlay composeOverlay_;
    bool seeThrough_ = false;
    render::Lighting lighting_;
    std::unique_ptr<xr::OpenXrDisplay> display_;
};

// Reads a PNG the simulator captured: frame<F>_layer0_view<V>.png.
ImageRGBA8 readCapture(const std::filesystem::path& dir, int frame, int view);

// A depth capture: distances in metres along the view axis, row-major from the top row.
struct DepthCapture {
    int width = 0, height = 0;
    std::vector<float> distances;
    float at(int x, int y) const { return distances[static_cast<std::size_t>(y) * width + x]; }
};
// Reads the depth the simulator captured: frame<F>_layer0_view<V>_depth.pfm.
DepthCapture readDepthCapture(const std::filesystem::path& dir, int frame, int view);

} // namespace xrs::test
