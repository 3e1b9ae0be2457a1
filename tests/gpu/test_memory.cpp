#include "GpuTest.h"

#include "gpu/Buffer.h"
#include "gpu/Image.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace xrs;

TEST_CASE("small buffers share one memory block and are reused after free", "[gpu][memory]") {
    XRS_GPU_TEST_CONTEXT(context);
    auto& allocator = context.allocator();
    const auto before = allocator.stats();
    {
        std::vector<gpu::Buffer> buffers;
        for (int i = 0; i < 200; ++i) {
            auto buffer = gpu::Buffer::create(context, 4096 + 16 * static_cast<VkDeviceSize>(i),
                                              VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                                              gpu::MemoryUsage::GpuOnly, "test");
            REQUIRE(buffer.ok());
            buffers.push_back(std::move(*buffer));
        }
        const auto full = allocator.stats();
        CHECK(full.allocationCount == before.allocationCount + 200);
        CHECK(full.blockCount == before.blockCount + 1); // 200 x ~5 KiB fit one 64 MiB block
        CHECK(full.bytesUsed >= before.bytesUsed + 200 * 4096);

        buffers.erase(buffers.begin(), buffers.begin() + 100);
        for (int i = 0; i < 100; ++i) {
            auto buffer = gpu::Buffer::create(context, 4096, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                                              gpu::MemoryUsage::GpuOnly, "test");
            REQUIRE(buffer.ok());
            buffers.push_back(std::move(*buffer));
        }
        CHECK(allocator.stats().blockCount == full.blockCount); // freed ranges were reused
    }
    const auto after = allocator.stats();
    CHECK(after.allocationCount == before.allocationCount);
    CHECK(after.bytesUsed == before.bytesUsed);
    test::requireValidationClean(context);
}

TEST_CASE("a resource larger than half a block gets a dedicated allocation", "[gpu][memory]") {
    XRS_GPU_TEST_CONTEXT(context);
    auto& allocator = context.allocator();
    const auto before = allocator.stats();
    {
        auto big = gpu::Buffer::create(context, gpu::MemoryAllocator::kDefaultBlockSize,
                                       VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUsage::GpuOnly, "big");
        REQUIRE(big.ok());
        CHECK(allocator.stats().dedicatedCount == before.dedicatedCount + 1);
    }
    CHECK(allocator.stats().dedicatedCount == before.dedicatedCount);
    test::requireValidationClean(context);
}

TEST_CASE("upload and readback buffers are host-visible, images are placed aligned", "[gpu][memory]") {
    XRS_GPU_TEST_CONTEXT(context);
    auto upload = gpu::Buffer::create(context, 1000, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                      gpu::MemoryUsage::Upload, "upload");
    REQUIRE(upload.ok());
    CHECK(upload->mapped() != nullptr);
    auto device = gpu::Buffer::create(context, 1000, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                      gpu::MemoryUsage::GpuOnly, "device");
    REQUIRE(device.ok());

    gpu::ImageDesc desc;
    desc.format = VK_FORMAT_R8G8B8A8_UNORM;
    desc.extent = {300, 200};
    desc.mipLevels = gpu::mipCountFor(desc.extent);
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    CHECK(desc.mipLevels == 9); // 300 -> 150 -> 75 -> 37 -> 18 -> 9 -> 4 -> 2 -> 1
    auto image = gpu::Image::create(context, desc, "image");
    REQUIRE(image.ok());
    CHECK(image->view() != VK_NULL_HANDLE);

    desc.extent = {context.properties().limits.maxImageDimension2D + 1, 4};
    desc.mipLevels = 1;
    auto tooBig = gpu::Image::create(context, desc, "too big");
    REQUIRE_FALSE(tooBig.ok());
    CHECK_THAT(tooBig.error().message, Catch::Contains("too big") && Catch::Contains("maximum image size"));
    test::requireValidationClean(context);
}
