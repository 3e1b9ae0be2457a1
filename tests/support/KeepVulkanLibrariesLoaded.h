#pragma once
// Leak checking (ASan builds): keep the Khronos validation layer and the lavapipe driver mapped
// for the whole test process. Otherwise the Vulkan loader dlclose()s them at vkDestroyInstance
// and LeakSanitizer shows their leftovers as "<unknown module>", which no suppression in
// tests/sanitizers/lsan.supp can match. Every test that creates a Vulkan instance calls it
// (makeGpuContext() does; tests creating the context the OpenXR runtime's way call it directly).
#include <dlfcn.h>

namespace xrs::test {

inline void keepVulkanLibrariesLoaded() {
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
