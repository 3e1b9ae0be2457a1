#include "video/TileGrid.h"

#include "core/Assert.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace xrs::video {

namespace {

constexpr float kPi = glm::pi<float>();
constexpr float kHalfPi = 0.5f * glm::pi<float>();

// Spacing of the samples isVisible() takes over a tile's patch. Finer is tighter but slower;
// 1.5 degrees keeps the over-estimate near one degree.
constexpr float kVisibilitySampleStep = 1.5f * kPi / 180.0f;

// Largest cos(angle) between `direction` (as lon/lat) and the points of one meridian arc
// lon = edgeLon, lat in [latMin, latMax]. Along a meridian, cos(angle) = A sin(lat) + B cos(lat),
// a sinusoid in lat with its peak at atan2(A, B); on an interval shorter than its period the
// maximum is at that peak when inside, else at an end.
float maxCosToMeridian(LonLat direction, float edgeLon, float latMin, float latMax) {
    const float a = std::sin(direction.lat);
    const float b = std::cos(direction.lat) * std::cos(direction.lon - edgeLon);
    const auto cosAt = [&](float lat) { return a * std::sin(lat) + b * std::cos(lat); };
    float best = std::max(cosAt(latMin), cosAt(latMax));
    const float peak = std::atan2(a, b);
    if (peak > latMin && peak < latMax)
        best = std::max(best, cosAt(peak));
    return best;
}

} // namespace

TileGrid::TileGrid(Projection projection, int cols, int rows)
    : projection_(projection), cols_(cols), rows_(rows),
      lonMin_(projection == Projection::Equirect360 ? -kPi : -kHalfPi),
      lonSpan_(projection == Projection::Equirect360 ? 2.0f * kPi : kPi) {
    XRS_EXPECT(cols > 0 && rows > 0, "tile grid needs at least one row and one column");
}

TileGrid TileGrid::fromManifest(const Manifest& manifest) {
    return TileGrid(manifest.projection, manifest.gridCols, manifest.gridRows);
}

int TileGrid::tileIndex(TileCoord coord) const {
    XRS_EXPECT(coord.row >= 0 && coord.row < rows_ && coord.col >= 0 && coord.col < cols_, "tile outside the grid");
    return coord.row * cols_ + coord.col;
}

TileCoord TileGrid::tileCoord(int tileIndex) const {
    XRS_EXPECT(tileIndex >= 0 && tileIndex < tileCount(), "tile index outside the grid");
    return {tileIndex / cols_, tileIndex % cols_};
}

LonLat TileGrid::lonLatFromDirection(glm::vec3 direction) {
    const float length = glm::length(direction);
    XRS_EXPECT(length > 0.0f, "direction must not be zero");
    const glm::vec3 d = direction / length;
    // atan2(0, 0) = 0 gives the poles longitude 0; any longitude is correct there.
    return {std::atan2(d.x, -d.z), std::asin(std::clamp(d.y, -1.0f, 1.0f))};
}

glm::vec3 TileGrid::directionFromLonLat(LonLat lonLat) {
    const float cosLat = std::cos(lonLat.lat);
    return {cosLat * std::sin(lonLat.lon), std::sin(lonLat.lat), -cosLat * std::cos(lonLat.lon)};
}

std::optional<glm::vec2> TileGrid::uvFromLonLat(LonLat lonLat) const {
    // Tolerate rounding at the edges of a 180 frame (lon a hair beyond +-pi/2).
    constexpr float kEdgeSlack = 1e-5f;
    const float u = (lonLat.lon - lonMin_) / lonSpan_;
    if (u < -kEdgeSlack || u > 1.0f + kEdgeSlack)
        return std::nullopt;
    const float v = (kHalfPi - lonLat.lat) / kPi;
    return glm::vec2(std::clamp(u, 0.0f, 1.0f), std::clamp(v, 0.0f, 1.0f));
}

LonLat TileGrid::lonLatFromUv(glm::vec2 uv) const {
    return {lonMin_ + uv.x * lonSpan_, kHalfPi - uv.y * kPi};
}

TileCoord TileGrid::tileFromUv(glm::vec2 uv) const {
    const int col = std::clamp(static_cast<int>(std::floor(uv.x * static_cast<float>(cols_))), 0, cols_ - 1);
    const int row = std::clamp(static_cast<int>(std::floor(uv.y * static_cast<float>(rows_))), 0, rows_ - 1);
    return {row, col};
}

std::optional<TileCoord> TileGrid::tileFromDirection(glm::vec3 direction) const {
    const std::optional<glm::vec2> uv = uvFromLonLat(lonLatFromDirection(direction));
    if (!uv)
        return std::nullopt;
    return tileFromUv(*uv);
}

glm::ivec2 TileGrid::texelFromUv(glm::vec2 uv, glm::ivec2 frameSize) {
    XRS_EXPECT(frameSize.x > 0 && frameSize.y > 0, "frame size must be positive");
    const int x = static_cast<int>(std::floor(uv.x * static_cast<float>(frameSize.x)));
    const int y = static_cast<int>(std::floor(uv.y * static_cast<float>(frameSize.y)));
    return {std::clamp(x, 0, frameSize.x - 1), std::clamp(y, 0, frameSize.y - 1)};
}

