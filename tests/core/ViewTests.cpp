#include "core/View.h"

#include <catch2/catch.hpp>

#include <cmath>

using xrs::Fov;
using xrs::Pose;

namespace {

// Quest 2-like left eye: more field toward the temple and below (-54 deg left, +40 deg right,
// +42 deg up, -49 deg down), so every off-axis term of the matrix is non-zero.
constexpr Fov kAsymmetricFov{-0.942478f, 0.698132f, 0.733038f, -0.855211f};

// Expected matrices are written row by row (as on paper); glm stores m[column][row].
void checkMatrixRows(const glm::mat4& actual, const float (&expectedRows)[4][4]) {
    for (int row = 0; row < 4; ++row)
        for (int column = 0; column < 4; ++column) {
            INFO("row " << row << ", column " << column);
            CHECK(actual[column][row] == Approx(expectedRows[row][column]).margin(1e-6));
        }
}

glm::vec3 toNdc(const glm::mat4& projection, glm::vec3 viewPoint) {
    const glm::vec4 clip = projection * glm::vec4(viewPoint, 1.0f);
    return glm::vec3(clip) / clip.w;
}

void checkVec(glm::vec3 actual, glm::vec3 expected, double margin = 1e-5) {
    CHECK(actual.x == Approx(expected.x).margin(margin));
    CHECK(actual.y == Approx(expected.y).margin(margin));
    CHECK(actual.z == Approx(expected.z).margin(margin));
}

} // namespace

TEST_CASE("symmetricFov keeps pixels square", "[view]") {
    const Fov fov = xrs::symmetricFov(glm::radians(90.0f), 16.0f / 9.0f);
    CHECK(fov.angleLeft == Approx(-glm::radians(45.0f)));
    CHECK(fov.angleRight == Approx(glm::radians(45.0f)));
    CHECK(fov.angleUp == Approx(std::atan(9.0f / 16.0f)));
    CHECK(fov.angleDown == Approx(-std::atan(9.0f / 16.0f)));
}

TEST_CASE("projectionFromFov: symmetric 90 degree fov, infinite reversed-Z", "[view][projection]") {
    const float nearZ = 0.1f;
    const glm::mat4 projection = xrs::projectionFromFov(xrs::symmetricFov(glm::radians(90.0f), 1.0f), nearZ);
    // tan(45 deg) = 1 on all sides: unit scale, y flipped, z_clip = near, w_clip = -z.
    const float expected[4][4] = {{1, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, 0, nearZ}, {0, 0, -1, 0}};
    checkMatrixRows(projection, expected);
}

TEST_CASE("projectionFromFov: asymmetric fov matches the hand-computed matrix", "[view][projection]") {
    // tan: left -1.3763825, right 0.8391001, up 0.9004035, down -1.1503676
    // 2/(r-l) = 0.9027378, (r+l)/(r-l) = -0.2425126, -2/(u-d) = -0.9752429, -(u+d)/(u-d) = 0.1218879
    const glm::mat4 infinite = xrs::projectionFromFov(kAsymmetricFov, 0.05f);
    const float expectedInfinite[4][4] = {{0.9027378f, 0, -0.2425126f, 0},
                                          {0, -0.9752429f, 0.1218879f, 0},
                                          {0, 0, 0, 0.05f},
                                          {0, 0, -1, 0}};
    checkMatrixRows(infinite, expectedInfinite);

    // near 0.05, far 100: n/(f-n) = 0.00050025, n*f/(f-n) = 0.05002501
    const glm::mat4 finite = xrs::projectionFromFov(kAsymmetricFov, 0.05f, 100.0f);
    const float expectedFinite[4][4] = {{0.9027378f, 0, -0.2425126f, 0},
                                        {0, -0.9752429f, 0.1218879f, 0},
                                        {0, 0, 0.00050025f, 0.05002501f},
                                        {0, 0, -1, 0}};
    checkMatrixRows(finite, expectedFinite);
}

TEST_CASE("projectionFromFov maps frustum edges to the NDC borders (Vulkan y down)", "[view][projection]") {
    const float nearZ = 0.05f;
    const glm::mat4 projection = xrs::projectionFromFov(kAsymmetricFov, nearZ);
    const float depth = 7.0f; // any distance: edges are planes through the eye
    const float tanLeft = std::tan(kAsymmetricFov.angleLeft);
    const float tanRight = std::tan(kAsymmetricFov.angleRight);
    const float tanUp = std::tan(kAsymmetricFov.angleUp);
    const float tanDown = std::tan(kAsymmetricFov.angleDown);

    CHECK(toNdc(projection, {tanLeft * depth, 0, -depth}).x == Approx(-1.0f));
    CHECK(toNdc(projection, {tanRight * depth, 0, -depth}).x == Approx(1.0f));
    CHECK(toNdc(projection, {0, tanUp * depth, -depth}).y == Approx(-1.0f)); // top of the image
    CHECK(toNdc(projection, {0, tanDown * depth, -depth}).y == Approx(1.0f));
    // The forward axis is off-centre in an asymmetric view: left of centre (more fov on the left)
    // and above centre (more fov below).
    const glm::vec3 forward = toNdc(projection, {0, 0, -depth});
    CHECK(forward.x == Approx(0.2425126f).margin(1e-5));
    CHECK(forward.y == Approx(-0.1218879f).margin(1e-5));
}

