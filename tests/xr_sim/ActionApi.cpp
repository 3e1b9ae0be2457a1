// Actions: action sets and actions, suggested bindings, attachment (which fixes the current
// interaction profiles), xrSyncActions reading the script's input values, state queries, haptics.
#include "Api.h"

#include <algorithm>
#include <cmath>

namespace xrs::xrsim {
namespace {

constexpr const char* kEyeGazeProfile = "/interaction_profiles/ext/eye_gaze_interaction";

bool isWellFormedName(const char* name) {
    if (name == nullptr || name[0] == '\0') return false;
    for (const char* c = name; *c != '\0'; ++c)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.'))
            return false;
    return true;
}

bool isTopLevelUserPath(const Instance& instance, const std::string& path) {
    if (path == "/user/eyes_ext") return instance.has(XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME);
    return path == "/user/hand/left" || path == "/user/hand/right" || path == "/user/head" ||
           path == "/user/gamepad" || path == "/user/treadmill";
}

bool startsWith(const std::string& text, const std::string& prefix) {
    return text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0 && text[prefix.size()] == '/';
}

// The binding paths of `action` in the session's current interaction profiles, limited to one
// top-level user path unless `subaction` is XR_NULL_PATH.
std::vector<std::string> boundSources(const Session& session, const Action& action, XrPath subaction) {
    const Instance& instance = *session.instance;
    const std::string* subactionName = instance.pathName(subaction);
    std::vector<std::string> sources;
    for (XrPath profile : {session.handProfile, session.eyeProfile}) {
        auto it = instance.suggestedBindings.find(profile);
        if (profile == XR_NULL_PATH || it == instance.suggestedBindings.end()) continue;
        for (const auto& [bound, path] : it->second) {
            if (bound != &action) continue;
            const std::string& name = *instance.pathName(path);
            // The eye-gaze profile drives /user/eyes_ext only; the controller profile the hands.
            const bool eyes = startsWith(name, "/user/eyes_ext");
            if (eyes != (profile == session.eyeProfile)) continue;
            if (subactionName == nullptr || startsWith(name, *subactionName)) sources.push_back(name);
        }
    }
    return sources;
}

// A component's value from the script; an identifier without component ("…/trigger") reads
// its value or click.
float readInput(const DeviceState& device, const std::string& path) {
    for (const char* suffix : {"", "/value", "/click"}) {
        auto it = device.inputs.find(path + suffix);
        if (it != device.inputs.end()) return it->second;
    }
    return 0.0f;
}

ActionState evaluate(const Session& session, const Action& action, XrPath subaction, const DeviceState& device) {
    ActionState state;
    const auto sources = boundSources(session, action, subaction);
    state.active = !sources.empty();
    for (const std::string& source : sources) {
        switch (action.type) {
        case XR_ACTION_TYPE_BOOLEAN_INPUT:
            if (readInput(device, source) > 0.5f) state.value.x = 1.0f;
            break;
        case XR_ACTION_TYPE_FLOAT_INPUT: {
            const float v = readInput(device, source);
            if (std::fabs(v) > std::fabs(state.value.x)) state.value.x = v;
            break;
        }
        case XR_ACTION_TYPE_VECTOR2F_INPUT: {
            const XrVector2f v{device.input(source + "/x"), device.input(source + "/y")};
            if (v.x * v.x + v.y * v.y > state.value.x * state.value.x + state.value.y * state.value.y) state.value = v;
            break;
        }
        default: break; // poses and haptics carry no value
        }
    }
    return state;
}

Action* findAction(XrAction handle) { return runtime().actions.find(handle); }

// Common checks of the xrGetActionState* family; returns the state slot to read.
XrResult stateFor(Session& session, const XrActionStateGetInfo* info, XrActionType type, const ActionState** out) {
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_ACTION_STATE_GET_INFO);
    Action* action = findAction(info->action);
    if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (action->type != type) return XR_ERROR_ACTION_TYPE_MISMATCH;
    if (session.attachedSets.count(action->set) == 0) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    if (info->subactionPath != XR_NULL_PATH) {
        if (session.instance->pathName(info->subactionPath) == nullptr) return XR_ERROR_PATH_INVALID;
        if (std::find(action->subactionPaths.begin(), action->subactionPaths.end(), info->subactionPath) ==
            action->subactionPaths.end())
            return XR_ERROR_PATH_UNSUPPORTED;
    }
    static const ActionState kInactive;
    auto it = action->states.find(info->subactionPath);
    *out = it == action->states.end() ? &kInactive : &it->second;
    return XR_SUCCESS;
}

} // namespace

