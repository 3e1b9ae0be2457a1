#pragma once
// A font for painting text into textures: stb_truetype (Debian's libstb) over a TTF/OTF/TTC
// file, with a glyph cache per (char, pixel size, style), or a built-in fallback when no font
// file is available (stb_easy_font strokes for ASCII, boxes for everything else) so panels still
// paint. Sizes are em sizes in pixels (like CSS font-size). Faux styles: bold widens the coverage
// horizontally, italic shears the outline by 12°.
//
// Not thread-safe (the cache mutates); use one Font per painting thread.
#include "core/Result.h"
#include "ui/TextLayout.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace xrs::ui {

struct GlyphBitmap {
    int width = 0;
    int height = 0;
    int left = 0; // from the pen position to the bitmap's left column
    int top = 0;  // from the baseline to the bitmap's top row (negative: above the baseline)
    std::vector<std::uint8_t> coverage; // width * height, 0..255
};

struct VerticalMetrics {
    float ascent = 0.0f;  // above the baseline, pixels
    float descent = 0.0f; // below the baseline, pixels (positive)
    float lineGap = 0.0f;
};

class Font {
public:
    // A TrueType/OpenType file or collection. In a collection, the simplified-Chinese face is
    // preferred (names with " SC"), proportional over "Mono", else face 0. Errors name the file.
    static Result<Font> load(const std::filesystem::path& file);
    // The built-in fallback (no file).
    static Font fallback();
    // findCjkFont() loaded, or the fallback after one warning naming the packages to install.
    static Font loadDefault();

    Font(Font&&) noexcept;
    Font& operator=(Font&&) noexcept;
    ~Font();

    bool isFallback() const;
    const std::string& description() const; // "wqy-microhei.ttc (WenQuanYi Micro Hei)" or "built-in fallback"

    VerticalMetrics verticalMetrics(float pixelSize) const;
    float advance(char32_t c, float pixelSize, TextStyle style) const;
    float kerning(char32_t left, char32_t right, float pixelSize) const;
    bool hasGlyph(char32_t c) const; // false: drawn as a box

    // Anti-aliased coverage, rendered once per (char, size, style) and cached. The reference
    // stays valid while the Font lives.
    const GlyphBitmap& glyph(char32_t c, float pixelSize, TextStyle style);
    std::size_t cachedGlyphCount() const;

private:
    struct Impl;
    explicit Font(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The TextMeasure of a font at one size (for breakLines/layoutText).
class FontMeasure final : public TextMeasure {
public:
    FontMeasure(const Font& font, float pixelSize) : font_(font), size_(pixelSize) {}
    float advance(char32_t c, TextStyle style) const override { return font_.advance(c, size_, style); }
    float kerning(char32_t left, char32_t right) const override { return font_.kerning(left, right, size_); }

private:
    const Font& font_;
    float size_;
};

} // namespace xrs::ui
