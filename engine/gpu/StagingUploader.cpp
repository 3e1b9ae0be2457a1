#include "gpu/StagingUploader.h"

#include "core/Assert.h"
#include "core/Log.h"
#include "gpu/Barriers.h"
#include "gpu/Context.h"

#include <algorithm>

namespace xrs::gpu {
namespace {

bool canBlitLinear(Context& context, VkFormat format) {
    VkFormatProperties props;
    vkGetPhysicalDeviceFormatProperties(context.physicalDevice(), format, &props);
    const VkFormatFeatureFlags needed = VK_FORMAT_FEATURE_BLIT_SRC_BIT |
                                        VK_FORMAT_FEATURE_BLIT_DST_BIT |
                                        VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
    return (props.optimalTilingFeatures & needed) == needed;
}

std::int32_t mipDim(std::uint32_t base, std::uint32_t mip) {
    return static_cast<std::int32_t>(std::max(1u, base >> mip));
}

} // namespace

StagingUploader::~StagingUploader() {
    if (!recorded_.empty()) flush();
}

Result<Buffer*> StagingUploader::stage(std::span<const std::byte> bytes) {
    auto buffer = Buffer::create(context_, bytes.size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                 MemoryUsage::Upload, "staging");
    if (!buffer) return buffer.error();
    buffer->write(bytes);
    staging_.push_back(std::move(*buffer));
    return &staging_.back();
}

Status StagingUploader::uploadToBuffer(const Buffer& destination, std::span<const std::byte> bytes,
                                       VkDeviceSize destinationOffset) {
    if (bytes.empty()) return {};
    XRS_EXPECT(destinationOffset + bytes.size() <= destination.size(), "upload past buffer end");
    auto staged = stage(bytes);
    if (!staged) return staged.error();
    VkBuffer source = (*staged)->handle();
    VkBuffer target = destination.handle();
    const VkBufferCopy region{0, destinationOffset, bytes.size()};
    recorded_.push_back([=](VkCommandBuffer cmd) {
        vkCmdCopyBuffer(cmd, source, target, 1, &region);
        // Vertex/index/uniform reads of the next submission see the data (flush waits, so a
        // memory barrier here only orders against later commands in this same batch).
        memoryBarrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                      VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, VK_ACCESS_2_MEMORY_READ_BIT);
    });
    return {};
}

void recordTextureUpload(Context& context, VkCommandBuffer cmd, VkBuffer source, VkImage image,
                         const ImageDesc& desc, std::uint32_t layer) {
    XRS_EXPECT(layer < desc.layers, "texture layer out of range");
    const bool blitMips = desc.mipLevels > 1 && canBlitLinear(context, desc.format);
    if (desc.mipLevels > 1 && !blitMips)
        XRS_LOG_WARN("format {} cannot be blitted linearly; texture keeps only mip 0",
                     static_cast<int>(desc.format));
    const std::uint32_t mips = desc.mipLevels;
    const VkExtent2D extent = desc.extent;

    transition(cmd, {.image = image,
                     .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
                     .newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                     .dstStage = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                     .dstAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                     .baseLayer = layer,
                     .layerCount = 1});
    VkBufferImageCopy copy{};
    copy.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
    copy.imageExtent = {extent.width, extent.height, 1};
    vkCmdCopyBufferToImage(cmd, source, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &copy);

    // Each mip is blitted from the previous one: move that one to TRANSFER_SRC first.
    const std::uint32_t filled = blitMips ? mips : 1;
    for (std::uint32_t mip = 1; mip < filled; ++mip) {
        transition(cmd, {.image = image,
                         .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                         .newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                         .srcStage = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                         .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                         .dstStage = VK_PIPELINE_STAGE_2_BLIT_BIT,
                         .dstAccess = VK_ACCESS_2_TRANSFER_READ_BIT,
                         .baseMip = mip - 1,
                         .mipCount = 1,
                         .baseLayer = layer,
                         .layerCount = 1});
        VkImageBlit blit{};
        blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, mip - 1, layer, 1};
        blit.srcOffsets[1] = {mipDim(extent.width, mip - 1), mipDim(extent.height, mip - 1), 1};
        blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, mip, layer, 1};
        blit.dstOffsets[1] = {mipDim(extent.width, mip), mipDim(extent.height, mip), 1};
        vkCmdBlitImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
    }
    // Mips [0, filled-1) are TRANSFER_SRC, the last filled one is TRANSFER_DST; any
    // unfilled mips (no linear blit) are still TRANSFER_DST with undefined content.
    if (filled > 1)
        transition(cmd, {.image = image,
                         .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                         .newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                         .srcStage = VK_PIPELINE_STAGE_2_BLIT_BIT,
                         .srcAccess = VK_ACCESS_2_TRANSFER_READ_BIT,
                         .dstStage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                         .dstAccess = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT,
                         .baseMip = 0,
                         .mipCount = filled - 1,
                         .baseLayer = layer,
                         .layerCount = 1});
    transition(cmd, {.image = image,
                     .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                     .newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                     .srcStage = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                     .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                     .dstStage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                     .dstAccess = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT,
                     .baseMip = filled - 1,
                     .mipCount = mips - (filled - 1),
                     .baseLayer = layer,
                     .layerCount = 1});
}

Status StagingUploader::uploadTexture(const Image& destination, std::span<const std::byte> texels,
                                      std::uint32_t layer) {
    XRS_EXPECT(layer < destination.desc().layers, "texture layer out of range");
    auto staged = stage(texels);
    if (!staged) return staged.error();
    VkBuffer source = (*staged)->handle();
    VkImage image = destination.handle();
    const ImageDesc desc = destination.desc();
    Context* context = &context_;
    recorded_.push_back([=](VkCommandBuffer cmd) {
        recordTextureUpload(*context, cmd, source, image, desc, layer);
    });
    return {};
}

void StagingUploader::flush() {
    if (recorded_.empty()) return;
    context_.submitImmediately([&](VkCommandBuffer cmd) {
        for (auto& record : recorded_) record(cmd);
    });
    recorded_.clear();
    staging_.clear();
}

} // namespace xrs::gpu
