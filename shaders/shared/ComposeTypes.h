// Push constants of the window's stereo composition pass (compose.frag), shared by C++ and GLSL.
#ifndef XRS_SHADERS_COMPOSE_TYPES_H
#define XRS_SHADERS_COMPOSE_TYPES_H

#ifdef __cplusplus
#include <cstdint>
#include <glm/glm.hpp>
namespace xrs::shader {
using vec4 = glm::vec4;
using uvec4 = glm::uvec4;
using uint = std::uint32_t;
#endif

// ComposePushConstants.mode.x
const uint kComposeLeftEye = 0;
const uint kComposeSideBySide = 1;
const uint kComposeAnaglyph = 2;

struct ComposePushConstants {
    vec4 eyeRect[2];     // per eye: xy = top-left, zw = size, in window pixels
    vec4 eyeTangents[2]; // per eye: tan of the fov angles left, right, up, down (anaglyph)
    uvec4 mode;      // x: kCompose*, y: 1 = encode sRGB in the shader (UNORM swapchain)
};

#ifdef __cplusplus
} // namespace xrs::shader
#endif

#endif
