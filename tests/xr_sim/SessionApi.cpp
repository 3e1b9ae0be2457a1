// Sessions: creation on the application's Vulkan device, the session state machine (with the
// scripted runtime events), the frame loop (wait / begin / end with the spec's call-order rules),
// the simulated compositor's capture, and view location.
#include "Api.h"

#include <algorithm>
#include <cstdlib>

namespace xrs::xrsim {

XrTime Session::predictedTime() const { return kEpochNs + (frameIndex + 1) * instance->script.framePeriodNs; }

std::int64_t Session::frameAt(XrTime time) const {
    const std::int64_t frame = (time - kEpochNs) / instance->script.framePeriodNs - 1;
    return frame < 0 ? 0 : frame;
}

void Session::setState(XrSessionState next) {
    state = next;
    XrEventDataSessionStateChanged event{XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED};
    event.session = reinterpret_cast<XrSession>(this);
    event.state = next;
    event.time = predictedTime();
    instance->pushEvent(&event, sizeof event);
}

void destroySessionObjects(Session& session) {
    for (Swapchain* swapchain : runtime().swapchains.where([&](const Swapchain& s) { return s.session == &session; })) {
        destroySwapchainImages(*swapchain);
        runtime().swapchains.remove(swapchain);
    }
    for (Space* space : runtime().spaces.where([&](const Space& s) { return s.session == &session; }))
        runtime().spaces.remove(space);
    if (session.commandPool != VK_NULL_HANDLE) vkDestroyCommandPool(session.device, session.commandPool, nullptr);
    session.commandPool = VK_NULL_HANDLE;
}

namespace {

// Walks down the state diagram (FOCUSED -> VISIBLE -> SYNCHRONIZED -> STOPPING), one event each.
void stop(Session& session, bool exitAfterwards) {
    if (!session.running || session.state == XR_SESSION_STATE_STOPPING) return;
    if (session.state == XR_SESSION_STATE_FOCUSED) session.setState(XR_SESSION_STATE_VISIBLE);
    if (session.state == XR_SESSION_STATE_VISIBLE) session.setState(XR_SESSION_STATE_SYNCHRONIZED);
    session.exitAfterEnd = exitAfterwards;
    session.setState(XR_SESSION_STATE_STOPPING);
}

void applyScriptedEvent(Session& session, ScriptedEvent event) {
    const XrSessionState s = session.state;
    switch (event) {
    case ScriptedEvent::FocusLost:
        if (s == XR_SESSION_STATE_FOCUSED) session.setState(XR_SESSION_STATE_VISIBLE);
        break;
    case ScriptedEvent::FocusRegained:
        if (s == XR_SESSION_STATE_VISIBLE) session.setState(XR_SESSION_STATE_FOCUSED);
        break;
    case ScriptedEvent::Hidden:
        if (s == XR_SESSION_STATE_FOCUSED) session.setState(XR_SESSION_STATE_VISIBLE);
        if (session.state == XR_SESSION_STATE_VISIBLE) session.setState(XR_SESSION_STATE_SYNCHRONIZED);
        break;
    case ScriptedEvent::Visible:
        if (s == XR_SESSION_STATE_SYNCHRONIZED) session.setState(XR_SESSION_STATE_VISIBLE);
        break;
    case ScriptedEvent::Stopping: stop(session, false); break;
    case ScriptedEvent::Exit: stop(session, true); break;
    case ScriptedEvent::LossPending: session.setState(XR_SESSION_STATE_LOSS_PENDING); break;
    case ScriptedEvent::HeadsetOff:
    case ScriptedEvent::HeadsetOn: {
        if (!session.instance->has(xr::kUserPresenceExtension)) break; // the app cannot be told
        xr::EventDataUserPresenceChanged presence{xr::kTypeEventDataUserPresenceChanged, nullptr,
                                                  reinterpret_cast<XrSession>(&session),
                                                  XrBool32{event == ScriptedEvent::HeadsetOn}};
        session.instance->pushEvent(&presence, sizeof presence);
        break;
    }
    case ScriptedEvent::InstanceLoss: {
        XrEventDataInstanceLossPending loss{XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING};
        loss.lossTime = session.predictedTime();
        session.instance->pushEvent(&loss, sizeof loss);
        session.instance->lossPending = true;
        break;
    }
    }
}

// After LOSS_PENDING the session's frame functions report it until the application destroys it.
bool lossPending(const Session& session) { return session.state == XR_SESSION_STATE_LOSS_PENDING; }

XrResult validateProjection(const Session& session, const XrCompositionLayerProjection& layer) {
    if (layer.viewCount != viewCount(session.viewConfiguration) || layer.views == nullptr)
        return XR_ERROR_VALIDATION_FAILURE;
    if (runtime().spaces.find(layer.space) == nullptr) return XR_ERROR_HANDLE_INVALID;
    for (std::uint32_t v = 0; v < layer.viewCount; ++v) {
        const XrCompositionLayerProjectionView& view = layer.views[v];
        if (view.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
        if (!isValidPose(view.pose)) return XR_ERROR_POSE_INVALID;
        const Swapchain* swapchain = runtime().swapchains.find(view.subImage.swapchain);
        if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
        if (swapchain->lastReleased < 0) return XR_ERROR_LAYER_INVALID;
        if (view.subImage.imageArrayIndex >= swapchain->info.arraySize) return XR_ERROR_VALIDATION_FAILURE;
        const XrRect2Di& r = view.subImage.imageRect;
        if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
            static_cast<std::uint32_t>(r.offset.x + r.extent.width) > swapchain->info.width ||
            static_cast<std::uint32_t>(r.offset.y + r.extent.height) > swapchain->info.height)
            return XR_ERROR_SWAPCHAIN_RECT_INVALID;
        for (auto* next = static_cast<const XrBaseInStructure*>(view.next); next != nullptr; next = next->next) {
            if (next->type != XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR) continue;
            if (!session.instance->has(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME))
                return XR_ERROR_VALIDATION_FAILURE;
            const auto* depth = reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(next);
            const Swapchain* depthSwapchain = runtime().swapchains.find(depth->subImage.swapchain);
            if (depthSwapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
            if (depthSwapchain->lastReleased < 0) return XR_ERROR_LAYER_INVALID;
            if (depthSwapchain->aspect != VK_IMAGE_ASPECT_DEPTH_BIT || depthSwapchain->info.faceCount != 1 ||
                depth->subImage.imageArrayIndex >= depthSwapchain->info.arraySize)
                return XR_ERROR_VALIDATION_FAILURE;
            const XrRect2Di& d = depth->subImage.imageRect;
            if (d.offset.x < 0 || d.offset.y < 0 || d.extent.width <= 0 || d.extent.height <= 0 ||
                static_cast<std::uint32_t>(d.offset.x + d.extent.width) > depthSwapchain->info.width ||
                static_cast<std::uint32_t>(d.offset.y + d.extent.height) > depthSwapchain->info.height)
                return XR_ERROR_SWAPCHAIN_RECT_INVALID;
            // The spec: 0 <= minDepth < maxDepth <= 1; nearZ, farZ in (0, +inf] and not equal.
            if (!(depth->minDepth >= 0.0f && depth->minDepth < depth->maxDepth && depth->maxDepth <= 1.0f) ||
                !(depth->nearZ > 0.0f) || !(depth->farZ > 0.0f) || depth->nearZ == depth->farZ)
                return XR_ERROR_VALIDATION_FAILURE;
        }
    }
    return XR_SUCCESS;
}

XrResult validateQuad(const XrCompositionLayerQuad& layer) {
    if (runtime().spaces.find(layer.space) == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (!isValidPose(layer.pose)) return XR_ERROR_POSE_INVALID;
    const Swapchain* swapchain = runtime().swapchains.find(layer.subImage.swapchain);
    if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (swapchain->lastReleased < 0) return XR_ERROR_LAYER_INVALID;
    if (layer.subImage.imageArrayIndex >= swapchain->info.arraySize) return XR_ERROR_VALIDATION_FAILURE;
    if (layer.eyeVisibility != XR_EYE_VISIBILITY_BOTH && layer.eyeVisibility != XR_EYE_VISIBILITY_LEFT &&
        layer.eyeVisibility != XR_EYE_VISIBILITY_RIGHT)
        return XR_ERROR_VALIDATION_FAILURE;
    if (!(layer.size.width > 0.0f) || !(layer.size.height > 0.0f)) return XR_ERROR_VALIDATION_FAILURE;
    const XrRect2Di& r = layer.subImage.imageRect;
    if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
        static_cast<std::uint32_t>(r.offset.x + r.extent.width) > swapchain->info.width ||
        static_cast<std::uint32_t>(r.offset.y + r.extent.height) > swapchain->info.height)
        return XR_ERROR_SWAPCHAIN_RECT_INVALID;
    return XR_SUCCESS;
}

// The simulated compositor: when the script asks for this frame and XRS_XR_SIM_CAPTURE_DIR is
// set, each projection view's sub-image is written to <dir>/frame<F>_layer<L>_view<V>.png, and
// its depth, if submitted, as distances to <dir>/frame<F>_layer<L>_view<V>_depth.pfm; a quad
// layer's sub-image to <dir>/frame<F>_layer<L>_quad.png.
void capture(Session& session, const XrFrameEndInfo& info) {
    const char* dir = std::getenv("XRS_XR_SIM_CAPTURE_DIR");
    if (dir == nullptr || !session.instance->script.captures(session.frameIndex)) return;
    for (std::uint32_t l = 0; l < info.layerCount; ++l) {
        if (info.layers[l]->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
            const auto& quad = *reinterpret_cast<const XrCompositionLayerQuad*>(info.layers[l]);
            Swapchain& swapchain = *runtime().swapchains.find(quad.subImage.swapchain);
            char name[64];
            std::snprintf(name, sizeof name, "/frame%lld_layer%u_quad.png", static_cast<long long>(session.frameIndex), l);
            const std::string error =
                captureToPng(swapchain, static_cast<std::uint32_t>(swapchain.lastReleased), quad.subImage.imageArrayIndex,
                             quad.subImage.imageRect, std::string(dir) + name);
            if (!error.empty()) logSim("capture %s: %s", name + 1, error.c_str());
            continue;
        }
        if (info.layers[l]->type != XR_TYPE_COMPOSITION_LAYER_PROJECTION) continue;
        const auto& layer = *reinterpret_cast<const XrCompositionLayerProjection*>(info.layers[l]);
        for (std::uint32_t v = 0; v < layer.viewCount; ++v) {
            const XrSwapchainSubImage& sub = layer.views[v].subImage;
            Swapchain& swapchain = *runtime().swapchains.find(sub.swapchain);
            char name[64];
            std::snprintf(name, sizeof name, "/frame%lld_layer%u_view%u.png",
                          static_cast<long long>(session.frameIndex), l, v);
            const std::string error =
                captureToPng(swapchain, static_cast<std::uint32_t>(swapchain.lastReleased), sub.imageArrayIndex,
                             sub.imageRect, std::string(dir) + name);
            if (!error.empty()) logSim("capture %s: %s", name + 1, error.c_str());
            for (auto* next = static_cast<const XrBaseInStructure*>(layer.views[v].next); next != nullptr;
                 next = next->next) {
                if (next->type != XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR) continue;
                const auto& depth = *reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(next);
                Swapchain& depthSwapchain = *runtime().swapchains.find(depth.subImage.swapchain);
                std::snprintf(name, sizeof name, "/frame%lld_layer%u_view%u_depth.pfm",
                              static_cast<long long>(session.frameIndex), l, v);
                const std::string depthError = captureDepthToPfm(
                    depthSwapchain, static_cast<std::uint32_t>(depthSwapchain.lastReleased), depth, std::string(dir) + name);
                if (!depthError.empty()) logSim("capture %s: %s", name + 1, depthError.c_str());
            }
        }
    }
}

} // namespace

namespace api {

XrResult xrCreateSession(XrInstance instanceHandle, const XrSessionCreateInfo* info, XrSession* sessionOut) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_SESSION_CREATE_INFO);
    if (sessionOut == nullptr || info->createFlags != 0) return XR_ERROR_VALIDATION_FAILURE;
    if (info->systemId != kSystemId || !instance->script.headsetConnected) return XR_ERROR_SYSTEM_INVALID;
    if (!instance->requirementsQueried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
    const XrGraphicsBindingVulkanKHR* binding = nullptr;
    for (auto* next = static_cast<const XrBaseInStructure*>(info->next); next != nullptr; next = next->next)
        if (next->type == XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR)
            binding = reinterpret_cast<const XrGraphicsBindingVulkanKHR*>(next);
    if (binding == nullptr || binding->instance == VK_NULL_HANDLE || binding->device == VK_NULL_HANDLE ||
        binding->physicalDevice != instance->chosenPhysicalDevice)
        return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    if (!runtime().sessions.where([&](const Session& s) { return s.instance == instance; }).empty())
        return XR_ERROR_LIMIT_REACHED; // one session per instance, like most runtimes

    auto session = std::make_unique<Session>();
    session->instance = instance;
    session->vkInstance = binding->instance;
    session->physicalDevice = binding->physicalDevice;
    session->device = binding->device;
    session->queueFamily = binding->queueFamilyIndex;
    vkGetDeviceQueue(binding->device, binding->queueFamilyIndex, binding->queueIndex, &session->queue);
    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    poolInfo.queueFamilyIndex = binding->queueFamilyIndex;
    if (vkCreateCommandPool(binding->device, &poolInfo, nullptr, &session->commandPool) != VK_SUCCESS)
        return XR_ERROR_RUNTIME_FAILURE;
    Session& created = *session;
    *sessionOut = runtime().sessions.add<XrSession>(std::move(session));
    created.setState(XR_SESSION_STATE_IDLE);
    created.setState(XR_SESSION_STATE_READY); // the simulated headset is always worn
    return XR_SUCCESS;
}

XrResult xrDestroySession(XrSession handle) {
    Session* session = runtime().sessions.find(handle);
    if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
    destroySessionObjects(*session);
    // Events about a destroyed session must not reach the application.
    auto& events = session->instance->events;
    for (auto it = events.begin(); it != events.end();) {
        const bool aboutThis = it->type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED &&
                               reinterpret_cast<const XrEventDataSessionStateChanged*>(&*it)->session == handle;
        it = aboutThis ? events.erase(it) : it + 1;
    }
    runtime().sessions.remove(session);
    return XR_SUCCESS;
}

XrResult xrBeginSession(XrSession handle, const XrSessionBeginInfo* info) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_SESSION_BEGIN_INFO);
    if (lossPending(*session)) return XR_SESSION_LOSS_PENDING;
    const XrViewConfigurationType type = info->primaryViewConfigurationType;
    if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO && type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO &&
        type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_QUAD_VARJO)
        return XR_ERROR_VALIDATION_FAILURE;
    if (!isViewConfigurationSupported(*session->instance, type)) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    if (session->running) return XR_ERROR_SESSION_RUNNING;
    if (session->state != XR_SESSION_STATE_READY) return XR_ERROR_SESSION_NOT_READY;
    session->viewConfiguration = type;
    session->running = true;
    session->exitAfterEnd = false;
    session->waitedNotBegun = false;
    session->frameBegun = false;
    session->firstFrameEnded = false;
    return XR_SUCCESS;
}

