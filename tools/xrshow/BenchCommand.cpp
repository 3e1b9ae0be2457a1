// xrshow bench <what>: measurements whose last line is `RESULT key=value ...`, each with a
// peer measured in the same run so that ratios, not absolute times, are compared.
//
// bench render <scene>: frames of the scene for both eyes at a headset's per-eye size
// (default 2 x 1832x1920), against the peer "the same frame without the scene" (clear, sky,
// MSAA resolve: the fixed cost of a frame at that size). Reports CPU wall time per frame
// (what a frame costs end to end on this machine; on lavapipe rendering *is* CPU work) and
// GPU timestamp time.
#include "BenchCommands.h"
#include "CommandSupport.h"
#include "render/Framing.h"
#include "scene/SceneImporter.h"
#include "xr/HeadlessDisplay.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace xrs::cli {
namespace {

struct BenchRenderOptions {
    std::string scenePath;
    std::string size = "1832x1920";
    int frames = 20;
    int samples = 4;
};

struct FrameTimes {
    double medianCpuMs = 0.0;
    double medianGpuMs = 0.0;
};

// Renders `frames` frames (after two warm-up frames) and returns median per-frame times.
// Each frame is waited for before the next is timed, so one frame's cost is measured alone.
FrameTimes timeFrames(gpu::Context& context, render::SceneRenderer& renderer,
                      const render::GpuScene* scene, const render::StereoViews& views,
                      const render::Lighting& lighting, xr::HeadlessDisplay& display, int frames) {
    gpu::FrameRing ring(context);
    std::vector<double> cpu, gpu;
    for (int i = 0; i < frames + 2; ++i) {
        const auto start = std::chrono::steady_clock::now();
        gpu::FrameContext& frame = ring.begin();
        renderer.record(frame, ring, scene, views, lighting, display.output());
        display.recordFinish(frame.cmd);
        ring.submit(frame);
        ring.drain();
        const auto end = std::chrono::steady_clock::now();
        if (i < 2) continue;
        cpu.push_back(std::chrono::duration<double, std::milli>(end - start).count());
        gpu.push_back(ring.lastGpuMilliseconds());
    }
    return {median(cpu), median(gpu)};
}

int runBenchRender(const GlobalOptions& global, const BenchRenderOptions& options) {
    unsigned width = 0, height = 0;
    if (std::sscanf(options.size.c_str(), "%ux%u", &width, &height) != 2 || width == 0 || height == 0)
        return commandFailed("bench render", "--size " + options.size + ": expected WxH");
    if (options.frames < 1) return commandFailed("bench render", "--frames must be at least 1");
    auto scene = scene::importScene(options.scenePath);
    if (!scene) return commandFailed("bench render", scene.error().message);
    auto context = createContext(global);
    if (!context) return commandFailed("bench render", context.error().message);
    gpu::Context& ctx = **context;

    render::RendererSettings settings;
    settings.samples = static_cast<VkSampleCountFlagBits>(options.samples);
    auto renderer = render::SceneRenderer::create(ctx, settings);
    if (!renderer) return commandFailed("bench render", renderer.error().message);
    auto gpuScene = render::GpuScene::upload(ctx, *scene, (*renderer)->materialLayout());
    if (!gpuScene) return commandFailed("bench render", gpuScene.error().message);
    auto display = xr::HeadlessDisplay::create(ctx, {width, height});
    if (!display) return commandFailed("bench render", display.error().message);

    const float aspect = static_cast<float>(width) / static_cast<float>(height);
    const Fov fov = symmetricFov(glm::radians(90.0f), aspect);
    const Pose head = render::sceneCameraPose(*scene).value_or(render::framingPose(
        scene::computeWorldBounds(*scene), glm::radians(90.0f), fov.angleUp - fov.angleDown));
    render::StereoViews views;
    views.eyes = stereoEyes(head, 0.063f, fov, fov);
    const render::Lighting lighting = render::lightingFor(*scene);

    std::fprintf(stderr, "bench render: %s, 2 x %ux%u, %dx MSAA, %d frames each\n",
                 options.scenePath.c_str(), width, height, static_cast<int>((*renderer)->samples()),
                 options.frames);
    const FrameTimes sceneTimes =
        timeFrames(ctx, **renderer, gpuScene->get(), views, lighting, *display, options.frames);
    const FrameTimes emptyTimes =
        timeFrames(ctx, **renderer, nullptr, views, lighting, *display, options.frames);
    if (!reportValidation(ctx)) return commandFailed("bench render", "Vulkan validation reported problems");

    std::printf("scene frame: %.1f ms CPU wall, %.1f ms GPU\n", sceneTimes.medianCpuMs, sceneTimes.medianGpuMs);
    std::printf("empty frame: %.1f ms CPU wall, %.1f ms GPU (peer: clear + sky + resolve)\n",
                emptyTimes.medianCpuMs, emptyTimes.medianGpuMs);
    std::printf("RESULT device=%s eye_width=%u eye_height=%u samples=%d frame_ms=%.2f gpu_ms=%.2f "
                "empty_frame_ms=%.2f scene_over_empty=%.2f fps=%.2f\n",
                ctx.info().driverName.c_str(), width, height, static_cast<int>((*renderer)->samples()),
                sceneTimes.medianCpuMs, sceneTimes.medianGpuMs, emptyTimes.medianCpuMs,
                sceneTimes.medianCpuMs / std::max(emptyTimes.medianCpuMs, 1e-3),
                1000.0 / std::max(sceneTimes.medianCpuMs, 1e-3));
    return 0;
}

} // namespace

void registerBenchRender(CLI::App& bench, const GlobalOptions& global, int& exitCode) {
    auto options = std::make_shared<BenchRenderOptions>();
    auto* command = bench.add_subcommand("render", "Time stereo frames of a scene against an empty frame");
    command->add_option("scene", options->scenePath, "glTF/GLB/FBX/OBJ model")->required();
    command->add_option("--size", options->size, "Per-eye size WxH")->capture_default_str();
    command->add_option("--frames", options->frames, "Timed frames per measurement")->capture_default_str();
    command->add_option("--samples", options->samples, "MSAA samples")->check(CLI::IsMember({1, 2, 4, 8}))->capture_default_str();
    command->callback([&global, &exitCode, options] { exitCode = runBenchRender(global, *options); });
}

void registerBenchCommand(CLI::App& app, const GlobalOptions& global, int& exitCode) {
    auto* bench = app.add_subcommand("bench", "Benchmarks (last line: RESULT key=value ...)");
    bench->require_subcommand(1);
    registerBenchRender(*bench, global, exitCode);
    registerBenchVideo(*bench, global, exitCode);
    registerBenchXr(*bench, global, exitCode);
    registerBenchTiles(*bench, global, exitCode);
}

} // namespace xrs::cli
