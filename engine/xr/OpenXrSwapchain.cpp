#include "xr/OpenXrSwapchain.h"

#include "core/Assert.h"
#include "gpu/VkCheck.h"

#include <algorithm>

namespace xrs::xr {
namespace {

gpu::ImageViewHandle createView(VkDevice device, VkImage image, VkFormat format, VkImageViewType type,
                                std::uint32_t baseLayer, std::uint32_t layers) {
    VkImageViewCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    info.image = image;
    info.viewType = type;
    info.format = format;
    info.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, baseLayer, layers};
    VkImageView view = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreateImageView(device, &info, nullptr, &view));
    return {device, view};
}

std::vector<std::int64_t> swapchainFormats(XrSession session) {
    std::uint32_t count = 0;
    XRS_XR_CHECK(xrEnumerateSwapchainFormats(session, 0, &count, nullptr));
    std::vector<std::int64_t> formats(count);
    XRS_XR_CHECK(xrEnumerateSwapchainFormats(session, count, &count, formats.data()));
    return formats;
}

} // namespace

bool OpenXrSwapchain::offersFormat(XrSession session, VkFormat format) {
    const auto formats = swapchainFormats(session);
    return std::find(formats.begin(), formats.end(), static_cast<std::int64_t>(format)) != formats.end();
}

VkFormat OpenXrSwapchain::chooseColorFormat(XrSession session) {
    const auto formats = swapchainFormats(session);
    // The runtime lists its preference first; the compositor expects sRGB-encoded values, and
    // sRGB formats let the hardware encode on store.
    for (std::int64_t f : formats)
        if (f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_B8G8R8A8_SRGB) return static_cast<VkFormat>(f);
    for (std::int64_t f : formats)
        if (f == VK_FORMAT_R8G8B8A8_UNORM || f == VK_FORMAT_B8G8R8A8_UNORM) return static_cast<VkFormat>(f);
    return VK_FORMAT_UNDEFINED;
}

Result<std::unique_ptr<OpenXrSwapchain>> OpenXrSwapchain::create(gpu::Context& context, XrSession session,
                                                                 VkFormat format, VkExtent2D extent,
                                                                 SwapchainContent content, std::uint32_t layers) {
    std::unique_ptr<OpenXrSwapchain> swapchain(new OpenXrSwapchain(context));
    XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
    // Colour: TRANSFER_DST as the renderer may resolve MSAA by copy, TRANSFER_SRC for
    // screenshots. Depth: the renderer copies its depth in.
    info.usageFlags = content == SwapchainContent::Color
                          ? XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT |
                                XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT
                          : XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
    info.format = format;
    info.sampleCount = 1;
    info.width = extent.width;
    info.height = extent.height;
    info.faceCount = 1;
    info.arraySize = layers;
    info.mipCount = 1;
    if (XrResult r = xrCreateSwapchain(session, &info, &swapchain->swapchain_); XR_FAILED(r))
        return fail("xrCreateSwapchain (", std::to_string(extent.width), "x", std::to_string(extent.height),
                    ", ", std::to_string(layers), layers == 1 ? " layer" : " layers", ") failed: ", xrResultName(r));
    swapchain->format_ = format;
    swapchain->extent_ = extent;
    swapchain->layers_ = layers;

    std::uint32_t count = 0;
    XRS_XR_CHECK(xrEnumerateSwapchainImages(swapchain->swapchain_, 0, &count, nullptr));
    std::vector<XrSwapchainImageVulkanKHR> images(count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN_KHR});
    XRS_XR_CHECK(xrEnumerateSwapchainImages(swapchain->swapchain_, count, &count,
                                            reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data())));
    const VkDevice device = context.device();
    for (std::uint32_t i = 0; i < count; ++i) {
        swapchain->images_.push_back(images[i].image);
        context.setName(VK_OBJECT_TYPE_IMAGE, reinterpret_cast<std::uint64_t>(images[i].image),
                        content == SwapchainContent::Color ? "openxr swapchain" : "openxr depth swapchain");
        if (content == SwapchainContent::Depth || layers != 2) continue; // not rendered into directly
        ImageViews views;
        views.array = createView(device, images[i].image, format, VK_IMAGE_VIEW_TYPE_2D_ARRAY, 0, 2);
        for (std::uint32_t layer = 0; layer < 2; ++layer)
            views.layers[layer] = createView(device, images[i].image, format, VK_IMAGE_VIEW_TYPE_2D, layer, 1);
        swapchain->views_.push_back(std::move(views));
    }
    return swapchain;
}

OpenXrSwapchain::~OpenXrSwapchain() {
    views_.clear();
    if (swapchain_ != XR_NULL_HANDLE) xrDestroySwapchain(swapchain_);
}

XrResult OpenXrSwapchain::acquire() {
    if (XrResult r = xrAcquireSwapchainImage(swapchain_, nullptr, &acquired_); XR_FAILED(r)) return r;
    XrSwapchainImageWaitInfo wait{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    wait.timeout = XR_INFINITE_DURATION;
    return xrWaitSwapchainImage(swapchain_, &wait);
}

render::RenderOutput OpenXrSwapchain::output() const {
    XRS_EXPECT(!views_.empty(), "OpenXrSwapchain::output: not a colour swapchain");
    render::RenderOutput output;
    output.image = images_[acquired_];
    output.arrayView = views_[acquired_].array;
    output.layerViews = {views_[acquired_].layers[0], views_[acquired_].layers[1]};
    output.extent = extent_;
    // The runtime hands the image over in COLOR_ATTACHMENT_OPTIMAL, its own reads ordered by
    // the runtime; our last use of it was as a colour attachment.
    output.layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    output.lastStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    output.lastAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
    return output;
}

XrResult OpenXrSwapchain::release() {
    XrSwapchainImageReleaseInfo info{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
    return xrReleaseSwapchainImage(swapchain_, &info);
}

} // namespace xrs::xr
