#include "experience/Subtitles.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <optional>

namespace xrs::experience {
namespace {

constexpr std::uintmax_t kMaxSubtitleBytes = 8u << 20;

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

bool isValidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t codePoint = 0;
        if (lead < 0x80) length = 1, codePoint = lead;
        else if ((lead & 0xE0) == 0xC0) length = 2, codePoint = lead & 0x1Fu;
        else if ((lead & 0xF0) == 0xE0) length = 3, codePoint = lead & 0x0Fu;
        else if ((lead & 0xF8) == 0xF0) length = 4, codePoint = lead & 0x07u;
        else return false;
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            codePoint = (codePoint << 6) | (next & 0x3Fu);
        }
        const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (codePoint < minimum[length] || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

// The file as lines without their terminators (LF or CRLF), after an optional UTF-8 BOM.
std::vector<std::string_view> splitLines(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == text.size()) break;
        start = end + 1;
    }
    return lines;
}

bool parseDigits(std::string_view text, std::size_t count, std::int64_t& out) {
    if (text.size() != count && count != 0) return false;
    if (text.empty()) return false;
    out = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        out = out * 10 + (c - '0');
    }
    return true;
}

// WebVTT: [HH+:]MM:SS.mmm; SRT: HH:MM:SS,mmm (a '.' is accepted too, as many tools write it).
std::optional<std::int64_t> parseTimestamp(std::string_view text, SubtitleFormat format) {
    const std::size_t fraction = text.find_last_of(format == SubtitleFormat::Srt ? ",." : ".");
    if (fraction == std::string_view::npos) return std::nullopt;
    std::int64_t milliseconds = 0;
    if (!parseDigits(text.substr(fraction + 1), 3, milliseconds)) return std::nullopt;
    std::string_view clock = text.substr(0, fraction);
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t colon = clock.find(':', start);
        fields.push_back(clock.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
        if (colon == std::string_view::npos) break;
        start = colon + 1;
    }
    std::int64_t hours = 0, minutes = 0, seconds = 0;
    if (fields.size() == 3) {
        if (fields[0].size() < 2 || fields[0].size() > 6 || !parseDigits(fields[0], 0, hours)) return std::nullopt;
    } else if (fields.size() != 2 || format == SubtitleFormat::Srt) {
        return std::nullopt;
    }
    if (!parseDigits(fields[fields.size() - 2], 2, minutes) || !parseDigits(fields.back(), 2, seconds)) return std::nullopt;
    if (minutes > 59 || seconds > 59) return std::nullopt;
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds;
}

std::string formatTimestamp(std::int64_t ms) {
    char text[32];
    std::snprintf(text, sizeof(text), "%02lld:%02lld:%02lld.%03lld", static_cast<long long>(ms / 3600000),
                  static_cast<long long>(ms / 60000 % 60), static_cast<long long>(ms / 1000 % 60),
                  static_cast<long long>(ms % 1000));
    return text;
}

