#include "xr/OpenXrQuadLayers.h"

#include "core/Log.h"
#include "gpu/Barriers.h"
#include "xr/OpenXrPose.h"

#include <glm/gtc/quaternion.hpp>

namespace xrs::xr {
namespace {

void recordBlit(VkCommandBuffer cmd, const render::CompositorQuad& quad, VkImage target) {
    // The picture was uploaded (a transfer) and perhaps sampled this frame; the swapchain image
    // is ours since xrWaitSwapchainImage, in COLOR_ATTACHMENT_OPTIMAL.
    VkImageMemoryBarrier2 before[2] = {
        gpu::toBarrier({.image = quad.image,
                        .oldLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                        .newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                        .srcStage = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                        .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                        .dstStage = VK_PIPELINE_STAGE_2_BLIT_BIT,
                        .dstAccess = VK_ACCESS_2_TRANSFER_READ_BIT,
                        .mipCount = 1}),
        gpu::toBarrier({.image = target,
                        .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
                        .newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                        .srcStage = VK_PIPELINE_STAGE_2_BLIT_BIT,
                        .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                        .dstStage = VK_PIPELINE_STAGE_2_BLIT_BIT,
                        .dstAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT})};
    VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dependency.imageMemoryBarrierCount = 2;
    dependency.pImageMemoryBarriers = before;
    vkCmdPipelineBarrier2(cmd, &dependency);

    const auto width = static_cast<std::int32_t>(quad.size.x), height = static_cast<std::int32_t>(quad.size.y);
    VkImageBlit region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.srcOffsets[1] = {width, height, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstOffsets[1] = {width, height, 1};
    vkCmdBlitImage(cmd, quad.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                   1, &region, VK_FILTER_NEAREST);

    VkImageMemoryBarrier2 after[2] = {
        gpu::toBarrier({.image = quad.image,
                        .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                        .newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                        .srcStage = VK_PIPELINE_STAGE_2_BLIT_BIT,
                        .srcAccess = VK_ACCESS_2_NONE,
                        .dstStage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                        .dstAccess = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT,
                        .mipCount = 1}),
        // The layout the spec requires at release.
        gpu::toBarrier({.image = target,
                        .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                        .newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                        .srcStage = VK_PIPELINE_STAGE_2_BLIT_BIT,
                        .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                        .dstStage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                        .dstAccess = VK_ACCESS_2_MEMORY_READ_BIT})};
    dependency.pImageMemoryBarriers = after;
    vkCmdPipelineBarrier2(cmd, &dependency);
}

} // namespace

XrResult OpenXrQuadLayers::record(gpu::FrameContext& frame, gpu::FrameRing& frames,
                                  std::span<const render::CompositorQuad> quads) {
    shown_.clear();
    for (const render::CompositorQuad& quad : quads) {
        Picture& picture = pictures_[quad.texture];
        if (picture.swapchain && picture.size != quad.size) {
            // A new size needs a new swapchain; frames in flight may still copy into the old one.
            frames.retire(std::move(picture.swapchain));
            picture = {};
        }
        if (!picture.swapchain) {
            auto swapchain = OpenXrSwapchain::create(context_, session_, format_, {quad.size.x, quad.size.y},
                                                     SwapchainContent::Color, 1);
            if (!swapchain) {
                XRS_LOG_WARN("OpenXR quad layer: {}; the panel is not shown", swapchain.error().message);
                pictures_.erase(quad.texture);
                continue;
            }
            picture.swapchain = std::move(*swapchain);
            picture.size = quad.size;
        }
        if (picture.version != quad.version) {
            if (XrResult r = picture.swapchain->acquire(); XR_FAILED(r)) return r;
            picture.acquired = true;
            recordBlit(frame.cmd, quad, picture.swapchain->acquiredImage());
            picture.version = quad.version;
        }
        shown_.push_back(quad);
    }
    return XR_SUCCESS;
}

XrResult OpenXrQuadLayers::release() {
    XrResult result = XR_SUCCESS;
    for (auto& [texture, picture] : pictures_) {
        if (!picture.acquired) continue;
        picture.acquired = false;
        if (XrResult r = picture.swapchain->release(); XR_FAILED(r)) result = r;
    }
    return result;
}

std::span<const XrCompositionLayerQuad> OpenXrQuadLayers::layers(XrSpace space) {
    layers_.clear();
    for (const render::CompositorQuad& quad : shown_) {
        const float halfWidth = glm::length(quad.halfRight), halfHeight = glm::length(quad.halfUp);
        if (halfWidth <= 0.0f || halfHeight <= 0.0f) continue;
        // The quad's plane: +X along halfRight, +Y along halfUp, facing +Z.
        const glm::vec3 right = quad.halfRight / halfWidth, up = quad.halfUp / halfHeight;
        const glm::mat3 basis(right, up, glm::cross(right, up));
        XrCompositionLayerQuad layer{XR_TYPE_COMPOSITION_LAYER_QUAD};
        // Premultiplied alpha (the spec's default for blended layers), like the overlay's pictures.
        layer.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
        layer.space = space;
        layer.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
        layer.subImage.swapchain = pictures_.at(quad.texture).swapchain->handle();
        layer.subImage.imageRect = {{0, 0}, {static_cast<std::int32_t>(quad.size.x), static_cast<std::int32_t>(quad.size.y)}};
        layer.pose = toXr(Pose{glm::normalize(glm::quat_cast(basis)), quad.center});
        layer.size = {2.0f * halfWidth, 2.0f * halfHeight};
        layers_.push_back(layer);
    }
    return layers_;
}

} // namespace xrs::xr
