#include "MuseumTour.h"

#include "ExperienceFolder.h"

#include <cmath>

namespace xrs::test {

std::filesystem::path museumTourFolder() { return experienceFolder("museum-tour"); }

Pose headPoseFor(const experience::View& view) {
    constexpr double kEyeHeight = 1.6;
    const glm::dvec3 feet = view.position.value_or(glm::dvec3(0.0));
    const double yaw = glm::radians(view.yawDegrees.value_or(0.0));
    const double pitch = glm::radians(view.pitchDegrees.value_or(0.0));
    // yaw 0 looks down -Z, positive turns left (docs/experience-format.md).
    const glm::dvec3 forward{-std::sin(yaw) * std::cos(pitch), std::sin(pitch), -std::cos(yaw) * std::cos(pitch)};
    const glm::vec3 eye = glm::vec3(feet + glm::dvec3(0.0, kEyeHeight, 0.0));
    return lookAtPose(eye, eye + glm::vec3(forward));
}

} // namespace xrs::test
