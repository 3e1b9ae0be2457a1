#include "render/TiledImages.h"

#include "core/Log.h"

#include <algorithm>

namespace xrs::render {
namespace {

// On a surface the display's density is the cap everywhere: a far tile never needs the source's
// full resolution just because it is looked at.
video::SchedulerConfig surfaceSchedulerConfig() {
    video::SchedulerConfig config;
    config.sourceResolutionInFovea = false;
    config.prefetchLevel = 0; // tiles load in a few ms: ask at the level they will need
    return config;
}

// How far ahead tiles coming into view are asked for: the scheduler's prefetch time, but at
// least two display frames, since a tile asked for in one frame shows from the next.
double lookAheadSeconds(double frameSeconds) {
    return std::max(static_cast<double>(surfaceSchedulerConfig().prefetchSeconds), 2.0 * frameSeconds);
}

} // namespace

std::string describe(const TiledImageStats& stats) {
    return "tiled images: " + std::to_string(stats.tilesResident) + " of " + std::to_string(stats.tilesWanted) +
           " wanted tiles resident, " + std::to_string(stats.tilesUploaded) + " uploaded, " +
           std::to_string(stats.tilesLoaded) + " loaded, " + std::to_string(stats.tilesFailed) + " failed";
}

std::unique_ptr<TiledImages> TiledImages::open(gpu::Context& context, const GpuScene& scene,
                                               VkDescriptorSetLayout videoLayout) {
    std::unique_ptr<TiledImages> images(new TiledImages());
    for (const scene::TiledImagePlacement& placement : scene.tiledImages()) {
        auto image = openOne(context, placement, videoLayout);
        if (!image) {
            images->problems_.push_back(image.error().message + "; its surfaces show their baked texture");
            XRS_LOG_ERROR("{}", images->problems_.back());
        }
        images->images_.push_back(image ? std::move(*image) : nullptr);
    }
    images->sets_.assign(images->images_.size(), VK_NULL_HANDLE);
    return images;
}

TiledImages::~TiledImages() = default;

Result<std::unique_ptr<TiledImages::Streamed>> TiledImages::openOne(gpu::Context& context,
                                                                    const scene::TiledImagePlacement& placement,
                                                                    VkDescriptorSetLayout videoLayout) {
    auto pyramid = video::readTilePyramid(placement.index);
    if (!pyramid) return pyramid.error();
    auto image = std::make_unique<Streamed>();
    image->pyramid = std::move(*pyramid);
    image->manifest = image->pyramid.manifest(static_cast<int>(shader::kMaxVideoLevels));
    const video::Manifest& manifest = image->manifest;

    image->surface.emplace(video::SurfacePlacement{placement.origin, placement.uAxis, placement.vAxis},
                           manifest.gridCols, manifest.gridRows, manifest.sourceWidth);
    std::vector<video::TileScheduler::LevelSize> levels;
    for (const video::Level& level : manifest.levels) levels.push_back({level.tileWidth, level.tileHeight});
    image->scheduler.emplace(image->surface->tileCount(), std::move(levels), surfaceSchedulerConfig());
    // Grid level L shows the image at height / 2^L; at or below the baked texture's height it
    // adds nothing the baked texture (with its mips) does not show better. Those levels stay in
    // the scheduler (so a far tile is "not needed" rather than forced to the coarsest level
    // left) but are never loaded, and get the atlas' minimum of slots.
    image->finerThanBaked = static_cast<int>(manifest.levels.size());
    if (placement.bakedHeight > 0)
        for (int level = 0; level < static_cast<int>(manifest.levels.size()); ++level)
            if ((static_cast<std::uint32_t>(manifest.sourceHeight) >> level) <= placement.bakedHeight) {
                image->finerThanBaked = level;
                break;
            }
    if (image->finerThanBaked == 0) {
        XRS_LOG_INFO("{}: the baked texture already holds the full {} px height; nothing to stream",
                     placement.index.string(), manifest.sourceHeight);
        return std::unique_ptr<Streamed>();
    }
    auto source = video::TilePyramidSource::open(image->pyramid, manifest);
    if (!source) return source.error();
    image->source = std::move(*source);
    VideoTexturesConfig atlas;
    for (std::size_t level = static_cast<std::size_t>(image->finerThanBaked); level < atlas.slotFractionPerLevel.size(); ++level)
        atlas.slotFractionPerLevel[level] = 0.0f;
    auto textures = VideoTextures::create(context, manifest, videoLayout, atlas);
    if (!textures) return textures.error();
    image->textures = std::move(*textures);
    XRS_LOG_INFO("{}: streaming {}x{} in {}x{} tiles of {} px, {} levels finer than the baked {} px",
                 placement.index.string(), manifest.sourceWidth, manifest.sourceHeight, manifest.gridCols,
                 manifest.gridRows, manifest.levels.front().tileWidth, image->finerThanBaked, placement.bakedHeight);
    return image;
}

void TiledImages::update(gpu::FrameContext& frame, const TiledImageView& view, bool waitForTiles) {
    stats_ = {};
    // Where the views will be if the viewer keeps walking and turning as now.
    headMotion_.observe(headOf(view.views), view.frameSeconds);
    std::optional<StereoViews> ahead;
    if (glm::length(headMotion_.linearVelocity()) > 0.0f || glm::length(headMotion_.angularVelocity()) > 0.0f) {
        ahead = view.views;
        const auto seconds = static_cast<float>(lookAheadSeconds(view.frameSeconds));
        for (EyeView& eye : ahead->eyes) eye.pose = headMotion_.predict(eye.pose, seconds);
    }
    for (std::size_t i = 0; i < images_.size(); ++i) {
        if (!images_[i]) continue;
        updateOne(frame, *images_[i], view, ahead ? &*ahead : nullptr, waitForTiles);
        sets_[i] = images_[i]->textures->background(frame).set;
    }
}

void TiledImages::updateOne(gpu::FrameContext& frame, Streamed& image, const TiledImageView& view,
                            const StereoViews* ahead, bool waitForTiles) {
    std::optional<video::SurfaceView> later;
    if (ahead) later = video::SurfaceView{headOf(*ahead), ahead->eyes, view.gazeDirection};
    const std::vector<video::TileSight>& sights =
        image.surface->see({headOf(view.views), view.views.eyes, view.gazeDirection}, later ? &*later : nullptr);
    image.choices = image.scheduler->chooseLevels(sights, view.displayPixelsPerRadian, view.frameSeconds);
    for (video::TileChoice& choice : image.choices)
        if (choice.level >= image.finerThanBaked) choice.level = video::kLevelNotNeeded; // the baked texture covers it

    // Ask for what is chosen and not held yet, in view or coming into view, nearest the gaze
    // first. A tile out of view that the hysteresis still wants is kept if resident, never
    // loaded again: when the atlas had to give its slot away, loading it would only evict it
    // (or be dropped) again, every frame.
    std::vector<int> order;
    for (int tile = 0; tile < static_cast<int>(image.choices.size()); ++tile) {
        const video::TileChoice& choice = image.choices[static_cast<std::size_t>(tile)];
        if (choice.level != video::kLevelNotNeeded && (choice.visible || choice.prefetch)) order.push_back(tile);
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const video::TileChoice& ca = image.choices[static_cast<std::size_t>(a)];
        const video::TileChoice& cb = image.choices[static_cast<std::size_t>(b)];
        if (ca.visible != cb.visible) return ca.visible;
        return ca.eccentricityRad < cb.eccentricityRad;
    });
    std::vector<video::StreamId> wanted;
    for (int tile : order) {
        const video::StreamId stream{image.choices[static_cast<std::size_t>(tile)].level, tile};
        if (!image.textures->holds(stream, 0)) wanted.push_back(stream);
    }
    image.source->want(wanted);
    if (waitForTiles) image.source->waitForWanted();

    const VideoFrameUpload upload = image.textures->update(frame, *image.source, image.choices, 0);
    stats_.tilesWanted += upload.tilesWanted;
    stats_.tilesResident += upload.tilesResident;
    stats_.wantedResident += upload.wantedResident;
    const std::vector<shader::VideoTileEntry>& entries = image.textures->entries();
    for (std::size_t tile = 0; tile < image.choices.size(); ++tile) {
        const video::TileChoice& choice = image.choices[tile];
        if (!choice.visible || choice.level == video::kLevelNotNeeded) continue;
        ++stats_.visibleWanted;
        const std::uint32_t shownLevel = entries[tile].entry.x;
        stats_.visibleSharp += shownLevel != shader::kTileNotResident && shownLevel <= static_cast<std::uint32_t>(choice.level);
    }
    stats_.tilesUploaded += upload.tilesUploaded;
    stats_.tilesLoaded += image.source->tilesLoaded();
    stats_.pixelsLoaded += image.source->pixelsLoaded();
    stats_.textureBytes += image.textures->textureBytes();
    stats_.tilesFailed += image.source->failedTiles();
}

} // namespace xrs::render
