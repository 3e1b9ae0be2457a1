#pragma once
// GPU residency of one tiled 360° video package (or a still image pyramid presented as one):
// a tile atlas per level (texture arrays of Y and interleaved CbCr, one layer per slot, as
// lavapipe has no YCbCr samplers), the whole-picture base layer, and a per-frame indirection
// table (tile -> level, slot, frame), and the list of sphere patches SceneRenderer draws from it.
//
// update() runs once per display frame on the frame's command buffer: it takes the frames the
// FrameSource (DecoderPool, TilePyramidSource) has ready for the displayed video frame, copies
// them into this frame slot's staging buffer (the source's buffers are released at once),
// records the copies, and writes the indirection table. A tile is marked resident only when its
// slot holds exactly the displayed frame; everywhere else the shader draws the base layer, so a
// displayed frame never has a hole and never mixes times. While a tile's wanted level is still
// on its way, the level it showed goes on (make before break; VideoPlayer keeps that stream
// decoding), so a level switch never flashes the blurry base layer in between. The displayed
// frame follows the base layer: while the base for the target frame is not decoded yet, the
// previous frame stays on screen.
#include "core/Result.h"
#include "gpu/Buffer.h"
#include "gpu/DeviceHandle.h"
#include "gpu/FrameRing.h"
#include "gpu/Image.h"
#include "render/SceneRenderer.h"
#include "shaders/shared/VideoTypes.h"
#include "video/FrameSource.h"
#include "video/Manifest.h"
#include "video/TileScheduler.h"

#include <array>
#include <memory>
#include <span>
#include <vector>

namespace xrs::render {

struct VideoTexturesConfig {
    // Atlas slots per level, finest first, as a fraction of the level's tile streams (at least
    // kMinSlots). A 100° view sees about a quarter of the sphere and the fovea a few tiles of
    // it, so a quarter of the finest tiles suffice; coarse levels are cheap and may hold all.
    // 8K mono in 8x4 or 16x8 tiles: 15-20% of one RGBA8 copy of the full frame.
    std::array<float, shader::kMaxVideoLevels> slotFractionPerLevel{0.25f, 0.4f, 1.0f, 1.0f};
    static constexpr int kMinSlots = 4;
};

struct VideoFrameUpload {
    std::int64_t displayedFrame = -1; // video frame shown this display frame (-1: none yet)
    int tilesWanted = 0;     // tile streams the scheduler asked for (all eyes)
    int tilesResident = 0;   // tile streams drawn from an atlas this frame (all eyes)
    int wantedResident = 0;  // ... of which at exactly the wanted level or finer
    int visibleWanted = 0;   // tile streams in view with a wanted level
    int visibleFromBase = 0; // ... of which drawn from the base layer (no level had the frame)
    int tilesUploaded = 0;
    bool baseUploaded = false;
    std::uint64_t bytesUploaded = 0;
};

class VideoTextures {
public:
    static Result<std::unique_ptr<VideoTextures>> create(gpu::Context& context,
                                                         const video::Manifest& manifest,
                                                         VkDescriptorSetLayout videoLayout,
                                                         const VideoTexturesConfig& config = {});
    ~VideoTextures();
    VideoTextures(const VideoTextures&) = delete;
    VideoTextures& operator=(const VideoTextures&) = delete;

    // `choices` has one entry per grid tile (TileScheduler order); both eyes use it.
    VideoFrameUpload update(gpu::FrameContext& frame, video::FrameSource& source,
                            std::span<const video::TileChoice> choices, std::int64_t targetFrame);

    // A still panorama instead of a video (StillPanorama: no tile is ever resident): `base`,
    // when given, becomes the base layer from this frame on; every frame draws the base layer.
    // Call once per display frame, like update().
    void updateStill(gpu::FrameContext& frame, const video::DecodedFrame* base);

    // Whether `stream`'s atlas slot (or the base layer) holds `frameIndex` now.
    bool holds(video::StreamId stream, std::int64_t frameIndex) const;

    // The descriptor set for SceneRenderer::record() this frame.
    VideoBackground background(const gpu::FrameContext& frame) const;

