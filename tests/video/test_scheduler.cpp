// TileScheduler without a GPU or decoder: the acuity rule, hysteresis, prefetch along the
// head's turn, budget degradation and a scripted head turn.
#include "TestAngles.h"
#include "video/TileScheduler.h"

#include <catch2/catch.hpp>

#include <glm/gtc/constants.hpp>

#include <array>

using namespace xrs;
using namespace xrs::video;

namespace {

using test::deg;
using test::kPi;

// An 8K mono package: 8x4 tiles of 960x960, four levels (21.3, 10.7, 5.3, 2.7 texels/degree).
TileScheduler make8kScheduler(SchedulerConfig config = {}) {
    return TileScheduler(TileGrid(Projection::Equirect360, 8, 4), {{960, 960}, {480, 480}, {240, 240}, {120, 120}}, 1,
                         60.0, TileScheduler::BaseLayer{512, 512.0 * 256.0}, config);
}

Pose headLookingAt(float lonDeg, float latDeg) {
    return lookAtPose(glm::vec3(0.0f), TileGrid::directionFromLonLat({deg(lonDeg), deg(latDeg)}));
}

struct Frame {
    Pose head;
    std::array<EyeView, 2> eyes;
};

Frame frameLookingAt(float lonDeg, float latDeg, float fovDeg = 90.0f) {
    const Pose head = headLookingAt(lonDeg, latDeg);
    const Fov fov = symmetricFov(deg(fovDeg), 1.0f);
    return {head, stereoEyes(head, 0.064f, fov, fov)};
}

SchedulerInput inputFor(const Frame& frame, float displayPixelsPerRadian, std::optional<glm::vec3> gaze = std::nullopt,
                        glm::vec3 angularVelocity = glm::vec3(0.0f)) {
    SchedulerInput input;
    input.head = frame.head;
    input.eyes = frame.eyes;
    input.displayPixelsPerRadian = displayPixelsPerRadian;
    input.gazeDirection = gaze;
    input.angularVelocity = angularVelocity;
    return input;
}

// Density of the finest 8K level: 7680 / 2pi texels per radian.
const float kFullResDensity = 7680.0f / (2.0f * kPi);

// The tile levels' own rules, with the coarsest level as the floor in view (the base layer
// standing in is tested on its own).
SchedulerConfig levelsOnly(SchedulerConfig config = {}) {
    config.baseLayerWhereSufficient = false;
    return config;
}

} // namespace

TEST_CASE("the fovea gets the source resolution even where the display is coarser", "[video][scheduler]") {
    const TileScheduler scheduler = make8kScheduler(levelsOnly());
    const float headsetDensity = 1000.0f; // below level 0's 1222 texels per radian
    CHECK(scheduler.requiredTexelsPerRadian(0.0f, headsetDensity) == Approx(kFullResDensity));
    CHECK(scheduler.levelForEccentricity(deg(0.0f), headsetDensity) == 0);
    CHECK(scheduler.levelForEccentricity(deg(9.9f), headsetDensity) == 0);
    // Just outside the fovea the display cap applies again: 1000 texels/rad needs level 0
    // (level 1 has 611), but far out the acuity model lets it fall to coarser levels.
    CHECK(scheduler.levelForEccentricity(deg(10.5f), headsetDensity) == 0);
    CHECK(scheduler.levelForEccentricity(deg(40.0f), headsetDensity) == 3);
}

TEST_CASE("display density at the view centre comes from the swapchain width and fov", "[video][scheduler]") {
    // 90 degrees over 1000 pixels: tan spans -1..1, so 500 pixels per unit tan = per radian at the centre.
    CHECK(displayPixelsPerRadian(1000, symmetricFov(deg(90.0f), 1.0f)) == Approx(500.0f));
}

