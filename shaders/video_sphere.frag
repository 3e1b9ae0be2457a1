#version 460
// The video on one tile's patch of the sphere (video_sphere.vert), from the one source this
// pipeline reads: a level's atlas slot, or the whole-sphere base layer for tiles that are
// missing or hold another frame (VideoTextures decides per tile and frame: never a hole, never
// another time). Every sample uses LOD 0: each level already matches the display density, so
// there are no derivatives to go wrong at the ±180° seam, the poles or tile borders. Each tile
// is its own array layer and base-layer taps stay inside their eye's half: nothing bleeds.
#include "shared/SceneTypes.h"
#define XRS_VIDEO_SET kVideoSet
#include "shared/VideoSampling.glsl"

// 0 .. kMaxVideoLevels - 1: that level's atlas; kVideoSourceBase: the base layer.
layout(constant_id = 0) const uint kSource = 0;
// DebugView::VideoTiles: tint by source, darken tile borders.
layout(constant_id = 1) const bool kDebugTiles = false;

layout(location = 0) in vec2 inLocal;
layout(location = 1) in vec2 inFrameUv;
layout(location = 2) flat in uint inLayer;
layout(location = 3) flat in uint inEye;
layout(location = 0) out vec4 outColor;

void main() {
    vec3 yuv;
    if (kSource == kVideoSourceBase) {
        // The whole frame, both eyes for stereo layouts: keep bilinear taps inside this eye's
        // half. Longitude wraps at the seam: the sampler repeats horizontally for mono/top-bottom.
        vec2 uv = inFrameUv;
        vec2 halfTexel = 0.5 * video.baseTexel.xy;
        if (video.grid.w == kLayoutTopBottom) {
            uv.y = clamp(uv.y * 0.5, halfTexel.y, 0.5 - halfTexel.y) + 0.5 * float(inEye);
        } else if (video.grid.w == kLayoutSideBySide) {
            uv.x = clamp(uv.x * 0.5, halfTexel.x, 0.5 - halfTexel.x) + 0.5 * float(inEye);
        }
        yuv = vec3(textureLod(baseLuma, uv, 0.0).r, textureLod(baseChroma, uv, 0.0).rg);
    } else {
        // Clamping to the tile's texel centres is the sampler's CLAMP_TO_EDGE; layers don't bleed.
        const uint level = min(kSource, kMaxVideoLevels - 1u);
        const vec3 coord = vec3(inLocal, float(inLayer));
        yuv = vec3(textureLod(lumaAtlas[level], coord, 0.0).r, textureLod(chromaAtlas[level], coord, 0.0).rg);
    }
    vec3 rgb = yuvToRgb(yuv);
    if (kDebugTiles) {
        // Level 0 (finest) green, then yellow, orange, red; the base layer grey-blue; a dark
        // line along tile borders.
        const vec3 tints[kVideoSourceCount] = vec3[kVideoSourceCount](
            vec3(0.2, 1.0, 0.3), vec3(1.0, 0.9, 0.2), vec3(1.0, 0.55, 0.1), vec3(1.0, 0.2, 0.2), vec3(0.45, 0.55, 0.75));
        float luma = dot(rgb, vec3(0.2126, 0.7152, 0.0722));
        float border = min(min(inLocal.x, 1.0 - inLocal.x), min(inLocal.y, 1.0 - inLocal.y));
        rgb = tints[kSource] * (0.35 + 0.65 * luma) * (border < 0.01 ? 0.3 : 1.0);
    }
    // Video is display-referred (BT.709/sRGB transfer): undo the transfer so the sRGB
    // attachment stores the original code values. No tone mapping, no exposure.
    outColor = vec4(srgbToLinear(rgb), 1.0);
}
