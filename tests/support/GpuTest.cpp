#include "GpuTest.h"
#include "KeepVulkanLibrariesLoaded.h"

#include <catch2/catch.hpp>

#include <string>

namespace xrs::test {

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
