// The simulated runtime rejects invalid calls the way the OpenXR 1.0 spec says. These calls go
// through the real loader without the core validation layer (which would reject some first),
// so the codes are the simulator's own.
#include "GpuTest.h"
#include "KeepVulkanLibrariesLoaded.h"

#include "xr/OpenXrRuntime.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

using namespace xrs;

namespace {

// Instance + Vulkan device made the runtime's way, and a session on it (not yet begun).
struct SimSession {
    std::unique_ptr<xr::OpenXrRuntime> runtime;
    std::unique_ptr<gpu::Context> context;
    XrSession session = XR_NULL_HANDLE;
    XrSpace local = XR_NULL_HANDLE;

    explicit SimSession(const std::string& script = "{}") {
        test::keepVulkanLibrariesLoaded();
        // One file per process: ctest runs test cases as parallel processes, each with its script.
        const auto path = std::filesystem::temp_directory_path() /
                          ("xrs_sim_api_script_" + std::to_string(::getpid()) + ".json");
        std::ofstream(path) << script;
        setenv("XR_RUNTIME_JSON", XRS_XR_SIM_MANIFEST, 1);
        setenv("XRS_XR_SIM_SCRIPT", path.c_str(), 1);
        unsetenv("XR_ENABLE_API_LAYERS");
        auto created = xr::OpenXrRuntime::create({});
        std::filesystem::remove(path); // read by instance creation
        REQUIRE(created.ok());
        runtime = std::move(*created);
        gpu::ContextOptions options;
        options.validation = true;
        REQUIRE(runtime->configureVulkan(options).ok());
        auto ctx = gpu::Context::create(options);
        REQUIRE(ctx.ok());
        context = std::move(*ctx);
        XrGraphicsBindingVulkanKHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN_KHR};
        binding.instance = context->instance();
        binding.physicalDevice = context->physicalDevice();
        binding.device = context->device();
        binding.queueFamilyIndex = context->queueFamily();
        XrSessionCreateInfo info{XR_TYPE_SESSION_CREATE_INFO};
        info.next = &binding;
        info.systemId = runtime->system();
        REQUIRE(xrCreateSession(runtime->instance(), &info, &session) == XR_SUCCESS);
        XrReferenceSpaceCreateInfo spaceInfo{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
        spaceInfo.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
        spaceInfo.poseInReferenceSpace.orientation.w = 1.0f;
        REQUIRE(xrCreateReferenceSpace(session, &spaceInfo, &local) == XR_SUCCESS);
    }
    ~SimSession() {
        if (session != XR_NULL_HANDLE) xrDestroySession(session);
    }
    XrSessionState nextState() {
        XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
        while (xrPollEvent(runtime->instance(), &event) == XR_SUCCESS) {
            if (event.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED)
                return reinterpret_cast<XrEventDataSessionStateChanged&>(event).state;
            event = {XR_TYPE_EVENT_DATA_BUFFER};
        }
        return XR_SESSION_STATE_UNKNOWN;
    }
    XrResult begin() {
        XrSessionBeginInfo info{XR_TYPE_SESSION_BEGIN_INFO};
        info.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        return xrBeginSession(session, &info);
    }
};

XrResult waitFrame(XrSession session, XrFrameState* state = nullptr) {
    XrFrameState local{XR_TYPE_FRAME_STATE};
    return xrWaitFrame(session, nullptr, state ? state : &local);
}

XrResult endFrame(XrSession session, XrTime time, std::uint32_t layerCount = 0,
                  const XrCompositionLayerBaseHeader* const* layers = nullptr,
                  XrEnvironmentBlendMode blend = XR_ENVIRONMENT_BLEND_MODE_OPAQUE) {
    XrFrameEndInfo info{XR_TYPE_FRAME_END_INFO};
    info.displayTime = time;
    info.environmentBlendMode = blend;
    info.layerCount = layerCount;
    info.layers = layers;
    return xrEndFrame(session, &info);
}

} // namespace

