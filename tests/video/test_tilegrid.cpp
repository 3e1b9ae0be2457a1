// Tile math without a GPU: direction <-> lon/lat <-> uv <-> tile, poles and the seam, solid
// angles, eccentricity and frustum visibility.
#include "TestAngles.h"
#include "video/TileGrid.h"

#include <catch2/catch.hpp>

#include <glm/gtc/constants.hpp>

#include <random>
#include <set>

using namespace xrs;
using namespace xrs::video;

namespace {

using test::deg;
using test::kPi;

EyeView viewLookingAt(float lonDeg, float latDeg, float horizontalFovDeg, float aspect = 1.0f) {
    const glm::vec3 direction = TileGrid::directionFromLonLat({deg(lonDeg), deg(latDeg)});
    return EyeView{lookAtPose(glm::vec3(0.0f), direction), symmetricFov(deg(horizontalFovDeg), aspect)};
}

std::set<std::pair<int, int>> visibleTiles(const TileGrid& grid, const EyeView& view, float marginRad = 0.0f) {
    std::set<std::pair<int, int>> tiles;
    for (int t = 0; t < grid.tileCount(); ++t)
        if (grid.isVisible(t, view, marginRad))
            tiles.insert({grid.tileCoord(t).row, grid.tileCoord(t).col});
    return tiles;
}

// Directions through a dense grid of points on the view's image plane: the ground truth of
// what the view sees.
std::vector<glm::vec3> frustumSamples(const EyeView& view, int perSide) {
    std::vector<glm::vec3> samples;
    const float tl = std::tan(view.fov.angleLeft), tr = std::tan(view.fov.angleRight);
    const float td = std::tan(view.fov.angleDown), tu = std::tan(view.fov.angleUp);
    for (int j = 0; j < perSide; ++j)
        for (int i = 0; i < perSide; ++i) {
            const float x = tl + (tr - tl) * static_cast<float>(i) / static_cast<float>(perSide - 1);
            const float y = td + (tu - td) * static_cast<float>(j) / static_cast<float>(perSide - 1);
            samples.push_back(view.pose.orientation * glm::normalize(glm::vec3(x, y, -1.0f)));
        }
    return samples;
}

} // namespace

TEST_CASE("direction and lon/lat follow the documented axes", "[video][tilegrid]") {
    const LonLat forward = TileGrid::lonLatFromDirection({0.0f, 0.0f, -1.0f});
    CHECK(forward.lon == Approx(0.0f).margin(1e-6));
    CHECK(forward.lat == Approx(0.0f).margin(1e-6));
    CHECK(TileGrid::lonLatFromDirection({1.0f, 0.0f, 0.0f}).lon == Approx(kPi / 2));  // right: +90
    CHECK(TileGrid::lonLatFromDirection({-1.0f, 0.0f, 0.0f}).lon == Approx(-kPi / 2)); // left: -90
    CHECK(TileGrid::lonLatFromDirection({0.0f, 0.0f, 1.0f}).lon == Approx(kPi));       // behind: the seam
    CHECK(TileGrid::lonLatFromDirection({0.0f, 2.0f, 0.0f}).lat == Approx(kPi / 2));   // up
    CHECK(TileGrid::lonLatFromDirection({0.0f, -1.0f, 0.0f}).lat == Approx(-kPi / 2));

    const glm::vec3 d = TileGrid::directionFromLonLat({deg(30.0f), deg(20.0f)});
    CHECK(d.x == Approx(std::cos(deg(20.0f)) * std::sin(deg(30.0f))));
    CHECK(d.y == Approx(std::sin(deg(20.0f))));
    CHECK(d.z == Approx(-std::cos(deg(20.0f)) * std::cos(deg(30.0f))));

    const TileGrid grid(Projection::Equirect360, 8, 4);
    const glm::vec2 uvForward = *grid.uvFromLonLat(forward);
    CHECK(uvForward.x == Approx(0.5f));
    CHECK(uvForward.y == Approx(0.5f));
    CHECK(grid.uvFromLonLat({-kPi, kPi / 2})->x == Approx(0.0f));
    CHECK(grid.uvFromLonLat({-kPi, kPi / 2})->y == Approx(0.0f));
}

