#pragma once
// Our thin Vulkan backend for Dear ImGui: dynamic rendering (1.86's stock backend needs a
// VkRenderPass), the font atlas as one texture, and vertex/index buffers per frame in flight
// (grown by retiring the old ones through the FrameRing).
#include "core/Result.h"
#include "gpu/Buffer.h"
#include "gpu/Context.h"
#include "gpu/DeviceHandle.h"
#include "gpu/FrameRing.h"
#include "gpu/Image.h"

#include <array>
#include <memory>

struct ImDrawData;

namespace xrs::ui {

class ImGuiRenderer {
public:
    // Uploads the current ImGui context's font atlas (build it first).
    static Result<std::unique_ptr<ImGuiRenderer>> create(gpu::Context& context);

    // Draws `drawData` onto `target` (COLOR_ATTACHMENT_OPTIMAL before and after), loading
    // what is there.
    void record(VkCommandBuffer cmd, std::uint32_t slot, gpu::FrameRing& frames, const ImDrawData& drawData,
                VkImageView target, VkExtent2D extent, VkFormat format);

private:
    explicit ImGuiRenderer(gpu::Context& context) : context_(context) {}
    VkPipeline pipelineFor(VkFormat format);
    void ensureCapacity(std::uint32_t slot, gpu::FrameRing& frames, VkDeviceSize vertexBytes,
                        VkDeviceSize indexBytes);

    gpu::Context& context_;
    gpu::Image font_;
    gpu::SamplerHandle sampler_;
    gpu::DescriptorSetLayoutHandle setLayout_;
    gpu::PipelineLayoutHandle pipelineLayout_;
    gpu::DescriptorPoolHandle pool_;
    VkDescriptorSet fontSet_ = VK_NULL_HANDLE;
    gpu::ShaderModuleHandle vertexShader_, fragmentShader_;
    gpu::PipelineHandle pipeline_;
    VkFormat pipelineFormat_ = VK_FORMAT_UNDEFINED;
    std::array<gpu::Buffer, gpu::kFramesInFlight> vertices_;
    std::array<gpu::Buffer, gpu::kFramesInFlight> indices_;
};

} // namespace xrs::ui
