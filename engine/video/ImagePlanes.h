#pragma once
// Still images in the video path's planes, so that stills (360° photos, tiled image pyramids)
// are drawn by the same atlas and shaders as decoded video.
#include "core/Image.h"
#include "video/TileDecoder.h"

namespace xrs::video {

// Y'CbCr 4:2:0 planes of an sRGB-encoded image (alpha ignored), BT.709 limited range.
DecodedFrame stillPlanesOf(const ImageRGBA8& image);

} // namespace xrs::video
