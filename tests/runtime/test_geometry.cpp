// The visitor geometry: angle conventions, the rig, pointer picking, teleport floors, fades,
// dwell and vignette timing on their own.
#include "RuntimeTestSupport.h"
#include "runtime/ComfortVignette.h"
#include "runtime/FadeTransition.h"
#include "runtime/GazeDwell.h"
#include "runtime/VisitorGeometry.h"

#include <catch2/catch.hpp>

using namespace xrs;
using namespace xrs::runtime;

namespace {

void checkVec(glm::vec3 actual, glm::vec3 expected, float margin = 1e-5f) {
    INFO("actual (" << actual.x << ", " << actual.y << ", " << actual.z << "), expected (" << expected.x << ", "
                    << expected.y << ", " << expected.z << ")");
    CHECK(actual.x == Approx(expected.x).margin(margin));
    CHECK(actual.y == Approx(expected.y).margin(margin));
    CHECK(actual.z == Approx(expected.z).margin(margin));
}

} // namespace

TEST_CASE("yaw and pitch follow the format's conventions", "[runtime][geometry]") {
    const float s = std::sqrt(0.5f);
    checkVec(directionFromYawPitch(0.0f, 0.0f), {0, 0, -1});
    checkVec(directionFromYawPitch(glm::radians(90.0f), 0.0f), {-1, 0, 0});   // positive turns left
    checkVec(directionFromYawPitch(glm::radians(-90.0f), 0.0f), {1, 0, 0});
    checkVec(directionFromYawPitch(0.0f, glm::radians(45.0f)), {0, s, -s});
    checkVec(directionFromYawPitch(glm::radians(180.0f), 0.0f), {0, 0, 1});

    // The heading of a head, whatever its pitch; straight down falls back to the right axis.
    CHECK(glm::degrees(yawOf(test::headAt({}, 37.0f, 20.0f).orientation)) == Approx(37.0f).margin(1e-4));
    CHECK(glm::degrees(yawOf(test::headAt({}, -120.0f, -60.0f).orientation)) == Approx(-120.0f).margin(1e-4));
    CHECK(glm::degrees(yawOf(test::headAt({}, 50.0f, -90.0f).orientation)) == Approx(50.0f).margin(1e-3));
    // The rotation that yawRotation builds agrees with directionFromYawPitch.
    checkVec(yawRotation(glm::radians(90.0f)) * glm::vec3(0, 0, -1), directionFromYawPitch(glm::radians(90.0f), 0.0f));
}

TEST_CASE("the rig places the head and turns about it", "[runtime][geometry]") {
    Rig rig;
    const Pose head = test::headAt({0.4f, 1.7f, -0.3f}, 50.0f, 10.0f);
    rig.placeHead(head, {2.0f, 0.5f, -1.0f}, glm::radians(20.0f));
    const Pose world = rig.poseToWorld(head);
    checkVec(world.position, {2.0f, 0.5f + 1.7f, -1.0f});
    CHECK(glm::degrees(yawOf(world.orientation)) == Approx(20.0f).margin(1e-4));
    // The matrix form agrees with the pose form.
    checkVec(glm::vec3(rig.worldFromTracking() * glm::vec4(head.position, 1.0f)), world.position);

    rig.turnAboutHead(head, glm::radians(30.0f));
    const Pose turned = rig.poseToWorld(head);
    checkVec(turned.position, world.position);
    CHECK(glm::degrees(yawOf(turned.orientation)) == Approx(50.0f).margin(1e-4));

    rig.heightOffset = 0.4f;
    checkVec(rig.pointToWorld(head.position), world.position + glm::vec3(0, 0.4f, 0));
}

TEST_CASE("pointers pick the nearest marker within the cone", "[runtime][geometry]") {
    const float cone = glm::radians(4.0f);
    const Ray ray{{0, 0, 0}, {0, 0, -2}};   // not unit length on purpose
    const std::vector<glm::vec3> markers = {{0, 0, -6}, {0, 0, -3}, {0.1f, 0, -3}, {0, 3, -3}};
    CHECK(pickMarker(ray, markers, cone) == std::optional<std::size_t>(1));
    // Constant angular size: 4 degrees off at 10 m is still a hit, 4.1 degrees is not.
    const float inside = 10.0f * std::tan(glm::radians(3.95f));
    const float outside = 10.0f * std::tan(glm::radians(4.05f));
    const std::vector<glm::vec3> offset = {{inside, 0, -10}};
    const std::vector<glm::vec3> missed = {{outside, 0, -10}};
    CHECK(pickMarker(ray, offset, cone) == std::optional<std::size_t>(0));
    CHECK_FALSE(pickMarker(ray, missed, cone));
    // Behind the pointer: no hit.
    const std::vector<glm::vec3> behind = {{0, 0, 3}};
    CHECK_FALSE(pickMarker(ray, behind, cone));
}