void destroyActionSetObjects(ActionSet& set) {
    for (Action* action : set.actions) {
        for (auto& [profile, bindings] : set.instance->suggestedBindings)
            bindings.erase(std::remove_if(bindings.begin(), bindings.end(),
                                          [&](const auto& b) { return b.first == action; }),
                           bindings.end());
        runtime().actions.remove(action);
    }
    set.actions.clear();
}

Located devicePose(const Session& session, const Action& action, XrPath subaction, XrTime time) {
    const DeviceState device = session.deviceAt(time);
    for (const std::string& source : boundSources(session, action, subaction)) {
        if (startsWith(source, "/user/eyes_ext")) {
            return {device.head.pose * device.gaze.pose, device.head.tracked && device.gaze.tracked};
        }
        const TrackedPose& hand = startsWith(source, "/user/hand/left") ? device.leftHand : device.rightHand;
        return {hand.pose, hand.tracked}; // grip and aim share the simulated controller's pose
    }
    return {};
}

namespace api {

XrResult xrCreateActionSet(XrInstance instanceHandle, const XrActionSetCreateInfo* info, XrActionSet* setOut) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_ACTION_SET_CREATE_INFO);
    if (setOut == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (!isWellFormedName(info->actionSetName)) return XR_ERROR_PATH_FORMAT_INVALID;
    if (info->localizedActionSetName[0] == '\0') return XR_ERROR_LOCALIZED_NAME_INVALID;
    for (ActionSet* other : runtime().actionSets.where([&](const ActionSet& s) { return s.instance == instance; })) {
        if (other->name == info->actionSetName) return XR_ERROR_NAME_DUPLICATED;
        if (other->localizedName == info->localizedActionSetName) return XR_ERROR_LOCALIZED_NAME_DUPLICATED;
    }
    auto set = std::make_unique<ActionSet>();
    set->instance = instance;
    set->name = info->actionSetName;
    set->localizedName = info->localizedActionSetName;
    *setOut = runtime().actionSets.add<XrActionSet>(std::move(set));
    return XR_SUCCESS;
}

XrResult xrDestroyActionSet(XrActionSet handle) {
    ActionSet* set = runtime().actionSets.find(handle);
    if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
    destroyActionSetObjects(*set);
    for (Session* session : runtime().sessions.where([&](const Session& s) { return s.attachedSets.count(set) != 0; }))
        session->attachedSets.erase(set);
    runtime().actionSets.remove(set);
    return XR_SUCCESS;
}