TEST_CASE("eccentricity picks the coarsest sufficient level, monotonically", "[video][scheduler]") {
    // The acuity model and display cap on their own (the source-resolution fovea is tested below).
    SchedulerConfig displayCapped;
    displayCapped.sourceResolutionInFovea = false;
    const TileScheduler scheduler = make8kScheduler(levelsOnly(displayCapped));
    CHECK(scheduler.levelTexelsPerRadian(0) == Approx(kFullResDensity));
    CHECK(scheduler.levelTexelsPerRadian(3) == Approx(kFullResDensity / 8.0f));

    // Foveal plateau: full display density within 10 degrees.
    CHECK(scheduler.requiredTexelsPerRadian(0.0f, 1000.0f) == Approx(1000.0f));
    CHECK(scheduler.requiredTexelsPerRadian(deg(10.0f), 1000.0f) == Approx(1000.0f));
    // Beyond it, 1 / (1/48 + 0.0275 * (e - 10)) texels per degree: at 20 degrees 1/0.29583.
    CHECK(scheduler.requiredTexelsPerRadian(deg(20.0f), 5000.0f) == Approx((1.0f / (1.0f / 48.0f + 0.275f)) * 180.0f / kPi));

    // A display as sharp as the source: level 1 (10.67/deg) suffices once MAR >= 0.09375 deg,
    // i.e. beyond 12.65 degrees; level 2 beyond 16.06; level 3 beyond 22.88.
    const float display = kFullResDensity;
    CHECK(scheduler.levelForEccentricity(deg(0.0f), display) == 0);
    CHECK(scheduler.levelForEccentricity(deg(12.5f), display) == 0);
    CHECK(scheduler.levelForEccentricity(deg(12.8f), display) == 1);
    CHECK(scheduler.levelForEccentricity(deg(16.0f), display) == 1);
    CHECK(scheduler.levelForEccentricity(deg(16.2f), display) == 2);
    CHECK(scheduler.levelForEccentricity(deg(22.8f), display) == 2);
    CHECK(scheduler.levelForEccentricity(deg(23.0f), display) == 3);
    CHECK(scheduler.levelForEccentricity(deg(170.0f), display) == 3);

    // Capped at the display: a display at a quarter of the source's density never needs more
    // than level 2, even at the gaze.
    CHECK(scheduler.levelForEccentricity(0.0f, kFullResDensity / 4.0f) == 2);
    CHECK(scheduler.levelForEccentricity(0.0f, kFullResDensity / 4.0f * 1.01f) == 1);

    int previous = 0;
    for (float e = 0.0f; e <= 180.0f; e += 0.25f) {
        const int level = scheduler.levelForEccentricity(deg(e), display);
        INFO("eccentricity " << e);
        CHECK(level >= previous);
        previous = level;
    }
}

TEST_CASE("levels follow the gaze, tiles out of view are left to the base layer", "[video][scheduler]") {
    TileScheduler scheduler = make8kScheduler(levelsOnly());
    const Frame frame = frameLookingAt(0.0f, 0.0f);
    const std::vector<TileChoice>& choices = scheduler.chooseLevels(inputFor(frame, kFullResDensity));
    const TileGrid& grid = scheduler.grid();
    // The gaze (forward) sits on the corner of tiles (1,3), (1,4), (2,3), (2,4): full resolution.
    for (TileCoord c : {TileCoord{1, 3}, TileCoord{1, 4}, TileCoord{2, 3}, TileCoord{2, 4}}) {
        const TileChoice& choice = choices[static_cast<std::size_t>(grid.tileIndex(c))];
        CHECK(choice.level == 0);
        CHECK(choice.foveal);
        CHECK(choice.eccentricityRad == Approx(0.0f).margin(1e-6));
    }
    // Behind the viewer: not needed.
    for (int row = 0; row < 4; ++row)
        for (int col : {0, 7})
            CHECK(choices[static_cast<std::size_t>(grid.tileIndex({row, col}))].level == kLevelNotNeeded);
    // Every chosen level is what the eccentricity rule says for that tile.
    for (const TileChoice& choice : choices)
        if (choice.visible)
            CHECK(choice.level == scheduler.levelForEccentricity(choice.eccentricityRad, kFullResDensity));

    // With eye tracking the gaze moves the full-resolution region inside the same view.
    const glm::vec3 gazeUpRight = TileGrid::directionFromLonLat({deg(30.0f), deg(30.0f)});
    scheduler.resetHysteresis();
    const std::vector<TileChoice>& tracked = scheduler.chooseLevels(inputFor(frame, kFullResDensity, gazeUpRight));
    CHECK(tracked[static_cast<std::size_t>(grid.tileIndex({1, 4}))].level == 0);
    CHECK(tracked[static_cast<std::size_t>(grid.tileIndex({2, 3}))].level > 0); // 30+ degrees from the gaze

    const SchedulerStats& stats = scheduler.stats();
    int counted = stats.tilesNotNeeded;
    for (int n : stats.tilesPerLevel)
        counted += n;
    CHECK(counted == 32);
    CHECK(stats.decodedPixelFraction < 0.5);
    CHECK(stats.decodedPixelFraction > 0.0);
}

