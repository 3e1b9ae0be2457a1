#include "xr/StillRender.h"

#include "gpu/FrameRing.h"
#include "render/GpuScene.h"
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
    auto display = HeadlessDisplay::create(context, request.eyeExtent, request.renderer.outputFormat);
    if (!display) return display.error();

    StillResult result;
    {
        gpu::FrameRing frames(context);
        for (std::uint32_t i = 0; i <= request.warmupFrames; ++i) {
            gpu::FrameContext& frame = frames.begin();
            if (i == request.warmupFrames) display->requestScreenshot();
            const DisplayFrame shown = display->beginFrame(frame, frames, Tracking{request.views, {}});
            (*renderer)->record(frame, frames, gpuScene.get(), shown.tracking.views, request.lighting,
                                shown.output);
            display->endFrame(frame, frames);
        }
        frames.drain();
        result.lastGpuMilliseconds = frames.lastGpuMilliseconds();
    }
    result.eyes = {display->capturedEye(0), display->capturedEye(1)};
    return result;
}

} // namespace xrs::xr
