#include "gpu/VkCheck.h"

#include "core/Log.h"

#include <cstdlib>

namespace xrs::gpu {

const char* resultName(VkResult result) {
    switch (result) {
#define XRS_RESULT_CASE(name) case name: return #name;
        XRS_RESULT_CASE(VK_SUCCESS)
        XRS_RESULT_CASE(VK_NOT_READY)
        XRS_RESULT_CASE(VK_TIMEOUT)
        XRS_RESULT_CASE(VK_EVENT_SET)
        XRS_RESULT_CASE(VK_EVENT_RESET)
        XRS_RESULT_CASE(VK_INCOMPLETE)
        XRS_RESULT_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
        XRS_RESULT_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
        XRS_RESULT_CASE(VK_ERROR_INITIALIZATION_FAILED)
        XRS_RESULT_CASE(VK_ERROR_DEVICE_LOST)
        XRS_RESULT_CASE(VK_ERROR_MEMORY_MAP_FAILED)
        XRS_RESULT_CASE(VK_ERROR_LAYER_NOT_PRESENT)
        XRS_RESULT_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
        XRS_RESULT_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
        XRS_RESULT_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
        XRS_RESULT_CASE(VK_ERROR_TOO_MANY_OBJECTS)
        XRS_RESULT_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
        XRS_RESULT_CASE(VK_ERROR_FRAGMENTED_POOL)
        XRS_RESULT_CASE(VK_ERROR_UNKNOWN)
        XRS_RESULT_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
        XRS_RESULT_CASE(VK_ERROR_INVALID_EXTERNAL_HANDLE)
        XRS_RESULT_CASE(VK_ERROR_FRAGMENTATION)
        XRS_RESULT_CASE(VK_ERROR_SURFACE_LOST_KHR)
        XRS_RESULT_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
        XRS_RESULT_CASE(VK_SUBOPTIMAL_KHR)
        XRS_RESULT_CASE(VK_ERROR_OUT_OF_DATE_KHR)
        XRS_RESULT_CASE(VK_ERROR_VALIDATION_FAILED_EXT)
#undef XRS_RESULT_CASE
    default: return "VK_RESULT_UNKNOWN";
    }
}

namespace detail {
void vulkanCallFailed(const char* expression, VkResult result, const char* file, int line) {
    XRS_LOG_ERROR("Vulkan call failed: {} returned {} ({}) at {}:{}", expression,
                  resultName(result), static_cast<int>(result), file, line);
    spdlog::default_logger()->flush();
    std::abort();
}
} // namespace detail

} // namespace xrs::gpu
