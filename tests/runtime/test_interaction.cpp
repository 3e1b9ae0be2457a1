// Hotspots through scripted input: gaze dwell, mouse click, controller trigger, nearest
// selection, the actions (panel, scene change with its fade, narration, model state), video360
// placement, teleport areas, snap turn and height.
#include "RuntimeTestSupport.h"

#include <catch2/catch.hpp>

using namespace xrs;
using namespace xrs::runtime;

namespace {

// The standing head at the tracking origin; the hall's spawn puts it at (0, 1.6, 3) facing -Z.
const Pose kHead = test::headAt({0, 1.6f, 0});

VisitorInput looking(glm::vec3 gazeDirection) {
    VisitorInput input;
    input.head = kHead;
    input.gazeDirection = gazeDirection;
    return input;
}

// Arrives at the hall's spawn and waits out the fade-in.
void arrive(ExperienceSession& session, test::FakeNarration& narration, const VisitorInput& input = looking({1, 0, 0})) {
    test::runFrames(session, narration, input, 1);
    REQUIRE(session.frame().sceneId == "hall");
    REQUIRE(session.frame().fadeAlpha == 1.0f);
    test::runFrames(session, narration, input, 20);
    REQUIRE(session.frame().fadeAlpha == 0.0f);
}

// A controller held beside the line of "info", aimed at the toggle hotspot "far" (tracking space).
struct AimAtToggle {
    glm::vec3 origin;
    glm::vec3 direction;
};
AimAtToggle aimAtToggle(const SessionFrame& frame) {
    const glm::vec3 handTracking = test::toTracking(frame, {1.0f, 1.6f, -1.5f});
    return {handTracking, test::toTracking(frame, {0, 1.6f, -3}) - handTracking};
}

} // namespace

TEST_CASE("the first frame arrives at the spawn at black, then fades in", "[runtime][session]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    CHECK(session.frame().fadeAlpha == 1.0f);
    test::runFrames(session, fixture.narration, looking({1, 0, 0}), 1);
    const SessionFrame& frame = session.frame();
    CHECK(frame.sceneId == "hall");
    CHECK(frame.sceneTitle == "展厅");
    CHECK(test::eventsText(frame) == "sceneChanged #0 'hall'; ");
    test::checkVec(frame.headWorld.position, {0, 1.6f, 3});
    CHECK(frame.fadeAlpha == 1.0f);
    REQUIRE(frame.hotspots.size() == 4);
    CHECK(frame.hotspots[0].id == "info");
    CHECK(frame.hotspots[0].label == "青瓷瓶");
    CHECK(frame.hotspots[0].icon == "info");
    CHECK_FALSE(frame.hotspots[0].iconImage);
    CHECK(frame.hotspots[3].iconImage == fixture.folder() / "images/story.png");
    REQUIRE(frame.models.size() == 2);
    CHECK(frame.models[1].id == "vase");
    CHECK(frame.models[1].path == "models/vase_broken.glb");
    test::runFrames(session, fixture.narration, looking({1, 0, 0}), 14);
    CHECK(session.frame().fadeAlpha == Approx(1.0 / 15.0).margin(1e-6));
    test::runFrames(session, fixture.narration, looking({1, 0, 0}), 1);
    CHECK(session.frame().fadeAlpha == 0.0f);
    CHECK(session.assetProblems().empty());
}

