#pragma once
// An equirectangular still image (a 360° photo) drawn behind the scene the way a 360° video is:
// converted once to the video path's planes (BT.709 limited-range Y' and interleaved CbCr,
// 4:2:0) and shown as the base layer of a VideoTextures whose tiles are never resident, so the sphere
// shader draws it (no seam at ±180°, no pinching at the poles). Mono, 360°.
//
// Images wider than kMaxStillWidth are halved (2x2 box filter) until they fit: 8192 texels
// around the sphere are about 23 per degree, more than today's headsets resolve, and the whole
// still stays resident (about 1.5 bytes per texel, twice more in staging on its first frame).
#include "core/Image.h"
#include "core/Result.h"
#include "gpu/FrameRing.h"
#include "render/SceneRenderer.h"
#include "render/VideoTextures.h"
#include "video/TileDecoder.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace xrs::render {

inline constexpr int kMaxStillWidth = 8192;

class StillPanorama {
public:
    // Reads a PNG or JPEG; errors name the file ("<file>: cannot decode image (...)").
    static Result<std::unique_ptr<StillPanorama>> open(gpu::Context& context, const std::filesystem::path& image,
                                                       VkDescriptorSetLayout videoLayout);
    static Result<std::unique_ptr<StillPanorama>> create(gpu::Context& context, const ImageRGBA8& image,
                                                         VkDescriptorSetLayout videoLayout);

    // Once per display frame: the first one uploads the image.
    void update(gpu::FrameContext& frame);
    VideoBackground background(const gpu::FrameContext& frame) const { return textures_->background(frame); }

    int width() const { return width_; }    // as shown, after any halving
    int height() const { return height_; }

private:
    StillPanorama() = default;

    std::unique_ptr<VideoTextures> textures_;
    std::optional<video::DecodedFrame> notUploaded_;
    int width_ = 0, height_ = 0;
};

} // namespace xrs::render
