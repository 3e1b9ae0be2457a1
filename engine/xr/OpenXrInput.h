#pragma once
// Headset input through OpenXR actions: one action set (select, grab, menu, teleport, turn,
// aim and grip poses, haptics, eye gaze) with suggested bindings for the common controllers, so
// any conformant runtime maps its own controllers onto it. Input reaches the application only
// while its session is FOCUSED; otherwise every value reads inactive.
#include "core/Result.h"
#include "core/View.h"
#include "xr/OpenXrCheck.h"

#include <glm/glm.hpp>

#include <array>
#include <memory>
#include <optional>
#include <string>

namespace xrs::xr {

class OpenXrRuntime;

struct HandInput {
    bool select = false;        // trigger (or the simple controller's select)
    bool selectPressed = false; // went down at this frame's sync
    bool grab = false;          // squeeze
    bool menu = false;          // held
    bool menuPressed = false;   // went down at this frame's sync
    bool teleport = false;      // thumbstick / trackpad click
    glm::vec2 turn{0.0f};       // thumbstick / trackpad, x right, y up
    std::optional<Pose> aim;    // pointing ray (forward = -Z) in the display's space, when tracked
    std::optional<Pose> grip;
};

struct HeadsetInput {
    bool focused = false;            // false: the runtime gives input to something else
    std::array<HandInput, 2> hands;  // 0 = left, 1 = right
    std::optional<Pose> gaze;        // eye gaze ray (forward = -Z), when the eyes are tracked
    std::string handProfile;         // current interaction profile of the hands, "" if none
};

class OpenXrInput {
public:
    // Creates the action set and suggests bindings (before any session is attached).
    static Result<std::unique_ptr<OpenXrInput>> create(OpenXrRuntime& runtime);
    ~OpenXrInput();
    OpenXrInput(const OpenXrInput&) = delete;
    OpenXrInput& operator=(const OpenXrInput&) = delete;

    // Per session: action spaces + xrAttachSessionActionSets. detach() forgets the spaces (a
    // destroyed session destroys them itself).
    Status attach(XrSession session);
    void detach();

    // Syncs and reads all actions for the frame displayed at `time`, poses in `space`.
    // Returns the runtime's result when it is an error (session or instance lost).
    XrResult update(XrSpace space, XrTime time, bool focused);
    // The runtime changed the interaction profile (XrEventDataInteractionProfileChanged).
    void refreshProfile();

    // A haptic pulse on one hand (0 left, 1 right); ignored when not focused.
    void vibrate(int hand, float amplitude, XrDuration duration);

    const HeadsetInput& state() const { return state_; }

private:
    explicit OpenXrInput(OpenXrRuntime& runtime) : runtime_(runtime) {}
    Status createActions();
    void suggestBindings();

    OpenXrRuntime& runtime_;
    XrSession session_ = XR_NULL_HANDLE;
    XrActionSet set_ = XR_NULL_HANDLE;
    XrAction select_ = XR_NULL_HANDLE, grab_ = XR_NULL_HANDLE, menu_ = XR_NULL_HANDLE;
    XrAction teleport_ = XR_NULL_HANDLE, turn_ = XR_NULL_HANDLE;
    XrAction aim_ = XR_NULL_HANDLE, grip_ = XR_NULL_HANDLE, haptic_ = XR_NULL_HANDLE;
    XrAction gaze_ = XR_NULL_HANDLE; // XR_EXT_eye_gaze_interaction only
    std::array<XrPath, 2> handPaths_{};
    std::array<XrSpace, 2> aimSpaces_{}, gripSpaces_{};
    XrSpace gazeSpace_ = XR_NULL_HANDLE;
    HeadsetInput state_;
};

} // namespace xrs::xr