TEST_CASE("gaze dwell activates on the frame 1 s is reached, once", "[runtime][session][dwell]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    arrive(session, fixture.narration);

    const VisitorInput atInfo = looking({0, 0, -1});
    const VisitorInput away = looking({1, 0, 0});
    test::runFrames(session, fixture.narration, atInfo, 1);   // lands: 0 s
    CHECK(test::hotspot(session.frame(), "info").hovered);
    CHECK(test::hotspot(session.frame(), "info").dwellProgress == 0.0f);
    CHECK_FALSE(test::hotspot(session.frame(), "far").hovered);   // behind "info": the nearest wins
    for (int frame = 1; frame < 60; ++frame) {
        test::runFrames(session, fixture.narration, atInfo, 1);
        INFO("frame " << frame);
        CHECK(session.frame().events.empty());
        CHECK(test::hotspot(session.frame(), "info").dwellProgress == Approx(frame / 60.0).margin(1e-5));
    }
    CHECK_FALSE(session.frame().panel);
    test::runFrames(session, fixture.narration, atInfo, 1);   // 60 frames after landing: 1.0 s
    CHECK(test::eventsText(session.frame()) == "hotspotActivated 'info' (gaze); panelOpened 'vase'; ");
    REQUIRE(session.frame().panel);

    // Staying on it does nothing more.
    for (int frame = 0; frame < 120; ++frame) {
        test::runFrames(session, fixture.narration, atInfo, 1);
        CHECK(session.frame().events.empty());
    }
    // Leaving and returning restarts the dwell: half a dwell, away, then a full one is needed.
    test::runFrames(session, fixture.narration, away, 1);
    test::runFrames(session, fixture.narration, atInfo, 31);
    CHECK(test::hotspot(session.frame(), "info").dwellProgress == Approx(0.5).margin(1e-5));
    test::runFrames(session, fixture.narration, away, 1);
    CHECK(test::hotspot(session.frame(), "info").dwellProgress == 0.0f);
    test::runFrames(session, fixture.narration, atInfo, 60);
    CHECK(session.frame().events.empty());
    test::runFrames(session, fixture.narration, atInfo, 1);
    CHECK(test::eventsText(session.frame()) == "hotspotActivated 'info' (gaze); panelClosed 'vase'; ");
    CHECK_FALSE(session.frame().panel);
}

TEST_CASE("without eye gaze the head's forward axis dwells, and pointers switch dwell off", "[runtime][session][dwell]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    VisitorInput input;
    input.head = kHead;   // looks down -Z, at "info"
    test::runFrames(session, fixture.narration, input, 61);
    CHECK(test::hasEvent(session.frame(), SessionEventType::PanelOpened, "vase"));

    // With a controller in hand, looking does not select (Auto mode).
    input.controller = Pointer{{{0.2f, 1.2f, 0}, {1, 0, 0}}, false};
    test::runFrames(session, fixture.narration, looking({1, 0, 0}), 1);
    input.gazeDirection = glm::vec3(0, 0, -1);
    test::runFrames(session, fixture.narration, input, 200);
    CHECK(test::hotspot(session.frame(), "info").hovered);
    CHECK(test::hotspot(session.frame(), "info").dwellProgress == 0.0f);
    REQUIRE(session.frame().panel);   // still open: no second activation
}

TEST_CASE("a mouse click activates the hotspot under the cursor, the nearest one", "[runtime][session]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    const SessionFrame& frame = session.frame();

    VisitorInput input = looking({1, 0, 0});
    input.mouse = test::pointerAt(frame, kHead, {0, 1.6f, 0}, false);   // "far" is on the same line
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.events.empty());
    CHECK(test::hotspot(frame, "info").hovered);
    CHECK_FALSE(test::hotspot(frame, "far").hovered);
    REQUIRE(frame.hoveredHotspot);
    CHECK(frame.hotspots[*frame.hoveredHotspot].id == "info");

    input.mouse->selectPressed = true;
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "hotspotActivated 'info' (mouse); panelOpened 'vase'; ");
    REQUIRE(frame.panel);
    // 1.2 m in front of the head at eye height, facing the visitor; text in the current language.
    test::checkVec(frame.panel->worldPose.position, {0, 1.6f, 1.8f});
    test::checkVec(frame.panel->worldPose.orientation * glm::vec3(0, 0, 1), {0, 0, 1});
    CHECK(frame.panel->title == "青瓷瓶");
    CHECK(frame.panel->text == "南宋。");
    CHECK(frame.panel->widthMetres == 0.9f);
    CHECK(frame.panel->image == fixture.folder() / "images/vase.jpg");

    // Held down, nothing more happens; a miss does nothing.
    input.mouse->selectPressed = false;
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.events.empty());
    input.mouse = test::pointerAt(frame, kHead, {0, 3.5f, 0}, true);
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.events.empty());
    CHECK(frame.panel);
}

