// World-space overlay quads (render/WorldOverlay): hotspot icons and labels, panels, captions,
// the gaze-dwell ring, and the screen-wide fade and comfort vignette. Shared by C++ and GLSL.
#ifndef XRS_SHADERS_OVERLAY_TYPES_H
#define XRS_SHADERS_OVERLAY_TYPES_H

#ifdef __cplusplus
#include <cstdint>
#include <glm/glm.hpp>
namespace xrs::shader {
using vec4 = glm::vec4;
using uvec4 = glm::uvec4;
using uint = std::uint32_t;
#endif

// OverlayPushConstants.mode.x
const uint kOverlayTextured = 0;  // a texture (straight alpha) times the tint
const uint kOverlayRing = 1;      // a procedural ring, filled clockwise up to params.x (0..1)
const uint kOverlayScreen = 2;    // fullscreen: black with alpha max(fade, vignette)

const uint kOverlayTextureSet = 1; // set 0 is the scene's frame set (view-projections)

struct OverlayPushConstants {
    vec4 center;     // xyz: quad centre, world space
    vec4 halfRight;  // xyz: from the centre to the right edge
    vec4 halfUp;     // xyz: from the centre to the top edge
    vec4 tint;       // rgba multiplier (linear)
    vec4 params;     // ring: x progress 0..1; screen: x fade, y vignette strength
    vec4 eyeCentre;  // screen: where each view's optical axis meets its image, NDC (xy view 0, zw view 1)
    uvec4 mode;      // x: kOverlay*
};

#ifdef __cplusplus
static_assert(sizeof(OverlayPushConstants) == 112);
} // namespace xrs::shader
#endif

#endif
