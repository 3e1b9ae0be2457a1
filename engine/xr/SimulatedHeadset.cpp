#include "xr/SimulatedHeadset.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <cmath>

namespace xrs::xr {
namespace {

constexpr float kMaxPitch = glm::radians(89.0f);

Fov scaled(const Fov& fov, float scale) {
    // Zoom scales the tangents (what a lens does), so asymmetric fovs keep their shape.
    return {std::atan(std::tan(fov.angleLeft) * scale), std::atan(std::tan(fov.angleRight) * scale),
            std::atan(std::tan(fov.angleUp) * scale), std::atan(std::tan(fov.angleDown) * scale)};
}

} // namespace

Fov questLikeLeftFov() {
    return {glm::radians(-52.0f), glm::radians(42.0f), glm::radians(41.0f), glm::radians(-48.0f)};
}
Fov questLikeRightFov() {
    return {glm::radians(-42.0f), glm::radians(52.0f), glm::radians(41.0f), glm::radians(-48.0f)};
}

SimulatedHeadset::SimulatedHeadset(const HeadsetSettings& settings)
    : settings_(settings), seated_(settings.startSeated) {}

void SimulatedHeadset::placeHead(const Pose& pose) {
    const glm::vec3 forward = pose.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    yaw_ = std::atan2(-forward.x, -forward.z);
    pitch_ = std::clamp(std::asin(std::clamp(forward.y, -1.0f, 1.0f)), -kMaxPitch, kMaxPitch);
    const float eyeHeight = seated_ ? settings_.seatedEyeHeight : settings_.standingEyeHeight;
    floorPosition_ = pose.position - glm::vec3(0.0f, eyeHeight, 0.0f);
}

glm::quat SimulatedHeadset::orientation() const {
    return glm::angleAxis(yaw_, glm::vec3(0.0f, 1.0f, 0.0f)) *
           glm::angleAxis(pitch_, glm::vec3(1.0f, 0.0f, 0.0f));
}

Pose SimulatedHeadset::headPose() const {
    const float eyeHeight = seated_ ? settings_.seatedEyeHeight : settings_.standingEyeHeight;
    return {orientation(), floorPosition_ + glm::vec3(0.0f, eyeHeight, 0.0f)};
}

Fov SimulatedHeadset::leftFov() const { return scaled(settings_.leftFov, fovScale_); }
Fov SimulatedHeadset::rightFov() const { return scaled(settings_.rightFov, fovScale_); }

render::StereoViews SimulatedHeadset::views() const {
    render::StereoViews views;
    views.eyes = stereoEyes(headPose(), settings_.ipdMeters, leftFov(), rightFov());
    views.nearZ = settings_.nearZ;
    return views;
}

glm::vec3 SimulatedHeadset::headDirectionThrough(glm::vec2 uv) const {
    const Fov fov = leftFov();
    const float left = std::tan(fov.angleLeft), right = std::tan(fov.angleRight);
    const float up = std::tan(fov.angleUp), down = std::tan(fov.angleDown);
    // Image v grows downwards; view +Y is up.
    return glm::normalize(glm::vec3(left + uv.x * (right - left), up - uv.y * (up - down), -1.0f));
}

float SimulatedHeadset::yawDegrees() const { return glm::degrees(yaw_); }
float SimulatedHeadset::pitchDegrees() const { return glm::degrees(pitch_); }

void SimulatedHeadset::update(const InputState& input, float dt, std::optional<glm::vec2> cursorUv,
                              InputFocus focus) {
    if (!focus.uiHasKeyboard && input.pressed(Key::C)) seated_ = !seated_;

    if (!focus.uiHasMouse && input.down(MouseButton::Right)) {
        const float radiansPerPixel = glm::radians(settings_.lookDegreesPerPixel);
        yaw_ -= input.cursorDelta.x * radiansPerPixel; // drag right: turn right
        pitch_ = std::clamp(pitch_ - input.cursorDelta.y * radiansPerPixel, -kMaxPitch, kMaxPitch);
        yaw_ = std::remainder(yaw_, glm::two_pi<float>());
    }
    if (!focus.uiHasMouse && input.scroll != 0.0f)
        fovScale_ = std::clamp(fovScale_ * std::pow(settings_.zoomPerScrollStep, input.scroll),
                               settings_.minFovScale, settings_.maxFovScale);

    if (!focus.uiHasKeyboard) {
        // Walking stays on the floor plane whatever the pitch, as it does with a real headset.
        const glm::vec3 forward(-std::sin(yaw_), 0.0f, -std::cos(yaw_));
        const glm::vec3 right(std::cos(yaw_), 0.0f, -std::sin(yaw_));
        glm::vec3 move(0.0f);
        if (input.down(Key::W)) move += forward;
        if (input.down(Key::S)) move -= forward;
        if (input.down(Key::D)) move += right;
        if (input.down(Key::A)) move -= right;
        if (glm::dot(move, move) > 0.0f) {
            const float speed = settings_.walkSpeed * (input.down(Key::Shift) ? settings_.runMultiplier : 1.0f);
            floorPosition_ += glm::normalize(move) * speed * dt;
        }
        float vertical = 0.0f;
        if (input.down(Key::E)) vertical += 1.0f;
        if (input.down(Key::Q)) vertical -= 1.0f;
        floorPosition_.y += vertical * settings_.verticalSpeed * dt;
    }

    const glm::quat head = orientation();
    const bool lockHeld = !focus.uiHasKeyboard && input.down(Key::G);
    if (lockHeld && gaze_) {
        gazeLocked_ = true; // the eyes keep fixating the same world direction while the head turns
    } else {
        gazeLocked_ = false;
        const std::optional<glm::vec2> gazeUv = input.gazeAhead      ? std::nullopt
                                                : input.gazeOverride ? input.gazeOverride
                                                                     : cursorUv;
        gaze_ = head * (gazeUv ? headDirectionThrough(*gazeUv) : glm::vec3(0.0f, 0.0f, -1.0f));
    }

    ray_ = ControllerRay{};
    if (cursorUv) {
        ray_.valid = true;
        ray_.origin = views().eyes[0].pose.position;
        ray_.direction = head * headDirectionThrough(*cursorUv);
        ray_.selectDown = !focus.uiHasMouse && input.down(MouseButton::Left);
        ray_.selectPressed = !focus.uiHasMouse && input.pressed(MouseButton::Left);
    }
}

} // namespace xrs::xr