TEST_CASE("a toggled model crossfades into its other state, and turns around when toggled back", "[runtime][session]") {
    test::MuseumFixture fixture;
    runtime::SessionSettings settings = test::noTour();
    settings.modelStateBlendSeconds = 1.0; // 60 frames of test::kDt
    ExperienceSession session(fixture.experience(), fixture.narration, settings);
    arrive(session, fixture.narration);
    const SessionFrame& frame = session.frame();
    CHECK(frame.models[1].blendFromPath.empty());
    CHECK(frame.models[1].blend == 1.0f);

    const glm::vec3 handWorld{1.0f, 1.6f, -1.5f};
    const glm::vec3 handTracking = test::toTracking(frame, handWorld);
    VisitorInput press = looking({1, 0, 0});
    press.controller = Pointer{{handTracking, test::toTracking(frame, {0, 1.6f, -3}) - handTracking}, true};
    VisitorInput release = press;
    release.controller->selectPressed = false;

    test::runFrames(session, fixture.narration, press, 1); // toggled: the restored vase starts to show
    CHECK(frame.models[1].path == "models/vase_restored.glb");
    CHECK(frame.models[1].blendFromPath == "models/vase_broken.glb");
    CHECK(frame.models[1].blend == Approx(0.0f).margin(1e-6));
    test::runFrames(session, fixture.narration, release, 30); // half a second: half of each
    CHECK(frame.models[1].blend == Approx(0.5f).margin(1e-4));

    // Toggled back mid-way: the broken vase returns from where the crossfade stood.
    test::runFrames(session, fixture.narration, press, 1);
    CHECK(frame.models[1].path == "models/vase_broken.glb");
    CHECK(frame.models[1].blendFromPath == "models/vase_restored.glb");
    CHECK(frame.models[1].blend == Approx(0.5f - 1.0f / 60.0f).margin(1e-4)); // this frame advanced, then turned
    test::runFrames(session, fixture.narration, release, 40); // done: no crossfade left
    CHECK(frame.models[1].blendFromPath.empty());
    CHECK(frame.models[1].blend == 1.0f);

    // With no blend time the switch is immediate.
    settings.modelStateBlendSeconds = 0.0;
    ExperienceSession instant(fixture.experience(), fixture.narration, settings);
    arrive(instant, fixture.narration);
    test::runFrames(instant, fixture.narration, press, 1);
    CHECK(instant.frame().models[1].path == "models/vase_restored.glb");
    CHECK(instant.frame().models[1].blendFromPath.empty());
}

TEST_CASE("a pointer held on a toggle and moved sideways slides the model between its states", "[runtime][session]") {
    test::MuseumFixture fixture;
    runtime::SessionSettings settings = test::noTour();
    settings.modelStateBlendSeconds = 1.0;
    settings.modelBlendSlideDegrees = 30.0f;
    ExperienceSession session(fixture.experience(), fixture.narration, settings);
    arrive(session, fixture.narration);
    const SessionFrame& frame = session.frame();

    const auto [handTracking, atToggle] = aimAtToggle(frame);
    const auto turnedRight = [&](float degrees) { // about up, clockwise seen from above
        return glm::angleAxis(glm::radians(-degrees), glm::vec3(0, 1, 0)) * atToggle;
    };
    VisitorInput input = looking({1, 0, 0});
    input.controller = Pointer{{handTracking, atToggle}, true, true};
    test::runFrames(session, fixture.narration, input, 1); // pressed: the toggle starts a crossfade
    CHECK(frame.models[1].path == "models/vase_restored.glb");
    CHECK_FALSE(test::hotspot(frame, "far").slide.has_value()); // a click, so far

    input.controller->selectPressed = false; // held
    input.controller->ray.direction = turnedRight(15.0f);
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.models[1].path == "models/vase_restored.glb");
    CHECK(frame.models[1].blendFromPath == "models/vase_broken.glb");
    CHECK(frame.models[1].blend == Approx(0.5f).margin(1e-3)); // half of the 30° range
    // Sliding: the hotspot shows its track, anchored where the blend stood at the press.
    REQUIRE(test::hotspot(frame, "far").slide.has_value());
    CHECK(test::hotspot(frame, "far").slide->startFraction == Approx(0.0f).margin(1e-6));
    CHECK(test::hotspot(frame, "far").slide->spanDegrees == Approx(30.0f));

    input.controller->ray.direction = turnedRight(7.5f); // back left a little: less restored
    test::runFrames(session, fixture.narration, input, 30);
    CHECK(frame.models[1].blend == Approx(0.25f).margin(1e-3));

    input.controller->selectHeld = false; // released: the model stays where the slide left it
    test::runFrames(session, fixture.narration, input, 120);
    CHECK(frame.models[1].blend == Approx(0.25f).margin(1e-3));
    CHECK(frame.models[1].blendFromPath == "models/vase_broken.glb");
    CHECK_FALSE(test::hotspot(frame, "far").slide.has_value()); // the track goes with the pointer
    // The toggle hotspot shows the blend (its ring).
    REQUIRE(test::hotspot(frame, "far").stateFraction.has_value());
    CHECK(*test::hotspot(frame, "far").stateFraction == Approx(0.25f).margin(1e-3));

    // Clicked again (no slide): it crossfades back to the broken vase from where it stands.
    input.controller = Pointer{{handTracking, atToggle}, true, true};
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.models[1].path == "models/vase_broken.glb");
    CHECK(frame.models[1].blend == Approx(0.75f).margin(1e-3));
    input.controller->selectPressed = false;
    input.controller->selectHeld = false;
    test::runFrames(session, fixture.narration, input, 20);
    CHECK(frame.models[1].blendFromPath.empty());
}

