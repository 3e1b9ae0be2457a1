#include "GpuTest.h"

#include <catch2/catch.hpp>

#include <string>

#include <dlfcn.h>

namespace xrs::test {

namespace {

// Under AddressSanitizer, LeakSanitizer runs at exit, after the Vulkan loader has dlclose()d the
// validation layer and the driver: their allocations would then show as "<unknown module>" and
// could neither be read nor suppressed by library name (tests/sanitizers/lsan.supp). Keeping
// both libraries mapped for the whole process fixes that; it changes nothing else.
void keepVulkanLibrariesLoaded() {
#if defined(__SANITIZE_ADDRESS__)
    static const bool loaded = [] {
        for (const char* library : {"libVkLayer_khronos_validation.so", "libvulkan_lvp.so"})
            dlopen(library, RTLD_NOW | RTLD_NODELETE);
        return true;
    }();
    (void)loaded;
#endif
}

} // namespace

std::unique_ptr<gpu::Context> makeGpuContext() {
    keepVulkanLibrariesLoaded();
    gpu::ContextOptions options;
    options.validation = true;
    auto context = gpu::Context::create(options);
    if (!context) {
        WARN("GPU test skipped: " << context.error().message);
        return nullptr;
    }
    return std::move(*context);
}

void requireValidationClean(gpu::Context& context) {
    const auto& log = context.validation();
    std::string messages;
    for (const auto& message : log.firstMessages()) messages += "\n  " + message.substr(0, 600);
    INFO("validation: " << log.errorCount() << " errors, " << log.warningCount() << " warnings"
                        << messages);
    REQUIRE(log.errorCount() == 0);
    REQUIRE(log.warningCount() == 0);
}

bool isGoldenDevice(gpu::Context& context) {
    if (context.info().driverName.find("llvmpipe") != std::string::npos) return true;
    WARN("golden comparison skipped: goldens are pinned to lavapipe, this is " << context.describe());
    return false;
}

} // namespace xrs::test
