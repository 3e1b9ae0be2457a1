#include "gpu/FrameRing.h"

#include "core/Assert.h"
#include "gpu/VkCheck.h"

namespace xrs::gpu {

FrameRing::FrameRing(Context& context) : context_(context) {
    VkDevice device = context.device();
    for (std::uint32_t i = 0; i < kFramesInFlight; ++i) {
        Slot& slot = slots_[i];
        VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
        poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
        poolInfo.queueFamilyIndex = context.queueFamily();
        XRS_VK_CHECK(vkCreateCommandPool(device, &poolInfo, nullptr, &slot.pool));
        VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        alloc.commandPool = slot.pool;
        alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        alloc.commandBufferCount = 1;
        XRS_VK_CHECK(vkAllocateCommandBuffers(device, &alloc, &slot.frame.cmd));
        slot.frame.slot = i;
        VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        XRS_VK_CHECK(vkCreateFence(device, &fenceInfo, nullptr, &slot.fence));
    }
    if (context.timestampsSupported()) {
        VkQueryPoolCreateInfo info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        info.queryType = VK_QUERY_TYPE_TIMESTAMP;
        info.queryCount = 2 * kFramesInFlight;
        XRS_VK_CHECK(vkCreateQueryPool(device, &info, nullptr, &timestamps_));
        vkResetQueryPool(device, timestamps_, 0, info.queryCount);
    }
}

FrameRing::~FrameRing() {
    drain();
    VkDevice device = context_.device();
    for (Slot& slot : slots_) {
        vkDestroyFence(device, slot.fence, nullptr);
        vkDestroyCommandPool(device, slot.pool, nullptr);
    }
    if (timestamps_) vkDestroyQueryPool(device, timestamps_, nullptr);
}

void FrameRing::waitForSlot(Slot& slot, std::uint32_t index) {
    if (!slot.submitted) return;
    VkDevice device = context_.device();
    XRS_VK_CHECK(vkWaitForFences(device, 1, &slot.fence, VK_TRUE, UINT64_MAX));
    XRS_VK_CHECK(vkResetFences(device, 1, &slot.fence));
    slot.submitted = false;
    slot.retired.clear();
    if (timestamps_) {
        std::uint64_t ticks[2] = {};
        if (vkGetQueryPoolResults(device, timestamps_, 2 * index, 2, sizeof(ticks), ticks,
                                  sizeof(std::uint64_t), VK_QUERY_RESULT_64_BIT) == VK_SUCCESS) {
            const double period = context_.properties().limits.timestampPeriod; // ns per tick
            lastGpuMs_ = static_cast<double>(ticks[1] - ticks[0]) * period * 1e-6;
        }
        vkResetQueryPool(device, timestamps_, 2 * index, 2);
    }
}

FrameContext& FrameRing::begin() {
    currentSlot_ = static_cast<std::uint32_t>(frameNumber_ % kFramesInFlight);
    Slot& slot = slots_[currentSlot_];
    waitForSlot(slot, currentSlot_);
    XRS_VK_CHECK(vkResetCommandPool(context_.device(), slot.pool, 0));
    slot.frame.frameNumber = frameNumber_++;

    VkCommandBufferBeginInfo beginInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    beginInfo.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    XRS_VK_CHECK(vkBeginCommandBuffer(slot.frame.cmd, &beginInfo));
    if (timestamps_)
        vkCmdWriteTimestamp2(slot.frame.cmd, VK_PIPELINE_STAGE_2_NONE, timestamps_,
                             2 * currentSlot_);
    return slot.frame;
}

void FrameRing::submit(FrameContext& frame, const SubmitSync& sync) {
    Slot& slot = slots_[frame.slot];
    XRS_EXPECT(&frame == &slot.frame && !slot.submitted, "submit() without a matching begin()");
    if (timestamps_)
        vkCmdWriteTimestamp2(frame.cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, timestamps_,
                             2 * frame.slot + 1);
    XRS_VK_CHECK(vkEndCommandBuffer(frame.cmd));

    VkCommandBufferSubmitInfo cmdInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
    cmdInfo.commandBuffer = frame.cmd;
    VkSubmitInfo2 submitInfo{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
    submitInfo.waitSemaphoreInfoCount = static_cast<std::uint32_t>(sync.wait.size());
    submitInfo.pWaitSemaphoreInfos = sync.wait.data();
    submitInfo.commandBufferInfoCount = 1;
    submitInfo.pCommandBufferInfos = &cmdInfo;
    submitInfo.signalSemaphoreInfoCount = static_cast<std::uint32_t>(sync.signal.size());
    submitInfo.pSignalSemaphoreInfos = sync.signal.data();
    XRS_VK_CHECK(vkQueueSubmit2(context_.queue(), 1, &submitInfo, slot.fence));
    slot.submitted = true;
}

void FrameRing::drain() {
    for (std::uint32_t i = 0; i < kFramesInFlight; ++i) waitForSlot(slots_[i], i);
}

} // namespace xrs::gpu
