// Tiled images in a scene: the glTF node extras "xrsTilePyramid" that link a mesh to a pyramid
// (scene::TiledImageLink), the warnings a malformed link gets, and the world rectangle fitted
// from the linked meshes (scene::placeTiledImages).
#include "SceneTestSupport.h"

#include "scene/SceneImporter.h"
#include "scene/TiledImages.h"

#include <algorithm>
#include <array>
#include <cstring>

using namespace xrs::scene;
using xrs::scene::test::ScratchDirectory;
using xrs::scene::test::writeFile;

namespace {

// One quad 1 m wide and 0.5 m tall in the z = 0 plane, uv (0, 0) at its top-left (0, 0.5, 0).
void writeQuadBuffer(const std::filesystem::path& path) {
    const std::array<float, 12> positions{0, 0.5f, 0, 1, 0.5f, 0, 1, 0, 0, 0, 0, 0};
    const std::array<float, 8> uvs{0, 0, 1, 0, 1, 1, 0, 1};
    const std::array<std::uint16_t, 6> indices{0, 3, 2, 0, 2, 1};
    std::string bytes(sizeof(positions) + sizeof(uvs) + sizeof(indices), '\0');
    std::memcpy(bytes.data(), positions.data(), sizeof(positions));
    std::memcpy(bytes.data() + sizeof(positions), uvs.data(), sizeof(uvs));
    std::memcpy(bytes.data() + sizeof(positions) + sizeof(uvs), indices.data(), sizeof(indices));
    writeFile(path, bytes);
}

// A glTF whose nodes all show the quad, each with `extras` (JSON text, or empty) and translation.
std::string gltfWithNodes(const std::vector<std::pair<std::string, std::string>>& nodes) {
    std::string nodeList, children;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const auto& [translation, extras] = nodes[i];
        nodeList += (i ? "," : "") + std::string(R"({"name":"scroll_)") + std::to_string(i) +
                    R"(","mesh":0,"translation":)" + translation + (extras.empty() ? "" : ",\"extras\":" + extras) + "}";
        children += (i ? "," : "") + std::to_string(i);
    }
    return R"({"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[)" + children + R"(]}],
      "nodes":[)" + nodeList + R"(],
      "meshes":[{"primitives":[{"attributes":{"POSITION":0,"TEXCOORD_0":1},"indices":2}]}],
      "buffers":[{"uri":"quad.bin","byteLength":92}],
      "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":48},{"buffer":0,"byteOffset":48,"byteLength":32},
                     {"buffer":0,"byteOffset":80,"byteLength":12}],
      "accessors":[{"bufferView":0,"componentType":5126,"count":4,"type":"VEC3","min":[0,0,0],"max":[1,0.5,0]},
                   {"bufferView":1,"componentType":5126,"count":4,"type":"VEC2"},
                   {"bufferView":2,"componentType":5123,"count":6,"type":"SCALAR"}]})";
}

Scene importNodes(const ScratchDirectory& dir, const std::vector<std::pair<std::string, std::string>>& nodes) {
    writeQuadBuffer(dir.path() / "quad.bin");
    writeFile(dir.path() / "model.gltf", gltfWithNodes(nodes));
    auto scene = importScene(dir.path() / "model.gltf");
    INFO((scene.ok() ? std::string() : scene.error().message));
    REQUIRE(scene.ok());
    return std::move(*scene);
}

const Node& nodeNamed(const Scene& scene, const std::string& name) {
    const auto found = std::find_if(scene.nodes.begin(), scene.nodes.end(), [&](const Node& n) { return n.name == name; });
    REQUIRE(found != scene.nodes.end());
    return *found;
}

void requireNear(glm::vec3 actual, glm::vec3 expected) {
    INFO("actual (" << actual.x << ", " << actual.y << ", " << actual.z << "), expected (" << expected.x << ", "
                    << expected.y << ", " << expected.z << ")");
    REQUIRE(glm::length(actual - expected) < 1e-5f);
}

} // namespace

TEST_CASE("xrsTilePyramid extras link nodes to a pyramid, and two segments place one rectangle", "[scene]") {
    ScratchDirectory dir("tiled-image-link");
    // Two segments side by side: the image's left half on the quad at x 0..1, its right half
    // on the quad moved 1 m along +x.
    const Scene scene = importNodes(dir, {{"[0,0,0]", R"({"xrsTilePyramid":{"index":"scroll/index.json","level":1,"u":[0,0.5]}})"},
                                          {"[1,0,0]", R"({"xrsTilePyramid":{"index":"scroll/index.json","level":1,"u":[0.5,1]}})"}});
    CHECK(scene.warnings.empty());
    const Node& left = nodeNamed(scene, "scroll_0");
    const Node& right = nodeNamed(scene, "scroll_1");
    REQUIRE(left.tiledImage);
    REQUIRE(right.tiledImage);
    CHECK(left.tiledImage->index == (dir.path() / "scroll" / "index.json").lexically_normal());
    CHECK(left.tiledImage->u0 == 0.0f);
    CHECK(left.tiledImage->u1 == 0.5f);
    CHECK(right.tiledImage->u0 == 0.5f);
    CHECK(right.tiledImage->u1 == 1.0f);

    const std::vector<TiledImagePlacement> placements = placeTiledImages(scene);
    REQUIRE(placements.size() == 1);
    CHECK(placements[0].index == left.tiledImage->index);
    requireNear(placements[0].origin, {0.0f, 0.5f, 0.0f});
    requireNear(placements[0].uAxis, {2.0f, 0.0f, 0.0f});
    requireNear(placements[0].vAxis, {0.0f, -0.5f, 0.0f});
    CHECK(placements[0].fitErrorMetres < 1e-5f);
    CHECK(placements[0].bakedHeight == 0); // the quads have no base-colour texture

    for (const DrawItem& item : buildDrawList(scene)) CHECK(tiledImageOf(scene, item, placements) == std::size_t{0});
}

TEST_CASE("A malformed xrsTilePyramid link is dropped with a warning naming the node and the field", "[scene]") {
    ScratchDirectory dir("tiled-image-bad");
    const Scene scene = importNodes(dir, {{"[0,0,0]", R"({"xrsTilePyramid":"scroll/index.json"})"},
                                          {"[1,0,0]", R"({"xrsTilePyramid":{"index":"scroll/index.json","u":[0.7,0.2]}})"},
                                          {"[2,0,0]", R"({"xrsTilePyramid":{"u":[0,1]}})"},
                                          {"[3,0,0]", R"({"note":"not a link"})"}});
    for (const Node& node : scene.nodes) CHECK_FALSE(node.tiledImage);
    REQUIRE(scene.warnings.size() == 3);
    const std::string model = (dir.path() / "model.gltf").string();
    const auto warned = [&](const std::string& text) {
        return std::any_of(scene.warnings.begin(), scene.warnings.end(), [&](const std::string& warning) {
            return warning.find(model) != std::string::npos && warning.find(text) != std::string::npos;
        });
    };
    CHECK(warned("node 'scroll_0': extras.xrsTilePyramid: expected an object"));
    CHECK(warned("node 'scroll_1': extras.xrsTilePyramid.u: expected 0 <= u0 < u1 <= 1"));
    CHECK(warned("node 'scroll_2': extras.xrsTilePyramid.index: expected the pyramid's index.json"));
    CHECK(placeTiledImages(scene).empty());
}
