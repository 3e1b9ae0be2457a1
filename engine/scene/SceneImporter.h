#pragma once
// Model import through Assimp: glTF 2.0 (.gltf/.glb) first, FBX and OBJ as well. Produces our
// own Scene (see scene/Scene.h for the conventions the renderer may rely on).
#include "core/Result.h"
#include "scene/Scene.h"

#include <filesystem>

namespace xrs::scene {

// Loads a model file. Errors start with the path as given: "<path>: <cause>". A texture that is
// missing or corrupt does not fail the import: its slot is left empty and a warning naming the
// model and the texture goes to the log and to Scene::warnings. Meshes with an out-of-range index
// or a non-finite position fail the import (naming the mesh). Never throws.
Result<Scene> importScene(const std::filesystem::path& path);

} // namespace xrs::scene