TEST_CASE("hysteresis: an oscillating requirement does not flicker, a lasting drop waits K frames", "[video][scheduler]") {
    SchedulerConfig config;
    config.dropAfterSeconds = 0.2f; // 12 frames at the inputs' 60 Hz
    constexpr int kDropAfterFrames = 12;
    TileScheduler scheduler = make8kScheduler(config);
    const int tile = scheduler.grid().tileIndex({1, 5}); // lon 45..90, lat 0..45
    // Gaze on the equator 12 or 14 degrees left of the tile's edge: level 0 or level 1.
    const glm::vec3 near = TileGrid::directionFromLonLat({deg(45.0f - 12.0f), 0.0f});
    const glm::vec3 far = TileGrid::directionFromLonLat({deg(45.0f - 14.0f), 0.0f});
    const Frame frame = frameLookingAt(33.0f, 0.0f);
    REQUIRE(scheduler.levelForEccentricity(deg(12.0f), kFullResDensity) == 0);
    REQUIRE(scheduler.levelForEccentricity(deg(14.0f), kFullResDensity) == 1);

    for (int i = 0; i < 41; ++i) { // ends on `near`
        const auto& choices = scheduler.chooseLevels(inputFor(frame, kFullResDensity, i % 2 == 0 ? near : far));
        INFO("frame " << i);
        REQUIRE(choices[static_cast<std::size_t>(tile)].visible);
        CHECK(choices[static_cast<std::size_t>(tile)].level == 0);
    }
    // Stay far: still level 0 for K-1 frames, level 1 from the K-th.
    for (int i = 1; i <= kDropAfterFrames; ++i) {
        const auto& choices = scheduler.chooseLevels(inputFor(frame, kFullResDensity, far));
        INFO("frame " << i << " of the lasting drop");
        CHECK(choices[static_cast<std::size_t>(tile)].level == (i < kDropAfterFrames ? 0 : 1));
    }
    // Rising is immediate.
    CHECK(scheduler.chooseLevels(inputFor(frame, kFullResDensity, near))[static_cast<std::size_t>(tile)].level == 0);

    // Within the margin (requirement only just below level 1's density) it never drops.
    const glm::vec3 justBeyond = TileGrid::directionFromLonLat({deg(45.0f - 12.8f), 0.0f});
    REQUIRE(scheduler.levelForEccentricity(deg(12.8f), kFullResDensity) == 1);
    for (int i = 0; i < 3 * kDropAfterFrames; ++i)
        CHECK(scheduler.chooseLevels(inputFor(frame, kFullResDensity, justBeyond))[static_cast<std::size_t>(tile)].level == 0);
}

TEST_CASE("hysteresis holds a level for the same time whatever the frame rate", "[video][scheduler]") {
    const int tile = make8kScheduler().grid().tileIndex({1, 5});
    const glm::vec3 near = TileGrid::directionFromLonLat({deg(45.0f - 12.0f), 0.0f});
    const glm::vec3 far = TileGrid::directionFromLonLat({deg(45.0f - 14.0f), 0.0f});
    const Frame frame = frameLookingAt(33.0f, 0.0f);
    // Frames of the lasting drop until the tile leaves level 0, at 120, 60, 20 and 2 Hz.
    const auto framesToDrop = [&](double frameSeconds) {
        SchedulerConfig config;
        config.dropAfterSeconds = 0.2f;
        TileScheduler scheduler = make8kScheduler(config);
        SchedulerInput input = inputFor(frame, kFullResDensity, near);
        input.frameSeconds = frameSeconds;
        REQUIRE(scheduler.chooseLevels(input)[static_cast<std::size_t>(tile)].level == 0);
        input.gazeDirection = far;
        for (int i = 1; i <= 100; ++i)
            if (scheduler.chooseLevels(input)[static_cast<std::size_t>(tile)].level != 0) return i;
        return -1;
    };
    CHECK(framesToDrop(1.0 / 120.0) == 24);
    CHECK(framesToDrop(1.0 / 60.0) == 12);
    CHECK(framesToDrop(1.0 / 20.0) == 4);
    CHECK(framesToDrop(0.5) == 1);
    // Paused (no time passes): the level holds.
    CHECK(framesToDrop(0.0) == -1);
}