TEST_CASE("a toggle's slide track shows for a held press, not for a click", "[runtime][session]") {
    test::MuseumFixture fixture;
    runtime::SessionSettings settings = test::noTour();
    settings.modelStateBlendSeconds = 1.0;
    ExperienceSession session(fixture.experience(), fixture.narration, settings);
    arrive(session, fixture.narration);
    const SessionFrame& frame = session.frame();
    const auto [handTracking, atToggle] = aimAtToggle(frame);
    VisitorInput input = looking({1, 0, 0});

    // A click: pressed, held for 0.1 s, released. The track never shows.
    input.controller = Pointer{{handTracking, atToggle}, true, true};
    test::runFrames(session, fixture.narration, input, 1);
    input.controller->selectPressed = false;
    for (int i = 0; i < 6; ++i) {
        test::runFrames(session, fixture.narration, input, 1);
        CHECK_FALSE(test::hotspot(frame, "far").slide.has_value());
    }
    input.controller->selectHeld = false;
    test::runFrames(session, fixture.narration, input, 90); // the crossfade to "restored" ends
    REQUIRE(test::hotspot(frame, "far").stateFraction.has_value());
    CHECK(*test::hotspot(frame, "far").stateFraction == Approx(1.0f));

    // Pressed again and held still: after 0.3 s the track shows, anchored at the blend before
    // this press (fully restored), though the press has started a crossfade back.
    input.controller = Pointer{{handTracking, atToggle}, true, true};
    test::runFrames(session, fixture.narration, input, 1);
    input.controller->selectPressed = false;
    test::runFrames(session, fixture.narration, input, 16); // 0.28 s held
    CHECK_FALSE(test::hotspot(frame, "far").slide.has_value());
    test::runFrames(session, fixture.narration, input, 2);
    REQUIRE(test::hotspot(frame, "far").slide.has_value());
    CHECK(test::hotspot(frame, "far").slide->startFraction == Approx(1.0f));
    CHECK_FALSE(test::hotspot(frame, "info").slide.has_value()); // only the held hotspot
}

TEST_CASE("a controller trigger activates along the controller's ray", "[runtime][session]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    const SessionFrame& frame = session.frame();

    // From beside the line of "info", aimed at "far": the controller's own origin decides.
    const glm::vec3 handWorld{1.0f, 1.6f, -1.5f};
    const glm::vec3 handTracking = test::toTracking(frame, handWorld);
    VisitorInput input = looking({1, 0, 0});
    input.controller = Pointer{{handTracking, test::toTracking(frame, {0, 1.6f, -3}) - handTracking}, true};
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "hotspotActivated 'far' (controller); modelStateChanged 'vase' (restored); ");
    CHECK(frame.models[1].stateId == "restored");
    CHECK(frame.models[1].path == "models/vase_restored.glb");
    CHECK(session.modelState("hall", "vase") == "restored");

    test::runFrames(session, fixture.narration, input, 1);   // pressed again: back to the model's own path
    CHECK(test::eventsText(frame) == "hotspotActivated 'far' (controller); modelStateChanged 'vase'; ");
    CHECK(frame.models[1].stateId.empty());
    CHECK(frame.models[1].path == "models/vase_broken.glb");

    // A hand pinch works the same way.
    input.controller.reset();
    input.hand = Pointer{{handTracking, test::toTracking(frame, {0, 1.6f, -3}) - handTracking}, true};
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "hotspotActivated 'far' (hand); modelStateChanged 'vase' (restored); ");
}