// Removes <tags> (and SRT's {\override} codes) and decodes the basic entities.
std::string plainText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '<') {
            const auto close = text.find('>', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (c == '{' && i + 1 < text.size() && text[i + 1] == '\\') {
            const auto close = text.find('}', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (c == '&') {
            static constexpr std::pair<std::string_view, std::string_view> entities[] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\xC2\xA0"}, {"&lrm;", "\xE2\x80\x8E"},
                {"&rlm;", "\xE2\x80\x8F"}};
            bool decoded = false;
            for (const auto& [entity, replacement] : entities) {
                if (text.substr(i, entity.size()) == entity) {
                    out += replacement;
                    i += entity.size() - 1;
                    decoded = true;
                    break;
                }
            }
            if (decoded) continue;
        }
        out += c;
    }
    return out;
}

class SubtitleParser {
public:
    SubtitleParser(std::string_view text, SubtitleFormat format, const std::string& name)
        : lines_(splitLines(text)), format_(format), name_(name) {}

    Result<SubtitleTrack> parse() {
        for (std::size_t i = 0; i < lines_.size(); ++i)
            if (!isValidUtf8(lines_[i])) return failAt(i, "not valid UTF-8");
        std::size_t at = 0;
        if (format_ == SubtitleFormat::WebVtt) {
            const std::string_view first = lines_.empty() ? std::string_view() : lines_[0];
            if (first.substr(0, 6) != "WEBVTT" || (first.size() > 6 && first[6] != ' ' && first[6] != '\t'))
                return failAt(0, "expected the header 'WEBVTT' on the first line");
            while (at < lines_.size() && !lines_[at].empty()) ++at;  // header block
        }
        SubtitleTrack track;
        while (true) {
            while (at < lines_.size() && trim(lines_[at]).empty()) ++at;
            if (at >= lines_.size()) break;
            if (format_ == SubtitleFormat::WebVtt && isVttMetadataBlock(lines_[at])) {
                while (at < lines_.size() && !lines_[at].empty()) ++at;
                continue;
            }
            if (lines_[at].find("-->") == std::string_view::npos) {
                // A cue identifier (WebVTT, optional) or the cue number (SRT, required).
                if (format_ == SubtitleFormat::Srt) {
                    std::int64_t number = 0;
                    if (!parseDigits(trim(lines_[at]), 0, number))
                        return failAt(at, "expected a cue number, got '" + std::string(lines_[at]) + "'");
                }
                ++at;
                if (at >= lines_.size() || lines_[at].find("-->") == std::string_view::npos)
                    return failAt(at - 1, "expected a cue timing line '" + timingExample() + "' after '" +
                                              std::string(lines_[at - 1]) + "'");
            }
            SubtitleCue cue;
            if (Status timing = parseTiming(at, cue); !timing) return timing.error();
            if (!track.cues.empty() && format_ == SubtitleFormat::WebVtt && cue.startMs < track.cues.back().startMs)
                return failAt(at, "cue starts at " + formatTimestamp(cue.startMs) + ", before the previous cue (" +
                                      formatTimestamp(track.cues.back().startMs) + "); WebVTT cues must be in start order");
            ++at;
            std::string text;
            while (at < lines_.size() && !trim(lines_[at]).empty()) {
                if (lines_[at].find("-->") != std::string_view::npos)
                    return failAt(at, "cue text contains '-->' (a missing blank line before the next cue?)");
                if (!text.empty()) text += '\n';
                text += plainText(lines_[at]);
                ++at;
            }
            cue.text = std::move(text);
            track.cues.push_back(std::move(cue));
        }
        return track;
    }

private:
    static bool isVttMetadataBlock(std::string_view line) {
        for (std::string_view keyword : {"NOTE", "STYLE", "REGION"}) {
            if (line.substr(0, keyword.size()) == keyword &&
                (line.size() == keyword.size() || line[keyword.size()] == ' ' || line[keyword.size()] == '\t'))
                return true;
        }
        return false;
    }

    std::string timingExample() const {
        return format_ == SubtitleFormat::Srt ? "HH:MM:SS,mmm --> HH:MM:SS,mmm" : "HH:MM:SS.mmm --> HH:MM:SS.mmm";
    }

    Error failAt(std::size_t lineIndex, const std::string& message) const {
        return fail(name_, ":", std::to_string(lineIndex + 1), ": ", message);
    }

    Status parseTiming(std::size_t lineIndex, SubtitleCue& cue) const {
        const std::string_view line = lines_[lineIndex];
        const std::size_t arrow = line.find("-->");
        const std::string_view startText = trim(line.substr(0, arrow));
        std::string_view rest = trim(line.substr(arrow + 3));
        const std::string_view endText = rest.substr(0, rest.find_first_of(" \t"));  // cue settings follow
        const auto start = parseTimestamp(startText, format_);
        const auto end = parseTimestamp(endText, format_);
        if (!start || !end)
            return failAt(lineIndex, "malformed cue timing '" + std::string(line) + "' (expected " + timingExample() + ")");
        if (*end <= *start)
            return failAt(lineIndex, "cue ends at " + formatTimestamp(*end) + ", not after its start " + formatTimestamp(*start));
        cue.startMs = *start;
        cue.endMs = *end;
        return {};
    }

    std::vector<std::string_view> lines_;
    SubtitleFormat format_;
    const std::string& name_;
};

} // namespace

Result<SubtitleTrack> parseSubtitles(std::string_view text, SubtitleFormat format, const std::string& nameForErrors) {
    return SubtitleParser(text, format, nameForErrors).parse();
}

Result<SubtitleTrack> loadSubtitles(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::string extension = path.extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    SubtitleFormat format;
    if (extension == ".vtt") format = SubtitleFormat::WebVtt;
    else if (extension == ".srt") format = SubtitleFormat::Srt;
    else return fail(name, ": not a subtitle file (expected a .vtt or .srt extension)");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return fail(name, ": missing");
    if (std::filesystem::file_size(path, ec) > kMaxSubtitleBytes)
        return fail(name, ": larger than ", std::to_string(kMaxSubtitleBytes >> 20), " MiB");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(name, ": cannot open for reading");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parseSubtitles(text, format, name);
}

std::vector<const SubtitleCue*> cuesAt(const SubtitleTrack& track, std::int64_t timeMs) {
    std::vector<const SubtitleCue*> shown;
    for (const SubtitleCue& cue : track.cues)
        if (cue.startMs <= timeMs && timeMs < cue.endMs) shown.push_back(&cue);
    return shown;
}

} // namespace xrs::experience