TEST_CASE("prefetch requests the tiles a turning head is about to see, at a low level", "[video][scheduler]") {
    SchedulerConfig config;
    config.prefetchSeconds = 0.25f;
    TileScheduler scheduler = make8kScheduler(config);
    const TileGrid& grid = scheduler.grid();
    const Frame frame = frameLookingAt(0.0f, 0.0f, 60.0f); // sees lon -30..30: columns 3 and 4
    const int ahead = grid.tileIndex({1, 5});               // lon 45..90, to the right
    const int behind = grid.tileIndex({1, 2});              // lon -90..-45, to the left

    const auto& still = scheduler.chooseLevels(inputFor(frame, kFullResDensity));
    CHECK(still[static_cast<std::size_t>(ahead)].level == kLevelNotNeeded);
    CHECK(still[static_cast<std::size_t>(behind)].level == kLevelNotNeeded);

    // Turning right (about -Y) at 2 rad/s: 28.6 degrees in 0.25 s, so the view reaches lon 58.6.
    scheduler.resetHysteresis();
    const glm::vec3 turnRight(0.0f, -2.0f, 0.0f);
    const auto& turning = scheduler.chooseLevels(inputFor(frame, kFullResDensity, std::nullopt, turnRight));
    CHECK(turning[static_cast<std::size_t>(ahead)].level == 3); // the coarsest level
    CHECK(turning[static_cast<std::size_t>(ahead)].prefetch);
    CHECK_FALSE(turning[static_cast<std::size_t>(ahead)].visible);
    CHECK(turning[static_cast<std::size_t>(behind)].level == kLevelNotNeeded);
    CHECK(turning[static_cast<std::size_t>(grid.tileIndex({1, 6}))].level == kLevelNotNeeded); // beyond 90

    // Turning left prefetches the other side.
    scheduler.resetHysteresis();
    const auto& left = scheduler.chooseLevels(inputFor(frame, kFullResDensity, std::nullopt, -turnRight));
    CHECK(left[static_cast<std::size_t>(behind)].level == 3);
    CHECK(left[static_cast<std::size_t>(ahead)].level == kLevelNotNeeded);
}

namespace {

// The gaze sweeping right along the equator at `degPerSecond` (60 Hz, eye tracking) from lon
// 15 to 40, the head still at lon 30, on a headset-like display (outside the fovea the
// coarsest level suffices). Returns the gaze longitude at which tile (1,5) (lon 45..90) first
// got level 0; it turns foveal at lon 35.
float gazeLonWhenTileAheadGoesFullRes(SchedulerConfig config, float degPerSecond) {
    TileScheduler scheduler = make8kScheduler(config);
    const Frame frame = frameLookingAt(30.0f, 0.0f);
    const float display = displayPixelsPerRadian(256, symmetricFov(deg(100.0f), 1.0f));
    const int ahead = scheduler.grid().tileIndex({1, 5});
    const float dt = 1.0f / 60.0f;
    for (float lon = 15.0f; lon <= 40.0f; lon += degPerSecond * dt) {
        SchedulerInput input = inputFor(frame, display, TileGrid::directionFromLonLat({deg(lon), 0.0f}));
        input.frameSeconds = dt;
        const TileChoice& choice = scheduler.chooseLevels(input)[static_cast<std::size_t>(ahead)];
        if (choice.level == 0) {
            CHECK(choice.gazeLead == !choice.foveal);
            return lon;
        }
    }
    return 1000.0f;
}

} // namespace

TEST_CASE("gaze lead: a tile the gaze moves towards is at full resolution before the fovea reaches it",
          "[video][scheduler]") {
    SchedulerConfig config;
    config.gazeLeadSeconds = 0.2f;
    // 20 deg/s (a head turn carrying the gaze, or a smooth pursuit): 4 degrees of lead once the
    // velocity estimate has settled (time constant 0.05 s, well before lon 31).
    const float withLead = gazeLonWhenTileAheadGoesFullRes(config, 20.0f);
    CHECK(withLead <= 31.0f + 0.4f);
    CHECK(withLead >= 31.0f - 0.4f);
    config.gazeLeadSeconds = 0.0f;
    const float withoutLead = gazeLonWhenTileAheadGoesFullRes(config, 20.0f);
    CHECK(withoutLead >= 35.0f);
    CHECK(withoutLead <= 35.0f + 0.4f);
}

TEST_CASE("gaze lead: the tracked velocity follows smooth motion, forgets saccades and pauses", "[video][scheduler]") {
    TileScheduler scheduler = make8kScheduler();
    const Frame frame = frameLookingAt(0.0f, 0.0f);
    const float display = displayPixelsPerRadian(256, symmetricFov(deg(100.0f), 1.0f));
    const auto look = [&](float lonDeg, float latDeg, double seconds) -> const std::vector<TileChoice>& {
        SchedulerInput input = inputFor(frame, display, TileGrid::directionFromLonLat({deg(lonDeg), deg(latDeg)}));
        input.frameSeconds = seconds;
        return scheduler.chooseLevels(input);
    };
    // Up at 30 deg/s for 0.25 s (five time constants): the estimate is within 1% of the motion.
    float lat = -10.0f;
    for (int i = 0; i < 15; ++i, lat += 0.5f)
        look(0.0f, lat, 1.0 / 60.0);
    // Rotating the gaze from -Z up towards +Y is a rotation about +X.
    const glm::vec3 velocity = scheduler.gazeVelocity();
    CHECK(velocity.x == Approx(deg(30.0f)).epsilon(0.01));
    CHECK(velocity.y == Approx(0.0f).margin(1e-5));
    CHECK(velocity.z == Approx(0.0f).margin(1e-5));

    // A 20-degree saccade in one frame (1200 deg/s): no lead at all, not even towards the landing.
    const auto& landed = look(20.0f, lat, 1.0 / 60.0);
    CHECK(glm::length(scheduler.gazeVelocity()) == 0.0f);
    for (const TileChoice& choice : landed)
        CHECK_FALSE(choice.gazeLead);

    // Paused display time (no time between two samples): no velocity can be measured.
    look(20.0f, lat + 0.5f, 1.0 / 60.0);
    CHECK(glm::length(scheduler.gazeVelocity()) > 0.0f);
    look(20.0f, lat + 1.0f, 0.0);
    CHECK(glm::length(scheduler.gazeVelocity()) == 0.0f);

    // Forgotten with the hysteresis (a seek, a new scene).
    look(20.0f, lat + 1.5f, 1.0 / 60.0);
    look(20.0f, lat + 2.0f, 1.0 / 60.0);
    scheduler.resetHysteresis();
    CHECK(glm::length(scheduler.gazeVelocity()) == 0.0f);
}

