#pragma once
// A VkImage, its memory and one default view covering all mips and layers: move-only.
// Extra views (one per layer, for example) are owned by whoever needs them.
#include "core/Result.h"
#include "gpu/MemoryAllocator.h"

namespace xrs::gpu {

struct ImageDesc {
    VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
    VkExtent2D extent{1, 1};
    std::uint32_t mipLevels = 1;
    std::uint32_t layers = 1;
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    VkImageUsageFlags usage = VK_IMAGE_USAGE_SAMPLED_BIT;
    VkImageViewType viewType = VK_IMAGE_VIEW_TYPE_2D; // 2D_ARRAY for multiview targets
};

// Full mip chain length for an extent: floor(log2(max(w, h))) + 1.
std::uint32_t mipCountFor(VkExtent2D extent);
VkImageAspectFlags aspectOf(VkFormat format);

class Image {
public:
    Image() = default;
    static Result<Image> create(Context& context, const ImageDesc& desc, const char* name);
    ~Image() { destroy(); }
    Image(Image&& other) noexcept { *this = std::move(other); }
    Image& operator=(Image&& other) noexcept;
    Image(const Image&) = delete;
    Image& operator=(const Image&) = delete;

    VkImage handle() const { return image_; }
    VkImageView view() const { return view_; }
    const ImageDesc& desc() const { return desc_; }
    VkImageAspectFlags aspect() const { return aspectOf(desc_.format); }
    bool valid() const { return image_ != VK_NULL_HANDLE; }

    // Creates a view onto a sub-range (the caller owns and destroys it).
    VkImageView createView(VkImageViewType type, std::uint32_t baseLayer, std::uint32_t layerCount,
                           std::uint32_t baseMip = 0, std::uint32_t mipCount = 1) const;

private:
    void destroy();

    Context* context_ = nullptr;
    VkImage image_ = VK_NULL_HANDLE;
    VkImageView view_ = VK_NULL_HANDLE;
    ImageDesc desc_;
    Allocation allocation_;
};

} // namespace xrs::gpu
