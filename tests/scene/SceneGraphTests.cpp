// World transforms, bounds and draw list on hand-built scenes (no file I/O).
#include "SceneTestSupport.h"

#include <glm/gtc/matrix_transform.hpp>

using namespace xrs::scene;

namespace {

Mesh unitCube() {
    Mesh mesh;
    mesh.name = "cube";
    for (int corner = 0; corner < 8; ++corner) {
        Vertex vertex;
        vertex.position = {(corner & 1) ? 0.5f : -0.5f, (corner & 2) ? 0.5f : -0.5f, (corner & 4) ? 0.5f : -0.5f};
        mesh.bounds.extend(vertex.position);
        mesh.vertices.push_back(vertex);
    }
    mesh.indices = {0, 1, 2};
    return mesh;
}

// root -> mover (translate x+10) -> scaler (scale 2, draws the cube); root also draws the cube.
Scene twoLevelScene() {
    Scene scene;
    scene.meshes.push_back(unitCube());
    scene.materials.emplace_back();
    Node root;
    root.name = "root";
    root.children = {1};
    root.meshes = {0};
    Node mover;
    mover.name = "mover";
    mover.parent = 0;
    mover.localTransform = glm::translate(glm::mat4(1.0f), glm::vec3(10, 0, 0));
    mover.children = {2};
    Node scaler;
    scaler.name = "scaler";
    scaler.parent = 1;
    scaler.localTransform = glm::scale(glm::mat4(1.0f), glm::vec3(2.0f));
    scaler.meshes = {0};
    scene.nodes = {root, mover, scaler};
    return scene;
}

} // namespace

TEST_CASE("World transforms compose parent before child", "[scene]") {
    const Scene scene = twoLevelScene();
    const auto world = computeWorldTransforms(scene);
    REQUIRE(world.size() == 3);
    const glm::vec3 corner = glm::vec3(world[2] * glm::vec4(0.5f, 0.5f, 0.5f, 1.0f));
    CHECK(corner == glm::vec3(11.0f, 1.0f, 1.0f));
}

TEST_CASE("Draw list and world bounds cover every mesh instance", "[scene]") {
    const Scene scene = twoLevelScene();
    const auto draws = buildDrawList(scene);
    REQUIRE(draws.size() == 2);
    CHECK(draws[0].node == 0);
    CHECK(draws[1].node == 2);
    CHECK(draws[1].world[3] == glm::vec4(10, 0, 0, 1));
    const Aabb bounds = computeWorldBounds(scene);
    CHECK(bounds.min == glm::vec3(-0.5f, -1.0f, -1.0f));
    CHECK(bounds.max == glm::vec3(11.0f, 1.0f, 1.0f));
}

TEST_CASE("A cycle or shared child in a hand-built hierarchy terminates and places nodes once", "[scene]") {
    Scene scene = twoLevelScene();
    scene.nodes[2].children = {0, 1}; // back edges to root and to mover
    scene.nodes[0].children.push_back(2); // shared child: scaler reached from root and from mover
    Node orphan;
    orphan.localTransform = glm::translate(glm::mat4(1.0f), glm::vec3(5, 5, 5));
    scene.nodes.push_back(orphan); // unreachable from the root

    const auto world = computeWorldTransforms(scene);
    CHECK(world[2][3] == glm::vec4(10, 0, 0, 1)); // first placement (through mover) wins
    CHECK(world[3] == glm::mat4(1.0f));          // not under the root: identity
    CHECK(buildDrawList(scene).size() == 2);      // root's cube and scaler's cube, once each
}

TEST_CASE("Empty scenes give empty bounds and no draws", "[scene]") {
    Scene scene;
    CHECK(computeWorldTransforms(scene).empty());
    CHECK(buildDrawList(scene).empty());
    CHECK(computeWorldBounds(scene).empty());
    scene.nodes.emplace_back();
    CHECK(computeWorldBounds(scene).empty());
}

TEST_CASE("Aabb transform is exact for rotated boxes", "[scene]") {
    Aabb box;
    box.extend(glm::vec3(0, 0, 0));
    box.extend(glm::vec3(2, 1, 1));
    const Aabb rotated = box.transformed(glm::rotate(glm::mat4(1.0f), glm::radians(90.0f), glm::vec3(0, 0, 1)));
    CHECK(rotated.min.x == Approx(-1.0f));
    CHECK(rotated.max.y == Approx(2.0f));
    CHECK(rotated.min.y == Approx(0.0f).margin(1e-6));
    CHECK(Aabb{}.transformed(glm::mat4(1.0f)).empty());
}
