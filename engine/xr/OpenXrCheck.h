#pragma once
// The OpenXR headers as the engine uses them (Vulkan graphics binding) and the result tier of
// error handling: results that are part of normal operation (session loss, instance loss, no
// runtime) are handled where they occur; XRS_XR_CHECK is for calls that cannot fail unless the
// program is wrong, and aborts with the call, file, line and result name.
#include <vulkan/vulkan.h>
#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

namespace xrs::xr {

// "XR_ERROR_SESSION_LOST", or "XrResult(-1234)" for values the headers do not know.
const char* xrResultName(XrResult result);

[[noreturn]] void xrCheckFailed(const char* call, XrResult result, const char* file, int line);

} // namespace xrs::xr

#define XRS_XR_CHECK(call)                                                     \
    do {                                                                       \
        const XrResult xrsCheckResult_ = (call);                               \
        if (XR_FAILED(xrsCheckResult_))                                        \
            ::xrs::xr::xrCheckFailed(#call, xrsCheckResult_, __FILE__, __LINE__); \
    } while (false)
