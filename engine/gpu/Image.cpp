#include "gpu/Image.h"

#include "core/Assert.h"
#include "gpu/Context.h"
#include "gpu/VkCheck.h"

#include <algorithm>
#include <bit>

namespace xrs::gpu {

std::uint32_t mipCountFor(VkExtent2D extent) {
    return static_cast<std::uint32_t>(std::bit_width(std::max(extent.width, extent.height)));
}

VkImageAspectFlags aspectOf(VkFormat format) {
    switch (format) {
    case VK_FORMAT_D16_UNORM:
    case VK_FORMAT_D32_SFLOAT:
    case VK_FORMAT_X8_D24_UNORM_PACK32: return VK_IMAGE_ASPECT_DEPTH_BIT;
    case VK_FORMAT_D24_UNORM_S8_UINT:
    case VK_FORMAT_D32_SFLOAT_S8_UINT:
    case VK_FORMAT_D16_UNORM_S8_UINT: return VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT;
    default: return VK_IMAGE_ASPECT_COLOR_BIT;
    }
}

Result<Image> Image::create(Context& context, const ImageDesc& desc, const char* name) {
    XRS_EXPECT(desc.extent.width > 0 && desc.extent.height > 0, "zero-sized image");
    XRS_EXPECT(desc.mipLevels >= 1 && desc.layers >= 1, "image needs a mip and a layer");
    const auto& limits = context.properties().limits;
    if (desc.extent.width > limits.maxImageDimension2D ||
        desc.extent.height > limits.maxImageDimension2D)
        return fail(name, ": ", std::to_string(desc.extent.width), "x",
                    std::to_string(desc.extent.height), " exceeds the device's maximum image size ",
                    std::to_string(limits.maxImageDimension2D));

    VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    info.imageType = VK_IMAGE_TYPE_2D;
    info.format = desc.format;
    info.extent = {desc.extent.width, desc.extent.height, 1};
    info.mipLevels = desc.mipLevels;
    info.arrayLayers = desc.layers;
    info.samples = desc.samples;
    info.tiling = VK_IMAGE_TILING_OPTIMAL;
    info.usage = desc.usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;

    Image image;
    image.context_ = &context;
    image.desc_ = desc;
    XRS_VK_CHECK(vkCreateImage(context.device(), &info, nullptr, &image.image_));
    VkMemoryRequirements requirements;
    vkGetImageMemoryRequirements(context.device(), image.image_, &requirements);
    auto allocation = context.allocator().allocate(requirements, MemoryUsage::GpuOnly, name);
    if (!allocation) return allocation.error();
    image.allocation_ = *allocation;
    XRS_VK_CHECK(vkBindImageMemory(context.device(), image.image_, image.allocation_.memory,
                                   image.allocation_.offset));
    image.view_ = image.createView(desc.viewType, 0, desc.layers, 0, desc.mipLevels);
    context.setName(VK_OBJECT_TYPE_IMAGE, reinterpret_cast<std::uint64_t>(image.image_), name);
    return image;
}

VkImageView Image::createView(VkImageViewType type, std::uint32_t baseLayer,
                              std::uint32_t layerCount, std::uint32_t baseMip,
                              std::uint32_t mipCount) const {
    VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    info.image = image_;
    info.viewType = type;
    info.format = desc_.format;
    info.subresourceRange = {aspect(), baseMip, mipCount, baseLayer, layerCount};
    VkImageView view = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreateImageView(context_->device(), &info, nullptr, &view));
    return view;
}

Image& Image::operator=(Image&& other) noexcept {
    if (this != &other) {
        destroy();
        context_ = std::exchange(other.context_, nullptr);
        image_ = std::exchange(other.image_, VK_NULL_HANDLE);
        view_ = std::exchange(other.view_, VK_NULL_HANDLE);
        desc_ = other.desc_;
        allocation_ = std::exchange(other.allocation_, {});
    }
    return *this;
}

void Image::destroy() {
    if (!context_) return;
    if (view_) vkDestroyImageView(context_->device(), view_, nullptr);
    if (image_) vkDestroyImage(context_->device(), image_, nullptr);
    context_->allocator().free(allocation_);
    image_ = VK_NULL_HANDLE;
    view_ = VK_NULL_HANDLE;
    allocation_ = {};
    context_ = nullptr;
}

} // namespace xrs::gpu
