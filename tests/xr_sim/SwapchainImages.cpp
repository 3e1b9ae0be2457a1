// The simulator's Vulkan work on the application's device: swapchain images (allocated here,
// as a runtime does), their initial layout, and reading a submitted image back to PNG (colour)
// or PFM (depth, as distances in metres).
// The queue is used only inside xrAcquireSwapchainImage and xrEndFrame, where the spec lets the
// runtime use it (XrGraphicsBindingVulkanKHR: access to the queue is externally synchronized).
#include "SimRuntime.h"

#include <stb_image_write.h>

#include <cstdio>
#include <limits>

namespace xrs::xrsim {
namespace {

VkImageUsageFlags toVulkanUsage(XrSwapchainUsageFlags usage) {
    VkImageUsageFlags flags = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_SAMPLED_BIT; // the compositor's
    if (usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) flags |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
    if (usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) flags |= VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    if (usage & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) flags |= VK_IMAGE_USAGE_STORAGE_BIT;
    if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) flags |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    return flags;
}

std::uint32_t findMemoryType(VkPhysicalDevice physicalDevice, std::uint32_t typeBits, VkMemoryPropertyFlags wanted) {
    VkPhysicalDeviceMemoryProperties properties;
    vkGetPhysicalDeviceMemoryProperties(physicalDevice, &properties);
    for (std::uint32_t i = 0; i < properties.memoryTypeCount; ++i)
        if ((typeBits & (1u << i)) && (properties.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
    return UINT32_MAX;
}

// Records with `record` into a one-time command buffer, submits it on the session's queue and
// waits for it.
template <class Record>
VkResult submitAndWait(Session& session, Record&& record) {
    VkCommandBufferAllocateInfo allocateInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    allocateInfo.commandPool = session.commandPool;
    allocateInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocateInfo.commandBufferCount = 1;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    if (VkResult r = vkAllocateCommandBuffers(session.device, &allocateInfo, &cmd); r != VK_SUCCESS) return r;
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    vkBeginCommandBuffer(cmd, &begin);
    record(cmd);
    vkEndCommandBuffer(cmd);
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence = VK_NULL_HANDLE;
    VkResult result = vkCreateFence(session.device, &fenceInfo, nullptr, &fence);
    if (result == VK_SUCCESS) {
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &cmd;
        result = vkQueueSubmit(session.queue, 1, &submit, fence);
        if (result == VK_SUCCESS) result = vkWaitForFences(session.device, 1, &fence, VK_TRUE, UINT64_MAX);
        vkDestroyFence(session.device, fence, nullptr);
    }
    vkFreeCommandBuffers(session.device, session.commandPool, 1, &cmd);
    return result;
}

VkImageMemoryBarrier imageBarrier(const Swapchain& swapchain, std::uint32_t index, VkImageLayout from,
                                  VkImageLayout to, VkAccessFlags srcAccess, VkAccessFlags dstAccess) {
    VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    barrier.srcAccessMask = srcAccess;
    barrier.dstAccessMask = dstAccess;
    barrier.oldLayout = from;
    barrier.newLayout = to;
    barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = swapchain.images[index];
    barrier.subresourceRange = {swapchain.aspect, 0, swapchain.info.mipCount, 0,
                                swapchain.info.arraySize * swapchain.info.faceCount};
    return barrier;
}

bool isDepth(std::int64_t format) {
    return format == VK_FORMAT_D32_SFLOAT || format == VK_FORMAT_D16_UNORM || format == VK_FORMAT_D24_UNORM_S8_UINT;
}

} // namespace

std::vector<std::int64_t> supportedSwapchainFormats() {
    // Runtime preference order: sRGB colour first (the compositor expects encoded values), then depth.
    return {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_UNORM,
            VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_D32_SFLOAT,   VK_FORMAT_D16_UNORM};
}

VkResult allocateSwapchainImages(Swapchain& swapchain) {
    const Session& session = *swapchain.session;
    const XrSwapchainCreateInfo& info = swapchain.info;
    const bool depth = isDepth(info.format);
    swapchain.aspect = depth ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
    swapchain.layout = depth ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    constexpr std::uint32_t kImageCount = 3;
    for (std::uint32_t i = 0; i < kImageCount; ++i) {
        VkImageCreateInfo imageInfo{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
        if (info.faceCount == 6) imageInfo.flags |= VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT;
        if (info.usageFlags & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT) imageInfo.flags |= VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
        imageInfo.imageType = VK_IMAGE_TYPE_2D;
        imageInfo.format = static_cast<VkFormat>(info.format);
        imageInfo.extent = {info.width, info.height, 1};
        imageInfo.mipLevels = info.mipCount;
        imageInfo.arrayLayers = info.arraySize * info.faceCount;
        imageInfo.samples = static_cast<VkSampleCountFlagBits>(info.sampleCount);
        imageInfo.tiling = VK_IMAGE_TILING_OPTIMAL;
        imageInfo.usage = toVulkanUsage(info.usageFlags);
        imageInfo.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
        imageInfo.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
        VkImage image = VK_NULL_HANDLE;
        if (VkResult r = vkCreateImage(session.device, &imageInfo, nullptr, &image); r != VK_SUCCESS) return r;
        swapchain.images.push_back(image);
        VkMemoryRequirements requirements;
        vkGetImageMemoryRequirements(session.device, image, &requirements);
        VkMemoryAllocateInfo allocateInfo{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
        allocateInfo.allocationSize = requirements.size;
        allocateInfo.memoryTypeIndex =
            findMemoryType(session.physicalDevice, requirements.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
        if (allocateInfo.memoryTypeIndex == UINT32_MAX) return VK_ERROR_OUT_OF_DEVICE_MEMORY;
        VkDeviceMemory memory = VK_NULL_HANDLE;
        if (VkResult r = vkAllocateMemory(session.device, &allocateInfo, nullptr, &memory); r != VK_SUCCESS) return r;
        swapchain.memory.push_back(memory);
        if (VkResult r = vkBindImageMemory(session.device, image, memory, 0); r != VK_SUCCESS) return r;
        swapchain.laidOut.push_back(false);
    }
    return VK_SUCCESS;
}

void destroySwapchainImages(Swapchain& swapchain) {
    const VkDevice device = swapchain.session->device;
    for (VkImage image : swapchain.images) vkDestroyImage(device, image, nullptr);
    for (VkDeviceMemory memory : swapchain.memory) vkFreeMemory(device, memory, nullptr);
    swapchain.images.clear();
    swapchain.memory.clear();
}

VkResult prepareImageLayout(Swapchain& swapchain, std::uint32_t index) {
    if (swapchain.laidOut[index]) return VK_SUCCESS;
    const bool depth = swapchain.aspect == VK_IMAGE_ASPECT_DEPTH_BIT;
    const VkAccessFlags access = depth ? VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT
                                       : VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    const VkPipelineStageFlags stage = depth ? VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT
                                             : VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    const VkImageMemoryBarrier barrier =
        imageBarrier(swapchain, index, VK_IMAGE_LAYOUT_UNDEFINED, swapchain.layout, 0, access);
    const VkResult result = submitAndWait(*swapchain.session, [&](VkCommandBuffer cmd) {
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, stage, 0, 0, nullptr, 0, nullptr, 1, &barrier);
    });
    if (result == VK_SUCCESS) swapchain.laidOut[index] = true;
    return result;
}

namespace {

// Reads one layer/rect of a released single-sampled image with 4 bytes per texel (8-bit colour
// or 32-bit float depth) into `bytes`; returns an error text or "".
std::string readBack(Swapchain& swapchain, std::uint32_t index, std::uint32_t arrayLayer, const XrRect2Di& rect,
                     std::vector<std::uint8_t>& bytes) {
    Session& session = *swapchain.session;
    if (swapchain.info.sampleCount != 1) return "capture of multisampled swapchains is not supported";
    const bool depth = swapchain.aspect == VK_IMAGE_ASPECT_DEPTH_BIT;
    const auto width = static_cast<std::uint32_t>(rect.extent.width);
    const auto height = static_cast<std::uint32_t>(rect.extent.height);
    const VkDeviceSize size = VkDeviceSize{width} * height * 4;

    VkBufferCreateInfo bufferInfo{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bufferInfo.size = size;
    bufferInfo.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    VkBuffer buffer = VK_NULL_HANDLE;
    if (vkCreateBuffer(session.device, &bufferInfo, nullptr, &buffer) != VK_SUCCESS) return "vkCreateBuffer failed";
    VkMemoryRequirements requirements;
    vkGetBufferMemoryRequirements(session.device, buffer, &requirements);
    VkMemoryAllocateInfo allocateInfo{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    allocateInfo.allocationSize = requirements.size;
    allocateInfo.memoryTypeIndex =
        findMemoryType(session.physicalDevice, requirements.memoryTypeBits,
                       VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
    VkDeviceMemory memory = VK_NULL_HANDLE;
    std::string error;
    if (vkAllocateMemory(session.device, &allocateInfo, nullptr, &memory) != VK_SUCCESS ||
        vkBindBufferMemory(session.device, buffer, memory, 0) != VK_SUCCESS) {
        error = "cannot allocate the readback buffer";
    } else {
        // The application released the image in its attachment layout after submitting its
        // work on this queue; the barrier orders the copy after whatever wrote it (rendering or
        // a transfer), hence all commands / all memory writes.
        const VkImageMemoryBarrier toTransfer =
            imageBarrier(swapchain, index, swapchain.layout, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                         VK_ACCESS_MEMORY_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT);
        const VkImageMemoryBarrier back = imageBarrier(
            swapchain, index, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, swapchain.layout, 0,
            depth ? VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT
                  : VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT);
        const VkPipelineStageFlags nextUse =
            depth ? VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT
                  : VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
        VkBufferMemoryBarrier toHost{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER};
        toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        toHost.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        toHost.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
        toHost.buffer = buffer;
        toHost.size = VK_WHOLE_SIZE;
        const VkResult result = submitAndWait(session, [&](VkCommandBuffer cmd) {
            vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                 0, 0, nullptr, 0, nullptr, 1, &toTransfer);
            VkBufferImageCopy region{};
            region.imageSubresource = {swapchain.aspect, 0, arrayLayer, 1};
            region.imageOffset = {rect.offset.x, rect.offset.y, 0};
            region.imageExtent = {width, height, 1};
            vkCmdCopyImageToBuffer(cmd, swapchain.images[index], VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1,
                                   &region);
            vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, nextUse | VK_PIPELINE_STAGE_HOST_BIT, 0, 0,
                                 nullptr, 1, &toHost, 1, &back);
        });
        void* mapped = nullptr;
        if (result != VK_SUCCESS || vkMapMemory(session.device, memory, 0, size, 0, &mapped) != VK_SUCCESS) {
            error = "readback submission failed";
        } else {
            bytes.resize(size);
            std::memcpy(bytes.data(), mapped, size);
            vkUnmapMemory(session.device, memory);
        }
    }
    vkFreeMemory(session.device, memory, nullptr);
    vkDestroyBuffer(session.device, buffer, nullptr);
    return error;
}

} // namespace

std::string captureToPng(Swapchain& swapchain, std::uint32_t index, std::uint32_t arrayLayer, const XrRect2Di& rect,
                         const std::string& path) {
    const std::int64_t format = swapchain.info.format;
    const bool bgra = format == VK_FORMAT_B8G8R8A8_SRGB || format == VK_FORMAT_B8G8R8A8_UNORM;
    if (!bgra && format != VK_FORMAT_R8G8B8A8_SRGB && format != VK_FORMAT_R8G8B8A8_UNORM)
        return "capture supports 8-bit RGBA/BGRA swapchains only";
    std::vector<std::uint8_t> pixels;
    if (std::string error = readBack(swapchain, index, arrayLayer, rect, pixels); !error.empty()) return error;
    if (bgra)
        for (std::size_t i = 0; i < pixels.size(); i += 4) std::swap(pixels[i], pixels[i + 2]);
    if (stbi_write_png(path.c_str(), rect.extent.width, rect.extent.height, 4, pixels.data(), rect.extent.width * 4) == 0)
        return "cannot write " + path;
    return "";
}

std::string captureDepthToPfm(Swapchain& swapchain, std::uint32_t index, const XrCompositionLayerDepthInfoKHR& info,
                              const std::string& path) {
    if (swapchain.info.format != VK_FORMAT_D32_SFLOAT) return "depth capture supports D32_SFLOAT swapchains only";
    std::vector<std::uint8_t> bytes;
    if (std::string error = readBack(swapchain, index, info.subImage.imageArrayIndex, info.subImage.imageRect, bytes);
        !error.empty())
        return error;
    // Window depth is affine in 1/distance: the spec maps distance nearZ to minDepth and farZ
    // to maxDepth (either may be infinite; nearZ > farZ is a reversed mapping). With
    // t = (depth - minDepth) / (maxDepth - minDepth) = A + B / distance:
    const double inverseNear = 1.0 / static_cast<double>(info.nearZ); // 0 when infinite
    const double inverseFar = 1.0 / static_cast<double>(info.farZ);
    const double B = 1.0 / (inverseFar - inverseNear);
    const double A = -B * inverseNear;
    const int width = info.subImage.imageRect.extent.width;
    const int height = info.subImage.imageRect.extent.height;
    std::vector<float> distances(static_cast<std::size_t>(width) * height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            float depth;
            std::memcpy(&depth, bytes.data() + (static_cast<std::size_t>(y) * width + x) * 4, 4);
            const double t = (depth - info.minDepth) / static_cast<double>(info.maxDepth - info.minDepth);
            // PFM rows run bottom to top.
            distances[static_cast<std::size_t>(height - 1 - y) * width + x] =
                t == A ? std::numeric_limits<float>::infinity() : static_cast<float>(B / (t - A));
        }
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) return "cannot write " + path;
    std::fprintf(file, "Pf\n%d %d\n-1.0\n", width, height); // one channel, little-endian
    const bool written = std::fwrite(distances.data(), sizeof(float), distances.size(), file) == distances.size();
    return std::fclose(file) == 0 && written ? "" : "cannot write " + path;
}

} // namespace xrs::xrsim
