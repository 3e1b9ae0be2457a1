// Shading of one scene fragment, shared by the scene's fragment shaders (pbr.frag,
// pbr_tiled.frag), which differ only in where the base colour comes from.
// glTF 2.0 metallic-roughness: GGX distribution, height-correlated Smith visibility, Schlick
// Fresnel (glTF spec appendix B), one directional light, a hemispherical sky ambient with an
// analytic environment-BRDF approximation (Karis, "Physically Based Shading on Mobile").
#ifndef XRS_SHADERS_PBR_SURFACE_GLSL
#define XRS_SHADERS_PBR_SURFACE_GLSL

#include "SceneTypes.h"
#include "Shading.glsl"

layout(set = kFrameSet, binding = kFrameUniformsBinding) uniform Frame { FrameUniforms frame; };
layout(set = kMaterialSet, binding = kBaseColorBinding) uniform sampler2D baseColorMap;
layout(set = kMaterialSet, binding = kMetallicRoughnessBinding) uniform sampler2D metallicRoughnessMap;
layout(set = kMaterialSet, binding = kNormalBinding) uniform sampler2D normalMap;
layout(set = kMaterialSet, binding = kOcclusionBinding) uniform sampler2D occlusionMap;
layout(set = kMaterialSet, binding = kEmissiveBinding) uniform sampler2D emissiveMap;
layout(push_constant) uniform Push { DrawPushConstants draw; };

layout(location = 0) in vec3 inWorldPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv;
layout(location = 4) in vec4 inColor;

const float PI = 3.14159265359;

float distributionGgx(float nDotH, float alpha) {
    float a2 = alpha * alpha;
    float d = nDotH * nDotH * (a2 - 1.0) + 1.0;
    return a2 / (PI * d * d);
}

float visibilitySmithGgxCorrelated(float nDotV, float nDotL, float alpha) {
    float a2 = alpha * alpha;
    float v = nDotL * sqrt(nDotV * nDotV * (1.0 - a2) + a2);
    float l = nDotV * sqrt(nDotL * nDotL * (1.0 - a2) + a2);
    return 0.5 / max(v + l, 1e-5);
}

vec3 fresnelSchlick(vec3 f0, float vDotH) {
    return f0 + (1.0 - f0) * pow(1.0 - vDotH, 5.0);
}

vec2 environmentBrdfApprox(float nDotV, float roughness) {
    const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
    const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
    vec4 r = roughness * c0 + c1;
    float a004 = min(r.x * r.x, exp2(-9.28 * nDotV)) * r.x + r.y;
    return vec2(-1.04, 1.04) * a004 + r.zw;
}

vec3 shadingNormal() {
    vec3 n = normalize(inNormal);
    if (!gl_FrontFacing) n = -n; // double-sided materials light their back faces too
    if ((draw.flags.x & kFlagHasNormalMap) != 0u && dot(inTangent.xyz, inTangent.xyz) > 1e-8) {
        vec3 t = normalize(inTangent.xyz - n * dot(n, inTangent.xyz));
        vec3 b = cross(n, t) * (inTangent.w < 0.0 ? -1.0 : 1.0);
        vec3 m = texture(normalMap, inUv).xyz * 2.0 - 1.0;
        m.xy *= draw.material.z;
        n = normalize(m.x * t + m.y * b + m.z * n);
    }
    return n;
}

// Ordered-dither threshold of this pixel in [0, 1): the 8x8 Bayer matrix, bit-reversed
// interleave of (x ^ y, x).
float ditherThreshold() {
    uvec2 p = uvec2(gl_FragCoord.xy) & 7u;
    uint a = p.x ^ p.y, b = p.x;
    uint index = ((a & 1u) << 5) | ((b & 1u) << 4) | ((a & 2u) << 2) | ((b & 2u) << 1) | ((a & 4u) >> 1) | ((b & 4u) >> 2);
    return (float(index) + 0.5) / 64.0;
}

// Whether a dissolving model (kFlagDissolve) leaves this pixel to another: then discard.
bool dissolvedAway() {
    if ((draw.flags.x & kFlagDissolve) == 0u) return false;
    float from = float(draw.flags.w & 0xFFFFu) / 65535.0;
    float to = float(draw.flags.w >> 16) / 65535.0;
    float threshold = ditherThreshold();
    return threshold < from || threshold >= to;
}

// Lit, tone-mapped colour of the fragment whose base colour (factor x vertex colour x texture,
// linear) is `baseColor`; alpha is baseColor.a for blended materials, else 1.
vec4 shadeSurface(vec4 baseColor) {
    uint alphaMode = draw.flags.x & 3u;

    vec4 mr = texture(metallicRoughnessMap, inUv);
    float metallic = clamp(draw.material.x * mr.b, 0.0, 1.0);
    float roughness = clamp(draw.material.y * mr.g, 0.04, 1.0);
    float alpha = roughness * roughness;
    float occlusion = mix(1.0, texture(occlusionMap, inUv).r, draw.material.w);

    vec3 n = shadingNormal();
    if (frame.viewEye.z == kDebugViewNormals) return vec4(n * 0.5 + 0.5, 1.0);
    vec3 v = normalize(frame.cameraPosition[gl_ViewIndex].xyz - inWorldPosition);
    vec3 l = -frame.lightDirection.xyz;
    vec3 h = normalize(v + l);
    float nDotV = clamp(abs(dot(n, v)), 1e-4, 1.0);
    float nDotL = clamp(dot(n, l), 0.0, 1.0);
    float nDotH = clamp(dot(n, h), 0.0, 1.0);
    float vDotH = clamp(dot(v, h), 0.0, 1.0);

    vec3 diffuseColor = baseColor.rgb * (1.0 - metallic);
    vec3 f0 = mix(vec3(0.04), baseColor.rgb, metallic);
    vec3 f = fresnelSchlick(f0, vDotH);
    vec3 specular = f * distributionGgx(nDotH, alpha) * visibilitySmithGgxCorrelated(nDotV, nDotL, alpha);
    vec3 diffuse = (1.0 - f) * diffuseColor / PI;
    vec3 color = (diffuse + specular) * frame.lightColor.rgb * nDotL;

    // Ambient: irradiance from the sky/ground hemisphere, specular from the sky along r.
    vec3 irradiance = mix(frame.groundColor.rgb, frame.skyZenith.rgb, n.y * 0.5 + 0.5);
    vec2 envBrdf = environmentBrdfApprox(nDotV, roughness);
    vec3 r = reflect(-v, n);
    vec3 prefiltered = mix(skyRadiance(r, frame), irradiance, roughness);
    color += (diffuseColor * irradiance + prefiltered * (f0 * envBrdf.x + envBrdf.y)) * occlusion;

    color += draw.emissiveFactor.rgb * texture(emissiveMap, inUv).rgb;

    float outAlpha = alphaMode == kAlphaBlend ? baseColor.a : 1.0;
    return vec4(tonemapAcesFilmic(color * frame.exposure.x), outAlpha);
}

#endif
