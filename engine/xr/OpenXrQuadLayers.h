#pragma once
// The overlay's compositor quads (panels, captions) as OpenXR quad layers. Each picture gets a
// swapchain of its own size; a new picture is copied in (a blit, which also swaps channels for
// BGRA runtimes) only when it changed, since the compositor keeps showing the last released
// image. Quads are placed in the display's reference space; layers draw over the projection
// layer, back to front, as the overlay would have drawn them.
//
// Per frame, between the display's beginFrame and endFrame:
//     record(cmd, quads)   acquire changed swapchains, record their copies
//     (submit the frame)
//     release()            hand the copied images back
//     layers(space)        the layers for xrEndFrame
#include "core/Result.h"
#include "gpu/Context.h"
#include "gpu/FrameRing.h"
#include "render/WorldOverlay.h"
#include "xr/OpenXrSwapchain.h"

#include <map>
#include <memory>
#include <span>
#include <vector>

namespace xrs::xr {

class OpenXrQuadLayers {
public:
    OpenXrQuadLayers(gpu::Context& context, XrSession session, VkFormat format)
        : context_(context), session_(session), format_(format) {}
    OpenXrQuadLayers(const OpenXrQuadLayers&) = delete;
    OpenXrQuadLayers& operator=(const OpenXrQuadLayers&) = delete;

    // A failure is a session or instance loss (returned for the display to handle); a quad
    // whose swapchain cannot be made is left out, with a warning.
    // Swapchains of pictures that changed size are retired through `frames`.
    XrResult record(gpu::FrameContext& frame, gpu::FrameRing& frames, std::span<const render::CompositorQuad> quads);
    XrResult release();
    // The quads recorded last, as layers in `space` (pointers valid until the next record()).
    std::span<const XrCompositionLayerQuad> layers(XrSpace space);

private:
    struct Picture {
        std::unique_ptr<OpenXrSwapchain> swapchain;
        glm::uvec2 size{0};
        std::uint64_t version = 0; // the picture version its last released image holds
        bool acquired = false;
    };

    gpu::Context& context_;
    XrSession session_;
    VkFormat format_;
    std::map<render::OverlayTextureId, Picture> pictures_;
    std::vector<render::CompositorQuad> shown_;
    std::vector<XrCompositionLayerQuad> layers_;
};

} // namespace xrs::xr
