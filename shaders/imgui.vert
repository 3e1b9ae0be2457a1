#version 460
// Dear ImGui vertices: pixel positions, font-atlas uv, sRGB vertex colour.
layout(location = 0) in vec2 inPosition;
layout(location = 1) in vec2 inUv;
layout(location = 2) in vec4 inColor;
layout(push_constant) uniform Push {
    vec4 scaleTranslate; // pixels -> NDC
    uvec4 flags;         // x: 1 = the target is sRGB (decode the colour so it stores unchanged)
} pc;
layout(location = 0) out vec2 outUv;
layout(location = 1) out vec4 outColor;

void main() {
    outUv = inUv;
    vec3 c = inColor.rgb;
    if (pc.flags.x == 1u) c = mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
    outColor = vec4(c, inColor.a);
    gl_Position = vec4(inPosition * pc.scaleTranslate.xy + pc.scaleTranslate.zw, 0.0, 1.0);
}