TEST_CASE("every tile centre and corner maps back to its tile", "[video][tilegrid]") {
    for (Projection projection : {Projection::Equirect360, Projection::Equirect180}) {
        for (auto [cols, rows] : {std::pair{8, 4}, std::pair{16, 8}, std::pair{3, 5}}) {
            const TileGrid grid(projection, cols, rows);
            for (int t = 0; t < grid.tileCount(); ++t) {
                INFO("projection " << static_cast<int>(projection) << " grid " << cols << "x" << rows << " tile " << t);
                const TileCoord coord = grid.tileCoord(t);
                CHECK(grid.tileIndex(coord) == t);
                REQUIRE(grid.tileFromDirection(grid.centreDirection(t)) == std::optional<TileCoord>(coord));

                // Corners, nudged 0.01 degree inside the tile; the unnudged corner round-trips
                // through direction -> lon/lat.
                const TileBounds b = grid.bounds(t);
                const float nudge = deg(0.01f);
                for (float lon : {b.lonMin, b.lonMax})
                    for (float lat : {b.latMin, b.latMax}) {
                        const glm::vec3 corner = TileGrid::directionFromLonLat({lon, lat});
                        const LonLat back = TileGrid::lonLatFromDirection(corner);
                        CHECK(glm::length(TileGrid::directionFromLonLat(back) - corner) < 1e-5f);
                        const float insideLon = lon + (lon == b.lonMin ? nudge : -nudge);
                        const float insideLat = lat + (lat == b.latMin ? nudge : -nudge);
                        CHECK(grid.tileFromDirection(TileGrid::directionFromLonLat({insideLon, insideLat})) ==
                              std::optional<TileCoord>(coord));
                    }
            }
        }
    }
}

TEST_CASE("poles and both sides of the seam land in the right tiles", "[video][tilegrid]") {
    const TileGrid grid(Projection::Equirect360, 8, 4);
    // Straight up is the top row, straight down the bottom row, whatever the longitude.
    CHECK(grid.tileFromDirection({0.0f, 1.0f, 0.0f})->row == 0);
    CHECK(grid.tileFromDirection({0.0f, -1.0f, 0.0f})->row == 3);
    CHECK(grid.tileFromDirection({1e-4f, 1.0f, 1e-4f})->row == 0);
    CHECK(grid.tileFromDirection({-1e-4f, -1.0f, 1e-4f})->row == 3);

    // Just right of the seam (lon -> -180) is column 0, just left of it (lon -> +180) column 7.
    const float nearSeam = kPi - deg(0.05f);
    CHECK(grid.tileFromDirection(TileGrid::directionFromLonLat({-nearSeam, 0.3f}))->col == 0);
    CHECK(grid.tileFromDirection(TileGrid::directionFromLonLat({nearSeam, 0.3f}))->col == 7);
    CHECK(grid.tileFromDirection({0.0f, 0.0f, 1.0f})->col == 7); // lon = +pi exactly
    CHECK(grid.tileFromDirection({0.0f, 0.0f, -1.0f})->col == 4); // forward: u = 0.5
    CHECK(grid.tileFromDirection({1.0f, 0.0f, 0.0f})->col == 6);  // right: lon 90, u = 0.75

    // Texels: the seam and the poles stay inside the frame.
    const glm::ivec2 size(7680, 3840);
    CHECK(TileGrid::texelFromUv({0.0f, 0.0f}, size) == glm::ivec2(0, 0));
    CHECK(TileGrid::texelFromUv({1.0f, 1.0f}, size) == glm::ivec2(7679, 3839));
    CHECK(TileGrid::texelFromUv(*grid.uvFromLonLat({0.0f, 0.0f}), size) == glm::ivec2(3840, 1920));

    // 180 video: the back hemisphere has no tile.
    const TileGrid half(Projection::Equirect180, 4, 4);
    CHECK_FALSE(half.tileFromDirection({0.0f, 0.0f, 1.0f}).has_value());
    CHECK_FALSE(half.tileFromDirection(TileGrid::directionFromLonLat({deg(100.0f), 0.0f})).has_value());
    CHECK(half.tileFromDirection(TileGrid::directionFromLonLat({deg(89.9f), 0.0f}))->col == 3);
    CHECK(half.tileFromDirection(TileGrid::directionFromLonLat({deg(-89.9f), 0.0f}))->col == 0);
}