TEST_CASE("gaze lead without eye tracking: the head's turn carries the gaze, its roll does not", "[video][scheduler]") {
    TileScheduler scheduler = make8kScheduler();
    const TileGrid& grid = scheduler.grid();
    const Frame frame = frameLookingAt(30.0f, 0.0f); // the gaze 15 degrees short of lon 45
    const float display = displayPixelsPerRadian(256, symmetricFov(deg(100.0f), 1.0f));
    const auto ahead = static_cast<std::size_t>(grid.tileIndex({1, 5})); // lon 45..90
    const glm::vec3 yawRight(0.0f, -1.0f, 0.0f);                        // 1 rad/s
    const glm::vec3 forward = frame.head.orientation * glm::vec3(0.0f, 0.0f, -1.0f);

    // Still: the tile 15 degrees away gets the periphery's coarsest level.
    CHECK(scheduler.chooseLevels(inputFor(frame, display))[ahead].level == 3);
    // Turning right: the gaze leads 11.5 degrees, to within 3.5 degrees of the tile.
    scheduler.resetHysteresis();
    const TileChoice turning = scheduler.chooseLevels(inputFor(frame, display, std::nullopt, yawRight))[ahead];
    CHECK(turning.level == 0);
    CHECK(turning.gazeLead);
    CHECK_FALSE(turning.foveal);
    CHECK(scheduler.gazeVelocity().y == Approx(-1.0f));
    // Rolling about the forward axis leaves the gaze where it is.
    scheduler.resetHysteresis();
    const TileChoice rolling = scheduler.chooseLevels(inputFor(frame, display, std::nullopt, 2.0f * forward))[ahead];
    CHECK(rolling.level == 3);
    CHECK(glm::length(scheduler.gazeVelocity()) == Approx(0.0f).margin(1e-6));
    // Yaw plus roll: only the yaw moves the gaze.
    scheduler.chooseLevels(inputFor(frame, display, std::nullopt, yawRight + 2.0f * forward));
    CHECK(glm::length(scheduler.gazeVelocity() - yawRight) == Approx(0.0f).margin(1e-5));
}

