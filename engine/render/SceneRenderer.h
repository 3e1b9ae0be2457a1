#pragma once
// Draws a GpuScene for both eyes in one multiview pass (VK_KHR_multiview via dynamic rendering,
// view mask 0b11 into 2-layer attachments): sky, then opaque and alpha-masked geometry, then
// alpha-blended geometry sorted back to front. Reversed-Z depth with an infinite far plane,
// MSAA resolved into the caller's output image. The renderer does not know which display it
// draws for: the display backend owns the output image and its layout before and after.
#include "core/Result.h"
#include "gpu/Buffer.h"
#include "gpu/DeviceHandle.h"
#include "gpu/FrameRing.h"
#include "gpu/Image.h"
#include "render/GpuScene.h"
#include "render/Lighting.h"
#include "render/StereoViews.h"
#include "shaders/shared/VideoTypes.h"

#include <array>
#include <memory>
#include <span>

namespace xrs::render {

class WorldOverlay;

// What the frame shows instead of shading, for developers (desktop preview, `xrshow run
// --debug-view`). Wireframe is a pipeline of its own (RendererSettings::wireframe).
enum class DebugView {
    None,
    Normals,    // surfaces: world-space shading normals as colour (n * 0.5 + 0.5, linear)
    VideoTiles, // 360° video: resident tiles tinted by level (finest green .. red), base layer grey-blue
};

struct RendererSettings {
    VkFormat outputFormat = VK_FORMAT_R8G8B8A8_SRGB; // sRGB: the hardware encodes on store
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_4_BIT; // clamped to what the device has
    bool wireframe = false; // debug view: scene triangles as lines (devices with fillModeNonSolid)
    DebugView debugView = DebugView::None;
};

// The image the frame ends up in: a 2-layer array (layer i = eye i), provided by the display,
// created with COLOR_ATTACHMENT and TRANSFER_DST usage (the latter for resolve-by-copy).
struct RenderOutput {
    VkImage image = VK_NULL_HANDLE;
    VkImageView arrayView = VK_NULL_HANDLE; // VK_IMAGE_VIEW_TYPE_2D_ARRAY over both layers
    // One 2D view per layer, for drivers whose eyes are drawn in separate passes
    // (DriverQuirks::splitMultiviewPasses).
    std::array<VkImageView, 2> layerViews{};
    VkExtent2D extent{};
    // How the image was last used, so the renderer's first barrier waits for exactly that.
    VkImageLayout layout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkPipelineStageFlags2 lastStage = VK_PIPELINE_STAGE_2_NONE;
    VkAccessFlags2 lastAccess = VK_ACCESS_2_NONE;

    // Optional: a single-sampled 2-layer image in SceneRenderer::depthFormat() that receives the
    // frame's depth as well (reversed-Z, far plane at infinity, StereoViews::nearZ), for
    // compositors that reproject with it (OpenXR's XR_KHR_composition_layer_depth). Created with
    // TRANSFER_DST usage; in depthLayout before and after record(), last written by a copy.
    VkImage depthImage = VK_NULL_HANDLE;
    VkImageLayout depthLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;

