#pragma once
// Tier two of error handling: Vulkan results. XRS_VK_CHECK is for calls that must not fail in a
// correct program on a working device (creation calls, submits); it logs the expression, the
// file and line and the result's name, then aborts. Results that are part of normal operation
// (VK_SUBOPTIMAL_KHR, VK_ERROR_OUT_OF_DATE_KHR, VK_TIMEOUT) are checked by the caller explicitly.
#include <vulkan/vulkan.h>

namespace xrs::gpu {

const char* resultName(VkResult result);

namespace detail {
[[noreturn]] void vulkanCallFailed(const char* expression, VkResult result, const char* file,
                                   int line);
}

} // namespace xrs::gpu

#define XRS_VK_CHECK(expression)                                                               \
    do {                                                                                       \
        const VkResult xrs_vk_result_ = (expression);                                          \
        if (xrs_vk_result_ != VK_SUCCESS) [[unlikely]]                                         \
            ::xrs::gpu::detail::vulkanCallFailed(#expression, xrs_vk_result_, __FILE__,        \
                                                 __LINE__);                                    \
    } while (false)
