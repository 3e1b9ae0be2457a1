#include "render/SceneRenderer.h"

#include "core/Assert.h"
#include "core/Log.h"
#include "gpu/Barriers.h"
#include "gpu/Pipeline.h"
#include "gpu/VkCheck.h"
#include "render/WorldOverlay.h"
#include "shaders/shared/VideoTypes.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <glm/gtc/matrix_inverse.hpp>

namespace xrs::render {
namespace {

VkSampleCountFlagBits supportedSamples(const gpu::Context& context, VkSampleCountFlagBits wanted) {
    const auto& limits = context.properties().limits;
    const VkSampleCountFlags counts =
        limits.framebufferColorSampleCounts & limits.framebufferDepthSampleCounts;
    for (auto s : {VK_SAMPLE_COUNT_8_BIT, VK_SAMPLE_COUNT_4_BIT, VK_SAMPLE_COUNT_2_BIT}) {
        if (s <= wanted && (counts & s)) return s;
    }
    return VK_SAMPLE_COUNT_1_BIT;
}

} // namespace

VkSampleCountFlagBits automaticSamples(const gpu::Context& context, bool only360Backgrounds) {
    return only360Backgrounds && context.info().isSoftware ? VK_SAMPLE_COUNT_1_BIT : VK_SAMPLE_COUNT_4_BIT;
}

Result<std::unique_ptr<SceneRenderer>> SceneRenderer::create(gpu::Context& context,
                                                             const RendererSettings& settings) {
    std::unique_ptr<SceneRenderer> renderer(new SceneRenderer(context));
    renderer->settings_ = settings;
    renderer->samples_ = supportedSamples(context, settings.samples);
    renderer->splitPasses_ = context.quirks().splitMultiviewPasses;
    VkDevice device = context.device();

    {   // Set 0: per-frame uniforms.
        VkDescriptorSetLayoutBinding binding{shader::kFrameUniformsBinding,
                                             VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1,
                                             VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                                             nullptr};
        VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
        info.bindingCount = 1;
        info.pBindings = &binding;
        VkDescriptorSetLayout layout = VK_NULL_HANDLE;
        XRS_VK_CHECK(vkCreateDescriptorSetLayout(device, &info, nullptr, &layout));
        renderer->frameLayout_ = gpu::DescriptorSetLayoutHandle(device, layout);
    }
    {   // Set 1: per-material textures.
        VkDescriptorSetLayoutBinding bindings[shader::kMaterialTextureCount];
        for (std::uint32_t i = 0; i < shader::kMaterialTextureCount; ++i)
            bindings[i] = {i, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
                           VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
        VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
        info.bindingCount = shader::kMaterialTextureCount;
        info.pBindings = bindings;
        VkDescriptorSetLayout layout = VK_NULL_HANDLE;
        XRS_VK_CHECK(vkCreateDescriptorSetLayout(device, &info, nullptr, &layout));
        renderer->materialLayout_ = gpu::DescriptorSetLayoutHandle(device, layout);
    }
    {   // Video set: per-level atlases, the base layer, the indirection table, parameters.
        const VkDescriptorSetLayoutBinding bindings[] = {
            {shader::kVideoLumaBinding, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, shader::kMaxVideoLevels, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {shader::kVideoChromaBinding, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, shader::kMaxVideoLevels, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {shader::kVideoBaseLumaBinding, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {shader::kVideoBaseChromaBinding, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {shader::kVideoTilesBinding, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {shader::kVideoParamsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1,
             VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
            {shader::kVideoPatchesBinding, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr}};
        VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
        info.bindingCount = static_cast<std::uint32_t>(std::size(bindings));
        info.pBindings = bindings;
        VkDescriptorSetLayout layout = VK_NULL_HANDLE;
        XRS_VK_CHECK(vkCreateDescriptorSetLayout(device, &info, nullptr, &layout));
        renderer->videoLayout_ = gpu::DescriptorSetLayoutHandle(device, layout);
        const VkDescriptorSetLayout sets[] = {renderer->frameLayout_, renderer->videoLayout_};
        // Same push constant range as the scene layout: layouts are only "compatible for set 0"
        // (the frame set stays bound across pipelines) when their push constant ranges match.
        VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                                 sizeof(shader::DrawPushConstants)};
        VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
        layoutInfo.setLayoutCount = 2;
        layoutInfo.pSetLayouts = sets;
        layoutInfo.pushConstantRangeCount = 1;
        layoutInfo.pPushConstantRanges = &push;
        VkPipelineLayout pipelineLayout = VK_NULL_HANDLE;
        XRS_VK_CHECK(vkCreatePipelineLayout(device, &layoutInfo, nullptr, &pipelineLayout));
        renderer->videoPipelineLayout_ = gpu::PipelineLayoutHandle(device, pipelineLayout);
    }
    {   // The scene: {frame, material}; tiled images add the video set: {frame, material, video}
        // (the same first two sets and push constants, so set 0 and 1 stay bound across both).
        const VkDescriptorSetLayout sets[] = {renderer->frameLayout_, renderer->materialLayout_, renderer->videoLayout_};
        static_assert(shader::kTiledImageSet == 2);
        VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                                 sizeof(shader::DrawPushConstants)};
        VkPipelineLayoutCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
        info.setLayoutCount = 2;
        info.pSetLayouts = sets;
        info.pushConstantRangeCount = 1;
        info.pPushConstantRanges = &push;
        VkPipelineLayout layout = VK_NULL_HANDLE;
        XRS_VK_CHECK(vkCreatePipelineLayout(device, &info, nullptr, &layout));
        renderer->pipelineLayout_ = gpu::PipelineLayoutHandle(device, layout);
        info.setLayoutCount = 3;
        XRS_VK_CHECK(vkCreatePipelineLayout(device, &info, nullptr, &layout));
        renderer->tiledPipelineLayout_ = gpu::PipelineLayoutHandle(device, layout);
    }
    {   // One uniform buffer and descriptor set per frame in flight, view set and pass.
        const std::uint32_t setCount = gpu::kFramesInFlight * kMaxViewSets * 2;
        VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, setCount};
        VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
        info.maxSets = setCount;
        info.poolSizeCount = 1;
        info.pPoolSizes = &size;
        VkDescriptorPool pool = VK_NULL_HANDLE;
        XRS_VK_CHECK(vkCreateDescriptorPool(device, &info, nullptr, &pool));
        renderer->framePool_ = gpu::DescriptorPoolHandle(device, pool);
        for (std::uint32_t slot = 0; slot < gpu::kFramesInFlight; ++slot) {
            for (std::uint32_t i = 0; i < kMaxViewSets * renderer->passCount(); ++i) {
                const std::uint32_t viewSet = i / renderer->passCount(), pass = i % renderer->passCount();
                auto buffer = gpu::Buffer::create(context, sizeof(shader::FrameUniforms),
                                                  VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                                                  gpu::MemoryUsage::Upload, "frame uniforms");
                if (!buffer) return buffer.error();
                gpu::Buffer& uniforms = renderer->frameUniforms_[slot][viewSet][pass];
                uniforms = std::move(*buffer);
                VkDescriptorSet& set = renderer->frameSets_[slot][viewSet][pass];
                VkDescriptorSetLayout layout = renderer->frameLayout_;
                VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
                alloc.descriptorPool = pool;
                alloc.descriptorSetCount = 1;
                alloc.pSetLayouts = &layout;
                XRS_VK_CHECK(vkAllocateDescriptorSets(device, &alloc, &set));
                VkDescriptorBufferInfo bufferInfo{uniforms.handle(), 0, sizeof(shader::FrameUniforms)};
                VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
                write.dstSet = set;
                write.dstBinding = shader::kFrameUniformsBinding;
                write.descriptorCount = 1;
                write.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
                write.pBufferInfo = &bufferInfo;
                vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
            }
        }
    }
    if (auto s = renderer->createPipelines(); !s) return s.error();
    return renderer;
}

SceneRenderer::~SceneRenderer() = default;

Status SceneRenderer::createPipelines() {
    auto pbrVert = gpu::loadShader(context_, "pbr.vert");
    auto pbrFrag = gpu::loadShader(context_, "pbr.frag");
    auto skyVert = gpu::loadShader(context_, "sky.vert");
    auto skyFrag = gpu::loadShader(context_, "sky.frag");
    auto videoVert = gpu::loadShader(context_, "video_sphere.vert");
    auto videoFrag = gpu::loadShader(context_, "video_sphere.frag");
    auto tiledFrag = gpu::loadShader(context_, "pbr_tiled.frag");
    for (auto* shader : {&pbrVert, &pbrFrag, &skyVert, &skyFrag, &videoVert, &videoFrag, &tiledFrag})
        if (!*shader) return shader->error();

    gpu::GraphicsPipelineDesc desc;
    desc.layout = pipelineLayout_;
    desc.colorFormat = settings_.outputFormat;
    desc.depthFormat = kDepthFormat;
    desc.viewMask = splitPasses_ ? 0b00 : 0b11;
    desc.samples = samples_;

    desc.vertexShader = *skyVert;
    desc.fragmentShader = *skyFrag;
    desc.cullMode = VK_CULL_MODE_NONE;
    desc.depthTest = false;
    desc.depthWrite = false;
    skyPipeline_ = gpu::createGraphicsPipeline(context_, desc);

    desc.vertexShader = *videoVert;
    desc.fragmentShader = *videoFrag;
    desc.layout = videoPipelineLayout_;
    for (std::uint32_t debugTiles = 0; debugTiles < 2; ++debugTiles)
        for (std::uint32_t source = 0; source < shader::kVideoSourceCount; ++source) {
            desc.fragmentConstants = {source, debugTiles};
            videoPipelines_[debugTiles][source] = gpu::createGraphicsPipeline(context_, desc);
        }
    desc.fragmentConstants.clear();
    desc.layout = pipelineLayout_;

    desc.vertexShader = *pbrVert;
    desc.fragmentShader = *pbrFrag;
    desc.vertexBindings = {{0, sizeof(scene::Vertex), VK_VERTEX_INPUT_RATE_VERTEX}};
    desc.vertexAttributes = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(scene::Vertex, position)},
        {1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(scene::Vertex, normal)},
        {2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(scene::Vertex, tangent)},
        {3, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(scene::Vertex, uv0)},
        {4, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(scene::Vertex, color)}};
    desc.depthTest = true;
    // glTF fronts are counter-clockwise in a y-up clip space; the projection flips y for
    // Vulkan's y-down NDC (core/View.h), which mirrors the winding on screen.
    desc.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    for (int blend = 0; blend < 2; ++blend) {
        for (int doubleSided = 0; doubleSided < 2; ++doubleSided) {
            desc.blend = blend ? gpu::GraphicsPipelineDesc::Blend::Straight : gpu::GraphicsPipelineDesc::Blend::None;
            desc.depthWrite = blend == 0; // translucent surfaces don't hide what's behind them
            desc.cullMode = doubleSided ? VK_CULL_MODE_NONE : VK_CULL_MODE_BACK_BIT;
            desc.fragmentShader = *pbrFrag;
            desc.layout = pipelineLayout_;
            scenePipelines_[blend][doubleSided] = gpu::createGraphicsPipeline(context_, desc);
            desc.fragmentShader = *tiledFrag;
            desc.layout = tiledPipelineLayout_;
            tiledPipelines_[blend][doubleSided] = gpu::createGraphicsPipeline(context_, desc);
        }
    }
    desc.fragmentShader = *pbrFrag;
    desc.layout = pipelineLayout_;
    if (context_.enabledFeatures().fillModeNonSolid) {
        desc.blend = gpu::GraphicsPipelineDesc::Blend::None;
        desc.depthWrite = true;
        desc.cullMode = VK_CULL_MODE_NONE; // back faces too: the debug view shows all the geometry
        desc.polygonMode = VK_POLYGON_MODE_LINE;
        wireframePipeline_ = gpu::createGraphicsPipeline(context_, desc);
    }
    if (settings_.wireframe && !wireframePipeline_) {
        XRS_LOG_WARN("wireframe view: the device cannot draw polygons as lines (no fillModeNonSolid)");
        settings_.wireframe = false;
    }
    return {};
}

bool SceneRenderer::setWireframe(bool on) {
    if (on && !wireframePipeline_) return false;
    settings_.wireframe = on;
    return true;
}

void SceneRenderer::ensureAttachments(gpu::FrameRing& frames, ViewSetTargets& t, VkExtent2D extent) {
    if (t.extent.width == extent.width && t.extent.height == extent.height && t.depth[0].valid()) return;
    // The old attachments may still be in use by a frame in flight.
    for (auto& view : t.msaaLayerViews) if (view) frames.retire(std::move(view));
    if (t.msaaColor.valid()) frames.retire(std::move(t.msaaColor));
    for (auto& image : t.depth) if (image.valid()) frames.retire(std::move(image));
    for (auto& image : t.depthResolve) if (image.valid()) frames.retire(std::move(image));

    gpu::ImageDesc depthDesc;
    depthDesc.format = kDepthFormat;
    depthDesc.extent = extent;
    depthDesc.layers = splitPasses_ ? 1 : 2;
    depthDesc.samples = samples_;
    // TRANSFER_SRC: without MSAA this is the depth copied to outputs that take depth.
    depthDesc.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    depthDesc.viewType = splitPasses_ ? VK_IMAGE_VIEW_TYPE_2D : VK_IMAGE_VIEW_TYPE_2D_ARRAY;
    for (std::uint32_t i = 0; i < depthImageCount(); ++i) {
        auto depth = gpu::Image::create(context_, depthDesc, "stereo depth");
        XRS_EXPECT(depth.ok(), "cannot allocate the depth attachment");
        t.depth[i] = std::move(*depth);
    }

    if (samples_ != VK_SAMPLE_COUNT_1_BIT) {
        gpu::ImageDesc colorDesc = depthDesc;
        colorDesc.format = settings_.outputFormat;
        colorDesc.layers = 2;
        colorDesc.viewType = VK_IMAGE_VIEW_TYPE_2D_ARRAY;
        colorDesc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                          (splitPasses_ ? VK_IMAGE_USAGE_TRANSFER_SRC_BIT
                                        : VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT);
        auto color = gpu::Image::create(context_, colorDesc, "stereo msaa colour");
        XRS_EXPECT(color.ok(), "cannot allocate the MSAA colour attachment");
        t.msaaColor = std::move(*color);
        if (splitPasses_)
            for (std::uint32_t layer = 0; layer < 2; ++layer)
                t.msaaLayerViews[layer] = gpu::ImageViewHandle(
                    context_.device(), t.msaaColor.createView(VK_IMAGE_VIEW_TYPE_2D, layer, 1));
    }
    t.extent = extent;
}

void SceneRenderer::ensureDepthResolve(gpu::FrameRing& frames, ViewSetTargets& t, VkExtent2D extent) {
    ensureAttachments(frames, t, extent); // drops resolve images of another extent
    if (samples_ == VK_SAMPLE_COUNT_1_BIT || t.depthResolve[0].valid()) return;
    gpu::ImageDesc desc;
    desc.format = kDepthFormat;
    desc.extent = extent;
    desc.layers = splitPasses_ ? 1 : 2;
    desc.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    desc.viewType = splitPasses_ ? VK_IMAGE_VIEW_TYPE_2D : VK_IMAGE_VIEW_TYPE_2D_ARRAY;
    for (std::uint32_t i = 0; i < depthImageCount(); ++i) {
        auto image = gpu::Image::create(context_, desc, "resolved depth");
        XRS_EXPECT(image.ok(), "cannot allocate the resolved depth image");
        t.depthResolve[i] = std::move(*image);
    }
}

void SceneRenderer::writeFrameUniforms(std::uint32_t slot, std::uint32_t viewSet, const StereoViews& views,
                                       const Lighting& lighting) {
    for (std::uint32_t pass = 0; pass < passCount(); ++pass) {
        shader::FrameUniforms u{};
        for (std::uint32_t view = 0; view < 2; ++view) {
            // Split passes render one view each: that pass's eye goes in slot 0.
            const EyeView& eye = views.eyes[(view + pass) % 2];
            const glm::mat4 viewProjection =
                projectionFromFov(eye.fov, views.nearZ) * viewFromPose(eye.pose);
            u.viewProjection[view] = viewProjection;
            u.inverseViewProjection[view] = glm::inverse(viewProjection);
            u.cameraPosition[view] = glm::vec4(eye.pose.position, 1.0f);
        }
        u.lightDirection = glm::vec4(glm::normalize(lighting.lightDirection), 0.0f);
        u.lightColor = glm::vec4(lighting.lightColor * lighting.lightIntensity, 0.0f);
        u.skyZenith = glm::vec4(lighting.skyZenith, 0.0f);
        u.skyHorizon = glm::vec4(lighting.skyHorizon, 0.0f);
        u.groundColor = glm::vec4(lighting.groundColor, 0.0f);
        u.exposure = glm::vec4(lighting.exposure, 0.0f, 0.0f, 0.0f);
        u.viewEye = glm::uvec4(pass, (1 + pass) % 2, static_cast<std::uint32_t>(settings_.debugView), 0);
        frameUniforms_[slot][viewSet][pass].write(std::as_bytes(std::span(&u, 1)));
    }
}

VkPipeline SceneRenderer::pipelineFor(const GpuMaterial& material, bool tiledImage) const {
    if (settings_.wireframe) return wireframePipeline_;
    const int blend = material.alphaMode == scene::AlphaMode::Blend ? 1 : 0;
    return (tiledImage ? tiledPipelines_ : scenePipelines_)[blend][material.doubleSided ? 1 : 0];
}

namespace {

// Dissolve range as two 16-bit fixed-point halves (DrawPushConstants::flags.w).
std::uint32_t packDissolve(const Dissolve& dissolve) {
    const auto unorm16 = [](float value) {
        return static_cast<std::uint32_t>(std::lround(std::clamp(value, 0.0f, 1.0f) * 65535.0f));
    };
    return unorm16(dissolve.from) | (unorm16(dissolve.to) << 16);
}

} // namespace

void SceneRenderer::drawScene(VkCommandBuffer cmd, const GpuScene& scene, const StereoViews& views,
                              const SceneDrawOptions& options) {
    const std::span<const VkDescriptorSet> tiledImageSets = options.tiledImageSets;
    const auto dissolveOf = [&](const GpuDraw& draw) {
        if (draw.placedModel == 0 || draw.placedModel > options.dissolves.size()) return Dissolve{};
        return options.dissolves[draw.placedModel - 1];
    };
    if (scene.draws().empty()) return;
    const VkDeviceSize offset = 0;
    VkBuffer vertexBuffer = scene.vertexBuffer();
    vkCmdBindVertexBuffers(cmd, 0, 1, &vertexBuffer, &offset);
    vkCmdBindIndexBuffer(cmd, scene.indexBuffer(), 0, VK_INDEX_TYPE_UINT32);

    // Opaque and masked first (any order; depth sorts them), then blended back to front as
    // seen from between the eyes.
    std::vector<const GpuDraw*> opaque, blended;
    for (const auto& draw : scene.draws()) {
        if (dissolveOf(draw).empty()) continue;
        (scene.material(draw.material).alphaMode == scene::AlphaMode::Blend ? blended : opaque)
            .push_back(&draw);
    }
    const glm::vec3 eyeCenter = (views.eyes[0].pose.position + views.eyes[1].pose.position) * 0.5f;
    std::stable_sort(blended.begin(), blended.end(), [&](const GpuDraw* a, const GpuDraw* b) {
        return glm::distance(a->worldCenter, eyeCenter) > glm::distance(b->worldCenter, eyeCenter);
    });

    // A draw of a tiled image whose streamed tiles are here this frame uses the tiled pipeline;
    // without them it draws its baked texture like any other surface.
    const auto tiledSetOf = [&](const GpuDraw& draw) -> VkDescriptorSet {
        if (!draw.tiledImage || *draw.tiledImage >= tiledImageSets.size()) return VK_NULL_HANDLE;
        return tiledImageSets[*draw.tiledImage];
    };
    VkPipeline bound = VK_NULL_HANDLE;
    std::uint32_t boundMaterial = UINT32_MAX;
    VkDescriptorSet boundTiledSet = VK_NULL_HANDLE;
    for (const auto* list : {&opaque, &blended}) {
        for (const GpuDraw* draw : *list) {
            const GpuMaterial& material = scene.material(draw->material);
            const VkDescriptorSet tiledSet = settings_.wireframe ? VK_NULL_HANDLE : tiledSetOf(*draw);
            const VkPipelineLayout layout = tiledSet ? tiledPipelineLayout_ : pipelineLayout_;
            if (VkPipeline pipeline = pipelineFor(material, tiledSet != VK_NULL_HANDLE); pipeline != bound) {
                vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
                bound = pipeline;
            }
            if (draw->material != boundMaterial) {
                vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout, shader::kMaterialSet, 1,
                                        &material.descriptorSet, 0, nullptr);
                boundMaterial = draw->material;
            }
            if (tiledSet && tiledSet != boundTiledSet) {
                vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout, shader::kTiledImageSet, 1,
                                        &tiledSet, 0, nullptr);
                boundTiledSet = tiledSet;
            }
            shader::DrawPushConstants push = material.constants;
            push.model = draw->world;
            if (tiledSet) {
                push.flags.y = std::bit_cast<std::uint32_t>(draw->imageU.x);
                push.flags.z = std::bit_cast<std::uint32_t>(draw->imageU.y);
            }
            if (const Dissolve dissolve = dissolveOf(*draw); !dissolve.whole()) {
                push.flags.x |= shader::kFlagDissolve;
                push.flags.w = packDissolve(dissolve);
            }
            vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                               sizeof(push), &push);
            vkCmdDrawIndexed(cmd, draw->indexCount, 1, draw->firstIndex, draw->vertexOffset, 0);
        }
    }
}

