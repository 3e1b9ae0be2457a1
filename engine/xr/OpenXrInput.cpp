#include "xr/OpenXrInput.h"

#include "core/Log.h"
#include "xr/OpenXrPose.h"
#include "xr/OpenXrRuntime.h"

#include <cstring>
#include <utility>
#include <vector>

namespace xrs::xr {
namespace {

// Where `space` is in `base` at `time`, if the runtime tracks (or at least knows) it.
std::optional<Pose> locate(XrSpace space, XrSpace base, XrTime time) {
    if (space == XR_NULL_HANDLE) return std::nullopt;
    XrSpaceLocation location{XR_TYPE_SPACE_LOCATION};
    if (XR_FAILED(xrLocateSpace(space, base, time, &location))) return std::nullopt;
    const XrSpaceLocationFlags needed = XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT;
    if ((location.locationFlags & needed) != needed) return std::nullopt;
    return toPose(location.pose);
}

XrAction createAction(XrActionSet set, const char* name, const char* localized, XrActionType type,
                      const std::vector<XrPath>& subactions) {
    XrActionCreateInfo info{XR_TYPE_ACTION_CREATE_INFO};
    std::snprintf(info.actionName, sizeof info.actionName, "%s", name);
    std::snprintf(info.localizedActionName, sizeof info.localizedActionName, "%s", localized);
    info.actionType = type;
    info.countSubactionPaths = static_cast<std::uint32_t>(subactions.size());
    info.subactionPaths = subactions.empty() ? nullptr : subactions.data();
    XrAction action = XR_NULL_HANDLE;
    XRS_XR_CHECK(xrCreateAction(set, &info, &action));
    return action;
}

} // namespace

Result<std::unique_ptr<OpenXrInput>> OpenXrInput::create(OpenXrRuntime& runtime) {
    std::unique_ptr<OpenXrInput> input(new OpenXrInput(runtime));
    if (Status s = input->createActions(); !s) return s.error();
    input->suggestBindings();
    return input;
}

OpenXrInput::~OpenXrInput() {
    detach();
    // Destroying the set destroys its actions.
    if (set_ != XR_NULL_HANDLE) xrDestroyActionSet(set_);
}

Status OpenXrInput::createActions() {
    XrActionSetCreateInfo info{XR_TYPE_ACTION_SET_CREATE_INFO};
    std::snprintf(info.actionSetName, sizeof info.actionSetName, "xrshow");
    std::snprintf(info.localizedActionSetName, sizeof info.localizedActionSetName, "xrshow exhibition");
    if (XrResult r = xrCreateActionSet(runtime_.instance(), &info, &set_); XR_FAILED(r))
        return fail("xrCreateActionSet failed: ", xrResultName(r));
    handPaths_ = {runtime_.path("/user/hand/left"), runtime_.path("/user/hand/right")};
    const std::vector<XrPath> hands(handPaths_.begin(), handPaths_.end());
    select_ = createAction(set_, "select", "Select", XR_ACTION_TYPE_BOOLEAN_INPUT, hands);
    grab_ = createAction(set_, "grab", "Grab", XR_ACTION_TYPE_BOOLEAN_INPUT, hands);
    menu_ = createAction(set_, "menu", "Menu", XR_ACTION_TYPE_BOOLEAN_INPUT, hands);
    teleport_ = createAction(set_, "teleport", "Teleport", XR_ACTION_TYPE_BOOLEAN_INPUT, hands);
    turn_ = createAction(set_, "turn", "Turn", XR_ACTION_TYPE_VECTOR2F_INPUT, hands);
    aim_ = createAction(set_, "aim_pose", "Aim pose", XR_ACTION_TYPE_POSE_INPUT, hands);
    grip_ = createAction(set_, "grip_pose", "Grip pose", XR_ACTION_TYPE_POSE_INPUT, hands);
    haptic_ = createAction(set_, "haptic", "Haptic feedback", XR_ACTION_TYPE_VIBRATION_OUTPUT, hands);
    if (runtime_.enabled(XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME) && runtime_.eyeGazeSupported())
        gaze_ = createAction(set_, "eye_gaze", "Eye gaze", XR_ACTION_TYPE_POSE_INPUT, {});
    return {};
}

void OpenXrInput::suggestBindings() {
    using Bindings = std::vector<std::pair<XrAction, const char*>>;
    // Paths common to both hands, written once with "*" for left/right.
    const Bindings poses{{aim_, "*/input/aim/pose"}, {grip_, "*/input/grip/pose"}, {haptic_, "*/output/haptic"}};
    struct Profile {
        const char* path;
        const char* extension; // needed to use the profile, or nullptr
        Bindings bindings;
        bool haptics = true;   // controllers vibrate; hands do not
    };
    const std::vector<Profile> profiles{
        {"/interaction_profiles/khr/simple_controller", nullptr,
         {{select_, "*/input/select/click"}, {menu_, "*/input/menu/click"}}},
        {"/interaction_profiles/oculus/touch_controller", nullptr,
         {{select_, "*/input/trigger/value"}, {grab_, "*/input/squeeze/value"},
          {menu_, "/user/hand/left/input/menu/click"}, {teleport_, "*/input/thumbstick/click"},
          {turn_, "*/input/thumbstick"}}},
        {"/interaction_profiles/htc/vive_controller", nullptr,
         {{select_, "*/input/trigger/click"}, {grab_, "*/input/squeeze/click"}, {menu_, "*/input/menu/click"},
          {teleport_, "*/input/trackpad/click"}, {turn_, "*/input/trackpad"}}},
        {"/interaction_profiles/valve/index_controller", nullptr,
         {{select_, "*/input/trigger/click"}, {grab_, "*/input/squeeze/value"}, {menu_, "*/input/b/click"},
          {teleport_, "*/input/thumbstick/click"}, {turn_, "*/input/thumbstick"}}},
        {"/interaction_profiles/microsoft/motion_controller", nullptr,
         {{select_, "*/input/trigger/value"}, {grab_, "*/input/squeeze/click"}, {menu_, "*/input/menu/click"},
          {teleport_, "*/input/thumbstick/click"}, {turn_, "*/input/thumbstick"}}},
        {"/interaction_profiles/bytedance/pico4_controller", kBdControllerInteractionExtension,
         {{select_, "*/input/trigger/click"}, {grab_, "*/input/squeeze/click"},
          {menu_, "/user/hand/left/input/menu/click"}, {teleport_, "*/input/thumbstick/click"},
          {turn_, "*/input/thumbstick"}}},
        // Tracked hands: an index-thumb pinch along the aim ray selects, a fist grabs.
        {kHandInteractionProfile, kHandInteractionExtension,
         {{select_, "*/input/aim_activate_ext/value"}, {grab_, "*/input/grasp_ext/value"}},
         /*haptics=*/false},
    };
    for (const Profile& profile : profiles) {
        if (profile.extension != nullptr && !runtime_.enabled(profile.extension)) continue;
        std::vector<XrActionSuggestedBinding> suggested;
        Bindings all = profile.bindings;
        for (const auto& binding : poses)
            if (binding.first != haptic_ || profile.haptics) all.push_back(binding);
        for (const auto& [action, pattern] : all) {
            if (pattern[0] == '*') {
                for (const char* hand : {"/user/hand/left", "/user/hand/right"})
                    suggested.push_back({action, runtime_.path((std::string(hand) + (pattern + 1)).c_str())});
            } else {
                suggested.push_back({action, runtime_.path(pattern)});
            }
        }
        XrInteractionProfileSuggestedBinding info{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
        info.interactionProfile = runtime_.path(profile.path);
        info.countSuggestedBindings = static_cast<std::uint32_t>(suggested.size());
        info.suggestedBindings = suggested.data();
        // A runtime may not know a profile (older runtimes); that profile is then simply unused.
        if (XrResult r = xrSuggestInteractionProfileBindings(runtime_.instance(), &info); XR_FAILED(r))
            XRS_LOG_WARN("OpenXR: bindings for {} not accepted: {}", profile.path, xrResultName(r));
    }
    if (gaze_ != XR_NULL_HANDLE) {
        const XrActionSuggestedBinding binding{gaze_, runtime_.path("/user/eyes_ext/input/gaze_ext/pose")};
        XrInteractionProfileSuggestedBinding info{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
        info.interactionProfile = runtime_.path("/interaction_profiles/ext/eye_gaze_interaction");
        info.countSuggestedBindings = 1;
        info.suggestedBindings = &binding;
        if (XrResult r = xrSuggestInteractionProfileBindings(runtime_.instance(), &info); XR_FAILED(r))
            XRS_LOG_WARN("OpenXR: eye gaze binding not accepted: {}", xrResultName(r));
    }
}

Status OpenXrInput::attach(XrSession session) {
    session_ = session;
    XrActionSpaceCreateInfo spaceInfo{XR_TYPE_ACTION_SPACE_CREATE_INFO};
    spaceInfo.poseInActionSpace.orientation.w = 1.0f;
    for (std::size_t hand = 0; hand < 2; ++hand) {
        spaceInfo.subactionPath = handPaths_[hand];
        spaceInfo.action = aim_;
        XRS_XR_CHECK(xrCreateActionSpace(session, &spaceInfo, &aimSpaces_[hand]));
        spaceInfo.action = grip_;
        XRS_XR_CHECK(xrCreateActionSpace(session, &spaceInfo, &gripSpaces_[hand]));
    }
    if (gaze_ != XR_NULL_HANDLE) {
        spaceInfo.subactionPath = XR_NULL_PATH;
        spaceInfo.action = gaze_;
        XRS_XR_CHECK(xrCreateActionSpace(session, &spaceInfo, &gazeSpace_));
    }
    XrSessionActionSetsAttachInfo attachInfo{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
    attachInfo.countActionSets = 1;
    attachInfo.actionSets = &set_;
    if (XrResult r = xrAttachSessionActionSets(session, &attachInfo); XR_FAILED(r))
        return fail("xrAttachSessionActionSets failed: ", xrResultName(r));
    state_ = {};
    return {};
}

void OpenXrInput::detach() {
    for (XrSpace* space : {&aimSpaces_[0], &aimSpaces_[1], &gripSpaces_[0], &gripSpaces_[1], &gazeSpace_}) {
        if (*space != XR_NULL_HANDLE && session_ != XR_NULL_HANDLE) xrDestroySpace(*space);
        *space = XR_NULL_HANDLE;
    }
    session_ = XR_NULL_HANDLE;
    state_ = {};
}

void OpenXrInput::refreshProfile() {
    XrInteractionProfileState profile{XR_TYPE_INTERACTION_PROFILE_STATE};
    state_.handProfile.clear();
    if (XR_SUCCEEDED(xrGetCurrentInteractionProfile(session_, handPaths_[1], &profile)) &&
        profile.interactionProfile != XR_NULL_PATH)
        state_.handProfile = runtime_.pathString(profile.interactionProfile);
    XRS_LOG_INFO("OpenXR: controllers: {}", state_.handProfile.empty() ? "none" : state_.handProfile);
}

XrResult OpenXrInput::update(XrSpace space, XrTime time, bool focused) {
    const std::string profile = std::move(state_.handProfile);
    state_ = {};
    state_.handProfile = profile;
    state_.focused = focused;
    if (!focused) return XR_SUCCESS; // unfocused: the runtime reports everything inactive anyway
    const XrActiveActionSet active{set_, XR_NULL_PATH};
    XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
    sync.countActiveActionSets = 1;
    sync.activeActionSets = &active;
    const XrResult synced = xrSyncActions(session_, &sync);
    if (XR_FAILED(synced)) return synced;
    if (synced == XR_SESSION_NOT_FOCUSED) { // focus went away before we heard of it
        state_.focused = false;
        return XR_SUCCESS;
    }

    XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
    auto boolean = [&](XrAction action, XrPath hand) {
        get.action = action;
        get.subactionPath = hand;
        XrActionStateBoolean s{XR_TYPE_ACTION_STATE_BOOLEAN};
        if (XR_FAILED(xrGetActionStateBoolean(session_, &get, &s)) || !s.isActive) s = {XR_TYPE_ACTION_STATE_BOOLEAN};
        return s;
    };
    for (std::size_t h = 0; h < 2; ++h) {
        HandInput& hand = state_.hands[h];
        const XrActionStateBoolean select = boolean(select_, handPaths_[h]);
        hand.select = select.currentState == XR_TRUE;
        hand.selectPressed = hand.select && select.changedSinceLastSync == XR_TRUE;
        hand.grab = boolean(grab_, handPaths_[h]).currentState == XR_TRUE;
        const XrActionStateBoolean menu = boolean(menu_, handPaths_[h]);
        hand.menu = menu.currentState == XR_TRUE;
        hand.menuPressed = hand.menu && menu.changedSinceLastSync == XR_TRUE;
        hand.teleport = boolean(teleport_, handPaths_[h]).currentState == XR_TRUE;
        get.action = turn_;
        get.subactionPath = handPaths_[h];
        XrActionStateVector2f turn{XR_TYPE_ACTION_STATE_VECTOR2F};
        if (XR_SUCCEEDED(xrGetActionStateVector2f(session_, &get, &turn)) && turn.isActive)
            hand.turn = {turn.currentState.x, turn.currentState.y};
        hand.aim = locate(aimSpaces_[h], space, time);
        hand.grip = locate(gripSpaces_[h], space, time);
    }
    if (gazeSpace_ != XR_NULL_HANDLE) {
        get.action = gaze_;
        get.subactionPath = XR_NULL_PATH;
        XrActionStatePose pose{XR_TYPE_ACTION_STATE_POSE};
        if (XR_SUCCEEDED(xrGetActionStatePose(session_, &get, &pose)) && pose.isActive)
            state_.gaze = locate(gazeSpace_, space, time);
    }
    return XR_SUCCESS;
}

void OpenXrInput::vibrate(int hand, float amplitude, XrDuration duration) {
    if (!state_.focused || hand < 0 || hand > 1) return;
    XrHapticVibration vibration{XR_TYPE_HAPTIC_VIBRATION};
    vibration.amplitude = amplitude;
    vibration.duration = duration;
    vibration.frequency = XR_FREQUENCY_UNSPECIFIED;
    XrHapticActionInfo info{XR_TYPE_HAPTIC_ACTION_INFO};
    info.action = haptic_;
    info.subactionPath = handPaths_[static_cast<std::size_t>(hand)];
    xrApplyHapticFeedback(session_, &info, reinterpret_cast<const XrHapticBaseHeader*>(&vibration));
}

} // namespace xrs::xr
