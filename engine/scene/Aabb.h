#pragma once
// Axis-aligned bounding box. Starts empty (min = +inf, max = -inf) so that extending an empty box
// by a point yields exactly that point; empty() tells the renderer not to frame an empty scene.
#include <glm/glm.hpp>

#include <limits>

namespace xrs::scene {

struct Aabb {
    glm::vec3 min{std::numeric_limits<float>::infinity()};
    glm::vec3 max{-std::numeric_limits<float>::infinity()};

    bool empty() const { return min.x > max.x || min.y > max.y || min.z > max.z; }
    glm::vec3 center() const { return (min + max) * 0.5f; }
    glm::vec3 extent() const { return max - min; }

    void extend(const glm::vec3& point) {
        min = glm::min(min, point);
        max = glm::max(max, point);
    }
    void extend(const Aabb& other) {
        if (other.empty()) return;
        extend(other.min);
        extend(other.max);
    }

    // Bounds of this box after an affine transform (all eight corners, so rotation is exact
    // for the box, conservative for its contents).
    Aabb transformed(const glm::mat4& transform) const {
        Aabb result;
        if (empty()) return result;
        for (int corner = 0; corner < 8; ++corner) {
            const glm::vec3 local{(corner & 1) ? max.x : min.x, (corner & 2) ? max.y : min.y,
                                  (corner & 4) ? max.z : min.z};
            result.extend(glm::vec3(transform * glm::vec4(local, 1.0f)));
        }
        return result;
    }
};

} // namespace xrs::scene
