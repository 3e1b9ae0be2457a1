// Assimp -> xrs::scene conversion.
//
// [SECTION] File checks before Assimp sees the file
// [SECTION] Assimp logging
// [SECTION] Small conversions (matrices, colours, samplers)
// [SECTION] SceneConverter: meshes, materials and textures, nodes, cameras and lights
// [SECTION] importScene
//
// Texture coordinates: Assimp's internal convention is OpenGL's (v = 0 at the image's bottom),
// and its glTF reader flips glTF's v on the way in. We flip every format back to glTF's
// convention (v = 0 at the top row, which is also the first row of our pixel arrays), so the
// renderer samples uv0 as is. Tangents are taken from Assimp before that flip, where its
// bitangent points along +v_gl, i.e. "up" in the image, which is what a +Y-up normal map needs.
#include "scene/SceneImporter.h"

#include "core/Log.h"
#include "scene/ImageDecoding.h"

#include <assimp/DefaultLogger.hpp>
#include <assimp/GltfMaterial.h>
#include <assimp/Importer.hpp>
#include <assimp/LogStream.hpp>
#include <assimp/material.h>
#include <assimp/metadata.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <glm/gtc/type_ptr.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <atomic>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace xrs::scene {
namespace {

// Sane-size limits: beyond these a file is corrupt or not meant for a real-time scene.
constexpr std::uint32_t kMaxVerticesPerMesh = 1u << 26;
constexpr std::uint32_t kMaxTrianglesPerMesh = 1u << 26;

// glTF sampler enums as Assimp stores them ($tex.mappingfiltermag/min hold the raw glTF value).
constexpr int kGlNearest = 9728;
constexpr int kGlLinear = 9729;
constexpr int kGlNearestMipmapNearest = 9984;
constexpr int kGlLinearMipmapNearest = 9985;
constexpr int kGlNearestMipmapLinear = 9986;
constexpr int kGlLinearMipmapLinear = 9987;

// ---------------------------------------------------------------------------------------------
// [SECTION] File checks before Assimp sees the file
// ---------------------------------------------------------------------------------------------

// Says what a file is when its first bytes are a well-known image signature, so that a PNG
// renamed to .glb is reported as such instead of as a cryptic parse error.
std::string_view imageKindFromMagic(const std::array<unsigned char, 8>& head, std::size_t length) {
    const auto starts = [&](std::initializer_list<unsigned char> magic) {
        if (magic.size() > length) return false;
        std::size_t i = 0;
        for (const unsigned char byte : magic)
            if (head[i++] != byte) return false;
        return true;
    };
    if (starts({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) return "a PNG image";
    if (starts({0xFF, 0xD8, 0xFF})) return "a JPEG image";
    if (starts({'G', 'I', 'F', '8'})) return "a GIF image";
    if (starts({'B', 'M'})) return "a BMP image";
    return {};
}

bool hasExtension(const std::filesystem::path& path, std::string_view lowerCaseExtension) {
    std::string extension = path.extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return extension == lowerCaseExtension;
}

Status checkModelFile(const std::filesystem::path& path, const std::string& label) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status)) return fail(label, ": file not found");
    if (std::filesystem::is_directory(status)) return fail(label, ": is a directory, not a model file");
    if (!std::filesystem::is_regular_file(status)) return fail(label, ": not a regular file");
    const auto size = std::filesystem::file_size(path, error);
    if (error) return fail(label, ": cannot read file size (", error.message(), ")");
    if (size == 0) return fail(label, ": file is empty");

