#pragma once
// The lighting environment of a frame: one directional light ("the sun") and a sky/ground
// hemisphere that both lights the scene (ambient) and is drawn behind it.
#include <glm/glm.hpp>

namespace xrs::scene {
struct Scene;
}

namespace xrs::render {

struct Lighting {
    glm::vec3 lightDirection = glm::normalize(glm::vec3(-0.4f, -1.0f, -0.6f)); // travel direction
    glm::vec3 lightColor{1.0f, 0.96f, 0.9f};
    float lightIntensity = 3.0f;
    glm::vec3 skyZenith{0.22f, 0.42f, 0.85f};
    glm::vec3 skyHorizon{0.70f, 0.78f, 0.88f};
    glm::vec3 groundColor{0.25f, 0.22f, 0.20f};
    float exposure = 1.0f;
};

// Default lighting, with the direction and colour of the scene's first directional light when
// it has one (glTF KHR_lights_punctual intensities are in lux; they are scaled to our exposure).
Lighting lightingFor(const scene::Scene& scene);

} // namespace xrs::render