TEST_CASE("goToScene fades out, switches at full black, and fades in at the target view", "[runtime][session][fade]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    const SessionFrame& frame = session.frame();

    VisitorInput input = looking({1, 0, 0});
    input.mouse = test::pointerAt(frame, kHead, {2, 1.6f, 0}, true);
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "hotspotActivated 'door' (mouse); ");
    CHECK(frame.fadeAlpha == 0.0f);
    input.mouse->selectPressed = false;
    for (int step = 1; step < 15; ++step) {
        test::runFrames(session, fixture.narration, input, 1);
        INFO("fade-out frame " << step);
        CHECK(frame.fadeAlpha == Approx(step / 15.0).margin(1e-5));
        CHECK(frame.sceneId == "hall");
        CHECK(frame.events.empty());
        CHECK_FALSE(frame.hotspots[0].visible);
    }
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.fadeAlpha == 1.0f);
    CHECK(frame.sceneId == "courtyard");
    CHECK(test::eventsText(frame) == "sceneChanged #1 'courtyard'; ");
    CHECK(test::yawErrorDegrees(frame, 180.0f) == Approx(0.0).margin(1e-4));   // the action's view
    test::checkVec(frame.headWorld.position, {0, 1.6f, 0});
    for (int step = 1; step < 15; ++step) {
        test::runFrames(session, fixture.narration, input, 1);
        CHECK(frame.fadeAlpha == Approx(1.0 - step / 15.0).margin(1e-5));
        CHECK(frame.hotspots[0].visible);
    }
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.fadeAlpha == 0.0f);
}

TEST_CASE("video360 hotspots sit at 3 m around the head in their yaw/pitch directions", "[runtime][session][video]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    REQUIRE(session.goToTourStop(2));   // the courtyard stop, pose yaw 90
    test::runFrames(session, fixture.narration, looking({1, 0, 0}), 15);
    const SessionFrame& frame = session.frame();
    REQUIRE(frame.sceneId == "courtyard");
    CHECK(test::yawErrorDegrees(frame, 90.0f) == Approx(0.0).margin(1e-4));

    const float s = 3.0f * std::sqrt(0.5f);
    auto checkAround = [&](glm::vec3 head) {
        test::checkVec(test::hotspot(frame, "c0").worldPosition, head + glm::vec3(0, 0, -3));
        test::checkVec(test::hotspot(frame, "c90").worldPosition, head + glm::vec3(-3, 0, 0));
        test::checkVec(test::hotspot(frame, "cm90").worldPosition, head + glm::vec3(3, 0, 0));
        test::checkVec(test::hotspot(frame, "c45").worldPosition, head + glm::vec3(0, s, -s));
    };
    checkAround(frame.headWorld.position);
    // The head moves (tracked): the hotspots move with it and keep their world directions.
    VisitorInput moved = looking({1, 0, 0});
    moved.head = test::headAt({0.3f, 1.2f, -0.4f}, 30.0f);
    test::runFrames(session, fixture.narration, moved, 1);
    checkAround(frame.headWorld.position);

    // Looking at world yaw -90 (the visitor faces yaw 90, so turn the gaze 180 degrees) selects cm90.
    VisitorInput atMinus90 = moved;
    atMinus90.gazeDirection = glm::vec3(glm::inverse(frame.worldFromTracking) * glm::vec4(1, 0, 0, 0));
    test::runFrames(session, fixture.narration, atMinus90, 1);
    CHECK(test::hotspot(frame, "cm90").hovered);
    CHECK_FALSE(test::hotspot(frame, "c0").hovered);
}

