// Several models composed into one scene (an experience's 6DoF scene): indices shifted, each
// model under its placement, nothing lost.
#include "SceneTestSupport.h"

#include "scene/SceneComposition.h"

#include <glm/gtc/matrix_transform.hpp>

using namespace xrs::scene;

namespace {

// A root node drawing one triangle mesh with one textured material, a child node with a light.
Scene texturedModel(const std::string& name, float x) {
    Scene scene;
    Mesh mesh;
    mesh.name = name;
    for (int i = 0; i < 3; ++i) {
        Vertex v;
        v.position = {x + static_cast<float>(i), 0.0f, 0.0f};
        mesh.bounds.extend(v.position);
        mesh.vertices.push_back(v);
    }
    mesh.indices = {0, 1, 2};
    scene.meshes.push_back(mesh);
    Material material;
    material.baseColorTexture = TextureSlot{0, 0};
    material.normalTexture = TextureSlot{1, 0};
    scene.materials.push_back(material);
    scene.textures.resize(2);
    scene.textures[0].name = name + " colour";
    scene.textures[1].name = name + " normal";
    Light light;
    light.node = 1;
    scene.lights.push_back(light);
    Node root;
    root.name = name;
    root.meshes = {0};
    root.children = {1};
    Node lamp;
    lamp.name = name + " lamp";
    lamp.parent = 0;
    lamp.light = 0;
    scene.nodes = {root, lamp};
    return scene;
}

} // namespace

TEST_CASE("composeScenes shifts every index and places each model", "[scene]") {
    std::vector<PlacedScene> models;
    models.push_back({texturedModel("a", 0.0f), glm::mat4(1.0f)});
    models.push_back({texturedModel("b", 0.0f), glm::translate(glm::mat4(1.0f), glm::vec3(0, 0, -5))});
    const Scene composed = composeScenes(std::move(models));

    REQUIRE(composed.nodes.size() == 5);
    REQUIRE(composed.meshes.size() == 2);
    REQUIRE(composed.materials.size() == 2);
    REQUIRE(composed.textures.size() == 4);
    REQUIRE(composed.lights.size() == 2);
    CHECK(composed.nodes[0].children == std::vector<std::uint32_t>{1, 3});
    // The second model's nodes, meshes, materials, textures and lights point at its own copies.
    const Node& bRoot = composed.nodes[3];
    CHECK(bRoot.name == "b");
    CHECK(bRoot.parent == 0u);
    CHECK(bRoot.meshes == std::vector<std::uint32_t>{1});
    CHECK(bRoot.children == std::vector<std::uint32_t>{4});
    CHECK(composed.nodes[4].parent == 3u);
    CHECK(composed.nodes[4].light == 1u);
    CHECK(composed.lights[1].node == 4u);
    CHECK(composed.meshes[1].material == 1u);
    CHECK(composed.materials[1].baseColorTexture->texture == 2u);
    CHECK(composed.materials[1].normalTexture->texture == 3u);
    CHECK(composed.textures[2].name == "b colour");
    // Each node remembers which placed model it came from (1-based; 0 for the root).
    std::vector<std::uint32_t> placedModels;
    for (const Node& node : composed.nodes) placedModels.push_back(node.placedModel);
    CHECK(placedModels == std::vector<std::uint32_t>{0, 1, 1, 2, 2});

    // Placement: b's triangle moved 5 m forward, a's where it was.
    const auto draws = buildDrawList(composed);
    REQUIRE(draws.size() == 2);
    CHECK(draws[0].world[3][2] == Approx(0.0f));
    CHECK(draws[1].world[3][2] == Approx(-5.0f));
    const Aabb bounds = computeWorldBounds(composed);
    CHECK(bounds.min.z == Approx(-5.0f));
    CHECK(bounds.max.x == Approx(2.0f));
}

TEST_CASE("composeScenes of nothing is a scene with only a root", "[scene]") {
    const Scene composed = composeScenes({});
    REQUIRE(composed.nodes.size() == 1);
    CHECK(buildDrawList(composed).empty());
}
