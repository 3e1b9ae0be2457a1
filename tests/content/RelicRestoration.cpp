#include "RelicRestoration.h"

#include "player/SceneLighting.h"

#include "core/Paths.h"
#include "scene/SceneComposition.h"
#include "scene/SceneImporter.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <cmath>
#include <cstdlib>

namespace xrs::test {

std::filesystem::path relicRestorationFolder() {
    const char* source = std::getenv("XRS_SOURCE_DIR");
    const std::filesystem::path root = source != nullptr && *source != '\0' ? std::filesystem::path(source)
                                                                            : sourceDirectory();
    return root / "experiences" / "relic-restoration";
}

std::string modelPathIn(const experience::Model& model, const ModelStates& states) {
    if (!model.id) return model.path;
    const auto wanted = states.find(*model.id);
    if (wanted == states.end()) return model.path;
    for (const auto& state : model.states)
        if (state.id == wanted->second) return state.path;
    FAIL("model '" << *model.id << "' has no state '" << wanted->second << "'");
    return model.path;
}

scene::Scene composeRelicScene(const experience::Experience& experience, const experience::Scene& scene,
                               const ModelStates& states) {
    std::vector<scene::PlacedScene> placed;
    for (const auto& model : scene.models) {
        const auto file = experience.folder / modelPathIn(model, states);
        auto imported = scene::importScene(file);
        INFO(file.string() << ": " << (imported.ok() ? std::string() : imported.error().message));
        REQUIRE(imported.ok());
        // As the runtime places a model: translate, then turn about +Y, then scale.
        glm::mat4 placement(1.0f);
        if (model.position) placement = glm::translate(placement, glm::vec3(*model.position));
        if (model.yawDegrees)
            placement = glm::rotate(placement, glm::radians(static_cast<float>(*model.yawDegrees)), {0, 1, 0});
        if (model.scale) placement = glm::scale(placement, glm::vec3(static_cast<float>(*model.scale)));
        placed.push_back({std::move(*imported), placement});
    }
    return scene::composeScenes(std::move(placed));
}

render::Lighting relicLighting(const experience::Scene& scene, const scene::Scene& model) {
    return player::lightingFor(scene, model); // what the runtime's SceneStage does
}

Pose relicHeadPose(const experience::View& view) {
    constexpr double kEyeHeight = 1.6;
    const glm::dvec3 feet = view.position.value_or(glm::dvec3(0.0));
    const double yaw = glm::radians(view.yawDegrees.value_or(0.0));
    const double pitch = glm::radians(view.pitchDegrees.value_or(0.0));
    // yaw 0 looks down -Z, positive turns left (docs/experience-format.md).
    const glm::dvec3 forward{-std::sin(yaw) * std::cos(pitch), std::sin(pitch), -std::cos(yaw) * std::cos(pitch)};
    const glm::vec3 eye = glm::vec3(feet + glm::dvec3(0.0, kEyeHeight, 0.0));
    return lookAtPose(eye, eye + glm::vec3(forward));
}

} // namespace xrs::test