TEST_CASE("a route lies on the ground: a panorama's below the eye, moving with the head, a model scene's on the floor",
          "[runtime][session][route]") {
    test::MuseumFixture fixture;
    experience::Experience withRoutes = fixture.experience();
    withRoutes.scenes[0].route = experience::Route{{{0.0, 2.0}, {0.0, -2.0}, {3.0, -2.0}}, std::nullopt};
    withRoutes.scenes[1].route = experience::Route{{{0.0, -2.0}, {0.0, -20.0}, {10.0, -22.0}}, 1.5};
    ExperienceSession session(std::move(withRoutes), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    const SessionFrame& frame = session.frame();
    REQUIRE(frame.sceneId == "hall");
    REQUIRE(frame.route.points.size() == 3);
    test::checkVec(frame.route.points[0], {0.0f, 0.0f, 2.0f});
    test::checkVec(frame.route.points[2], {3.0f, 0.0f, -2.0f});
    CHECK(frame.route.visible);

    REQUIRE(session.goToTourStop(2)); // the courtyard, a panorama
    test::runFrames(session, fixture.narration, looking({1, 0, 0}), 1);
    CHECK_FALSE(frame.route.visible); // fading out of the hall
    test::runFrames(session, fixture.narration, looking({1, 0, 0}), 30);
    REQUIRE(frame.sceneId == "courtyard");
    REQUIRE(frame.route.points.size() == 3);
    CHECK(frame.route.visible);
    auto checkBelow = [&](glm::vec3 head) {
        const glm::vec3 ground = head - glm::vec3(0.0f, 1.5f, 0.0f);
        test::checkVec(frame.route.points[0], ground + glm::vec3(0.0f, 0.0f, -2.0f));
        test::checkVec(frame.route.points[2], ground + glm::vec3(10.0f, 0.0f, -22.0f));
    };
    checkBelow(frame.headWorld.position);
    VisitorInput moved = looking({1, 0, 0});
    moved.head = test::headAt({0.3f, 1.2f, -0.4f}, 30.0f);
    test::runFrames(session, fixture.narration, moved, 1);
    checkBelow(frame.headWorld.position); // a crouching visitor still sees it on the video's street
}

TEST_CASE("teleport within an area lands the feet on the aimed point, keeping the heading", "[runtime][session][teleport]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    const SessionFrame& frame = session.frame();

    VisitorInput input = looking({1, 0, 0});
    const glm::vec3 handTracking = test::toTracking(frame, {0.2f, 1.2f, 2.8f});
    input.teleportAim = Ray{handTracking, test::toTracking(frame, {-1.0f, 0.0f, 0.5f}) - handTracking};
    test::runFrames(session, fixture.narration, input, 1);
    REQUIRE(frame.teleportTarget);
    test::checkVec(*frame.teleportTarget, {-1.0f, 0.0f, 0.5f});
    // Outside every area: no target, and releasing there does nothing.
    VisitorInput outside = input;
    outside.teleportAim = Ray{handTracking, test::toTracking(frame, {6.0f, 0.0f, 0.5f}) - handTracking};
    test::runFrames(session, fixture.narration, outside, 1);
    CHECK_FALSE(frame.teleportTarget);

    // A panel open before the teleport is closed by it.
    REQUIRE(session.activateHotspot("info"));
    input.teleportRelease = true;
    test::runFrames(session, fixture.narration, input, 1);
    REQUIRE(frame.panel);
    input.teleportAim.reset();
    input.teleportRelease = false;
    test::runFrames(session, fixture.narration, input, 8);
    CHECK(frame.fadeAlpha == Approx(8.0 / 9.0).margin(1e-5));
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.fadeAlpha == 1.0f);
    CHECK(test::eventsText(frame) == "panelClosed 'vase'; teleported 'hall'; ");
    CHECK_FALSE(frame.panel);
    test::checkVec(frame.headWorld.position, {-1.0f, 1.6f, 0.5f});
    CHECK(test::yawErrorDegrees(frame, 0.0f) == Approx(0.0).margin(1e-4));
}

