#include "render/Framing.h"

#include <glm/gtc/matrix_transform.hpp>
#define GLM_ENABLE_EXPERIMENTAL // matrix_decompose lives in gtx
#include <glm/gtx/matrix_decompose.hpp>

#include <algorithm>
#include <cmath>

namespace xrs::render {

Pose framingPose(const scene::Aabb& bounds, float horizontalFov, float verticalFov) {
    if (bounds.empty()) return lookAtPose({0.0f, 1.6f, 3.0f}, {0.0f, 1.6f, 0.0f});
    const glm::vec3 center = bounds.center();
    const float radius = std::max(0.5f * glm::length(bounds.extent()), 1e-3f);
    // The bounding sphere must fit the narrower half-angle; 10% margin.
    const float halfAngle = 0.5f * std::min(horizontalFov, verticalFov);
    const float distance = 1.1f * radius / std::sin(halfAngle);
    // From the front, a little right and clearly above, so box-like models show three faces.
    const glm::vec3 direction = glm::normalize(glm::vec3(0.5f, 0.7f, 1.0f));
    return lookAtPose(center + direction * distance, center);
}

std::optional<Pose> sceneCameraPose(const scene::Scene& scene) {
    const auto world = scene::computeWorldTransforms(scene);
    for (const auto& camera : scene.cameras) {
        if (camera.orthographic || camera.node >= world.size()) continue;
        glm::vec3 scale, translation, skew;
        glm::vec4 perspective;
        glm::quat rotation;
        if (!glm::decompose(world[camera.node], scale, rotation, translation, skew, perspective))
            continue;
        return Pose{glm::normalize(rotation), translation};
    }
    return std::nullopt;
}

} // namespace xrs::render
