// The font: loading (collections, bad files), metrics, kerning, the glyph cache, faux styles and
// the built-in fallback used when no font file exists.
#include "RequireCjkFont.h"
#include "ui/CjkFont.h"
#include "ui/Font.h"

#include "ScratchDirectory.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <numeric>

using namespace xrs;
using namespace xrs::ui;

namespace {

int coverageSum(const GlyphBitmap& glyph) {
    return std::accumulate(glyph.coverage.begin(), glyph.coverage.end(), 0);
}

void writeFile(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

} // namespace

TEST_CASE("the CJK font loads the proportional face of the collection and has Chinese glyphs") {
    Font font = test::requireCjkFont();
    CHECK_FALSE(font.isFallback());
    INFO(font.description());
    if (font.description().find("wqy-microhei") != std::string::npos)
        CHECK(font.description() == "wqy-microhei.ttc (WenQuanYi Micro Hei)");
    CHECK(font.hasGlyph(U'鼎'));
    CHECK(font.hasGlyph(U'B'));
    // CJK ideographs fill the em square; Latin letters are narrower.
    CHECK(font.advance(U'鼎', 34.0f, {}) == Approx(34.0f).margin(0.5f));
    CHECK(font.advance(U'i', 34.0f, {}) < 17.0f);
    // Faux bold widens the advance by 4 % of the em.
    CHECK(font.advance(U'鼎', 34.0f, {true, false}) == Approx(font.advance(U'鼎', 34.0f, {}) + 1.36f));
    const VerticalMetrics metrics = font.verticalMetrics(34.0f);
    CHECK(metrics.ascent > 25.0f);
    CHECK(metrics.descent > 4.0f);
}

TEST_CASE("glyphs are rendered once per char, size and style and then come from the cache") {
    Font font = test::requireCjkFont();
    const GlyphBitmap& first = font.glyph(U'鼎', 34.0f, {});
    const GlyphBitmap& again = font.glyph(U'鼎', 34.0f, {});
    CHECK(&first == &again);
    CHECK(font.cachedGlyphCount() == 1);
    CHECK(first.width > 20);
    CHECK(first.width <= 36);
    CHECK(first.top < -20); // rises well above the baseline
    CHECK(coverageSum(first) > 255 * 100);

    const GlyphBitmap& bold = font.glyph(U'鼎', 34.0f, {true, false});
    const GlyphBitmap& italic = font.glyph(U'鼎', 34.0f, {false, true});
    const GlyphBitmap& larger = font.glyph(U'鼎', 68.0f, {});
    CHECK(font.cachedGlyphCount() == 4);
    CHECK(bold.width == first.width + 2); // ceil(1.36 px)
    CHECK(coverageSum(bold) > coverageSum(first) * 11 / 10);
    // The 12° shear over the glyph's height makes it wider, by about tan(12°) x height.
    CHECK(italic.width >= first.width + 5);
    CHECK(larger.width >= first.width * 2 - 2);
}

TEST_CASE("kerning is applied where the font has it") {
    Font cjk = test::requireCjkFont();
    CHECK(cjk.kerning(U'鼎', U'B', 34.0f) == 0.0f); // no pairs across scripts
    const std::filesystem::path dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (!std::filesystem::exists(dejaVu)) {
        WARN("DejaVuSans.ttf not installed: the kerning pair check is skipped");
        return;
    }
    auto font = Font::load(dejaVu);
    REQUIRE(font.ok());
    const float kern = font->kerning(U'A', U'V', 100.0f);
    CHECK(kern < -2.0f); // DejaVu Sans kerns "AV"
    const FontMeasure measure(*font, 100.0f);
    const StyledText av = plainText("AV");
    CHECK(measureSpan(av, 0, 2, measure) == Approx(font->advance(U'A', 100.0f, {}) + font->advance(U'V', 100.0f, {}) + kern));
}

TEST_CASE("bad font files are errors naming the file") {
    test::ScratchDirectory scratch("ui-font");
    const auto missing = scratch.path() / "missing.ttf";
    auto result = Font::load(missing);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message == missing.string() + ": cannot open the font file");

    const auto text = scratch.path() / "text.ttf";
    writeFile(text, "this is not a font, only some text");
    result = Font::load(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message == text.string() + ": not a TrueType/OpenType font or collection");

    const auto tiny = scratch.path() / "tiny.ttf";
    writeFile(tiny, "ttcf");
    result = Font::load(tiny);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message == tiny.string() + ": not a TrueType/OpenType font (4 bytes)");

    // The first 4 KiB of a real font: its table directory points past the end of the file.
    auto path = findCjkFont();
    REQUIRE(path.ok());
    std::ifstream in(*path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    const auto truncated = scratch.path() / "truncated.ttc";
    writeFile(truncated, head);
    result = Font::load(truncated);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message == truncated.string() + ": no usable face (truncated or unsupported font tables)");
}

TEST_CASE("the fallback font draws ASCII with strokes and everything else as boxes") {
    Font font = Font::fallback();
    CHECK(font.isFallback());
    CHECK(font.description() == "built-in fallback");
    CHECK(font.hasGlyph(U'A'));
    CHECK_FALSE(font.hasGlyph(U'鼎'));
    CHECK(font.advance(U'鼎', 40.0f, {}) == 40.0f);
    CHECK(font.advance(U'é', 40.0f, {}) == 24.0f);

    const GlyphBitmap& a = font.glyph(U'A', 40.0f, {});
    CHECK(coverageSum(a) > 255 * 30);
    const GlyphBitmap& box = font.glyph(U'鼎', 40.0f, {});
    REQUIRE(box.width == 32);
    REQUIRE(box.height == 32);
    CHECK(box.coverage[0] == 255);                                       // corner: the outline
    CHECK(box.coverage[static_cast<std::size_t>(16 * 32 + 16)] == 0);    // centre: hollow
    CHECK(box.coverage[static_cast<std::size_t>(31 * 32 + 31)] == 255);
}