TEST_CASE("xr_sim: session state machine and frame call order", "[xr_sim]") {
    SimSession sim;
    CHECK(sim.nextState() == XR_SESSION_STATE_IDLE);
    CHECK(sim.nextState() == XR_SESSION_STATE_READY);

    CHECK(waitFrame(sim.session) == XR_ERROR_SESSION_NOT_RUNNING);
    CHECK(xrEndSession(sim.session) == XR_ERROR_SESSION_NOT_RUNNING);
    CHECK(xrRequestExitSession(sim.session) == XR_ERROR_SESSION_NOT_RUNNING);
    REQUIRE(sim.begin() == XR_SUCCESS);
    CHECK(sim.begin() == XR_ERROR_SESSION_RUNNING);
    CHECK(xrEndSession(sim.session) == XR_ERROR_SESSION_NOT_STOPPING);

    CHECK(xrBeginFrame(sim.session, nullptr) == XR_ERROR_CALL_ORDER_INVALID); // no xrWaitFrame yet
    CHECK(endFrame(sim.session, 1) == XR_ERROR_CALL_ORDER_INVALID);           // no xrBeginFrame yet
    XrFrameState frame{XR_TYPE_FRAME_STATE};
    REQUIRE(waitFrame(sim.session, &frame) == XR_SUCCESS);
    CHECK(frame.predictedDisplayTime == 1'000'000'000 + 11'111'111); // deterministic, frame 0
    CHECK(frame.shouldRender == XR_FALSE);                              // READY, not yet visible
    REQUIRE(xrBeginFrame(sim.session, nullptr) == XR_SUCCESS);
    CHECK(endFrame(sim.session, 0) == XR_ERROR_TIME_INVALID);
    CHECK(endFrame(sim.session, frame.predictedDisplayTime, 0, nullptr, XR_ENVIRONMENT_BLEND_MODE_ADDITIVE) ==
          XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);
    REQUIRE(endFrame(sim.session, frame.predictedDisplayTime) == XR_SUCCESS);
    CHECK(sim.nextState() == XR_SESSION_STATE_SYNCHRONIZED);
    CHECK(sim.nextState() == XR_SESSION_STATE_VISIBLE);
    CHECK(sim.nextState() == XR_SESSION_STATE_FOCUSED);

    // A second xrBeginFrame without xrEndFrame discards the first frame.
    REQUIRE(waitFrame(sim.session, &frame) == XR_SUCCESS);
    CHECK(frame.predictedDisplayTime == 1'000'000'000 + 2 * 11'111'111);
    CHECK(frame.shouldRender == XR_TRUE);
    REQUIRE(xrBeginFrame(sim.session, nullptr) == XR_SUCCESS);
    REQUIRE(waitFrame(sim.session) == XR_SUCCESS);
    CHECK(xrBeginFrame(sim.session, nullptr) == XR_FRAME_DISCARDED);
    REQUIRE(endFrame(sim.session, frame.predictedDisplayTime) == XR_SUCCESS);

    REQUIRE(xrRequestExitSession(sim.session) == XR_SUCCESS);
    CHECK(sim.nextState() == XR_SESSION_STATE_VISIBLE);
    CHECK(sim.nextState() == XR_SESSION_STATE_SYNCHRONIZED);
    CHECK(sim.nextState() == XR_SESSION_STATE_STOPPING);
    REQUIRE(xrEndSession(sim.session) == XR_SUCCESS);
    CHECK(sim.nextState() == XR_SESSION_STATE_IDLE);
    CHECK(sim.nextState() == XR_SESSION_STATE_EXITING);
    test::requireValidationClean(*sim.context);
}

TEST_CASE("xr_sim: swapchain acquire/wait/release order and layer checks", "[xr_sim]") {
    SimSession sim;
    REQUIRE(sim.begin() == XR_SUCCESS);
    XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
    info.usageFlags = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
    info.format = VK_FORMAT_R8G8B8A8_SRGB;
    info.sampleCount = 1;
    info.width = info.height = 64;
    info.faceCount = 1;
    info.arraySize = 2;
    info.mipCount = 1;
    XrSwapchain swapchain = XR_NULL_HANDLE;
    info.format = VK_FORMAT_R16G16B16A16_SFLOAT;
    CHECK(xrCreateSwapchain(sim.session, &info, &swapchain) == XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
    info.format = VK_FORMAT_R8G8B8A8_SRGB;
    info.arraySize = 0;
    CHECK(xrCreateSwapchain(sim.session, &info, &swapchain) == XR_ERROR_VALIDATION_FAILURE);
    info.arraySize = 2;
    REQUIRE(xrCreateSwapchain(sim.session, &info, &swapchain) == XR_SUCCESS);

    XrSwapchainImageWaitInfo wait{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    wait.timeout = XR_INFINITE_DURATION;
    XrSwapchainImageReleaseInfo release{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
    CHECK(xrWaitSwapchainImage(swapchain, &wait) == XR_ERROR_CALL_ORDER_INVALID); // nothing acquired
    std::uint32_t index = 99;
    REQUIRE(xrAcquireSwapchainImage(swapchain, nullptr, &index) == XR_SUCCESS);
    CHECK(index == 0);
    CHECK(xrReleaseSwapchainImage(swapchain, &release) == XR_ERROR_CALL_ORDER_INVALID); // not waited

    // A layer naming a swapchain with no released image is invalid; so is a rect outside it.
    XrFrameState frame{XR_TYPE_FRAME_STATE};
    REQUIRE(waitFrame(sim.session, &frame) == XR_SUCCESS);
    REQUIRE(xrBeginFrame(sim.session, nullptr) == XR_SUCCESS);
    std::array<XrCompositionLayerProjectionView, 2> views{};
    for (std::uint32_t v = 0; v < 2; ++v) {
        views[v] = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
        views[v].pose.orientation.w = 1.0f;
        views[v].fov = {-0.5f, 0.5f, 0.5f, -0.5f};
        views[v].subImage = {swapchain, {{0, 0}, {64, 64}}, v};
    }
    XrCompositionLayerProjection projection{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
    projection.space = sim.local;
    projection.viewCount = 2;
    projection.views = views.data();
    const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<XrCompositionLayerBaseHeader*>(&projection)};
    CHECK(endFrame(sim.session, frame.predictedDisplayTime, 1, layers) == XR_ERROR_LAYER_INVALID);
    REQUIRE(xrWaitSwapchainImage(swapchain, &wait) == XR_SUCCESS);
    REQUIRE(xrReleaseSwapchainImage(swapchain, &release) == XR_SUCCESS);
    views[1].subImage.imageRect.extent.width = 65;
    CHECK(endFrame(sim.session, frame.predictedDisplayTime, 1, layers) == XR_ERROR_SWAPCHAIN_RECT_INVALID);
    views[1].subImage.imageRect.extent.width = 64;
    views[1].subImage.imageArrayIndex = 2;
    CHECK(endFrame(sim.session, frame.predictedDisplayTime, 1, layers) == XR_ERROR_VALIDATION_FAILURE);
    views[1].subImage.imageArrayIndex = 1;
    projection.viewCount = 1;
    CHECK(endFrame(sim.session, frame.predictedDisplayTime, 1, layers) == XR_ERROR_VALIDATION_FAILURE);
    projection.viewCount = 2;
    CHECK(endFrame(sim.session, frame.predictedDisplayTime, 1, layers) == XR_SUCCESS);

    // All three images acquired: a fourth acquire is a call-order error.
    for (int i = 0; i < 3; ++i) REQUIRE(xrAcquireSwapchainImage(swapchain, nullptr, &index) == XR_SUCCESS);
    CHECK(xrAcquireSwapchainImage(swapchain, nullptr, &index) == XR_ERROR_CALL_ORDER_INVALID);
    REQUIRE(xrDestroySwapchain(swapchain) == XR_SUCCESS);
    test::requireValidationClean(*sim.context);
}

TEST_CASE("xr_sim: actions, bindings and state queries", "[xr_sim]") {
    SimSession sim(R"({"keyframes": [{"frame": 0, "inputs": {"/user/hand/left/input/select/click": 1}}]})");
    const XrInstance instance = sim.runtime->instance();
    XrActionSetCreateInfo setInfo{XR_TYPE_ACTION_SET_CREATE_INFO};
    std::strcpy(setInfo.actionSetName, "Bad Name");
    std::strcpy(setInfo.localizedActionSetName, "Test");
    XrActionSet set = XR_NULL_HANDLE;
    CHECK(xrCreateActionSet(instance, &setInfo, &set) == XR_ERROR_PATH_FORMAT_INVALID);
    std::strcpy(setInfo.actionSetName, "test");
    REQUIRE(xrCreateActionSet(instance, &setInfo, &set) == XR_SUCCESS);
    XrActionCreateInfo actionInfo{XR_TYPE_ACTION_CREATE_INFO};
    std::strcpy(actionInfo.actionName, "select");
    std::strcpy(actionInfo.localizedActionName, "Select");
    actionInfo.actionType = XR_ACTION_TYPE_BOOLEAN_INPUT;
    XrAction select = XR_NULL_HANDLE;
    REQUIRE(xrCreateAction(set, &actionInfo, &select) == XR_SUCCESS);
    CHECK(xrCreateAction(set, &actionInfo, &select) == XR_ERROR_NAME_DUPLICATED);

    XrActionSuggestedBinding binding{select, sim.runtime->path("/user/hand/left/input/trigger/value")};
    XrInteractionProfileSuggestedBinding suggested{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
    suggested.interactionProfile = sim.runtime->path("/interaction_profiles/khr/simple_controller");
    suggested.countSuggestedBindings = 1;
    suggested.suggestedBindings = &binding;
    CHECK(xrSuggestInteractionProfileBindings(instance, &suggested) == XR_ERROR_PATH_UNSUPPORTED); // no trigger
    binding.binding = sim.runtime->path("/user/hand/left/input/select/click");
    suggested.interactionProfile = sim.runtime->path("/interaction_profiles/acme/unknown_controller");
    CHECK(xrSuggestInteractionProfileBindings(instance, &suggested) == XR_ERROR_PATH_UNSUPPORTED);
    suggested.interactionProfile = sim.runtime->path("/interaction_profiles/khr/simple_controller");
    REQUIRE(xrSuggestInteractionProfileBindings(instance, &suggested) == XR_SUCCESS);

    XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
    get.action = select;
    XrActionStateBoolean state{XR_TYPE_ACTION_STATE_BOOLEAN};
    CHECK(xrGetActionStateBoolean(sim.session, &get, &state) == XR_ERROR_ACTIONSET_NOT_ATTACHED);
    XrSessionActionSetsAttachInfo attach{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
    attach.countActionSets = 1;
    attach.actionSets = &set;
    REQUIRE(xrAttachSessionActionSets(sim.session, &attach) == XR_SUCCESS);
    CHECK(xrAttachSessionActionSets(sim.session, &attach) == XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
    std::strcpy(actionInfo.actionName, "late");
    std::strcpy(actionInfo.localizedActionName, "Late");
    XrAction late = XR_NULL_HANDLE;
    CHECK(xrCreateAction(set, &actionInfo, &late) == XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
    XrActionStateFloat wrongType{XR_TYPE_ACTION_STATE_FLOAT};
    CHECK(xrGetActionStateFloat(sim.session, &get, &wrongType) == XR_ERROR_ACTION_TYPE_MISMATCH);

    // Not focused yet (the session has not even begun): sync says so and nothing is active.
    const XrActiveActionSet active{set, XR_NULL_PATH};
    XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
    sync.countActiveActionSets = 1;
    sync.activeActionSets = &active;
    CHECK(xrSyncActions(sim.session, &sync) == XR_SESSION_NOT_FOCUSED);
    REQUIRE(xrGetActionStateBoolean(sim.session, &get, &state) == XR_SUCCESS);
    CHECK(state.isActive == XR_FALSE);

    // Run to FOCUSED: now the scripted press is read.
    REQUIRE(sim.begin() == XR_SUCCESS);
    XrFrameState frame{XR_TYPE_FRAME_STATE};
    REQUIRE(waitFrame(sim.session, &frame) == XR_SUCCESS);
    REQUIRE(xrBeginFrame(sim.session, nullptr) == XR_SUCCESS);
    REQUIRE(endFrame(sim.session, frame.predictedDisplayTime) == XR_SUCCESS);
    REQUIRE(xrSyncActions(sim.session, &sync) == XR_SUCCESS);
    REQUIRE(xrGetActionStateBoolean(sim.session, &get, &state) == XR_SUCCESS);
    CHECK(state.isActive == XR_TRUE);
    CHECK(state.currentState == XR_TRUE);
    XrInteractionProfileState profile{XR_TYPE_INTERACTION_PROFILE_STATE};
    REQUIRE(xrGetCurrentInteractionProfile(sim.session, sim.runtime->path("/user/hand/left"), &profile) == XR_SUCCESS);
    CHECK(sim.runtime->pathString(profile.interactionProfile) == "/interaction_profiles/khr/simple_controller");
    CHECK(xrDestroyActionSet(set) == XR_SUCCESS);
}

TEST_CASE("xr_sim: views, quad views and invalid arguments", "[xr_sim]") {
    SimSession sim(R"({"quad_views": true})");
    // XR_VARJO_quad_views is enabled and the headset lists the configuration: the runtime uses it.
    CHECK(sim.runtime->viewConfiguration() == XR_VIEW_CONFIGURATION_TYPE_PRIMARY_QUAD_VARJO);
    CHECK(sim.runtime->configurationViews().size() == 4);
    std::uint32_t count = 0;
    REQUIRE(xrEnumerateViewConfigurationViews(sim.runtime->instance(), sim.runtime->system(),
                                              XR_VIEW_CONFIGURATION_TYPE_PRIMARY_QUAD_VARJO, 0, &count,
                                              nullptr) == XR_SUCCESS);
    CHECK(count == 4);
    XrSystemProperties properties{XR_TYPE_INSTANCE_PROPERTIES}; // wrong structure type
    CHECK(xrGetSystemProperties(sim.runtime->instance(), sim.runtime->system(), &properties) ==
          XR_ERROR_VALIDATION_FAILURE);
    CHECK(xrGetSystemProperties(sim.runtime->instance(), 42, &properties) == XR_ERROR_SYSTEM_INVALID);

    REQUIRE(sim.begin() == XR_SUCCESS);
    XrViewLocateInfo locate{XR_TYPE_VIEW_LOCATE_INFO};
    locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    locate.displayTime = 1'000'000'000 + 11'111'111;
    locate.space = sim.local;
    XrViewState state{XR_TYPE_VIEW_STATE};
    std::array<XrView, 2> views{XrView{XR_TYPE_VIEW}, XrView{XR_TYPE_VIEW}};
    CHECK(xrLocateViews(sim.session, &locate, &state, 1, &count, views.data()) == XR_ERROR_SIZE_INSUFFICIENT);
    CHECK(count == 2);
    REQUIRE(xrLocateViews(sim.session, &locate, &state, 2, &count, views.data()) == XR_SUCCESS);
    CHECK(views[0].pose.position.x == Approx(-0.032f));
    CHECK(views[1].pose.position.x == Approx(0.032f));
    CHECK((state.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT) != 0);
    locate.displayTime = 0;
    CHECK(xrLocateViews(sim.session, &locate, &state, 2, &count, views.data()) == XR_ERROR_TIME_INVALID);

    XrReferenceSpaceCreateInfo spaceInfo{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    spaceInfo.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_STAGE;
    spaceInfo.poseInReferenceSpace.orientation = {0.0f, 0.0f, 0.0f, 2.0f}; // not unit length
    XrSpace stage = XR_NULL_HANDLE;
    CHECK(xrCreateReferenceSpace(sim.session, &spaceInfo, &stage) == XR_ERROR_POSE_INVALID);
    spaceInfo.poseInReferenceSpace.orientation.w = 1.0f;
    REQUIRE(xrCreateReferenceSpace(sim.session, &spaceInfo, &stage) == XR_SUCCESS);
    XrSpaceLocation location{XR_TYPE_SPACE_LOCATION};
    REQUIRE(xrLocateSpace(sim.local, stage, locate.displayTime + 1, &location) == XR_SUCCESS);
    CHECK(location.pose.position.y == Approx(1.6f)); // LOCAL's origin is at eye height above the floor
    CHECK(xrDestroySpace(stage) == XR_SUCCESS);
    CHECK(xrDestroySpace(stage) == XR_ERROR_HANDLE_INVALID);
}

TEST_CASE("xr_sim: a bad script fails instance creation with the file and the cause", "[xr_sim]") {
    const auto path = std::filesystem::temp_directory_path() / "xrs_sim_bad_script.json";
    std::ofstream(path) << R"({"events": [{"frame": 3, "event": "explode"}]})";
    setenv("XR_RUNTIME_JSON", XRS_XR_SIM_MANIFEST, 1);
    setenv("XRS_XR_SIM_SCRIPT", path.c_str(), 1);
    auto runtime = xr::OpenXrRuntime::create({});
    REQUIRE_FALSE(runtime.ok());
    CHECK(runtime.error().message == "xrCreateInstance failed: XR_ERROR_INITIALIZATION_FAILED");
}
