#pragma once
// Subtitle tracks from WebVTT (.vtt) or SubRip (.srt) files: timed cues of plain text. The
// narration clock drives them (cueAt). Markup inside cues (<b>, <i>, <v Name>, {\an8}) is
// removed and the entities &amp; &lt; &gt; &nbsp; are decoded; line breaks are kept.
// Errors name the file and the line: "subs/stop1.en.vtt:7: malformed cue timing '...' (expected ...)".
#include "core/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace xrs::experience {

enum class SubtitleFormat { WebVtt, Srt };

struct SubtitleCue {
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;   // > startMs
    std::string text;         // UTF-8, lines separated by '\n'
};

struct SubtitleTrack {
    std::vector<SubtitleCue> cues;   // in file order (WebVTT requires start times not to decrease)
};

Result<SubtitleTrack> parseSubtitles(std::string_view text, SubtitleFormat format, const std::string& nameForErrors);
// The format comes from the extension (.vtt or .srt).
Result<SubtitleTrack> loadSubtitles(const std::filesystem::path& path);

// The cues shown at `timeMs` (start <= t < end), in file order; overlapping cues are all shown.
std::vector<const SubtitleCue*> cuesAt(const SubtitleTrack& track, std::int64_t timeMs);

} // namespace xrs::experience
