#version 460
#extension GL_EXT_multiview : require
#extension GL_GOOGLE_include_directive : require
#include "shared/SceneTypes.h"
#include "shared/OverlayTypes.h"

layout(set = kOverlayTextureSet, binding = 0) uniform sampler2D image;
layout(push_constant) uniform Push { OverlayPushConstants pc; };
layout(location = 0) in vec2 inUv;
layout(location = 1) in vec2 inNdc;
layout(location = 0) out vec4 outColor; // premultiplied alpha

const float kPi = 3.14159265358979;

void main() {
    if (pc.mode.x == kOverlayTextured) {
        // Textures are premultiplied (ui::Canvas); so is the tint applied to them.
        outColor = texture(image, inUv) * vec4(pc.tint.rgb * pc.tint.a, pc.tint.a);
    } else if (pc.mode.x == kOverlayRing) {
        // A ring between radii 0.78 and 1.0 of the quad; the filled part runs clockwise from
        // the top. Edges are anti-aliased over one pixel's footprint.
        vec2 p = inUv * 2.0 - 1.0;
        p.y = -p.y;
        float r = length(p);
        float aa = max(fwidth(r), 1e-4);
        float inRing = smoothstep(0.78 - aa, 0.78, r) * (1.0 - smoothstep(1.0 - aa, 1.0, r));
        float angle = atan(p.x, p.y); // 0 at the top, increasing clockwise
        float turn = (angle < 0.0 ? angle + 2.0 * kPi : angle) / (2.0 * kPi);
        float filled = step(turn, pc.params.x);
        vec3 color = mix(vec3(0.15), pc.tint.rgb, filled);
        float alpha = inRing * mix(0.45, 1.0, filled) * pc.tint.a;
        outColor = vec4(color * alpha, alpha);
    } else {
        // Fade to black, and the comfort vignette: darkening that grows towards the edge of
        // each eye's view while the visitor moves smoothly (reduces vection).
        vec2 centre = gl_ViewIndex == 0 ? pc.eyeCentre.xy : pc.eyeCentre.zw;
        float d = length(inNdc - centre);
        float vignette = pc.params.y * smoothstep(0.35, 1.05, d);
        outColor = vec4(0.0, 0.0, 0.0, clamp(max(pc.params.x, vignette), 0.0, 1.0));
    }
}
