#pragma once
// Copies the layers of an RGBA8 colour image into a host-visible buffer as part of a frame's
// command buffer; the pixels are read once that frame's fence has signalled (after
// FrameRing::drain() or when the slot comes round again). Used by the headless display, golden
// tests and screenshots.
#include "core/Image.h"
#include "core/Result.h"
#include "gpu/Buffer.h"
#include "gpu/Image.h"

namespace xrs::gpu {

class ImageReadback {
public:
    static Result<ImageReadback> create(Context& context, VkExtent2D extent, std::uint32_t layers);

    // The image must be in TRANSFER_SRC_OPTIMAL with prior writes made available to transfers.
    void record(VkCommandBuffer cmd, const Image& image) const;

    // One layer as an image (call only after the recording frame has completed).
    ImageRGBA8 layer(std::uint32_t index) const;
    std::uint32_t layerCount() const { return layers_; }

private:
    Buffer buffer_;
    VkExtent2D extent_{};
    std::uint32_t layers_ = 0;
};

} // namespace xrs::gpu