XrResult xrCreateAction(XrActionSet setHandle, const XrActionCreateInfo* info, XrAction* actionOut) {
    ActionSet* set = runtime().actionSets.find(setHandle);
    if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (set->instance->lost) return XR_ERROR_INSTANCE_LOST;
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_ACTION_CREATE_INFO);
    if (actionOut == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (set->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    if (!isWellFormedName(info->actionName)) return XR_ERROR_PATH_FORMAT_INVALID;
    if (info->localizedActionName[0] == '\0') return XR_ERROR_LOCALIZED_NAME_INVALID;
    const XrActionType type = info->actionType;
    if (type != XR_ACTION_TYPE_BOOLEAN_INPUT && type != XR_ACTION_TYPE_FLOAT_INPUT &&
        type != XR_ACTION_TYPE_VECTOR2F_INPUT && type != XR_ACTION_TYPE_POSE_INPUT &&
        type != XR_ACTION_TYPE_VIBRATION_OUTPUT)
        return XR_ERROR_VALIDATION_FAILURE;
    for (const Action* other : set->actions) {
        if (other->name == info->actionName) return XR_ERROR_NAME_DUPLICATED;
        if (other->localizedName == info->localizedActionName) return XR_ERROR_LOCALIZED_NAME_DUPLICATED;
    }
    auto action = std::make_unique<Action>();
    action->set = set;
    action->name = info->actionName;
    action->localizedName = info->localizedActionName;
    action->type = type;
    for (std::uint32_t i = 0; i < info->countSubactionPaths; ++i) {
        const XrPath path = info->subactionPaths[i];
        const std::string* name = set->instance->pathName(path);
        if (name == nullptr) return XR_ERROR_PATH_INVALID;
        if (!isTopLevelUserPath(*set->instance, *name)) return XR_ERROR_PATH_UNSUPPORTED;
        if (std::find(action->subactionPaths.begin(), action->subactionPaths.end(), path) != action->subactionPaths.end())
            return XR_ERROR_PATH_UNSUPPORTED;
        action->subactionPaths.push_back(path);
    }
    Action* raw = action.get();
    *actionOut = runtime().actions.add<XrAction>(std::move(action));
    set->actions.push_back(raw);
    return XR_SUCCESS;
}

XrResult xrDestroyAction(XrAction handle) {
    Action* action = findAction(handle);
    if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
    auto& actions = action->set->actions;
    actions.erase(std::remove(actions.begin(), actions.end(), action), actions.end());
    for (auto& [profile, bindings] : action->set->instance->suggestedBindings)
        bindings.erase(std::remove_if(bindings.begin(), bindings.end(), [&](const auto& b) { return b.first == action; }),
                       bindings.end());
    runtime().actions.remove(action);
    return XR_SUCCESS;
}

XrResult xrSuggestInteractionProfileBindings(XrInstance instanceHandle,
                                             const XrInteractionProfileSuggestedBinding* suggested) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    XRS_SIM_EXPECT_TYPE(suggested, XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING);
    if (suggested->countSuggestedBindings == 0 || suggested->suggestedBindings == nullptr)
        return XR_ERROR_VALIDATION_FAILURE;
    const std::string* profile = instance->pathName(suggested->interactionProfile);
    if (profile == nullptr) return XR_ERROR_PATH_INVALID;
    if (!isKnownInteractionProfile(*instance, *profile)) return XR_ERROR_PATH_UNSUPPORTED;
    std::vector<std::pair<Action*, XrPath>> bindings;
    for (std::uint32_t i = 0; i < suggested->countSuggestedBindings; ++i) {
        const XrActionSuggestedBinding& b = suggested->suggestedBindings[i];
        Action* action = findAction(b.action);
        if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
        if (action->set->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
        const std::string* binding = instance->pathName(b.binding);
        if (binding == nullptr) return XR_ERROR_PATH_INVALID;
        if (!isValidBinding(*profile, *binding)) {
            logSim("unsupported binding %s for %s", binding->c_str(), profile->c_str());
            return XR_ERROR_PATH_UNSUPPORTED;
        }
        bindings.emplace_back(action, b.binding);
    }
    // A later suggestion for the same profile replaces the earlier one.
    instance->suggestedBindings[suggested->interactionProfile] = std::move(bindings);
    return XR_SUCCESS;
}

XrResult xrAttachSessionActionSets(XrSession handle, const XrSessionActionSetsAttachInfo* info) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO);
    if (info->countActionSets == 0 || info->actionSets == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (!session->attachedSets.empty()) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
    std::set<ActionSet*> sets;
    for (std::uint32_t i = 0; i < info->countActionSets; ++i) {
        ActionSet* set = runtime().actionSets.find(info->actionSets[i]);
        if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
        sets.insert(set);
    }
    for (ActionSet* set : sets) set->attached = true;
    session->attachedSets = std::move(sets);
    // The simulated controllers are of the script's profile: current if the application
    // suggested bindings for it. The eye tracker likewise.
    Instance& instance = *session->instance;
    const XrPath hands = instance.path(instance.script.controllerProfile);
    const XrPath eyes = instance.path(kEyeGazeProfile);
    session->handProfile = instance.suggestedBindings.count(hands) ? hands : XR_NULL_PATH;
    session->eyeProfile = instance.has(XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME) && instance.script.eyeTracking &&
                                  instance.suggestedBindings.count(eyes)
                              ? eyes
                              : XR_NULL_PATH;
    if (session->handProfile != XR_NULL_PATH || session->eyeProfile != XR_NULL_PATH) {
        XrEventDataInteractionProfileChanged event{XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED};
        event.session = handle;
        instance.pushEvent(&event, sizeof event);
    }
    return XR_SUCCESS;
}

