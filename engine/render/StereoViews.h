#pragma once
// What the renderer needs to know about the two eyes of one frame: their poses and OpenXR-style
// fov angles, from the display backend (headset, simulated headset in a window, or headless).
#include "core/View.h"

#include <array>

namespace xrs::render {

struct StereoViews {
    std::array<EyeView, 2> eyes;
    float nearZ = 0.05f; // metres; the far plane is at infinity (reversed-Z)
};

// Both eyes identical: a monoscopic view rendered through the same stereo path.
inline StereoViews monoViews(const Pose& pose, const Fov& fov, float nearZ = 0.05f) {
    return StereoViews{{EyeView{pose, fov}, EyeView{pose, fov}}, nearZ};
}

// The head between the eyes: the left eye's orientation at the eyes' midpoint.
inline Pose headOf(const StereoViews& views) {
    Pose head = views.eyes[0].pose;
    head.position = (views.eyes[0].pose.position + views.eyes[1].pose.position) * 0.5f;
    return head;
}

} // namespace xrs::render
