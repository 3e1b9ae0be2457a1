#version 460
#extension GL_EXT_multiview : require
// The scene's surfaces: glTF 2.0 metallic-roughness (shared/PbrSurface.glsl) with the material's
// base-colour texture.
#include "shared/PbrSurface.glsl"

layout(location = 0) out vec4 outColor;

void main() {
    vec4 baseColor = draw.baseColorFactor * inColor * texture(baseColorMap, inUv);
    if (dissolvedAway() || ((draw.flags.x & 3u) == kAlphaMask && baseColor.a < draw.emissiveFactor.a)) discard;
    outColor = shadeSurface(baseColor);
}