    // The indirection entries written by the last update() (eye-major tile order).
    const std::vector<shader::VideoTileEntry>& entries() const { return entries_; }
    // The sphere patches the last update drew, every source (VideoPatch::tile is eye-major).
    std::span<const shader::VideoPatch> drawnPatches() const { return patchScratch_; }
    std::int64_t displayedFrame() const { return baseFrame_; }
    // Bytes of all video textures (atlases and base layer), for texture_bytes_fraction.
    std::uint64_t textureBytes() const { return textureBytes_; }

private:
    struct Slot {
        int stream = -1;          // tile stream index held, or -1
        std::int64_t frame = -1;  // video frame it holds
        std::uint64_t lastUsed = 0;
    };
    struct LevelAtlas {
        gpu::Image luma;   // R8, tile size, one layer per slot
        gpu::Image chroma; // R8G8, half size
        std::vector<Slot> slots;
        std::vector<int> slotOfStream; // per tile stream: slot index or -1
        int tileWidth = 0, tileHeight = 0;
    };
    struct PendingCopy {
        VkImage image;
        VkBufferImageCopy region;
    };

    explicit VideoTextures(gpu::Context& context) : context_(context) {}
    Status createImages(const video::Manifest& manifest, const VideoTexturesConfig& config);
    Status createDescriptors(VkDescriptorSetLayout videoLayout);
    Status createPatchIndices(std::uint32_t quadsPerSide);
    // Makes `stream`'s slot at `level` hold frame `shown`, uploading it if the source has it;
    // a slot is taken (slotFor) only if `mayTakeSlot`. True when the slot holds `shown`.
    bool uploadTile(gpu::FrameContext& frame, video::FrameSource& source, int level, int stream, std::int64_t shown,
                    std::span<const video::TileChoice> choices, bool mayTakeSlot, VideoFrameUpload& stats);
    int slotFor(int level, int stream, std::span<const video::TileChoice> choices);
    bool stage(const video::DecodedFrame& decoded, VkImage luma, VkImage chroma,
               std::uint32_t layer, std::uint32_t frameSlot, VideoFrameUpload& stats);
    void recordCopies(VkCommandBuffer cmd, VkBuffer staging);
    // Records this frame's copies and writes its indirection table and parameters.
    void finishFrame(gpu::FrameContext& frame, std::int64_t shown, std::span<const video::TileChoice> choices);
    // This frame's sphere patches, grouped by the source each tile is drawn from; only tiles
    // some view sees when `choices` are given (empty: all).
    void writePatches(std::uint32_t frameSlot, std::uint32_t shownFrame, std::span<const video::TileChoice> choices);

    gpu::Context& context_;
    video::Manifest manifest_;
    std::vector<LevelAtlas> levels_;
    gpu::Image baseLuma_, baseChroma_;
    gpu::SamplerHandle tileSampler_, baseSampler_;
    std::array<gpu::Buffer, gpu::kFramesInFlight> staging_;
    std::array<gpu::Buffer, gpu::kFramesInFlight> tileTables_;
    std::array<gpu::Buffer, gpu::kFramesInFlight> params_;
    std::array<gpu::Buffer, gpu::kFramesInFlight> patchLists_; // shader::VideoPatch per tile
    std::array<std::array<VideoBackground::PatchRange, shader::kVideoSourceCount>, gpu::kFramesInFlight> patchRanges_{};
    std::vector<shader::VideoPatch> patchScratch_;
    gpu::Buffer patchIndices_; // one patch's quads, shared by every patch and frame
    std::uint32_t indicesPerPatch_ = 0;
    gpu::DescriptorPoolHandle descriptorPool_;
    std::array<VkDescriptorSet, gpu::kFramesInFlight> sets_{};
    shader::VideoParams paramsTemplate_{};

    std::vector<shader::VideoTileEntry> entries_;
    std::vector<PendingCopy> pending_;
    VkDeviceSize stagingUsed_ = 0;
    std::int64_t baseFrame_ = -1;
    std::uint64_t updateCount_ = 0;
    std::uint64_t textureBytes_ = 0;
};

// (R', G', B', 1) = M * (Y, Cb, Cr, 1) for 8-bit samples normalised to [0, 1].
glm::mat4 yuvToRgbMatrix(video::ColourMatrix matrix, video::ColourRange range);

} // namespace xrs::render
