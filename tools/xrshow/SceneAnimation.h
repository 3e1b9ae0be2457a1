#pragma once
// Time-driven motion for captured panoramas, by a naming convention on glTF nodes (the scene
// format has no animation of its own and GpuScene bakes world matrices at upload):
//   "<name>@spinY=<degrees per second>"       turns the node about its local +Y axis
//   "<name>@bobY=<metres>:<period seconds>"   moves it up and down, amplitude * sin(2 pi t / T)
// Both may be combined with ';' ("boat@spinY=3;bobY=0.05:4"). A child of a spinning node
// circles with it, so a boat is a child placed at a radius under a spinning pivot.
// Malformed parameters are expected failures naming the model file and the node.
#include "core/Result.h"
#include "scene/Scene.h"

#include <glm/glm.hpp>

#include <vector>

namespace xrs::pano {

struct NodeMotion {
    std::uint32_t node = 0;
    glm::mat4 restLocal{1.0f};
    float spinDegreesPerSecond = 0.0f;
    float bobAmplitude = 0.0f;
    float bobPeriodSeconds = 1.0f;
};

// The animated nodes of `scene` (empty when nothing moves).
Result<std::vector<NodeMotion>> findNodeMotions(const scene::Scene& scene);

// Sets each animated node's local transform for time t (seconds): rest * translate(bob) * rotY(spin).
void applyNodeMotions(scene::Scene& scene, const std::vector<NodeMotion>& motions, double timeSeconds);

} // namespace xrs::pano
