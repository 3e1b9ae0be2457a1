#pragma once
// A headset simulated with mouse and keyboard, for the desktop preview: the views are those a
// real headset would report (two eyes, configurable IPD, asymmetric per-eye fov), so everything
// downstream (renderer, foveation, video tiles) runs exactly as in a headset.
//
//   right-drag      turn the head (yaw, pitch)          W A S D   walk (Shift: run)
//   E / Q           up / down                           C         seated / standing eye height
//   scroll          narrow / widen the field of view    G (hold)  gaze locks on its world point
//   cursor          eye gaze (through the left eye's image) and the controller ray; left button
//                   is the controller's select
//
// Pure math on InputState: no window, no GPU (unit-tested on its own).
#include "core/View.h"
#include "render/StereoViews.h"
#include "xr/Display.h"
#include "xr/InputState.h"

#include <glm/glm.hpp>

#include <optional>

namespace xrs::xr {

// Per-eye angles like a Quest 2's: each eye sees further outward than inward, more down than up.
Fov questLikeLeftFov();
Fov questLikeRightFov();

struct HeadsetSettings {
    float ipdMeters = 0.063f;
    Fov leftFov = questLikeLeftFov();
    Fov rightFov = questLikeRightFov();
    float standingEyeHeight = 1.65f; // metres above the floor
    float seatedEyeHeight = 1.20f;
    bool startSeated = false;        // C toggles
    float walkSpeed = 1.4f;          // m/s
    float runMultiplier = 3.0f;      // with Shift
    float verticalSpeed = 1.0f;      // m/s with E/Q
    float lookDegreesPerPixel = 0.1f;
    float zoomPerScrollStep = 0.9f;  // fov tangents scale by this per wheel step away
    float minFovScale = 0.25f;
    float maxFovScale = 1.5f;
    float nearZ = 0.05f;
};

// What the frame's input may act on: the overlay takes the mouse while the cursor is over it.
struct InputFocus {
    bool uiHasMouse = false;
    bool uiHasKeyboard = false;
};

struct ControllerRay {
    glm::vec3 origin{0.0f};    // world space
    glm::vec3 direction{0.0f, 0.0f, -1.0f};
    bool selectDown = false;    // left button held
    bool selectPressed = false; // pressed this frame
    bool valid = false;         // false while the cursor is outside the left eye's image
};

class SimulatedHeadset {
public:
    explicit SimulatedHeadset(const HeadsetSettings& settings = {});

    // Puts the head at `pose` (yaw and pitch kept, roll dropped); the floor is eye height below.
    void placeHead(const Pose& pose);

    // Advances by `dt` seconds. `cursorUv` is the left eye's image point under the cursor
    // ((0,0) top-left .. (1,1)), nullopt when the cursor is outside it.
    void update(const InputState& input, float dt, std::optional<glm::vec2> cursorUv,
                InputFocus focus = {});

    Pose headPose() const;
    render::StereoViews views() const;
    std::optional<glm::vec3> gazeDirection() const { return gaze_; }
    Tracking tracking() const { return {views(), gaze_}; }
    const ControllerRay& controllerRay() const { return ray_; }

    bool seated() const { return seated_; }
    bool gazeLocked() const { return gazeLocked_; }
    float fovScale() const { return fovScale_; }
    float yawDegrees() const;
    float pitchDegrees() const;
    const HeadsetSettings& settings() const { return settings_; }
    void setIpd(float meters) { settings_.ipdMeters = meters; }

    // The eyes' fov after zoom, and the direction (head space) through a left-eye image point.
    Fov leftFov() const;
    Fov rightFov() const;
    glm::vec3 headDirectionThrough(glm::vec2 leftEyeUv) const;

private:
    glm::quat orientation() const;

    HeadsetSettings settings_;
    glm::vec3 floorPosition_{0.0f}; // x, z on the floor; y is the floor's height
    float yaw_ = 0.0f;              // radians, + turns left (counter-clockwise seen from above)
    float pitch_ = 0.0f;            // radians, + looks up
    bool seated_ = false;
    float fovScale_ = 1.0f;
    bool gazeLocked_ = false;
    std::optional<glm::vec3> gaze_;
    ControllerRay ray_;
};

} // namespace xrs::xr
