#version 460
#extension GL_EXT_multiview : require
#include "shared/SceneTypes.h"
#include "shared/Shading.glsl"

layout(set = kFrameSet, binding = kFrameUniformsBinding) uniform Frame { FrameUniforms frame; };
layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;

void main() {
    // A point on the near plane (depth 1 in reversed-Z) un-projected to world space.
    vec4 world = frame.inverseViewProjection[gl_ViewIndex] * vec4(inNdc, 1.0, 1.0);
    vec3 direction = normalize(world.xyz / world.w - frame.cameraPosition[gl_ViewIndex].xyz);
    vec3 color = skyRadiance(direction, frame);
    // The sun: a small bright disc where the light comes from.
    float sun = dot(direction, -frame.lightDirection.xyz);
    color += frame.lightColor.rgb * 0.25 * smoothstep(0.9995, 0.9998, sun);
    outColor = vec4(tonemapAcesFilmic(color * frame.exposure.x), 1.0);
}