XrResult xrGetCurrentInteractionProfile(XrSession handle, XrPath topLevelUserPath,
                                        XrInteractionProfileState* profileState) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(profileState, XR_TYPE_INTERACTION_PROFILE_STATE);
    if (session->attachedSets.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    const std::string* name = session->instance->pathName(topLevelUserPath);
    if (name == nullptr) return XR_ERROR_PATH_INVALID;
    if (!isTopLevelUserPath(*session->instance, *name)) return XR_ERROR_PATH_UNSUPPORTED;
    if (*name == "/user/hand/left" || *name == "/user/hand/right")
        profileState->interactionProfile = session->handProfile;
    else if (*name == "/user/eyes_ext")
        profileState->interactionProfile = session->eyeProfile;
    else
        profileState->interactionProfile = XR_NULL_PATH;
    return XR_SUCCESS;
}

XrResult xrSyncActions(XrSession handle, const XrActionsSyncInfo* info) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_ACTIONS_SYNC_INFO);
    if (info->countActiveActionSets > 0 && info->activeActionSets == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    std::set<ActionSet*> active;
    for (std::uint32_t i = 0; i < info->countActiveActionSets; ++i) {
        ActionSet* set = runtime().actionSets.find(info->activeActionSets[i].actionSet);
        if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
        if (session->attachedSets.count(set) == 0) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
        const XrPath subaction = info->activeActionSets[i].subactionPath;
        if (subaction != XR_NULL_PATH) {
            const std::string* name = session->instance->pathName(subaction);
            if (name == nullptr) return XR_ERROR_PATH_INVALID;
            if (!isTopLevelUserPath(*session->instance, *name)) return XR_ERROR_PATH_UNSUPPORTED;
        }
        active.insert(set);
    }
    // Input reaches only the focused application: otherwise every action reads inactive.
    const bool focused = session->focused();
    const XrTime now = session->predictedTime();
    const DeviceState device = session->deviceAt(now);
    for (ActionSet* set : session->attachedSets) {
        for (Action* action : set->actions) {
            std::vector<XrPath> keys{XR_NULL_PATH};
            keys.insert(keys.end(), action->subactionPaths.begin(), action->subactionPaths.end());
            for (XrPath key : keys) {
                ActionState next;
                if (focused && active.count(set)) next = evaluate(*session, *action, key, device);
                ActionState& previous = action->states[key];
                next.changedSinceLastSync = previous.active && next.active &&
                                            (previous.value.x != next.value.x || previous.value.y != next.value.y);
                next.lastChangeTime = next.changedSinceLastSync ? now : previous.lastChangeTime;
                previous = next;
            }
        }
    }
    return focused ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

XrResult xrGetActionStateBoolean(XrSession handle, const XrActionStateGetInfo* info, XrActionStateBoolean* state) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(state, XR_TYPE_ACTION_STATE_BOOLEAN);
    const ActionState* s = nullptr;
    if (XrResult r = stateFor(*session, info, XR_ACTION_TYPE_BOOLEAN_INPUT, &s); r != XR_SUCCESS) return r;
    state->currentState = s->value.x > 0.5f ? XR_TRUE : XR_FALSE;
    state->changedSinceLastSync = s->changedSinceLastSync ? XR_TRUE : XR_FALSE;
    state->lastChangeTime = s->lastChangeTime;
    state->isActive = s->active ? XR_TRUE : XR_FALSE;
    return XR_SUCCESS;
}

