#pragma once
// Both eyes' images for one pair of views, as the renderer wants them: one 2-layer target
// (layer i = eye i). Preferably that is a 2-layer array swapchain, rendered directly. Runtimes
// that refuse array swapchains get one swapchain per eye instead: the renderer then draws into a
// 2-layer image of ours, and handOff() copies each layer into its eye's swapchain image.
#include "core/Result.h"
#include "gpu/Context.h"
#include "gpu/Image.h"
#include "render/SceneRenderer.h"
#include "xr/OpenXrSwapchain.h"

#include <array>
#include <memory>

namespace xrs::xr {

class OpenXrStereoSwapchain {
public:
    static Result<std::unique_ptr<OpenXrStereoSwapchain>> create(gpu::Context& context, XrSession session,
                                                                 VkFormat format, VkExtent2D extent,
                                                                 SwapchainContent content);

    // Acquire + wait every swapchain image; on failure nothing stays acquired.
    XrResult acquire();
    XrResult release();

    // What the frame is drawn into, in the attachment layout of its content. Colour: as the
    // renderer's output; depth: as RenderOutput::depthImage.
    render::RenderOutput output() const;
    VkImage image() const; // the 2-layer image drawn into
    // Per-eye swapchains: records the copies from our image into the acquired swapchain
    // images (after rendering, before the frame is submitted). Nothing otherwise.
    void handOff(VkCommandBuffer cmd) const;

    // Where eye `eye` is for the composition layer.
    XrSwapchainSubImage subImage(std::uint32_t eye) const;
    bool perEye() const { return perEye_[0] != nullptr; }
    VkExtent2D extent() const { return extent_; }

private:
    OpenXrStereoSwapchain() = default;

    SwapchainContent content_ = SwapchainContent::Color;
    VkExtent2D extent_{};
    std::unique_ptr<OpenXrSwapchain> array_;                 // 2 layers, or
    std::array<std::unique_ptr<OpenXrSwapchain>, 2> perEye_; // 1 layer each, drawn via
    gpu::Image staging_;                                     // this 2-layer image of ours
    std::array<gpu::ImageViewHandle, 2> stagingLayerViews_;  // colour, for split passes
};

} // namespace xrs::xr
