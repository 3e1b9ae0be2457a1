#include "xr/OpenXrDisplay.h"

#include "core/Assert.h"
#include "core/Log.h"
#include "xr/OpenXrPose.h"
#include "gpu/Barriers.h"
#include "xr/OpenXrRuntime.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <thread>

namespace xrs::xr {
namespace {

const char* stateName(XrSessionState state) {
    switch (state) {
    case XR_SESSION_STATE_IDLE: return "IDLE";
    case XR_SESSION_STATE_READY: return "READY";
    case XR_SESSION_STATE_SYNCHRONIZED: return "SYNCHRONIZED";
    case XR_SESSION_STATE_VISIBLE: return "VISIBLE";
    case XR_SESSION_STATE_FOCUSED: return "FOCUSED";
    case XR_SESSION_STATE_STOPPING: return "STOPPING";
    case XR_SESSION_STATE_LOSS_PENDING: return "LOSS_PENDING";
    case XR_SESSION_STATE_EXITING: return "EXITING";
    default: return "UNKNOWN";
    }
}


} // namespace

OpenXrDisplay::OpenXrDisplay(OpenXrRuntime& runtime, gpu::Context& context, const OpenXrDisplayOptions& options)
    : runtime_(runtime), context_(context), options_(options) {}

Result<std::unique_ptr<OpenXrDisplay>> OpenXrDisplay::create(OpenXrRuntime& runtime, gpu::Context& context,
                                                             const OpenXrDisplayOptions& options) {
    XRS_EXPECT(runtime.vulkanConfigured(), "OpenXrDisplay::create: the context must be made with configureVulkan()");
    std::unique_ptr<OpenXrDisplay> display(new OpenXrDisplay(runtime, context, options));
    auto input = OpenXrInput::create(runtime);
    if (!input) return input.error();
    display->input_ = std::move(*input);
    const auto& offered = runtime.blendModes();
    auto has = [&](XrEnvironmentBlendMode m) { return std::find(offered.begin(), offered.end(), m) != offered.end(); };
    display->opaqueOffered_ = has(XR_ENVIRONMENT_BLEND_MODE_OPAQUE);
    if (has(XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND))
        display->seeThroughMode_ = XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND; // passthrough cameras
    else if (has(XR_ENVIRONMENT_BLEND_MODE_ADDITIVE))
        display->seeThroughMode_ = XR_ENVIRONMENT_BLEND_MODE_ADDITIVE; // optical see-through
    if (Status s = display->createSession(); !s) return s.error();
    return display;
}

OpenXrDisplay::~OpenXrDisplay() {
    // Frames in flight may still write the runtime's images.
    vkDeviceWaitIdle(context_.device());
    destroySession();
}

Status OpenXrDisplay::createSession() {
    // After a session loss the runtime may want another GPU; ours cannot change under us.
    Result<VkPhysicalDevice> wanted = runtime_.requiredPhysicalDevice(context_.instance());
    if (!wanted) return wanted.error();
    if (*wanted != context_.physicalDevice())
        return fail("OpenXR runtime '", runtime_.runtimeName(), "' now renders on another GPU; restart xrshow");

    XrGraphicsBindingVulkanKHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR};
    binding.instance = context_.instance();
    binding.physicalDevice = context_.physicalDevice();
    binding.device = context_.device();
    binding.queueFamilyIndex = context_.queueFamily();
    binding.queueIndex = 0;
    XrSessionCreateInfo info{XR_TYPE_SESSION_CREATE_INFO};
    info.next = &binding;
    info.systemId = runtime_.system();
    if (XrResult r = xrCreateSession(runtime_.instance(), &info, &session_); XR_FAILED(r)) {
        session_ = XR_NULL_HANDLE;
        return fail("xrCreateSession failed: ", xrResultName(r));
    }
    ++sessionsCreated_;
    userPresent_ = true; // until the runtime says otherwise
    state_ = XR_SESSION_STATE_UNKNOWN;
    running_ = false;