XrResult xrGetActionStateFloat(XrSession handle, const XrActionStateGetInfo* info, XrActionStateFloat* state) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(state, XR_TYPE_ACTION_STATE_FLOAT);
    const ActionState* s = nullptr;
    if (XrResult r = stateFor(*session, info, XR_ACTION_TYPE_FLOAT_INPUT, &s); r != XR_SUCCESS) return r;
    state->currentState = s->value.x;
    state->changedSinceLastSync = s->changedSinceLastSync ? XR_TRUE : XR_FALSE;
    state->lastChangeTime = s->lastChangeTime;
    state->isActive = s->active ? XR_TRUE : XR_FALSE;
    return XR_SUCCESS;
}

XrResult xrGetActionStateVector2f(XrSession handle, const XrActionStateGetInfo* info, XrActionStateVector2f* state) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(state, XR_TYPE_ACTION_STATE_VECTOR2F);
    const ActionState* s = nullptr;
    if (XrResult r = stateFor(*session, info, XR_ACTION_TYPE_VECTOR2F_INPUT, &s); r != XR_SUCCESS) return r;
    state->currentState = s->value;
    state->changedSinceLastSync = s->changedSinceLastSync ? XR_TRUE : XR_FALSE;
    state->lastChangeTime = s->lastChangeTime;
    state->isActive = s->active ? XR_TRUE : XR_FALSE;
    return XR_SUCCESS;
}

XrResult xrGetActionStatePose(XrSession handle, const XrActionStateGetInfo* info, XrActionStatePose* state) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(state, XR_TYPE_ACTION_STATE_POSE);
    const ActionState* s = nullptr;
    if (XrResult r = stateFor(*session, info, XR_ACTION_TYPE_POSE_INPUT, &s); r != XR_SUCCESS) return r;
    state->isActive = s->active ? XR_TRUE : XR_FALSE;
    return XR_SUCCESS;
}

XrResult xrEnumerateBoundSourcesForAction(XrSession handle, const XrBoundSourcesForActionEnumerateInfo* info,
                                          std::uint32_t capacity, std::uint32_t* countOutput, XrPath* sources) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO);
    Action* action = findAction(info->action);
    if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (session->attachedSets.count(action->set) == 0) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    std::vector<XrPath> paths;
    for (const std::string& source : boundSources(*session, *action, XR_NULL_PATH))
        paths.push_back(session->instance->path(source));
    return fillArray(capacity, countOutput, sources, paths);
}

XrResult xrGetInputSourceLocalizedName(XrSession handle, const XrInputSourceLocalizedNameGetInfo* info,
                                       std::uint32_t capacity, std::uint32_t* countOutput, char* buffer) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO);
    const std::string* name = session->instance->pathName(info->sourcePath);
    if (name == nullptr) return XR_ERROR_PATH_INVALID;
    if (info->whichComponents == 0) return XR_ERROR_VALIDATION_FAILURE;
    if (session->attachedSets.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    return fillString(capacity, countOutput, buffer, *name); // the simulator has no localized names
}

XrResult xrApplyHapticFeedback(XrSession handle, const XrHapticActionInfo* info, const XrHapticBaseHeader* haptic) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_HAPTIC_ACTION_INFO);
    if (haptic == nullptr || haptic->type != XR_TYPE_HAPTIC_VIBRATION) return XR_ERROR_VALIDATION_FAILURE;
    Action* action = findAction(info->action);
    if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (action->type != XR_ACTION_TYPE_VIBRATION_OUTPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
    if (session->attachedSets.count(action->set) == 0) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    if (!session->focused()) return XR_SESSION_NOT_FOCUSED;
    return XR_SUCCESS; // the simulated controllers do not vibrate
}

XrResult xrStopHapticFeedback(XrSession handle, const XrHapticActionInfo* info) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_HAPTIC_ACTION_INFO);
    Action* action = findAction(info->action);
    if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (action->type != XR_ACTION_TYPE_VIBRATION_OUTPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
    if (session->attachedSets.count(action->set) == 0) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    return session->focused() ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

} // namespace api
} // namespace xrs::xrsim
