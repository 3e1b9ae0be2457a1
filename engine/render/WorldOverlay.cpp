#include "render/WorldOverlay.h"

#include "core/Assert.h"
#include "core/Log.h"
#include "gpu/Pipeline.h"
#include "gpu/StagingUploader.h"
#include "gpu/VkCheck.h"
#include "render/SceneRenderer.h"
#include "shaders/shared/OverlayTypes.h"
#include "shaders/shared/SceneTypes.h"

#include <algorithm>
#include <cmath>

namespace xrs::render {
namespace {

// Enough for every hotspot icon and label, the panels and the caption of a large experience;
// a slot's set is replaced (and the old one freed) whenever its texture changes.
constexpr std::uint32_t kMaxTextureSets = 512;

// A descriptor set freed once the frames that may still read it have finished.
struct RetiredDescriptorSet {
    VkDevice device = VK_NULL_HANDLE;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    VkDescriptorSet set = VK_NULL_HANDLE;
    RetiredDescriptorSet(VkDevice d, VkDescriptorPool p, VkDescriptorSet s) : device(d), pool(p), set(s) {}
    RetiredDescriptorSet(RetiredDescriptorSet&& o) noexcept
        : device(o.device), pool(o.pool), set(std::exchange(o.set, VK_NULL_HANDLE)) {}
    RetiredDescriptorSet(const RetiredDescriptorSet&) = delete;
    RetiredDescriptorSet& operator=(const RetiredDescriptorSet&) = delete;
    RetiredDescriptorSet& operator=(RetiredDescriptorSet&&) = delete;
    ~RetiredDescriptorSet() {
        if (set != VK_NULL_HANDLE) vkFreeDescriptorSets(device, pool, 1, &set);
    }
};

// Where the eye's optical axis meets its image, in NDC: the projection of a point straight
// ahead. With asymmetric (canted) fov it is not the image centre.
glm::vec2 axisInNdc(const EyeView& eye, float nearZ) {
    const glm::mat4 projection = projectionFromFov(eye.fov, nearZ);
    const glm::vec4 clip = projection * glm::vec4(0.0f, 0.0f, -1.0f, 1.0f);
    return glm::vec2(clip) / clip.w;
}

} // namespace

WorldQuad billboard(const glm::vec3& center, const glm::vec3& viewer, float widthMetres,
                    float aspectHeightOverWidth) {
    WorldQuad quad;
    quad.center = center;
    glm::vec3 toViewer = viewer - center;
    toViewer.y = 0.0f; // upright: turn about the vertical only
    const float length = glm::length(toViewer);
    const glm::vec3 facing = length > 1e-5f ? toViewer / length : glm::vec3(0.0f, 0.0f, 1.0f);
    const glm::vec3 right = glm::normalize(glm::cross(glm::vec3(0.0f, 1.0f, 0.0f), facing));
    quad.halfRight = right * (widthMetres * 0.5f);
    quad.halfUp = glm::vec3(0.0f, 1.0f, 0.0f) * (widthMetres * aspectHeightOverWidth * 0.5f);
    return quad;
}

Result<std::unique_ptr<WorldOverlay>> WorldOverlay::create(gpu::Context& context,
                                                           const SceneRenderer& renderer) {
    std::unique_ptr<WorldOverlay> overlay(new WorldOverlay(context));
    overlay->splitPasses_ = renderer.splitPasses();
    VkDevice device = context.device();
    overlay->textureLayout_ = gpu::createSingleTextureSetLayout(context);
    overlay->sampler_ = gpu::createLinearClampSampler(context);
    {
        const VkDescriptorSetLayout sets[] = {renderer.frameLayout(), overlay->textureLayout_};
        const VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                                       sizeof(shader::OverlayPushConstants)};
        VkPipelineLayoutCreateInfo info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
        info.setLayoutCount = 2;
        info.pSetLayouts = sets;
        info.pushConstantRangeCount = 1;
        info.pPushConstantRanges = &push;
        VkPipelineLayout layout = VK_NULL_HANDLE;
        XRS_VK_CHECK(vkCreatePipelineLayout(device, &info, nullptr, &layout));
        overlay->pipelineLayout_ = gpu::PipelineLayoutHandle(device, layout);
    }
    {
        const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, kMaxTextureSets};
        VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
        info.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
        info.maxSets = kMaxTextureSets;
        info.poolSizeCount = 1;
        info.pPoolSizes = &size;
        VkDescriptorPool pool = VK_NULL_HANDLE;
        XRS_VK_CHECK(vkCreateDescriptorPool(device, &info, nullptr, &pool));
        overlay->pool_ = gpu::DescriptorPoolHandle(device, pool);
    }
    auto vert = gpu::loadShader(context, "world_quad.vert");
    if (!vert) return vert.error();
    auto frag = gpu::loadShader(context, "world_quad.frag");
    if (!frag) return frag.error();
    gpu::GraphicsPipelineDesc desc;
    desc.vertexShader = *vert;
    desc.fragmentShader = *frag;
    desc.layout = overlay->pipelineLayout_;
    desc.colorFormat = renderer.outputFormat();
    desc.depthFormat = SceneRenderer::depthFormat();
    desc.viewMask = renderer.splitPasses() ? 0b00 : 0b11;
    desc.samples = renderer.samples();
    desc.cullMode = VK_CULL_MODE_NONE; // quads are seen from both sides
    desc.depthTest = false;
    desc.depthWrite = false;
    desc.blend = gpu::GraphicsPipelineDesc::Blend::Premultiplied; // ui painters' textures
    overlay->pipeline_ = gpu::createGraphicsPipeline(context, desc);

    {   // A 1x1 white texture, bound when a draw samples nothing (the layout still wants a set).
        gpu::ImageDesc white;
        white.format = VK_FORMAT_R8G8B8A8_SRGB;
        white.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
        auto image = gpu::Image::create(context, white, "overlay white");
        if (!image) return image.error();
        overlay->whiteImage_ = std::move(*image);
        const std::uint8_t texel[4] = {255, 255, 255, 255};
        gpu::StagingUploader uploader(context);
        if (auto s = uploader.uploadTexture(overlay->whiteImage_, std::as_bytes(std::span(texel))); !s)
            return s.error();
        uploader.flush();
        overlay->whiteSet_ = overlay->allocateTextureSet(overlay->whiteImage_.view());
        XRS_EXPECT(overlay->whiteSet_ != VK_NULL_HANDLE, "a fresh descriptor pool has room for one set");
    }
    return overlay;
}

