#pragma once
// The optional media of a running experience (subtitles, panel and icon images, narration
// clips), resolved inside the experience folder. None of them may stop the experience: a
// missing or broken one is logged once, remembered in problems(), and the session goes on
// without it (no captions, a placeholder image, silence).
#include "experience/Experience.h"
#include "experience/Subtitles.h"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace xrs::runtime {

class ExperienceAssets {
public:
    explicit ExperienceAssets(const experience::Experience& experience);

    // The absolute path of an existing file the experience refers to; nullopt (and one logged
    // error) when the path is refused or the file is missing. `what` names it in the message.
    std::optional<std::filesystem::path> existingFile(std::string_view relative, std::string_view what);

    // The subtitle track of a file, parsed on first use; nullptr (and one logged error) when it
    // is missing or does not parse.
    const experience::SubtitleTrack* subtitles(const std::string& relative);

    // Every problem logged so far, one line each, in the order they were found.
    const std::vector<std::string>& problems() const { return problems_; }

private:
    void report(std::string message);

    std::filesystem::path folder_;
    std::string experienceName_;
    std::map<std::string, std::optional<experience::SubtitleTrack>, std::less<>> subtitles_;
    std::set<std::string, std::less<>> reported_;
    std::vector<std::string> problems_;
};

} // namespace xrs::runtime