TileBounds TileGrid::bounds(int tileIndex) const {
    const TileCoord c = tileCoord(tileIndex);
    const float colSpan = lonSpan_ / static_cast<float>(cols_);
    const float rowSpan = kPi / static_cast<float>(rows_);
    TileBounds b;
    b.lonMin = lonMin_ + static_cast<float>(c.col) * colSpan;
    b.lonMax = lonMin_ + static_cast<float>(c.col + 1) * colSpan;
    b.latMax = kHalfPi - static_cast<float>(c.row) * rowSpan;
    b.latMin = kHalfPi - static_cast<float>(c.row + 1) * rowSpan;
    return b;
}

glm::vec3 TileGrid::centreDirection(int tileIndex) const {
    const TileBounds b = bounds(tileIndex);
    return directionFromLonLat({0.5f * (b.lonMin + b.lonMax), 0.5f * (b.latMin + b.latMax)});
}

float TileGrid::solidAngle(int tileIndex) const {
    const TileBounds b = bounds(tileIndex);
    return (b.lonMax - b.lonMin) * (std::sin(b.latMax) - std::sin(b.latMin));
}

float TileGrid::angularDistance(int tileIndex, glm::vec3 direction) const {
    const TileBounds b = bounds(tileIndex);
    const LonLat g = lonLatFromDirection(direction);
    // Within the tile's longitudes the nearest point shares the direction's meridian, and no
    // point can be closer than the latitude difference.
    if (g.lon >= b.lonMin && g.lon <= b.lonMax)
        return std::max(0.0f, std::max(b.latMin - g.lat, g.lat - b.latMax));
    // Otherwise it lies on one of the two bounding meridians: along a parallel, cos(angle)
    // only grows as the longitude difference shrinks.
    const float bestCos = std::max(maxCosToMeridian(g, b.lonMin, b.latMin, b.latMax),
                                   maxCosToMeridian(g, b.lonMax, b.latMin, b.latMax));
    return std::acos(std::clamp(bestCos, -1.0f, 1.0f));
}

bool TileGrid::isVisible(int tileIndex, const EyeView& view, float marginRad) const {
    const Fov& fov = view.fov;
    const glm::quat& q = view.pose.orientation;

    // Quick rejection: the frustum lies within the cone around its axis that reaches its
    // farthest corner.
    const glm::vec3 axis = q * glm::vec3(0.0f, 0.0f, -1.0f);
    float coneHalfAngle = 0.0f;
    for (float tx : {std::tan(fov.angleLeft), std::tan(fov.angleRight)})
        for (float ty : {std::tan(fov.angleDown), std::tan(fov.angleUp)})
            coneHalfAngle = std::max(coneHalfAngle, std::acos(1.0f / std::sqrt(1.0f + tx * tx + ty * ty)));
    if (angularDistance(tileIndex, axis) > coneHalfAngle + marginRad)
        return false;

    // Inward normals of the four side planes (in view space a point is inside when, e.g.,
    // x / -z >= tan(angleLeft)), rotated to the reference space.
    const std::array<glm::vec3, 4> normals = {
        q * glm::vec3(std::cos(fov.angleLeft), 0.0f, std::sin(fov.angleLeft)),
        q * glm::vec3(-std::cos(fov.angleRight), 0.0f, -std::sin(fov.angleRight)),
        q * glm::vec3(0.0f, std::cos(fov.angleDown), std::sin(fov.angleDown)),
        q * glm::vec3(0.0f, -std::cos(fov.angleUp), -std::sin(fov.angleUp)),
    };

    // Sample the patch on a lon/lat lattice. Every point of the patch is within `cellRadius`
    // (an angle, hence also a chord bound) of a sample, so a point inside the frustum (widened
    // by the margin) has a sample that passes the test widened by cellRadius.
    const TileBounds b = bounds(tileIndex);
    const int lonSamples = std::max(2, static_cast<int>(std::ceil((b.lonMax - b.lonMin) / kVisibilitySampleStep)) + 1);
    const int latSamples = std::max(2, static_cast<int>(std::ceil((b.latMax - b.latMin) / kVisibilitySampleStep)) + 1);
    const float lonStep = (b.lonMax - b.lonMin) / static_cast<float>(lonSamples - 1);
    const float latStep = (b.latMax - b.latMin) / static_cast<float>(latSamples - 1);
    const float cellRadius = 0.5f * std::sqrt(lonStep * lonStep + latStep * latStep);
    const float threshold = -std::sin(std::min(marginRad, kHalfPi)) - cellRadius;

    for (int j = 0; j < latSamples; ++j) {
        const float lat = b.latMin + static_cast<float>(j) * latStep;
        for (int i = 0; i < lonSamples; ++i) {
            const glm::vec3 d = directionFromLonLat({b.lonMin + static_cast<float>(i) * lonStep, lat});
            bool inside = true;
            for (const glm::vec3& n : normals)
                inside = inside && glm::dot(n, d) >= threshold;
            if (inside)
                return true;
        }
    }
    return false;
}

} // namespace xrs::video
