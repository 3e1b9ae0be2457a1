#pragma once
// The headset display: an OpenXR session on the application's Vulkan device, driven by the
// session state machine and the frame loop the spec (and hello_xr) teach:
//
//   pollEvents():  READY -> xrBeginSession; STOPPING -> xrEndSession; EXITING -> quit;
//                  LOSS_PENDING -> the session is recreated at the next beginFrame;
//                  instance loss -> quit with exitReason(). While no session runs, it throttles.
//   beginFrame():  xrWaitFrame (the runtime paces the loop) -> xrBeginFrame -> input sync (only
//                  when FOCUSED) -> if shouldRender: xrLocateViews at the predicted display time,
//                  honouring the validity flags, and acquire + wait the swapchain image.
//   endFrame():    submit the frame -> release the images -> xrEndFrame with the projection layer
//                  (zero layers when nothing was rendered).
//
// Views: one 2-layer colour swapchain (multiview; one per eye, drawn through an image of ours
// and copied, for runtimes without array swapchains) for PRIMARY_STEREO; with quad views
// (PRIMARY_QUAD_VARJO, when the runtime chose it) a second one for the two insets, handed to
// the application as DisplayFrame::inset. With
// XR_KHR_composition_layer_depth (and a D32 depth swapchain) each projection view carries the
// rendered depth too, so the compositor can reproject by depth rather than as a flat image.
// The overlay's panels and captions, when given with setCompositorQuads(), follow as quad
// layers (OpenXrQuadLayers): sampled by the compositor at display resolution.
// Space: STAGE for room scale when offered, else LOCAL; recenter() re-creates LOCAL under the
// current head pose.
#include "core/Result.h"
#include "gpu/Buffer.h"
#include "gpu/Context.h"
#include "xr/Display.h"
#include "xr/OpenXrCheck.h"
#include "xr/OpenXrInput.h"
#include "xr/OpenXrQuadLayers.h"
#include "xr/OpenXrStereoSwapchain.h"

#include <chrono>
#include <array>
#include <memory>
#include <optional>
#include <string>

namespace xrs::xr {

class OpenXrRuntime;

struct OpenXrDisplayOptions {
    bool roomScale = false;   // STAGE space (floor at y = 0) when offered, else LOCAL
    bool submitDepth = true;  // the depth layer, when the runtime has XR_KHR_composition_layer_depth
    bool quadLayers = true;   // panels as quad layers (see setCompositorQuads)
    // Sleep per pollEvents() while no session is running (the runtime does not pace us then).
    std::chrono::milliseconds idleThrottle{100};
};

class OpenXrDisplay final : public Display {
public:
    // The context must have been created with runtime.configureVulkan().
    static Result<std::unique_ptr<OpenXrDisplay>> create(OpenXrRuntime& runtime, gpu::Context& context,
                                                         const OpenXrDisplayOptions& options);
    ~OpenXrDisplay() override;
    OpenXrDisplay(const OpenXrDisplay&) = delete;
    OpenXrDisplay& operator=(const OpenXrDisplay&) = delete;

    // The renderer must draw in this format (render::RendererSettings::outputFormat).
    VkFormat colorFormat() const { return colorFormat_; }
    VkExtent2D eyeExtent() const { return eyeExtent_; }
    // Quad views: the insets' swapchain size (else 0 x 0).
    VkExtent2D insetExtent() const { return insetExtent_; }
    // Environment blend: OPAQUE, or for frames drawn with the real world behind them
    // (setSeeThrough) ALPHA_BLEND, else ADDITIVE, when the runtime offers them. Devices that
    // offer no OPAQUE (optical see-through) always see through.
    bool canSeeThrough() const { return seeThroughMode_.has_value(); }
    bool alwaysSeeThrough() const { return !opaqueOffered_; }
    void setSeeThrough(bool on) { seeThrough_ = on; }
    XrEnvironmentBlendMode blendMode() const;
    bool roomScale() const { return spaceType_ == XR_REFERENCE_SPACE_TYPE_STAGE; }
    bool submitsDepth() const { return depthSwapchain_ != nullptr; }
    // The runtime refused array swapchains: each eye has its own (and a copy per frame).
    bool perEyeSwapchains() const { return swapchain_ != nullptr && swapchain_->perEye(); }

    bool pollEvents() override;
    DisplayFrame beginFrame(gpu::FrameContext& frame, gpu::FrameRing& frames, const Tracking& simulated) override;
    void endFrame(gpu::FrameContext& frame, gpu::FrameRing& frames) override;
    void requestScreenshot() override { screenshotRequested_ = true; }