void SceneRenderer::record(gpu::FrameContext& frame, gpu::FrameRing& frames, const GpuScene* scene,
                           const StereoViews& views, const Lighting& lighting,
                           const RenderOutput& output, const VideoBackground* video,
                           const WorldOverlay* overlay, const SceneDrawOptions& sceneOptions) {
    VkCommandBuffer cmd = frame.cmd;
    XRS_EXPECT(output.viewSet < kMaxViewSets, "RenderOutput::viewSet out of range");
    ViewSetTargets& t = targets_[output.viewSet];
    const bool depthOut = output.depthImage != VK_NULL_HANDLE;
    if (depthOut)
        ensureDepthResolve(frames, t, output.extent);
    else
        ensureAttachments(frames, t, output.extent);
    writeFrameUniforms(frame.slot, output.viewSet, views, lighting);

    const bool multisampled = samples_ != VK_SAMPLE_COUNT_1_BIT;
    // Each attachment waits for its own previous use (the last frame in submission order).
    VkImageMemoryBarrier2 barriers[6];
    std::uint32_t barrierCount = 0;
    // Split passes with MSAA resolve with a copy command (resolveOnCopy, see beginPass).
    const bool resolveByCopy = multisampled && splitPasses_;
    barriers[barrierCount++] = gpu::toBarrier(
        {.image = output.image,
         .oldLayout = multisampled ? VK_IMAGE_LAYOUT_UNDEFINED : output.layout,
         .newLayout = resolveByCopy ? VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL
                                    : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
         .srcStage = output.lastStage,
         .srcAccess = output.lastAccess,
         .dstStage = resolveByCopy ? VK_PIPELINE_STAGE_2_RESOLVE_BIT
                                   : VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
         .dstAccess = resolveByCopy ? VK_ACCESS_2_TRANSFER_WRITE_BIT
                                    : VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                                          VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT});
    for (std::uint32_t i = 0; i < depthImageCount(); ++i)
        barriers[barrierCount++] = gpu::toBarrier(
            {.image = t.depth[i].handle(),
             .aspect = VK_IMAGE_ASPECT_DEPTH_BIT,
             .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
             .newLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
             // Last read by a depth resolve (a colour-output read) or a copy out.
             .srcStage = VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT |
                         VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_COPY_BIT,
             .srcAccess = VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
             .dstStage = VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
             .dstAccess =
                 VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT});
    // Resolves, depth ones included, are colour-attachment writes at COLOR_ATTACHMENT_OUTPUT.
    for (const gpu::Image& resolved : t.depthResolve)
        if (depthOut && resolved.valid())
            barriers[barrierCount++] = gpu::toBarrier(
                {.image = resolved.handle(),
                 .aspect = VK_IMAGE_ASPECT_DEPTH_BIT,
                 .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
                 .newLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                 .srcStage = VK_PIPELINE_STAGE_2_COPY_BIT,
                 .srcAccess = VK_ACCESS_2_NONE,
                 .dstStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                 .dstAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT});
    if (multisampled)
        barriers[barrierCount++] = gpu::toBarrier(
            {.image = t.msaaColor.handle(),
             .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
             .newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
             .srcStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_RESOLVE_BIT,
             .srcAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
             .dstStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
             .dstAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT});
    VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dependency.imageMemoryBarrierCount = barrierCount;
    dependency.pImageMemoryBarriers = barriers;
    vkCmdPipelineBarrier2(cmd, &dependency);

    for (std::uint32_t pass = 0; pass < passCount(); ++pass) {
        beginPass(cmd, t, pass, output, sceneOptions.seeThrough);
        const VkViewport viewport{0.0f, 0.0f, static_cast<float>(output.extent.width),
                                  static_cast<float>(output.extent.height), 0.0f, 1.0f};
        const VkRect2D scissor{{0, 0}, output.extent};
        vkCmdSetViewport(cmd, 0, 1, &viewport);
        vkCmdSetScissor(cmd, 0, 1, &scissor);
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout_,
                                shader::kFrameSet, 1, &frameSets_[frame.slot][output.viewSet][pass], 0, nullptr);
        if (sceneOptions.seeThrough) {
            // The real world is the background.
        } else if (video) {
            drawVideo(cmd, *video, pass);
        } else {
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, skyPipeline_);
            vkCmdDraw(cmd, 3, 1, 0, 0);
        }
        if (scene) drawScene(cmd, *scene, views, sceneOptions);
        // The comfort vignette darkens the periphery: an inset (view set > 0) shows none of it.
        if (overlay)
            overlay->draw(cmd, frameSets_[frame.slot][output.viewSet][pass], views, pass,
                          /*vignette=*/output.viewSet == 0);
        vkCmdEndRendering(cmd);
    }
    if (resolveByCopy) resolveOnCopy(cmd, t, output);
    if (depthOut) copyDepthOut(cmd, t, output);
}

