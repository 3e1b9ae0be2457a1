#include "player/LabelDeclutter.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace xrs::player {
namespace {

// A label's extent in angles about the head's axes: centre (azimuth, elevation) and half sizes,
// radians. Labels near each other are small angles apart, where this is a faithful map.
struct AngularRect {
    float azimuth = 0.0f;
    float elevation = 0.0f;
    float halfWidth = 0.0f;
    float halfHeight = 0.0f;
    float ahead = 0.0f; // angle from the line of sight to the centre
};

AngularRect angularRect(const render::WorldQuad& quad, const Pose& head, float paddingFraction) {
    const glm::vec3 forward = head.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    const glm::vec3 right = head.orientation * glm::vec3(1.0f, 0.0f, 0.0f);
    const glm::vec3 up = head.orientation * glm::vec3(0.0f, 1.0f, 0.0f);
    const glm::vec3 toCentre = quad.center - head.position;
    const float distance = std::max(glm::length(toCentre), 1e-3f);
    const glm::vec3 direction = toCentre / distance;
    AngularRect rect;
    rect.azimuth = std::atan2(glm::dot(direction, right), glm::dot(direction, forward));
    rect.elevation = std::asin(std::clamp(glm::dot(direction, up), -1.0f, 1.0f));
    const float halfHeight = glm::length(quad.halfUp);
    rect.halfWidth = std::atan((glm::length(quad.halfRight) + paddingFraction * halfHeight) / distance);
    rect.halfHeight = std::atan(halfHeight * (1.0f + paddingFraction) / distance);
    rect.ahead = std::acos(std::clamp(glm::dot(direction, forward), -1.0f, 1.0f));
    return rect;
}

bool overlap(const AngularRect& a, const AngularRect& b) {
    return std::abs(a.azimuth - b.azimuth) < a.halfWidth + b.halfWidth &&
           std::abs(a.elevation - b.elevation) < a.halfHeight + b.halfHeight;
}

} // namespace

std::vector<bool> declutterLabels(std::span<const LabelCandidate> labels, const Pose& head, float paddingFraction) {
    std::vector<AngularRect> rects;
    rects.reserve(labels.size());
    for (const LabelCandidate& label : labels) rects.push_back(angularRect(label.quad, head, paddingFraction));
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Pinned first, then hovered, then nearest the line of sight.
    const auto rank = [&](std::size_t i) { return labels[i].pinned ? 0 : labels[i].hovered ? 1 : 2; };
    const auto pinned = [&](std::size_t i) { return rank(i) < 2; };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (rank(a) != rank(b)) return rank(a) < rank(b);
        return rects[a].ahead < rects[b].ahead;
    });
    std::vector<bool> shown(labels.size(), false);
    std::vector<std::size_t> taken;
    for (std::size_t i : order) {
        const bool clear = std::none_of(taken.begin(), taken.end(), [&](std::size_t t) { return overlap(rects[i], rects[t]); });
        if (!clear && !pinned(i)) continue;
        shown[i] = true;
        taken.push_back(i);
    }
    return shown;
}

} // namespace xrs::player