    std::ifstream file(path, std::ios::binary);
    if (!file) return fail(label, ": cannot open file for reading");
    std::array<unsigned char, 8> head{};
    file.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    const auto length = static_cast<std::size_t>(file.gcount());
    if (const std::string_view kind = imageKindFromMagic(head, length); !kind.empty())
        return fail(label, ": file is ", kind, ", not a 3D model");
    if (hasExtension(path, ".glb") && (length < 4 || std::string_view(reinterpret_cast<const char*>(head.data()), 4) != "glTF"))
        return fail(label, ": not a binary glTF file (missing the 'glTF' magic number)");
    return {};
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Assimp logging
// ---------------------------------------------------------------------------------------------

// Assimp's logger is process-wide. It stays the silent NullLogger unless our log level is Debug,
// in which case Assimp's messages are forwarded at debug level (its warnings are mostly noise
// for end users; the ones that matter surface as our own errors and warnings).
class AssimpToSpdlog final : public Assimp::LogStream {
public:
    void write(const char* message) override {
        std::string_view text(message);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
        XRS_LOG_DEBUG("assimp: {}", text);
    }
};

void forwardAssimpLogWhenDebugging() {
    static std::once_flag installed;
    if (!spdlog::should_log(spdlog::level::debug)) return;
    std::call_once(installed, [] {
        Assimp::DefaultLogger::create(nullptr, Assimp::Logger::NORMAL, 0);
        Assimp::DefaultLogger::get()->attachStream(new AssimpToSpdlog,
                                                   Assimp::Logger::Debugging | Assimp::Logger::Info |
                                                       Assimp::Logger::Warn | Assimp::Logger::Err);
    });
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Small conversions
// ---------------------------------------------------------------------------------------------

glm::mat4 toGlm(const aiMatrix4x4& m) {
    // aiMatrix4x4 is row-major (a1..a4 is the first row); glm is column-major.
    return glm::transpose(glm::make_mat4(&m.a1));
}

glm::vec3 toGlm(const aiVector3D& v) { return {v.x, v.y, v.z}; }

bool isFinite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

std::string describeVector(const aiVector3D& v) {
    return "(" + std::to_string(v.x) + ", " + std::to_string(v.y) + ", " + std::to_string(v.z) + ")";
}

// A unit vector perpendicular to n, for meshes without UVs (no meaningful tangent exists).
glm::vec3 anyPerpendicular(const glm::vec3& n) {
    const glm::vec3 helper = std::abs(n.x) < 0.9f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    return glm::normalize(glm::cross(helper, n));
}

WrapMode toWrapMode(int assimpMode) {
    switch (assimpMode) {
    case aiTextureMapMode_Clamp:
    case aiTextureMapMode_Decal: return WrapMode::ClampToEdge;
    case aiTextureMapMode_Mirror: return WrapMode::MirroredRepeat;
    default: return WrapMode::Repeat;
    }
}

// Frame that takes a (position, forward, up) description into a -Z-forward, +Y-up node space.
glm::mat4 frameFromLookAt(const glm::vec3& position, const glm::vec3& forward, const glm::vec3& up) {
    const glm::vec3 back = -glm::normalize(forward);
    glm::vec3 right = glm::cross(up, back);
    if (glm::length(right) < 1e-6f) right = anyPerpendicular(back);
    right = glm::normalize(right);
    const glm::vec3 trueUp = glm::cross(back, right);
    glm::mat4 frame(1.0f);
    frame[0] = glm::vec4(right, 0.0f);
    frame[1] = glm::vec4(trueUp, 0.0f);
    frame[2] = glm::vec4(back, 0.0f);
    frame[3] = glm::vec4(position, 1.0f);
    return frame;
}

bool isIdentityFrame(const glm::vec3& position, const glm::vec3& forward, const glm::vec3& up) {
    constexpr float kEpsilon = 1e-5f;
    return glm::length(position) < kEpsilon &&
           glm::length(glm::normalize(forward) - glm::vec3(0, 0, -1)) < kEpsilon &&
           glm::length(glm::normalize(up) - glm::vec3(0, 1, 0)) < kEpsilon;
}

std::string nameOr(const aiString& name, std::string_view kind, std::size_t index) {
    if (name.length > 0) return name.C_Str();
    return std::string(kind) + " #" + std::to_string(index);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] SceneConverter
// ---------------------------------------------------------------------------------------------

// One conversion of one aiScene; lives for the duration of importScene().
class SceneConverter {
public:
    SceneConverter(const aiScene& source, const std::filesystem::path& path, std::string label)
        : source_(source), modelDirectory_(path.parent_path()), label_(std::move(label)),
          isGltf_(hasExtension(path, ".gltf") || hasExtension(path, ".glb")) {
        scene_.sourcePath = path;
    }

    Result<Scene> convert() {
        if (auto status = convertMeshes(); !status) return status.error();
        convertNodes();
        convertCameras();
        convertLights();
        return std::move(scene_);
    }

private:
    void warn(std::string message) {
        message = label_ + ": " + message;
        XRS_LOG_WARN("{}", message);
        scene_.warnings.push_back(std::move(message));
    }

    // --- Meshes --------------------------------------------------------------------------

    Status convertMeshes() {
        meshIndexByAssimpIndex_.assign(source_.mNumMeshes, std::nullopt);
        std::size_t droppedNonTriangle = 0;
        for (unsigned int i = 0; i < source_.mNumMeshes; ++i) {
            const aiMesh* mesh = source_.mMeshes[i];
            if (mesh == nullptr) return fail(label_, ": mesh #", std::to_string(i), " is missing");
            // SortByPType leaves point and line primitives in meshes of their own.
            if ((mesh->mPrimitiveTypes & aiPrimitiveType_TRIANGLE) == 0 || mesh->mNumFaces == 0 ||
                mesh->mNumVertices == 0) {
                ++droppedNonTriangle;
                continue;
            }
            auto converted = convertMesh(*mesh, i);
            if (!converted) return converted.error();
            meshIndexByAssimpIndex_[i] = static_cast<std::uint32_t>(scene_.meshes.size());
            scene_.meshes.push_back(std::move(converted.value()));
        }
        if (droppedNonTriangle > 0)
            warn(std::to_string(droppedNonTriangle) +
                 " mesh(es) without triangles (points or lines) dropped; only triangles are rendered");
        return {};
    }

    Result<Mesh> convertMesh(const aiMesh& source, unsigned int assimpIndex) {
        const std::string meshLabel = "mesh '" + nameOr(source.mName, "mesh", assimpIndex) + "'";
        if (source.mNumVertices > kMaxVerticesPerMesh)
            return fail(label_, ": ", meshLabel, " has ", std::to_string(source.mNumVertices),
                        " vertices (limit ", std::to_string(kMaxVerticesPerMesh), ")");
        if (source.mNumFaces > kMaxTrianglesPerMesh)
            return fail(label_, ": ", meshLabel, " has ", std::to_string(source.mNumFaces),
                        " faces (limit ", std::to_string(kMaxTrianglesPerMesh), ")");
        if (source.mVertices == nullptr) return fail(label_, ": ", meshLabel, " has no positions");

        Mesh mesh;
        mesh.name = source.mName.C_Str();
        if (source.mMaterialIndex < source_.mNumMaterials && source_.mMaterials[source.mMaterialIndex] != nullptr) {
            mesh.material = materialFor(source.mMaterialIndex);
        } else {
            warn(meshLabel + " refers to missing material #" + std::to_string(source.mMaterialIndex) +
                 "; using a default material");
            mesh.material = defaultMaterialIndex();
        }

        const bool hasTangents = source.mTangents != nullptr && source.mBitangents != nullptr;
        const aiVector3D* uvs = source.mTextureCoords[0];
        const aiColor4D* colors = source.mColors[0];
        std::size_t repairedAttributes = 0;

        mesh.vertices.resize(source.mNumVertices);
        for (unsigned int v = 0; v < source.mNumVertices; ++v) {
            Vertex& out = mesh.vertices[v];
            out.position = toGlm(source.mVertices[v]);
            if (!isFinite(out.position))
                return fail(label_, ": ", meshLabel, ": vertex ", std::to_string(v), " has a non-finite position ",
                            describeVector(source.mVertices[v]));
            mesh.bounds.extend(out.position);

            glm::vec3 normal = source.mNormals ? toGlm(source.mNormals[v]) : glm::vec3(0.0f);
            if (!isFinite(normal) || glm::length(normal) < 1e-12f) {
                if (source.mNormals) ++repairedAttributes;
                normal = glm::vec3(0.0f, 0.0f, 1.0f);
            }
            out.normal = glm::normalize(normal);

            glm::vec3 tangent = hasTangents ? toGlm(source.mTangents[v]) : glm::vec3(0.0f);
            // Gram-Schmidt: the tangent must be perpendicular to the (possibly smoothed) normal.
            tangent -= out.normal * glm::dot(out.normal, tangent);
            float handedness = 1.0f;
            if (isFinite(tangent) && glm::length(tangent) > 1e-12f) {
                tangent = glm::normalize(tangent);
                const glm::vec3 bitangent = toGlm(source.mBitangents[v]);
                if (glm::dot(glm::cross(out.normal, tangent), bitangent) < 0.0f) handedness = -1.0f;
            } else {
                tangent = anyPerpendicular(out.normal);
            }
            out.tangent = glm::vec4(tangent, handedness);

            if (uvs != nullptr) {
                const glm::vec2 uv{uvs[v].x, 1.0f - uvs[v].y}; // back to glTF's top-left origin
                if (std::isfinite(uv.x) && std::isfinite(uv.y)) {
                    out.uv0 = uv;
                } else {
                    ++repairedAttributes;
                }
            }
            if (colors != nullptr) {
                const glm::vec4 color{colors[v].r, colors[v].g, colors[v].b, colors[v].a};
                if (std::isfinite(color.r) && std::isfinite(color.g) && std::isfinite(color.b) &&
                    std::isfinite(color.a)) {
                    out.color = color;
                } else {
                    ++repairedAttributes;
                }
            }
        }
        if (repairedAttributes > 0)
            warn(meshLabel + ": " + std::to_string(repairedAttributes) +
                 " non-finite or zero normals/texture coordinates/colours replaced by defaults");

        mesh.indices.reserve(std::size_t{source.mNumFaces} * 3);
        std::size_t skippedFaces = 0;
        for (unsigned int f = 0; f < source.mNumFaces; ++f) {
            const aiFace& face = source.mFaces[f];
            if (face.mNumIndices != 3 || face.mIndices == nullptr) {
                ++skippedFaces; // a point or line left in a mixed mesh
                continue;
            }
            for (unsigned int k = 0; k < 3; ++k) {
                if (face.mIndices[k] >= source.mNumVertices)
                    return fail(label_, ": ", meshLabel, ": face ", std::to_string(f), " uses vertex index ",
                                std::to_string(face.mIndices[k]), " but the mesh has only ",
                                std::to_string(source.mNumVertices), " vertices");
                mesh.indices.push_back(face.mIndices[k]);
            }
        }
        if (skippedFaces > 0)
            warn(meshLabel + ": " + std::to_string(skippedFaces) + " point/line primitive(s) dropped");
        if (mesh.indices.empty()) return fail(label_, ": ", meshLabel, " has no triangles");
        return mesh;
    }

    // --- Materials and textures ----------------------------------------------------------

    std::uint32_t defaultMaterialIndex() {
        if (!defaultMaterial_) {
            Material fallback;
            fallback.name = "default";
            fallback.metallicFactor = 0.0f;
            defaultMaterial_ = static_cast<std::uint32_t>(scene_.materials.size());
            scene_.materials.push_back(std::move(fallback));
        }
        return *defaultMaterial_;
    }

    // Materials are converted when a kept mesh first uses them, so unused ones (Assimp's glTF
    // reader always appends a default material) cost no texture decoding and no GPU memory.
    std::uint32_t materialFor(unsigned int assimpIndex) {
        if (const auto found = materialIndexByAssimpIndex_.find(assimpIndex); found != materialIndexByAssimpIndex_.end())
            return found->second;
        const auto index = static_cast<std::uint32_t>(scene_.materials.size());
        Material material = convertMaterial(*source_.mMaterials[assimpIndex], assimpIndex);
        scene_.materials.push_back(std::move(material));
        materialIndexByAssimpIndex_.emplace(assimpIndex, index);
        return index;
    }

    Material convertMaterial(const aiMaterial& source, unsigned int index) {
        Material material;
        material.name = nameOr(source.GetName(), "material", index);

        aiColor4D baseColor;
        if (source.Get(AI_MATKEY_BASE_COLOR, baseColor) == AI_SUCCESS) {
            material.baseColorFactor = {baseColor.r, baseColor.g, baseColor.b, baseColor.a};
        } else {
            // Classic (Phong-era) formats: diffuse colour and a separate opacity.
            aiColor3D diffuse(1.0f, 1.0f, 1.0f);
            float opacity = 1.0f;
            source.Get(AI_MATKEY_COLOR_DIFFUSE, diffuse);
            source.Get(AI_MATKEY_OPACITY, opacity);
            material.baseColorFactor = {diffuse.r, diffuse.g, diffuse.b, opacity};
        }

        const bool isPbr = source.Get(AI_MATKEY_METALLIC_FACTOR, material.metallicFactor) == AI_SUCCESS;
        if (!isPbr) material.metallicFactor = 0.0f;
        if (source.Get(AI_MATKEY_ROUGHNESS_FACTOR, material.roughnessFactor) != AI_SUCCESS) {
            // Phong exponent -> roughness, the usual Blinn-Phong/Beckmann equivalence.
            float shininess = 0.0f;
            material.roughnessFactor = source.Get(AI_MATKEY_SHININESS, shininess) == AI_SUCCESS && shininess > 0.0f
                                           ? std::sqrt(2.0f / (shininess + 2.0f))
                                           : 1.0f;
        }

        aiColor3D emissive(0.0f, 0.0f, 0.0f);
        source.Get(AI_MATKEY_COLOR_EMISSIVE, emissive);
        float emissiveStrength = 1.0f;
        source.Get(AI_MATKEY_EMISSIVE_INTENSITY, emissiveStrength);
        material.emissiveFactor = glm::vec3(emissive.r, emissive.g, emissive.b) * emissiveStrength;

        aiString alphaMode;
        if (source.Get(AI_MATKEY_GLTF_ALPHAMODE, alphaMode) == AI_SUCCESS) {
            const std::string_view mode = alphaMode.C_Str();
            if (mode == "MASK") {
                material.alphaMode = AlphaMode::Mask;
            } else if (mode == "BLEND") {
                material.alphaMode = AlphaMode::Blend;
            } else if (mode != "OPAQUE") {
                warn("material '" + material.name + "': unknown alphaMode '" + std::string(mode) +
                     "', treated as OPAQUE");
            }
        } else if (material.baseColorFactor.a < 1.0f) {
            material.alphaMode = AlphaMode::Blend; // non-glTF formats: transparency means blending
        }
        source.Get(AI_MATKEY_GLTF_ALPHACUTOFF, material.alphaCutoff);

        int twoSided = 0;
        if (source.Get(AI_MATKEY_TWOSIDED, twoSided) == AI_SUCCESS) material.doubleSided = twoSided != 0;

        const std::string& name = material.name;
        material.baseColorTexture =
            resolveSlot(source, {aiTextureType_BASE_COLOR, aiTextureType_DIFFUSE}, true, name, "baseColor");
        material.metallicRoughnessTexture =
            resolveSlot(source, {aiTextureType_UNKNOWN, aiTextureType_METALNESS}, false, name, "metallicRoughness");
        material.normalTexture =
            resolveSlot(source, {aiTextureType_NORMALS, aiTextureType_NORMAL_CAMERA}, false, name, "normal");
        material.occlusionTexture =
            resolveSlot(source, {aiTextureType_LIGHTMAP, aiTextureType_AMBIENT_OCCLUSION}, false, name, "occlusion");
        material.emissiveTexture =
            resolveSlot(source, {aiTextureType_EMISSIVE, aiTextureType_EMISSION_COLOR}, true, name, "emissive");

        source.Get(_AI_MATKEY_GLTF_SCALE_BASE, aiTextureType_NORMALS, 0, material.normalScale);
        source.Get(_AI_MATKEY_GLTF_STRENGTH_BASE, aiTextureType_LIGHTMAP, 0, material.occlusionStrength);
        return material;
    }

    Sampler readSampler(const aiMaterial& source, aiTextureType type) {
        Sampler sampler;
        int wrapU = aiTextureMapMode_Wrap;
        int wrapV = aiTextureMapMode_Wrap;
        source.Get(AI_MATKEY_MAPPINGMODE_U(type, 0), wrapU);
        source.Get(AI_MATKEY_MAPPINGMODE_V(type, 0), wrapV);
        sampler.wrapU = toWrapMode(wrapU);
        sampler.wrapV = toWrapMode(wrapV);

        int magFilter = kGlLinear;
        if (source.Get(_AI_MATKEY_GLTF_MAPPINGFILTER_MAG_BASE, type, 0, magFilter) == AI_SUCCESS)
            sampler.magFilter = magFilter == kGlNearest ? FilterMode::Nearest : FilterMode::Linear;
        int minFilter = kGlLinearMipmapLinear;
        if (source.Get(_AI_MATKEY_GLTF_MAPPINGFILTER_MIN_BASE, type, 0, minFilter) == AI_SUCCESS) {
            switch (minFilter) {
            case kGlNearest: sampler = withMinFilter(sampler, FilterMode::Nearest, FilterMode::Nearest, false); break;
            case kGlLinear: sampler = withMinFilter(sampler, FilterMode::Linear, FilterMode::Nearest, false); break;
            case kGlNearestMipmapNearest: sampler = withMinFilter(sampler, FilterMode::Nearest, FilterMode::Nearest, true); break;
            case kGlLinearMipmapNearest: sampler = withMinFilter(sampler, FilterMode::Linear, FilterMode::Nearest, true); break;
            case kGlNearestMipmapLinear: sampler = withMinFilter(sampler, FilterMode::Nearest, FilterMode::Linear, true); break;
            default: sampler = withMinFilter(sampler, FilterMode::Linear, FilterMode::Linear, true); break;
            }
        }
        return sampler;
    }

    static Sampler withMinFilter(Sampler sampler, FilterMode minFilter, FilterMode mipmapFilter, bool useMipmaps) {
        sampler.minFilter = minFilter;
        sampler.mipmapFilter = mipmapFilter;
        sampler.useMipmaps = useMipmaps;
        return sampler;
    }

    std::optional<TextureSlot> resolveSlot(const aiMaterial& source, std::initializer_list<aiTextureType> candidates,
                                           bool srgb, const std::string& materialName, std::string_view slotName) {
        for (const aiTextureType type : candidates) {
            if (source.GetTextureCount(type) == 0) continue;
            aiString reference;
            if (source.Get(AI_MATKEY_TEXTURE(type, 0), reference) != AI_SUCCESS || reference.length == 0) continue;

            TextureSlot slot;
            int uvSet = 0;
            if (source.Get(AI_MATKEY_UVWSRC(type, 0), uvSet) == AI_SUCCESS && uvSet > 0) {
                slot.uvSet = static_cast<std::uint32_t>(uvSet);
                warn("material '" + materialName + "' " + std::string(slotName) + " texture uses TEXCOORD_" +
                     std::to_string(uvSet) + "; only TEXCOORD_0 is imported, the renderer will sample uv0");
            }
            aiUVTransform transform;
            if (source.Get(AI_MATKEY_UVTRANSFORM(type, 0), transform) == AI_SUCCESS &&
                (transform.mTranslation != aiVector2D(0, 0) || transform.mScaling != aiVector2D(1, 1) ||
                 transform.mRotation != 0.0f))
                warn("material '" + materialName + "' " + std::string(slotName) +
                     " texture has a texture transform (KHR_texture_transform), which is ignored");

            const auto texture = textureFor(reference.C_Str(), srgb, readSampler(source, type), materialName, slotName);
            if (!texture) return std::nullopt;
            slot.texture = *texture;
            return slot;
        }
        return std::nullopt;
    }

    // Index of the Texture for (image, colour space, sampler), decoding the image the first time.
    std::optional<std::uint32_t> textureFor(const std::string& reference, bool srgb, const Sampler& sampler,
                                            const std::string& materialName, std::string_view slotName) {
        const auto key = std::make_tuple(reference, srgb, samplerKey(sampler));
        if (const auto found = textureIndexByKey_.find(key); found != textureIndexByKey_.end()) return found->second;

        auto image = loadImage(reference);
        if (!image) {
            // Remember the failure too, so a broken image is reported once, not once per material.
            textureIndexByKey_.emplace(key, std::nullopt);
            warn("material '" + materialName + "' " + std::string(slotName) + " texture '" +
                 displayName(reference) + "': " + image.error().message + "; slot left empty");
            return std::nullopt;
        }
        Texture texture;
        texture.name = displayName(reference);
        texture.width = image->width;
        texture.height = image->height;
        texture.pixels = std::move(image->pixels);
        texture.srgb = srgb;
        texture.sampler = sampler;
        const auto index = static_cast<std::uint32_t>(scene_.textures.size());
        scene_.textures.push_back(std::move(texture));
        textureIndexByKey_.emplace(key, index);
        return index;
    }

    static std::tuple<int, int, int, int, int, bool> samplerKey(const Sampler& s) {
        return {static_cast<int>(s.wrapU), static_cast<int>(s.wrapV), static_cast<int>(s.magFilter),
                static_cast<int>(s.minFilter), static_cast<int>(s.mipmapFilter), s.useMipmaps};
    }

    std::string displayName(const std::string& reference) const {
        if (reference.starts_with("data:")) return "data URI (" + std::to_string(reference.size()) + " bytes)";
        if (const aiTexture* embedded = source_.GetEmbeddedTexture(reference.c_str());
            embedded != nullptr && embedded->mFilename.length > 0)
            return embedded->mFilename.C_Str();
        if (reference.starts_with("*")) return "embedded image " + reference.substr(1);
        return reference;
    }

    Result<detail::DecodedImage> loadImage(const std::string& reference) const {
        if (const aiTexture* embedded = source_.GetEmbeddedTexture(reference.c_str())) return decodeEmbedded(*embedded);
        if (reference.starts_with("*")) return fail("embedded texture ", reference.substr(1), " does not exist");
        if (reference.starts_with("data:")) {
            auto bytes = detail::decodeBase64DataUri(reference);
            if (!bytes) return bytes.error();
            return detail::decodeImage(*bytes);
        }
        return detail::decodeImageFile(resolveExternalImage(reference));
    }

    // The file an external image reference points to, relative to the model. Tries the reference
    // as written, then percent-decoded (glTF URIs), then with Windows separators (OBJ/FBX written
    // on Windows: ".\tex.jpg"), then just its file name next to the model (FBX files often hold
    // the artist's absolute path). Returns the first candidate when none exists, for the message.
    std::filesystem::path resolveExternalImage(const std::string& reference) const {
        std::string forwardSlashes = percentDecoded(reference);
        std::replace(forwardSlashes.begin(), forwardSlashes.end(), '\\', '/');
        const std::filesystem::path candidates[] = {
            modelDirectory_ / reference,
            modelDirectory_ / percentDecoded(reference),
            modelDirectory_ / forwardSlashes,
            modelDirectory_ / std::filesystem::path(forwardSlashes).filename(),
        };
        for (const auto& candidate : candidates) {
            std::error_code error;
            if (std::filesystem::is_regular_file(candidate, error)) return candidate.lexically_normal();
        }
        return candidates[0].lexically_normal();
    }

    static Result<detail::DecodedImage> decodeEmbedded(const aiTexture& embedded) {
        if (embedded.pcData == nullptr) return fail("embedded image has no data");
        if (embedded.mHeight == 0) {
            // Compressed (PNG, JPEG...): mWidth is the size in bytes.
            const auto* bytes = reinterpret_cast<const std::uint8_t*>(embedded.pcData);
            return detail::decodeImage(std::span<const std::uint8_t>(bytes, embedded.mWidth));
        }
        if (embedded.mWidth > detail::kMaxImageDimension || embedded.mHeight > detail::kMaxImageDimension)
            return fail("embedded image size ", std::to_string(embedded.mWidth), "x", std::to_string(embedded.mHeight),
                        " is too large");
        detail::DecodedImage image;
        image.width = embedded.mWidth;
        image.height = embedded.mHeight;
        const std::size_t texelCount = std::size_t{image.width} * image.height;
        image.pixels.resize(texelCount * 4);
        for (std::size_t i = 0; i < texelCount; ++i) {
            const aiTexel& texel = embedded.pcData[i]; // stored as B, G, R, A
            image.pixels[i * 4 + 0] = texel.r;
            image.pixels[i * 4 + 1] = texel.g;
            image.pixels[i * 4 + 2] = texel.b;
            image.pixels[i * 4 + 3] = texel.a;
        }
        return image;
    }

    static std::string percentDecoded(const std::string& uri) {
        std::string decoded;
        for (std::size_t i = 0; i < uri.size(); ++i) {
            if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
                std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
                decoded.push_back(static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16)));
                i += 2;
            } else {
                decoded.push_back(uri[i]);
            }
        }
        return decoded;
    }

    // --- Nodes -----------------------------------------------------------------------------

    void convertNodes() {
        if (source_.mRootNode == nullptr) {
            Node root;
            root.name = "root";
            scene_.nodes.push_back(std::move(root));
            scene_.root = 0;
            if (source_.mNumMeshes > 0) warn("the file has meshes but no node hierarchy; nothing is placed");
            return;
        }
        struct Pending {
            const aiNode* node;
            std::optional<std::uint32_t> parent;
        };
        std::vector<Pending> stack{{source_.mRootNode, std::nullopt}};
        std::unordered_set<const aiNode*> visited;
        std::size_t droppedMeshReferences = 0;
        while (!stack.empty()) {
            const Pending pending = stack.back();
            stack.pop_back();
            // Assimp builds a tree, but a node reached twice would make our hierarchy a graph.
            if (pending.node == nullptr || !visited.insert(pending.node).second) continue;

            const auto index = static_cast<std::uint32_t>(scene_.nodes.size());
            Node node;
            node.name = pending.node->mName.C_Str();
            node.localTransform = toGlm(pending.node->mTransformation);
            node.parent = pending.parent;
            for (unsigned int m = 0; m < pending.node->mNumMeshes; ++m) {
                const unsigned int assimpMesh = pending.node->mMeshes[m];
                if (assimpMesh < meshIndexByAssimpIndex_.size() && meshIndexByAssimpIndex_[assimpMesh])
                    node.meshes.push_back(*meshIndexByAssimpIndex_[assimpMesh]);
                else
                    ++droppedMeshReferences;
            }
            node.tiledImage = tiledImageLink(*pending.node);
            scene_.nodes.push_back(std::move(node));
            if (pending.parent) scene_.nodes[*pending.parent].children.push_back(index);
            nodeIndexByName_.emplace(pending.node->mName.C_Str(), index); // first node of a name wins

            for (unsigned int c = pending.node->mNumChildren; c-- > 0;)
                stack.push_back({pending.node->mChildren[c], index});
        }
        scene_.root = 0;
        if (droppedMeshReferences > 0)
            XRS_LOG_DEBUG("{}: {} node mesh reference(s) to dropped meshes ignored", label_, droppedMeshReferences);
    }

    // glTF node extras "xrsTilePyramid" (see scene::TiledImageLink). Assimp hands glTF extras
    // over as nested metadata: objects and arrays become aiMetadata, numbers int32, uint64 or
    // double. A malformed link is dropped with a warning naming it: the baked texture stays.
    std::optional<TiledImageLink> tiledImageLink(const aiNode& node) {
        if (!isGltf_ || node.mMetaData == nullptr) return std::nullopt;
        const aiMetadataEntry* entry = metadataEntry(*node.mMetaData, "xrsTilePyramid");
        if (entry == nullptr) return std::nullopt;
        const auto reject = [&](std::string_view why) -> std::optional<TiledImageLink> {
            warn(std::string("node '") + node.mName.C_Str() + "': extras.xrsTilePyramid" + std::string(why) +
                 "; it shows its baked texture only");
            return std::nullopt;
        };
        if (entry->mType != AI_AIMETADATA) return reject(": expected an object");
        const auto& link = *static_cast<const aiMetadata*>(entry->mData);
        const aiMetadataEntry* index = metadataEntry(link, "index");
        if (index == nullptr || index->mType != AI_AISTRING || static_cast<const aiString*>(index->mData)->length == 0)
            return reject(".index: expected the pyramid's index.json, relative to the model");
        const aiMetadataEntry* u = metadataEntry(link, "u");
        if (u == nullptr || u->mType != AI_AIMETADATA || static_cast<const aiMetadata*>(u->mData)->mNumProperties != 2)
            return reject(".u: expected [u0, u1]");
        const auto& range = *static_cast<const aiMetadata*>(u->mData);
        const std::optional<double> u0 = metadataNumber(range.mValues[0]), u1 = metadataNumber(range.mValues[1]);
        if (!u0 || !u1 || !(*u0 >= 0.0 && *u0 < *u1 && *u1 <= 1.0)) return reject(".u: expected 0 <= u0 < u1 <= 1");
        TiledImageLink result;
        result.index = (modelDirectory_ / static_cast<const aiString*>(index->mData)->C_Str()).lexically_normal();
        result.u0 = static_cast<float>(*u0);
        result.u1 = static_cast<float>(*u1);
        return result;
    }

    static const aiMetadataEntry* metadataEntry(const aiMetadata& metadata, std::string_view key) {
        for (unsigned int i = 0; i < metadata.mNumProperties; ++i)
            if (std::string_view(metadata.mKeys[i].C_Str()) == key) return &metadata.mValues[i];
        return nullptr;
    }

    static std::optional<double> metadataNumber(const aiMetadataEntry& entry) {
        switch (entry.mType) {
        case AI_INT32: return *static_cast<const std::int32_t*>(entry.mData);
        case AI_UINT64: return static_cast<double>(*static_cast<const std::uint64_t*>(entry.mData));
        case AI_FLOAT: return *static_cast<const float*>(entry.mData);
        case AI_DOUBLE: return *static_cast<const double*>(entry.mData);
        default: return std::nullopt;
        }
    }

    // Node an Assimp camera/light is attached to (same name, Assimp's convention), plus a child
    // node when the object has its own frame inside that node, so the renderer's rule "looks down
    // -Z of its node" holds for every format.
    std::uint32_t attachmentNode(const aiString& name, std::string_view kind, const glm::vec3& position,
                                 const glm::vec3& forward, const glm::vec3& up) {
        std::uint32_t node = scene_.root;
        if (const auto found = nodeIndexByName_.find(name.C_Str()); found != nodeIndexByName_.end()) {
            node = found->second;
        } else {
            warn(std::string(kind) + " '" + name.C_Str() + "' has no node of the same name; placed at the root");
        }
        if (isIdentityFrame(position, forward, up)) return node;
        Node frame;
        frame.name = std::string(name.C_Str()) + "." + std::string(kind) + "Frame";
        frame.localTransform = frameFromLookAt(position, forward, up);
        frame.parent = node;
        const auto index = static_cast<std::uint32_t>(scene_.nodes.size());
        scene_.nodes.push_back(std::move(frame));
        scene_.nodes[node].children.push_back(index);
        return index;
    }

    // --- Cameras and lights ----------------------------------------------------------------

    void convertCameras() {
        for (unsigned int i = 0; i < source_.mNumCameras; ++i) {
            const aiCamera* source = source_.mCameras[i];
            if (source == nullptr) continue;
            Camera camera;
            camera.name = nameOr(source->mName, "camera", i);
            camera.znear = source->mClipPlaneNear;
            camera.zfar = source->mClipPlaneFar;
            camera.aspect = source->mAspect;
            glm::vec3 position = toGlm(source->mPosition);
            glm::vec3 lookAt = toGlm(source->mLookAt);
            glm::vec3 up = toGlm(source->mUp);
            if (source->mHorizontalFOV == 0.0f && source->mOrthographicWidth > 0.0f) {
                camera.orthographic = true;
                camera.xmag = source->mOrthographicWidth;
            } else if (isGltf_ && source->mAspect > 0.0f) {
                // Assimp 5.2.5 quirk: its glTF reader sets mHorizontalFOV = yfov * aspectRatio
                // (not the trigonometric conversion), so dividing recovers glTF's yfov exactly.
                // A missing aspectRatio is reported as 1 and cannot be told apart.
                camera.yfov = source->mHorizontalFOV / source->mAspect;
            } else if (source->mAspect > 0.0f && source->mHorizontalFOV > 0.0f) {
                // Other formats: Assimp documents mHorizontalFOV as the full horizontal angle.
                camera.yfov = 2.0f * std::atan(std::tan(source->mHorizontalFOV * 0.5f) / source->mAspect);
            } else {
                camera.yfov = source->mHorizontalFOV > 0.0f ? source->mHorizontalFOV : glm::radians(60.0f);
                warn("camera '" + camera.name + "' has no aspect ratio; its horizontal field of view is used as vertical");
            }
            if (isGltf_) {
                // Assimp 5.2.5 quirk: its glTF reader copies the node's translation into
                // aiCamera::mPosition although the node transform already holds it; glTF cameras
                // always sit at their node's origin looking down -Z, so ignore the camera frame.
                position = glm::vec3(0.0f);
                lookAt = glm::vec3(0.0f, 0.0f, -1.0f);
                up = glm::vec3(0.0f, 1.0f, 0.0f);
            }
            camera.node = attachmentNode(source->mName, "camera", position, lookAt, up);
            const auto index = static_cast<std::uint32_t>(scene_.cameras.size());
            if (!scene_.nodes[camera.node].camera) scene_.nodes[camera.node].camera = index;
            scene_.cameras.push_back(std::move(camera));
        }
    }

    void convertLights() {
        for (unsigned int i = 0; i < source_.mNumLights; ++i) {
            const aiLight* source = source_.mLights[i];
            if (source == nullptr) continue;
            Light light;
            light.name = nameOr(source->mName, "light", i);
            switch (source->mType) {
            case aiLightSource_DIRECTIONAL: light.type = LightType::Directional; break;
            case aiLightSource_POINT: light.type = LightType::Point; break;
            case aiLightSource_SPOT: light.type = LightType::Spot; break;
            default:
                warn("light '" + light.name + "' is of a type we do not render (ambient/area); skipped");
                continue;
            }
            // Assimp's glTF reader multiplies colour by intensity; split them again so that the
            // colour's largest component is 1.
            const glm::vec3 radiance{source->mColorDiffuse.r, source->mColorDiffuse.g, source->mColorDiffuse.b};
            const float peak = std::max({radiance.r, radiance.g, radiance.b});
            light.intensity = peak > 0.0f && std::isfinite(peak) ? peak : 0.0f;
            light.color = light.intensity > 0.0f ? radiance / peak : glm::vec3(1.0f);
            light.innerConeAngle = source->mAngleInnerCone;
            light.outerConeAngle = source->mAngleOuterCone;

            glm::vec3 forward = toGlm(source->mDirection);
            if (light.type == LightType::Point || !isFinite(forward) || glm::length(forward) < 1e-12f)
                forward = glm::vec3(0.0f, 0.0f, -1.0f);
            glm::vec3 up = toGlm(source->mUp);
            if (!isFinite(up) || glm::length(up) < 1e-12f) up = glm::vec3(0.0f, 1.0f, 0.0f);
            light.node = attachmentNode(source->mName, "light", toGlm(source->mPosition), forward, up);
            const auto index = static_cast<std::uint32_t>(scene_.lights.size());
            if (!scene_.nodes[light.node].light) scene_.nodes[light.node].light = index;
            scene_.lights.push_back(std::move(light));
        }
    }

    const aiScene& source_;
    std::filesystem::path modelDirectory_;
    std::string label_;
    bool isGltf_ = false; // selects the workarounds for Assimp's glTF reader (see convertCameras)
    Scene scene_;
    std::vector<std::optional<std::uint32_t>> meshIndexByAssimpIndex_;
    std::unordered_map<std::string, std::uint32_t> nodeIndexByName_;
    std::map<std::tuple<std::string, bool, std::tuple<int, int, int, int, int, bool>>, std::optional<std::uint32_t>>
        textureIndexByKey_;
    std::unordered_map<unsigned int, std::uint32_t> materialIndexByAssimpIndex_;
    std::optional<std::uint32_t> defaultMaterial_;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] importScene
