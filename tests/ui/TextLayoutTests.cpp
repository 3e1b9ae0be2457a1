// UTF-8 decoding, rich-text parsing and line breaking with a fixed-width measure (Latin 10 px,
// CJK 20 px), so break positions are exact and independent of any font file.
#include "ui/TextLayout.h"

#include <catch2/catch.hpp>

using namespace xrs::ui;

namespace {

class FixedMeasure final : public TextMeasure {
public:
    float advance(char32_t c, TextStyle) const override { return isCjk(c) ? 20.0f : 10.0f; }
    float kerning(char32_t, char32_t) const override { return 0.0f; }
};

std::vector<LineSpan> breakPlain(const std::string& utf8, float width) {
    return breakLines(plainText(utf8), FixedMeasure{}, width);
}

std::string describe(const std::vector<LineSpan>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += "[" + std::to_string(line.begin) + "," + std::to_string(line.end) + ")=" +
               std::to_string(static_cast<int>(line.width)) + " ";
    return out;
}

} // namespace

TEST_CASE("decodeUtf8 decodes valid text and replaces each ill-formed subsequence with one U+FFFD") {
    CHECK(decodeUtf8("abc") == U"abc");
    CHECK(decodeUtf8("\xE9\x9D\x92\xE9\x93\x9C \xC3\xA9 \xF0\x9F\x99\x82") == U"青铜 é 🙂");
    CHECK(decodeUtf8("") == U"");
    CHECK(decodeUtf8("ab\xFF" "cd") == U"ab\uFFFDcd");                // invalid byte
    CHECK(decodeUtf8("a\xE4\xBD" "b") == U"a\uFFFDb");                // truncated 3-byte sequence
    CHECK(decodeUtf8("\xE4\xBD") == U"\uFFFD");                       // truncated at the end
    CHECK(decodeUtf8("\xC0\xAF") == U"\uFFFD\uFFFD");                 // overlong '/'
    CHECK(decodeUtf8("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");       // surrogate U+D800
    CHECK(decodeUtf8("\xF4\x90\x80\x80") == U"\uFFFD\uFFFD\uFFFD\uFFFD"); // above U+10FFFF
    CHECK(decodeUtf8("\x80\x80x") == U"\uFFFD\uFFFDx");               // stray continuation bytes
    CHECK(encodeUtf8(U"青铜 é 🙂") == "\xE9\x9D\x92\xE9\x93\x9C \xC3\xA9 \xF0\x9F\x99\x82");
}

TEST_CASE("parseRichText splits paragraphs at blank lines and resolves bold and italic") {
    const auto paragraphs = parseRichText("这件**青瓷**瓶\n\n\n*seventeen* pieces\r\nsecond line\n  \nlast");
    REQUIRE(paragraphs.size() == 3);
    CHECK(paragraphs[0].chars == U"这件青瓷瓶");
    CHECK(paragraphs[0].styles[1] == TextStyle{});
    CHECK(paragraphs[0].styles[2] == TextStyle{true, false});
    CHECK(paragraphs[0].styles[3] == TextStyle{true, false});
    CHECK(paragraphs[0].styles[4] == TextStyle{});
    CHECK(paragraphs[1].chars == U"seventeen pieces\nsecond line");
    CHECK(paragraphs[1].styles[0] == TextStyle{false, true});
    CHECK(paragraphs[1].styles[8] == TextStyle{false, true});
    CHECK(paragraphs[1].styles[9] == TextStyle{});
    CHECK(paragraphs[2].chars == U"last");
}

TEST_CASE("parseRichText keeps unpaired or spaced asterisks as text and reads *** as bold italic") {
    CHECK(parseRichText("5 * 3 * 2")[0].chars == U"5 * 3 * 2");
    CHECK(parseRichText("a **b")[0].chars == U"a **b");
    const auto both = parseRichText("***both*** x")[0];
    CHECK(both.chars == U"both x");
    CHECK(both.styles[0] == TextStyle{true, true});
    CHECK(both.styles[3] == TextStyle{true, true});
    CHECK(both.styles[5] == TextStyle{});
    CHECK(parseRichText("").empty());
    CHECK(parseRichText("\n\n \n").empty());
}

TEST_CASE("Latin text breaks after spaces, spaces hang at the end of the line") {
    CHECK(describe(breakPlain("the quick brown fox", 100)) == "[0,9)=90 [10,19)=90 ");
    CHECK(describe(breakPlain("the quick", 90)) == "[0,9)=90 ");
    CHECK(describe(breakPlain("the quick   ", 90)) == "[0,9)=90 ");
}

TEST_CASE("CJK text breaks between any two characters") {
    CHECK(describe(breakPlain("青铜鼎是商周时期的礼器", 100)) == "[0,5)=100 [5,10)=100 [10,11)=20 ");
}

TEST_CASE("kinsoku: no line starts with closing punctuation or ends with opening punctuation") {
    // Without kinsoku the second line would start with '。'; '器' moves down with it.
    CHECK(describe(breakPlain("青铜鼎是礼器。它很重", 120)) == "[0,5)=100 [5,10)=100 ");
    // '「' would end the first line; it moves down to its '六'.
    CHECK(describe(breakPlain("一二三四五「六七", 120)) == "[0,5)=100 [5,8)=60 ");
    CHECK(describe(breakPlain("（青铜）鼎，重", 80)) == "[0,4)=80 [4,7)=60 ");
}

TEST_CASE("a word longer than the line breaks between characters") {
    CHECK(describe(breakPlain("a supercalifragilistic b", 80)) == "[0,1)=10 [2,10)=80 [10,18)=80 [18,24)=60 ");
    // Emergency breaks still keep ',' off the start of a line.
    CHECK(describe(breakPlain("Hello, world", 50)) == "[0,4)=40 [4,6)=20 [7,12)=50 ");
    // A char wider than the line still takes a line of its own.
    CHECK(describe(breakPlain("鼎鼎", 10)) == "[0,1)=20 [1,2)=20 ");
}

TEST_CASE("mixed Chinese and English break at the script boundary and at spaces") {
    CHECK(describe(breakPlain("青铜鼎Bronze", 100)) == "[0,3)=60 [3,9)=60 ");
    CHECK(describe(breakPlain("这是Bronze Ding鼎。", 100)) == "[0,8)=100 [9,15)=80 ");
    CHECK(describe(breakPlain("Bronze鼎，Ding", 80)) == "[0,6)=60 [6,12)=80 ");
}

TEST_CASE("hyphens between letters allow a break after them") {
    CHECK(describe(breakPlain("world-space quad", 80)) == "[0,6)=60 [6,11)=50 [12,16)=40 ");
}

TEST_CASE("empty text, only spaces and forced breaks") {
    CHECK(describe(breakPlain("", 100)) == "[0,0)=0 ");
    CHECK(describe(breakPlain("     ", 100)) == "[0,0)=0 ");
    CHECK(describe(breakPlain("ab\ncd", 100)) == "[0,2)=20 [3,5)=20 ");
    CHECK(describe(breakPlain("ab\n\ncd", 100)) == "[0,2)=20 [3,3)=0 [4,6)=20 ");
    CHECK(describe(breakPlain("ab\n", 100)) == "[0,2)=20 ");
    // Indentation after a forced break is kept; after a soft break it is not.
    CHECK(describe(breakPlain("ab\n  cd", 100)) == "[0,2)=20 [3,7)=40 ");
}

TEST_CASE("invalid UTF-8 breaks like any other text") {
    // "ab\uFFFDcd": one 5-char word in a 30 px line.
    CHECK(describe(breakPlain("ab\xFF" "cd", 30)) == "[0,3)=30 [3,5)=20 ");
    CHECK(describe(breakPlain("\xE4\xBD", 100)) == "[0,1)=10 ");
}

TEST_CASE("layoutText aligns lines and cuts with an ellipsis at maxLines") {
    BlockLayout layout;
    layout.maxWidth = 100;
    layout.lineHeight = 30;
    layout.baselineOffset = 22;
    layout.paragraphGap = 10;
    layout.align = TextAlign::centre;
    const TextBlock centred = layoutText(parseRichText("ab\n\nc d"), FixedMeasure{}, layout);
    REQUIRE(centred.glyphs.size() == 4);
    CHECK(centred.glyphs[0].x == 40.0f);
    CHECK(centred.glyphs[0].baseline == 22.0f);
    CHECK(centred.glyphs[1].x == 50.0f);
    CHECK(centred.glyphs[2].c == U'c');
    CHECK(centred.glyphs[2].x == 35.0f);
    CHECK(centred.glyphs[2].baseline == 62.0f); // 30 + 10 gap + 22
    CHECK(centred.glyphs[3].x == 55.0f);
    CHECK(centred.height == 70.0f);
    CHECK(centred.lineCount == 2);
    CHECK(centred.widestLine == 30.0f);

    layout.align = TextAlign::left;
    layout.maxWidth = 60;
    layout.maxLines = 1;
    const TextBlock cut = layoutText(parseRichText("abcde fgh ijk"), FixedMeasure{}, layout);
    REQUIRE(cut.glyphs.size() == 6);
    CHECK(cut.glyphs[4].c == U'e');
    CHECK(cut.glyphs[5].c == U'…');
    CHECK(cut.glyphs[5].x == 50.0f);
    CHECK(cut.truncated);
    CHECK(cut.lineCount == 1);
    CHECK(cut.height == 30.0f);

    // "abcdef" fills the line: the ellipsis replaces its last char.
    const TextBlock full = layoutText(parseRichText("abcdef ghi"), FixedMeasure{}, layout);
    REQUIRE(full.glyphs.size() == 6);
    CHECK(full.glyphs[4].c == U'e');
    CHECK(full.glyphs[5].c == U'…');
}