    // Which of the renderer's attachment sets draws into this output. Displays that show more
    // than one output per frame (OpenXR quad views: the wide views and the sharp insets) give
    // each its own, so the renderer records both in one frame without sharing attachments or
    // uniforms. Below SceneRenderer::kMaxViewSets.
    std::uint32_t viewSet = 0;
};

// Headsets with quad views (XR_VARJO_quad_views) show a second, narrower and sharper pair of
// views inside the wide ones, where the eyes look most: the frame is drawn once more with these
// views into this output (RenderOutput::viewSet 1).
struct InsetViews {
    StereoViews views;
    RenderOutput output;
};

// Which of a composed model's pixels are drawn: those whose ordered-dither threshold (8x8 Bayer,
// in [0, 1)) lies in [from, to). Two states of a model crossfading at blend b draw [b, 1) and
// [0, b): every pixel shows exactly one of them, with depth and no sorting.
struct Dissolve {
    float from = 0.0f;
    float to = 1.0f;
    bool whole() const { return from <= 0.0f && to >= 1.0f; }
    bool empty() const { return to <= from; }
};

// Per-frame choices about how a GpuScene's draws appear.
struct SceneDrawOptions {
    // tiledImageSets[i] (layout videoLayout(), from TiledImages) streams the scene's tiled
    // image i over its baked texture; a missing or null set leaves it baked.
    std::span<const VkDescriptorSet> tiledImageSets;
    // dissolves[m - 1] applies to the draws of placed model m (GpuDraw::placedModel); models
    // without an entry are whole, and an empty dissolve is not drawn at all.
    std::span<const Dissolve> dissolves;
    // For displays that see the real world (OpenXR alpha-blend or additive): no sky or video;
    // the output starts transparent black and holds premultiplied alpha, so the world shows
    // wherever nothing was drawn.
    bool seeThrough = false;
};

// A 360°/180° video drawn behind the scene instead of the procedural sky, as VideoTextures
// prepared it for this frame: the descriptor set (layout videoLayout()) and one patch of the
// sphere per tile, grouped by the source it samples (one pipeline and draw per source).
struct VideoBackground {
    struct PatchRange {
        std::uint32_t first = 0, count = 0; // instances in the patch list
        std::uint32_t firstEyeCount = 0;    // ... of which the first eye's (they come first)
    };
    VkDescriptorSet set = VK_NULL_HANDLE;
    std::array<PatchRange, shader::kVideoSourceCount> bySource{}; // [level..., base]
    VkBuffer patchIndices = VK_NULL_HANDLE; // uint32 triangle list over one patch's vertex grid
    std::uint32_t indicesPerPatch = 0;
};

// MSAA when the caller names none. 4x, except on a CPU device (lavapipe) for a renderer that
// draws only 360° backgrounds (video, still panoramas) and the overlay: they have no geometric
// edges to smooth but the overlay quads' borders, and lavapipe's 4x multisampling takes half
// the frame rate of the video loop (docs/benchmarks.md, "Multisampling").
VkSampleCountFlagBits automaticSamples(const gpu::Context& context, bool only360Backgrounds);

class SceneRenderer {
public:
    static constexpr std::uint32_t kMaxViewSets = 2;

    static Result<std::unique_ptr<SceneRenderer>> create(gpu::Context& context,
                                                         const RendererSettings& settings);
    ~SceneRenderer();
    SceneRenderer(const SceneRenderer&) = delete;
    SceneRenderer& operator=(const SceneRenderer&) = delete;

    VkDescriptorSetLayout frameLayout() const { return frameLayout_; }
    VkDescriptorSetLayout materialLayout() const { return materialLayout_; }
    VkDescriptorSetLayout videoLayout() const { return videoLayout_; }
    VkSampleCountFlagBits samples() const { return samples_; }
    VkFormat outputFormat() const { return settings_.outputFormat; }
    static constexpr VkFormat depthFormat() { return kDepthFormat; }
    // True when each eye gets its own pass (DriverQuirks::splitMultiviewPasses).
    bool splitPasses() const { return splitPasses_; }

    // The wireframe debug view, from the next record() on. Refused (false) when the device
    // cannot draw lines for polygons (no fillModeNonSolid).
    bool setWireframe(bool on);
    bool wireframe() const { return settings_.wireframe; }
    bool wireframeAvailable() const { return static_cast<bool>(wireframePipeline_); }
    void setDebugView(DebugView view) { settings_.debugView = view; } // from the next record()
    DebugView debugView() const { return settings_.debugView; }

    // Records the frame into frame.cmd. `scene` may be null (background only); `video` replaces
    // the sky when given; `overlay` is drawn last, over everything (its uploads must have been
    // recorded with WorldOverlay::prepare); `sceneOptions` streams tiled images and dissolves
    // models. On return the output image is in COLOR_ATTACHMENT_OPTIMAL, written at
    // COLOR_ATTACHMENT_OUTPUT (and output.depthImage, if any, holds the depth, written at COPY).
    void record(gpu::FrameContext& frame, gpu::FrameRing& frames, const GpuScene* scene,
                const StereoViews& views, const Lighting& lighting, const RenderOutput& output,
                const VideoBackground* video = nullptr, const WorldOverlay* overlay = nullptr,
                const SceneDrawOptions& sceneOptions = {});

private:
    explicit SceneRenderer(gpu::Context& context) : context_(context) {}
    Status createPipelines();
    struct ViewSetTargets;
    void ensureAttachments(gpu::FrameRing& frames, ViewSetTargets& targets, VkExtent2D extent);
    void writeFrameUniforms(std::uint32_t slot, std::uint32_t viewSet, const StereoViews& views,
                            const Lighting& lighting);
    // `pass` draws one eye when eyes get their own passes (only that eye's patches), else both.
    void drawVideo(VkCommandBuffer cmd, const VideoBackground& video, std::uint32_t pass) const;
    void drawScene(VkCommandBuffer cmd, const GpuScene& scene, const StereoViews& views,
                   const SceneDrawOptions& options);
    VkPipeline pipelineFor(const GpuMaterial& material, bool tiledImage) const;

