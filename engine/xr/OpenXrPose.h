#pragma once
// OpenXR poses and the engine's: both right-handed, +Y up, -Z forward, metres.
#include "core/View.h"
#include "xr/OpenXrCheck.h"

namespace xrs::xr {

inline Pose toPose(const XrPosef& p) {
    return {glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z),
            {p.position.x, p.position.y, p.position.z}};
}

inline XrPosef toXr(const Pose& p) {
    return {{p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w},
            {p.position.x, p.position.y, p.position.z}};
}

} // namespace xrs::xr