TEST_CASE("tile solid angles cover the sphere", "[video][tilegrid]") {
    const TileGrid full(Projection::Equirect360, 8, 4);
    const TileGrid half(Projection::Equirect180, 8, 4);
    double fullSum = 0.0, halfSum = 0.0;
    for (int t = 0; t < full.tileCount(); ++t) {
        fullSum += full.solidAngle(t);
        halfSum += half.solidAngle(t);
    }
    CHECK(fullSum == Approx(4.0 * kPi).epsilon(1e-5));
    CHECK(halfSum == Approx(2.0 * kPi).epsilon(1e-5));
    // A polar tile is much smaller than an equatorial one: (1 - sin 45) vs sin 45.
    CHECK(full.solidAngle(0) / full.solidAngle(8) == Approx((1.0 - std::sin(kPi / 4)) / std::sin(kPi / 4)).epsilon(1e-4));
}

TEST_CASE("angular distance to a tile is exact, poles and seam included", "[video][tilegrid]") {
    const TileGrid grid(Projection::Equirect360, 8, 4);
    const int rowOneColFour = grid.tileIndex({1, 4}); // lon 0..45, lat 0..45
    CHECK(grid.angularDistance(rowOneColFour, TileGrid::directionFromLonLat({deg(20.0f), deg(20.0f)})) == 0.0f);
    CHECK(grid.angularDistance(rowOneColFour, TileGrid::directionFromLonLat({deg(-10.0f), 0.0f})) ==
          Approx(deg(10.0f)).margin(1e-5));
    CHECK(grid.angularDistance(rowOneColFour, TileGrid::directionFromLonLat({deg(20.0f), deg(-30.0f)})) ==
          Approx(deg(30.0f)).margin(1e-5));
    // From the north pole: the top row touches it, row 1 is 45 degrees away.
    CHECK(grid.angularDistance(grid.tileIndex({0, 2}), {0.0f, 1.0f, 0.0f}) == 0.0f);
    CHECK(grid.angularDistance(grid.tileIndex({1, 7}), {0.0f, 1.0f, 0.0f}) == Approx(deg(45.0f)).margin(1e-5));
    // Across the seam: column 0 starts at -180, one degree from lon +179.
    // Across the seam: column 0 starts at -180, one degree of longitude from lon +179, which at
    // latitude 10 is a little under one degree of arc.
    const float acrossSeam =
        grid.angularDistance(grid.tileIndex({1, 0}), TileGrid::directionFromLonLat({deg(179.0f), deg(10.0f)}));
    CHECK(acrossSeam > deg(0.98f));
    CHECK(acrossSeam < deg(1.0f));

    // Against brute force over a fine lattice of each tile's points.
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
    for (int trial = 0; trial < 40; ++trial) {
        const glm::vec3 g = glm::normalize(glm::vec3(unit(rng), unit(rng), unit(rng)));
        for (int t = 0; t < grid.tileCount(); ++t) {
            const TileBounds b = grid.bounds(t);
            float best = kPi;
            for (int j = 0; j <= 45; ++j)
                for (int i = 0; i <= 45; ++i) {
                    const glm::vec3 p = TileGrid::directionFromLonLat(
                        {b.lonMin + (b.lonMax - b.lonMin) * static_cast<float>(i) / 45.0f,
                         b.latMin + (b.latMax - b.latMin) * static_cast<float>(j) / 45.0f});
                    best = std::min(best, std::acos(std::clamp(glm::dot(p, g), -1.0f, 1.0f)));
                }
            const float exact = grid.angularDistance(t, g);
            CHECK(exact <= best + 1e-3f);             // never farther than a real point
            CHECK(exact >= best - deg(1.0f) - 1e-3f); // and the lattice is 1 degree fine
        }
    }
}

