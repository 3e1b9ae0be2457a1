#include "GpuTest.h"

#include "gpu/Buffer.h"
#include "gpu/VkCheck.h"

#include <catch2/catch.hpp>

using namespace xrs;

TEST_CASE("the context picks a device that has what the renderer needs", "[gpu]") {
    XRS_GPU_TEST_CONTEXT(context);
    const auto& info = context.info();
    INFO(context.describe());
    CHECK_FALSE(info.name.empty());
    CHECK(context.properties().apiVersion >= VK_API_VERSION_1_3);
    CHECK(context.validationEnabled());
    // lavapipe is the CPU device; it needs the split-multiview workaround.
    if (info.driverName.find("llvmpipe") != std::string::npos) {
        CHECK(info.isSoftware);
        CHECK(info.typeName == "CPU (software rasterizer)");
        CHECK(context.quirks().splitMultiviewPasses);
    }
    test::requireValidationClean(context);
}

TEST_CASE("the validation messenger counts what the layer reports", "[gpu]") {
    XRS_GPU_TEST_CONTEXT(context);
    REQUIRE(context.validation().errorCount() == 0);
    // A buffer without any usage bit breaks VUID-VkBufferCreateInfo-usage-requiredbitmask.
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = 256;
    info.usage = 0;
    VkBuffer buffer = VK_NULL_HANDLE;
    vkCreateBuffer(context.device(), &info, nullptr, &buffer);
    if (buffer) vkDestroyBuffer(context.device(), buffer, nullptr);
    CHECK(context.validation().errorCount() >= 1);
    const auto messages = context.validation().firstMessages();
    REQUIRE_FALSE(messages.empty());
    CHECK_THAT(messages.front(), Catch::Contains("usage"));
}

TEST_CASE("Vulkan results have readable names", "[gpu]") {
    CHECK(std::string(gpu::resultName(VK_ERROR_DEVICE_LOST)) == "VK_ERROR_DEVICE_LOST");
    CHECK(std::string(gpu::resultName(VK_SUBOPTIMAL_KHR)) == "VK_SUBOPTIMAL_KHR");
    CHECK(std::string(gpu::resultName(static_cast<VkResult>(-123456))) == "VK_RESULT_UNKNOWN");
}