XrResult xrEndSession(XrSession handle) {
    XRS_SIM_SESSION(session, handle);
    if (lossPending(*session)) return XR_SESSION_LOSS_PENDING;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (session->state != XR_SESSION_STATE_STOPPING) return XR_ERROR_SESSION_NOT_STOPPING;
    session->running = false;
    session->setState(XR_SESSION_STATE_IDLE);
    // Exit requested (by the application or the runtime): EXITING. A runtime-initiated stop
    // without exit: the headset is ready again at once.
    session->setState(session->exitAfterEnd ? XR_SESSION_STATE_EXITING : XR_SESSION_STATE_READY);
    return XR_SUCCESS;
}

XrResult xrRequestExitSession(XrSession handle) {
    XRS_SIM_SESSION(session, handle);
    if (lossPending(*session)) return XR_SESSION_LOSS_PENDING;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (session->state == XR_SESSION_STATE_STOPPING) session->exitAfterEnd = true;
    stop(*session, true);
    return XR_SUCCESS;
}

XrResult xrWaitFrame(XrSession handle, const XrFrameWaitInfo* info, XrFrameState* frameState) {
    XRS_SIM_SESSION(session, handle);
    if (info != nullptr && info->type != XR_TYPE_FRAME_WAIT_INFO) return XR_ERROR_VALIDATION_FAILURE;
    XRS_SIM_EXPECT_TYPE(frameState, XR_TYPE_FRAME_STATE);
    if (lossPending(*session)) return XR_SESSION_LOSS_PENDING;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    // Deterministic timing: no sleeping; each call is the next display period.
    ++session->frameIndex;
    session->waitedNotBegun = true;
    auto [first, last] = session->instance->script.events.equal_range(session->frameIndex);
    for (auto it = first; it != last; ++it) applyScriptedEvent(*session, it->second);
    frameState->predictedDisplayTime = session->predictedTime();
    frameState->predictedDisplayPeriod = session->instance->script.framePeriodNs;
    frameState->shouldRender =
        session->state == XR_SESSION_STATE_VISIBLE || session->state == XR_SESSION_STATE_FOCUSED ? XR_TRUE : XR_FALSE;
    return XR_SUCCESS;
}