TEST_CASE("snap turns rotate about the head, not the rig origin", "[runtime][session][comfort]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    // The head is away from the tracking origin, so turning about the origin would move it.
    VisitorInput input = looking({1, 0, 0});
    input.head = test::headAt({0.5f, 1.7f, -0.8f}, 15.0f);
    arrive(session, fixture.narration, input);
    const SessionFrame& frame = session.frame();
    test::checkVec(frame.headWorld.position, {0, 1.7f, 3});
    CHECK(test::yawErrorDegrees(frame, 0.0f) == Approx(0.0).margin(1e-4));

    input.snapTurnLeft = true;
    test::runFrames(session, fixture.narration, input, 1);
    test::checkVec(frame.headWorld.position, {0, 1.7f, 3});
    CHECK(test::yawErrorDegrees(frame, 30.0f) == Approx(0.0).margin(1e-4));
    input.snapTurnLeft = false;
    input.snapTurnRight = true;
    test::runFrames(session, fixture.narration, input, 3);
    test::checkVec(frame.headWorld.position, {0, 1.7f, 3});
    CHECK(test::yawErrorDegrees(frame, -60.0f) == Approx(0.0).margin(1e-4));
    CHECK(frame.vignette == 0.0f);   // snap turns need no vignette

    input.snapTurnRight = false;
    input.smoothMoveVelocity = {1.0f, 0, 0};
    test::runFrames(session, fixture.narration, input, 12);
    CHECK(frame.vignette == Approx(0.5f).margin(1e-5));
}

TEST_CASE("the visitor's posture and a calibrate press reach the session through its input", "[runtime][session][height]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    VisitorInput input = looking({1, 0, 0});
    input.head = test::headAt({0, 1.1f, 0});
    arrive(session, fixture.narration, input);
    const SessionFrame& frame = session.frame();

    input.seated = true;             // sat down (the desktop's C, a station's --seated)
    input.calibrateHeight = true;    // and pressed the button
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(session.seated());
    CHECK(test::eventsText(frame) == "heightCalibrated (1.10 m seated); ");
    test::checkVec(frame.headWorld.position, {0, 1.6f, 3}); // lifted to the standing eye height

    input.calibrateHeight = false;
    input.head = test::headAt({0, 0.1f, 0});
    test::runFrames(session, fixture.narration, input, 1);
    input.calibrateHeight = true;    // a bad floor: refused, said, the old calibration kept
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) ==
          "heightCalibrated (height calibration: the head is 0.10 m above the tracking floor (expected 0.3..2.5 m); "
          "check the headset's floor setup); ");
    CHECK(session.eyeHeight() == Approx(1.1f));
}

TEST_CASE("seated visitors are lifted to a standing eye height", "[runtime][session][height]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    CHECK(session.calibrateHeight().error().message ==
          "height calibration: no head pose yet (calibrate after the first frame)");
    VisitorInput input = looking({1, 0, 0});
    input.head = test::headAt({0, 1.1f, 0});
    arrive(session, fixture.narration, input);
    const SessionFrame& frame = session.frame();
    test::checkVec(frame.headWorld.position, {0, 1.1f, 3});   // standing: the visitor's own height

    session.setSeated(true);   // not calibrated: assumes a 1.2 m seated eye height
    test::runFrames(session, fixture.narration, input, 1);
    test::checkVec(frame.headWorld.position, {0, 1.5f, 3});
    REQUIRE(session.calibrateHeight());
    CHECK(session.eyeHeight() == Approx(1.1f));
    test::runFrames(session, fixture.narration, input, 1);
    test::checkVec(frame.headWorld.position, {0, 1.6f, 3});

    session.setSeated(false);
    test::runFrames(session, fixture.narration, input, 1);
    test::checkVec(frame.headWorld.position, {0, 1.1f, 3});

    input.head = test::headAt({0, 0.1f, 0});
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(session.calibrateHeight().error().message ==
          "height calibration: the head is 0.10 m above the tracking floor (expected 0.3..2.5 m); check the "
          "headset's floor setup");
}

namespace {

// The head 60 degrees down; the eyes on the look-down control `yawDegrees` off its heading.
VisitorInput lookingDown(float yawDegrees) {
    VisitorInput input;
    input.head = test::headAt({0, 1.6f, 0}, 0.0f, -60.0f);
    input.gazeDirection = directionFromYawPitch(glm::radians(yawDegrees), glm::radians(-50.0f));
    return input;
}

} // namespace

