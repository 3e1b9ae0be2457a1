// xrshow bench tiles <model>: streaming a very large image on a surface (the art gallery's hand
// scroll, a tile pyramid linked from the model) against holding all of it, in one run.
//
//   peer   what a renderer without streaming does: decode the whole image at full resolution
//          (every level-0 tile, on one thread, as our loader has one) before it can show any
//          of it (peer_load_ms), and keep it as one RGBA8 texture with mips.
//   first  what streaming must decode before the first view is sharp: the image opened (its
//          base layer loaded) and the tiles the first view wants loaded and uploaded
//          (first_view_ms; first_view_over_peer_load = first_view_ms / peer_load_ms).
//   walk   then a visitor walks along the image at --distance, its whole length in --seconds of
//          wall time, both eyes rendered at --view-size (no MSAA: the walk measures streaming,
//          not rasterising), in real time, never waiting for a tile.
//          sharp_frame_fraction: frames in which every tile in view that the scheduler wants is
//          resident at its level (elsewhere coarser tiles or the baked texture show, never a
//          hole; tiles out of view but kept by the hysteresis do not count); sharp_tile_fraction:
//          the same per tile in view, over all frames. A tile that comes into view is asked for
//          in that frame and drawn from the next, so at a few frames per second (lavapipe) the
//          tiles entering view each frame are not sharp yet; at a headset's rate they are within
//          a frame's few milliseconds of the loader's work;
//          texture_bytes_fraction: the streaming atlases' GPU memory over the peer's texture;
//          loaded_pixel_fraction: tile pixels loaded during the walk over the image's pixels.
// Every tile file is read once before either measurement, so both start from the page cache.
#include "BenchCommands.h"
#include "CommandSupport.h"
#include "core/Image.h"
#include "render/GpuScene.h"
#include "render/Lighting.h"
#include "render/SceneRenderer.h"
#include "render/TiledImages.h"
#include "scene/SceneImporter.h"
#include "video/TilePyramid.h"
#include "video/TileScheduler.h"
#include "xr/HeadlessDisplay.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace xrs::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchTilesOptions {
    std::string modelPath;
    double seconds = 20.0;       // the walk along the whole image, wall time (6 m: a slow stroll)
    float distance = 0.35f;      // metres from the image's plane: up close
    std::string viewSize = "960x960";
    float fovDegrees = 90.0f;    // per eye
};

// Reads every file of the pyramid once (page cache), returning the level-0 tile paths.
std::vector<std::filesystem::path> warmTiles(const video::TilePyramid& pyramid) {
    std::vector<std::filesystem::path> finest;
    for (int level = 0; level < static_cast<int>(pyramid.levels.size()); ++level) {
        const video::PyramidLevel& size = pyramid.levels[static_cast<std::size_t>(level)];
        for (int row = 0; row < size.rows; ++row)
            for (int column = 0; column < size.columns; ++column) {
                const auto path = pyramid.tilePath(level, column, row);
                std::ifstream file(path, std::ios::binary);
                std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
                if (level == 0) finest.push_back(path);
            }
    }
    return finest;
}

