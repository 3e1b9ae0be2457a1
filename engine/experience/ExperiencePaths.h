#pragma once
// Paths inside an experience folder. Every path in experience.json is relative to the folder and
// must stay inside it: absolute paths, ".." and symbolic links that lead out are refused, so an
// experience handed to a venue cannot read anything else on the machine.
#include "core/Result.h"

#include <filesystem>
#include <string_view>

namespace xrs::experience {

// `folder / relative` when `relative` stays inside `folder`. The file need not exist (callers
// report missing files with their own context); when it exists, its real location (after
// following symbolic links) must be inside the folder's real location. Errors quote the path:
// "absolute path '/etc/passwd' is refused: paths are relative to the experience folder".
Result<std::filesystem::path> resolveExperiencePath(const std::filesystem::path& folder, std::string_view relative);

} // namespace xrs::experience
