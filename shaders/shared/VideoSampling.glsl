// The video textures' bindings and their sampling, shared by the video sphere (video_sphere.frag)
// and tiled images on scene surfaces (pbr_tiled.frag). Define XRS_VIDEO_SET, the descriptor set
// the including pipeline binds VideoTextures' set at, before including.
#ifndef XRS_SHADERS_VIDEO_SAMPLING_GLSL
#define XRS_SHADERS_VIDEO_SAMPLING_GLSL

#include "VideoTypes.h"

layout(set = XRS_VIDEO_SET, binding = kVideoLumaBinding) uniform sampler2DArray lumaAtlas[kMaxVideoLevels];
layout(set = XRS_VIDEO_SET, binding = kVideoChromaBinding) uniform sampler2DArray chromaAtlas[kMaxVideoLevels];
layout(set = XRS_VIDEO_SET, binding = kVideoBaseLumaBinding) uniform sampler2D baseLuma;
layout(set = XRS_VIDEO_SET, binding = kVideoBaseChromaBinding) uniform sampler2D baseChroma;
layout(set = XRS_VIDEO_SET, binding = kVideoTilesBinding, std430) readonly buffer Tiles { VideoTileEntry tiles[]; };
layout(set = XRS_VIDEO_SET, binding = kVideoParamsBinding) uniform Params { VideoParams video; };

// The sRGB curve's inverse (display-referred R'G'B' -> linear) with a degree-4 polynomial above
// the linear toe instead of pow(): lavapipe evaluates pow as exp2(log2()) per channel, a fifth of
// the video loop's time. Fitted for the sRGB attachment that re-encodes it: the stored value is
// within 0.05 of an 8-bit code of the exact curve's, over all of [0, 1].
vec3 srgbToLinear(vec3 c) {
    const vec3 curve = 0.0010480026 + c * (0.0283583773 + c * (0.5606648460 + c * (0.5259690098 + c * -0.1165056681)));
    return mix(c / 12.92, curve, greaterThan(c, vec3(0.04045)));
}

// Y and CbCr of one tile from its level's atlas (branches instead of a non-uniform array index,
// which needs an optional feature).
vec3 sampleAtlas(uint level, vec3 coord) {
    float y, cb, cr;
    if (level == 0u) { y = textureLod(lumaAtlas[0], coord, 0.0).r; vec2 c = textureLod(chromaAtlas[0], coord, 0.0).rg; cb = c.r; cr = c.g; }
    else if (level == 1u) { y = textureLod(lumaAtlas[1], coord, 0.0).r; vec2 c = textureLod(chromaAtlas[1], coord, 0.0).rg; cb = c.r; cr = c.g; }
    else if (level == 2u) { y = textureLod(lumaAtlas[2], coord, 0.0).r; vec2 c = textureLod(chromaAtlas[2], coord, 0.0).rg; cb = c.r; cr = c.g; }
    else { y = textureLod(lumaAtlas[3], coord, 0.0).r; vec2 c = textureLod(chromaAtlas[3], coord, 0.0).rg; cb = c.r; cr = c.g; }
    return vec3(y, cb, cr);
}

// Display-referred R'G'B' of a Y'CbCr sample (the stream's matrix and range).
vec3 yuvToRgb(vec3 yuv) {
    return clamp((video.yuvToRgb * vec4(yuv, 1.0)).rgb, 0.0, 1.0);
}

#endif
