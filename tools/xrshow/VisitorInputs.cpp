#include "VisitorInputs.h"

#include "player/ExperiencePlayer.h"

#include <cmath>

namespace xrs::cli {
namespace {

runtime::Ray rayOf(const Pose& pose) {
    return {pose.position, pose.orientation * glm::vec3(0.0f, 0.0f, -1.0f)};
}

} // namespace

runtime::VisitorInput DesktopVisitorInput::read(const xr::InputState& input, const xr::SimulatedHeadset& headset,
                                                const render::StereoViews& views, bool mouse, float dt) {
    runtime::VisitorInput visitor;
    visitor.head = player::headOf(views);
    visitor.gazeDirection = headset.gazeDirection();
    const xr::ControllerRay& ray = headset.controllerRay();
    if (mouse && ray.valid)
        visitor.mouse = runtime::Pointer{{ray.origin, ray.direction}, ray.selectPressed, ray.selectDown};
    // C toggles the simulated headset between seated and standing; the session hears the posture
    // and measures the new eye height, as a visitor presses a button after sitting down.
    visitor.seated = headset.seated();
    visitor.calibrateHeight = input.pressed(xr::Key::C);
    visitor.snapTurnLeft = input.pressed(xr::Key::Z);
    visitor.snapTurnRight = input.pressed(xr::Key::X);
    const bool aiming = input.down(xr::Key::T) && ray.valid;
    if (aiming) visitor.teleportAim = runtime::Ray{ray.origin, ray.direction};
    visitor.teleportRelease = aimingTeleport_ && !input.down(xr::Key::T);
    aimingTeleport_ = aiming;

    // Walking with the keys is artificial locomotion: the comfort vignette follows its speed.
    const bool walking = input.down(xr::Key::W) || input.down(xr::Key::A) || input.down(xr::Key::S) ||
                         input.down(xr::Key::D) || input.down(xr::Key::E) || input.down(xr::Key::Q);
    if (walking && previousHead_ && dt > 0.0f) visitor.smoothMoveVelocity = (visitor.head.position - *previousHead_) / dt;
    previousHead_ = visitor.head.position;
    return visitor;
}

runtime::VisitorInput HeadsetVisitorInput::read(const xr::HeadsetInput& input, const render::StereoViews& views,
                                                float dt) {
    runtime::VisitorInput visitor;
    visitor.head = player::headOf(views);
    if (input.gaze) visitor.gazeDirection = input.gaze->orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    if (!input.focused) {
        menuHeldSeconds_ = 0.0f;
        return visitor; // no input while another app has focus; the view still renders
    }
    // The menu button measures the eye height (a seated visitor presses it once seated); held
    // on, it recentres once.
    visitor.calibrateHeight = input.hands[0].menuPressed || input.hands[1].menuPressed;
    if (input.hands[0].menu || input.hands[1].menu) {
        const float before = menuHeldSeconds_;
        menuHeldSeconds_ += dt;
        if (before < kRecenterHoldSeconds && menuHeldSeconds_ >= kRecenterHoldSeconds) recenterRequested_ = true;
    } else {
        menuHeldSeconds_ = 0.0f;
    }
    // The right hand points when it is tracked, else the left.
    for (int hand : {1, 0}) {
        const xr::HandInput& h = input.hands[static_cast<std::size_t>(hand)];
        if (!h.aim) continue;
        visitor.controller = runtime::Pointer{rayOf(*h.aim), h.selectPressed, h.select};
        break;
    }
    bool teleportHeld = false;
    float turn = 0.0f;
    for (const xr::HandInput& h : input.hands) {
        if (h.teleport && h.aim) {
            teleportHeld = true;
            visitor.teleportAim = rayOf(*h.aim);
        }
        if (std::abs(h.turn.x) > std::abs(turn)) turn = h.turn.x;
    }
    visitor.teleportRelease = aimingTeleport_ && !teleportHeld;
    aimingTeleport_ = teleportHeld;
    // One snap per push of the stick: it must come back to the centre before the next.
    if (turnCentred_ && std::abs(turn) > 0.7f) {
        visitor.snapTurnLeft = turn < 0.0f;
        visitor.snapTurnRight = turn > 0.0f;
        turnCentred_ = false;
    } else if (std::abs(turn) < 0.3f) {
        turnCentred_ = true;
    }
    return visitor;
}

} // namespace xrs::cli
