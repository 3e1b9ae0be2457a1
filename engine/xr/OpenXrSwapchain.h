#pragma once
// A swapchain the headset shows: usually a 2-layer array (layer i = eye i) so the renderer's
// multiview pass writes both eyes at once, or one layer per eye (OpenXrStereoSwapchain decides).
// Colour swapchains are rendered into; depth swapchains (XR_KHR_composition_layer_depth)
// receive a copy of the renderer's depth. The images belong to
// the runtime; we own only the views onto them. The spec guarantees the attachment layout
// (COLOR_ or DEPTH_STENCIL_ATTACHMENT_OPTIMAL) at acquire and requires it at release.
#include "core/Result.h"
#include "gpu/Context.h"
#include "gpu/DeviceHandle.h"
#include "render/SceneRenderer.h"
#include "xr/OpenXrCheck.h"

#include <memory>
#include <vector>

namespace xrs::xr {

enum class SwapchainContent { Color, Depth };

class OpenXrSwapchain {
public:
    // The first sRGB format in the runtime's order, else its first 8-bit UNORM one (0 if none).
    static VkFormat chooseColorFormat(XrSession session);
    // Whether the runtime offers `format` for swapchains.
    static bool offersFormat(XrSession session, VkFormat format);

    static Result<std::unique_ptr<OpenXrSwapchain>> create(gpu::Context& context, XrSession session, VkFormat format,
                                                           VkExtent2D extent, SwapchainContent content,
                                                           std::uint32_t layers = 2);
    ~OpenXrSwapchain();
    OpenXrSwapchain(const OpenXrSwapchain&) = delete;
    OpenXrSwapchain& operator=(const OpenXrSwapchain&) = delete;

    // Acquire + wait (acquiredImage() is then valid). Fails only when the session or instance is lost.
    XrResult acquire();
    // The acquired colour image as the renderer's output (2-layer colour swapchains only).
    render::RenderOutput output() const;
    XrResult release();

    XrSwapchain handle() const { return swapchain_; }
    VkExtent2D extent() const { return extent_; }
    VkFormat format() const { return format_; }
    VkImage acquiredImage() const { return images_[acquired_]; }
    std::uint32_t layers() const { return layers_; }

private:
    explicit OpenXrSwapchain(gpu::Context& context) : context_(context) {}

    struct ImageViews {
        gpu::ImageViewHandle array;
        std::array<gpu::ImageViewHandle, 2> layers;
    };
    gpu::Context& context_;
    XrSwapchain swapchain_ = XR_NULL_HANDLE;
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    VkExtent2D extent_{};
    std::uint32_t layers_ = 2;
    std::vector<VkImage> images_;
    std::vector<ImageViews> views_; // 2-layer colour swapchains only
    std::uint32_t acquired_ = 0;
};

} // namespace xrs::xr
