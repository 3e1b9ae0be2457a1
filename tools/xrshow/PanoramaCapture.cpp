#include "PanoramaCapture.h"

#include "core/Log.h"

#include <chrono>

namespace xrs::pano {
namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

PanoramaCapture::PanoramaCapture(gpu::Context& context, scene::Scene scene, const PanoramaSettings& settings)
    : context_(context), scene_(std::move(scene)), settings_(settings) {}

PanoramaCapture::~PanoramaCapture() {
    // The frame ring waits for the GPU before the scene and the renderer go away.
    if (frames_) frames_->drain();
    frames_.reset();
}

Result<std::unique_ptr<PanoramaCapture>> PanoramaCapture::create(gpu::Context& context, scene::Scene scene,
                                                                 const PanoramaSettings& settings) {
    if (settings.width <= 0 || settings.height <= 0 || settings.width != 2 * settings.height ||
        settings.width % 4 != 0 || settings.supersample < 1 || settings.supersample > 4)
        return fail("panorama size ", std::to_string(settings.width), "x", std::to_string(settings.height),
                    ": expected 2:1 with a width divisible by 4 (and supersampling 1..4)");
    std::unique_ptr<PanoramaCapture> capture(new PanoramaCapture(context, std::move(scene), settings));
    capture->faceSpec_.interiorPixels = settings.width / 4;
    auto motions = findNodeMotions(capture->scene_);
    if (!motions) return motions.error();
    capture->motions_ = std::move(*motions);

    render::RendererSettings rendererSettings;
    rendererSettings.samples = settings.samples;
    auto renderer = render::SceneRenderer::create(context, rendererSettings);
    if (!renderer) return renderer.error();
    capture->renderer_ = std::move(*renderer);
    const auto side = static_cast<std::uint32_t>(capture->faceSpec_.renderedPixels() * settings.supersample);
    auto display = xr::HeadlessDisplay::create(context, VkExtent2D{side, side}, rendererSettings.outputFormat);
    if (!display) return display.error();
    capture->display_.emplace(std::move(*display));
    capture->frames_ = std::make_unique<gpu::FrameRing>(context);
    if (!capture->animated()) {
        if (auto uploaded = capture->uploadScene(); !uploaded) return uploaded.error();
    }
    return capture;
}

Status PanoramaCapture::uploadScene() {
    // Every frame was drained after its readback, so nothing in flight uses the old scene.
    gpuScene_.reset();
    auto uploaded = render::GpuScene::upload(context_, scene_, renderer_->materialLayout());
    if (!uploaded) return uploaded.error();
    gpuScene_ = std::move(*uploaded);
    return {};
}

Result<ImageRGBA8> PanoramaCapture::capture(double timeSeconds) {
    const auto renderStart = std::chrono::steady_clock::now();
    if (animated()) {
        applyNodeMotions(scene_, motions_, timeSeconds);
        if (auto uploaded = uploadScene(); !uploaded) return uploaded.error();
    }
    const Fov fov = faceSpec_.fov();
    for (int pair = 0; pair < kCubeFaceCount / 2; ++pair) {
        const auto first = static_cast<CubeFace>(2 * pair);
        const auto second = static_cast<CubeFace>(2 * pair + 1);
        render::StereoViews views;
        views.nearZ = settings_.nearZ;
        views.eyes = {EyeView{facePose(first, settings_.position, settings_.yawRad), fov},
                      EyeView{facePose(second, settings_.position, settings_.yawRad), fov}};
        gpu::FrameContext& frame = frames_->begin();
        display_->requestScreenshot();
        const xr::DisplayFrame shown = display_->beginFrame(frame, *frames_, xr::Tracking{views, {}});
        renderer_->record(frame, *frames_, gpuScene_.get(), shown.tracking.views, settings_.lighting, shown.output);
        display_->endFrame(frame, *frames_);
        // One readback buffer: wait for this pair before the next one overwrites it.
        frames_->drain();
        faces_[static_cast<std::size_t>(2 * pair)] = downsampleBox(display_->capturedEye(0), settings_.supersample);
        faces_[static_cast<std::size_t>(2 * pair + 1)] = downsampleBox(display_->capturedEye(1), settings_.supersample);
    }
    timings_.renderMilliseconds = millisecondsSince(renderStart);
    const auto resampleStart = std::chrono::steady_clock::now();
    ImageRGBA8 panorama =
        equirectFromCubeFaces(faces_, faceSpec_, settings_.width, settings_.height, settings_.resampleThreads);
    timings_.resampleMilliseconds = millisecondsSince(resampleStart);
    return panorama;
}

} // namespace xrs::pano
