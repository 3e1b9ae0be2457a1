#pragma once
// Leak checking (ASan builds), as tests/support/GpuTest.cpp does for makeGpuContext(): these
// tests create their Vulkan context the OpenXR runtime's way, so they keep the validation layer
// and the driver mapped themselves. Otherwise the Vulkan loader dlclose()s them at
// vkDestroyInstance and LeakSanitizer shows their leftovers as "<unknown module>", which no
// suppression in tests/sanitizers/lsan.supp can match.
#include <dlfcn.h>

namespace xrs::test {

inline void keepValidationLayerLoaded() {
#if defined(__SANITIZE_ADDRESS__)
    static const bool loaded = [] {
        for (const char* library : {"libVkLayer_khronos_validation.so", "libvulkan_lvp.so"})
            dlopen(library, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
        return true;
    }();
    (void)loaded;
#endif
}

} // namespace xrs::test
