#include "player/SceneLighting.h"

namespace xrs::player {

render::Lighting lightingFor(const experience::Scene& scene, const scene::Scene& model) {
    render::Lighting lighting = render::lightingFor(model);
    if (!scene.lighting) return lighting;
    const experience::Lighting& source = *scene.lighting;
    if (source.sun) {
        lighting.lightDirection = glm::normalize(glm::vec3(source.sun->direction));
        if (source.sun->color) lighting.lightColor = glm::vec3(*source.sun->color);
        if (source.sun->intensity) lighting.lightIntensity = static_cast<float>(*source.sun->intensity);
    }
    if (source.sky) {
        if (source.sky->zenith) lighting.skyZenith = glm::vec3(*source.sky->zenith);
        if (source.sky->horizon) lighting.skyHorizon = glm::vec3(*source.sky->horizon);
        if (source.sky->ground) lighting.groundColor = glm::vec3(*source.sky->ground);
    }
    if (source.exposure) lighting.exposure = static_cast<float>(*source.exposure);
    return lighting;
}

} // namespace xrs::player
