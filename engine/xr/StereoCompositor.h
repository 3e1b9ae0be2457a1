#pragma once
// The window's composition pass: samples the two eye images (a 2-layer array) and writes the
// window's swapchain image as the left eye, both side by side, or an anaglyph (compose.frag),
// each eye letterboxed with its own aspect ratio (ViewLayout).
#include "core/Result.h"
#include "gpu/Context.h"
#include "gpu/DeviceHandle.h"
#include "core/View.h"
#include "gpu/FrameRing.h"
#include "xr/ViewLayout.h"

#include <array>
#include <memory>

namespace xrs::xr {

struct CompositionTarget {
    VkImageView view = VK_NULL_HANDLE; // in COLOR_ATTACHMENT_OPTIMAL
    VkExtent2D extent{};
    VkFormat format = VK_FORMAT_UNDEFINED;
};

class StereoCompositor {
public:
    static Result<std::unique_ptr<StereoCompositor>> create(gpu::Context& context);

    // `eyes` is a 2D_ARRAY view of the eye images, in SHADER_READ_ONLY_OPTIMAL, rendered with
    // `fovs` (the anaglyph aligns the two eyes by direction).
    void record(VkCommandBuffer cmd, std::uint32_t slot, VkImageView eyes,
                const CompositionTarget& target, StereoMode mode, float eyeAspect,
                const std::array<Fov, 2>& fovs);

private:
    explicit StereoCompositor(gpu::Context& context) : context_(context) {}
    VkPipeline pipelineFor(VkFormat format);

    gpu::Context& context_;
    gpu::SamplerHandle sampler_;
    gpu::DescriptorSetLayoutHandle setLayout_;
    gpu::PipelineLayoutHandle pipelineLayout_;
    gpu::DescriptorPoolHandle pool_;
    std::array<VkDescriptorSet, gpu::kFramesInFlight> sets_{};
    gpu::ShaderModuleHandle vertexShader_, fragmentShader_;
    gpu::PipelineHandle pipeline_;
    VkFormat pipelineFormat_ = VK_FORMAT_UNDEFINED;
};

} // namespace xrs::xr
