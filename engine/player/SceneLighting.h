#pragma once
// A 6DoF scene's lighting: the experience's sun, sky and exposure over what the model brings
// (its first directional light) and the renderer's defaults.
#include "experience/Experience.h"
#include "render/Lighting.h"
#include "scene/Scene.h"

namespace xrs::player {

render::Lighting lightingFor(const experience::Scene& scene, const scene::Scene& model);

} // namespace xrs::player
