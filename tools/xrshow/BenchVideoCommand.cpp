// xrshow bench video <source>: foveated tiled playback against FFmpeg decoding the whole frame.
//
// Three measurements in one run, all along the same head + gaze path:
//   peer   FFmpeg's libavcodec decodes the full-resolution source with all cores
//          (ffmpeg_full_fps): what a player that decodes the whole sphere must do.
//   video  the video pipeline alone: for every video frame the scheduler's tiles (and the base
//          layer) are decoded and uploaded before the next frame starts (display step skipped):
//          video_fps, decoded_pixel_fraction, texture_bytes_fraction. speedup = video / peer.
//   loop   the whole loop in real time, rendering both eyes at --view-size, never waiting for a
//          decoder: fps, foveal_fullres_fraction, switch_latency_p95_ms, holes, and
//          base_fill_fraction (of the tiles in view that want a level, frame by frame, the
//          share drawn from the blurry base layer because no level had the frame). MSAA as
//          `xrshow run` draws a 360° experience (render::automaticSamples; --samples to choose).
#include "BenchCommands.h"
#include "CommandSupport.h"
#include "core/Log.h"
#include "render/VideoPlayer.h"
#include "video/FullFrameDecode.h"
#include "video/ManifestIO.h"
#include "video/Packager.h"
#include "xr/HeadlessDisplay.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

namespace xrs::cli {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct BenchVideoOptions {
    std::string source;
    std::string package;
    std::string gazePath = "scripted";
    std::string viewSize = "960x960";
    double seconds = 4.0;      // video time played in the video-only measurement
    double loopSeconds = 10.0; // wall time of the rendering loop
    float fovDegrees = 100.0f; // per eye, headset-like
    std::string grid = "8x4";
    int levels = 3;
    std::string codec = "hevc";
    std::string layout = "mono";
    int samples = 0; // 0: render::automaticSamples for a renderer drawing only the video
};

// Where the viewer looks at time t along one of the named paths.
struct PathSample {
    Pose head;
    glm::vec3 gaze{0.0f, 0.0f, -1.0f};
};

glm::vec3 directionAt(float yawDeg, float pitchDeg) {
    const float yaw = glm::radians(yawDeg), pitch = glm::radians(pitchDeg);
    return {std::cos(pitch) * std::sin(yaw), std::sin(pitch), -std::cos(pitch) * std::cos(yaw)};
}

class GazePath {
public:
    explicit GazePath(std::string kind) : kind_(std::move(kind)) {
        std::mt19937 random(20261122u); // fixed seed: every run follows the same path
        std::uniform_real_distribution<float> yaw(-180.0f, 180.0f), pitch(-40.0f, 40.0f), offset(-20.0f, 20.0f);
        for (int i = 0; i < 256; ++i) jumps_.push_back({yaw(random), pitch(random), offset(random), offset(random) * 0.5f});
    }

