#pragma once
// What the simulated headset "measures": a JSON script of keyframes (head, eye gaze, controller
// poses, input component values) and session events, indexed by frame number. Frames are counted
// by xrWaitFrame, so a script replays identically on every run (no wall clock anywhere).
//
// Keyframes are steps: a value set at frame N holds until a later keyframe changes it.
// Schema (every field optional; tests/xr_sim/scripts/ has examples, the tests many more):
//   frame_period_ns, view_resolution [w, h], controller_profile, eye_tracking, headset_connected,
//   quad_views (the headset has inset displays: PRIMARY_QUAD_VARJO is listed), array_swapchains
//   (false: swapchains of more than one layer are refused),
//   blend_modes ["opaque", "additive", "alpha_blend"], capture_frames [N, ...],
//   keyframes [{frame, head, gaze, left_hand, right_hand: {position [x,y,z], orientation [x,y,z,w],
//              tracked}, inputs {"/user/hand/right/input/select/click": 1.0, ...}}],
//   events [{frame, event: focus_lost | focus_regained | hidden | visible | stopping | exit |
//            loss_pending | instance_loss | headset_off | headset_on}]
#include "core/Result.h"

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xrs::xrsim {

struct Pose {
    glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};
    glm::vec3 position{0.0f};

    Pose operator*(const Pose& child) const {
        return {orientation * child.orientation, position + orientation * child.position};
    }
    Pose inverse() const {
        const glm::quat inv = glm::conjugate(orientation);
        return {inv, -(inv * position)};
    }
};

struct TrackedPose {
    Pose pose;
    bool tracked = true;
};

enum class ScriptedEvent {
    FocusLost, FocusRegained, Hidden, Visible, Stopping, Exit, LossPending, InstanceLoss,
    HeadsetOff, HeadsetOn, // XR_EXT_user_presence
};

struct ScriptKeyframe {
    std::int64_t frame = 0;
    std::optional<TrackedPose> head;
    std::optional<TrackedPose> gaze; // relative to the head: what an eye tracker measures
    std::optional<TrackedPose> leftHand, rightHand; // in LOCAL space
    std::map<std::string, float> inputs;
};

// The device state at one frame, all keyframes up to it applied.
struct DeviceState {
    TrackedPose head;
    TrackedPose gaze;
    TrackedPose leftHand{{{1.0f, 0.0f, 0.0f, 0.0f}, {-0.2f, -0.3f, -0.4f}}, true};
    TrackedPose rightHand{{{1.0f, 0.0f, 0.0f, 0.0f}, {0.2f, -0.3f, -0.4f}}, true};
    std::map<std::string, float> inputs;

    float input(const std::string& path) const {
        auto it = inputs.find(path);
        return it == inputs.end() ? 0.0f : it->second;
    }
};

struct Script {
    std::int64_t framePeriodNs = 11'111'111; // 90 Hz
    std::uint32_t viewWidth = 640, viewHeight = 640;
    std::string controllerProfile = "/interaction_profiles/khr/simple_controller";
    bool eyeTracking = true;
    bool headsetConnected = true;
    bool quadViews = false;
    bool arraySwapchains = true;
    std::vector<std::string> blendModes{"opaque", "alpha_blend"};
    std::vector<std::int64_t> captureFrames;
    std::vector<ScriptKeyframe> keyframes; // sorted by frame
    std::multimap<std::int64_t, ScriptedEvent> events;

    DeviceState stateAt(std::int64_t frame) const;
    bool captures(std::int64_t frame) const;
};

// Reads the script named by XRS_XR_SIM_SCRIPT; without the variable, a still headset.
Result<Script> loadScriptFromEnvironment();
Result<Script> loadScript(const std::filesystem::path& path);

} // namespace xrs::xrsim
