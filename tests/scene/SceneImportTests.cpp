// Import of well-formed models from assimp-testmodels: structure, materials, textures, cameras.
#include "SceneTestSupport.h"

#include "scene/SceneImporter.h"

#include <glm/gtc/matrix_transform.hpp>

using namespace xrs::scene;
using xrs::scene::test::assimpModel;
using xrs::scene::test::texel;

namespace {

Scene importOrFail(const std::filesystem::path& path) {
    auto scene = importScene(path);
    INFO(path.string());
    if (!scene) FAIL(scene.error().message);
    xrs::scene::test::requireRendererInvariants(*scene);
    return std::move(scene).value();
}

// The vertex with this position and normal (JoinIdenticalVertices reorders vertices).
const Vertex& findVertex(const Mesh& mesh, const glm::vec3& position, const glm::vec3& normal) {
    for (const Vertex& vertex : mesh.vertices)
        if (glm::length(vertex.position - position) < 1e-5f && glm::length(vertex.normal - normal) < 1e-3f)
            return vertex;
    FAIL("no vertex at the requested position/normal");
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("BoxTextured imports with exact geometry, material and texture in all three packagings", "[scene]") {
    const char* variant = GENERATE("glTF2/BoxTextured-glTF/BoxTextured.gltf",
                                   "glTF2/BoxTextured-glTF-Binary/BoxTextured.glb",
                                   "glTF2/BoxTextured-glTF-Embedded/BoxTextured.gltf");
    INFO(variant);
    const Scene scene = importOrFail(assimpModel(variant));

    REQUIRE(scene.meshes.size() == 1);
    const Mesh& box = scene.meshes[0];
    CHECK(box.vertices.size() == 24); // 6 faces x 4 corners with distinct normals/uvs
    CHECK(box.indices.size() == 36);
    CHECK(box.bounds.min == glm::vec3(-0.5f));
    CHECK(box.bounds.max == glm::vec3(0.5f));

    // Only the material the box uses is kept (Assimp appends an unused default one).
    REQUIRE(scene.materials.size() == 1);
    const Material& material = scene.materials[box.material];
    CHECK(material.name == "Texture");
    CHECK(material.metallicFactor == 0.0f);
    CHECK(material.roughnessFactor == 1.0f);
    CHECK(material.baseColorFactor == glm::vec4(1.0f));
    CHECK(material.alphaMode == AlphaMode::Opaque);
    CHECK_FALSE(material.doubleSided);
    CHECK_FALSE(material.normalTexture);
    REQUIRE(material.baseColorTexture);
    CHECK(material.baseColorTexture->uvSet == 0);

    REQUIRE(scene.textures.size() == 1);
    const Texture& logo = scene.textures[material.baseColorTexture->texture];
    CHECK(logo.width == 211); // CesiumLogoFlat.png is 211 x 211, 8-bit palette
    CHECK(logo.height == 211);
    CHECK(logo.srgb);
    // Pixels picked from the PNG with an independent decoder (Python zlib + palette lookup):
    // (150, 60) is in the blue logo, (0, 0) is the light grey border.
    CHECK(texel(logo, 150, 60) == std::array<std::uint8_t, 4>{108, 173, 223, 255});
    CHECK(texel(logo, 0, 0) == std::array<std::uint8_t, 4>{220, 220, 220, 255});

    // The root node rotates -90 degrees about X; the box is symmetric so world bounds are the same.
    const Aabb world = computeWorldBounds(scene);
    CHECK(glm::length(world.min - glm::vec3(-0.5f)) < 1e-5f);
    CHECK(glm::length(world.max - glm::vec3(0.5f)) < 1e-5f);
    const auto draws = buildDrawList(scene);
    REQUIRE(draws.size() == 1);
    CHECK(glm::length(glm::vec3(draws[0].world * glm::vec4(0, 1, 0, 0)) - glm::vec3(0, 0, -1)) < 1e-6f);
    CHECK(glm::length(glm::vec3(draws[0].world * glm::vec4(0, 0, 1, 0)) - glm::vec3(0, 1, 0)) < 1e-6f);
}

TEST_CASE("Texture coordinates keep glTF's convention and tangents follow +Y-up normal maps", "[scene]") {
    const Scene scene = importOrFail(assimpModel("glTF2/BoxTextured-glTF/BoxTextured.gltf"));
    const Mesh& box = scene.meshes.at(0);
    // From BoxTextured0.bin: the +Z face has (-0.5,-0.5,0.5) at uv (6, 0) and (-0.5,0.5,0.5) at
    // uv (6, 1) — the values in the file, with no V flip.
    const Vertex& bottomLeft = findVertex(box, {-0.5f, -0.5f, 0.5f}, {0, 0, 1});
    const Vertex& topLeft = findVertex(box, {-0.5f, 0.5f, 0.5f}, {0, 0, 1});
    CHECK(bottomLeft.uv0.x == Approx(6.0f));
    CHECK(bottomLeft.uv0.y == Approx(0.0f).margin(1e-6));
    CHECK(topLeft.uv0.x == Approx(6.0f));
    CHECK(topLeft.uv0.y == Approx(1.0f).margin(1e-6));

    // On that face u grows towards -X, so the tangent is -X; v grows towards +Y, so "up" in
    // the image (decreasing v) is -Y and the bitangent must point there.
    CHECK(glm::length(glm::vec3(bottomLeft.tangent) - glm::vec3(-1, 0, 0)) < 1e-4f);
    const glm::vec3 bitangent = glm::cross(bottomLeft.normal, glm::vec3(bottomLeft.tangent)) * bottomLeft.tangent.w;
    CHECK(glm::length(bitangent - glm::vec3(0, -1, 0)) < 1e-4f);
}

TEST_CASE("glTF sampler settings reach the texture", "[scene]") {
    // BoxTextured.gltf: wrapS MIRRORED_REPEAT, wrapT CLAMP_TO_EDGE, mag LINEAR,
    // min NEAREST_MIPMAP_LINEAR.
    const Scene scene = importOrFail(assimpModel("glTF2/BoxTextured-glTF/BoxTextured.gltf"));
    const Sampler& sampler = scene.textures.at(0).sampler;
    CHECK(sampler.wrapU == WrapMode::MirroredRepeat);
    CHECK(sampler.wrapV == WrapMode::ClampToEdge);
    CHECK(sampler.magFilter == FilterMode::Linear);
    CHECK(sampler.minFilter == FilterMode::Nearest);
    CHECK(sampler.mipmapFilter == FilterMode::Linear);
    CHECK(sampler.useMipmaps);
}

TEST_CASE("AnimatedMorphCube loads with its node scale applied to the world bounds", "[scene]") {
    const Scene scene = importOrFail(
        assimpModel("glTF2/glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf"));
    REQUIRE(scene.meshes.size() == 1);
    CHECK(scene.meshes[0].vertices.size() == 24);
    CHECK(scene.meshes[0].indices.size() == 36);
    CHECK(scene.meshes[0].bounds.max.x == Approx(0.01f));
    // The node scales by 100 (and rotates by 90 degrees), so the 0.02 m cube becomes 2 m.
    const Aabb world = computeWorldBounds(scene);
    CHECK(world.min.x == Approx(-1.0f).margin(1e-4));
    CHECK(world.max.y == Approx(1.0f).margin(1e-4));
    CHECK(world.max.z == Approx(1.0f).margin(1e-4));
}

TEST_CASE("Cameras.gltf yields its perspective and orthographic cameras at their nodes", "[scene]") {
    const Scene scene = importOrFail(assimpModel("glTF2/cameras/Cameras.gltf"));
    REQUIRE(scene.cameras.size() == 2);
    const auto world = computeWorldTransforms(scene);

    const Camera& perspective = scene.cameras[0];
    CHECK_FALSE(perspective.orthographic);
    CHECK(perspective.yfov == Approx(0.7f));
    CHECK(perspective.aspect == Approx(1.0f));
    CHECK(perspective.znear == Approx(0.01f));
    CHECK(perspective.zfar == Approx(100.0f));

    const Camera& orthographic = scene.cameras[1];
    CHECK(orthographic.orthographic);
    CHECK(orthographic.xmag == Approx(1.0f));

    for (std::uint32_t i = 0; i < 2; ++i) {
        const Camera& camera = scene.cameras[i];
        REQUIRE(scene.nodes.at(camera.node).camera == i);
        // Both camera nodes are translated to (0.5, 0.5, 3) and not rotated: at the node origin,
        // looking down -Z (Assimp's duplicated camera position must not be applied twice).
        CHECK(glm::length(glm::vec3(world[camera.node][3]) - glm::vec3(0.5f, 0.5f, 3.0f)) < 1e-5f);
        CHECK(glm::length(glm::vec3(world[camera.node] * glm::vec4(0, 0, -1, 0)) - glm::vec3(0, 0, -1)) < 1e-5f);
    }
}

TEST_CASE("OBJ and FBX import too, and Windows-style texture paths resolve next to the model", "[scene]") {
    SECTION("OBJ box") {
        const Scene scene = importOrFail(assimpModel("OBJ/box.obj"));
        REQUIRE(scene.meshes.size() == 1);
        CHECK(scene.meshes[0].indices.size() == 36); // 6 quads triangulated
        CHECK(computeWorldBounds(scene).max == glm::vec3(0.5f));
        CHECK(scene.materials.at(0).metallicFactor == 0.0f); // Phong-era material: dielectric
    }
    SECTION("OBJ spider with '.\\\\SpiderTex.jpg' in its .mtl") {
        const Scene scene = importOrFail(assimpModel("OBJ/spider.obj"));
        CHECK(scene.meshes.size() == 19);
        bool foundSpiderTexture = false;
        for (const Texture& texture : scene.textures) {
            if (texture.name != ".\\SpiderTex.jpg") continue;
            foundSpiderTexture = true;
            CHECK(texture.width == 249); // SpiderTex.jpg is a 249 x 250 JPEG
            CHECK(texture.height == 250);
            CHECK(texture.srgb);
        }
        CHECK(foundSpiderTexture);
    }
    SECTION("FBX box") {
        const Scene scene = importOrFail(assimpModel("FBX/box.fbx"));
        REQUIRE(scene.meshes.size() == 1);
        CHECK(scene.materials.at(0).name == "Material_50");
        CHECK_FALSE(computeWorldBounds(scene).empty());
    }
}
