#include "ui/TextLayout.h"

#include <algorithm>
#include <limits>

namespace xrs::ui {

// ---- UTF-8 ----------------------------------------------------------------------------------

std::u32string decodeUtf8(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    char32_t codePoint = 0;
    int needed = 0, seen = 0;
    unsigned lower = 0x80, upper = 0xBF;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        if (needed == 0) {
            ++i;
            if (byte <= 0x7F) {
                out.push_back(byte);
            } else if (byte >= 0xC2 && byte <= 0xDF) {
                needed = 1;
                codePoint = byte & 0x1Fu;
            } else if (byte >= 0xE0 && byte <= 0xEF) {
                if (byte == 0xE0) lower = 0xA0; // overlong
                if (byte == 0xED) upper = 0x9F; // surrogates
                needed = 2;
                codePoint = byte & 0x0Fu;
            } else if (byte >= 0xF0 && byte <= 0xF4) {
                if (byte == 0xF0) lower = 0x90; // overlong
                if (byte == 0xF4) upper = 0x8F; // above U+10FFFF
                needed = 3;
                codePoint = byte & 0x07u;
            } else {
                out.push_back(kReplacementCharacter);
            }
            continue;
        }
        if (byte < lower || byte > upper) {
            // The sequence so far is one ill-formed subsequence; this byte starts afresh.
            out.push_back(kReplacementCharacter);
            needed = seen = 0;
            lower = 0x80;
            upper = 0xBF;
            continue;
        }
        ++i;
        lower = 0x80;
        upper = 0xBF;
        codePoint = (codePoint << 6) | (byte & 0x3Fu);
        if (++seen == needed) {
            out.push_back(codePoint);
            needed = seen = 0;
        }
    }
    if (needed != 0) out.push_back(kReplacementCharacter); // truncated at the end
    return out;
}

std::string encodeUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacementCharacter;
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

// ---- Classification -------------------------------------------------------------------------

bool isCjk(char32_t c) {
    return (c >= 0x1100 && c <= 0x11FF) ||   // Hangul Jamo
           (c >= 0x2E80 && c <= 0x2FFF) ||   // radicals, Kangxi, ideographic description
           (c >= 0x3000 && c <= 0x303F) ||   // CJK symbols and punctuation
           (c >= 0x3040 && c <= 0x33FF) ||   // kana, bopomofo, compatibility, enclosed
           (c >= 0x3400 && c <= 0x4DBF) ||   // extension A
           (c >= 0x4E00 && c <= 0x9FFF) ||   // unified ideographs
           (c >= 0xA000 && c <= 0xA4CF) ||   // Yi
           (c >= 0xAC00 && c <= 0xD7AF) ||   // Hangul syllables
           (c >= 0xF900 && c <= 0xFAFF) ||   // compatibility ideographs
           (c >= 0xFE30 && c <= 0xFE4F) ||   // compatibility forms (vertical punctuation)
           (c >= 0xFF01 && c <= 0xFF60) ||   // full-width forms
           (c >= 0xFFE0 && c <= 0xFFE6) ||   // full-width signs
           (c >= 0x20000 && c <= 0x3FFFF);   // extensions B..
}

bool isNoLineStart(char32_t c) {
    switch (c) {
    // Chinese / Japanese closing and mid-sentence punctuation
    case U'，': case U'。': case U'、': case U'！': case U'？': case U'：': case U'；':
    case U'）': case U'》': case U'」': case U'』': case U'】': case U'〕': case U'〉': case U'〗':
    case U'〙': case U'〛': case U'｝': case U'］': case U'’': case U'”': case U'…': case U'‥':
    case U'·': case U'・': case U'ー': case U'々': case U'〻': case U'．': case U'｡': case U'｣':
    case U'､': case U'％': case U'‰': case U'℃': case U'°': case U'—': case U'～': case U'〜':
    case U'ぁ': case U'ぃ': case U'ぅ': case U'ぇ': case U'ぉ': case U'っ': case U'ゃ': case U'ゅ':
    case U'ょ': case U'ゎ': case U'ァ': case U'ィ': case U'ゥ': case U'ェ': case U'ォ': case U'ッ':
    case U'ャ': case U'ュ': case U'ョ': case U'ヮ': case U'ヵ': case U'ヶ':
    // Latin closing punctuation
    case U',': case U'.': case U'!': case U'?': case U':': case U';': case U')': case U']':
    case U'}': case U'%':
        return true;
    default:
        return false;
    }
}

bool isNoLineEnd(char32_t c) {
    switch (c) {
    case U'（': case U'《': case U'「': case U'『': case U'【': case U'〔': case U'〈': case U'〖':
    case U'〘': case U'〚': case U'｛': case U'［': case U'‘': case U'“': case U'｟': case U'｢':
    case U'(': case U'[': case U'{':
        return true;
    default:
        return false;
    }
}

bool isBreakableSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000'; }

