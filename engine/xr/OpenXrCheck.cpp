#include "xr/OpenXrCheck.h"

#include "core/Log.h"

#include <openxr/openxr_reflection.h>

#include <cstdio>
#include <cstdlib>

namespace xrs::xr {

const char* xrResultName(XrResult result) {
    switch (result) {
#define XRS_XR_RESULT_CASE(name, value) \
    case name: return #name;
        XR_LIST_ENUM_XrResult(XRS_XR_RESULT_CASE)
#undef XRS_XR_RESULT_CASE
    default: break;
    }
    thread_local char unknown[32];
    std::snprintf(unknown, sizeof unknown, "XrResult(%d)", static_cast<int>(result));
    return unknown;
}

void xrCheckFailed(const char* call, XrResult result, const char* file, int line) {
    XRS_LOG_ERROR("{} failed: {} ({}:{})", call, xrResultName(result), file, line);
    std::abort();
}

} // namespace xrs::xr
