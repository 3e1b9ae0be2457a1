#pragma once
// synchronization2 image layout transitions, spelled out at the call site so every barrier
// says which work it orders (stage + access on both sides).
#include <vulkan/vulkan.h>

namespace xrs::gpu {

struct ImageTransition {
    VkImage image = VK_NULL_HANDLE;
    VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
    VkImageLayout oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkImageLayout newLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkPipelineStageFlags2 srcStage = VK_PIPELINE_STAGE_2_NONE;
    VkAccessFlags2 srcAccess = VK_ACCESS_2_NONE;
    VkPipelineStageFlags2 dstStage = VK_PIPELINE_STAGE_2_NONE;
    VkAccessFlags2 dstAccess = VK_ACCESS_2_NONE;
    std::uint32_t baseMip = 0;
    std::uint32_t mipCount = VK_REMAINING_MIP_LEVELS;
    std::uint32_t baseLayer = 0;
    std::uint32_t layerCount = VK_REMAINING_ARRAY_LAYERS;
};

inline VkImageMemoryBarrier2 toBarrier(const ImageTransition& t) {
    VkImageMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
    barrier.srcStageMask = t.srcStage;
    barrier.srcAccessMask = t.srcAccess;
    barrier.dstStageMask = t.dstStage;
    barrier.dstAccessMask = t.dstAccess;
    barrier.oldLayout = t.oldLayout;
    barrier.newLayout = t.newLayout;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = t.image;
    barrier.subresourceRange = {t.aspect, t.baseMip, t.mipCount, t.baseLayer, t.layerCount};
    return barrier;
}

// An image about to be overwritten whole by a copy, whose previous writer was a copy too (an
// earlier frame's): its contents are discarded, the new writes ordered after the old ones.
inline ImageTransition overwriteByCopy(VkImage image, VkImageAspectFlags aspect) {
    return {.image = image,
            .aspect = aspect,
            .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
            .newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
            .srcStage = VK_PIPELINE_STAGE_2_COPY_BIT,
            .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
            .dstStage = VK_PIPELINE_STAGE_2_COPY_BIT,
            .dstAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT};
}

// A global memory dependency: writes at `srcStage`/`srcAccess` become visible to `dstStage`/
// `dstAccess` (e.g. copy writes -> host reads of a readback buffer).
inline void memoryBarrier(VkCommandBuffer cmd, VkPipelineStageFlags2 srcStage, VkAccessFlags2 srcAccess,
                          VkPipelineStageFlags2 dstStage, VkAccessFlags2 dstAccess) {
    VkMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    barrier.srcStageMask = srcStage;
    barrier.srcAccessMask = srcAccess;
    barrier.dstStageMask = dstStage;
    barrier.dstAccessMask = dstAccess;
    VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dependency.memoryBarrierCount = 1;
    dependency.pMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dependency);
}

inline void transition(VkCommandBuffer cmd, const ImageTransition& t) {
    const VkImageMemoryBarrier2 barrier = toBarrier(t);
    VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dependency.imageMemoryBarrierCount = 1;
    dependency.pImageMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dependency);
}

} // namespace xrs::gpu
