#include "xr/StereoCompositor.h"

#include "gpu/Pipeline.h"
#include "gpu/VkCheck.h"
#include "shaders/shared/ComposeTypes.h"

#include <cmath>

namespace xrs::xr {
namespace {

bool isSrgb(VkFormat format) {
    return format == VK_FORMAT_B8G8R8A8_SRGB || format == VK_FORMAT_R8G8B8A8_SRGB ||
           format == VK_FORMAT_A8B8G8R8_SRGB_PACK32;
}

} // namespace

Result<std::unique_ptr<StereoCompositor>> StereoCompositor::create(gpu::Context& context) {
    std::unique_ptr<StereoCompositor> compositor(new StereoCompositor(context));
    VkDevice device = context.device();
    auto vertex = gpu::loadShader(context, "compose.vert");
    if (!vertex) return vertex.error();
    auto fragment = gpu::loadShader(context, "compose.frag");
    if (!fragment) return fragment.error();
    compositor->vertexShader_ = std::move(*vertex);
    compositor->fragmentShader_ = std::move(*fragment);

    compositor->sampler_ = gpu::createLinearClampSampler(context);
    compositor->setLayout_ = gpu::createSingleTextureSetLayout(context);
    VkDescriptorSetLayout setLayout = compositor->setLayout_;

    VkPushConstantRange range{VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(shader::ComposePushConstants)};
    VkPipelineLayoutCreateInfo pipelineLayoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    pipelineLayoutInfo.setLayoutCount = 1;
    pipelineLayoutInfo.pSetLayouts = &setLayout;
    pipelineLayoutInfo.pushConstantRangeCount = 1;
    pipelineLayoutInfo.pPushConstantRanges = &range;
    VkPipelineLayout pipelineLayout = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreatePipelineLayout(device, &pipelineLayoutInfo, nullptr, &pipelineLayout));
    compositor->pipelineLayout_ = gpu::PipelineLayoutHandle(device, pipelineLayout);

    VkDescriptorPoolSize poolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, gpu::kFramesInFlight};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = gpu::kFramesInFlight;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &poolSize;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool));
    compositor->pool_ = gpu::DescriptorPoolHandle(device, pool);
    std::array<VkDescriptorSetLayout, gpu::kFramesInFlight> layouts;
    layouts.fill(setLayout);
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = pool;
    alloc.descriptorSetCount = gpu::kFramesInFlight;
    alloc.pSetLayouts = layouts.data();
    XRS_VK_CHECK(vkAllocateDescriptorSets(device, &alloc, compositor->sets_.data()));
    return compositor;
}

VkPipeline StereoCompositor::pipelineFor(VkFormat format) {
    if (pipeline_ && pipelineFormat_ == format) return pipeline_;
    // Only changes when a recreated swapchain picks another format; the caller has drained.
    gpu::GraphicsPipelineDesc desc;
    desc.vertexShader = vertexShader_;
    desc.fragmentShader = fragmentShader_;
    desc.layout = pipelineLayout_;
    desc.colorFormat = format;
    desc.cullMode = VK_CULL_MODE_NONE;
    desc.depthTest = false;
    desc.depthWrite = false;
    pipeline_ = gpu::createGraphicsPipeline(context_, desc);
    pipelineFormat_ = format;
    return pipeline_;
}

void StereoCompositor::record(VkCommandBuffer cmd, std::uint32_t slot, VkImageView eyes,
                              const CompositionTarget& target, StereoMode mode, float eyeAspect,
                              const std::array<Fov, 2>& fovs) {
    // This slot's set was last read by the frame kFramesInFlight ago, which has completed.
    VkDescriptorImageInfo imageInfo{sampler_, eyes, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = sets_[slot];
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    write.pImageInfo = &imageInfo;
    vkUpdateDescriptorSets(context_.device(), 1, &write, 0, nullptr);

    VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    color.imageView = target.view;
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE; // every pixel is written
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
    rendering.renderArea = {{0, 0}, target.extent};
    rendering.layerCount = 1;
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachments = &color;
    vkCmdBeginRendering(cmd, &rendering);

    const glm::vec2 windowSize(static_cast<float>(target.extent.width),
                               static_cast<float>(target.extent.height));
    shader::ComposePushConstants push{};
    for (std::uint32_t eye = 0; eye < 2; ++eye) {
        const PixelRect rect = eyeRect(mode, windowSize, eyeAspect, eye);
        push.eyeRect[eye] = glm::vec4(rect.origin, rect.size);
        const Fov& fov = fovs[eye];
        push.eyeTangents[eye] = glm::vec4(std::tan(fov.angleLeft), std::tan(fov.angleRight),
                                          std::tan(fov.angleUp), std::tan(fov.angleDown));
    }
    push.mode.x = mode == StereoMode::SideBySide ? shader::kComposeSideBySide
                  : mode == StereoMode::Anaglyph ? shader::kComposeAnaglyph
                                                 : shader::kComposeLeftEye;
    push.mode.y = isSrgb(target.format) ? 0u : 1u;

    const VkViewport viewport{0.0f, 0.0f, windowSize.x, windowSize.y, 0.0f, 1.0f};
    const VkRect2D scissor{{0, 0}, target.extent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineFor(target.format));
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout_, 0, 1, &sets_[slot],
                            0, nullptr);
    vkCmdPushConstants(cmd, pipelineLayout_, VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push), &push);
    vkCmdDraw(cmd, 3, 1, 0, 0);
    vkCmdEndRendering(cmd);
}

} // namespace xrs::xr
