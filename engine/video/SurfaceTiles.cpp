#include "video/SurfaceTiles.h"

#include "core/Assert.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace xrs::video {
namespace {

constexpr float kMinDistance = 0.05f; // metres: closer than this counts as this close

float angleBetween(glm::vec3 a, glm::vec3 b) {
    return std::acos(std::clamp(glm::dot(glm::normalize(a), glm::normalize(b)), -1.0f, 1.0f));
}

// Whether every point lies outside one plane of the view's frustum (widened by `margin`): then
// the quad they span cannot be seen. The planes pass through the eye, so this also rejects
// anything behind it (fov half-angles stay below 90 degrees).
bool outsideFrustum(const EyeView& view, std::span<const glm::vec3> worldPoints, float margin) {
    const glm::quat toEye = glm::conjugate(view.pose.orientation);
    std::array<glm::vec3, 4> p{};
    for (std::size_t i = 0; i < worldPoints.size() && i < p.size(); ++i)
        p[i] = toEye * (worldPoints[i] - view.pose.position);
    const float left = view.fov.angleLeft - margin, right = view.fov.angleRight + margin;
    const float up = view.fov.angleUp + margin, down = view.fov.angleDown - margin;
    const auto allOutside = [&](auto outside) { return std::all_of(p.begin(), p.end(), outside); };
    return allOutside([&](glm::vec3 q) { return q.x * std::cos(right) + q.z * std::sin(right) > 0.0f; }) ||
           allOutside([&](glm::vec3 q) { return q.x * std::cos(left) + q.z * std::sin(left) < 0.0f; }) ||
           allOutside([&](glm::vec3 q) { return q.y * std::cos(up) + q.z * std::sin(up) > 0.0f; }) ||
           allOutside([&](glm::vec3 q) { return q.y * std::cos(down) + q.z * std::sin(down) < 0.0f; });
}

} // namespace

SurfaceTiles::SurfaceTiles(SurfacePlacement placement, int cols, int rows, int finestWidth, float visibilityMarginDeg)
    : placement_(placement), cols_(cols), rows_(rows),
      texelMetres_(glm::length(placement.uAxis) / static_cast<float>(finestWidth)),
      marginRad_(glm::radians(visibilityMarginDeg)), sights_(static_cast<std::size_t>(cols * rows)) {
    XRS_EXPECT(cols > 0 && rows > 0 && finestWidth > 0, "a surface needs tiles and pixels");
    XRS_EXPECT(glm::length(glm::cross(placement.uAxis, placement.vAxis)) > 1e-8f, "the surface must have an area");
}

glm::vec3 SurfaceTiles::pointAt(glm::vec2 uv) const {
    return placement_.origin + uv.x * placement_.uAxis + uv.y * placement_.vAxis;
}

glm::vec2 SurfaceTiles::uvOfPoint(glm::vec3 point) const {
    const glm::vec3 d = point - placement_.origin;
    const glm::vec3 u = placement_.uAxis, v = placement_.vAxis;
    const glm::mat2 gram(glm::dot(u, u), glm::dot(u, v), glm::dot(u, v), glm::dot(v, v));
    return glm::inverse(gram) * glm::vec2(glm::dot(d, u), glm::dot(d, v));
}

glm::vec2 SurfaceTiles::tileUv(int tile, glm::vec2 within) const {
    const glm::vec2 cell(static_cast<float>(tile % cols_), static_cast<float>(tile / cols_));
    return (cell + within) / glm::vec2(static_cast<float>(cols_), static_cast<float>(rows_));
}

glm::vec2 SurfaceTiles::clampToTile(glm::vec2 uv, int tile) const {
    return glm::clamp(uv, tileUv(tile, {0.0f, 0.0f}), tileUv(tile, {1.0f, 1.0f}));
}

SurfaceTiles::Viewer SurfaceTiles::viewerOf(const SurfaceView& view) const {
    XRS_EXPECT(!view.eyes.empty(), "a surface needs at least one view");
    Viewer viewer{view.head.position,
                  glm::normalize(view.gazeDirection ? *view.gazeDirection
                                                    : view.head.orientation * glm::vec3(0.0f, 0.0f, -1.0f)),
                  std::nullopt, uvOfPoint(view.head.position)};
    // Where the gaze meets the image's plane (if in front).
    const glm::vec3 normal = glm::normalize(glm::cross(placement_.uAxis, placement_.vAxis));
    if (const float along = glm::dot(viewer.gaze, normal); std::abs(along) > 1e-6f) {
        const float t = glm::dot(placement_.origin - viewer.eye, normal) / along;
        if (t > 0.0f) viewer.gazeUv = uvOfPoint(viewer.eye + t * viewer.gaze);
    }
    return viewer;
}

void SurfaceTiles::measure(TileSight& sight, int tile, std::span<const glm::vec3, 4> corners, const Viewer& viewer) const {
    // Eccentricity: the gaze's nearest candidate point of the tile (where the gaze meets the
    // plane, clamped into the tile, its corners and centre).
    float eccentricity = angleBetween(viewer.gaze, pointAt(tileUv(tile, {0.5f, 0.5f})) - viewer.eye);
    for (const glm::vec3& corner : corners)
        eccentricity = std::min(eccentricity, angleBetween(viewer.gaze, corner - viewer.eye));
    if (viewer.gazeUv)
        eccentricity = std::min(eccentricity, angleBetween(viewer.gaze, pointAt(clampToTile(*viewer.gazeUv, tile)) - viewer.eye));
    sight.eccentricityRad = eccentricity;
    // Seen from its nearest point, a texel of edge s at distance d spans s / d radians.
    const float distance = std::max(kMinDistance, glm::length(pointAt(clampToTile(viewer.eyeUv, tile)) - viewer.eye));
    sight.finestTexelsPerRadian = distance / texelMetres_;
}

const std::vector<TileSight>& SurfaceTiles::see(const SurfaceView& view, const SurfaceView* ahead) {
    const Viewer now = viewerOf(view);
    const std::optional<Viewer> later = ahead ? std::optional(viewerOf(*ahead)) : std::nullopt;
    const auto seenBy = [&](std::span<const EyeView> eyes, std::span<const glm::vec3, 4> corners) {
        return std::any_of(eyes.begin(), eyes.end(),
                           [&](const EyeView& eyeView) { return !outsideFrustum(eyeView, corners, marginRad_); });
    };
    for (int tile = 0; tile < tileCount(); ++tile) {
        TileSight& sight = sights_[static_cast<std::size_t>(tile)];
        const std::array<glm::vec3, 4> corners = {
            pointAt(tileUv(tile, {0.0f, 0.0f})), pointAt(tileUv(tile, {1.0f, 0.0f})),
            pointAt(tileUv(tile, {1.0f, 1.0f})), pointAt(tileUv(tile, {0.0f, 1.0f}))};
        sight.visible = seenBy(view.eyes, corners);
        sight.comingIntoView = !sight.visible && later.has_value() && seenBy(ahead->eyes, corners);
        // A tile coming into view is described as the viewer will see it.
        measure(sight, tile, corners, sight.comingIntoView ? *later : now);
    }
    return sights_;
}

} // namespace xrs::video