// ---------------------------------------------------------------------------------------------

Result<Scene> importScene(const std::filesystem::path& path) {
    const std::string label = path.string();
    try {
        if (auto status = checkModelFile(path, label); !status) return status.error();
        forwardAssimpLogWhenDebugging();

        Assimp::Importer importer;
        std::string extension = path.extension().string();
        if (extension.empty() || !importer.IsExtensionSupported(extension))
            return fail(label, ": unsupported model format '", extension, "'");
        // No fake skeleton meshes for files without geometry; keep line/point meshes separate
        // (SortByPType) so they can be dropped with a warning.
        importer.SetPropertyBool(AI_CONFIG_IMPORT_NO_SKELETON_MESHES, true);
        constexpr unsigned int kPostProcess = aiProcess_ValidateDataStructure | aiProcess_Triangulate |
                                              aiProcess_SortByPType | aiProcess_GenSmoothNormals |
                                              aiProcess_CalcTangentSpace | aiProcess_JoinIdenticalVertices;
        const aiScene* imported = importer.ReadFile(path.string(), kPostProcess);
        if (imported == nullptr) {
            std::string reason = importer.GetErrorString();
            if (reason.empty()) reason = "Assimp could not read the file";
            return fail(label, ": ", reason);
        }
        if ((imported->mFlags & AI_SCENE_FLAGS_INCOMPLETE) != 0 && imported->mNumMeshes == 0 &&
            imported->mRootNode == nullptr)
            return fail(label, ": the file contains no scene");

        auto scene = SceneConverter(*imported, path, label).convert();
        if (scene) {
            XRS_LOG_DEBUG("{}: {} nodes, {} meshes, {} materials, {} textures, {} cameras, {} lights", label,
                          scene->nodes.size(), scene->meshes.size(), scene->materials.size(), scene->textures.size(),
                          scene->cameras.size(), scene->lights.size());
        }
        return scene;
    } catch (const std::exception& exception) {
        return fail(label, ": import failed: ", exception.what());
    } catch (...) {
        return fail(label, ": import failed with an unknown exception");
    }
}

} // namespace xrs::scene
