// The simulated headset is pure math on InputState: every behaviour is checked without a window.
#include "xr/SimulatedHeadset.h"

#include <catch2/catch.hpp>

#include <glm/gtc/constants.hpp>

using namespace xrs;
using namespace xrs::xr;

namespace {

constexpr float kDt = 1.0f / 60.0f;

glm::vec3 forwardOf(const Pose& pose) { return pose.orientation * glm::vec3(0.0f, 0.0f, -1.0f); }

// Drags with the right button held by `pixels` over `frames` frames.
void drag(SimulatedHeadset& headset, glm::vec2 pixels, int frames) {
    InputState input;
    input.setButton(MouseButton::Right, true);
    for (int i = 0; i < frames; ++i) {
        input.startNextFrame();
        input.moveCursorTo(input.cursor + pixels / static_cast<float>(frames));
        headset.update(input, kDt, std::nullopt);
    }
}

void hold(SimulatedHeadset& headset, Key key, int frames) {
    InputState input;
    input.setKey(key, true);
    for (int i = 0; i < frames; ++i) {
        headset.update(input, kDt, std::nullopt);
        input.startNextFrame();
    }
}

void requireVec(glm::vec3 actual, glm::vec3 expected, float margin = 1e-4f) {
    INFO("actual (" << actual.x << ", " << actual.y << ", " << actual.z << "), expected (" << expected.x
                    << ", " << expected.y << ", " << expected.z << ")");
    REQUIRE(glm::length(actual - expected) < margin);
}

} // namespace

TEST_CASE("a 900-pixel right-drag turns the head 90 degrees to the right", "[window][headset]") {
    SimulatedHeadset headset;
    drag(headset, {900.0f, 0.0f}, 30);
    CHECK(headset.yawDegrees() == Approx(-90.0f).margin(1e-3));
    requireVec(forwardOf(headset.headPose()), {1.0f, 0.0f, 0.0f}); // was -Z, now +X (right)
    CHECK(headset.pitchDegrees() == Approx(0.0f));
}

TEST_CASE("dragging up looks up, and pitch stops short of straight up", "[window][headset]") {
    SimulatedHeadset headset;
    drag(headset, {0.0f, -300.0f}, 10);
    CHECK(headset.pitchDegrees() == Approx(30.0f).margin(1e-3));
    drag(headset, {0.0f, -3000.0f}, 10);
    CHECK(headset.pitchDegrees() == Approx(89.0f).margin(1e-3));
}

TEST_CASE("W walks along the head's heading on the floor plane, Shift runs", "[window][headset]") {
    SimulatedHeadset headset;
    const glm::vec3 start = headset.headPose().position;
    CHECK(start.y == Approx(1.65f)); // standing eye height
    hold(headset, Key::W, 60);       // one second at 1.4 m/s
    requireVec(headset.headPose().position - start, {0.0f, 0.0f, -1.4f}, 1e-3f);

    drag(headset, {900.0f, -200.0f}, 10); // face +X, looking 20 degrees up
    const glm::vec3 turned = headset.headPose().position;
    hold(headset, Key::W, 60);
    requireVec(headset.headPose().position - turned, {1.4f, 0.0f, 0.0f}, 1e-3f); // pitch does not lift

    InputState run;
    run.setKey(Key::D, true);
    run.setKey(Key::Shift, true);
    const glm::vec3 before = headset.headPose().position;
    for (int i = 0; i < 60; ++i) headset.update(run, kDt, std::nullopt);
    requireVec(headset.headPose().position - before, {0.0f, 0.0f, 4.2f}, 1e-3f); // right of +X is +Z
}

TEST_CASE("E and Q move up and down, C toggles seated and standing height", "[window][headset]") {
    SimulatedHeadset headset;
    hold(headset, Key::E, 30);
    CHECK(headset.headPose().position.y == Approx(1.65f + 0.5f).margin(1e-4));
    hold(headset, Key::Q, 30);
    CHECK(headset.headPose().position.y == Approx(1.65f).margin(1e-4));

    InputState input;
    input.setKey(Key::C, true);
    headset.update(input, kDt, std::nullopt);
    CHECK(headset.seated());
    CHECK(headset.headPose().position.y == Approx(1.20f).margin(1e-4));
    input.startNextFrame();
    headset.update(input, kDt, std::nullopt); // still held: no second toggle
    CHECK(headset.seated());
    input.startNextFrame();
    input.setKey(Key::C, false);
    input.setKey(Key::C, true);
    headset.update(input, kDt, std::nullopt);
    CHECK_FALSE(headset.seated());
}

TEST_CASE("the eyes sit IPD apart with asymmetric, mirrored fovs", "[window][headset]") {
    HeadsetSettings settings;
    settings.ipdMeters = 0.070f;
    SimulatedHeadset headset(settings);
    drag(headset, {900.0f, 0.0f}, 10); // facing +X, so the eyes separate along Z
    const render::StereoViews views = headset.views();
    requireVec(views.eyes[1].pose.position - views.eyes[0].pose.position, {0.0f, 0.0f, 0.070f});
    CHECK(views.eyes[0].fov.angleLeft == Approx(glm::radians(-52.0f)));
    CHECK(views.eyes[0].fov.angleRight == Approx(glm::radians(42.0f)));
    CHECK(views.eyes[1].fov.angleLeft == Approx(glm::radians(-42.0f)));
    CHECK(views.eyes[1].fov.angleRight == Approx(glm::radians(52.0f)));
    CHECK(views.eyes[0].fov.angleDown == Approx(glm::radians(-48.0f)));
}

