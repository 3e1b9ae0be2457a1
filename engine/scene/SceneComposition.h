#pragma once
// Several models placed in one scene: an experience's 6DoF scene lists model files, each with a
// position, yaw and scale, and the renderer draws one Scene. Composition appends every model's
// nodes, meshes, materials, textures, cameras and lights with their indices shifted, and hangs
// each model's root under a new root through its placement.
#include "scene/Scene.h"

#include <glm/glm.hpp>

#include <vector>

namespace xrs::scene {

struct PlacedScene {
    Scene scene;
    glm::mat4 placement{1.0f}; // model space -> composed scene space
};

// The models are moved from. An empty list gives a scene with only a root node.
Scene composeScenes(std::vector<PlacedScene> models);

} // namespace xrs::scene
