#pragma once
// Angles in the video tests: degrees in, radians out.
#include <glm/gtc/constants.hpp>

namespace xrs::test {

inline constexpr float kPi = glm::pi<float>();
inline float deg(float degrees) { return degrees * kPi / 180.0f; }

} // namespace xrs::test
