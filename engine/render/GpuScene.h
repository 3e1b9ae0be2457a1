#pragma once
// The GPU copy of a scene::Scene: one vertex and one index buffer for all meshes, a texture per
// scene texture (with mips), a descriptor set per material, and the flattened draw list. It
// owns these objects; they live as long as the scene is shown (retire it through the
// FrameRing when switching scenes while frames are in flight).
#include "core/Result.h"
#include "gpu/Buffer.h"
#include "gpu/DeviceHandle.h"
#include "gpu/Image.h"
#include "scene/Scene.h"
#include "scene/TiledImages.h"
#include "shaders/shared/SceneTypes.h"

#include <memory>
#include <optional>
#include <vector>

namespace xrs::render {

struct GpuMaterial {
    VkDescriptorSet descriptorSet = VK_NULL_HANDLE;
    shader::DrawPushConstants constants{}; // everything but the model matrix
    scene::AlphaMode alphaMode = scene::AlphaMode::Opaque;
    bool doubleSided = false;
};

struct GpuDraw {
    glm::mat4 world{1.0f};
    glm::vec3 worldCenter{0.0f}; // for back-to-front sorting of blended draws
    std::uint32_t firstIndex = 0;
    std::uint32_t indexCount = 0;
    std::int32_t vertexOffset = 0;
    std::uint32_t material = 0;
    // Part of a tiled image (GpuScene::tiledImages()): its index there, and the image's u range
    // across the mesh's uv.x (SceneRenderer streams finer tiles over the baked texture).
    std::optional<std::uint32_t> tiledImage;
    glm::vec2 imageU{0.0f, 1.0f};
    // scene::Node::placedModel of its node: which composed model it belongs to (0: none), so a
    // model can be dissolved on its own (SceneDrawOptions::dissolves).
    std::uint32_t placedModel = 0;
};

class GpuScene {
public:
    // `materialLayout` is the renderer's set-1 layout (five combined image samplers).
    static Result<std::unique_ptr<GpuScene>> upload(gpu::Context& context, const scene::Scene& scene,
                                                    VkDescriptorSetLayout materialLayout);
    ~GpuScene() = default;
    GpuScene(const GpuScene&) = delete;
    GpuScene& operator=(const GpuScene&) = delete;

    VkBuffer vertexBuffer() const { return vertices_.handle(); }
    VkBuffer indexBuffer() const { return indices_.handle(); }
    const std::vector<GpuDraw>& draws() const { return draws_; }
    const GpuMaterial& material(std::uint32_t index) const { return materials_[index]; }
    const scene::Aabb& bounds() const { return bounds_; }
    // The tiled images the scene shows (render/TiledImages streams them), in draw order.
    const std::vector<scene::TiledImagePlacement>& tiledImages() const { return tiledImages_; }
    std::size_t textureBytes() const { return textureBytes_; }

private:
    GpuScene() = default;
    VkSampler samplerFor(gpu::Context& context, const scene::Sampler& sampler);

    gpu::Buffer vertices_;
    gpu::Buffer indices_;
    std::vector<gpu::Image> textures_;
    gpu::Image whiteSrgb_, whiteLinear_, flatNormal_; // stand-ins for absent texture slots
    std::vector<std::pair<scene::Sampler, gpu::SamplerHandle>> samplers_;
    gpu::DescriptorPoolHandle descriptorPool_;
    std::vector<GpuMaterial> materials_;
    std::vector<GpuDraw> draws_;
    std::vector<scene::TiledImagePlacement> tiledImages_;
    scene::Aabb bounds_;
    std::size_t textureBytes_ = 0;
};

} // namespace xrs::render
