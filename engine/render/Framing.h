#pragma once
// Where to put the viewer when nobody said: the scene's own camera if it has one, otherwise a
// view from the front and a little above that fits the scene's bounds in the field of view.
#include "core/View.h"
#include "scene/Scene.h"

#include <optional>

namespace xrs::render {

// A pose that shows all of `bounds` within a symmetric fov of `verticalFov` x `horizontalFov`.
Pose framingPose(const scene::Aabb& bounds, float horizontalFov, float verticalFov);

// The world pose of the scene's first perspective camera, if any (glTF cameras look down -Z).
std::optional<Pose> sceneCameraPose(const scene::Scene& scene);

} // namespace xrs::render
