#pragma once
// Text layout for world-space panels, captions and labels (CPU side, no font rasterization here):
// UTF-8 decoding, the rich-text markup of experience panels (docs/experience-format.md: blank
// line = paragraph, single \n = line break, **bold**, *italic*), line breaking within a width in
// pixels, and placing glyphs on lines. Widths come from a TextMeasure, so the breaking rules are
// testable with a fixed-width measure and used with a real Font (ui/Font.h) at run time.
//
// Line breaking (a small subset of UAX #14, enough for mixed Chinese/English):
//   - Latin breaks after spaces; spaces at the end of a line hang (they take no width).
//   - CJK (ideographs, kana, hangul, CJK and full-width punctuation) breaks between any two
//     characters, and between CJK and Latin.
//   - Kinsoku: no line starts with closing punctuation (，。、！？：；）》」』… and their Latin
//     counterparts) and no line ends with opening punctuation (（《「『 ...).
//   - A word wider than the line breaks between characters (still honouring kinsoku when it can).
//   - After a hyphen between letters ("world-space") a break is allowed.
//   - '\n' forces a break.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xrs::ui {

// ---- UTF-8 ----------------------------------------------------------------------------------

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

// Decodes UTF-8. Each maximal ill-formed subsequence (stray continuation byte, truncated or
// overlong sequence, surrogate, value above U+10FFFF) becomes one U+FFFD, as in the WHATWG
// Encoding Standard; never fails.
std::u32string decodeUtf8(std::string_view utf8);
std::string encodeUtf8(std::u32string_view text);

// ---- Rich text ------------------------------------------------------------------------------

struct TextStyle {
    bool bold = false;
    bool italic = false;
    friend bool operator==(const TextStyle&, const TextStyle&) = default;
};

// One paragraph: characters with their style. '\n' inside is a forced line break.
struct StyledText {
    std::u32string chars;
    std::vector<TextStyle> styles; // one per char
};

// Splits panel text into paragraphs (separated by one or more blank lines; "\r\n" is read as
// "\n") and resolves ** and * markers. A marker without a partner later in the same paragraph
// is kept as a literal asterisk. Leading/trailing newlines of a paragraph are dropped.
std::vector<StyledText> parseRichText(std::string_view utf8);

// Plain text (captions, labels): one paragraph, no markup, every char regular.
StyledText plainText(std::string_view utf8);

// ---- Classification (exposed for tests) -----------------------------------------------------

bool isCjk(char32_t c);           // breaks are allowed around it
bool isNoLineStart(char32_t c);   // kinsoku: closing punctuation and the like
bool isNoLineEnd(char32_t c);     // kinsoku: opening punctuation
bool isBreakableSpace(char32_t c);

// ---- Measuring and breaking -----------------------------------------------------------------

// Horizontal metrics in pixels at one font size.
class TextMeasure {
public:
    virtual ~TextMeasure() = default;
    virtual float advance(char32_t c, TextStyle style) const = 0;
    // Added between left and right when they are adjacent (negative = closer).
    virtual float kerning(char32_t left, char32_t right) const = 0;
};

struct LineSpan {
    std::size_t begin = 0; // index of the first char (into StyledText::chars)
    std::size_t end = 0;   // one past the last visible char: trailing spaces and '\n' excluded
    float width = 0.0f;    // of [begin, end), kerning included
    friend bool operator==(const LineSpan&, const LineSpan&) = default;
};

// Greedy line breaking of one paragraph within maxWidth pixels. Always returns at least one line
// (an empty text is one empty line); every char except hanging spaces and '\n' is on exactly one
// line, in order. A line is wider than maxWidth only when a single char (or a char and the closing
// punctuation that must stay with it) is wider.
std::vector<LineSpan> breakLines(const StyledText& text, const TextMeasure& measure, float maxWidth);

// Width of chars [begin, end) on one line.
float measureSpan(const StyledText& text, std::size_t begin, std::size_t end, const TextMeasure& measure);

// ---- Placing lines --------------------------------------------------------------------------

enum class TextAlign { left, centre };

struct PlacedGlyph {
    char32_t c = 0;
    TextStyle style;
    float x = 0.0f;        // pen position (left side bearing not applied), pixels from the block's left
    float baseline = 0.0f; // pixels from the block's top
};

struct TextBlock {
    std::vector<PlacedGlyph> glyphs;
    float width = 0.0f;  // the width it was laid out in (alignment reference)
    float height = 0.0f; // lineCount * lineHeight + paragraph gaps
    float widestLine = 0.0f;
    int lineCount = 0;
    bool truncated = false; // maxLines cut it (the last line ends in '…')
};

struct BlockLayout {
    float maxWidth = 0.0f;
    float lineHeight = 0.0f;     // baseline to baseline
    float baselineOffset = 0.0f; // from a line's top to its baseline
    float paragraphGap = 0.0f;   // extra space between paragraphs
    TextAlign align = TextAlign::left;
    int maxLines = 0;            // 0 = unlimited; otherwise cut with an ellipsis
};

// Breaks and places paragraphs one below the other.
TextBlock layoutText(const std::vector<StyledText>& paragraphs, const TextMeasure& measure,
                     const BlockLayout& layout);

} // namespace xrs::ui
