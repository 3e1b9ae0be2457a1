#version 460
#extension GL_EXT_multiview : require
// The 360°/180° video around the viewer: each pixel's view direction -> longitude/latitude ->
// tile -> the resident atlas slot of that tile (indirection table), or the whole-sphere base
// layer wherever the tile is missing or holds another frame (never a hole, never another time).
// Every sample uses LOD 0: each level already matches the display density, so there are no
// derivatives to go wrong at the ±180° seam, the poles or tile borders. Each tile is its own
// array layer and every coordinate is clamped inside its tile or eye half: nothing bleeds.
#include "shared/SceneTypes.h"
#define XRS_VIDEO_SET kVideoSet
#include "shared/VideoSampling.glsl"

layout(set = kFrameSet, binding = kFrameUniformsBinding) uniform Frame { FrameUniforms frame; };

layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;

const float PI = 3.14159265359;

void main() {
    uint view = gl_ViewIndex;
    vec4 world = frame.inverseViewProjection[view] * vec4(inNdc, 1.0, 1.0);
    vec3 d = normalize(world.xyz / world.w - frame.cameraPosition[view].xyz);

    // Conventions of video/TileGrid.h: lon = atan2(x, -z) (0 forward, +90° right), lat = asin(y).
    float lon = atan(d.x, -d.z);
    float lat = asin(clamp(d.y, -1.0, 1.0));
    float u = (lon - video.projection.x) / video.projection.y;
    if (u < 0.0 || u > 1.0) { // behind a 180° video: nothing was filmed there
        outColor = vec4(0.0, 0.0, 0.0, 1.0);
        return;
    }
    float v = clamp(0.5 - lat / PI, 0.0, 1.0);

    uint eye = video.grid.z == 2u ? (view == 0u ? frame.viewEye.x : frame.viewEye.y) : 0u;
    uint cols = video.grid.x, rows = video.grid.y;
    uint col = min(uint(u * float(cols)), cols - 1u);
    uint row = min(uint(v * float(rows)), rows - 1u);
    uvec4 entry = tiles[eye * rows * cols + row * cols + col].entry;

    vec3 yuv;
    if (entry.x != kTileNotResident && entry.z == video.frame.x) {
        vec2 local = vec2(u * float(cols) - float(col), v * float(rows) - float(row));
        // Layers don't bleed into each other; clamping to the tile's texel centres is done by
        // the sampler's CLAMP_TO_EDGE.
        yuv = sampleAtlas(entry.x, vec3(local, float(entry.y)));
    } else {
        // Base layer: the whole frame, both eyes for stereo layouts. Keep bilinear taps inside
        // this eye's half.
        vec2 uv = vec2(u, v);
        vec2 half_texel = 0.5 * video.baseTexel.xy;
        if (video.grid.w == kLayoutTopBottom) {
            uv.y = clamp(uv.y * 0.5, half_texel.y, 0.5 - half_texel.y) + 0.5 * float(eye);
        } else if (video.grid.w == kLayoutSideBySide) {
            uv.x = clamp(uv.x * 0.5, half_texel.x, 0.5 - half_texel.x) + 0.5 * float(eye);
        }
        // Longitude wraps at the seam: let the sampler repeat horizontally for mono/top-bottom.
        yuv = vec3(textureLod(baseLuma, uv, 0.0).r, textureLod(baseChroma, uv, 0.0).rg);
    }
    vec3 rgb = yuvToRgb(yuv);
    if (frame.viewEye.z == kDebugViewVideoTiles) {
        // Which tiles are resident at which level: level 0 (finest) green, then yellow, orange,
        // red; the base layer grey-blue; a dark line along tile borders.
        const vec3 levels[4] = vec3[4](vec3(0.2, 1.0, 0.3), vec3(1.0, 0.9, 0.2), vec3(1.0, 0.55, 0.1),
                                       vec3(1.0, 0.2, 0.2));
        bool resident = entry.x != kTileNotResident && entry.z == video.frame.x;
        vec3 tint = resident ? levels[min(entry.x, 3u)] : vec3(0.45, 0.55, 0.75);
        float luma = dot(rgb, vec3(0.2126, 0.7152, 0.0722));
        vec2 local = vec2(u * float(cols) - float(col), v * float(rows) - float(row));
        float border = min(min(local.x, 1.0 - local.x), min(local.y, 1.0 - local.y));
        rgb = tint * (0.35 + 0.65 * luma) * (border < 0.01 ? 0.3 : 1.0);
    }
    // Video is display-referred (BT.709/sRGB transfer): undo the transfer so the sRGB
    // attachment stores the original code values. No tone mapping, no exposure.
    outColor = vec4(srgbToLinear(rgb), 1.0);
}