TEST_CASE("projectionFromFov: reversed-Z depth, 1 at near, 0 toward infinity / far", "[view][projection]") {
    const float nearZ = 0.05f;
    const glm::mat4 infinite = xrs::projectionFromFov(kAsymmetricFov, nearZ);
    CHECK(toNdc(infinite, {0, 0, -nearZ}).z == Approx(1.0f));
    CHECK(toNdc(infinite, {0, 0, -2.0f * nearZ}).z == Approx(0.5f));
    CHECK(toNdc(infinite, {0, 0, -1.0e7f}).z == Approx(0.0f).margin(1e-8));
    CHECK(toNdc(infinite, {0, 0, -1.0e7f}).z > 0.0f); // never reaches 0: nothing is clipped away

    const glm::mat4 finite = xrs::projectionFromFov(kAsymmetricFov, nearZ, 100.0f);
    CHECK(toNdc(finite, {0, 0, -nearZ}).z == Approx(1.0f));
    CHECK(toNdc(finite, {0, 0, -100.0f}).z == Approx(0.0f).margin(1e-6));
    CHECK(toNdc(finite, {0, 0, -150.0f}).z < 0.0f); // beyond far: clipped
}

TEST_CASE("viewFromPose inverts the pose transform", "[view][pose]") {
    const Pose pose{glm::angleAxis(0.7f, glm::normalize(glm::vec3(1, 2, 3))), glm::vec3(1, -2, 3)};
    const glm::mat4 shouldBeIdentity = xrs::viewFromPose(pose) * xrs::transformFromPose(pose);
    for (int column = 0; column < 4; ++column)
        for (int row = 0; row < 4; ++row) {
            INFO("row " << row << ", column " << column);
            CHECK(shouldBeIdentity[column][row] == Approx(row == column ? 1.0f : 0.0f).margin(1e-6));
        }
    // The pose's own position is the view-space origin; a point 2 m ahead of it is at (0, 0, -2).
    const glm::vec3 ahead = pose.position + pose.orientation * glm::vec3(0, 0, -2);
    checkVec(glm::vec3(xrs::viewFromPose(pose) * glm::vec4(pose.position, 1)), {0, 0, 0});
    checkVec(glm::vec3(xrs::viewFromPose(pose) * glm::vec4(ahead, 1)), {0, 0, -2});
}

TEST_CASE("stereoEyes offsets the eyes along the head's local X axis", "[view][stereo]") {
    // Head turned 90 degrees to the left (yaw about +Y): it looks along -X and its right is -Z.
    const Pose head{glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0)), glm::vec3(2, 1.6f, -1)};
    const Fov leftFov = kAsymmetricFov;
    const Fov rightFov{-kAsymmetricFov.angleRight, -kAsymmetricFov.angleLeft, kAsymmetricFov.angleUp,
                       kAsymmetricFov.angleDown};
    const auto eyes = xrs::stereoEyes(head, 0.064f, leftFov, rightFov);

    checkVec(eyes[0].pose.position, {2, 1.6f, -1 + 0.032f});
    checkVec(eyes[1].pose.position, {2, 1.6f, -1 - 0.032f});
    CHECK(glm::distance(eyes[0].pose.position, eyes[1].pose.position) == Approx(0.064f));
    checkVec(eyes[0].pose.orientation * glm::vec3(0, 0, -1), {-1, 0, 0});
    CHECK(eyes[1].pose.orientation == head.orientation);
    CHECK(eyes[0].fov.angleLeft == leftFov.angleLeft);
    CHECK(eyes[1].fov.angleLeft == rightFov.angleLeft);
}

TEST_CASE("lookAtPose points -Z at the target and keeps +Y up", "[view][pose]") {
    const glm::vec3 eye(1, 2, 3);
    const glm::vec3 target(4, 2, -1); // 5 m away, level
    const Pose pose = xrs::lookAtPose(eye, target);
    CHECK(pose.position == eye);
    checkVec(pose.orientation * glm::vec3(0, 0, -1), {0.6f, 0, -0.8f});
    checkVec(pose.orientation * glm::vec3(0, 1, 0), {0, 1, 0});
    checkVec(glm::vec3(xrs::viewFromPose(pose) * glm::vec4(target, 1)), {0, 0, -5});

    // Seen through a symmetric projection, the target lands in the centre of the image.
    const glm::mat4 projection = xrs::projectionFromFov(xrs::symmetricFov(glm::radians(90.0f), 1.0f), 0.1f);
    const glm::vec3 ndc = toNdc(projection, glm::vec3(xrs::viewFromPose(pose) * glm::vec4(target, 1)));
    CHECK(ndc.x == Approx(0.0f).margin(1e-6));
    CHECK(ndc.y == Approx(0.0f).margin(1e-6));
}

TEST_CASE("lookAtPose straight down along up still gives a valid rotation", "[view][pose]") {
    const Pose pose = xrs::lookAtPose({0, 5, 0}, {0, 0, 0});
    CHECK(glm::length(pose.orientation) == Approx(1.0f));
    checkVec(pose.orientation * glm::vec3(0, 0, -1), {0, -1, 0});
    // The local axes stay orthonormal (right is perpendicular to forward).
    CHECK(glm::dot(pose.orientation * glm::vec3(1, 0, 0), glm::vec3(0, -1, 0)) == Approx(0.0f).margin(1e-6));
}