namespace {

bool isLetter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// May a line end after chars[i - 1] and the next start at chars[i]? (0 < i < size, no '\n' at i - 1 or i)
bool canBreakBefore(const std::u32string& chars, std::size_t i) {
    const char32_t before = chars[i - 1];
    const char32_t after = chars[i];
    if (isBreakableSpace(after)) return false; // spaces hang at the end of the line
    if (isBreakableSpace(before)) return true;
    if (isNoLineStart(after) || isNoLineEnd(before)) return false;
    if (isCjk(before) || isCjk(after)) return true;
    // "world-space": after a hyphen between letters.
    if ((before == U'-' || before == U'\u2010') && i >= 2 && isLetter(chars[i - 2]) && isLetter(after)) return true;
    return false;
}

// Would a line break before chars[i] (in the middle of a word) violate kinsoku?
bool kinsokuForbids(const std::u32string& chars, std::size_t i) {
    return isNoLineStart(chars[i]) || isNoLineEnd(chars[i - 1]);
}

} // namespace

// ---- Rich text ------------------------------------------------------------------------------

namespace {

struct Marker {
    std::size_t position = 0; // index of its first '*'
    std::size_t length = 0;   // 1 (italic) or 2 (bold)
    bool bold = false;
    bool canOpen = false;
    bool canClose = false;
    bool paired = false;
    bool opens = false;
};

StyledText resolveMarkers(const std::u32string& chars) {
    // Runs of 1, 2 or 3 asterisks are markers ("***" = bold then italic); longer runs are text.
    std::vector<Marker> markers;
    for (std::size_t i = 0; i < chars.size();) {
        if (chars[i] != U'*') {
            ++i;
            continue;
        }
        std::size_t run = i;
        while (run < chars.size() && chars[run] == U'*') ++run;
        const std::size_t length = run - i;
        const bool canOpen = run < chars.size() && !isBreakableSpace(chars[run]) && chars[run] != U'\n';
        const bool canClose = i > 0 && !isBreakableSpace(chars[i - 1]) && chars[i - 1] != U'\n';
        if (length == 1 || length == 2) {
            markers.push_back({i, length, length == 2, canOpen, canClose});
        } else if (length == 3) {
            markers.push_back({i, 2, true, canOpen, canClose});
            markers.push_back({i + 2, 1, false, canOpen, canClose});
        }
        i = run;
    }
    // Pair openers with the next closer of the same kind.
    for (int kind = 0; kind < 2; ++kind) {
        const bool bold = kind == 0;
        Marker* open = nullptr;
        for (auto& marker : markers) {
            if (marker.bold != bold) continue;
            if (open && marker.canClose) {
                open->paired = marker.paired = true;
                open->opens = true;
                open = nullptr;
            } else if (marker.canOpen) {
                open = &marker;
            }
        }
    }
    StyledText out;
    TextStyle style;
    std::size_t next = 0;
    for (std::size_t i = 0; i < chars.size();) {
        if (next < markers.size() && markers[next].position == i) {
            const Marker& marker = markers[next++];
            if (marker.paired) {
                (marker.bold ? style.bold : style.italic) = marker.opens;
            } else {
                for (std::size_t k = 0; k < marker.length; ++k) {
                    out.chars.push_back(U'*');
                    out.styles.push_back(style);
                }
            }
            i += marker.length;
            continue;
        }
        out.chars.push_back(chars[i]);
        out.styles.push_back(style);
        ++i;
    }
    return out;
}

bool isBlankLine(std::u32string_view line) {
    return std::all_of(line.begin(), line.end(), [](char32_t c) { return isBreakableSpace(c); });
}

std::u32string normaliseNewlines(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == U'\r') {
            out.push_back(U'\n');
            if (i + 1 < text.size() && text[i + 1] == U'\n') ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

} // namespace

std::vector<StyledText> parseRichText(std::string_view utf8) {
    const std::u32string text = normaliseNewlines(decodeUtf8(utf8));
    std::vector<StyledText> paragraphs;
    std::u32string paragraph;
    auto flush = [&] {
        if (!paragraph.empty()) paragraphs.push_back(resolveMarkers(paragraph));
        paragraph.clear();
    };
    std::size_t lineStart = 0;
    while (lineStart <= text.size()) {
        std::size_t lineEnd = text.find(U'\n', lineStart);
        if (lineEnd == std::u32string::npos) lineEnd = text.size();
        const std::u32string_view line(text.data() + lineStart, lineEnd - lineStart);
        if (isBlankLine(line)) {
            flush();
        } else {
            if (!paragraph.empty()) paragraph.push_back(U'\n');
            paragraph.append(line);
        }
        lineStart = lineEnd + 1;
    }
    flush();
    return paragraphs;
}

StyledText plainText(std::string_view utf8) {
    StyledText out;
    out.chars = normaliseNewlines(decodeUtf8(utf8));
    out.styles.assign(out.chars.size(), TextStyle{});
    return out;
}

// ---- Breaking -------------------------------------------------------------------------------

float measureSpan(const StyledText& text, std::size_t begin, std::size_t end, const TextMeasure& measure) {
    float width = 0.0f;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin) width += measure.kerning(text.chars[i - 1], text.chars[i]);
        width += measure.advance(text.chars[i], text.styles[i]);
    }
    return width;
}

