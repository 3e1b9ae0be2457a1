#include "render/Lighting.h"

#include "scene/Scene.h"

#include <algorithm>

namespace xrs::render {

Lighting lightingFor(const scene::Scene& scene) {
    Lighting lighting;
    const auto world = scene::computeWorldTransforms(scene);
    for (const auto& light : scene.lights) {
        if (light.type != scene::LightType::Directional || light.node >= world.size()) continue;
        const glm::vec3 direction = glm::vec3(world[light.node] * glm::vec4(0, 0, -1, 0));
        if (glm::length(direction) < 1e-6f) continue;
        lighting.lightDirection = glm::normalize(direction);
        lighting.lightColor = light.color;
        // Our exposure is fixed for interiors and daylight alike, so map glTF lux loosely into
        // the range where the default sun (3.0) sits: 1 lux -> 1.0, clamped to stay displayable.
        lighting.lightIntensity = std::clamp(light.intensity, 0.0f, 10.0f);
        break;
    }
    return lighting;
}

} // namespace xrs::render
