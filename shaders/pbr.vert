#version 460
#extension GL_EXT_multiview : require
#include "shared/SceneTypes.h"

layout(set = kFrameSet, binding = kFrameUniformsBinding) uniform Frame { FrameUniforms frame; };
layout(push_constant) uniform Push { DrawPushConstants draw; };

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv;
layout(location = 4) in vec4 inColor;

layout(location = 0) out vec3 outWorldPosition;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outTangent;
layout(location = 3) out vec2 outUv;
layout(location = 4) out vec4 outColor;

void main() {
    vec4 world = draw.model * vec4(inPosition, 1.0);
    // Inverse-transpose keeps normals perpendicular under non-uniform scale.
    mat3 normalMatrix = transpose(inverse(mat3(draw.model)));
    outWorldPosition = world.xyz;
    outNormal = normalMatrix * inNormal;
    outTangent = vec4(mat3(draw.model) * inTangent.xyz, inTangent.w);
    outUv = inUv;
    outColor = inColor;
    gl_Position = frame.viewProjection[gl_ViewIndex] * world;
}
