#include "GpuTest.h"

#include "gpu/Barriers.h"
#include "gpu/Buffer.h"
#include "gpu/Image.h"
#include "gpu/StagingUploader.h"

#include <catch2/catch.hpp>

#include <array>
#include <numeric>
#include <vector>

using namespace xrs;

namespace {

// Copies one mip of a colour image (in SHADER_READ_ONLY_OPTIMAL) into host memory.
std::vector<std::uint8_t> readMip(gpu::Context& context, const gpu::Image& image, std::uint32_t mip) {
    const VkExtent2D extent{std::max(1u, image.desc().extent.width >> mip),
                            std::max(1u, image.desc().extent.height >> mip)};
    const VkDeviceSize bytes = VkDeviceSize{extent.width} * extent.height * 4;
    auto readback = gpu::Buffer::create(context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                        gpu::MemoryUsage::Readback, "readback");
    REQUIRE(readback.ok());
    context.submitImmediately([&](VkCommandBuffer cmd) {
        gpu::transition(cmd, {.image = image.handle(),
                              .oldLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                              .newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                              .srcStage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                              .dstStage = VK_PIPELINE_STAGE_2_COPY_BIT,
                              .dstAccess = VK_ACCESS_2_TRANSFER_READ_BIT,
                              .baseMip = mip,
                              .mipCount = 1});
        VkBufferImageCopy region{};
        region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, mip, 0, 1};
        region.imageExtent = {extent.width, extent.height, 1};
        vkCmdCopyImageToBuffer(cmd, image.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                               readback->handle(), 1, &region);
        gpu::memoryBarrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                           VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_READ_BIT);
    });
    const auto* data = reinterpret_cast<const std::uint8_t*>(readback->mapped());
    return {data, data + bytes};
}

// 8x8 texture of vertical stripes one texel wide: black, white, black, ...
std::vector<std::uint8_t> stripes() {
    std::vector<std::uint8_t> texels(8 * 8 * 4);
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x)
            for (int c = 0; c < 4; ++c)
                texels[static_cast<std::size_t>((y * 8 + x) * 4 + c)] =
                    c == 3 ? 255 : static_cast<std::uint8_t>((x % 2) * 255);
    return texels;
}

std::uint8_t uploadStripesAndReadMip1(gpu::Context& context, VkFormat format) {
    gpu::ImageDesc desc;
    desc.format = format;
    desc.extent = {8, 8};
    desc.mipLevels = 4;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                 VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    auto image = gpu::Image::create(context, desc, "stripes");
    REQUIRE(image.ok());
    gpu::StagingUploader uploader(context);
    const auto texels = stripes();
    REQUIRE(uploader.uploadTexture(*image, std::as_bytes(std::span(texels))).ok());
    uploader.flush();
    const auto mip1 = readMip(context, *image, 1);
    REQUIRE(mip1.size() == 4 * 4 * 4);
    // Every texel of mip 1 averages one black and one white column.
    for (std::size_t i = 0; i < mip1.size(); i += 4) {
        CHECK(mip1[i] == mip1[0]);
        CHECK(mip1[i + 3] == 255);
    }
    return mip1[0];
}

} // namespace

TEST_CASE("staged buffer uploads arrive intact", "[gpu][upload]") {
    XRS_GPU_TEST_CONTEXT(context);
    std::vector<std::uint32_t> values(10000);
    std::iota(values.begin(), values.end(), 7u);
    const VkDeviceSize bytes = values.size() * sizeof(std::uint32_t);
    auto device = gpu::Buffer::create(context, bytes + 64,
                                      VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                      gpu::MemoryUsage::GpuOnly, "device");
    auto readback = gpu::Buffer::create(context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                        gpu::MemoryUsage::Readback, "readback");
    REQUIRE(device.ok());
    REQUIRE(readback.ok());
    gpu::StagingUploader uploader(context);
    REQUIRE(uploader.uploadToBuffer(*device, std::as_bytes(std::span(values)), 64).ok());
    uploader.flush();
    context.submitImmediately([&](VkCommandBuffer cmd) {
        const VkBufferCopy region{64, 0, bytes};
        vkCmdCopyBuffer(cmd, device->handle(), readback->handle(), 1, &region);
        gpu::memoryBarrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                           VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_READ_BIT);
    });
    const auto* result = reinterpret_cast<const std::uint32_t*>(readback->mapped());
    CHECK(std::equal(values.begin(), values.end(), result));
    test::requireValidationClean(context);
}

TEST_CASE("texture mips are averaged on the GPU, in linear light for sRGB", "[gpu][upload]") {
    XRS_GPU_TEST_CONTEXT(context);
    // UNORM: (0 + 255) / 2. sRGB: the blit filters in linear space, so the average of sRGB 0
    // and 255 is linear 0.5, which encodes to sRGB 188 (a gamma-naive average would give 128).
    const std::uint8_t unorm = uploadStripesAndReadMip1(context, VK_FORMAT_R8G8B8A8_UNORM);
    CHECK(unorm >= 127);
    CHECK(unorm <= 128);
    const std::uint8_t srgb = uploadStripesAndReadMip1(context, VK_FORMAT_R8G8B8A8_SRGB);
    CHECK(srgb >= 186);
    CHECK(srgb <= 190);
    test::requireValidationClean(context);
}