std::vector<LineSpan> breakLines(const StyledText& text, const TextMeasure& measure, float maxWidth) {
    const std::u32string& chars = text.chars;
    const std::size_t n = chars.size();
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::vector<LineSpan> lines;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = n, next = n;
        bool forced = false;
        std::size_t lastBreak = kNone;
        float width = 0.0f;
        for (std::size_t i = start; i < n; ++i) {
            const char32_t c = chars[i];
            if (c == U'\n') {
                end = i;
                next = i + 1;
                forced = true;
                break;
            }
            if (i > start && chars[i - 1] != U'\n' && canBreakBefore(chars, i)) lastBreak = i;
            const float advance = measure.advance(c, text.styles[i]) + (i > start ? measure.kerning(chars[i - 1], c) : 0.0f);
            if (i > start && !isBreakableSpace(c) && width + advance > maxWidth) {
                if (lastBreak != kNone) {
                    end = next = lastBreak;
                } else {
                    // Emergency break inside a word; step back over kinsoku pairs if the line
                    // keeps at least one char, else accept the violation.
                    std::size_t cut = i;
                    while (cut > start + 1 && kinsokuForbids(chars, cut)) --cut;
                    if (kinsokuForbids(chars, cut)) cut = i;
                    end = next = cut;
                }
                break;
            }
            width += advance;
        }
        std::size_t visibleEnd = end;
        while (visibleEnd > start && isBreakableSpace(chars[visibleEnd - 1])) --visibleEnd;
        lines.push_back({start, visibleEnd, measureSpan(text, start, visibleEnd, measure)});
        if (next >= n) break;
        start = next;
        if (!forced)
            while (start < n && isBreakableSpace(chars[start])) ++start;
        if (start >= n) break;
    }
    return lines;
}

// ---- Placing --------------------------------------------------------------------------------

namespace {

void placeLine(const StyledText& text, std::size_t begin, std::size_t end, const TextMeasure& measure,
               float x, float baseline, std::vector<PlacedGlyph>& out) {
    float pen = x;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin) pen += measure.kerning(text.chars[i - 1], text.chars[i]);
        const char32_t c = text.chars[i];
        if (!isBreakableSpace(c) && c >= 0x20) out.push_back({c, text.styles[i], pen, baseline});
        pen += measure.advance(c, text.styles[i]);
    }
}

float alignedX(const BlockLayout& layout, float lineWidth) {
    return layout.align == TextAlign::centre ? std::max(0.0f, (layout.maxWidth - lineWidth) * 0.5f) : 0.0f;
}

} // namespace

TextBlock layoutText(const std::vector<StyledText>& paragraphs, const TextMeasure& measure, const BlockLayout& layout) {
    TextBlock block;
    block.width = layout.maxWidth;
    float top = 0.0f;
    for (std::size_t p = 0; p < paragraphs.size() && !block.truncated; ++p) {
        const StyledText& text = paragraphs[p];
        if (p > 0) top += layout.paragraphGap;
        const std::vector<LineSpan> lines = breakLines(text, measure, layout.maxWidth);
        for (std::size_t l = 0; l < lines.size(); ++l) {
            const LineSpan& line = lines[l];
            const float baseline = top + layout.baselineOffset;
            const bool moreFollows = l + 1 < lines.size() || p + 1 < paragraphs.size();
            if (layout.maxLines > 0 && block.lineCount + 1 == layout.maxLines && moreFollows) {
                // Last allowed line: shorten it until "…" fits after it.
                const TextStyle style = line.end > line.begin ? text.styles[line.end - 1] : TextStyle{};
                const float ellipsis = measure.advance(U'…', style);
                std::size_t end = line.end;
                while (end > line.begin && measureSpan(text, line.begin, end, measure) + ellipsis > layout.maxWidth) --end;
                while (end > line.begin && isBreakableSpace(text.chars[end - 1])) --end;
                const float width = measureSpan(text, line.begin, end, measure) + ellipsis;
                const float x = alignedX(layout, width);
                placeLine(text, line.begin, end, measure, x, baseline, block.glyphs);
                block.glyphs.push_back({U'…', style, x + width - ellipsis, baseline});
                block.widestLine = std::max(block.widestLine, width);
                block.truncated = true;
                ++block.lineCount;
                top += layout.lineHeight;
                break;
            }
            placeLine(text, line.begin, line.end, measure, alignedX(layout, line.width), baseline, block.glyphs);
            block.widestLine = std::max(block.widestLine, line.width);
            ++block.lineCount;
            top += layout.lineHeight;
        }
    }
    block.height = top;
    return block;
}

} // namespace xrs::ui
