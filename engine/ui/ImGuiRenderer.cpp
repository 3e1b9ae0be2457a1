#include "ui/ImGuiRenderer.h"

#include "core/Assert.h"
#include "gpu/Pipeline.h"
#include "gpu/StagingUploader.h"
#include "gpu/VkCheck.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <span>

namespace xrs::ui {
namespace {

struct PushConstants {
    float scaleTranslate[4];
    std::uint32_t flags[4];
};

bool isSrgb(VkFormat format) {
    return format == VK_FORMAT_B8G8R8A8_SRGB || format == VK_FORMAT_R8G8B8A8_SRGB;
}

} // namespace

Result<std::unique_ptr<ImGuiRenderer>> ImGuiRenderer::create(gpu::Context& context) {
    std::unique_ptr<ImGuiRenderer> renderer(new ImGuiRenderer(context));
    VkDevice device = context.device();
    auto vertex = gpu::loadShader(context, "imgui.vert");
    if (!vertex) return vertex.error();
    auto fragment = gpu::loadShader(context, "imgui.frag");
    if (!fragment) return fragment.error();
    renderer->vertexShader_ = std::move(*vertex);
    renderer->fragmentShader_ = std::move(*fragment);

    // Font atlas: RGBA8, white glyphs with coverage in alpha.
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    gpu::ImageDesc desc;
    desc.format = VK_FORMAT_R8G8B8A8_UNORM;
    desc.extent = {static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height)};
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    auto font = gpu::Image::create(context, desc, "imgui font atlas");
    if (!font) return font.error();
    renderer->font_ = std::move(*font);
    {
        gpu::StagingUploader uploader(context);
        const auto bytes = std::as_bytes(std::span(pixels, static_cast<std::size_t>(width) * height * 4));
        if (auto s = uploader.uploadTexture(renderer->font_, bytes); !s) return s.error();
        uploader.flush();
    }

    renderer->sampler_ = gpu::createLinearClampSampler(context);
    renderer->setLayout_ = gpu::createSingleTextureSetLayout(context);
    VkDescriptorSetLayout setLayout = renderer->setLayout_;

    VkPushConstantRange range{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(PushConstants)};
    VkPipelineLayoutCreateInfo pipelineLayoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    pipelineLayoutInfo.setLayoutCount = 1;
    pipelineLayoutInfo.pSetLayouts = &setLayout;
    pipelineLayoutInfo.pushConstantRangeCount = 1;
    pipelineLayoutInfo.pPushConstantRanges = &range;
    VkPipelineLayout pipelineLayout = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreatePipelineLayout(device, &pipelineLayoutInfo, nullptr, &pipelineLayout));
    renderer->pipelineLayout_ = gpu::PipelineLayoutHandle(device, pipelineLayout);

    VkDescriptorPoolSize poolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = 1;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &poolSize;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool));
    renderer->pool_ = gpu::DescriptorPoolHandle(device, pool);
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = pool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &setLayout;
    XRS_VK_CHECK(vkAllocateDescriptorSets(device, &alloc, &renderer->fontSet_));
    VkDescriptorImageInfo imageInfo{renderer->sampler_, renderer->font_.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    write.dstSet = renderer->fontSet_;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    write.pImageInfo = &imageInfo;
    vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(renderer->fontSet_));
    return renderer;
}

VkPipeline ImGuiRenderer::pipelineFor(VkFormat format) {
    if (pipeline_ && pipelineFormat_ == format) return pipeline_;
    gpu::GraphicsPipelineDesc desc;
    desc.vertexShader = vertexShader_;
    desc.fragmentShader = fragmentShader_;
    desc.layout = pipelineLayout_;
    desc.vertexBindings = {{0, sizeof(ImDrawVert), VK_VERTEX_INPUT_RATE_VERTEX}};
    desc.vertexAttributes = {
        {0, 0, VK_FORMAT_R32G32_SFLOAT, static_cast<std::uint32_t>(offsetof(ImDrawVert, pos))},
        {1, 0, VK_FORMAT_R32G32_SFLOAT, static_cast<std::uint32_t>(offsetof(ImDrawVert, uv))},
        {2, 0, VK_FORMAT_R8G8B8A8_UNORM, static_cast<std::uint32_t>(offsetof(ImDrawVert, col))}};
    desc.colorFormat = format;
    desc.cullMode = VK_CULL_MODE_NONE;
    desc.depthTest = false;
    desc.depthWrite = false;
    desc.blend = gpu::GraphicsPipelineDesc::Blend::Straight;
    pipeline_ = gpu::createGraphicsPipeline(context_, desc);
    pipelineFormat_ = format;
    return pipeline_;
}

