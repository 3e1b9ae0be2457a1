#pragma once
// What an experience draws over its scene, in world space: hotspot icons and labels, the open
// panel, the caption, the gaze-dwell ring, and the screen-wide fade and comfort vignette.
//
// Quads are drawn inside the scene's pass (SceneRenderer::record calls draw() after the
// scene), so they share its multiview/split-pass handling and its MSAA. They are not depth
// tested: interface elements stay visible in front of the geometry they annotate (a hotspot
// sits inside its artifact), and are sorted back to front among themselves.
//
// Textures are CPU images (ui::PanelPainter) uploaded in the frame command buffer when they
// change; the image they replace is retired through the FrameRing, so changing a caption never
// stalls the frame loop.
//
// Displays with compositor layers (OpenXR quad layers) show text quads sharper than any eye
// buffer can: the compositor samples the panel's own pixels once, at display resolution, after
// lens distortion. With useCompositorLayers(true) the quads marked compositorLayer are handed
// over (compositorQuads()) instead of drawn, unless a fade or vignette is on screen: those must
// darken the panels too, so then everything is drawn here.
#include "core/Image.h"
#include "core/Result.h"
#include "gpu/Buffer.h"
#include "gpu/DeviceHandle.h"
#include "gpu/FrameRing.h"
#include "gpu/Image.h"
#include "render/StereoViews.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace xrs::render {

class SceneRenderer;

using OverlayTextureId = std::uint32_t;

enum class QuadStyle {
    Textured,   // the texture times the tint
    DwellRing,  // a ring filled clockwise up to `progress` (no texture)
};

struct WorldQuad {
    QuadStyle style = QuadStyle::Textured;
    OverlayTextureId texture = 0;        // Textured only
    glm::vec3 center{0.0f};
    glm::vec3 halfRight{0.5f, 0.0f, 0.0f}; // centre to right edge (world)
    glm::vec3 halfUp{0.0f, 0.5f, 0.0f};    // centre to top edge (world)
    glm::vec4 tint{1.0f};
    float progress = 0.0f;               // DwellRing: 0..1
    bool compositorLayer = false;        // text worth a compositor layer (panels, captions)
};

// A quad for the display's compositor: its picture and where it is.
struct CompositorQuad {
    OverlayTextureId texture = 0;
    // R8G8B8A8_SRGB, premultiplied alpha, mip 0 = the picture; SHADER_READ_ONLY_OPTIMAL, last
    // written by a transfer. Valid for the frame it was listed in.
    VkImage image = VK_NULL_HANDLE;
    glm::uvec2 size{0};
    std::uint64_t version = 0; // changes whenever the picture does
    glm::vec3 center{0.0f};    // as in WorldQuad (the space the quads were given in)
    glm::vec3 halfRight{0.5f, 0.0f, 0.0f};
    glm::vec3 halfUp{0.0f, 0.5f, 0.0f};
};

// A quad of `widthMetres` at `center` facing `viewer` (upright: its up stays in the plane of
// world up), keeping the aspect of a width x height image.
WorldQuad billboard(const glm::vec3& center, const glm::vec3& viewer, float widthMetres,
                    float aspectHeightOverWidth);

class WorldOverlay {
public:
    // Pipelines match `renderer`'s pass (colour format, samples, multiview or split passes).
    static Result<std::unique_ptr<WorldOverlay>> create(gpu::Context& context, const SceneRenderer& renderer);
    ~WorldOverlay();
    WorldOverlay(const WorldOverlay&) = delete;
    WorldOverlay& operator=(const WorldOverlay&) = delete;

    // Texture slots. A slot's image is uploaded by the next prepare(); until then quads using
    // it are skipped (never a garbage texture).
    OverlayTextureId createTexture();
    void setTexture(OverlayTextureId id, ImageRGBA8 image);
    // Pixel size of the slot's latest image (0x0 before the first setTexture).
    glm::uvec2 textureSize(OverlayTextureId id) const;

    // The frame's content: cleared by prepare() of the next frame.
    void addQuad(const WorldQuad& quad) { quads_.push_back(quad); }
    void setScreenEffects(float fade, float vignette) { fade_ = fade; vignette_ = vignette; }

    // Forgets the previous frame's quads and effects: call before adding this frame's.
    void beginFrame();
    // Records pending texture uploads into frame.cmd: after FrameRing::begin(), before
    // SceneRenderer::record() (uploads cannot be recorded inside a rendering pass).
    void prepare(gpu::FrameContext& frame, gpu::FrameRing& frames);

    // Called by SceneRenderer inside pass `pass` (of 1 multiview pass, or 2 split passes whose
    // view 0 is eye `pass`), with that pass's frame descriptor set. `vignette` false leaves
    // out the comfort vignette (views that show no periphery, such as quad-view insets).
    void draw(VkCommandBuffer cmd, VkDescriptorSet frameSet, const StereoViews& views, std::uint32_t pass,
              bool vignette = true) const;

    std::size_t quadCount() const { return quads_.size(); }

    void useCompositorLayers(bool on) { compositorLayers_ = on; }
    // This frame's quads for the compositor, back to front as seen from `viewer` (after
    // prepare(), so their pictures are uploaded).
    std::vector<CompositorQuad> compositorQuads(const glm::vec3& viewer) const;

private:
    struct Slot {
        gpu::Image image;
        VkDescriptorSet set = VK_NULL_HANDLE;
        std::optional<ImageRGBA8> pending;
        glm::uvec2 size{0};
        std::uint64_t version = 0; // uploads so far
    };
    bool toCompositor(const WorldQuad& quad) const;
    explicit WorldOverlay(gpu::Context& context) : context_(context) {}
    VkDescriptorSet allocateTextureSet(VkImageView view); // VK_NULL_HANDLE when the pool is full

    gpu::Context& context_;
    bool splitPasses_ = false;
    gpu::DescriptorSetLayoutHandle textureLayout_;
    gpu::PipelineLayoutHandle pipelineLayout_;
    gpu::SamplerHandle sampler_;
    gpu::DescriptorPoolHandle pool_;
    gpu::PipelineHandle pipeline_; // quads (6 vertices) and the fullscreen effects (3)
    gpu::Image whiteImage_;
    VkDescriptorSet whiteSet_ = VK_NULL_HANDLE;
    std::vector<Slot> slots_;
    std::vector<WorldQuad> quads_;
    float fade_ = 0.0f;
    float vignette_ = 0.0f;
    bool compositorLayers_ = false;
};

} // namespace xrs::render