void SceneRenderer::drawVideo(VkCommandBuffer cmd, const VideoBackground& video, std::uint32_t pass) const {
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, videoPipelineLayout_, shader::kVideoSet, 1,
                            &video.set, 0, nullptr);
    vkCmdBindIndexBuffer(cmd, video.patchIndices, 0, VK_INDEX_TYPE_UINT32);
    const auto& pipelines = videoPipelines_[settings_.debugView == DebugView::VideoTiles ? 1 : 0];
    for (std::uint32_t source = 0; source < shader::kVideoSourceCount; ++source) {
        // A multiview pass draws every patch and each view drops the other eye's (vertex shader);
        // a pass of its own draws only its eye's (pass p draws eye p; mono patches are all eye 0).
        const auto& range = video.bySource[source];
        std::uint32_t first = range.first, count = range.count;
        if (splitPasses_ && range.firstEyeCount < range.count) {
            first = pass == 0 ? range.first : range.first + range.firstEyeCount;
            count = pass == 0 ? range.firstEyeCount : range.count - range.firstEyeCount;
        }
        if (count == 0) continue;
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines[source]);
        vkCmdDrawIndexed(cmd, video.indicesPerPatch, count, 0, 0, first);
    }
}

void SceneRenderer::copyDepthOut(VkCommandBuffer cmd, const ViewSetTargets& t, const RenderOutput& output) const {
    const bool resolved = samples_ != VK_SAMPLE_COUNT_1_BIT;
    // Sources: depth_ itself, or the resolve images, each copied whole into its layer(s).
    struct Source {
        VkImage image;
        std::uint32_t firstOutputLayer, layers;
    };
    const std::array<gpu::Image, 2>& images = resolved ? t.depthResolve : t.depth;
    std::array<Source, 2> sources{};
    const std::uint32_t sourceCount = depthImageCount();
    if (splitPasses_)
        for (std::uint32_t eye = 0; eye < 2; ++eye) sources[eye] = {images[eye].handle(), eye, 1};
    else
        sources[0] = {images[0].handle(), 0, 2};

    VkImageMemoryBarrier2 barriers[3];
    std::uint32_t barrierCount = 0;
    for (std::uint32_t i = 0; i < sourceCount; ++i)
        barriers[barrierCount++] = gpu::toBarrier(
            {.image = sources[i].image,
             .aspect = VK_IMAGE_ASPECT_DEPTH_BIT,
             .oldLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
             .newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
             .srcStage = resolved ? VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT
                                  : VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
             .srcAccess = resolved ? VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT
                                   : VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
             .dstStage = VK_PIPELINE_STAGE_2_COPY_BIT,
             .dstAccess = VK_ACCESS_2_TRANSFER_READ_BIT});
    // The display's image: its previous content (our last copy) is overwritten whole.
    barriers[barrierCount++] = gpu::toBarrier(gpu::overwriteByCopy(output.depthImage, VK_IMAGE_ASPECT_DEPTH_BIT));
    VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dependency.imageMemoryBarrierCount = barrierCount;
    dependency.pImageMemoryBarriers = barriers;
    vkCmdPipelineBarrier2(cmd, &dependency);

    for (std::uint32_t i = 0; i < sourceCount; ++i) {
        VkImageCopy region{};
        region.srcSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, sources[i].layers};
        region.dstSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, sources[i].firstOutputLayer, sources[i].layers};
        region.extent = {output.extent.width, output.extent.height, 1};
        vkCmdCopyImage(cmd, sources[i].image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, output.depthImage,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    }
    // Hand it over as promised: in depthLayout, written at COPY.
    gpu::transition(cmd, {.image = output.depthImage,
                          .aspect = VK_IMAGE_ASPECT_DEPTH_BIT,
                          .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                          .newLayout = output.depthLayout,
                          .srcStage = VK_PIPELINE_STAGE_2_COPY_BIT,
                          .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                          .dstStage = VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT |
                                      VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                          .dstAccess = VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT});
}