TEST_CASE("scrolling zooms by scaling the fov tangents, within limits", "[window][headset]") {
    SimulatedHeadset headset;
    InputState input;
    input.scroll = 2.0f;
    headset.update(input, kDt, std::nullopt);
    CHECK(headset.fovScale() == Approx(0.81f));
    CHECK(std::tan(headset.leftFov().angleLeft) == Approx(std::tan(glm::radians(-52.0f)) * 0.81f));
    input.scroll = 100.0f;
    headset.update(input, kDt, std::nullopt);
    CHECK(headset.fovScale() == Approx(0.25f));
    input.scroll = -100.0f;
    headset.update(input, kDt, std::nullopt);
    CHECK(headset.fovScale() == Approx(1.5f));
    CHECK(headset.leftFov().angleLeft > -glm::half_pi<float>());
}

TEST_CASE("the gaze follows the cursor through the left eye's image", "[window][headset]") {
    SimulatedHeadset headset;
    InputState input;
    // The image point of the view's forward axis: u = -tan(l) / (tan(r) - tan(l)), same for v.
    const float tl = std::tan(glm::radians(-52.0f)), tr = std::tan(glm::radians(42.0f));
    const float tu = std::tan(glm::radians(41.0f)), td = std::tan(glm::radians(-48.0f));
    const glm::vec2 centre(-tl / (tr - tl), tu / (tu - td));
    headset.update(input, kDt, centre);
    requireVec(*headset.gazeDirection(), {0.0f, 0.0f, -1.0f});

    headset.update(input, kDt, glm::vec2(0.0f, 0.0f)); // top-left corner of the image
    requireVec(*headset.gazeDirection(), glm::normalize(glm::vec3(tl, tu, -1.0f)));

    headset.update(input, kDt, std::nullopt); // cursor outside the image: straight ahead
    requireVec(*headset.gazeDirection(), {0.0f, 0.0f, -1.0f});

    input.gazeOverride = glm::vec2(1.0f, 1.0f); // scripts set the gaze directly
    headset.update(input, kDt, centre);
    requireVec(*headset.gazeDirection(), glm::normalize(glm::vec3(tr, td, -1.0f)));

    // Or make it the head's forward axis wherever the cursor is (no eye tracking).
    input.gazeOverride.reset();
    input.gazeAhead = true;
    drag(headset, {300.0f, 0.0f}, 10); // 30 degrees to the right
    headset.update(input, kDt, glm::vec2(0.0f, 0.0f));
    requireVec(*headset.gazeDirection(), forwardOf(headset.headPose()));
    requireVec(*headset.gazeDirection(), {std::sin(glm::radians(30.0f)), 0.0f, -std::cos(glm::radians(30.0f))});
}

TEST_CASE("holding G keeps the gaze on its world direction while the head turns", "[window][headset]") {
    SimulatedHeadset headset;
    InputState input;
    headset.update(input, kDt, std::nullopt);
    requireVec(*headset.gazeDirection(), {0.0f, 0.0f, -1.0f});
    input.setKey(Key::G, true);
    input.setButton(MouseButton::Right, true);
    for (int i = 0; i < 10; ++i) {
        input.startNextFrame();
        input.moveCursorTo(input.cursor + glm::vec2(30.0f, 0.0f));
        headset.update(input, kDt, glm::vec2(0.9f, 0.9f));
    }
    CHECK(headset.yawDegrees() == Approx(-30.0f).margin(1e-3));
    CHECK(headset.gazeLocked());
    requireVec(*headset.gazeDirection(), {0.0f, 0.0f, -1.0f}); // the eyes stayed on the world point
    input.setKey(Key::G, false);
    headset.update(input, kDt, std::nullopt);
    CHECK_FALSE(headset.gazeLocked());
    requireVec(*headset.gazeDirection(), forwardOf(headset.headPose()));
}

TEST_CASE("the controller ray starts at the left eye and points through the cursor", "[window][headset]") {
    SimulatedHeadset headset;
    InputState input;
    headset.update(input, kDt, std::nullopt);
    CHECK_FALSE(headset.controllerRay().valid);

    input.setButton(MouseButton::Left, true);
    headset.update(input, kDt, glm::vec2(0.0f, 0.0f));
    const ControllerRay& ray = headset.controllerRay();
    REQUIRE(ray.valid);
    CHECK(ray.selectPressed);
    CHECK(ray.selectDown);
    requireVec(ray.origin, headset.views().eyes[0].pose.position);
    requireVec(ray.direction, glm::normalize(glm::vec3(std::tan(glm::radians(-52.0f)),
                                                       std::tan(glm::radians(41.0f)), -1.0f)));
    // The overlay owns the mouse while the cursor is over it: no select, no look.
    input.startNextFrame();
    input.setButton(MouseButton::Right, true);
    input.moveCursorTo({500.0f, 0.0f});
    headset.update(input, kDt, glm::vec2(0.5f, 0.5f), InputFocus{true, false});
    CHECK_FALSE(headset.controllerRay().selectDown);
    CHECK(headset.yawDegrees() == Approx(0.0f));
}

TEST_CASE("placeHead keeps yaw and pitch, drops roll, and puts the floor at eye height below", "[window][headset]") {
    SimulatedHeadset headset;
    headset.placeHead(lookAtPose({2.0f, 3.0f, 0.0f}, {0.0f, 3.0f, 0.0f})); // looking along -X
    CHECK(headset.yawDegrees() == Approx(90.0f).margin(1e-3));
    requireVec(headset.headPose().position, {2.0f, 3.0f, 0.0f});
    InputState input;
    input.setKey(Key::C, true);
    headset.update(input, kDt, std::nullopt);
    CHECK(headset.headPose().position.y == Approx(3.0f - 0.45f).margin(1e-4));
}
