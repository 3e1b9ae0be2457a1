#version 460
// Puts the stereo eye images (a 2-layer array, layer i = eye i) into the window: the left eye,
// both side by side, or a red/cyan anaglyph. Outside the eye rectangles the window is black.
#extension GL_GOOGLE_include_directive : require
#include "shared/ComposeTypes.h"

layout(set = 0, binding = 0) uniform sampler2DArray eyes;
layout(push_constant) uniform Push { ComposePushConstants pc; };
layout(location = 0) out vec4 outColor;

bool inRect(vec2 p, vec4 rect, out vec2 uv) {
    uv = (p - rect.xy) / rect.zw;
    return all(greaterThanEqual(uv, vec2(0.0))) && all(lessThan(uv, vec2(1.0)));
}

vec3 encodeSrgb(vec3 c) {
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, greaterThan(c, vec3(0.0031308)));
}

void main() {
    vec2 p = gl_FragCoord.xy;
    vec2 uv;
    vec3 color = vec3(0.0);
    if (pc.mode.x == kComposeSideBySide) {
        if (inRect(p, pc.eyeRect[0], uv)) color = texture(eyes, vec3(uv, 0.0)).rgb;
        else if (inRect(p, pc.eyeRect[1], uv)) color = texture(eyes, vec3(uv, 1.0)).rgb;
    } else if (inRect(p, pc.eyeRect[0], uv)) {
        vec3 left = texture(eyes, vec3(uv, 0.0)).rgb;
        if (pc.mode.x == kComposeAnaglyph) {
            // Half-colour anaglyph: the left eye's luminance in red (less rivalry than its raw
            // red channel), the right eye's green and blue.
            // The eyes' fovs differ (asymmetric), so the right eye is sampled where it sees the
            // same direction as this pixel of the left eye: aligned at infinity.
            vec4 l = pc.eyeTangents[0], r = pc.eyeTangents[1];
            vec2 tangent = vec2(mix(l.x, l.y, uv.x), mix(l.z, l.w, uv.y));
            vec2 rightUv = vec2((tangent.x - r.x) / (r.y - r.x), (r.z - tangent.y) / (r.z - r.w));
            vec3 right = vec3(0.0);
            if (all(greaterThanEqual(rightUv, vec2(0.0))) && all(lessThan(rightUv, vec2(1.0))))
                right = texture(eyes, vec3(rightUv, 1.0)).rgb;
            color = vec3(dot(left, vec3(0.2126, 0.7152, 0.0722)), right.g, right.b);
        } else {
            color = left;
        }
    }
    outColor = vec4(pc.mode.y == 1u ? encodeSrgb(color) : color, 1.0);
}
