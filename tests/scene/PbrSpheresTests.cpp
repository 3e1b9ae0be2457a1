// tests/data/scenes/pbr_spheres.gltf (tools/content/make_pbr_spheres.py): the PBR golden scene.
#include "SceneTestSupport.h"

#include "core/Paths.h"
#include "scene/SceneImporter.h"

using namespace xrs::scene;

TEST_CASE("pbr_spheres.gltf: 5 x 5 spheres varying metallic by row and roughness by column", "[scene]") {
    const auto path = xrs::sourceDirectory() / "tests/data/scenes/pbr_spheres.gltf";
    CHECK(std::filesystem::file_size(path) < 50 * 1024);
    auto imported = importScene(path);
    if (!imported) FAIL(imported.error().message);
    const Scene& scene = *imported;
    xrs::scene::test::requireRendererInvariants(scene);
    REQUIRE(scene.meshes.size() == 25);
    REQUIRE(scene.materials.size() == 25);
    REQUIRE(scene.cameras.size() == 1);
    REQUIRE(scene.lights.size() == 1);

    const auto world = computeWorldTransforms(scene);
    for (const DrawItem& item : buildDrawList(scene)) {
        const Mesh& sphere = scene.meshes[item.mesh];
        const Material& material = scene.materials[sphere.material];
        INFO(sphere.name);
        // 17 x 33 grid (seam and poles duplicated) minus the two pole corners no triangle uses, which
        // Assimp's JoinIdenticalVertices drops.
        CHECK(sphere.vertices.size() == 17 * 33 - 2);
        CHECK(sphere.indices.size() == 32 * 30 * 3);
        const glm::vec3 center(item.world[3]);
        const float column = center.x + 2.0f; // 0..4
        const float row = center.y + 2.0f;
        CHECK(material.metallicFactor == Approx(row / 4.0f));
        CHECK(material.roughnessFactor == Approx(0.1f + 0.9f * column / 4.0f));
        CHECK(material.baseColorFactor == glm::vec4(0.9f, 0.45f, 0.3f, 1.0f));
    }
    const Aabb bounds = computeWorldBounds(scene);
    CHECK(bounds.min.x == Approx(-2.4f));
    CHECK(bounds.max.y == Approx(2.4f));
    CHECK(glm::vec3(world[scene.cameras[0].node][3]) == glm::vec3(0.0f, 0.0f, 7.0f));
}
