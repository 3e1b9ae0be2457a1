#include "render/GpuScene.h"

#include "core/Log.h"
#include "gpu/Context.h"
#include "gpu/StagingUploader.h"
#include "gpu/VkCheck.h"

#include <array>

namespace xrs::render {
namespace {

VkSamplerAddressMode addressMode(scene::WrapMode mode) {
    switch (mode) {
    case scene::WrapMode::Repeat: return VK_SAMPLER_ADDRESS_MODE_REPEAT;
    case scene::WrapMode::ClampToEdge: return VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    case scene::WrapMode::MirroredRepeat: return VK_SAMPLER_ADDRESS_MODE_MIRRORED_REPEAT;
    }
    return VK_SAMPLER_ADDRESS_MODE_REPEAT;
}

VkFilter filter(scene::FilterMode mode) {
    return mode == scene::FilterMode::Nearest ? VK_FILTER_NEAREST : VK_FILTER_LINEAR;
}

std::span<const std::byte> asBytes(const auto& vector) {
    return std::as_bytes(std::span(vector));
}

Result<gpu::Image> solidTexture(gpu::Context& context, gpu::StagingUploader& uploader,
                                std::array<std::uint8_t, 4> texel, bool srgb, const char* name) {
    gpu::ImageDesc desc;
    desc.format = srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    auto image = gpu::Image::create(context, desc, name);
    if (!image) return image.error();
    if (auto s = uploader.uploadTexture(*image, std::as_bytes(std::span(texel))); !s)
        return s.error();
    return image;
}

} // namespace

VkSampler GpuScene::samplerFor(gpu::Context& context, const scene::Sampler& sampler) {
    for (const auto& [desc, handle] : samplers_)
        if (desc == sampler) return handle;
    VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    info.magFilter = filter(sampler.magFilter);
    info.minFilter = filter(sampler.minFilter);
    info.mipmapMode = sampler.mipmapFilter == scene::FilterMode::Nearest
                          ? VK_SAMPLER_MIPMAP_MODE_NEAREST
                          : VK_SAMPLER_MIPMAP_MODE_LINEAR;
    info.addressModeU = addressMode(sampler.wrapU);
    info.addressModeV = addressMode(sampler.wrapV);
    info.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
    info.maxLod = sampler.useMipmaps ? VK_LOD_CLAMP_NONE : 0.0f;
    // Anisotropic filtering where it is cheap: on a GPU it is nearly free; lavapipe's sampler
    // takes a slow path whenever it is on, at any degree (the museum hall at headset size: 911
    // ms a frame with 8x, 923 with 2x, 438 without; a capture-pano frame 3x slower), so there
    // textures are only trilinear.
    if (context.enabledFeatures().samplerAnisotropy && sampler.useMipmaps && !context.info().isSoftware) {
        info.anisotropyEnable = VK_TRUE;
        info.maxAnisotropy = std::min(8.0f, context.properties().limits.maxSamplerAnisotropy);
    }
    VkSampler handle = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreateSampler(context.device(), &info, nullptr, &handle));
    samplers_.emplace_back(sampler, gpu::SamplerHandle(context.device(), handle));
    return handle;
}

