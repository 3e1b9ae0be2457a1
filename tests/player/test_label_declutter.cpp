// Label declutter without a GPU: labels that would cover each other, as the eye sees them.
#include "player/LabelDeclutter.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace xrs;
using namespace xrs::player;

namespace {

// A visitor at the origin, eyes 1.6 m up, looking down -Z.
const Pose kHead = lookAtPose(glm::vec3(0.0f, 1.6f, 0.0f), glm::vec3(0.0f, 1.6f, -1.0f));

// A 0.3 m x 0.06 m label facing the visitor at (x, y, z).
LabelCandidate labelAt(float x, float y, float z, bool hovered = false) {
    LabelCandidate label;
    label.quad = render::billboard({x, y, z}, kHead.position, 0.3f, 0.2f);
    label.hovered = hovered;
    return label;
}

} // namespace

TEST_CASE("stacked labels: only the one nearest the line of sight shows", "[player][declutter]") {
    // Three labels 2 m ahead, 3 cm apart vertically (each 6 cm high): they cover each other. The
    // middle one is on the line of sight.
    const std::vector<LabelCandidate> labels = {labelAt(0.05f, 1.57f, -2.0f), labelAt(0.0f, 1.60f, -2.0f),
                                                labelAt(0.05f, 1.63f, -2.0f)};
    CHECK(declutterLabels(labels, kHead) == std::vector<bool>{false, true, false});
}

TEST_CASE("the hovered label shows and hides what it would cover", "[player][declutter]") {
    const std::vector<LabelCandidate> labels = {labelAt(0.05f, 1.40f, -2.0f, true), labelAt(0.02f, 1.43f, -2.0f),
                                                labelAt(0.8f, 1.6f, -2.0f)};
    CHECK(declutterLabels(labels, kHead) == std::vector<bool>{true, false, true});
}

TEST_CASE("labels apart from each other all show, whatever their distance", "[player][declutter]") {
    // Side by side at 2 m, and one far behind whose small angular size clears the others.
    const std::vector<LabelCandidate> labels = {labelAt(-0.4f, 1.5f, -2.0f), labelAt(0.4f, 1.5f, -2.0f),
                                                labelAt(0.0f, 1.5f, -2.0f), labelAt(0.0f, 1.9f, -20.0f)};
    CHECK(declutterLabels(labels, kHead) == std::vector<bool>{true, true, true, true});
}

TEST_CASE("pinned quads (the caption, look-down controls) always show, before any hotspot's", "[player][declutter]") {
    std::vector<LabelCandidate> labels = {labelAt(0.0f, 1.60f, -2.0f), labelAt(0.0f, 1.61f, -2.0f)};
    labels[1].pinned = true;
    CHECK(declutterLabels(labels, kHead) == std::vector<bool>{false, true});
    labels[0].pinned = true; // two pinned quads never hide each other
    CHECK(declutterLabels(labels, kHead) == std::vector<bool>{true, true});
}
