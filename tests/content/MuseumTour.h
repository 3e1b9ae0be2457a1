#pragma once
// Shared by the museum-tour content tests: where the experience lives and how a tour stop's pose
// becomes a head pose.
#include "core/View.h"
#include "experience/Experience.h"

#include <filesystem>

namespace xrs::test {

// $XRS_SOURCE_DIR/experiences/museum-tour (else the source tree known at build time).
std::filesystem::path museumTourFolder();

// A standing visitor (eyes 1.6 m above the pose's feet) facing the pose's yaw and pitch.
Pose headPoseFor(const experience::View& view);

} // namespace xrs::test