    PathSample at(double t) const {
        PathSample s;
        float headYaw = 0.0f, headPitch = 0.0f, gazeYaw = 0.0f, gazePitch = 0.0f;
        if (kind_ == "sweep") {
            headYaw = static_cast<float>(std::fmod(60.0 * t, 360.0)) - 180.0f; // 60°/s all the way round
        } else if (kind_ == "random") {
            const auto& j = jumps_[static_cast<std::size_t>(t / 0.7) % jumps_.size()]; // a new place every 0.7 s
            headYaw = j[0];
            headPitch = j[1];
            gazeYaw = j[2];
            gazePitch = j[3];
        } else { // scripted: a slow look around, a saccade to a new point every second
            headYaw = 25.0f * static_cast<float>(std::sin(2.0 * glm::pi<double>() * t / 8.0));
            static constexpr float saccades[][2] = {{0, 0}, {22, 6}, {-18, -8}, {10, 14}, {-24, 2}, {15, -12}, {-6, 10}, {20, -4}};
            const auto& g = saccades[static_cast<std::size_t>(t) % 8];
            gazeYaw = g[0];
            gazePitch = g[1];
        }
        s.head = lookAtPose(glm::vec3(0.0f, 1.6f, 0.0f), glm::vec3(0.0f, 1.6f, 0.0f) + directionAt(headYaw, headPitch));
        s.gaze = directionAt(headYaw + gazeYaw, headPitch + gazePitch);
        return s;
    }

private:
    std::string kind_;
    std::vector<std::array<float, 4>> jumps_;
};

Result<std::filesystem::path> ensurePackage(const BenchVideoOptions& options) {
    if (!options.package.empty()) return std::filesystem::path(options.package);
    std::filesystem::path dir = options.source + ".pkg";
    if (video::loadManifest(dir / "manifest.json").ok()) {
        std::fprintf(stderr, "bench video: reusing package %s\n", dir.c_str());
        return dir;
    }
    video::PackOptions pack;
    pack.input = options.source;
    pack.outputDir = dir;
    if (std::sscanf(options.grid.c_str(), "%dx%d", &pack.gridCols, &pack.gridRows) != 2)
        return fail("--grid ", options.grid, ": expected COLSxROWS");
    pack.levels = options.levels;
    pack.codec = options.codec;
    auto layout = video::layoutFromName(options.layout);
    if (!layout) return fail("--layout ", options.layout, ": expected mono, top-bottom or side-by-side");
    pack.layout = *layout;
    std::fprintf(stderr, "bench video: packing %s into %s (once; later runs reuse it)\n", options.source.c_str(), dir.c_str());
    auto packed = video::packVideo(pack, [](const video::PackProgress& p) {
        if (p.frame == p.frameCount) std::fprintf(stderr, "  %s done\n", p.stage.c_str());
    });
    if (!packed) return packed.error();
    return dir;
}

render::VideoFrameInput inputAt(const GazePath& path, double t, const Fov& fov, int viewWidth) {
    const PathSample s = path.at(t);
    render::VideoFrameInput input;
    input.views.eyes = stereoEyes(s.head, 0.063f, fov, fov);
    input.gazeDirection = s.gaze;
    // No angular velocity: the scheduler estimates it from successive head poses, as in `xrshow run`.
    input.displayPixelsPerRadian = video::displayPixelsPerRadian(viewWidth, fov);
    return input;
}

// Every foveal tile (all eyes) is drawn from level 0 at the displayed frame.
bool fovealFullRes(const render::VideoPlayer& player, const render::VideoFrameUpload& upload) {
    const auto& manifest = player.manifest();
    const int gridTiles = manifest.gridCols * manifest.gridRows;
    const auto& choices = player.lastChoices();
    const auto& entries = player.textures().entries();
    for (int tile = 0; tile < gridTiles; ++tile) {
        if (!choices[static_cast<std::size_t>(tile)].foveal || !choices[static_cast<std::size_t>(tile)].visible) continue;
        for (int eye = 0; eye < video::eyeCount(manifest.layout); ++eye) {
            const auto& e = entries[static_cast<std::size_t>(eye * gridTiles + tile)].entry;
            if (e.x != 0u || e.z != static_cast<std::uint32_t>(upload.displayedFrame)) return false;
        }
    }
    return true;
}

int runBenchVideo(const GlobalOptions& global, const BenchVideoOptions& options) {
    unsigned viewWidth = 0, viewHeight = 0;
    if (std::sscanf(options.viewSize.c_str(), "%ux%u", &viewWidth, &viewHeight) != 2 || !viewWidth || !viewHeight)
        return commandFailed("bench video", "--view-size " + options.viewSize + ": expected WxH");
    if (options.gazePath != "scripted" && options.gazePath != "sweep" && options.gazePath != "random")
        return commandFailed("bench video", "--gaze-path " + options.gazePath + ": expected scripted, sweep or random");
    auto packageDir = ensurePackage(options);
    if (!packageDir) return commandFailed("bench video", packageDir.error().message);

    // Peer: the whole frame, all cores.
    std::fprintf(stderr, "bench video: peer: FFmpeg decoding the full-resolution source with all cores\n");
    auto peer = video::measureFullFrameDecode(options.source);
    if (!peer) return commandFailed("bench video", peer.error().message);

    auto context = createContext(global);
    if (!context) return commandFailed("bench video", context.error().message);
    gpu::Context& ctx = **context;
    render::RendererSettings settings;
    settings.samples = options.samples > 0 ? static_cast<VkSampleCountFlagBits>(options.samples)
                                           : render::automaticSamples(ctx, /*only360Backgrounds=*/true);
    auto renderer = render::SceneRenderer::create(ctx, settings);
    if (!renderer) return commandFailed("bench video", renderer.error().message);
    const Fov fov = symmetricFov(glm::radians(options.fovDegrees), static_cast<float>(viewWidth) / static_cast<float>(viewHeight));
    const GazePath path(options.gazePath);

    // --- video pipeline alone: decode + upload of what the scheduler picks, every frame ---
    double videoFps = 0.0, decodedFraction = 0.0, textureFraction = 0.0;
    std::int64_t videoFrames = 0;
    {
        auto player = render::VideoPlayer::open(ctx, *packageDir, (*renderer)->videoLayout());
        if (!player) return commandFailed("bench video", player.error().message);
        auto& p = **player;
        const auto& manifest = p.manifest();
        const double fps = static_cast<double>(manifest.fpsNum) / manifest.fpsDen;
        videoFrames = std::max<std::int64_t>(1, std::min<std::int64_t>(manifest.frameCount, std::llround(options.seconds * fps)));
        p.clock().setFixedStep(1);
        if (auto s = p.preroll(30s); !s) return commandFailed("bench video", s.error().message);
        gpu::FrameRing ring(ctx);
        const auto statsBefore = p.decoders().stats();
        const auto start = Clock::now();
        for (std::int64_t i = 0; i < videoFrames; ++i) {
            const auto input = inputAt(path, static_cast<double>(i) / fps, fov, static_cast<int>(viewWidth));
            // Redo the same video frame until every wanted tile is there (clock paused).
            for (int attempt = 0;; ++attempt) {
                gpu::FrameContext& frame = ring.begin();
                const auto upload = p.update(frame, input);
                ring.submit(frame);
                if (upload.wantedResident == upload.tilesWanted && upload.baseUploaded | (attempt > 0)) break;
                if (attempt == 0) p.clock().pause();
                if (attempt > 200) return commandFailed("bench video", "tiles never arrived (decoder stuck?)");
                p.waitForChosenTiles(p.clock().frameIndex(), 5s);
            }
            p.clock().resume();
        }
        ring.drain();
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        videoFps = static_cast<double>(videoFrames) / elapsed;
        const auto statsAfter = p.decoders().stats();
        const double fullFramePixels = static_cast<double>(manifest.sourceWidth) * manifest.sourceHeight;
        decodedFraction = static_cast<double>(statsAfter.pixelsDecoded - statsBefore.pixelsDecoded) /
                          (static_cast<double>(videoFrames) * fullFramePixels);
        textureFraction = static_cast<double>(p.textures().textureBytes()) / (4.0 * fullFramePixels);
    }

    // --- the whole loop, rendering both eyes, in real time ---
    std::int64_t displayed = 0, fovealOk = 0, holes = 0, mixed = 0, visibleWanted = 0, visibleFromBase = 0;
    std::vector<double> switchLatenciesMs;
    double loopFps = 0.0;
    {
        auto player = render::VideoPlayer::open(ctx, *packageDir, (*renderer)->videoLayout());
        if (!player) return commandFailed("bench video", player.error().message);
        auto& p = **player;
        if (auto s = p.preroll(30s); !s) return commandFailed("bench video", s.error().message);
        auto display = xr::HeadlessDisplay::create(ctx, {viewWidth, viewHeight});
        if (!display) return commandFailed("bench video", display.error().message);
        gpu::FrameRing ring(ctx);
        const int gridTiles = p.manifest().gridCols * p.manifest().gridRows;
        std::vector<std::optional<Clock::time_point>> fovealSince(static_cast<std::size_t>(gridTiles));
        std::vector<bool> wasFoveal(static_cast<std::size_t>(gridTiles), false);
        const auto start = Clock::now();
        auto previous = start;
        for (;;) {
            const auto now = Clock::now();
            const double t = std::chrono::duration<double>(now - start).count();
            if (t >= options.loopSeconds) break;
            auto input = inputAt(path, t, fov, static_cast<int>(viewWidth));
            input.dtSeconds = std::chrono::duration<double>(now - previous).count();
            previous = now;
            gpu::FrameContext& frame = ring.begin();
            const auto upload = p.update(frame, input);
            const auto background = p.background(frame);
            (*renderer)->record(frame, ring, nullptr, input.views, render::Lighting{}, display->output(), &background);
            display->recordFinish(frame.cmd);
            ring.submit(frame);
            ++displayed;

            if (upload.displayedFrame < 0) ++holes;
            visibleWanted += upload.visibleWanted;
            visibleFromBase += upload.visibleFromBase;
            for (const auto& e : p.textures().entries())
                if (e.entry.x != shader::kTileNotResident && e.entry.z != static_cast<std::uint32_t>(upload.displayedFrame)) {
                    ++mixed;
                    break;
                }
            if (fovealFullRes(p, upload)) ++fovealOk;
            // Switch latency: from a tile entering the fovea to it being shown at full resolution.
            const auto& choices = p.lastChoices();
            const auto& entries = p.textures().entries();
            for (int tile = 0; tile < gridTiles; ++tile) {
                const auto i = static_cast<std::size_t>(tile);
                const bool foveal = choices[i].foveal && choices[i].visible;
                if (foveal && !wasFoveal[i] && displayed > 1) fovealSince[i] = now;
                if (!foveal) fovealSince[i].reset();
                wasFoveal[i] = foveal;
                if (fovealSince[i] && entries[i].entry.x == 0u &&
                    entries[i].entry.z == static_cast<std::uint32_t>(upload.displayedFrame)) {
                    switchLatenciesMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - *fovealSince[i]).count());
                    fovealSince[i].reset();
                }
            }
        }
        ring.drain();
        loopFps = static_cast<double>(displayed) / std::chrono::duration<double>(Clock::now() - start).count();
        const auto& st = p.scheduler().stats();
        const auto pool = p.decoders().stats();
        std::fprintf(stderr, "loop: decode budget %.0f Mpx/s, requested %.0f Mpx/s%s%s; decoder: %llu frames shown, "
                             "%llu dropped catching up, %d streams open, %d failed\n",
                     st.budgetPixelsPerSecond * 1e-6, st.requestedPixelsPerSecond * 1e-6,
                     st.budgetLimited ? ", budget-limited" : "", st.fovealDegraded ? ", fovea degraded" : "",
                     static_cast<unsigned long long>(pool.framesDelivered), static_cast<unsigned long long>(pool.framesDropped),
                     pool.openStreams, pool.failedStreams);
    }
    if (!reportValidation(ctx)) return commandFailed("bench video", "Vulkan validation reported problems");

    const double fovealFraction = displayed ? static_cast<double>(fovealOk) / static_cast<double>(displayed) : 0.0;
    std::printf("peer:  FFmpeg full-frame decode %dx%d, %d threads: %.1f fps (%lld frames)\n", peer->width, peer->height,
                peer->threads, peer->fps(), static_cast<long long>(peer->frames));
    std::printf("video: tiled decode + upload along the '%s' path: %.1f fps (%lld frames), %.1f%% of the pixels decoded\n",
                options.gazePath.c_str(), videoFps, static_cast<long long>(videoFrames), 100.0 * decodedFraction);
    const int samples = static_cast<int>((*renderer)->samples());
    std::printf("loop:  rendering 2 x %ux%u, %dx MSAA, on %s: %.1f fps, fovea at full resolution in %.1f%% of %lld frames, "
                "%zu fovea switches\n", viewWidth, viewHeight, samples, ctx.info().name.c_str(), loopFps, 100.0 * fovealFraction,
                static_cast<long long>(displayed), switchLatenciesMs.size());
    std::printf("RESULT video_fps=%.2f fps=%.2f ffmpeg_full_fps=%.2f speedup=%.2f decoded_pixel_fraction=%.3f "
                "foveal_fullres_fraction=%.3f switch_latency_p95_ms=%.1f texture_bytes_fraction=%.3f holes=%lld "
                "mixed_time_frames=%lld base_fill_fraction=%.4f gaze_path=%s view=%ux%u samples=%d\n",
                videoFps, loopFps, peer->fps(), videoFps / std::max(peer->fps(), 1e-9), decodedFraction, fovealFraction,
                percentile(switchLatenciesMs, 0.95), textureFraction, static_cast<long long>(holes),
                static_cast<long long>(mixed),
                visibleWanted ? static_cast<double>(visibleFromBase) / static_cast<double>(visibleWanted) : 0.0,
                options.gazePath.c_str(), viewWidth, viewHeight, samples);
    return 0;
}

} // namespace

