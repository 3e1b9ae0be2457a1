// Tiles of a still image on a surface (video/SurfaceTiles.h) and the levels TileScheduler
// chooses for them: density grows with distance, tiles out of view are not needed, the nearest
// tile under the gaze gets the level the display can resolve there.
#include "TestAngles.h"
#include "video/SurfaceTiles.h"
#include "video/TileScheduler.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace xrs;
using namespace xrs::video;

namespace {

using test::deg;

// The hand scroll on a wall: 6 m x 0.3 m, its top-left corner at (0, 0.3, -1), 20480x1024 px in
// a 40x2 grid of 512 px tiles (0.15 m each, 0.293 mm per finest texel).
constexpr int kCols = 40, kRows = 2, kFinestWidth = 20480;
const SurfacePlacement kWall{{0.0f, 0.3f, -1.0f}, {6.0f, 0.0f, 0.0f}, {0.0f, -0.3f, 0.0f}};
constexpr float kTexelMetres = 6.0f / kFinestWidth;
constexpr float kDisplayPixelsPerRadian = 1000.0f;

struct Viewer {
    Pose head;
    std::array<EyeView, 2> eyes;
    SurfaceView view() const { return {head, eyes, std::nullopt}; }
};

// Standing `distance` metres in front of the wall at x, eyes at the scroll's middle height,
// looking straight at it with a 90° fov.
Viewer viewerAt(float x, float distance) {
    const glm::vec3 eye{x, 0.15f, -1.0f + distance};
    const Pose head = lookAtPose(eye, eye + glm::vec3(0.0f, 0.0f, -1.0f));
    const Fov fov = symmetricFov(deg(90.0f), 1.0f);
    return {head, stereoEyes(head, 0.0f, fov, fov)};
}

int tileAt(float x, int row) { return row * kCols + static_cast<int>(x / 0.15f); }

// As TiledImages configures it (`prefetchAtNeed`: tiles coming into view are asked for at the
// level they will need, not the coarsest).
TileScheduler surfaceScheduler(bool prefetchAtNeed = false) {
    SchedulerConfig config;
    config.sourceResolutionInFovea = false;
    if (prefetchAtNeed) config.prefetchLevel = 0;
    return TileScheduler(kCols * kRows, {{512, 512}, {256, 256}, {128, 128}, {64, 64}}, config);
}

} // namespace

TEST_CASE("a surface tile's texel density is its nearest distance over the texel size", "[video][surface]") {
    SurfaceTiles tiles(kWall, kCols, kRows, kFinestWidth);
    const Viewer viewer = viewerAt(0.5f, 1.0f);
    const auto& sights = tiles.see(viewer.view());
    REQUIRE(sights.size() == std::size_t{kCols * kRows});
    // In front of the viewer: 1 m away, looked straight at.
    const TileSight& ahead = sights[static_cast<std::size_t>(tileAt(0.5f, 0))];
    CHECK(ahead.finestTexelsPerRadian == Approx(1.0f / kTexelMetres).epsilon(1e-4));
    CHECK(ahead.eccentricityRad == Approx(0.0f).margin(1e-4));
    CHECK(ahead.visible);
    // The far end: its nearest point (x = 5.85, at the viewer's height) is sqrt(5.35^2 + 1) m away.
    const TileSight& far = sights[static_cast<std::size_t>(tileAt(5.9f, 1))];
    CHECK(far.finestTexelsPerRadian == Approx(std::sqrt(5.35f * 5.35f + 1.0f) / kTexelMetres).epsilon(1e-3));
    CHECK(far.eccentricityRad == Approx(std::atan(5.35f)).epsilon(1e-3));
    // A 90° view 1 m away sees x from -0.5 to 1.5 (1.57 with the 2° margin).
    CHECK(sights[static_cast<std::size_t>(tileAt(1.4f, 1))].visible);
    CHECK_FALSE(sights[static_cast<std::size_t>(tileAt(1.7f, 0))].visible);
    CHECK_FALSE(far.visible);
    // Turned away, nothing is visible.
    Viewer away = viewer;
    away.head = lookAtPose(viewer.head.position, viewer.head.position + glm::vec3(0.0f, 0.0f, 1.0f));
    const Fov fov = symmetricFov(deg(90.0f), 1.0f);
    away.eyes = stereoEyes(away.head, 0.0f, fov, fov);
    for (const TileSight& sight : tiles.see(away.view())) CHECK_FALSE(sight.visible);
}

