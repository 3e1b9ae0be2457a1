#include "xr/StillRender.h"

#include "gpu/FrameRing.h"
#include "render/GpuScene.h"
#include "render/TiledImages.h"
#include "video/TileScheduler.h"
#include "xr/HeadlessDisplay.h"

namespace xrs::xr {

Result<StillResult> renderStill(gpu::Context& context, const StillRequest& request) {
    auto renderer = render::SceneRenderer::create(context, request.renderer);
    if (!renderer) return renderer.error();
    std::unique_ptr<render::GpuScene> gpuScene;
    if (request.scene) {
        auto uploaded = render::GpuScene::upload(context, *request.scene, (*renderer)->materialLayout());
        if (!uploaded) return uploaded.error();
        gpuScene = std::move(*uploaded);
    }
    // Tiled images stream at the detail this view resolves; the render waits for their tiles.
    std::unique_ptr<render::TiledImages> tiledImages;
    if (gpuScene && request.streamTiledImages && !gpuScene->tiledImages().empty())
        tiledImages = render::TiledImages::open(context, *gpuScene, (*renderer)->videoLayout());
    auto display = HeadlessDisplay::create(context, request.eyeExtent, request.renderer.outputFormat);
    if (!display) return display.error();

    StillResult result;
    if (tiledImages) result.problems = tiledImages->problems();
    {
        gpu::FrameRing frames(context);
        for (std::uint32_t i = 0; i <= request.warmupFrames; ++i) {
            gpu::FrameContext& frame = frames.begin();
            if (i == request.warmupFrames) display->requestScreenshot();
            const DisplayFrame shown = display->beginFrame(frame, frames, Tracking{request.views, {}});
            render::SceneDrawOptions sceneOptions;
            sceneOptions.dissolves = request.dissolves;
            if (tiledImages) {
                const float pixelsPerRadian =
                    video::displayPixelsPerRadian(static_cast<int>(request.eyeExtent.width), shown.tracking.views.eyes[0].fov);
                tiledImages->update(frame, {shown.tracking.views, std::nullopt, pixelsPerRadian}, /*waitForTiles=*/true);
                sceneOptions.tiledImageSets = tiledImages->sets();
            }
            (*renderer)->record(frame, frames, gpuScene.get(), shown.tracking.views, request.lighting,
                                shown.output, nullptr, nullptr, sceneOptions);
            display->endFrame(frame, frames);
        }
        frames.drain();
        result.lastGpuMilliseconds = frames.lastGpuMilliseconds();
    }
    result.eyes = {display->capturedEye(0), display->capturedEye(1)};
    return result;
}

} // namespace xrs::xr
