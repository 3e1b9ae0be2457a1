#pragma once
// Streams the tiled images a scene shows (GpuScene::tiledImages(): the art gallery's hand
// scroll) at the detail the viewer can resolve. Per image: a TilePyramidSource loads pyramid
// tiles on a worker thread; SurfaceTiles and TileScheduler choose each tile's level from its
// distance and eccentricity (the video path's acuity rule and hysteresis); VideoTextures keeps
// the loaded tiles in atlases whose descriptor set SceneRenderer's tiled pipeline samples
// (pbr_tiled.frag). Where no finer tile is resident the surface shows its baked texture, so
// loading is never visible as a hole, only as detail arriving. Tiles the viewer is about to see,
// walking or turning as they do now (HeadMotion), are asked for at the level they will need.
//
// Lifetime: created with the GpuScene it streams for, destroyed with it (retired through the
// FrameRing like it).
#include "gpu/FrameRing.h"
#include "render/GpuScene.h"
#include "render/StereoViews.h"
#include "render/VideoTextures.h"
#include "video/HeadMotion.h"
#include "video/SurfaceTiles.h"
#include "video/TilePyramid.h"
#include "video/TileScheduler.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace xrs::render {

struct TiledImageView {
    StereoViews views;                      // world space
    std::optional<glm::vec3> gazeDirection; // world; nullopt: the head's forward axis
    float displayPixelsPerRadian = 0.0f;    // see video::displayPixelsPerRadian()
    double frameSeconds = 1.0 / 60.0;       // since the previous update (hysteresis); 0 while paused
};

struct TiledImageStats {
    int tilesWanted = 0;   // tiles whose chosen level is finer than "not needed", all images
    int tilesResident = 0; // tiles drawn from an atlas this frame
    int wantedResident = 0; // ... of which at the chosen level or finer: as sharp as wanted
    int visibleWanted = 0;  // wanted tiles in view (the others are kept by the hysteresis)
    int visibleSharp = 0;   // ... of which resident at the chosen level or finer
    int tilesUploaded = 0; // this frame
    std::uint64_t tilesLoaded = 0; // by the loaders, since open
    std::uint64_t pixelsLoaded = 0; // ... their pixels
    int tilesFailed = 0;   // tiles whose file could not be read (each logged once)
    std::uint64_t textureBytes = 0; // the atlases' GPU memory, all images
};

// "tiled images: 12 of 14 wanted tiles resident, 3 uploaded, 120 loaded, 0 failed"
std::string describe(const TiledImageStats& stats);

class TiledImages {
public:
    // Opens every pyramid `scene` links to. One that cannot be read is logged with its index
    // file and the cause, and its surfaces stay baked; the others stream.
    static std::unique_ptr<TiledImages> open(gpu::Context& context, const GpuScene& scene,
                                             VkDescriptorSetLayout videoLayout);
    ~TiledImages();
    TiledImages(const TiledImages&) = delete;
    TiledImages& operator=(const TiledImages&) = delete;

    // Once per display frame, before SceneRenderer::record(): chooses each tile's level for
    // `view`, asks the loaders for what is missing and uploads what they have. With
    // `waitForTiles` (still renders, scripted runs) it first waits for the wanted tiles (up to
    // TilePyramidSource::kMaxReady per image), so the frame does not depend on the loader's timing.
    void update(gpu::FrameContext& frame, const TiledImageView& view, bool waitForTiles = false);

    // For SceneRenderer::record(): one set per GpuScene::tiledImages() entry, null for an image
    // that could not be opened.
    std::span<const VkDescriptorSet> sets() const { return sets_; }
    const TiledImageStats& stats() const { return stats_; }
    // The last update()'s level choice per grid tile of image `index` (empty if it is not streamed).
    std::span<const video::TileChoice> choices(std::size_t index) const {
        return index < images_.size() && images_[index] ? std::span<const video::TileChoice>(images_[index]->choices)
                                                        : std::span<const video::TileChoice>();
    }
    // Why an image could not be opened, one line each naming its file (also logged).
    const std::vector<std::string>& problems() const { return problems_; }

private:
    struct Streamed {
        video::TilePyramid pyramid;
        video::Manifest manifest;
        std::unique_ptr<video::TilePyramidSource> source;
        std::optional<video::SurfaceTiles> surface;
        std::optional<video::TileScheduler> scheduler;
        std::unique_ptr<VideoTextures> textures;
        std::vector<video::TileChoice> choices;
        int finerThanBaked = 0; // grid levels finer than the baked texture: the only ones worth loading
    };
    TiledImages() = default;
    static Result<std::unique_ptr<Streamed>> openOne(gpu::Context& context, const scene::TiledImagePlacement& placement,
                                                     VkDescriptorSetLayout videoLayout);
    void updateOne(gpu::FrameContext& frame, Streamed& image, const TiledImageView& view,
                   const StereoViews* ahead, bool waitForTiles);

    std::vector<std::unique_ptr<Streamed>> images_; // index-aligned with GpuScene::tiledImages()
    video::HeadMotion headMotion_; // one viewer for every image
    std::vector<VkDescriptorSet> sets_;
    TiledImageStats stats_;
    std::vector<std::string> problems_;
};

} // namespace xrs::render