void SceneRenderer::resolveOnCopy(VkCommandBuffer cmd, const ViewSetTargets& t, const RenderOutput& output) const {
    gpu::transition(cmd, {.image = t.msaaColor.handle(),
                          .oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                          .newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                          .srcStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                          .srcAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                          .dstStage = VK_PIPELINE_STAGE_2_RESOLVE_BIT,
                          .dstAccess = VK_ACCESS_2_TRANSFER_READ_BIT});
    VkImageResolve region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 2};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 2};
    region.extent = {output.extent.width, output.extent.height, 1};
    vkCmdResolveImage(cmd, t.msaaColor.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, output.image,
                      VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    // Hand the output over as promised: a colour attachment written at colour output.
    gpu::transition(cmd, {.image = output.image,
                          .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                          .newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                          .srcStage = VK_PIPELINE_STAGE_2_RESOLVE_BIT,
                          .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                          .dstStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                          .dstAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                                       VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT});
}

void SceneRenderer::beginPass(VkCommandBuffer cmd, const ViewSetTargets& t, std::uint32_t pass,
                              const RenderOutput& output, bool seeThrough) const {
    const bool multisampled = samples_ != VK_SAMPLE_COUNT_1_BIT;
    const bool split = splitPasses_;
    XRS_EXPECT(!split || output.layerViews[pass] != VK_NULL_HANDLE,
               "this driver renders eyes in separate passes: RenderOutput needs layerViews");
    const VkImageView outputView = split ? output.layerViews[pass] : output.arrayView;

    VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    color.imageView = multisampled ? (split ? t.msaaLayerViews[pass].get() : t.msaaColor.view())
                                   : outputView;
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    // lavapipe's attachment resolve ignores the resolve view's base layer, so split passes
    // keep the samples and resolve both layers with one vkCmdResolveImage afterwards.
    color.storeOp = multisampled && !split ? VK_ATTACHMENT_STORE_OP_DONT_CARE
                                           : VK_ATTACHMENT_STORE_OP_STORE;
    color.clearValue.color = {{0.0f, 0.0f, 0.0f, seeThrough ? 0.0f : 1.0f}};
    if (multisampled && !split) {
        color.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
        color.resolveImageView = outputView;
        color.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    }
    VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    depth.imageView = t.depth[split ? pass : 0].view();
    depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    depth.clearValue.depthStencil = {0.0f, 0}; // reversed-Z: 0 is infinitely far
    if (output.depthImage != VK_NULL_HANDLE) {
        // The output takes depth: keep it, or resolve sample 0 (every device can; averaging
        // depth would invent surfaces at silhouettes).
        if (!multisampled) {
            depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
        } else {
            depth.resolveMode = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
            depth.resolveImageView = t.depthResolve[split ? pass : 0].view();
            depth.resolveImageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
        }
    }

    VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
    rendering.renderArea = {{0, 0}, output.extent};
    rendering.layerCount = 1; // one layer per pass when split; ignored with a view mask
    rendering.viewMask = split ? 0b00 : 0b11;
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachments = &color;
    rendering.pDepthAttachment = &depth;
    vkCmdBeginRendering(cmd, &rendering);
}

} // namespace xrs::render