Result<std::unique_ptr<GpuScene>> GpuScene::upload(gpu::Context& context, const scene::Scene& source,
                                                   VkDescriptorSetLayout materialLayout) {
    std::unique_ptr<GpuScene> gpuScene(new GpuScene());
    GpuScene& out = *gpuScene;
    gpu::StagingUploader uploader(context);
    const std::string sceneName = source.sourcePath.filename().string();

    // Geometry: all meshes in one vertex and one index buffer; a draw is a range of them.
    std::vector<scene::Vertex> vertices;
    std::vector<std::uint32_t> indices;
    struct MeshRange { std::uint32_t firstIndex, indexCount; std::int32_t vertexOffset; };
    std::vector<MeshRange> ranges;
    for (const auto& mesh : source.meshes) {
        ranges.push_back({static_cast<std::uint32_t>(indices.size()),
                          static_cast<std::uint32_t>(mesh.indices.size()),
                          static_cast<std::int32_t>(vertices.size())});
        vertices.insert(vertices.end(), mesh.vertices.begin(), mesh.vertices.end());
        indices.insert(indices.end(), mesh.indices.begin(), mesh.indices.end());
    }
    if (!vertices.empty() && !indices.empty()) {
        auto vb = gpu::Buffer::create(context, vertices.size() * sizeof(scene::Vertex),
                                      VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                      gpu::MemoryUsage::GpuOnly, "scene vertices");
        if (!vb) return fail(sceneName, ": ", vb.error().message);
        auto ib = gpu::Buffer::create(context, indices.size() * sizeof(std::uint32_t),
                                      VK_BUFFER_USAGE_INDEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                      gpu::MemoryUsage::GpuOnly, "scene indices");
        if (!ib) return fail(sceneName, ": ", ib.error().message);
        out.vertices_ = std::move(*vb);
        out.indices_ = std::move(*ib);
        if (auto s = uploader.uploadToBuffer(out.vertices_, asBytes(vertices)); !s) return s.error();
        if (auto s = uploader.uploadToBuffer(out.indices_, asBytes(indices)); !s) return s.error();
    }

    // Textures, with a full mip chain unless the sampler asked for none.
    for (const auto& texture : source.textures) {
        gpu::ImageDesc desc;
        desc.format = texture.srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
        desc.extent = {texture.width, texture.height};
        desc.mipLevels = texture.sampler.useMipmaps ? gpu::mipCountFor(desc.extent) : 1;
        desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                     VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
        auto image = gpu::Image::create(context, desc, texture.name.c_str());
        if (!image) return fail(sceneName, ": texture ", texture.name, ": ", image.error().message);
        if (auto s = uploader.uploadTexture(*image, asBytes(texture.pixels)); !s) return s.error();
        out.textureBytes_ += texture.pixels.size() * 4 / 3; // with mips
        out.textures_.push_back(std::move(*image));
    }
    auto white = solidTexture(context, uploader, {255, 255, 255, 255}, true, "white sRGB");
    auto whiteLinear = solidTexture(context, uploader, {255, 255, 255, 255}, false, "white");
    auto flat = solidTexture(context, uploader, {128, 128, 255, 255}, false, "flat normal");
    if (!white || !whiteLinear || !flat) return fail(sceneName, ": cannot create default textures");
    out.whiteSrgb_ = std::move(*white);
    out.whiteLinear_ = std::move(*whiteLinear);
    out.flatNormal_ = std::move(*flat);
    uploader.flush();

    // One descriptor set per material (at least one, for scenes without materials).
    std::vector<scene::Material> materials = source.materials;
    if (materials.empty()) materials.emplace_back();
    const auto setCount = static_cast<std::uint32_t>(materials.size());
    VkDescriptorPoolSize poolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                                  setCount * shader::kMaterialTextureCount};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = setCount;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &poolSize;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreateDescriptorPool(context.device(), &poolInfo, nullptr, &pool));
    out.descriptorPool_ = gpu::DescriptorPoolHandle(context.device(), pool);

    const scene::Sampler defaultSampler;
    for (const auto& material : materials) {
        GpuMaterial gpuMaterial;
        VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        alloc.descriptorPool = pool;
        alloc.descriptorSetCount = 1;
        alloc.pSetLayouts = &materialLayout;
        XRS_VK_CHECK(vkAllocateDescriptorSets(context.device(), &alloc, &gpuMaterial.descriptorSet));

        const std::optional<scene::TextureSlot>* slots[shader::kMaterialTextureCount] = {
            &material.baseColorTexture, &material.metallicRoughnessTexture,
            &material.normalTexture, &material.occlusionTexture, &material.emissiveTexture};
        const gpu::Image* fallbacks[shader::kMaterialTextureCount] = {
            &out.whiteSrgb_, &out.whiteLinear_, &out.flatNormal_, &out.whiteLinear_, &out.whiteSrgb_};
        VkDescriptorImageInfo images[shader::kMaterialTextureCount];
        VkWriteDescriptorSet writes[shader::kMaterialTextureCount];
        for (std::uint32_t i = 0; i < shader::kMaterialTextureCount; ++i) {
            const auto& slot = *slots[i];
            const bool present = slot && slot->texture < out.textures_.size();
            const gpu::Image& image = present ? out.textures_[slot->texture] : *fallbacks[i];
            const scene::Sampler& sampler =
                present ? source.textures[slot->texture].sampler : defaultSampler;
            images[i] = {out.samplerFor(context, sampler), image.view(),
                         VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
            writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
            writes[i].dstSet = gpuMaterial.descriptorSet;
            writes[i].dstBinding = i;
            writes[i].descriptorCount = 1;
            writes[i].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
            writes[i].pImageInfo = &images[i];
        }
        vkUpdateDescriptorSets(context.device(), shader::kMaterialTextureCount, writes, 0, nullptr);

        auto& c = gpuMaterial.constants;
        c.baseColorFactor = material.baseColorFactor;
        c.emissiveFactor = glm::vec4(material.emissiveFactor, material.alphaCutoff);
        c.material = {material.metallicFactor, material.roughnessFactor, material.normalScale,
                      material.occlusionStrength};
        const std::uint32_t alphaMode = material.alphaMode == scene::AlphaMode::Mask    ? shader::kAlphaMask
                                        : material.alphaMode == scene::AlphaMode::Blend ? shader::kAlphaBlend
                                                                                        : shader::kAlphaOpaque;
        c.flags = glm::uvec4(alphaMode | (material.normalTexture ? shader::kFlagHasNormalMap : 0u), 0, 0, 0);
        gpuMaterial.alphaMode = material.alphaMode;
        gpuMaterial.doubleSided = material.doubleSided;
        out.materials_.push_back(gpuMaterial);
    }

    out.tiledImages_ = scene::placeTiledImages(source);
    for (const auto& item : scene::buildDrawList(source)) {
        const auto& mesh = source.meshes[item.mesh];
        if (mesh.indices.empty()) continue;
        const auto& range = ranges[item.mesh];
        const scene::Aabb worldBounds = mesh.bounds.transformed(item.world);
        out.bounds_.extend(worldBounds);
        GpuDraw& draw = out.draws_.emplace_back();
        draw.world = item.world;
        draw.worldCenter = worldBounds.center();
        draw.firstIndex = range.firstIndex;
        draw.indexCount = range.indexCount;
        draw.vertexOffset = range.vertexOffset;
        draw.material = mesh.material < materials.size() ? mesh.material : 0;
        draw.placedModel = source.nodes[item.node].placedModel;
        if (const auto image = scene::tiledImageOf(source, item, out.tiledImages_)) {
            const scene::TiledImageLink& link = *source.nodes[item.node].tiledImage;
            draw.tiledImage = static_cast<std::uint32_t>(*image);
            draw.imageU = {link.u0, link.u1};
        }
    }
    XRS_LOG_DEBUG("{}: uploaded {} draws, {} textures, {} materials", sceneName, out.draws_.size(),
                  out.textures_.size(), out.materials_.size());
    return gpuScene;
}

} // namespace xrs::render