int runBenchTiles(const GlobalOptions& global, const BenchTilesOptions& options) {
    const char* cmd = "bench tiles";
    unsigned viewWidth = 0, viewHeight = 0;
    if (std::sscanf(options.viewSize.c_str(), "%ux%u", &viewWidth, &viewHeight) != 2 || viewWidth == 0 || viewHeight == 0)
        return commandFailed(cmd, "--view-size " + options.viewSize + ": expected WxH");
    if (options.seconds <= 0.0) return commandFailed(cmd, "--seconds must be positive");
    auto scene = scene::importScene(options.modelPath);
    if (!scene) return commandFailed(cmd, scene.error().message);
    auto context = createContext(global);
    if (!context) return commandFailed(cmd, context.error().message);
    gpu::Context& ctx = **context;
    render::RendererSettings settings;
    settings.samples = VK_SAMPLE_COUNT_1_BIT;
    auto renderer = render::SceneRenderer::create(ctx, settings);
    if (!renderer) return commandFailed(cmd, renderer.error().message);
    auto gpuScene = render::GpuScene::upload(ctx, *scene, (*renderer)->materialLayout());
    if (!gpuScene) return commandFailed(cmd, gpuScene.error().message);
    if ((*gpuScene)->tiledImages().empty())
        return commandFailed(cmd, options.modelPath + ": links no tiled image (see docs/experience-format.md)");
    const scene::TiledImagePlacement placement = (*gpuScene)->tiledImages().front();
    auto pyramid = video::readTilePyramid(placement.index);
    if (!pyramid) return commandFailed(cmd, pyramid.error().message);
    const double imagePixels = static_cast<double>(pyramid->width) * pyramid->height;

    // --- the peer: the whole image decoded before anything shows ---
    const std::vector<std::filesystem::path> finest = warmTiles(*pyramid);
    const auto peerStart = Clock::now();
    for (const auto& path : finest)
        if (auto tile = readPng(path); !tile) return commandFailed(cmd, tile.error().message);
    const double peerLoadMs = std::chrono::duration<double, std::milli>(Clock::now() - peerStart).count();
    const double peerTextureBytes = imagePixels * 4.0 * 4.0 / 3.0; // RGBA8 with its mip chain

    // --- the walk ---
    auto display = xr::HeadlessDisplay::create(ctx, {viewWidth, viewHeight});
    if (!display) return commandFailed(cmd, display.error().message);
    const render::Lighting lighting = render::lightingFor(*scene);
    const Fov fov = symmetricFov(glm::radians(options.fovDegrees), static_cast<float>(viewWidth) / static_cast<float>(viewHeight));
    const float pixelsPerRadian = video::displayPixelsPerRadian(static_cast<int>(viewWidth), fov);
    // The image's front faces the side from which u runs right and v runs down.
    const glm::vec3 front = glm::normalize(glm::cross(placement.vAxis, placement.uAxis));
    const auto viewsAt = [&](double t) {
        const float u = 0.05f + 0.9f * static_cast<float>(std::clamp(t / options.seconds, 0.0, 1.0));
        const glm::vec3 target = placement.origin + u * placement.uAxis + 0.5f * placement.vAxis;
        render::StereoViews views;
        views.eyes = stereoEyes(lookAtPose(target + front * options.distance, target), 0.063f, fov, fov);
        return views;
    };

    gpu::FrameRing ring(ctx);
    const auto openStart = Clock::now();
    std::unique_ptr<render::TiledImages> tiled = render::TiledImages::open(ctx, **gpuScene, (*renderer)->videoLayout());
    if (!tiled->problems().empty()) return commandFailed(cmd, tiled->problems().front());
    double firstViewMs = 0.0;
    int firstViewTiles = 0;
    std::int64_t frames = 0, sharpFrames = 0, sharpTiles = 0, inViewTiles = 0;
    std::uint64_t peakTextureBytes = 0;
    auto walkStart = Clock::now();
    auto previous = walkStart;
    for (double t = 0.0; t <= options.seconds; t = std::chrono::duration<double>(Clock::now() - walkStart).count()) {
        gpu::FrameContext& frame = ring.begin();
        const xr::DisplayFrame shown = display->beginFrame(frame, ring, {viewsAt(t), std::nullopt});
        const auto now = Clock::now();
        const double frameSeconds = std::chrono::duration<double>(now - previous).count();
        previous = now;
        // The first view waits for its tiles (that wait is what is timed); the walk never does.
        tiled->update(frame, {shown.tracking.views, std::nullopt, pixelsPerRadian, frameSeconds},
                      /*waitForTiles=*/frames == 0);
        if (frames == 0) {
            firstViewMs = std::chrono::duration<double, std::milli>(Clock::now() - openStart).count();
            firstViewTiles = tiled->stats().tilesWanted;
            if (tiled->stats().wantedResident != firstViewTiles)
                return commandFailed(cmd, "the first view's tiles did not all load (see the log)");
        }
        render::SceneDrawOptions draw;
        draw.tiledImageSets = tiled->sets();
        (*renderer)->record(frame, ring, gpuScene->get(), shown.tracking.views, lighting, shown.output, nullptr,
                            nullptr, draw);
        display->endFrame(frame, ring);
        const render::TiledImageStats& stats = tiled->stats();
        peakTextureBytes = std::max(peakTextureBytes, stats.textureBytes);
        if (frames++ == 0) {
            walkStart = Clock::now(); // the walk starts once the first view is up
            continue;
        }
        sharpFrames += stats.visibleSharp == stats.visibleWanted ? 1 : 0;
        sharpTiles += stats.visibleSharp;
        inViewTiles += stats.visibleWanted;
    }
    --frames; // the first view is not part of the walk
    ring.drain();
    const double walkSeconds = std::chrono::duration<double>(Clock::now() - walkStart).count();
    const render::TiledImageStats last = tiled->stats();
    tiled.reset();
    if (!reportValidation(ctx)) return commandFailed(cmd, "Vulkan validation reported problems");

    const double sharpFraction = static_cast<double>(sharpFrames) / static_cast<double>(std::max<std::int64_t>(frames, 1));
    const double sharpTileFraction = static_cast<double>(sharpTiles) / static_cast<double>(std::max<std::int64_t>(inViewTiles, 1));
    const double textureFraction = static_cast<double>(peakTextureBytes) / peerTextureBytes;
    const double loadedFraction = static_cast<double>(last.pixelsLoaded) / imagePixels;
    std::printf("image %s: %dx%d in %zu level-0 tiles; walk at %.2f m, 2 x %ux%u on %s\n",
                placement.index.string().c_str(), pyramid->width, pyramid->height, finest.size(), options.distance,
                viewWidth, viewHeight, ctx.info().name.c_str());
    std::printf("peer: %.0f ms to decode it all, %.1f MiB as one texture; streaming: first view sharp after %.0f ms "
                "(%d tiles), %.1f%% of %lld walking frames sharp (%.1f%% of the tiles in view), %.1f MiB of "
                "atlases, %.1f%% of its pixels loaded (%llu tiles)\n",
                peerLoadMs, peerTextureBytes / (1 << 20), firstViewMs, firstViewTiles, 100.0 * sharpFraction,
                static_cast<long long>(frames), 100.0 * sharpTileFraction, static_cast<double>(peakTextureBytes) / (1 << 20),
                100.0 * loadedFraction, static_cast<unsigned long long>(last.tilesLoaded));
    std::printf("RESULT first_view_ms=%.1f peer_load_ms=%.1f first_view_over_peer_load=%.3f sharp_frame_fraction=%.3f "
                "sharp_tile_fraction=%.3f texture_bytes_fraction=%.3f loaded_pixel_fraction=%.3f fps=%.2f frames=%lld\n",
                firstViewMs, peerLoadMs, firstViewMs / std::max(peerLoadMs, 1e-6), sharpFraction, sharpTileFraction,
                textureFraction,
                loadedFraction, static_cast<double>(frames) / walkSeconds, static_cast<long long>(frames));
    return 0;
}

} // namespace

void registerBenchTiles(CLI::App& bench, const GlobalOptions& global, int& exitCode) {
    auto options = std::make_shared<BenchTilesOptions>();
    auto* command = bench.add_subcommand("tiles", "Stream a model's tiled image (the hand scroll) along a walk "
                                                  "against decoding all of it");
    command->add_option("model", options->modelPath, "glTF/GLB model linking a tile pyramid")->required();
    command->add_option("--seconds", options->seconds, "Wall time of the walk along the image")->capture_default_str();
    command->add_option("--distance", options->distance, "Metres from the image")->capture_default_str();
    command->add_option("--view-size", options->viewSize, "Per-eye view WxH")->capture_default_str();
    command->add_option("--fov", options->fovDegrees, "Per-eye horizontal field of view, degrees")->capture_default_str();
    command->callback([&global, &exitCode, options] { exitCode = runBenchTiles(global, *options); });
}

} // namespace xrs::cli