TEST_CASE("teleport rays meet floors from above, inside their rectangle", "[runtime][geometry]") {
    const std::vector<FloorRect> floors = {{{-1, 0, -1}, {1, 0, 1}}, {{-1, 2, -1}, {1, 2, 1}}};
    const auto hit = hitFloor({{0, 1.5f, 0}, {0.5f, -1.5f, 0}}, floors, 30.0f);
    REQUIRE(hit);
    checkVec(*hit, {0.5f, 0.0f, 0.0f});
    // The upper floor is met first from above it.
    const auto upper = hitFloor({{0, 3.0f, 0}, {0, -1, 0}}, floors, 30.0f);
    REQUIRE(upper);
    checkVec(*upper, {0, 2.0f, 0});
    CHECK_FALSE(hitFloor({{0, 1.5f, 0}, {0, 1, 0}}, floors, 30.0f));          // looking up
    CHECK_FALSE(hitFloor({{0, 1.5f, 0}, {3, -1.5f, 0}}, floors, 30.0f));      // lands outside
    CHECK_FALSE(hitFloor({{0, 1.5f, 0}, {0.5f, -1.5f, 0}}, floors, 1.0f));    // too far
    const auto border = hitFloor({{0, 1, 0}, {1, -1, 0}}, floors, 30.0f);     // exactly on the edge
    REQUIRE(border);
    checkVec(*border, {1, 0, 0});
}

TEST_CASE("a fade reaches black on its last frame and comes back", "[runtime][fade]") {
    FadeTransition fade;
    CHECK(fade.alpha() == 0.0f);
    fade.start(0.25, 0.25);
    for (int frame = 1; frame < 15; ++frame) {
        CHECK_FALSE(fade.advance(test::kDt));
        CHECK(fade.alpha() == Approx(frame / 15.0).margin(1e-6));
    }
    CHECK(fade.advance(test::kDt));
    CHECK(fade.alpha() == 1.0f);
    for (int frame = 1; frame < 15; ++frame) {
        CHECK_FALSE(fade.advance(test::kDt));
        CHECK(fade.alpha() == Approx(1.0 - frame / 15.0).margin(1e-6));
    }
    CHECK_FALSE(fade.advance(test::kDt));
    CHECK(fade.alpha() == 0.0f);
    CHECK_FALSE(fade.active());

    // Turning around while coming back in starts from the current alpha, without a jump.
    fade.start(0.25, 0.25);
    for (int i = 0; i < 15; ++i) (void)fade.advance(test::kDt);
    for (int i = 0; i < 5; ++i) (void)fade.advance(test::kDt);
    CHECK(fade.alpha() == Approx(10.0 / 15.0).margin(1e-6));
    fade.start(0.25, 0.25);
    CHECK_FALSE(fade.advance(test::kDt));
    CHECK(fade.alpha() == Approx(11.0 / 15.0).margin(1e-6));
}

TEST_CASE("dwell fires once after its time, and only after the gaze left", "[runtime][dwell]") {
    GazeDwell dwell(1.0);
    CHECK_FALSE(dwell.update(3, test::kDt));   // lands: 0 s
    for (int frame = 1; frame < 60; ++frame) {
        CHECK_FALSE(dwell.update(3, test::kDt));
        CHECK(dwell.progress() == Approx(frame / 60.0).margin(1e-6));
    }
    CHECK(dwell.update(3, test::kDt) == std::optional<std::size_t>(3));
    CHECK(dwell.progress() == 0.0f);
    for (int frame = 0; frame < 200; ++frame) CHECK_FALSE(dwell.update(3, test::kDt));
    CHECK_FALSE(dwell.update(std::nullopt, test::kDt));
    CHECK_FALSE(dwell.update(3, test::kDt));
    for (int frame = 1; frame < 60; ++frame) CHECK_FALSE(dwell.update(3, test::kDt));
    CHECK(dwell.update(3, test::kDt) == std::optional<std::size_t>(3));
}

TEST_CASE("the vignette follows artificial motion and ramps", "[runtime][comfort]") {
    SessionSettings settings;   // full at 2 m/s or 90 deg/s, 0.2 s ramp
    ComfortVignette vignette(settings);
    CHECK(vignette.update(0.0f, 0.0f, test::kDt) == 0.0f);
    CHECK(vignette.update(0.04f, 1.0f, test::kDt) == 0.0f);   // below the still thresholds
    for (int frame = 1; frame <= 12; ++frame)
        CHECK(vignette.update(2.0f, 0.0f, test::kDt) == Approx(std::min(1.0, frame / 12.0)).margin(1e-5));
    CHECK(vignette.update(2.0f, 0.0f, test::kDt) == Approx(1.0f));
    // Half speed settles at half strength; turning faster wins.
    for (int frame = 0; frame < 12; ++frame) (void)vignette.update(1.0f, 0.0f, test::kDt);
    CHECK(vignette.strength() == Approx(0.5f).margin(1e-5));
    for (int frame = 0; frame < 12; ++frame) (void)vignette.update(1.0f, 67.5f, test::kDt);
    CHECK(vignette.strength() == Approx(0.75f).margin(1e-5));
    for (int frame = 0; frame < 12; ++frame) (void)vignette.update(0.0f, 0.0f, test::kDt);
    CHECK(vignette.strength() == 0.0f);
}
