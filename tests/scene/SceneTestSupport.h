#pragma once
#include "ScratchDirectory.h"
// Helpers shared by the scene tests: where the Assimp test models live, a scratch directory,
// and the invariants every imported Scene must satisfy (what the renderer relies on).
#include "scene/Scene.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace xrs::scene::test {

// Debian package assimp-testmodels (installed by tools/deps.sh).
inline std::filesystem::path assimpModel(const std::string& relative) {
    return std::filesystem::path("/usr/share/assimp/models") / relative;
}

// Scratch directories come from tests/support.
using xrs::test::ScratchDirectory;

inline void writeFile(const std::filesystem::path& path, const std::string& contents) {
    std::ofstream file(path, std::ios::binary);
    file << contents;
}

// Everything scene/Scene.h promises the renderer, checked on a whole scene.
inline void requireRendererInvariants(const Scene& scene) {
    REQUIRE(!scene.nodes.empty());
    REQUIRE(scene.root < scene.nodes.size());
    for (const Mesh& mesh : scene.meshes) {
        INFO("mesh " << mesh.name);
        REQUIRE(!mesh.vertices.empty());
        REQUIRE(!mesh.indices.empty());
        REQUIRE(mesh.indices.size() % 3 == 0);
        REQUIRE(mesh.material < scene.materials.size());
        for (const std::uint32_t index : mesh.indices) REQUIRE(index < mesh.vertices.size());
        for (const Vertex& vertex : mesh.vertices) {
            REQUIRE(std::isfinite(vertex.position.x));
            REQUIRE(std::isfinite(vertex.position.y));
            REQUIRE(std::isfinite(vertex.position.z));
            REQUIRE(std::abs(glm::length(vertex.normal) - 1.0f) < 1e-3f);
            REQUIRE(std::abs(vertex.tangent.w) == 1.0f);
        }
    }
    for (const Material& material : scene.materials) {
        for (const auto& slot : {material.baseColorTexture, material.metallicRoughnessTexture, material.normalTexture,
                                 material.occlusionTexture, material.emissiveTexture}) {
            if (slot) REQUIRE(slot->texture < scene.textures.size());
        }
    }
    for (const Texture& texture : scene.textures) {
        REQUIRE(texture.width > 0);
        REQUIRE(texture.height > 0);
        REQUIRE(texture.pixels.size() == std::size_t{texture.width} * texture.height * 4);
    }
    for (const Camera& camera : scene.cameras) REQUIRE(camera.node < scene.nodes.size());
    for (const Light& light : scene.lights) REQUIRE(light.node < scene.nodes.size());
    for (const Node& node : scene.nodes) {
        for (const std::uint32_t child : node.children) REQUIRE(child < scene.nodes.size());
        for (const std::uint32_t mesh : node.meshes) REQUIRE(mesh < scene.meshes.size());
        if (node.camera) REQUIRE(*node.camera < scene.cameras.size());
        if (node.light) REQUIRE(*node.light < scene.lights.size());
    }
}

inline std::array<std::uint8_t, 4> texel(const Texture& texture, std::uint32_t x, std::uint32_t y) {
    const std::size_t offset = (std::size_t{y} * texture.width + x) * 4;
    return {texture.pixels[offset], texture.pixels[offset + 1], texture.pixels[offset + 2], texture.pixels[offset + 3]};
}

} // namespace xrs::scene::test