VkDescriptorSet WorldOverlay::allocateTextureSet(VkImageView view) {
    VkDevice device = context_.device();
    VkDescriptorSetLayout layout = textureLayout_;
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = pool_;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    if (vkAllocateDescriptorSets(device, &alloc, &set) != VK_SUCCESS) return VK_NULL_HANDLE;
    const VkDescriptorImageInfo imageInfo{sampler_, view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = set;
    write.dstBinding = 0;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    write.pImageInfo = &imageInfo;
    vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
    return set;
}

WorldOverlay::~WorldOverlay() {
    // Sets go with the pool; images with their slots. The owner drained the frame ring first.
}

OverlayTextureId WorldOverlay::createTexture() {
    slots_.emplace_back();
    return static_cast<OverlayTextureId>(slots_.size() - 1);
}

void WorldOverlay::setTexture(OverlayTextureId id, ImageRGBA8 image) {
    XRS_EXPECT(id < slots_.size(), "unknown overlay texture");
    XRS_EXPECT(image.width > 0 && image.height > 0, "an overlay texture needs pixels");
    slots_[id].size = {image.width, image.height};
    slots_[id].pending = std::move(image);
}

glm::uvec2 WorldOverlay::textureSize(OverlayTextureId id) const {
    XRS_EXPECT(id < slots_.size(), "unknown overlay texture");
    return slots_[id].size;
}

bool WorldOverlay::toCompositor(const WorldQuad& quad) const {
    return compositorLayers_ && quad.compositorLayer && quad.style == QuadStyle::Textured && fade_ <= 0.0f &&
           vignette_ <= 0.0f && quad.tint == glm::vec4(1.0f) && quad.texture < slots_.size() &&
           slots_[quad.texture].set != VK_NULL_HANDLE;
}

std::vector<CompositorQuad> WorldOverlay::compositorQuads(const glm::vec3& viewer) const {
    std::vector<CompositorQuad> handed;
    for (const WorldQuad& quad : quads_) {
        if (!toCompositor(quad)) continue;
        const Slot& slot = slots_[quad.texture];
        const glm::uvec2 size{slot.image.desc().extent.width, slot.image.desc().extent.height};
        handed.push_back({quad.texture, slot.image.handle(), size, slot.version, quad.center, quad.halfRight,
                          quad.halfUp});
    }
    std::stable_sort(handed.begin(), handed.end(), [&](const CompositorQuad& a, const CompositorQuad& b) {
        return glm::distance(a.center, viewer) > glm::distance(b.center, viewer);
    });
    return handed;
}

void WorldOverlay::beginFrame() {
    quads_.clear();
    fade_ = 0.0f;
    vignette_ = 0.0f;
}

void WorldOverlay::prepare(gpu::FrameContext& frame, gpu::FrameRing& frames) {
    VkDevice device = context_.device();
    for (Slot& slot : slots_) {
        if (!slot.pending) continue;
        const ImageRGBA8 image = std::move(*slot.pending);
        slot.pending.reset();

        gpu::ImageDesc desc;
        desc.format = VK_FORMAT_R8G8B8A8_SRGB;
        desc.extent = {static_cast<std::uint32_t>(image.width), static_cast<std::uint32_t>(image.height)};
        // Mips: panels are read from across a room as well as up close.
        desc.mipLevels = gpu::mipCountFor(desc.extent);
        desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT |
                     VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
        auto created = gpu::Image::create(context_, desc, "overlay texture");
        const auto bytes = std::as_bytes(std::span(image.pixels));
        auto staging = gpu::Buffer::create(context_, bytes.size(), VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                           gpu::MemoryUsage::Upload, "overlay staging");
        if (!created || !staging) {
            XRS_LOG_ERROR("overlay: cannot allocate a {}x{} texture; it stays hidden",
                          image.width, image.height);
            continue;
        }
        staging->write(bytes);
        gpu::recordTextureUpload(context_, frame.cmd, staging->handle(), created->handle(), desc);

        const VkDescriptorSet set = allocateTextureSet(created->view());
        if (set == VK_NULL_HANDLE) {
            XRS_LOG_ERROR("overlay: more than {} textures at once; this one stays hidden", kMaxTextureSets);
            frames.retire(std::move(*created));
            frames.retire(std::move(*staging));
            continue;
        }

        // The previous image and set may still be read by a frame in flight.
        if (slot.set != VK_NULL_HANDLE) frames.retire(RetiredDescriptorSet(device, pool_, slot.set));
        if (slot.image.valid()) frames.retire(std::move(slot.image));
        frames.retire(std::move(*staging));
        slot.image = std::move(*created);
        slot.set = set;
        ++slot.version;
    }
}

void WorldOverlay::draw(VkCommandBuffer cmd, VkDescriptorSet frameSet, const StereoViews& views, std::uint32_t pass,
                        bool vignette) const {
    const float vignetteAmount = vignette ? vignette_ : 0.0f;
    const bool effects = fade_ > 0.0f || vignetteAmount > 0.0f;
    if (quads_.empty() && !effects) return;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout_,
                            shader::kFrameSet, 1, &frameSet, 0, nullptr);
    constexpr VkShaderStageFlags kStages = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;

    // Back to front as seen from between the eyes: nearer labels cover farther ones.
    const glm::vec3 eyeCenter = (views.eyes[0].pose.position + views.eyes[1].pose.position) * 0.5f;
    std::vector<const WorldQuad*> order;
    order.reserve(quads_.size());
    for (const WorldQuad& quad : quads_) order.push_back(&quad);
    std::stable_sort(order.begin(), order.end(), [&](const WorldQuad* a, const WorldQuad* b) {
        return glm::distance(a->center, eyeCenter) > glm::distance(b->center, eyeCenter);
    });

    VkDescriptorSet bound = VK_NULL_HANDLE;
    for (const WorldQuad* quad : order) {
        if (toCompositor(*quad)) continue;
        shader::OverlayPushConstants push{};
        push.center = glm::vec4(quad->center, 1.0f);
        push.halfRight = glm::vec4(quad->halfRight, 0.0f);
        push.halfUp = glm::vec4(quad->halfUp, 0.0f);
        push.tint = quad->tint;
        if (quad->style == QuadStyle::Textured) {
            if (quad->texture >= slots_.size() || slots_[quad->texture].set == VK_NULL_HANDLE) continue;
            VkDescriptorSet set = slots_[quad->texture].set;
            if (set != bound) {
                vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout_,
                                        shader::kOverlayTextureSet, 1, &set, 0, nullptr);
                bound = set;
            }
            push.mode = glm::uvec4(shader::kOverlayTextured, 0, 0, 0);
        } else {
            // The ring samples nothing, but the layout's texture set must still be bound.
            if (bound == VK_NULL_HANDLE) {
                bound = whiteSet_;
                vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout_,
                                        shader::kOverlayTextureSet, 1, &bound, 0, nullptr);
            }
            push.mode = glm::uvec4(shader::kOverlayRing, 0, 0, 0);
            push.params = glm::vec4(std::clamp(quad->progress, 0.0f, 1.0f), 0.0f, 0.0f, 0.0f);
        }
        vkCmdPushConstants(cmd, pipelineLayout_, kStages, 0, sizeof(push), &push);
        vkCmdDraw(cmd, 6, 1, 0, 0);
    }

    if (effects) {
        if (bound == VK_NULL_HANDLE)
            vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout_,
                                    shader::kOverlayTextureSet, 1, &whiteSet_, 0, nullptr);
        shader::OverlayPushConstants push{};
        push.mode = glm::uvec4(shader::kOverlayScreen, 0, 0, 0);
        push.params = glm::vec4(fade_, vignetteAmount, 0.0f, 0.0f);
        // Split passes draw eye `pass` as view 0.
        const glm::vec2 first = axisInNdc(views.eyes[splitPasses_ ? pass : 0], views.nearZ);
        const glm::vec2 second = axisInNdc(views.eyes[splitPasses_ ? (pass + 1) % 2 : 1], views.nearZ);
        push.eyeCentre = glm::vec4(first, second);
        vkCmdPushConstants(cmd, pipelineLayout_, kStages, 0, sizeof(push), &push);
        vkCmdDraw(cmd, 3, 1, 0, 0);
    }
}

} // namespace xrs::render
