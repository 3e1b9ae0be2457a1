#pragma once
// The desktop window display: GLFW window + VkSurfaceKHR + swapchain. Both eyes are rendered
// into an offscreen 2-layer image (as for a headset) and composed onto the swapchain image by
// StereoCompositor (left eye, side by side, or anaglyph); an overlay (the ImGui tools) is drawn
// on top; then the image is presented.
//
// Swapchain life: FIFO (vsync) by default, MAILBOX when asked and available. A resize, a
// VK_ERROR_OUT_OF_DATE_KHR or VK_SUBOPTIMAL_KHR recreates it; a lost surface is recreated too.
// Replaced swapchains, their views and semaphores are retired through the FrameRing, never
// destroyed under frames in flight. A minimised window (zero-sized framebuffer) renders nothing
// and keeps polling events.
//
// The image is acquired late, in endFrame, just before composition: the eyes are recorded
// before the CPU can block on the presentation engine.
#include "core/Result.h"
#include "gpu/Buffer.h"
#include "gpu/Context.h"
#include "gpu/DeviceHandle.h"
#include "gpu/FrameRing.h"
#include "gpu/Image.h"
#include "xr/Display.h"
#include "xr/GlfwLibrary.h"
#include "xr/InputScript.h"
#include "xr/InputState.h"
#include "xr/StereoCompositor.h"
#include "xr/ViewLayout.h"

#include <functional>
#include <memory>
#include <string>

struct GLFWwindow;

namespace xrs::xr {

struct WindowOptions {
    std::string title = "xrshow";
    std::uint32_t width = 1280; // framebuffer pixels
    std::uint32_t height = 720;
    bool mailbox = false;       // MAILBOX (no vsync wait) instead of FIFO when available
    StereoMode stereoMode = StereoMode::LeftEye;
};

// Draws on top of the composed window image, inside the frame's command buffer. The image is
// in COLOR_ATTACHMENT_OPTIMAL before and must be left so.
using OverlayRecorder =
    std::function<void(VkCommandBuffer cmd, std::uint32_t slot, const CompositionTarget& target)>;

class WindowDisplay final : public Display {
public:
    // The context must have been created with GlfwLibrary::requiredInstanceExtensions() and
    // VK_KHR_swapchain.
    static Result<std::unique_ptr<WindowDisplay>> create(gpu::Context& context, GlfwLibrary& glfw,
                                                         const WindowOptions& options);
    ~WindowDisplay() override;
    WindowDisplay(const WindowDisplay&) = delete;
    WindowDisplay& operator=(const WindowDisplay&) = delete;

    bool pollEvents() override;
    DisplayFrame beginFrame(gpu::FrameContext& frame, gpu::FrameRing& frames,
                            const Tracking& simulated) override;
    void endFrame(gpu::FrameContext& frame, gpu::FrameRing& frames) override;
    void requestScreenshot() override { screenshotRequested_ = true; }
    std::optional<ImageRGBA8> collectScreenshot(gpu::FrameRing& frames) override;

    // Input gathered from GLFW events since the caller last called input().startNextFrame().
    InputState& input() { return input_; }
    // Scripted window actions (resize, minimise, restore).
    void apply(const WindowRequest& request);

    void setOverlay(OverlayRecorder overlay) { overlay_ = std::move(overlay); }
    void setStereoMode(StereoMode mode) { stereoMode_ = mode; }
    StereoMode stereoMode() const { return stereoMode_; }

    // Framebuffer size in pixels ((0,0) while minimised) and the shown eyes' aspect (w / h).
    glm::vec2 framebufferSize() const;
    float eyeAspect() const { return eyeAspect_; }
    VkPresentModeKHR presentMode() const { return presentMode_; }
    VkFormat swapchainFormat() const { return format_.format; }
    std::uint32_t swapchainGeneration() const { return swapchainGeneration_; }

private:
    struct Swapchain;
    struct EyeTarget;

    explicit WindowDisplay(gpu::Context& context);
    Status createSurface();
    // Recreates the swapchain for the current framebuffer size; false while it is zero.
    bool recreateSwapchain(gpu::FrameRing& frames);
    void ensureEyeTarget(gpu::FrameRing& frames, VkExtent2D extent);
    void recordScreenshotCopy(VkCommandBuffer cmd, gpu::FrameRing& frames, VkImage image);

    gpu::Context& context_;
    GLFWwindow* window_ = nullptr;
    VkSurfaceKHR surface_ = VK_NULL_HANDLE;
    VkSurfaceFormatKHR format_{};
    VkPresentModeKHR presentMode_ = VK_PRESENT_MODE_FIFO_KHR;
    bool wantMailbox_ = false;
    std::unique_ptr<Swapchain> swapchain_;
    std::uint32_t swapchainGeneration_ = 0;
    bool swapchainStale_ = false;
    std::array<gpu::SemaphoreHandle, gpu::kFramesInFlight> acquireSemaphores_;

    std::unique_ptr<EyeTarget> eyes_;
    float eyeAspect_ = 1.0f;
    std::array<Fov, 2> eyeFovs_{};
    bool renderingThisFrame_ = false;

    std::unique_ptr<StereoCompositor> compositor_;
    StereoMode stereoMode_ = StereoMode::LeftEye;
    OverlayRecorder overlay_;
    InputState input_;

    bool screenshotRequested_ = false;
    bool screenshotRecorded_ = false;
    gpu::Buffer screenshotBuffer_;
    VkExtent2D screenshotExtent_{};
};

} // namespace xrs::xr