    // One multiview pass (both eyes), or one single-view pass per eye on drivers with the
    // split-multiview quirk. Pass p draws with frame uniforms whose view 0 is eye p.
    std::uint32_t passCount() const { return splitPasses_ ? 2u : 1u; }
    void beginPass(VkCommandBuffer cmd, const ViewSetTargets& targets, std::uint32_t pass,
                   const RenderOutput& output, bool seeThrough) const;
    void resolveOnCopy(VkCommandBuffer cmd, const ViewSetTargets& targets, const RenderOutput& output) const;
    void ensureDepthResolve(gpu::FrameRing& frames, ViewSetTargets& targets, VkExtent2D extent);
    void copyDepthOut(VkCommandBuffer cmd, const ViewSetTargets& targets, const RenderOutput& output) const;

    gpu::Context& context_;
    RendererSettings settings_;
    bool splitPasses_ = false;
    VkSampleCountFlagBits samples_ = VK_SAMPLE_COUNT_1_BIT;
    static constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

    gpu::DescriptorSetLayoutHandle frameLayout_;
    gpu::DescriptorSetLayoutHandle materialLayout_;
    gpu::PipelineLayoutHandle pipelineLayout_;
    gpu::DescriptorPoolHandle framePool_;
    // [frame in flight][view set][pass]
    template <class T>
    using PerFrameViewSetPass = std::array<std::array<std::array<T, 2>, kMaxViewSets>, gpu::kFramesInFlight>;
    PerFrameViewSetPass<gpu::Buffer> frameUniforms_;
    PerFrameViewSetPass<VkDescriptorSet> frameSets_{};

    gpu::PipelineHandle skyPipeline_;
    gpu::DescriptorSetLayoutHandle videoLayout_;
    gpu::PipelineLayoutHandle videoPipelineLayout_;
    // [debug view VideoTiles off/on][level..., base]: the debug view can change between frames.
    std::array<std::array<gpu::PipelineHandle, shader::kVideoSourceCount>, 2> videoPipelines_;
    // [blend][doubleSided]: opaque and mask share the opaque pipeline (mask discards).
    gpu::PipelineHandle scenePipelines_[2][2];
    gpu::PipelineLayoutHandle tiledPipelineLayout_; // {frame, material, video}
    gpu::PipelineHandle tiledPipelines_[2][2];      // pbr_tiled.frag, else as scenePipelines_
    gpu::PipelineHandle wireframePipeline_;   // every material: lines, no culling, depth tested

    // What the renderer keeps per output it draws into in one frame (RenderOutput::viewSet).
    struct ViewSetTargets {
        // Multisampled intermediates, sized to the output (recreated when it changes).
        gpu::Image msaaColor;
        std::array<gpu::ImageViewHandle, 2> msaaLayerViews; // split passes only
        // Depth, and its single-sampled resolve (sample 0) for outputs that take depth.
        // Multiview: [0] holds both layers. Split passes: [p] is eye p's own single-layer
        // image, because lavapipe's attachment resolve ignores the base layer of the views it
        // reads and writes. Without MSAA there is no resolve image: depth itself is copied out.
        std::array<gpu::Image, 2> depth;
        std::array<gpu::Image, 2> depthResolve;
        VkExtent2D extent{};
    };
    std::array<ViewSetTargets, kMaxViewSets> targets_;
    std::uint32_t depthImageCount() const { return splitPasses_ ? 2u : 1u; }
};

} // namespace xrs::render