XrResult xrBeginFrame(XrSession handle, const XrFrameBeginInfo* info) {
    XRS_SIM_SESSION(session, handle);
    if (info != nullptr && info->type != XR_TYPE_FRAME_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (lossPending(*session)) return XR_SESSION_LOSS_PENDING;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (!session->waitedNotBegun) return XR_ERROR_CALL_ORDER_INVALID;
    session->waitedNotBegun = false;
    // A frame begun and not ended is discarded by the next xrBeginFrame.
    const XrResult result = session->frameBegun ? XR_FRAME_DISCARDED : XR_SUCCESS;
    session->frameBegun = true;
    return result;
}

XrResult xrEndFrame(XrSession handle, const XrFrameEndInfo* info) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_FRAME_END_INFO);
    if (lossPending(*session)) return XR_SESSION_LOSS_PENDING;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (!session->frameBegun) return XR_ERROR_CALL_ORDER_INVALID;
    if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
    const auto modes = blendModes(*session->instance);
    if (std::find(modes.begin(), modes.end(), info->environmentBlendMode) == modes.end())
        return XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED;
    if (info->layerCount > kMaxLayerCount) return XR_ERROR_LAYER_LIMIT_EXCEEDED;
    if (info->layerCount > 0 && info->layers == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    for (std::uint32_t l = 0; l < info->layerCount; ++l) {
        const XrCompositionLayerBaseHeader* layer = info->layers[l];
        if (layer == nullptr) return XR_ERROR_LAYER_INVALID;
        XrResult result = XR_ERROR_LAYER_INVALID;
        if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION)
            result = validateProjection(*session, *reinterpret_cast<const XrCompositionLayerProjection*>(layer));
        else if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD)
            result = validateQuad(*reinterpret_cast<const XrCompositionLayerQuad*>(layer));
        if (result != XR_SUCCESS) return result;
    }
    session->frameBegun = false;
    capture(*session, *info);
    if (!session->firstFrameEnded && session->state == XR_SESSION_STATE_READY) {
        // The frame loop is synchronized with the display: the headset shows the app, with focus.
        session->setState(XR_SESSION_STATE_SYNCHRONIZED);
        session->setState(XR_SESSION_STATE_VISIBLE);
        session->setState(XR_SESSION_STATE_FOCUSED);
    }
    session->firstFrameEnded = true;
    return XR_SUCCESS;
}

