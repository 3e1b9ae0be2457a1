#pragma once
// The engine's own scene description: plain data, no GPU objects, filled by importScene() (or by
// hand in tests). Conventions the renderer relies on:
//   - Right-handed, +Y up, metres, glTF style. Cameras look down -Z of their node, +Y up; lights
//     shine down -Z of their node.
//   - Texture coordinates follow glTF: uv (0,0) is the top-left texel, i.e. the first row of
//     Texture::pixels. Upload rows as stored and sample with uv0 as is; no flip anywhere.
//   - Tangent space: bitangent = cross(normal, tangent.xyz) * tangent.w, and a normal-map texel
//     (x, y, z) in [-1,1] maps to x * tangent + y * bitangent + z * normal (glTF/OpenGL "+Y up"
//     normal maps).
//   - Every index in Mesh::indices is < vertices.size(); every position is finite; every
//     Mesh::material, TextureSlot::texture, Node/Camera/Light cross-reference is in range.
#include "scene/Aabb.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace xrs::scene {

// Interleaved vertex, 64 bytes, tightly packed (glm types are 4-byte aligned):
// offsets position 0, normal 12, tangent 24, uv0 40, color 48.
struct Vertex {
    glm::vec3 position{0.0f};
    glm::vec3 normal{0.0f, 0.0f, 1.0f};
    glm::vec4 tangent{1.0f, 0.0f, 0.0f, 1.0f}; // xyz along +u, w = handedness (+1 or -1)
    glm::vec2 uv0{0.0f};
    glm::vec4 color{1.0f};                      // linear RGBA, white when the file has none
};
static_assert(sizeof(Vertex) == 64, "Vertex layout is shared with the vertex input state");

// One drawable primitive: a triangle list with one material.
struct Mesh {
    std::string name;
    std::vector<Vertex> vertices;
    std::vector<std::uint32_t> indices; // three per triangle
    std::uint32_t material = 0;         // index into Scene::materials
    Aabb bounds;                        // of the positions, in the mesh's local space
};

enum class AlphaMode { Opaque, Mask, Blend };

// Reference from a material to Scene::textures, with the texture coordinate set the file asked
// for. Vertex carries only uv0; the importer warns when a slot asks for another set.
struct TextureSlot {
    std::uint32_t texture = 0;
    std::uint32_t uvSet = 0;
};

// glTF 2.0 metallic-roughness material. Factors multiply the textures as in the glTF spec.
struct Material {
    std::string name;
    glm::vec4 baseColorFactor{1.0f}; // linear RGBA
    float metallicFactor = 1.0f;
    float roughnessFactor = 1.0f;
    glm::vec3 emissiveFactor{0.0f}; // linear RGB; KHR_materials_emissive_strength folded in (may be > 1)
    float normalScale = 1.0f;
    float occlusionStrength = 1.0f;
    AlphaMode alphaMode = AlphaMode::Opaque;
    float alphaCutoff = 0.5f; // used only with AlphaMode::Mask
    bool doubleSided = false;

    std::optional<TextureSlot> baseColorTexture;         // sRGB RGBA
    std::optional<TextureSlot> metallicRoughnessTexture; // linear; G = roughness, B = metallic
    std::optional<TextureSlot> normalTexture;            // linear, tangent space
    std::optional<TextureSlot> occlusionTexture;         // linear; R = occlusion
    std::optional<TextureSlot> emissiveTexture;          // sRGB RGB
};

enum class WrapMode { Repeat, ClampToEdge, MirroredRepeat };
enum class FilterMode { Nearest, Linear };

struct Sampler {
    WrapMode wrapU = WrapMode::Repeat;
    WrapMode wrapV = WrapMode::Repeat;
    FilterMode magFilter = FilterMode::Linear;
    FilterMode minFilter = FilterMode::Linear;
    FilterMode mipmapFilter = FilterMode::Linear;
    bool useMipmaps = true; // false only when the file asked for a non-mipmapped min filter
    bool operator==(const Sampler&) const = default;
};

