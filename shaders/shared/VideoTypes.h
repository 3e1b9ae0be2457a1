// Layouts shared by the video sphere shader and render/VideoTextures (C++).
#ifndef XRS_SHADERS_VIDEO_TYPES_H
#define XRS_SHADERS_VIDEO_TYPES_H

#include "SceneTypes.h"

#ifdef __cplusplus
namespace xrs::shader {
#endif

// Descriptor set 1 of the video sphere pipelines (set 0 is the frame set).
const uint kVideoSet = 1;
// ... and set 2 of the tiled-image scene pipeline (pbr_tiled.frag: frame, material, video).
const uint kTiledImageSet = 2;
const uint kVideoLumaBinding = 0;       // sampler2DArray[kMaxVideoLevels]: Y of each level's atlas
const uint kVideoChromaBinding = 1;     // sampler2DArray[kMaxVideoLevels]: interleaved CbCr
const uint kVideoBaseLumaBinding = 2;   // sampler2D: Y of the whole-sphere base layer
const uint kVideoBaseChromaBinding = 3; // sampler2D: CbCr of the base layer
const uint kVideoTilesBinding = 4;      // storage buffer: one VideoTileEntry per stream tile
const uint kVideoParamsBinding = 5;     // uniform buffer: VideoParams (also read by video_sphere.vert)
const uint kVideoPatchesBinding = 6;    // storage buffer: this frame's VideoPatch list (video_sphere.vert)
const uint kMaxVideoLevels = 4;
// Where a patch of the video sphere takes its pixels from: atlas level 0 .. kMaxVideoLevels - 1,
// or the base layer. One pipeline each (video_sphere.frag's specialization constant 0), so a
// fragment samples exactly one source: lavapipe runs every side of a branch.
const uint kVideoSourceBase = kMaxVideoLevels;
const uint kVideoSourceCount = kMaxVideoLevels + 1;
const uint kTileNotResident = 0xFFFFFFFFu;

const uint kLayoutMono = 0;
const uint kLayoutTopBottom = 1;
const uint kLayoutSideBySide = 2;

// Indirection entry for one tile of one eye (index = eye * rows * cols + row * cols + col):
// x: level whose atlas holds it this frame, or kTileNotResident (draw the base layer)
// y: layer (slot) in that level's atlas; z: the video frame index it holds (low 32 bits)
struct VideoTileEntry {
    uvec4 entry;
};

struct VideoParams {
    uvec4 grid;       // x: columns, y: rows, z: eyes in the package (1 or 2), w: layout (kLayout*)
    vec4 projection;  // x: first longitude (radians), y: longitude span, z: 1 for 180° video
    mat4 yuvToRgb;    // (R', G', B', 1) = yuvToRgb * (Y, Cb, Cr, 1): matrix and range of the stream
    vec4 baseTexel;   // xy: 1 / base layer size in texels (keeps stereo halves from bleeding)
    uvec4 frame;      // x: the video frame index every resident tile must hold (low 32 bits)
    uvec4 patches;    // x: quads along each side of one tile's patch of the sphere
};

// One tile drawn by video_sphere.vert (instance gl_InstanceIndex; grouped by source).
struct VideoPatch {
    uint tile;  // eye-major tile index, as in the indirection table
    uint layer; // atlas layer (slot) of that tile; unused for the base layer
};

#ifdef __cplusplus
} // namespace xrs::shader
#endif

#endif
