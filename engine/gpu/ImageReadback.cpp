#include "gpu/ImageReadback.h"

#include "core/Assert.h"
#include "gpu/Barriers.h"

#include <cstring>

namespace xrs::gpu {

Result<ImageReadback> ImageReadback::create(Context& context, VkExtent2D extent,
                                            std::uint32_t layers) {
    ImageReadback readback;
    const VkDeviceSize bytes = VkDeviceSize{extent.width} * extent.height * 4 * layers;
    auto buffer = Buffer::create(context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                 MemoryUsage::Readback, "readback");
    if (!buffer) return buffer.error();
    readback.buffer_ = std::move(*buffer);
    readback.extent_ = extent;
    readback.layers_ = layers;
    return readback;
}

void ImageReadback::record(VkCommandBuffer cmd, const Image& image) const {
    const ImageDesc& desc = image.desc();
    XRS_EXPECT(desc.extent.width == extent_.width && desc.extent.height == extent_.height &&
                   desc.layers == layers_,
               "readback size does not match the image");
    XRS_EXPECT(desc.format == VK_FORMAT_R8G8B8A8_SRGB || desc.format == VK_FORMAT_R8G8B8A8_UNORM ||
                   desc.format == VK_FORMAT_B8G8R8A8_SRGB || desc.format == VK_FORMAT_B8G8R8A8_UNORM,
               "readback supports 8-bit RGBA/BGRA images");
    // An earlier frame may have copied into the same buffer: order the two writes.
    memoryBarrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);

    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers_};
    region.imageExtent = {extent_.width, extent_.height, 1};
    vkCmdCopyImageToBuffer(cmd, image.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                           buffer_.handle(), 1, &region);
    // Make the transfer's writes visible to the host read after the fence.
    memoryBarrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                  VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_READ_BIT);
}

ImageRGBA8 ImageReadback::layer(std::uint32_t index) const {
    XRS_EXPECT(index < layers_, "readback layer out of range");
    ImageRGBA8 image(static_cast<int>(extent_.width), static_cast<int>(extent_.height));
    const std::size_t layerBytes = image.byteSize();
    std::memcpy(image.pixels.data(), buffer_.mapped() + layerBytes * index, layerBytes);
    return image;
}

} // namespace xrs::gpu