// A decoded image plus how it is sampled. The colour space belongs to the use, not the file:
// one image used both as base colour (sRGB) and, say, occlusion (linear) becomes two Texture
// entries with the same source and pixels, so each can get the right VkFormat.
struct Texture {
    std::string name;                 // the URI as written in the model, or "embedded image N"
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint8_t> pixels; // RGBA8, width * height * 4 bytes, top row first
    bool srgb = false;                // true for base colour and emissive
    Sampler sampler;
};

struct Camera {
    std::string name;
    bool orthographic = false;
    float yfov = 0.0f;        // perspective: full vertical field of view, radians
    float aspect = 0.0f;      // width / height; 0 = not specified, use the viewport's
    float xmag = 0.0f;        // orthographic: half width, in scene units
    float znear = 0.01f;
    float zfar = 1000.0f;     // may be +inf (glTF infinite projection)
    std::uint32_t node = 0;   // the camera's pose is this node's world matrix
};

enum class LightType { Directional, Point, Spot };

struct Light {
    std::string name;
    LightType type = LightType::Directional;
    glm::vec3 color{1.0f}; // linear RGB, max component 1 (see intensity)
    float intensity = 1.0f; // lux for directional, candela for point/spot (glTF units)
    float innerConeAngle = 0.0f; // spot only, radians
    float outerConeAngle = 0.7853982f;
    std::uint32_t node = 0; // position and -Z direction come from this node's world matrix
};

// A node whose meshes show part of a very large image stored as a tile pyramid (glTF node
// extras "xrsTilePyramid": {"index": "<pyramid>/index.json", "u": [u0, u1]}): their base-colour
// texture is one coarse pyramid level baked into the model, and the renderer streams finer
// tiles where the viewer is close (render/TiledImages.h). The meshes' uv.x maps to the image's
// u0 + uv.x * (u1 - u0); uv.y is the image's v (glTF convention, 0 at the top).
struct TiledImageLink {
    std::filesystem::path index; // the pyramid's index.json, resolved against the model's folder
    float u0 = 0.0f;
    float u1 = 1.0f;
};

struct Node {
    std::string name;
    glm::mat4 localTransform{1.0f}; // relative to the parent
    std::optional<std::uint32_t> parent;
    std::vector<std::uint32_t> children;
    std::vector<std::uint32_t> meshes; // indices into Scene::meshes
    std::optional<std::uint32_t> camera;
    std::optional<std::uint32_t> light;
    std::optional<TiledImageLink> tiledImage;
    // composeScenes(): 1 + the index of the placed model this node came from; 0 otherwise (the
    // composition's root, an imported scene). The renderer can fade each placed model on its own.
    std::uint32_t placedModel = 0;
};

struct Scene {
    std::vector<Node> nodes;
    std::vector<Mesh> meshes;
    std::vector<Material> materials;
    std::vector<Texture> textures;
    std::vector<Camera> cameras;
    std::vector<Light> lights;
    std::uint32_t root = 0; // index into nodes (valid whenever nodes is non-empty)
    std::filesystem::path sourcePath;
    // Non-fatal problems met while importing (missing texture, dropped line primitives, ...),
    // each also logged as a warning; each names the model file.
    std::vector<std::string> warnings;
};

// World matrix of every node (index-aligned with Scene::nodes), walking from the root without
// recursion. A node reached twice (a cycle or a shared child in a hand-built scene) keeps its
// first placement and its subtree is not walked again; nodes not under the root get identity.
std::vector<glm::mat4> computeWorldTransforms(const Scene& scene);

// Bounds of all mesh instances in world space (empty Aabb for a scene without meshes).
Aabb computeWorldBounds(const Scene& scene);

// One mesh instance to draw: the flattening of the node tree the renderer iterates over.
struct DrawItem {
    glm::mat4 world{1.0f};
    std::uint32_t mesh = 0;
    std::uint32_t node = 0;
};

// Every (node, mesh) pair reachable from the root, in depth-first order.
std::vector<DrawItem> buildDrawList(const Scene& scene);

} // namespace xrs::scene
