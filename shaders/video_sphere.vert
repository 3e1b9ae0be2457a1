#version 460
#extension GL_EXT_multiview : require
// One tile's patch of the 360°/180° video sphere: a grid of video.patches.x quads a side between
// the tile's longitudes and latitudes, at infinity (the view's rotation only). One instance per
// VideoPatch of this frame's list; vertex i of the (n + 1)^2 grid is gl_VertexIndex (an index
// buffer shared by all patches makes the triangles, so each corner is shaded once), no vertex
// buffers.
//
// Neighbouring patches compute their shared corners from the same integers, and for 360° video
// the right edge of the last column wraps to the first column's left edge, so the sphere is
// watertight, the ±180° seam included. Per-pixel texture coordinates are interpolated across
// each flat quad: with quads of at most ~2.5° the direction they stand for is off by well under a
// texel of the finest level (the chord's sagitta), and no pixel computes atan/asin.
#include "shared/SceneTypes.h"
#include "shared/VideoTypes.h"

layout(set = kFrameSet, binding = kFrameUniformsBinding) uniform Frame { FrameUniforms frame; };
layout(set = kVideoSet, binding = kVideoParamsBinding) uniform Params { VideoParams video; };

layout(set = kVideoSet, binding = kVideoPatchesBinding, std430) readonly buffer Patches { VideoPatch patches[]; };

layout(location = 0) out vec2 outLocal;      // position inside the tile, [0, 1]^2
layout(location = 1) out vec2 outFrameUv;    // position in this eye's whole frame, [0, 1]^2
layout(location = 2) flat out uint outLayer; // atlas layer of the tile
layout(location = 3) flat out uint outEye;

const float PI = 3.14159265359;

void main() {
    const uint n = video.patches.x;
    const uint cols = video.grid.x, rows = video.grid.y;
    const VideoPatch drawn = patches[gl_InstanceIndex]; // firstInstance included
    const uint tileInEye = drawn.tile % (cols * rows);
    const uint eye = drawn.tile / (cols * rows);

    const uvec2 corner = uvec2(uint(gl_VertexIndex) % (n + 1u), uint(gl_VertexIndex) / (n + 1u));
    const uvec2 grid = uvec2(tileInEye % cols, tileInEye / cols) * n + corner; // in 1/n tiles
    const uvec2 gridSize = uvec2(cols, rows) * n;
    outLocal = vec2(corner) / float(n);
    outFrameUv = vec2(grid) / vec2(gridSize);
    outLayer = drawn.layer;
    outEye = eye;

    // Conventions of video/TileGrid.h: lon = atan2(x, -z) (0 forward, +90° right), lat = asin(y).
    const bool wraps = video.projection.z == 0.0;
    const uint column = wraps ? grid.x % gridSize.x : grid.x;
    const float lon = video.projection.x + video.projection.y * float(column) / float(gridSize.x);
    const float lat = PI * (0.5 - outFrameUv.y);
    const vec3 direction = vec3(cos(lat) * sin(lon), sin(lat), -cos(lat) * cos(lon));

    // Each view draws only its own eye's tiles (stereo layouts list both eyes' patches).
    const uint viewEye = video.grid.z == 2u ? (gl_ViewIndex == 0u ? frame.viewEye.x : frame.viewEye.y) : 0u;
    if (eye != viewEye) {
        gl_Position = vec4(2.0, 2.0, 0.0, 1.0); // outside the view volume: the triangle is dropped
        return;
    }
    const vec4 clip = frame.viewProjection[gl_ViewIndex] * vec4(direction, 0.0);
    gl_Position = vec4(clip.xy, 0.0, clip.w); // depth 0: the far plane in reversed-Z
}