void ImGuiRenderer::ensureCapacity(std::uint32_t slot, gpu::FrameRing& frames, VkDeviceSize vertexBytes,
                                   VkDeviceSize indexBytes) {
    auto grow = [&](gpu::Buffer& buffer, VkDeviceSize bytes, VkBufferUsageFlags usage, const char* name) {
        if (buffer.valid() && buffer.size() >= bytes) return;
        if (buffer.valid()) frames.retire(std::move(buffer));
        auto created = gpu::Buffer::create(context_, std::max<VkDeviceSize>(bytes * 2, 64 * 1024), usage,
                                           gpu::MemoryUsage::Upload, name);
        XRS_EXPECT(created.ok(), "ImGuiRenderer: cannot allocate its per-frame buffers");
        buffer = std::move(*created);
    };
    grow(vertices_[slot], vertexBytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "imgui vertices");
    grow(indices_[slot], indexBytes, VK_BUFFER_USAGE_INDEX_BUFFER_BIT, "imgui indices");
}

void ImGuiRenderer::record(VkCommandBuffer cmd, std::uint32_t slot, gpu::FrameRing& frames,
                           const ImDrawData& drawData, VkImageView target, VkExtent2D extent,
                           VkFormat format) {
    if (drawData.TotalVtxCount == 0) return;
    const VkDeviceSize vertexBytes = VkDeviceSize(drawData.TotalVtxCount) * sizeof(ImDrawVert);
    const VkDeviceSize indexBytes = VkDeviceSize(drawData.TotalIdxCount) * sizeof(ImDrawIdx);
    // This slot's buffers were last read kFramesInFlight frames ago; that frame has completed.
    ensureCapacity(slot, frames, vertexBytes, indexBytes);
    std::byte* vertexOut = vertices_[slot].mapped();
    std::byte* indexOut = indices_[slot].mapped();
    for (int i = 0; i < drawData.CmdListsCount; ++i) {
        const ImDrawList* list = drawData.CmdLists[i];
        const auto vBytes = static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert);
        const auto iBytes = static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx);
        std::memcpy(vertexOut, list->VtxBuffer.Data, vBytes);
        std::memcpy(indexOut, list->IdxBuffer.Data, iBytes);
        vertexOut += vBytes;
        indexOut += iBytes;
    }

    VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    color.imageView = target;
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
    rendering.renderArea = {{0, 0}, extent};
    rendering.layerCount = 1;
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachments = &color;
    // The composition pass before this one wrote the same attachment.
    VkMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    barrier.srcStageMask = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    barrier.srcAccessMask = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
    barrier.dstStageMask = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    barrier.dstAccessMask = VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
    VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dependency.memoryBarrierCount = 1;
    dependency.pMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dependency);
    vkCmdBeginRendering(cmd, &rendering);

    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineFor(format));
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelineLayout_, 0, 1, &fontSet_, 0, nullptr);
    const VkDeviceSize zero = 0;
    VkBuffer vertexBuffer = vertices_[slot].handle();
    vkCmdBindVertexBuffers(cmd, 0, 1, &vertexBuffer, &zero);
    vkCmdBindIndexBuffer(cmd, indices_[slot].handle(), 0,
                         sizeof(ImDrawIdx) == 2 ? VK_INDEX_TYPE_UINT16 : VK_INDEX_TYPE_UINT32);
    const VkViewport viewport{0.0f, 0.0f, static_cast<float>(extent.width), static_cast<float>(extent.height),
                              0.0f, 1.0f};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    PushConstants push{};
    push.scaleTranslate[0] = 2.0f / drawData.DisplaySize.x;
    push.scaleTranslate[1] = 2.0f / drawData.DisplaySize.y;
    push.scaleTranslate[2] = -1.0f - drawData.DisplayPos.x * push.scaleTranslate[0];
    push.scaleTranslate[3] = -1.0f - drawData.DisplayPos.y * push.scaleTranslate[1];
    push.flags[0] = isSrgb(format) ? 1u : 0u;
    vkCmdPushConstants(cmd, pipelineLayout_, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(push), &push);

    std::int32_t vertexOffset = 0;
    std::uint32_t indexOffset = 0;
    for (int i = 0; i < drawData.CmdListsCount; ++i) {
        const ImDrawList* list = drawData.CmdLists[i];
        for (const ImDrawCmd& draw : list->CmdBuffer) {
            const ImVec2 pos = drawData.DisplayPos;
            const float x0 = std::max(draw.ClipRect.x - pos.x, 0.0f);
            const float y0 = std::max(draw.ClipRect.y - pos.y, 0.0f);
            const float x1 = std::min(draw.ClipRect.z - pos.x, static_cast<float>(extent.width));
            const float y1 = std::min(draw.ClipRect.w - pos.y, static_cast<float>(extent.height));
            if (x1 <= x0 || y1 <= y0) continue;
            const VkRect2D scissor{{static_cast<std::int32_t>(x0), static_cast<std::int32_t>(y0)},
                                   {static_cast<std::uint32_t>(x1 - x0), static_cast<std::uint32_t>(y1 - y0)}};
            vkCmdSetScissor(cmd, 0, 1, &scissor);
            vkCmdDrawIndexed(cmd, draw.ElemCount, 1, indexOffset + draw.IdxOffset,
                             vertexOffset + static_cast<std::int32_t>(draw.VtxOffset), 0);
        }
        vertexOffset += list->VtxBuffer.Size;
        indexOffset += static_cast<std::uint32_t>(list->IdxBuffer.Size);
    }
    vkCmdEndRendering(cmd);
}

} // namespace xrs::ui
