#include "render/StillPanorama.h"

#include "core/Log.h"
#include "video/ImagePlanes.h"

#include <algorithm>
#include <cmath>

namespace xrs::render {
namespace {

// Halves both sizes with a 2x2 box filter (an odd last row or column is averaged with itself).
ImageRGBA8 halved(const ImageRGBA8& image) {
    ImageRGBA8 half((image.width + 1) / 2, (image.height + 1) / 2);
    for (int y = 0; y < half.height; ++y)
        for (int x = 0; x < half.width; ++x)
            for (int c = 0; c < ImageRGBA8::kChannels; ++c) {
                int sum = 0;
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx) {
                        const int sx = std::min(2 * x + dx, image.width - 1);
                        const int sy = std::min(2 * y + dy, image.height - 1);
                        sum += image.pixels[(static_cast<std::size_t>(sy) * image.width + sx) * 4 + c];
                    }
                half.pixels[(static_cast<std::size_t>(y) * half.width + x) * 4 + c] = static_cast<std::uint8_t>((sum + 2) / 4);
            }
    return half;
}

} // namespace

Result<std::unique_ptr<StillPanorama>> StillPanorama::open(gpu::Context& context, const std::filesystem::path& image,
                                                           VkDescriptorSetLayout videoLayout) {
    auto loaded = readPng(image); // any format stb reads: PNG, JPEG, ...
    if (!loaded) return loaded.error();
    if (loaded->width < 2 || loaded->height < 2) return fail(image.string(), ": image too small for a panorama");
    if (loaded->width != 2 * loaded->height)
        XRS_LOG_WARN("{}: {}x{} is not 2:1; shown stretched over the whole sphere", image.string(), loaded->width,
                     loaded->height);
    return create(context, *loaded, videoLayout);
}

Result<std::unique_ptr<StillPanorama>> StillPanorama::create(gpu::Context& context, const ImageRGBA8& image,
                                                             VkDescriptorSetLayout videoLayout) {
    std::optional<ImageRGBA8> smaller;
    while ((smaller ? *smaller : image).width > kMaxStillWidth) smaller = halved(smaller ? *smaller : image);
    const ImageRGBA8& shown = smaller ? *smaller : image;

    video::Manifest manifest; // one tile, never resident: the base layer is the whole still
    manifest.sourceWidth = manifest.baseWidth = shown.width;
    manifest.sourceHeight = manifest.baseHeight = shown.height;
    manifest.fpsNum = 1;
    manifest.frameCount = 1;
    manifest.gridCols = manifest.gridRows = 1;
    // One unused 2x2 tile level: the sphere's descriptor set binds an atlas per level.
    manifest.levels.resize(1);
    manifest.levels[0].tileWidth = manifest.levels[0].tileHeight = 2;
    auto textures = VideoTextures::create(context, manifest, videoLayout);
    if (!textures) return textures.error();

    std::unique_ptr<StillPanorama> still(new StillPanorama());
    still->textures_ = std::move(*textures);
    still->notUploaded_ = video::stillPlanesOf(shown);
    still->width_ = shown.width;
    still->height_ = shown.height;
    return still;
}

void StillPanorama::update(gpu::FrameContext& frame) {
    textures_->updateStill(frame, notUploaded_ ? &*notUploaded_ : nullptr);
    notUploaded_.reset();
}

} // namespace xrs::render
