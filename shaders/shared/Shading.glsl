// Shading helpers shared by the sky pass and the PBR shader.
// Filmic tone mapping: Krzysztof Narkowicz's fit of the ACES reference rendering transform
// (https://knarkowicz.wordpress.com/2016/01/06/aces-filmic-tone-mapping-curve/). Output is
// linear in [0,1]; the sRGB colour attachment applies the transfer function on store.
#ifndef XRS_SHADING_GLSL
#define XRS_SHADING_GLSL
vec3 tonemapAcesFilmic(vec3 x) {
    const float a = 2.51, b = 0.03, c = 2.43, d = 0.59, e = 0.14;
    return clamp((x * (a * x + b)) / (x * (c * x + d) + e), 0.0, 1.0);
}

// Sky and hemispherical ambient light shared by the sky pass and the PBR shader.
vec3 skyRadiance(vec3 direction, FrameUniforms frame) {
    float up = direction.y;
    if (up < 0.0) return mix(frame.skyHorizon.rgb, frame.groundColor.rgb, clamp(-up * 6.0, 0.0, 1.0));
    return mix(frame.skyHorizon.rgb, frame.skyZenith.rgb, pow(clamp(up, 0.0, 1.0), 0.6));
}
#endif