void registerBenchVideo(CLI::App& bench, const GlobalOptions& global, int& exitCode) {
    auto options = std::make_shared<BenchVideoOptions>();
    auto* command = bench.add_subcommand("video", "Foveated tiled playback against FFmpeg decoding the whole frame");
    command->add_option("source", options->source, "Equirectangular source video (the peer decodes it)")->required();
    command->add_option("--package", options->package, "Package made from the source (default: <source>.pkg, packed once)");
    command->add_option("--gaze-path", options->gazePath, "scripted, sweep or random")->capture_default_str();
    command->add_option("--view-size", options->viewSize, "Per-eye render size WxH")->capture_default_str();
    command->add_option("--seconds", options->seconds, "Video seconds decoded in the video-only measurement")->capture_default_str();
    command->add_option("--samples", options->samples,
                        "MSAA samples of the rendering loop (1, 2, 4, 8; default as xrshow run: 1 on a CPU device, else 4)")
        ->check(CLI::IsMember({1, 2, 4, 8}));
    command->add_option("--loop-seconds", options->loopSeconds, "Wall seconds of the rendering loop")->capture_default_str();
    command->add_option("--fov", options->fovDegrees, "Per-eye horizontal field of view, degrees")->capture_default_str();
    command->add_option("--grid", options->grid, "Packing: tile grid COLSxROWS")->capture_default_str();
    command->add_option("--levels", options->levels, "Packing: resolution levels")->capture_default_str();
    command->add_option("--codec", options->codec, "Packing: hevc, h264 or av1")->capture_default_str();
    command->add_option("--layout", options->layout, "Packing: mono, top-bottom or side-by-side")->capture_default_str();
    command->callback([&global, &exitCode, options] { exitCode = runBenchVideo(global, *options); });
}

} // namespace xrs::cli