TEST_CASE("a forward view sees the expected tiles", "[video][tilegrid]") {
    const TileGrid grid(Projection::Equirect360, 8, 4);
    // 80 degrees square, looking forward: longitudes and latitudes within +-40.
    const std::set<std::pair<int, int>> expected = {{1, 3}, {1, 4}, {2, 3}, {2, 4}};
    CHECK(visibleTiles(grid, viewLookingAt(0.0f, 0.0f, 80.0f)) == expected);
    // Turned right by 45: centred on the boundary between columns 4 and 5, lon 5..85.
    CHECK(visibleTiles(grid, viewLookingAt(45.0f, 0.0f, 80.0f)) ==
          std::set<std::pair<int, int>>{{1, 4}, {1, 5}, {2, 4}, {2, 5}});
    // Looking backward straddles the seam: columns 7 and 0.
    CHECK(visibleTiles(grid, viewLookingAt(180.0f, 0.0f, 80.0f)) ==
          std::set<std::pair<int, int>>{{1, 0}, {1, 7}, {2, 0}, {2, 7}});
    // A 5-degree margin reaches the next row (lat 45 is 5 degrees above the view's top edge).
    CHECK(visibleTiles(grid, viewLookingAt(0.0f, 0.0f, 80.0f), deg(6.0f)).count({0, 4}) == 1);
    CHECK(visibleTiles(grid, viewLookingAt(0.0f, 0.0f, 80.0f), deg(3.0f)).count({0, 4}) == 0);
}

TEST_CASE("looking straight up or down sees the whole polar row", "[video][tilegrid]") {
    const TileGrid grid(Projection::Equirect360, 8, 4);
    for (float pitch : {90.0f, -90.0f}) {
        INFO("pitch " << pitch);
        const std::set<std::pair<int, int>> seen = visibleTiles(grid, viewLookingAt(0.0f, pitch, 80.0f));
        const int polarRow = pitch > 0.0f ? 0 : 3;
        const int farRow = pitch > 0.0f ? 3 : 0;
        for (int col = 0; col < 8; ++col) {
            CHECK(seen.count({polarRow, col}) == 1);
            CHECK(seen.count({farRow, col}) == 0);
            CHECK(seen.count({pitch > 0.0f ? 2 : 1, col}) == 0); // 50+ degrees from the pole
        }
    }
}

TEST_CASE("visibility is conservative and tight against a dense frustum sampling", "[video][tilegrid]") {
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> lon(-180.0f, 180.0f), lat(-90.0f, 90.0f), fov(30.0f, 110.0f);
    for (Projection projection : {Projection::Equirect360, Projection::Equirect180}) {
        const TileGrid grid(projection, 8, 4);
        for (int trial = 0; trial < 40; ++trial) {
            const EyeView view = viewLookingAt(lon(rng), lat(rng), fov(rng), 1.2f);
            const std::vector<glm::vec3> samples = frustumSamples(view, 160);
            std::set<int> hit;
            for (const glm::vec3& s : samples)
                if (const std::optional<TileCoord> tile = grid.tileFromDirection(s))
                    hit.insert(grid.tileIndex(*tile));
            for (int t = 0; t < grid.tileCount(); ++t) {
                const bool sampledInside = hit.count(t) == 1;
                const bool visible = grid.isVisible(t, view);
                INFO("trial " << trial << " tile " << t);
                if (sampledInside)
                    CHECK(visible); // no false negatives
                if (visible && !sampledInside) {
                    // False positives only right at the frustum.
                    float nearest = kPi;
                    for (const glm::vec3& s : samples)
                        nearest = std::min(nearest, grid.angularDistance(t, s));
                    CHECK(nearest < deg(2.5f));
                }
            }
        }
    }
}
