// Struct layouts and constants shared by C++ and GLSL, so the two cannot drift.
// Only vec4/mat4/uint4 members: std140 and std430 then match C++'s layout without padding rules.
#ifndef XRS_SHADERS_SCENE_TYPES_H
#define XRS_SHADERS_SCENE_TYPES_H

#ifdef __cplusplus
#include <cstdint>
#include <glm/glm.hpp>
namespace xrs::shader {
using vec4 = glm::vec4;
using mat4 = glm::mat4;
using uvec4 = glm::uvec4;
using uint = std::uint32_t;
#endif

const uint kViewCount = 2; // both eyes in one multiview pass

// Descriptor set 0: per frame.
const uint kFrameSet = 0;
const uint kFrameUniformsBinding = 0;
// Descriptor set 1: per material, combined image samplers in this order.
const uint kMaterialSet = 1;
const uint kBaseColorBinding = 0;
const uint kMetallicRoughnessBinding = 1;
const uint kNormalBinding = 2;
const uint kOcclusionBinding = 3;
const uint kEmissiveBinding = 4;
const uint kMaterialTextureCount = 5;

// DrawPushConstants.flags
const uint kAlphaOpaque = 0;
const uint kAlphaMask = 1;
const uint kAlphaBlend = 2;
const uint kFlagHasNormalMap = 4;
const uint kFlagDissolve = 8; // draw only the pixels in flags.w's dither range (render::Dissolve)

struct FrameUniforms {
    mat4 viewProjection[kViewCount];
    mat4 inverseViewProjection[kViewCount];
    vec4 cameraPosition[kViewCount]; // xyz: eye position in world space
    vec4 lightDirection;             // xyz: direction the light travels (unit)
    vec4 lightColor;                 // rgb: colour * illuminance (linear, pre-exposure)
    vec4 skyZenith;                  // rgb: sky colour straight up (also ambient from above)
    vec4 skyHorizon;                 // rgb: sky colour at the horizon
    vec4 groundColor;                // rgb: ambient from below, and the ground below the horizon
    vec4 exposure;                   // x: exposure multiplier before tone mapping
    uvec4 viewEye;                   // x, y: which eye (0 left, 1 right) view 0 and 1 draw;
                                     // split passes draw one eye each as view 0;
                                     // z: debug view (kDebugView*)
};

// Debug views (desktop preview): what the fragment shaders show instead of the shaded frame.
const uint kDebugViewNone = 0;
const uint kDebugViewNormals = 1;     // surfaces: world-space shading normal * 0.5 + 0.5 (linear)
const uint kDebugViewVideoTiles = 2;  // 360° video: tiles tinted by level, the base layer grey-blue

// 128 bytes: the minimum maxPushConstantsSize every device guarantees.
struct DrawPushConstants {
    mat4 model;
    vec4 baseColorFactor;
    vec4 emissiveFactor; // rgb: emissive factor, a: alpha cutoff (mask mode)
    vec4 material;       // x: metallic, y: roughness, z: normal scale, w: occlusion strength
    uvec4 flags;         // x: alpha mode (kAlpha*) | kFlagHasNormalMap | kFlagDissolve; tiled
                         // images (pbr_tiled.frag) only: y, z: the image's u at the mesh's uv.x 0
                         // and 1 (float bits); w: dissolve range, from | to << 16 (16-bit unorm)
};

#ifdef __cplusplus
static_assert(sizeof(DrawPushConstants) == 128);
} // namespace xrs::shader
#endif

#endif