TEST_CASE("looking down shows the next language and the next tour stop, the language one switches", "[runtime][session][lookdown]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    CHECK(session.frame().lookDownControls.empty()); // looking ahead: nothing below the view

    // Two controls, 28 degrees of heading apart around the heading: language left, tour right.
    test::runFrames(session, fixture.narration, lookingDown(14.0f), 1);
    const auto& controls = session.frame().lookDownControls;
    REQUIRE(controls.size() == 2);
    CHECK(controls[0].kind == LookDownControlKind::NextLanguage);
    CHECK(controls[0].language == "en");
    CHECK(controls[0].label == "English");
    CHECK(controls[0].hovered);
    CHECK(controls[1].kind == LookDownControlKind::NextTourStop);
    CHECK(controls[1].tourStop == 0); // no stop yet: the tour's first
    CHECK(controls[1].label == "欢迎");
    CHECK_FALSE(controls[1].hovered);
    // 0.9 m from the head (world (0, 1.6, 3)) at 50 degrees down, 14 degrees left of ahead (-Z).
    const float down = glm::radians(50.0f), left = glm::radians(14.0f);
    test::checkVec(controls[0].worldPosition, {-0.9f * std::cos(down) * std::sin(left), 1.6f - 0.9f * std::sin(down),
                                               3.0f - 0.9f * std::cos(down) * std::cos(left)});
    test::runFrames(session, fixture.narration, lookingDown(14.0f), 59);
    CHECK(session.frame().lookDownControls[0].dwellProgress == Approx(59.0 / 60.0).margin(1e-4));
    CHECK(session.language() == "zh");
    test::runFrames(session, fixture.narration, lookingDown(14.0f), 1); // 1 s of gaze
    CHECK(test::eventsText(session.frame()) == "languageChanged 'en'; ");
    CHECK(session.language() == "en");
    CHECK(session.frame().sceneTitle == "Hall");
    // Used: they go until the head comes up (a resting gaze must not select again).
    CHECK(session.frame().lookDownControls.empty());
    test::runFrames(session, fixture.narration, lookingDown(14.0f), 120);
    CHECK(session.frame().lookDownControls.empty());
    CHECK(session.language() == "en");
    test::runFrames(session, fixture.narration, looking({0, 0, -1}), 1);
    test::runFrames(session, fixture.narration, lookingDown(14.0f), 1);
    REQUIRE(session.frame().lookDownControls.size() == 2);
    CHECK(session.frame().lookDownControls[0].label == "中文"); // now it offers the way back
    CHECK(session.frame().lookDownControls[1].label == "Welcome");

    // They stay while the head comes up a little (hysteresis), and go when it looks ahead.
    VisitorInput lessDown = lookingDown(14.0f);
    lessDown.head = test::headAt({0, 1.6f, 0}, 0.0f, -30.0f);
    test::runFrames(session, fixture.narration, lessDown, 1);
    CHECK(session.frame().lookDownControls.size() == 2);
    test::runFrames(session, fixture.narration, looking({0, 0, -1}), 1);
    CHECK(session.frame().lookDownControls.empty());
}

TEST_CASE("a gaze-only visitor who left the tour's scene takes it up again from the look-down control", "[runtime][session][lookdown]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    // Resting the gaze on the tour control (right of the heading) starts the tour at its first stop.
    test::runFrames(session, fixture.narration, lookingDown(-14.0f), 61);
    test::runFrames(session, fixture.narration, lookingDown(-14.0f), 120); // through the fade, gaze resting
    REQUIRE(session.currentTourStop() == std::optional<std::size_t>(0)); // once: not on to stop 1
    // Looking up and down again, the control offers the second stop.
    test::runFrames(session, fixture.narration, looking({0, 0, -1}), 1);
    test::runFrames(session, fixture.narration, lookingDown(-14.0f), 1);
    REQUIRE(session.frame().lookDownControls.size() == 2);
    CHECK(session.frame().lookDownControls[1].tourStop == 1);
    CHECK(session.frame().lookDownControls[1].label == "角落");
}

TEST_CASE("an experience in one language offers no language control", "[runtime][session][lookdown]") {
    test::MuseumFixture fixture;
    experience::Experience experience = fixture.experience();
    experience.languages.available = {"zh"};
    experience.tour.clear();
    ExperienceSession session(std::move(experience), fixture.narration, test::noTour());
    arrive(session, fixture.narration);
    test::runFrames(session, fixture.narration, lookingDown(0.0f), 90);
    CHECK(session.frame().lookDownControls.empty());
    CHECK(session.language() == "zh");
}
