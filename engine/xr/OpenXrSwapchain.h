#pragma once
// The colour swapchain the headset shows: a 2-layer array (layer i = eye i) so the renderer's
// multiview pass writes both eyes at once. Its images belong to the runtime; we own only the
// views onto them. acquire() returns the image as a RenderOutput in COLOR_ATTACHMENT_OPTIMAL
// (the layout the spec guarantees at acquire and requires at release).
#include "core/Result.h"
#include "gpu/Context.h"
#include "gpu/DeviceHandle.h"
#include "render/SceneRenderer.h"
#include "xr/OpenXrCheck.h"

#include <memory>
#include <vector>

namespace xrs::xr {

class OpenXrSwapchain {
public:
    // The first sRGB format in the runtime's order, else its first 8-bit UNORM one (0 if none).
    static VkFormat chooseColorFormat(XrSession session);

    static Result<std::unique_ptr<OpenXrSwapchain>> create(gpu::Context& context, XrSession session, VkFormat format,
                                                           VkExtent2D extent);
    ~OpenXrSwapchain();
    OpenXrSwapchain(const OpenXrSwapchain&) = delete;
    OpenXrSwapchain& operator=(const OpenXrSwapchain&) = delete;

    // Acquire + wait; fills `output` on success. Fails only when the session or instance is lost.
    XrResult acquire(render::RenderOutput& output);
    XrResult release();

    XrSwapchain handle() const { return swapchain_; }
    VkExtent2D extent() const { return extent_; }
    VkFormat format() const { return format_; }
    VkImage acquiredImage() const { return images_[acquired_]; }

private:
    OpenXrSwapchain(gpu::Context& context) : context_(context) {}

    struct ImageViews {
        gpu::ImageViewHandle array;
        std::array<gpu::ImageViewHandle, 2> layers;
    };
    gpu::Context& context_;
    XrSwapchain swapchain_ = XR_NULL_HANDLE;
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    VkExtent2D extent_{};
    std::vector<VkImage> images_;
    std::vector<ImageViews> views_;
    std::uint32_t acquired_ = 0;
};

} // namespace xrs::xr
