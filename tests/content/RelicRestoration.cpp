#include "RelicRestoration.h"

#include "ExperienceFolder.h"

#include "scene/SceneComposition.h"
#include "scene/SceneImporter.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

namespace xrs::test {

std::filesystem::path relicRestorationFolder() { return experienceFolder("relic-restoration"); }

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

} // namespace xrs::test