TEST_CASE("the base layer stands in where its density meets the need, never in the fovea", "[video][scheduler]") {
    // The base layer is 512 texels around: 1.42 per degree, which the acuity model asks for at
    // 34.8 degrees from the gaze (1 / (1/48 + 0.0275 * 24.8)).
    TileScheduler scheduler = make8kScheduler();
    CHECK(scheduler.baseTexelsPerRadian() == Approx(512.0f / (2.0f * kPi)));
    CHECK(scheduler.levelForEccentricity(deg(34.5f), kFullResDensity) == 3);
    CHECK(scheduler.levelForEccentricity(deg(35.1f), kFullResDensity) == kLevelNotNeeded);
    CHECK(make8kScheduler(levelsOnly()).levelForEccentricity(deg(35.1f), kFullResDensity) == 3);
    // A display coarser than the base layer: the base would do even at the gaze, but the fovea
    // always gets a tile level (here the display-capped one).
    SchedulerConfig displayCapped;
    displayCapped.sourceResolutionInFovea = false;
    const TileScheduler capped = make8kScheduler(displayCapped);
    CHECK(capped.levelForEccentricity(deg(5.0f), 50.0f) == 3);
    CHECK(capped.levelForEccentricity(deg(10.5f), 50.0f) == kLevelNotNeeded);

    // In view, with eye tracking (the gaze at the view's centre): visible, wanting no level,
    // beyond 34.8 degrees; every visible tile's level is the rule's.
    const Frame frame = frameLookingAt(0.0f, 0.0f, 100.0f);
    const glm::vec3 forward = frame.head.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    const std::vector<TileChoice>& choices = scheduler.chooseLevels(inputFor(frame, kFullResDensity, forward));
    int visibleToTheBase = 0;
    for (const TileChoice& choice : choices) {
        if (!choice.visible)
            continue;
        CHECK(choice.level == scheduler.levelForEccentricity(choice.eccentricityRad, kFullResDensity));
        if (choice.level == kLevelNotNeeded) {
            ++visibleToTheBase;
            CHECK(choice.eccentricityRad > deg(34.8f));
        }
    }
    CHECK(visibleToTheBase > 0);
    // Without eye tracking the visitor may look anywhere in the view: the coarsest level is the
    // floor for every tile in it, as with the base layer off.
    scheduler.resetHysteresis();
    for (const TileChoice& choice : scheduler.chooseLevels(inputFor(frame, kFullResDensity)))
        if (choice.visible)
            CHECK(choice.level != kLevelNotNeeded);

    // Hysteresis: a tile at the coarsest level goes to the base layer only after 0.2 s.
    const TileGrid& grid = scheduler.grid();
    const auto tile = static_cast<std::size_t>(grid.tileIndex({1, 5})); // lon 45..90
    const Frame head = frameLookingAt(30.0f, 0.0f, 100.0f); // (the input's eyes point into it)
    const auto lookAt = [&](float gazeLonDeg) {
        SchedulerInput input = inputFor(head, kFullResDensity, TileGrid::directionFromLonLat({deg(gazeLonDeg), 0.0f}));
        input.frameSeconds = 1.0 / 60.0;
        return scheduler.chooseLevels(input)[tile].level;
    };
    scheduler.resetHysteresis();
    CHECK(lookAt(15.0f) == 3);   // the tile 30 degrees away
    CHECK(lookAt(-5.0f) == 3);   // 50 degrees away: (a saccade, no lead) held
    for (int step = 0; step < 10; ++step)
        lookAt(-5.0f);
    CHECK(lookAt(-5.0f) == kLevelNotNeeded); // the twelfth frame: 0.2 s
}

TEST_CASE("without a tracked angular velocity the head's turn is estimated from its poses", "[video][scheduler]") {
    TileScheduler scheduler = make8kScheduler(levelsOnly());
    const TileGrid& grid = scheduler.grid();
    const auto ahead = static_cast<std::size_t>(grid.tileIndex({1, 5})); // lon 45..90
    const double dt = 1.0 / 60.0;
    const auto at = [&](float yawDeg, double seconds) -> const std::vector<TileChoice>& {
        const Frame frame = frameLookingAt(yawDeg, 0.0f, 60.0f); // (the input's eyes point into it)
        SchedulerInput input = inputFor(frame, kFullResDensity);
        input.angularVelocity.reset(); // as ExperiencePlayer gives it: poses only
        input.frameSeconds = seconds;
        return scheduler.chooseLevels(input);
    };
    // Turning right at 1 rad/s for 0.25 s (five time constants): within 1%, about -Y.
    float yaw = -15.0f;
    for (int i = 0; i < 15; ++i, yaw += static_cast<float>(glm::degrees(dt)))
        at(yaw, dt);
    CHECK(scheduler.headVelocity().y == Approx(-1.0f).epsilon(0.01));
    CHECK(scheduler.headVelocity().x == Approx(0.0f).margin(1e-4));
    CHECK(scheduler.headVelocity().z == Approx(0.0f).margin(1e-4));
    // So the view, its edge at lon -0.7 + 30 now, prefetches the tile beyond lon 45: 14.3
    // degrees of turn in 0.25 s, plus the 2-degree margin.
    const TileChoice& prefetched = at(yaw, dt)[ahead];
    CHECK(prefetched.prefetch);
    CHECK(prefetched.level == 3);

    // No time between two poses (paused display time): no estimate.
    at(yaw + 1.0f, 0.0);
    CHECK(glm::length(scheduler.headVelocity()) == 0.0f);
    // A jump of 90 degrees in a frame (5400 deg/s) is a new viewpoint, not a turn.
    at(yaw + 1.0f, dt);
    at(yaw + 91.0f, dt);
    CHECK(glm::length(scheduler.headVelocity()) == 0.0f);
    // A tracked velocity, when given, is used as it is.
    const Frame turned = frameLookingAt(yaw + 91.0f, 0.0f, 60.0f);
    scheduler.chooseLevels(inputFor(turned, kFullResDensity, std::nullopt, glm::vec3(0.5f, 0.0f, 0.0f)));
    CHECK(scheduler.headVelocity() == glm::vec3(0.5f, 0.0f, 0.0f));
}