TEST_CASE("the nearer a surface tile, the finer its level, tiles out of view are not needed", "[video][surface]") {
    SurfaceTiles tiles(kWall, kCols, kRows, kFinestWidth);
    // Level densities at distance d: 3413 d, 1707 d, 853 d and 427 d texels per radian; the
    // display resolves 1000 at the gaze.
    const auto levelAhead = [&](float distance) {
        TileScheduler scheduler = surfaceScheduler();
        const Viewer viewer = viewerAt(3.0f, distance);
        const auto& choices = scheduler.chooseLevels(tiles.see(viewer.view()), kDisplayPixelsPerRadian);
        return choices[static_cast<std::size_t>(tileAt(3.0f, 0))].level;
    };
    CHECK(levelAhead(0.25f) == 0); // 853: even the finest falls short, so the finest
    CHECK(levelAhead(0.5f) == 0);  // 1707
    CHECK(levelAhead(1.0f) == 1);  // 1707
    CHECK(levelAhead(2.0f) == 2);  // 1707
    CHECK(levelAhead(4.0f) == 3);  // 1707

    TileScheduler scheduler = surfaceScheduler();
    const Viewer viewer = viewerAt(3.0f, 0.5f);
    const auto& choices = scheduler.chooseLevels(tiles.see(viewer.view()), kDisplayPixelsPerRadian);
    int visibleTiles = 0;
    for (int tile = 0; tile < kCols * kRows; ++tile) {
        const TileChoice& choice = choices[static_cast<std::size_t>(tile)];
        if (!choice.visible) CHECK(choice.level == kLevelNotNeeded);
        visibleTiles += choice.visible ? 1 : 0;
    }
    // 0.5 m away a 90° view spans x 2.5..3.5 (plus the margin): 8 columns, both rows.
    CHECK(visibleTiles == 2 * 8);
    // Off the gaze the acuity falls: a visible tile at the view's edge needs a coarser level.
    CHECK(choices[static_cast<std::size_t>(tileAt(2.5f, 0))].level > choices[static_cast<std::size_t>(tileAt(3.0f, 0))].level);
}

TEST_CASE("walking along the wall, the tiles about to come into view are asked for at the level they will need",
          "[video][surface]") {
    SurfaceTiles tiles(kWall, kCols, kRows, kFinestWidth);
    TileScheduler scheduler = surfaceScheduler(/*prefetchAtNeed=*/true);
    // At x = 1 m, 0.35 m from the wall, a 90° view sees x from 0.65 to 1.35 (0.625 to 1.375
    // with the 2° margin); 0.25 s ahead at 0.6 m/s along +X it will see up to 1.525.
    // The visitor looks ahead along the wall, 30° to the right, where the scroll goes on.
    const Viewer now = viewerAt(1.0f, 0.35f), later = viewerAt(1.15f, 0.35f);
    const glm::vec3 lookingAhead = glm::normalize(glm::vec3(std::sin(deg(30.0f)), 0.0f, -std::cos(deg(30.0f))));
    const SurfaceView current{now.head, now.eyes, lookingAhead}, ahead{later.head, later.eyes, lookingAhead};
    const auto& sights = tiles.see(current, &ahead);
    const auto entering = static_cast<std::size_t>(tileAt(1.55f, 0)); // x 1.50..1.65
    const auto beyond = static_cast<std::size_t>(tileAt(1.7f, 0));    // x 1.65..1.80
    const auto behind = static_cast<std::size_t>(tileAt(0.55f, 0));   // x 0.45..0.60, leaving view
    CHECK_FALSE(sights[entering].visible);
    CHECK(sights[entering].comingIntoView);
    CHECK_FALSE(sights[beyond].comingIntoView);
    CHECK_FALSE(sights[behind].comingIntoView);
    // Described as it will be seen: 0.35 m away, its nearest point 0.35 m to the side then.
    CHECK(sights[entering].finestTexelsPerRadian == Approx(std::sqrt(2.0f) * 0.35f / kTexelMetres).epsilon(1e-3));

    const auto& choices = scheduler.chooseLevels(sights, kDisplayPixelsPerRadian);
    CHECK(choices[entering].prefetch);
    // The level the rule gives it as seen from there, as if it were in view.
    std::vector<TileSight> asIfVisible(sights.begin(), sights.end());
    asIfVisible[entering].visible = true;
    TileScheduler reference = surfaceScheduler(true);
    CHECK(choices[entering].level == reference.chooseLevels(asIfVisible, kDisplayPixelsPerRadian)[entering].level);
    CHECK(choices[entering].level < 3); // finer than the coarsest, which the sphere's prefetch asks for
    CHECK(choices[beyond].level == kLevelNotNeeded);

    // Without a look-ahead nothing is coming into view.
    for (const TileSight& sight : tiles.see(current)) CHECK_FALSE(sight.comingIntoView);
}