    std::uint32_t count = 0;
    XRS_XR_CHECK(xrEnumerateReferenceSpaces(session_, 0, &count, nullptr));
    std::vector<XrReferenceSpaceType> spaces(count);
    XRS_XR_CHECK(xrEnumerateReferenceSpaces(session_, count, &count, spaces.data()));
    const bool stage = std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end();
    if (options_.roomScale && !stage) XRS_LOG_WARN("OpenXR: no STAGE space (room scale); using LOCAL");
    spaceType_ = options_.roomScale && stage ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
    XrReferenceSpaceCreateInfo spaceInfo{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    spaceInfo.referenceSpaceType = spaceType_;
    spaceInfo.poseInReferenceSpace.orientation.w = 1.0f;
    XRS_XR_CHECK(xrCreateReferenceSpace(session_, &spaceInfo, &space_));
    spaceInfo.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    XRS_XR_CHECK(xrCreateReferenceSpace(session_, &spaceInfo, &viewSpace_));

    const VkFormat format = OpenXrSwapchain::chooseColorFormat(session_);
    if (format == VK_FORMAT_UNDEFINED)
        return fail("OpenXR runtime '", runtime_.runtimeName(), "' offers no 8-bit RGBA/BGRA swapchain format");
    if (colorFormat_ != VK_FORMAT_UNDEFINED && format != colorFormat_)
        return fail("OpenXR runtime '", runtime_.runtimeName(), "' changed its swapchain format; restart xrshow");
    if (format != VK_FORMAT_R8G8B8A8_SRGB && format != VK_FORMAT_B8G8R8A8_SRGB)
        XRS_LOG_WARN("OpenXR: no sRGB swapchain format; colours will be too dark");
    colorFormat_ = format;
    // Each pair of views shares one 2-layer swapchain (and one for its depth): views 0-1, and
    // with quad views the insets 2-3.
    const auto& views = runtime_.configurationViews();
    viewCount_ = runtime_.quadViews() ? 4 : 2;
    auto pairExtent = [&](std::uint32_t first) {
        return VkExtent2D{std::max(views[first].recommendedImageRectWidth, views[first + 1].recommendedImageRectWidth),
                          std::max(views[first].recommendedImageRectHeight, views[first + 1].recommendedImageRectHeight)};
    };
    const VkFormat depthFormat = render::SceneRenderer::depthFormat(); // the renderer's depth is copied in
    bool withDepth = options_.submitDepth && runtime_.enabled(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    if (withDepth && !OpenXrSwapchain::offersFormat(session_, depthFormat)) {
        XRS_LOG_INFO("OpenXR: the runtime offers no 32-bit float depth swapchain; no depth layer");
        withDepth = false;
    }
    auto createPair = [&](VkExtent2D extent, std::unique_ptr<OpenXrStereoSwapchain>& color,
                          std::unique_ptr<OpenXrStereoSwapchain>& depth) -> Status {
        auto created = OpenXrStereoSwapchain::create(context_, session_, colorFormat_, extent, SwapchainContent::Color);
        if (!created) return created.error();
        color = std::move(*created);
        if (!withDepth) return {};
        created = OpenXrStereoSwapchain::create(context_, session_, depthFormat, extent, SwapchainContent::Depth);
        if (!created) return created.error();
        depth = std::move(*created);
        return {};
    };
    eyeExtent_ = pairExtent(0);
    if (Status s = createPair(eyeExtent_, swapchain_, depthSwapchain_); !s) return s;
    if (viewCount_ == 4) {
        insetExtent_ = pairExtent(2);
        if (Status s = createPair(insetExtent_, insetSwapchain_, insetDepthSwapchain_); !s) return s;
    }
    if (options_.quadLayers) quadLayers_ = std::make_unique<OpenXrQuadLayers>(context_, session_, colorFormat_);
    if (Status s = input_->attach(session_); !s) return s;
    XRS_LOG_INFO("OpenXR: session {} created: {}x{} per eye{}, {} space, {}, {}", sessionsCreated_,
                 eyeExtent_.width, eyeExtent_.height,
                 insetSwapchain_ ? fmt::format(" + {}x{} insets", insetExtent_.width, insetExtent_.height) : "",
                 spaceType_ == XR_REFERENCE_SPACE_TYPE_STAGE ? "STAGE" : "LOCAL",
                 depthSwapchain_ ? "colour and depth" : "colour only",
                 swapchain_->perEye() ? "a swapchain per eye" : "2-layer swapchains");
    return {};
}

void OpenXrDisplay::destroySession() {
    if (session_ == XR_NULL_HANDLE) return;
    input_->detach();
    swapchain_.reset();
    depthSwapchain_.reset();
    insetSwapchain_.reset();
    insetDepthSwapchain_.reset();
    quadLayers_.reset();
    if (space_ != XR_NULL_HANDLE) xrDestroySpace(space_);
    if (viewSpace_ != XR_NULL_HANDLE) xrDestroySpace(viewSpace_);
    space_ = viewSpace_ = XR_NULL_HANDLE;
    xrDestroySession(session_);
    session_ = XR_NULL_HANDLE;
    running_ = false;
    frameBegun_ = rendering_ = false;
    state_ = XR_SESSION_STATE_UNKNOWN;
}

bool OpenXrDisplay::pollEvents() {
    while (!quit_) {
        XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
        const XrResult r = xrPollEvent(runtime_.instance(), &event);
        if (r == XR_EVENT_UNAVAILABLE) break;
        if (XR_FAILED(r)) {
            handleFailure("xrPollEvent", r);
            break;
        }
        if (event.type == kTypeEventDataUserPresenceChanged) { // not in the 1.0.20 enum
            const auto& presence = reinterpret_cast<const EventDataUserPresenceChanged&>(event);
            if (presence.session == session_) {
                userPresent_ = presence.isUserPresent == XR_TRUE;
                XRS_LOG_INFO("OpenXR: the headset was {}", userPresent_ ? "put on" : "taken off");
            }
            continue;
        }
        switch (event.type) {
        case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
            quit_ = true;
            exitReason_ = "the OpenXR runtime is shutting down or restarting (instance loss pending)";
            break;
        case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
            const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
            if (changed.session == session_) handleStateChange(changed.state);
            break;
        }
        case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED: input_->refreshProfile(); break;
        case XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
            XRS_LOG_INFO("OpenXR: the runtime recentred the reference space");
            break;
        case XR_TYPE_EVENT_DATA_EVENTS_LOST: XRS_LOG_WARN("OpenXR: the runtime dropped events"); break;
        default: break;
        }
    }
    if (quit_) {
        if (!exitReason_.empty()) XRS_LOG_ERROR("OpenXR: {}", exitReason_);
        return false;
    }
    // Without a running session xrWaitFrame cannot pace the loop: do not spin.
    if (!running_ && options_.idleThrottle.count() > 0) std::this_thread::sleep_for(options_.idleThrottle);
    return true;
}

void OpenXrDisplay::handleStateChange(XrSessionState next) {
    XRS_LOG_INFO("OpenXR: session {} -> {}", stateName(state_), stateName(next));
    state_ = next;
    switch (next) {
    case XR_SESSION_STATE_READY: {
        XrSessionBeginInfo begin{XR_TYPE_SESSION_BEGIN_INFO};
        begin.primaryViewConfigurationType = runtime_.viewConfiguration();
        if (XrResult r = xrBeginSession(session_, &begin); XR_FAILED(r))
            handleFailure("xrBeginSession", r);
        else
            running_ = true;
        break;
    }
    case XR_SESSION_STATE_STOPPING:
        running_ = false;
        if (XrResult r = xrEndSession(session_); XR_FAILED(r)) handleFailure("xrEndSession", r);
        break;
    case XR_SESSION_STATE_EXITING: quit_ = true; break; // the user or the runtime ended it: a normal exit
    case XR_SESSION_STATE_LOSS_PENDING:
        // The runtime lost the headset (or restarts): recreate the session at the next frame.
        running_ = false;
        recreateSession_ = true;
        break;
    default: break;
    }
}

void OpenXrDisplay::handleFailure(const char* call, XrResult result) {
    if (result == XR_ERROR_SESSION_LOST) {
        XRS_LOG_WARN("OpenXR: {}: session lost; recreating it", call);
        running_ = false;
        recreateSession_ = true;
    } else if (result == XR_ERROR_INSTANCE_LOST) {
        quit_ = true;
        exitReason_ = "the OpenXR runtime went away (instance lost)";
    } else {
        quit_ = true;
        exitReason_ = std::string(call) + " failed: " + xrResultName(result);
    }
}

void OpenXrDisplay::requestExit() {
    if (running_) {
        if (XrResult r = xrRequestExitSession(session_); XR_FAILED(r)) handleFailure("xrRequestExitSession", r);
    } else {
        quit_ = true; // nothing is shown: leave at once
    }
}

void OpenXrDisplay::recenter() {
    if (spaceType_ != XR_REFERENCE_SPACE_TYPE_LOCAL || displayTime_ == 0) return;
    XrSpaceLocation head{XR_TYPE_SPACE_LOCATION};
    if (XR_FAILED(xrLocateSpace(viewSpace_, space_, displayTime_, &head)) ||
        (head.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) == 0 ||
        (head.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT) == 0)
        return;
    // The new origin: the head's position, turned to its heading (yaw only: the floor stays level).
    const Pose pose = toPose(head.pose);
    const glm::vec3 forward = pose.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    const float yaw = std::atan2(-forward.x, -forward.z);
    Pose origin{glm::angleAxis(yaw, glm::vec3(0.0f, 1.0f, 0.0f)), pose.position};
    XrReferenceSpaceCreateInfo info{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    info.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
    info.poseInReferenceSpace = toXr(origin);
    XrSpace recentred = XR_NULL_HANDLE;
    if (XR_FAILED(xrCreateReferenceSpace(session_, &info, &recentred))) return;
    xrDestroySpace(space_);
    space_ = recentred;
}

OpenXrDisplay::SwapchainList OpenXrDisplay::swapchains() const {
    SwapchainList all;
    for (OpenXrStereoSwapchain* swapchain :
         {swapchain_.get(), depthSwapchain_.get(), insetSwapchain_.get(), insetDepthSwapchain_.get()})
        if (swapchain != nullptr) all.items[all.count++] = swapchain;
    return all;
}

bool OpenXrDisplay::locateViews(XrTime time, DisplayFrame& shown) {
    XrViewLocateInfo info{XR_TYPE_VIEW_LOCATE_INFO};
    info.viewConfigurationType = runtime_.viewConfiguration();
    info.displayTime = time;
    info.space = space_;
    XrViewState state{XR_TYPE_VIEW_STATE};
    std::uint32_t count = 0;
    views_.fill(XrView{XR_TYPE_VIEW});
    if (XrResult r = xrLocateViews(session_, &info, &state, viewCount_, &count, views_.data()); XR_FAILED(r)) {
        handleFailure("xrLocateViews", r);
        return false;
    }
    // No orientation: nothing sensible can be shown (the spec's advice; hello_xr does the same).
    if ((state.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT) == 0) return false;
    const bool positionValid = (state.viewStateFlags & XR_VIEW_STATE_POSITION_VALID_BIT) != 0;
    if (viewCount_ == 4) shown.inset = render::InsetViews{render::StereoViews{{}, shown.tracking.views.nearZ}, {}};
    for (std::uint32_t v = 0; v < viewCount_; ++v) {
        Pose pose = toPose(views_[v].pose);
        // Orientation-only tracking: keep the last known eye positions.
        if (!positionValid) pose.position = haveEyePoses_ ? lastEyePoses_[v].position : glm::vec3(0.0f);
        views_[v].pose = toXr(pose); // the layer must say what was rendered
        lastEyePoses_[v] = pose;
        const XrFovf& f = views_[v].fov;
        const EyeView eye{pose, Fov{f.angleLeft, f.angleRight, f.angleUp, f.angleDown}};
        (v < 2 ? shown.tracking.views : shown.inset->views).eyes[v % 2] = eye;
    }
    haveEyePoses_ = positionValid || haveEyePoses_;
    return true;
}

DisplayFrame OpenXrDisplay::beginFrame(gpu::FrameContext&, gpu::FrameRing& frames, const Tracking& simulated) {
    DisplayFrame shown;
    shown.tracking = simulated;
    rendering_ = false;
    frameBegun_ = false;
    if (recreateSession_ && !quit_) {
        recreateSession_ = false;
        frames.drain(); // the old swapchain's images may still be in use
        destroySession();
        if (Status s = createSession(); !s) {
            quit_ = true;
            exitReason_ = s.error().message;
        }
        return shown;
    }
    if (!running_) return shown;

    XrFrameState frameState{XR_TYPE_FRAME_STATE};
    XrResult r = xrWaitFrame(session_, nullptr, &frameState);
    if (XR_FAILED(r)) {
        handleFailure("xrWaitFrame", r);
        return shown;
    }
    if (r == XR_SESSION_LOSS_PENDING) return shown;
    r = xrBeginFrame(session_, nullptr);
    if (XR_FAILED(r)) {
        handleFailure("xrBeginFrame", r);
        return shown;
    }
    if (r == XR_SESSION_LOSS_PENDING) return shown;
    frameBegun_ = true;
    displayTime_ = frameState.predictedDisplayTime;
    shown.predictedDisplayTimeNs = displayTime_;

    if (r = input_->update(space_, displayTime_, state_ == XR_SESSION_STATE_FOCUSED); XR_FAILED(r))
        handleFailure("xrSyncActions", r);
    if (frameState.shouldRender != XR_TRUE || !locateViews(displayTime_, shown)) {
        shown.inset.reset();
        return shown;
    }
    if (const auto& gaze = input_->state().gaze)
        shown.tracking.gazeDirection = glm::normalize(gaze->orientation * glm::vec3(0.0f, 0.0f, -1.0f));
    const SwapchainList all = swapchains();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (r = all[i]->acquire(); XR_FAILED(r)) {
            handleFailure("xrAcquireSwapchainImage", r);
            while (i-- > 0) all[i]->release(); // the session is going: nothing is shown
            shown.inset.reset();
            return shown;
        }
    }
    auto outputOf = [](const OpenXrStereoSwapchain& color, const OpenXrStereoSwapchain* depth,
                       std::uint32_t viewSet) {
        render::RenderOutput output = color.output();
        if (depth != nullptr) {
            const render::RenderOutput depthOutput = depth->output();
            output.depthImage = depthOutput.depthImage;
            output.depthLayout = depthOutput.depthLayout;
        }
        output.viewSet = viewSet;
        return output;
    };
    shown.output = outputOf(*swapchain_, depthSwapchain_.get(), 0);
    if (shown.inset) shown.inset->output = outputOf(*insetSwapchain_, insetDepthSwapchain_.get(), 1);
    nearZ_ = shown.tracking.views.nearZ;
    rendering_ = true;
    shown.shouldRender = true;
    return shown;
}

XrEnvironmentBlendMode OpenXrDisplay::blendMode() const {
    if (seeThroughMode_ && (seeThrough_ || !opaqueOffered_)) return *seeThroughMode_;
    return XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
}

void OpenXrDisplay::endFrame(gpu::FrameContext& frame, gpu::FrameRing& frames) {
    if (rendering_ && screenshotRequested_) {
        recordScreenshot(frame.cmd);
        screenshotRequested_ = false;
        screenshotRecorded_ = true;
    }
    // Per-eye swapchains receive their copies; the rendering is submitted before the images go
    // back: the runtime's work on the same queue is ordered after it.
    if (rendering_)
        for (const OpenXrStereoSwapchain* swapchain : swapchains()) swapchain->handOff(frame.cmd);
    // Panels: at most what the runtime must composite (16 layers), less the projection.
    std::vector<render::CompositorQuad> quads = std::move(compositorQuads_);
    compositorQuads_.clear();
    if (quads.size() > XR_MIN_COMPOSITION_LAYERS_SUPPORTED - 1)
        quads.erase(quads.begin(), quads.end() - (XR_MIN_COMPOSITION_LAYERS_SUPPORTED - 1)); // keep the nearest
    bool withQuads = rendering_ && quadLayers_ && !quads.empty();
    if (withQuads) {
        if (XrResult r = quadLayers_->record(frame, frames, quads); XR_FAILED(r)) {
            handleFailure("xrAcquireSwapchainImage (quad layer)", r);
            withQuads = false;
        }
    }
    frames.submit(frame);
    if (quadLayers_) {
        if (XrResult r = quadLayers_->release(); XR_FAILED(r)) {
            handleFailure("xrReleaseSwapchainImage (quad layer)", r);
            withQuads = false;
        }
    }
    if (!frameBegun_) return;
    frameBegun_ = false;

    std::array<XrCompositionLayerProjectionView, 4> projectionViews{};
    std::array<XrCompositionLayerDepthInfoKHR, 4> depthInfos{};
    XrCompositionLayerProjection projection{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
    if (rendering_) {
        for (OpenXrStereoSwapchain* swapchain : swapchains()) {
            if (XrResult r = swapchain->release(); XR_FAILED(r)) {
                handleFailure("xrReleaseSwapchainImage", r);
                rendering_ = false;
            }
        }
    }
    if (rendering_) {
        for (std::uint32_t v = 0; v < viewCount_; ++v) {
            // Views 0-1 live in the main swapchains, the insets 2-3 in theirs; layer = eye.
            const bool inset = v >= 2;
            XrCompositionLayerProjectionView& view = projectionViews[v];
            view = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
            view.pose = views_[v].pose;
            view.fov = views_[v].fov;
            view.subImage = (inset ? insetSwapchain_ : swapchain_)->subImage(v % 2);
            if (const OpenXrStereoSwapchain* depthSwapchain = (inset ? insetDepthSwapchain_ : depthSwapchain_).get()) {
                // Reversed-Z with the far plane at infinity: window depth 0 (minDepth) lies
                // infinitely far and 1 (maxDepth) at the near plane, hence nearZ > farZ.
                XrCompositionLayerDepthInfoKHR& depth = depthInfos[v];
                depth = {XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR};
                depth.subImage = depthSwapchain->subImage(v % 2);
                depth.minDepth = 0.0f;
                depth.maxDepth = 1.0f;
                depth.nearZ = std::numeric_limits<float>::infinity();
                depth.farZ = nearZ_;
                view.next = &depth;
            }
        }
        projection.space = space_;
        projection.viewCount = viewCount_;
        projection.views = projectionViews.data();
        // The frame holds premultiplied alpha where the world should show through.
        if (blendMode() == XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND)
            projection.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
    }
    // The projection, then the panels over it, back to front.
    std::vector<const XrCompositionLayerBaseHeader*> layers;
    submittedQuadLayers_.clear();
    if (rendering_) {
        layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&projection));
        if (withQuads) {
            const auto quadLayers = quadLayers_->layers(space_);
            submittedQuadLayers_.assign(quadLayers.begin(), quadLayers.end());
            for (const XrCompositionLayerQuad& quad : quadLayers)
                layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad));
        }
    }
    XrFrameEndInfo end{XR_TYPE_FRAME_END_INFO};
    end.displayTime = displayTime_;
    end.environmentBlendMode = blendMode();
    end.layerCount = static_cast<std::uint32_t>(layers.size());
    end.layers = layers.empty() ? nullptr : layers.data();
    if (XrResult r = xrEndFrame(session_, &end); XR_FAILED(r))
        handleFailure("xrEndFrame", r);
    else if (rendering_)
        ++framesSubmitted_;
    rendering_ = false;
}

