#include "gpu/DriverQuirks.h"

#include "core/Log.h"

#include <cstdlib>
#include <cstring>

namespace xrs::gpu {
namespace {

bool disabledByEnvironment(const char* name) {
    const char* value = std::getenv(name);
    return value && std::strcmp(value, "1") == 0;
}

} // namespace

DriverQuirks detectDriverQuirks(VkDriverId driver) {
    DriverQuirks quirks;
    if (driver == VK_DRIVER_ID_MESA_LLVMPIPE && !disabledByEnvironment("XRS_NO_QUIRK_SPLIT_MULTIVIEW")) {
        quirks.splitMultiviewPasses = true;
        XRS_LOG_DEBUG("driver quirk: one single-view pass per eye (lavapipe multiview clipping)");
    }
    return quirks;
}

} // namespace xrs::gpu
