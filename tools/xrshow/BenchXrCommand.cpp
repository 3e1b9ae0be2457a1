// xrshow bench xr <scene>: CPU time per frame through the OpenXR display (wait/begin/end frame,
// locate views, acquire/release swapchain images, submit) against the same frames rendered
// headless at the same size in the same run: the ratio is what OpenXR costs on top of rendering.
// Needs an OpenXR runtime: a headset's, or the simulated one from the tests
// (XR_RUNTIME_JSON=build/xr_sim/xrs_xr_sim.json).
#include "BenchCommands.h"
#include "CommandSupport.h"
#include "render/Framing.h"
#include "scene/SceneImporter.h"
#include "xr/HeadlessDisplay.h"
#include "xr/OpenXrDisplay.h"
#include "xr/OpenXrRuntime.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace xrs::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchXrOptions {
    std::string scenePath;
    int frames = 60;
};

// Median CPU wall time of `frames` rendered frames through `display` (frames the display
// does not show are not counted; the first two are warm-up).
double timeDisplay(gpu::Context& context, xr::Display& display, render::SceneRenderer& renderer,
                   const render::GpuScene& scene, const render::Lighting& lighting,
                   const xr::Tracking& tracking, int frames, VkExtent2D* extentSeen,
                   xr::Tracking* trackingSeen) {
    gpu::FrameRing ring(context);
    std::vector<double> times;
    for (int attempts = 0; static_cast<int>(times.size()) < frames + 2 && attempts < 20 * frames; ++attempts) {
        if (!display.pollEvents()) break;
        const auto start = Clock::now();
        gpu::FrameContext& frame = ring.begin();
        const xr::DisplayFrame shown = display.beginFrame(frame, ring, tracking);
        if (shown.shouldRender) renderer.record(frame, ring, &scene, shown.tracking.views, lighting, shown.output);
        if (shown.shouldRender && shown.inset)
            renderer.record(frame, ring, &scene, shown.inset->views, lighting, shown.inset->output);
        display.endFrame(frame, ring);
        if (!shown.shouldRender) continue;
        if (extentSeen) *extentSeen = shown.output.extent;
        if (trackingSeen) *trackingSeen = shown.tracking;
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    ring.drain();
    if (times.size() > 2) times.erase(times.begin(), times.begin() + 2);
    return median(times);
}

int runBenchXr(const GlobalOptions& global, const BenchXrOptions& options) {
    const char* cmd = "bench xr";
    auto scene = scene::importScene(options.scenePath);
    if (!scene) return commandFailed(cmd, scene.error().message);
    auto runtime = xr::OpenXrRuntime::create({});
    if (!runtime) return commandFailed(cmd, runtime.error().message);
    gpu::ContextOptions contextOptions;
    if (auto s = (*runtime)->configureVulkan(contextOptions); !s) return commandFailed(cmd, s.error().message);
    auto context = createContext(global, std::move(contextOptions));
    if (!context) return commandFailed(cmd, context.error().message);
    gpu::Context& ctx = **context;
    auto headset = xr::OpenXrDisplay::create(**runtime, ctx, {});
    if (!headset) return commandFailed(cmd, headset.error().message);

    render::RendererSettings settings;
    settings.outputFormat = (*headset)->colorFormat();
    auto renderer = render::SceneRenderer::create(ctx, settings);
    if (!renderer) return commandFailed(cmd, renderer.error().message);
    auto gpuScene = render::GpuScene::upload(ctx, *scene, (*renderer)->materialLayout());
    if (!gpuScene) return commandFailed(cmd, gpuScene.error().message);
    const render::Lighting lighting = render::lightingFor(*scene);

    // The runtime's tracking drives the headset frames; the headless peer renders the views the
    // headset last showed, at the same size, so both draw the same picture.
    xr::Tracking tracking;
    const Fov fov = symmetricFov(glm::radians(90.0f), 1.0f);
    tracking.views.eyes = stereoEyes(render::framingPose(scene::computeWorldBounds(*scene), fov.angleRight * 2, fov.angleUp * 2),
                                     0.063f, fov, fov);
    VkExtent2D extent{};
    xr::Tracking shownTracking = tracking;
    const double xrMs = timeDisplay(ctx, **headset, **renderer, **gpuScene, lighting, tracking, options.frames, &extent,
                                    &shownTracking);
    if (extent.width == 0) return commandFailed(cmd, "the OpenXR session never showed a frame");
    (*headset)->requestExit();
    headset->reset();

    auto headless = xr::HeadlessDisplay::create(ctx, extent, settings.outputFormat);
    if (!headless) return commandFailed(cmd, headless.error().message);
    const double headlessMs = timeDisplay(ctx, *headless, **renderer, **gpuScene, lighting, shownTracking, options.frames,
                                          nullptr, nullptr);
    if (!reportValidation(ctx)) return commandFailed(cmd, "Vulkan validation reported problems");

    std::printf("OpenXR display: %.2f ms CPU per frame; headless, same size: %.2f ms (2 x %ux%u, %s)\n", xrMs,
                headlessMs, extent.width, extent.height, ctx.info().name.c_str());
    std::printf("RESULT xr_frame_ms=%.3f headless_frame_ms=%.3f xr_over_headless=%.3f eye_width=%u eye_height=%u frames=%d\n",
                xrMs, headlessMs, xrMs / std::max(headlessMs, 1e-6), extent.width, extent.height, options.frames);
    return 0;
}

} // namespace

void registerBenchXr(CLI::App& bench, const GlobalOptions& global, int& exitCode) {
    auto options = std::make_shared<BenchXrOptions>();
    auto* command = bench.add_subcommand("xr", "CPU frame time through OpenXR against the same frames headless");
    command->add_option("scene", options->scenePath, "glTF/GLB/FBX/OBJ model")->required();
    command->add_option("--frames", options->frames, "Timed frames per measurement")->capture_default_str();
    command->callback([&global, &exitCode, options] { exitCode = runBenchXr(global, *options); });
}

} // namespace xrs::cli
