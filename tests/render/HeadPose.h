#pragma once
// Head poses at the origin for the sphere tests: yaw turns right (towards +X, increasing
// longitude), pitch looks up; at the poles "up" is along -Z/+Z so the view stays defined.
#include "core/View.h"

#include <cmath>

namespace xrs::test {

inline Pose headLookingAt(float yawDeg, float pitchDeg) {
    const float yaw = glm::radians(yawDeg), pitch = glm::radians(pitchDeg);
    const glm::vec3 forward{std::cos(pitch) * std::sin(yaw), std::sin(pitch), -std::cos(pitch) * std::cos(yaw)};
    const glm::vec3 up = std::abs(pitchDeg) > 89.0f ? glm::vec3(0.0f, 0.0f, pitchDeg > 0 ? 1.0f : -1.0f)
                                                    : glm::vec3(0.0f, 1.0f, 0.0f);
    return lookAtPose(glm::vec3(0.0f), forward, up);
}

} // namespace xrs::test
