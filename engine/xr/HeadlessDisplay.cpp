#include "xr/HeadlessDisplay.h"

#include "gpu/Barriers.h"

namespace xrs::xr {

Result<HeadlessDisplay> HeadlessDisplay::create(gpu::Context& context, VkExtent2D eyeExtent,
                                                VkFormat format) {
    HeadlessDisplay display;
    gpu::ImageDesc desc;
    desc.format = format;
    desc.extent = eyeExtent;
    desc.layers = 2;
    desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                 VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                 VK_IMAGE_USAGE_SAMPLED_BIT;
    desc.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
    auto image = gpu::Image::create(context, desc, "headless eyes");
    if (!image) return image.error();
    auto readback = gpu::ImageReadback::create(context, eyeExtent, 2);
    if (!readback) return readback.error();
    display.image_ = std::move(*image);
    for (std::uint32_t layer = 0; layer < 2; ++layer)
        display.layerViews_[layer] = gpu::ImageViewHandle(
            context.device(), display.image_.createView(VK_IMAGE_VIEW_TYPE_2D, layer, 1));
    display.readback_ = std::move(*readback);
    return display;
}

render::RenderOutput HeadlessDisplay::output() const {
    render::RenderOutput out;
    out.image = image_.handle();
    out.arrayView = image_.view();
    out.extent = image_.desc().extent;
    out.layerViews = {layerViews_[0].get(), layerViews_[1].get()};
    if (used_) {
        out.layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
        out.lastStage = VK_PIPELINE_STAGE_2_COPY_BIT;
        out.lastAccess = VK_ACCESS_2_TRANSFER_READ_BIT;
    }
    return out;
}

void HeadlessDisplay::recordFinish(VkCommandBuffer cmd) {
    gpu::transition(cmd, {.image = image_.handle(),
                          .oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                          .newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                          .srcStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                          .srcAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                          .dstStage = VK_PIPELINE_STAGE_2_COPY_BIT,
                          .dstAccess = VK_ACCESS_2_TRANSFER_READ_BIT});
    used_ = true;
}

void HeadlessDisplay::recordCapture(VkCommandBuffer cmd) {
    recordFinish(cmd);
    readback_.record(cmd, image_);
}

DisplayFrame HeadlessDisplay::beginFrame(gpu::FrameContext& frame, gpu::FrameRing& /*frames*/,
                                    const Tracking& simulated) {
    constexpr std::int64_t kFrameIntervalNs = 1'000'000'000 / 90;
    DisplayFrame shown;
    shown.tracking = simulated;
    shown.output = output();
    shown.shouldRender = true;
    shown.predictedDisplayTimeNs = static_cast<std::int64_t>(frame.frameNumber + 1) * kFrameIntervalNs;
    return shown;
}

void HeadlessDisplay::endFrame(gpu::FrameContext& frame, gpu::FrameRing& frames) {
    if (screenshotRequested_) {
        recordCapture(frame.cmd);
        screenshotRequested_ = false;
        screenshotRecorded_ = true;
    } else {
        recordFinish(frame.cmd);
    }
    frames.submit(frame);
}

std::optional<ImageRGBA8> HeadlessDisplay::collectScreenshot(gpu::FrameRing& frames) {
    if (!screenshotRecorded_) return std::nullopt;
    frames.drain(); // the capturing frame must have completed before its pixels are read
    screenshotRecorded_ = false;
    return concatHorizontal(capturedEye(0), capturedEye(1));
}

} // namespace xrs::xr
