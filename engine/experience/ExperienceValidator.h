#pragma once
// Checks an experience as a whole and reports every problem in one pass: references between
// scenes, hotspots, panels, models and tour stops; scenes and tour stops a visitor cannot reach;
// translations missing for an available language (warnings); and media: paths that leave the
// folder, missing files, video packages (video::openPackage), subtitle files (parsed), and on
// request (`deep`) models imported with scene::importScene and packages demuxed and hashed.
//
// Reachability: the visitor starts in the first scene. A goToScene hotspot leads from its scene
// to its target; the tour is started in the scene of its first stop and leads from each stop to
// the next. Every scene and the tour must be reachable that way.
#include "core/Result.h"
#include "experience/Diagnostic.h"
#include "experience/Experience.h"

#include <filesystem>
#include <vector>

namespace xrs::experience {

struct ValidateOptions {
    bool deep = false;   // import every model, demux and hash every video package (slow)
};

// Cross-reference and media checks of a parsed experience (Experience::folder locates media;
// diagnostics name Experience::file).
std::vector<Diagnostic> checkExperience(const Experience& experience, const ValidateOptions& options = {});

// readExperience + checkExperience: everything `xrshow validate` reports, in file order of the
// reading phase followed by the checking phase. `path` is the folder or its experience.json.
std::vector<Diagnostic> validateExperience(const std::filesystem::path& path, const ValidateOptions& options = {});

// For the runtime: the experience when it has no errors except degradable ones (optional assets
// the runtime replaces by placeholders or silence). The error lists every blocking problem, one
// formatted diagnostic per line. All diagnostics (also on success) go to `diagnostics` if given;
// warnings and degradable errors are logged.
Result<Experience> loadExperience(const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics = nullptr,
                                  const ValidateOptions& options = {});

} // namespace xrs::experience
