#version 460
// One overlay quad (two triangles) from its centre and half-extent vectors, or a
// fullscreen triangle for the screen effects. Multiview: each view projects with its own matrix.
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "shared/SceneTypes.h"
#include "shared/OverlayTypes.h"

layout(set = kFrameSet, binding = kFrameUniformsBinding) uniform Frame { FrameUniforms frame; };
layout(push_constant) uniform Push { OverlayPushConstants pc; };
layout(location = 0) out vec2 outUv;
layout(location = 1) out vec2 outNdc;

void main() {
    if (pc.mode.x == kOverlayScreen) {
        vec2 uv = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2);
        outUv = uv;
        outNdc = uv * 2.0 - 1.0;
        gl_Position = vec4(outNdc, 1.0, 1.0); // nearest in reversed-Z (depth testing is off)
        return;
    }
    // Two triangles over corners 0 (0,0) 1 (1,0) 2 (0,1) 3 (1,1); uv (0,0) is the image's top-left.
    const int kCorners[6] = int[](0, 1, 2, 2, 1, 3);
    int c = kCorners[gl_VertexIndex];
    vec2 corner = vec2(c & 1, (c >> 1) & 1);
    outUv = vec2(corner.x, 1.0 - corner.y);
    vec3 world = pc.center.xyz + (corner.x * 2.0 - 1.0) * pc.halfRight.xyz +
                 (corner.y * 2.0 - 1.0) * pc.halfUp.xyz;
    gl_Position = frame.viewProjection[gl_ViewIndex] * vec4(world, 1.0);
    outNdc = gl_Position.xy / gl_Position.w;
}
