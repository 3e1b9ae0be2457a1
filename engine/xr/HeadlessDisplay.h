#pragma once
// The display backend without a display: frames are rendered into a 2-layer offscreen image
// (layer i = eye i) and copied back to the CPU, for the `render` command, golden-image tests,
// thumbnails and benchmarks. It owns the output image; the renderer only draws into it.
// As a Display it shows the simulated tracking it is given; its screenshot is both eyes side
// by side (left | right).
#include "core/Image.h"
#include "core/Result.h"
#include "gpu/FrameRing.h"
#include "gpu/Image.h"
#include "gpu/DeviceHandle.h"
#include "gpu/ImageReadback.h"
#include "render/SceneRenderer.h"
#include "xr/Display.h"

namespace xrs::xr {

class HeadlessDisplay final : public Display {
public:
    static Result<HeadlessDisplay> create(gpu::Context& context, VkExtent2D eyeExtent,
                                          VkFormat format = VK_FORMAT_R8G8B8A8_SRGB);

    // Where the renderer draws this frame (layout and last use included).
    render::RenderOutput output() const;

    // After the renderer: end the frame without keeping it (what presenting is to a window).
    void recordFinish(VkCommandBuffer cmd);
    // After the renderer: end the frame and copy both eyes into host memory.
    void recordCapture(VkCommandBuffer cmd);

    // The captured eye (0 = left, 1 = right); valid once the capturing frame has completed.
    ImageRGBA8 capturedEye(std::uint32_t eye) const { return readback_.layer(eye); }

    VkExtent2D eyeExtent() const { return image_.desc().extent; }

    // Display: every frame is rendered; the predicted display time advances by a fixed
    // 1/90 s per frame (there is no display clock to predict from).
    bool pollEvents() override { return true; }
    DisplayFrame beginFrame(gpu::FrameContext& frame, gpu::FrameRing& frames,
                                    const Tracking& simulated) override;
    void endFrame(gpu::FrameContext& frame, gpu::FrameRing& frames) override;
    void requestScreenshot() override { screenshotRequested_ = true; }
    std::optional<ImageRGBA8> collectScreenshot(gpu::FrameRing& frames) override;

private:
    gpu::Image image_;
    std::array<gpu::ImageViewHandle, 2> layerViews_;
    gpu::ImageReadback readback_;
    bool used_ = false; // after the first capture the image is in TRANSFER_SRC layout
    bool screenshotRequested_ = false;
    bool screenshotRecorded_ = false;
};

} // namespace xrs::xr
