#pragma once
// Shader modules from build/shaders/*.spv and graphics pipelines for dynamic rendering
// (no VkRenderPass objects: formats, samples and the multiview mask are pipeline state).
#include "core/Result.h"
#include "gpu/Context.h"
#include "gpu/DeviceHandle.h"

#include <string>
#include <vector>

namespace xrs::gpu {

// Loads <shader dir>/<name>.spv (e.g. "pbr.frag").
Result<ShaderModuleHandle> loadShader(Context& context, const std::string& name);

struct GraphicsPipelineDesc {
    VkShaderModule vertexShader = VK_NULL_HANDLE;
    VkShaderModule fragmentShader = VK_NULL_HANDLE;
    // The fragment shader's specialization constants: constant_id i gets fragmentConstants[i]
    // (32-bit values; a bool constant takes 0 or 1).
    std::vector<std::uint32_t> fragmentConstants;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    std::vector<VkVertexInputBindingDescription> vertexBindings;
    std::vector<VkVertexInputAttributeDescription> vertexAttributes;
    VkFormat colorFormat = VK_FORMAT_UNDEFINED;
    VkFormat depthFormat = VK_FORMAT_UNDEFINED;
    std::uint32_t viewMask = 0; // multiview: bit i renders into layer i
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    VkCullModeFlags cullMode = VK_CULL_MODE_BACK_BIT;
    VkFrontFace frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    VkPolygonMode polygonMode = VK_POLYGON_MODE_FILL;
    bool depthTest = true;
    bool depthWrite = true;
    VkCompareOp depthCompare = VK_COMPARE_OP_GREATER_OR_EQUAL; // reversed-Z: near is 1
    // Straight: "over" with the fragment's alpha (ImGui's vertex colours). Premultiplied: the
    // fragment's colour is already multiplied by its alpha (CPU-painted UI textures, whose
    // filtering then has no dark fringes).
    enum class Blend { None, Straight, Premultiplied };
    Blend blend = Blend::None;
    bool alphaToCoverage = false;
};

PipelineHandle createGraphicsPipeline(Context& context, const GraphicsPipelineDesc& desc);

// The sampler fullscreen passes and overlays read one texture with: bilinear, clamped at the edges.
SamplerHandle createLinearClampSampler(Context& context);

// A set layout with one combined image sampler at binding 0, read by fragment shaders.
DescriptorSetLayoutHandle createSingleTextureSetLayout(Context& context);

} // namespace xrs::gpu