    // Whether panels go to the compositor: then the application hands this frame's
    // (WorldOverlay::compositorQuads, in the display's reference space) before endFrame.
    bool compositorLayers() const { return options_.quadLayers; }
    void setCompositorQuads(std::vector<render::CompositorQuad> quads) { compositorQuads_ = std::move(quads); }
    // The quad layers of the last frame submitted (tests, diagnostics).
    const std::vector<XrCompositionLayerQuad>& submittedQuadLayers() const { return submittedQuadLayers_; }
    std::optional<ImageRGBA8> collectScreenshot(gpu::FrameRing& frames) override;

    // Asks the runtime to end the session; pollEvents() returns false once it has (EXITING).
    void requestExit();
    // Makes the current head position and heading the origin (LOCAL space only).
    void recenter();

    const HeadsetInput& input() const { return input_->state(); }
    void vibrate(int hand, float amplitude, XrDuration duration) { input_->vibrate(hand, amplitude, duration); }

    XrSessionState sessionState() const { return state_; }
    // Whether someone wears the headset (XR_EXT_user_presence; always true without it).
    bool userPresent() const { return userPresent_; }
    bool sessionRunning() const { return running_; }
    // Why pollEvents() returned false when it was not a normal exit ("" otherwise).
    const std::string& exitReason() const { return exitReason_; }
    std::uint64_t framesSubmitted() const { return framesSubmitted_; }
    std::uint32_t sessionsCreated() const { return sessionsCreated_; }

private:
    OpenXrDisplay(OpenXrRuntime& runtime, gpu::Context& context, const OpenXrDisplayOptions& options);
    Status createSession();
    void destroySession();
    void handleStateChange(XrSessionState next);
    // A call failed: session loss -> recreate; instance loss or anything else -> quit with a reason.
    void handleFailure(const char* call, XrResult result);
    bool locateViews(XrTime time, DisplayFrame& shown);
    // The swapchains that exist, in acquire order: colour, depth, inset colour, inset depth.
    // Several times a frame, so no allocation.
    struct SwapchainList {
        std::array<OpenXrStereoSwapchain*, 4> items{};
        std::size_t count = 0;
        OpenXrStereoSwapchain* const* begin() const { return items.data(); }
        OpenXrStereoSwapchain* const* end() const { return items.data() + count; }
        std::size_t size() const { return count; }
        OpenXrStereoSwapchain* operator[](std::size_t i) const { return items[i]; }
    };
    SwapchainList swapchains() const;
    void recordScreenshot(VkCommandBuffer cmd);

    OpenXrRuntime& runtime_;
    gpu::Context& context_;
    OpenXrDisplayOptions options_;
    std::unique_ptr<OpenXrInput> input_;

    XrSession session_ = XR_NULL_HANDLE;
    XrSpace space_ = XR_NULL_HANDLE; // the application's space: poses and the layer live here
    XrSpace viewSpace_ = XR_NULL_HANDLE;
    XrReferenceSpaceType spaceType_ = XR_REFERENCE_SPACE_TYPE_LOCAL;
    bool opaqueOffered_ = true;
    std::optional<XrEnvironmentBlendMode> seeThroughMode_;
    bool seeThrough_ = false;
    VkFormat colorFormat_ = VK_FORMAT_UNDEFINED;
    VkExtent2D eyeExtent_{};
    std::unique_ptr<OpenXrStereoSwapchain> swapchain_;
    std::unique_ptr<OpenXrStereoSwapchain> depthSwapchain_; // null: no depth layer
    VkExtent2D insetExtent_{};
    std::unique_ptr<OpenXrStereoSwapchain> insetSwapchain_;      // quad views only
    std::unique_ptr<OpenXrStereoSwapchain> insetDepthSwapchain_; // quad views with a depth layer
    std::uint32_t viewCount_ = 2; // 4 with quad views
    std::unique_ptr<OpenXrQuadLayers> quadLayers_;
    std::vector<render::CompositorQuad> compositorQuads_; // this frame's, consumed by endFrame
    std::vector<XrCompositionLayerQuad> submittedQuadLayers_;

    XrSessionState state_ = XR_SESSION_STATE_UNKNOWN;
    bool running_ = false;
    bool recreateSession_ = false;
    bool quit_ = false;
    bool userPresent_ = true;
    std::string exitReason_;

    // The frame between beginFrame and endFrame.
    bool frameBegun_ = false;
    bool rendering_ = false;
    XrTime displayTime_ = 0;
    std::array<XrView, 4> views_{};
    float nearZ_ = 0.0f; // the near plane the frame's depth was rendered with
    std::array<Pose, 4> lastEyePoses_{}; // for frames whose position is not valid
    bool haveEyePoses_ = false;

    bool screenshotRequested_ = false;
    bool screenshotRecorded_ = false;
    gpu::Buffer screenshotBuffer_;

    std::uint64_t framesSubmitted_ = 0;
    std::uint32_t sessionsCreated_ = 0;
};

} // namespace xrs::xr
