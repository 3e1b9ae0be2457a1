// Swapchains: formats, creation on the application's device, and the acquire / wait / release
// cycle with the call-order rules of the spec.
#include "Api.h"

#include <algorithm>

namespace xrs::xrsim {

namespace {

Swapchain* findSwapchain(XrSwapchain handle) { return runtime().swapchains.find(handle); }

} // namespace

namespace api {

XrResult xrEnumerateSwapchainFormats(XrSession sessionHandle, std::uint32_t capacity, std::uint32_t* countOutput,
                                     std::int64_t* formats) {
    XRS_SIM_SESSION(session, sessionHandle);
    return fillArray(capacity, countOutput, formats, supportedSwapchainFormats());
}

XrResult xrCreateSwapchain(XrSession sessionHandle, const XrSwapchainCreateInfo* info, XrSwapchain* swapchainOut) {
    XRS_SIM_SESSION(session, sessionHandle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_SWAPCHAIN_CREATE_INFO);
    if (swapchainOut == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    const auto formats = supportedSwapchainFormats();
    if (std::find(formats.begin(), formats.end(), info->format) == formats.end())
        return XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED;
    if (info->width == 0 || info->height == 0 || info->width > kMaxSwapchainSize || info->height > kMaxSwapchainSize ||
        info->arraySize == 0 || info->mipCount == 0 || (info->faceCount != 1 && info->faceCount != 6))
        return XR_ERROR_VALIDATION_FAILURE;
    const std::uint32_t samples = info->sampleCount;
    if (samples != 1 && samples != 2 && samples != 4) return XR_ERROR_FEATURE_UNSUPPORTED;
    if (info->createFlags != 0) return XR_ERROR_FEATURE_UNSUPPORTED; // no protected/static images
    // A compositor without texture arrays (the script's array_swapchains: false).
    if (info->arraySize > 1 && !session->instance->script.arraySwapchains) return XR_ERROR_FEATURE_UNSUPPORTED;
    auto swapchain = std::make_unique<Swapchain>();
    swapchain->session = session;
    swapchain->info = *info;
    swapchain->info.next = nullptr;
    if (VkResult r = allocateSwapchainImages(*swapchain); r != VK_SUCCESS) {
        destroySwapchainImages(*swapchain);
        logSim("swapchain image allocation failed (VkResult %d)", static_cast<int>(r));
        return XR_ERROR_RUNTIME_FAILURE;
    }
    *swapchainOut = runtime().swapchains.add<XrSwapchain>(std::move(swapchain));
    return XR_SUCCESS;
}

XrResult xrDestroySwapchain(XrSwapchain handle) {
    Swapchain* swapchain = findSwapchain(handle);
    if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
    destroySwapchainImages(*swapchain);
    runtime().swapchains.remove(swapchain);
    return XR_SUCCESS;
}

XrResult xrEnumerateSwapchainImages(XrSwapchain handle, std::uint32_t capacity, std::uint32_t* countOutput,
                                    XrSwapchainImageBaseHeader* images) {
    Swapchain* swapchain = findSwapchain(handle);
    if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (swapchain->session->instance->lost) return XR_ERROR_INSTANCE_LOST;
    if (countOutput == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    const auto count = static_cast<std::uint32_t>(swapchain->images.size());
    *countOutput = count;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < count) return XR_ERROR_SIZE_INSUFFICIENT;
    if (images == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    auto* vulkanImages = reinterpret_cast<XrSwapchainImageVulkanKHR*>(images);
    for (std::uint32_t i = 0; i < count; ++i) {
        if (vulkanImages[i].type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN_KHR) return XR_ERROR_VALIDATION_FAILURE;
        vulkanImages[i].image = swapchain->images[i];
    }
    return XR_SUCCESS;
}

XrResult xrAcquireSwapchainImage(XrSwapchain handle, const XrSwapchainImageAcquireInfo* info, std::uint32_t* index) {
    Swapchain* swapchain = findSwapchain(handle);
    if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (swapchain->session->instance->lost) return XR_ERROR_INSTANCE_LOST;
    if (info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (index == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (swapchain->acquired.size() == swapchain->images.size()) return XR_ERROR_CALL_ORDER_INVALID;
    const std::uint32_t next = swapchain->nextAcquire;
    if (prepareImageLayout(*swapchain, next) != VK_SUCCESS) return XR_ERROR_RUNTIME_FAILURE;
    swapchain->nextAcquire = (next + 1) % static_cast<std::uint32_t>(swapchain->images.size());
    swapchain->acquired.push_back(next);
    *index = next;
    return XR_SUCCESS;
}

XrResult xrWaitSwapchainImage(XrSwapchain handle, const XrSwapchainImageWaitInfo* info) {
    Swapchain* swapchain = findSwapchain(handle);
    if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (swapchain->session->instance->lost) return XR_ERROR_INSTANCE_LOST;
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
    // Only the oldest acquired image can be waited on, and only once.
    if (swapchain->acquired.empty() || swapchain->frontWaited) return XR_ERROR_CALL_ORDER_INVALID;
    swapchain->frontWaited = true; // the simulated compositor never holds an image: no timeout
    return XR_SUCCESS;
}

XrResult xrReleaseSwapchainImage(XrSwapchain handle, const XrSwapchainImageReleaseInfo* info) {
    Swapchain* swapchain = findSwapchain(handle);
    if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (swapchain->session->instance->lost) return XR_ERROR_INSTANCE_LOST;
    if (info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (swapchain->acquired.empty() || !swapchain->frontWaited) return XR_ERROR_CALL_ORDER_INVALID;
    swapchain->lastReleased = swapchain->acquired.front();
    swapchain->acquired.pop_front();
    swapchain->frontWaited = false;
    return XR_SUCCESS;
}

} // namespace api
} // namespace xrs::xrsim