void OpenXrDisplay::recordScreenshot(VkCommandBuffer cmd) {
    const VkDeviceSize bytes = VkDeviceSize{eyeExtent_.width} * eyeExtent_.height * 4 * 2;
    if (!screenshotBuffer_.valid() || screenshotBuffer_.size() < bytes) {
        auto buffer = gpu::Buffer::create(context_, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUsage::Readback,
                                          "openxr screenshot");
        if (!buffer) {
            XRS_LOG_WARN("OpenXR screenshot: {}", buffer.error().message);
            return;
        }
        screenshotBuffer_ = std::move(*buffer);
    }
    const VkImage image = swapchain_->image();
    gpu::transition(cmd, {image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                          VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                          VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                          VK_ACCESS_2_TRANSFER_READ_BIT});
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 2};
    region.imageExtent = {eyeExtent_.width, eyeExtent_.height, 1};
    vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, screenshotBuffer_.handle(), 1, &region);
    // Back to the layout the runtime requires at release; the host reads after the fence.
    gpu::transition(cmd, {image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                          VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_NONE,
                          VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                          VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT});
    gpu::memoryBarrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_HOST_BIT,
                       VK_ACCESS_2_HOST_READ_BIT);
}

std::optional<ImageRGBA8> OpenXrDisplay::collectScreenshot(gpu::FrameRing& frames) {
    if (!screenshotRecorded_) return std::nullopt;
    screenshotRecorded_ = false;
    frames.drain();
    const int w = static_cast<int>(eyeExtent_.width);
    const int h = static_cast<int>(eyeExtent_.height);
    const bool bgra = colorFormat_ == VK_FORMAT_B8G8R8A8_SRGB || colorFormat_ == VK_FORMAT_B8G8R8A8_UNORM;
    std::array<ImageRGBA8, 2> eyes{ImageRGBA8(w, h), ImageRGBA8(w, h)};
    for (std::size_t eye = 0; eye < 2; ++eye) {
        std::memcpy(eyes[eye].pixels.data(), screenshotBuffer_.mapped() + eye * eyes[eye].byteSize(),
                    eyes[eye].byteSize());
        if (bgra)
            for (std::size_t i = 0; i < eyes[eye].pixels.size(); i += 4)
                std::swap(eyes[eye].pixels[i], eyes[eye].pixels[i + 2]);
    }
    return concatHorizontal(eyes[0], eyes[1]);
}

} // namespace xrs::xr
