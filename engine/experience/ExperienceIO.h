#pragma once
// experience.json <-> Experience (see Experience.h; the format is docs/experience-format.md).
// Reading reports every structural problem at once: JSON syntax, wrong types, missing required
// members, values out of range, and unknown members (a warning; they are kept in `extras`).
// References, reachability, translations and media are checked by ExperienceValidator.h.
// None of these functions throw.
#include "core/Result.h"
#include "experience/Diagnostic.h"
#include "experience/Experience.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace xrs::experience {

struct ParsedExperience {
    Experience experience;              // as much as could be read (arrays keep their indices)
    std::vector<Diagnostic> diagnostics;
};

// Parses the text of an experience.json; `fileName` goes into every diagnostic.
ParsedExperience parseExperience(std::string_view json, const std::string& fileName);

// The experience.json of `path`, which may be the experience folder or the file itself.
std::filesystem::path experienceFileOf(const std::filesystem::path& path);

// Reads and parses the file (see experienceFileOf); sets Experience::folder and ::file. A file
// that cannot be read is one error diagnostic.
ParsedExperience readExperience(const std::filesystem::path& path);

// Pretty-printed JSON (2-space indent, trailing newline): the known members in the documented
// order, then each object's unknown members as they were read.
std::string writeExperience(const Experience& experience);

// Writes writeExperience() to `file` atomically: a temporary file in the same folder, flushed to
// disk, then renamed over the target, so a crash leaves either the old or the new file.
Status saveExperience(const Experience& experience, const std::filesystem::path& file);

} // namespace xrs::experience
