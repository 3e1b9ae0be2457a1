#include "xr/OpenXrStereoSwapchain.h"

#include "core/Log.h"
#include "gpu/Barriers.h"

namespace xrs::xr {
namespace {

VkImageLayout attachmentLayout(SwapchainContent content) {
    // What the spec guarantees at acquire and requires at release.
    return content == SwapchainContent::Color ? VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL
                                              : VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
}

VkImageAspectFlags aspectOf(SwapchainContent content) {
    return content == SwapchainContent::Color ? VK_IMAGE_ASPECT_COLOR_BIT : VK_IMAGE_ASPECT_DEPTH_BIT;
}

} // namespace

Result<std::unique_ptr<OpenXrStereoSwapchain>> OpenXrStereoSwapchain::create(gpu::Context& context, XrSession session,
                                                                             VkFormat format, VkExtent2D extent,
                                                                             SwapchainContent content) {
    std::unique_ptr<OpenXrStereoSwapchain> stereo(new OpenXrStereoSwapchain());
    stereo->content_ = content;
    stereo->extent_ = extent;
    auto array = OpenXrSwapchain::create(context, session, format, extent, content, 2);
    if (array) {
        stereo->array_ = std::move(*array);
        return stereo;
    }
    XRS_LOG_INFO("OpenXR: {}; using one swapchain per eye", array.error().message);
    for (auto& eye : stereo->perEye_) {
        auto single = OpenXrSwapchain::create(context, session, format, extent, content, 1);
        if (!single) return single.error();
        eye = std::move(*single);
    }
    gpu::ImageDesc desc;
    desc.format = format;
    desc.extent = extent;
    desc.layers = 2;
    desc.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
    // Colour: rendered into (TRANSFER_DST for resolve-by-copy), read by screenshots and the
    // hand-off. Depth: the renderer's depth is copied in, and copied on.
    desc.usage = content == SwapchainContent::Color
                     ? VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                           VK_IMAGE_USAGE_TRANSFER_SRC_BIT
                     : VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                           VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    auto staging = gpu::Image::create(context, desc, "openxr per-eye staging");
    if (!staging) return staging.error();
    stereo->staging_ = std::move(*staging);
    if (content == SwapchainContent::Color)
        for (std::uint32_t layer = 0; layer < 2; ++layer)
            stereo->stagingLayerViews_[layer] = gpu::ImageViewHandle(
                context.device(), stereo->staging_.createView(VK_IMAGE_VIEW_TYPE_2D, layer, 1));

    // Our image starts where the swapchains' images do, so every frame begins alike.
    context.submitImmediately([&](VkCommandBuffer cmd) {
        gpu::transition(cmd, {.image = stereo->staging_.handle(),
                              .aspect = aspectOf(content),
                              .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
                              .newLayout = attachmentLayout(content),
                              .dstStage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                              .dstAccess = VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT});
    });
    return stereo;
}

XrResult OpenXrStereoSwapchain::acquire() {
    if (array_) return array_->acquire();
    for (std::size_t i = 0; i < perEye_.size(); ++i) {
        if (XrResult r = perEye_[i]->acquire(); XR_FAILED(r)) {
            if (i == 1) perEye_[0]->release();
            return r;
        }
    }
    return XR_SUCCESS;
}

XrResult OpenXrStereoSwapchain::release() {
    if (array_) return array_->release();
    XrResult result = XR_SUCCESS;
    for (auto& eye : perEye_)
        if (XrResult r = eye->release(); XR_FAILED(r)) result = r;
    return result;
}

render::RenderOutput OpenXrStereoSwapchain::output() const {
    if (array_ && content_ == SwapchainContent::Color) return array_->output();
    render::RenderOutput output;
    output.extent = extent_;
    if (content_ == SwapchainContent::Depth) {
        output.depthImage = image();
        output.depthLayout = attachmentLayout(content_);
        return output;
    }
    output.image = staging_.handle();
    output.arrayView = staging_.view();
    output.layerViews = {stagingLayerViews_[0], stagingLayerViews_[1]};
    // Last frame's hand-off read it; it was a colour attachment before that.
    output.layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    output.lastStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_COPY_BIT;
    output.lastAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
    return output;
}

VkImage OpenXrStereoSwapchain::image() const { return array_ ? array_->acquiredImage() : staging_.handle(); }

void OpenXrStereoSwapchain::handOff(VkCommandBuffer cmd) const {
    if (array_) return;
    const VkImageLayout layout = attachmentLayout(content_);
    const VkImageAspectFlags aspect = aspectOf(content_);
    // Written as an attachment (colour) or by the renderer's depth copy.
    const VkPipelineStageFlags2 written = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_COPY_BIT;
    const VkAccessFlags2 writes = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT;
    VkImageMemoryBarrier2 barriers[3] = {
        gpu::toBarrier({.image = staging_.handle(), .aspect = aspect, .oldLayout = layout,
                        .newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, .srcStage = written, .srcAccess = writes,
                        .dstStage = VK_PIPELINE_STAGE_2_COPY_BIT, .dstAccess = VK_ACCESS_2_TRANSFER_READ_BIT})};
    for (std::uint32_t eye = 0; eye < 2; ++eye)
        barriers[1 + eye] = gpu::toBarrier(gpu::overwriteByCopy(perEye_[eye]->acquiredImage(), aspect));
    VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dependency.imageMemoryBarrierCount = 3;
    dependency.pImageMemoryBarriers = barriers;
    vkCmdPipelineBarrier2(cmd, &dependency);
    for (std::uint32_t eye = 0; eye < 2; ++eye) {
        VkImageCopy region{};
        region.srcSubresource = {aspect, 0, eye, 1};
        region.dstSubresource = {aspect, 0, 0, 1};
        region.extent = {extent_.width, extent_.height, 1};
        vkCmdCopyImage(cmd, staging_.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, perEye_[eye]->acquiredImage(),
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    }
    // Everything back to the attachment layout: the runtime's at release, ours for next frame.
    barriers[0] = gpu::toBarrier({.image = staging_.handle(), .aspect = aspect,
                                  .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, .newLayout = layout,
                                  .srcStage = VK_PIPELINE_STAGE_2_COPY_BIT, .srcAccess = VK_ACCESS_2_NONE,
                                  .dstStage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                                  .dstAccess = VK_ACCESS_2_NONE});
    for (std::uint32_t eye = 0; eye < 2; ++eye)
        barriers[1 + eye] = gpu::toBarrier({.image = perEye_[eye]->acquiredImage(), .aspect = aspect,
                                            .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, .newLayout = layout,
                                            .srcStage = VK_PIPELINE_STAGE_2_COPY_BIT,
                                            .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                            .dstStage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                                            .dstAccess = VK_ACCESS_2_MEMORY_READ_BIT});
    vkCmdPipelineBarrier2(cmd, &dependency);
}

XrSwapchainSubImage OpenXrStereoSwapchain::subImage(std::uint32_t eye) const {
    XrSwapchainSubImage sub{};
    sub.swapchain = array_ ? array_->handle() : perEye_[eye]->handle();
    sub.imageArrayIndex = array_ ? eye : 0;
    sub.imageRect = {{0, 0}, {static_cast<std::int32_t>(extent_.width), static_cast<std::int32_t>(extent_.height)}};
    return sub;
}

} // namespace xrs::xr
