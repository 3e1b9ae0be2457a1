#version 460
#extension GL_EXT_multiview : require
// A scene surface showing part of a tiled image (the hand scroll): the material's baked texture
// (one coarse pyramid level, with mips) wherever it has at least a texel per pixel, and the
// streamed finer tiles (VideoTextures: image uv -> grid tile -> resident atlas slot) where the
// viewer is close enough to magnify it. A tile that is not resident yet shows the baked texture:
// never a hole. Atlas tiles have no mips, so they are used only under magnification, where LOD 0
// is right; the two blend over a footprint of 1 to 2 baked texels per pixel so the switch shows
// no seam.
#include "shared/PbrSurface.glsl"
#define XRS_VIDEO_SET kTiledImageSet
#include "shared/VideoSampling.glsl"

layout(location = 0) out vec4 outColor;

// The streamed tiles' colour (linear) at image uv, and how much of it to use (0: none resident).
vec4 streamedColor(vec2 imageUv) {
    uint cols = video.grid.x, rows = video.grid.y;
    vec2 cell = clamp(imageUv, 0.0, 1.0) * vec2(cols, rows);
    uint col = min(uint(cell.x), cols - 1u);
    uint row = min(uint(cell.y), rows - 1u);
    uvec4 entry = tiles[row * cols + col].entry;
    if (entry.x == kTileNotResident || entry.z != video.frame.x) return vec4(0.0);
    vec3 yuv = sampleAtlas(entry.x, vec3(cell - vec2(col, row), float(entry.y)));
    return vec4(srgbToLinear(yuvToRgb(yuv)), 1.0);
}

void main() {
    vec4 baked = texture(baseColorMap, inUv);
    // Baked texels per pixel (derivatives before any branch or discard).
    vec2 bakedTexels = inUv * vec2(textureSize(baseColorMap, 0));
    float footprint = max(length(dFdx(bakedTexels)), length(dFdy(bakedTexels)));
    if (dissolvedAway()) discard;
    float streamedWeight = 1.0 - smoothstep(0.5, 1.0, footprint);

    vec4 texel = baked;
    if (streamedWeight > 0.0) {
        vec2 imageUv = vec2(mix(uintBitsToFloat(draw.flags.y), uintBitsToFloat(draw.flags.z), inUv.x), inUv.y);
        vec4 streamed = streamedColor(imageUv);
        texel.rgb = mix(baked.rgb, streamed.rgb, streamedWeight * streamed.a);
    }
    vec4 baseColor = draw.baseColorFactor * inColor * texel;
    if ((draw.flags.x & 3u) == kAlphaMask && baseColor.a < draw.emissiveFactor.a) discard;
    outColor = shadeSurface(baseColor);
}
