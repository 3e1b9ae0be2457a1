#include "scene/SceneComposition.h"

#include <iterator>
#include <utility>

namespace xrs::scene {
namespace {

template <class T>
void appendMoved(std::vector<T>& to, std::vector<T>& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

void shiftSlot(std::optional<TextureSlot>& slot, std::uint32_t textureOffset) {
    if (slot) slot->texture += textureOffset;
}

} // namespace

Scene composeScenes(std::vector<PlacedScene> models) {
    Scene composed;
    composed.nodes.push_back(Node{.name = "composition"});
    composed.root = 0;
    for (std::size_t index = 0; index < models.size(); ++index) {
        PlacedScene& placed = models[index];
        Scene& model = placed.scene;
        const auto nodeOffset = static_cast<std::uint32_t>(composed.nodes.size());
        const auto meshOffset = static_cast<std::uint32_t>(composed.meshes.size());
        const auto materialOffset = static_cast<std::uint32_t>(composed.materials.size());
        const auto textureOffset = static_cast<std::uint32_t>(composed.textures.size());
        const auto cameraOffset = static_cast<std::uint32_t>(composed.cameras.size());
        const auto lightOffset = static_cast<std::uint32_t>(composed.lights.size());

        for (Node& node : model.nodes) {
            node.placedModel = static_cast<std::uint32_t>(index + 1);
            if (node.parent) *node.parent += nodeOffset;
            for (auto& child : node.children) child += nodeOffset;
            for (auto& mesh : node.meshes) mesh += meshOffset;
            if (node.camera) *node.camera += cameraOffset;
            if (node.light) *node.light += lightOffset;
        }
        for (Mesh& mesh : model.meshes) mesh.material += materialOffset;
        for (Material& material : model.materials) {
            shiftSlot(material.baseColorTexture, textureOffset);
            shiftSlot(material.metallicRoughnessTexture, textureOffset);
            shiftSlot(material.normalTexture, textureOffset);
            shiftSlot(material.occlusionTexture, textureOffset);
            shiftSlot(material.emissiveTexture, textureOffset);
        }
        for (Camera& camera : model.cameras) camera.node += nodeOffset;
        for (Light& light : model.lights) light.node += nodeOffset;

        if (!model.nodes.empty()) {
            // The model's root keeps its own transform, under the placement.
            Node& root = model.nodes[model.root];
            root.localTransform = placed.placement * root.localTransform;
            root.parent = 0;
            composed.nodes[0].children.push_back(model.root + nodeOffset);
        }
        appendMoved(composed.nodes, model.nodes);
        appendMoved(composed.meshes, model.meshes);
        appendMoved(composed.materials, model.materials);
        appendMoved(composed.textures, model.textures);
        appendMoved(composed.cameras, model.cameras);
        appendMoved(composed.lights, model.lights);
        appendMoved(composed.warnings, model.warnings);
        if (composed.sourcePath.empty()) composed.sourcePath = model.sourcePath;
    }
    return composed;
}

} // namespace xrs::scene