TEST_CASE("over budget, the tiles farthest from the gaze degrade first and the fovea last", "[video][scheduler]") {
    // A shallow acuity fall-off keeps the periphery expensive, so there is something to degrade.
    SchedulerConfig config;
    config.marSlope = 0.002f;
    TileScheduler scheduler = make8kScheduler(config);
    const Frame frame = frameLookingAt(0.0f, 0.0f, 100.0f);
    const auto unlimited = scheduler.chooseLevels(inputFor(frame, kFullResDensity));
    const double wanted = scheduler.stats().requestedPixelsPerSecond;
    CHECK_FALSE(scheduler.stats().budgetLimited);

    // 70% of what the plan wants.
    scheduler.setDecodeBudget(0.7 * wanted);
    CHECK(scheduler.decodeBudget() == Approx(0.7 * wanted));
    const auto& limited = scheduler.chooseLevels(inputFor(frame, kFullResDensity));
    const SchedulerStats& stats = scheduler.stats();
    CHECK(stats.budgetLimited);
    CHECK_FALSE(stats.fovealDegraded);
    CHECK_FALSE(stats.overBudget);
    CHECK(stats.requestedPixelsPerSecond <= 0.7 * wanted);
    CHECK(stats.tilesDegraded > 0);
    // Every degraded tile is at least as far from the gaze as every tile left alone.
    float nearestDegraded = kPi, farthestKept = 0.0f;
    for (std::size_t t = 0; t < limited.size(); ++t) {
        if (unlimited[t].level == kLevelNotNeeded)
            continue;
        if (limited[t].degraded) {
            nearestDegraded = std::min(nearestDegraded, limited[t].eccentricityRad);
            CHECK((limited[t].level == kLevelNotNeeded ? 4 : limited[t].level) == (unlimited[t].level == kLevelNotNeeded ? 4 : unlimited[t].level) + 1);
        } else {
            farthestKept = std::max(farthestKept, limited[t].eccentricityRad);
            CHECK(limited[t].level == unlimited[t].level);
        }
        if (limited[t].foveal)
            CHECK(limited[t].level == 0);
    }
    CHECK(nearestDegraded >= farthestKept);

    // A budget below the fovea's own cost: the fovea degrades too, and the stats say so.
    scheduler.setDecodeBudget(60.0 * 960.0 * 960.0);
    scheduler.chooseLevels(inputFor(frame, kFullResDensity));
    CHECK(scheduler.stats().fovealDegraded);
    CHECK(scheduler.stats().requestedPixelsPerSecond <= 60.0 * 960.0 * 960.0);
}

TEST_CASE("the decode budget follows measured throughput, each sample weighted by the work it measured",
          "[video][scheduler]") {
    SchedulerConfig config;
    config.throughputTimeConstantSeconds = 0.25f;
    config.budgetHeadroom = 0.5f;
    config.throughputWarmupSeconds = 0.1f;
    TileScheduler scheduler = make8kScheduler(config);
    CHECK(std::isinf(scheduler.decodeBudget()));
    // Warming up: no budget until 0.1 s of work is measured, then the samples' weighted mean.
    scheduler.observeDecodeThroughput(20e6, 0.02); // opening the first streams
    CHECK(std::isinf(scheduler.decodeBudget()));
    scheduler.observeDecodeThroughput(120e6, 0.08);
    CHECK(scheduler.decodeBudget() == Approx(0.5 * (0.2 * 20e6 + 0.8 * 120e6)));
    scheduler.setDecodeBudget(50e6);
    // A window of 10 ms moves it 1 - e^-0.04 (3.9%) of the way.
    scheduler.observeDecodeThroughput(200e6, 0.01);
    CHECK(scheduler.decodeBudget() == Approx(0.5 * (100e6 + (1.0 - std::exp(-0.04)) * 100e6)));
    // The same work measured in one window or in many short ones gives the same budget, so the
    // display's frame rate (how often it samples) does not change how fast the budget moves.
    TileScheduler once = make8kScheduler(config), often = make8kScheduler(config);
    once.observeDecodeThroughput(100e6, 0.1);
    often.observeDecodeThroughput(100e6, 0.1);
    once.observeDecodeThroughput(300e6, 0.2);
    for (int i = 0; i < 20; ++i)
        often.observeDecodeThroughput(300e6, 0.01);
    CHECK(often.decodeBudget() == Approx(once.decodeBudget()).epsilon(1e-6));
    CHECK(once.decodeBudget() == Approx(0.5 * (300e6 - 200e6 * std::exp(-0.8))));
}