XrResult xrLocateViews(XrSession handle, const XrViewLocateInfo* info, XrViewState* viewState,
                       std::uint32_t capacity, std::uint32_t* countOutput, XrView* views) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_VIEW_LOCATE_INFO);
    XRS_SIM_EXPECT_TYPE(viewState, XR_TYPE_VIEW_STATE);
    if (countOutput == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (!isViewConfigurationSupported(*session->instance, info->viewConfigurationType))
        return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    if (session->running && info->viewConfigurationType != session->viewConfiguration)
        return XR_ERROR_VALIDATION_FAILURE;
    if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
    const Space* base = runtime().spaces.find(info->space);
    if (base == nullptr || base->session != session) return XR_ERROR_HANDLE_INVALID;
    const std::uint32_t count = viewCount(info->viewConfigurationType);
    *countOutput = count;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < count) return XR_ERROR_SIZE_INSUFFICIENT;
    if (views == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    const DeviceState device = session->deviceAt(info->displayTime);
    const Located baseInLocal = locateInLocal(*base, info->displayTime);
    const bool valid = baseInLocal.valid && device.head.tracked;
    viewState->viewStateFlags = valid ? XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                                            XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT
                                      : 0;
    for (std::uint32_t v = 0; v < count; ++v) {
        if (views[v].type != XR_TYPE_VIEW) return XR_ERROR_VALIDATION_FAILURE;
        const Pose eye = baseInLocal.pose.inverse() * device.head.pose * eyeInHead(info->viewConfigurationType, v);
        views[v].pose = valid ? toXr(eye) : XrPosef{{0, 0, 0, 1}, {0, 0, 0}};
        views[v].fov = eyeFov(info->viewConfigurationType, v);
    }
    return XR_SUCCESS;
}

} // namespace api
} // namespace xrs::xrsim
