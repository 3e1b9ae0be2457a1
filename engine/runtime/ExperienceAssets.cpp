#include "runtime/ExperienceAssets.h"

#include "core/Log.h"
#include "experience/ExperiencePaths.h"

#include <system_error>

namespace xrs::runtime {

ExperienceAssets::ExperienceAssets(const experience::Experience& experience)
    : folder_(experience.folder),
      experienceName_(experience.file.empty() ? experience.folder.string() : experience.file.string()) {}

void ExperienceAssets::report(std::string message) {
    if (!reported_.insert(message).second) return;
    XRS_LOG_ERROR("{}", message);
    problems_.push_back(std::move(message));
}

std::optional<std::filesystem::path> ExperienceAssets::existingFile(std::string_view relative, std::string_view what) {
    auto resolved = experience::resolveExperiencePath(folder_, relative);
    if (!resolved) {
        report(experienceName_ + ": " + std::string(what) + ": " + resolved.error().message);
        return std::nullopt;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(*resolved, ec)) {
        report(resolved->string() + ": missing " + std::string(what));
        return std::nullopt;
    }
    return *resolved;
}

const experience::SubtitleTrack* ExperienceAssets::subtitles(const std::string& relative) {
    auto found = subtitles_.find(relative);
    if (found == subtitles_.end()) {
        std::optional<experience::SubtitleTrack> track;
        auto resolved = experience::resolveExperiencePath(folder_, relative);
        if (!resolved) {
            report(experienceName_ + ": subtitles: " + resolved.error().message);
        } else if (auto loaded = experience::loadSubtitles(*resolved)) {
            track = std::move(loaded.value());
        } else {
            report(loaded.error().message + " (no captions)");
        }
        found = subtitles_.emplace(relative, std::move(track)).first;
    }
    return found->second ? &*found->second : nullptr;
}

} // namespace xrs::runtime