TEST_CASE("scripted head turn: the fovea is at full resolution every frame, no tile enters unrequested",
          "[video][scheduler]") {
    // With the base layer standing in (eye tracking), a tile entering where it suffices needs no request.
    const bool baseStandsIn = GENERATE(false, true);
    INFO("baseLayerWhereSufficient " << baseStandsIn);
    SchedulerConfig config;
    config.baseLayerWhereSufficient = baseStandsIn;
    TileScheduler scheduler = make8kScheduler(config);
    // 90-degree yaw to the right at 180 deg/s, 60 Hz, then a pitch up to 60 degrees, with the
    // gaze at the view centre (no eye tracking). Budget: enough for the fovea plus some.
    scheduler.setDecodeBudget(60.0 * 14.0 * 960.0 * 960.0);
    const float dt = 1.0f / 60.0f;
    std::vector<TileChoice> previous;
    int framesFovealNotFull = 0;
    int tilesEntering = 0;
    int tilesEnteringUnrequested = 0;
    int tilesEnteringToTheBase = 0;
    for (int frame = 0; frame < 75; ++frame) {
        float yaw = std::min(90.0f, 180.0f * dt * static_cast<float>(frame));
        float pitch = frame > 30 ? std::min(60.0f, 180.0f * dt * static_cast<float>(frame - 30)) : 0.0f;
        glm::vec3 velocity(0.0f);
        if (frame < 30)
            velocity = glm::vec3(0.0f, -deg(180.0f), 0.0f); // turning right
        else if (pitch < 60.0f)
            velocity = headLookingAt(yaw, pitch).orientation * glm::vec3(deg(180.0f), 0.0f, 0.0f); // pitching up
        const Frame f = frameLookingAt(yaw, pitch);
        // The base layer stands in only with eye tracking: then the tracked gaze is the view's centre.
        const std::optional<glm::vec3> gaze =
            baseStandsIn ? std::optional(f.head.orientation * glm::vec3(0.0f, 0.0f, -1.0f)) : std::nullopt;
        const std::vector<TileChoice> choices = scheduler.chooseLevels(inputFor(f, kFullResDensity, gaze, velocity));
        bool fovealFull = true;
        for (std::size_t t = 0; t < choices.size(); ++t) {
            if (choices[t].foveal && choices[t].level != 0)
                fovealFull = false;
            if (!previous.empty() && choices[t].visible && !previous[t].visible) {
                ++tilesEntering;
                if (choices[t].level == kLevelNotNeeded)
                    ++tilesEnteringToTheBase;
                else
                    tilesEnteringUnrequested += previous[t].level == kLevelNotNeeded ? 1 : 0;
            }
        }
        framesFovealNotFull += fovealFull ? 0 : 1;
        CHECK_FALSE(scheduler.stats().overBudget);
        previous = choices;
    }
    CHECK(framesFovealNotFull == 0);
    CHECK(tilesEntering >= 8); // the turn really brings new tiles into view
    CHECK(tilesEnteringUnrequested == 0);
    if (baseStandsIn)
        CHECK(tilesEnteringToTheBase > 0); // at the view's edge, 45 degrees out, the base layer suffices
    else
        CHECK(tilesEnteringToTheBase == 0);
}

TEST_CASE("a manifest sets eyes, projection and level densities", "[video][scheduler]") {
    Manifest manifest;
    manifest.sourceWidth = 3840;
    manifest.sourceHeight = 3840; // top-bottom: two 3840x1920 eyes
    manifest.fpsNum = 30;
    manifest.fpsDen = 1;
    manifest.layout = StereoLayout::TopBottom;
    manifest.projection = Projection::Equirect180;
    manifest.gridCols = 4;
    manifest.gridRows = 4;
    for (int i = 0; i < 3; ++i) {
        Level level;
        level.index = i;
        level.tileWidth = 960 >> i;
        level.tileHeight = 480 >> i;
        manifest.levels.push_back(level);
    }
    manifest.baseWidth = 512;
    manifest.baseHeight = 512;
    TileScheduler scheduler = TileScheduler::fromManifest(manifest);
    CHECK(scheduler.levelCount() == 3);
    CHECK(scheduler.levelTexelsPerRadian(0) == Approx(3840.0f / kPi)); // 180 degrees across the eye
    CHECK(scheduler.grid().projection() == Projection::Equirect180);

    const Frame frame = frameLookingAt(0.0f, 0.0f);
    const auto& choices = scheduler.chooseLevels(inputFor(frame, 3840.0f / kPi));
    double expectedTilePixels = 0.0;
    for (const TileChoice& choice : choices)
        if (choice.level != kLevelNotNeeded)
            expectedTilePixels += 2.0 * (960 >> choice.level) * (480 >> choice.level); // both eyes' streams
    CHECK(scheduler.stats().tilePixelsPerFrame == Approx(expectedTilePixels));
    CHECK(scheduler.stats().decodedPixelFraction == Approx((expectedTilePixels + 512.0 * 512.0) / (3840.0 * 3840.0)));
    CHECK(scheduler.stats().requestedPixelsPerSecond == Approx(30.0 * (expectedTilePixels + 512.0 * 512.0)));
}
