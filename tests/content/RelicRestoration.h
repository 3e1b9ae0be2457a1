#pragma once
// Shared by the relic-restoration content tests: where the experience lives, a scene's models
// composed as the runtime composes them (each model placed, chosen models in a chosen state),
// the scene's lighting, and a tour pose as a head pose.
#include "core/View.h"
#include "experience/Experience.h"
#include "render/Lighting.h"
#include "scene/Scene.h"

#include <filesystem>
#include <map>
#include <string>

namespace xrs::test {

// $XRS_SOURCE_DIR/experiences/relic-restoration (else the source tree known at build time).
std::filesystem::path relicRestorationFolder();

// Model id -> state id; models not named show their own `path`.
using ModelStates = std::map<std::string, std::string>;

// The path a model shows in the given states (its `path`, or the named state's).
std::string modelPathIn(const experience::Model& model, const ModelStates& states);

// Every model of a model scene imported and placed (translate, yaw, scale) into one scene.
// REQUIREs that every model imports.
scene::Scene composeRelicScene(const experience::Experience& experience, const experience::Scene& scene,
                               const ModelStates& states = {});

} // namespace xrs::test
