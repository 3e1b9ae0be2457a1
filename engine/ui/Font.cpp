#include "ui/Font.h"

#include "core/Assert.h"
#include "core/Log.h"
#include "ui/CjkFont.h"

// stb_truetype's implementation is compiled into Debian's libstb (linked for stb_image already);
// compiling it a second time here would define every stbtt_ symbol twice.
#include <stb_truetype.h>
#include <stb/stb_easy_font.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <unordered_map>

namespace xrs::ui {

namespace {

constexpr float kItalicShear = 0.2126f;   // tan 12°
constexpr float kBoldWidening = 0.04f;    // of the em: ~1.4 px at 34 px
constexpr float kEasyFontUnitsPerEm = 10.0f; // stb_easy_font capitals are 7 units tall -> 0.7 em

std::uint32_t readU32(const std::vector<unsigned char>& data, std::size_t at) {
    return (std::uint32_t{data[at]} << 24) | (std::uint32_t{data[at + 1]} << 16) | (std::uint32_t{data[at + 2]} << 8) |
           std::uint32_t{data[at + 3]};
}
std::uint16_t readU16(const std::vector<unsigned char>& data, std::size_t at) {
    return static_cast<std::uint16_t>((data[at] << 8) | data[at + 1]);
}

// stb_truetype trusts the table directory; check that every table lies inside the file so a
// truncated font is an error instead of an out-of-bounds read.
bool tableDirectoryFits(const std::vector<unsigned char>& data, std::size_t offset) {
    if (offset + 12 > data.size()) return false;
    const std::size_t tables = readU16(data, offset + 4);
    if (offset + 12 + tables * 16 > data.size()) return false;
    for (std::size_t t = 0; t < tables; ++t) {
        const std::size_t record = offset + 12 + t * 16;
        const std::uint64_t start = readU32(data, record + 8), length = readU32(data, record + 12);
        if (start + length > data.size()) return false;
    }
    return true;
}

std::string faceName(const stbtt_fontinfo& info) {
    int length = 0;
    const char* utf16 = stbtt_GetFontNameString(&info, &length, STBTT_PLATFORM_ID_MICROSOFT, STBTT_MS_EID_UNICODE_BMP,
                                                STBTT_MS_LANG_ENGLISH, 4 /* full name */);
    std::string name;
    for (int i = 0; utf16 && i + 1 < length; i += 2) {
        const char32_t c = static_cast<char32_t>((static_cast<unsigned char>(utf16[i]) << 8) | static_cast<unsigned char>(utf16[i + 1]));
        name += encodeUtf8(std::u32string(1, c));
    }
    return name;
}

int faceScore(const std::string& name) {
    int score = 0;
    if (name.find(" SC") != std::string::npos) score += 2; // Noto Sans CJK SC: simplified Chinese forms
    if (name.find("Mono") != std::string::npos) score -= 1;
    return score;
}

float boxAdvance(char32_t c, float size) { return isCjk(c) ? size : 0.6f * size; }

// The hollow box drawn for a char the font cannot show.
GlyphBitmap boxGlyph(char32_t c, float size) {
    GlyphBitmap box;
    const float advance = boxAdvance(c, size);
    box.left = static_cast<int>(std::lround(advance * 0.1f));
    box.width = std::max(3, static_cast<int>(std::lround(advance * 0.8f)));
    box.height = std::max(3, static_cast<int>(std::lround(size * 0.8f)));
    box.top = -static_cast<int>(std::lround(size * 0.75f));
    const int stroke = std::max(1, static_cast<int>(std::lround(size / 16.0f)));
    box.coverage.assign(static_cast<std::size_t>(box.width * box.height), 0);
    for (int y = 0; y < box.height; ++y)
        for (int x = 0; x < box.width; ++x)
            if (x < stroke || y < stroke || x >= box.width - stroke || y >= box.height - stroke)
                box.coverage[static_cast<std::size_t>(y * box.width + x)] = 255;
    return box;
}

// stb_easy_font's axis-aligned quads, area-sampled into coverage.
GlyphBitmap easyFontGlyph(char32_t c, float size) {
    GlyphBitmap glyph;
    char text[2] = {static_cast<char>(c), 0};
    float vertices[64 * 16]; // 4 vertices x (3 floats + 4 colour bytes) per quad
    const int quads = stb_easy_font_print(0.0f, 0.0f, text, nullptr, vertices, sizeof(vertices));
    const float scale = size / kEasyFontUnitsPerEm;
    glyph.top = -static_cast<int>(std::ceil(7.0f * scale));
    glyph.width = static_cast<int>(std::ceil(6.0f * scale)) + 1;
    glyph.height = static_cast<int>(std::ceil(10.0f * scale)) + 1;
    std::vector<float> coverage(static_cast<std::size_t>(glyph.width * glyph.height), 0.0f);
    for (int q = 0; q < quads; ++q) {
        const float* quad = vertices + q * 16; // vertex stride: 16 bytes = 4 floats
        // Easy-font y = 0 is the top of the capitals, 7 units above the baseline.
        const float baseline = -static_cast<float>(glyph.top);
        const float x0 = quad[0] * scale, y0 = (quad[1] - 7.0f) * scale + baseline;
        const float x1 = quad[8] * scale, y1 = (quad[9] - 7.0f) * scale + baseline;
        for (int y = std::max(0, static_cast<int>(y0)); y < std::min(glyph.height, static_cast<int>(std::ceil(y1))); ++y) {
            const float coverY = std::min(y1, static_cast<float>(y + 1)) - std::max(y0, static_cast<float>(y));
            for (int x = std::max(0, static_cast<int>(x0)); x < std::min(glyph.width, static_cast<int>(std::ceil(x1))); ++x) {
                const float coverX = std::min(x1, static_cast<float>(x + 1)) - std::max(x0, static_cast<float>(x));
                coverage[static_cast<std::size_t>(y * glyph.width + x)] += std::max(0.0f, coverX) * std::max(0.0f, coverY);
            }
        }
    }
    glyph.coverage.resize(coverage.size());
    std::transform(coverage.begin(), coverage.end(), glyph.coverage.begin(),
                   [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); });
    return glyph;
}

float easyFontAdvance(char32_t c, float size) {
    char text[2] = {static_cast<char>(c), 0};
    return static_cast<float>(stb_easy_font_width(text)) * size / kEasyFontUnitsPerEm;
}

bool easyFontHas(char32_t c) { return c >= 0x20 && c < 0x7F; }

// Faux bold: the maximum of the coverage and copies shifted right by up to `widen` pixels.
void widen(GlyphBitmap& glyph, float widen) {
    const int extra = static_cast<int>(std::ceil(widen));
    const int width = glyph.width + extra;
    std::vector<std::uint8_t> out(static_cast<std::size_t>(width * glyph.height), 0);
    auto sample = [&](int y, float x) -> float {
        const int x0 = static_cast<int>(std::floor(x));
        const float f = x - static_cast<float>(x0);
        auto at = [&](int xi) -> float {
            return xi >= 0 && xi < glyph.width ? glyph.coverage[static_cast<std::size_t>(y * glyph.width + xi)] : 0.0f;
        };
        return at(x0) * (1.0f - f) + at(x0 + 1) * f;
    };
    const int steps = std::max(2, extra * 2);
    for (int y = 0; y < glyph.height; ++y)
        for (int x = 0; x < width; ++x) {
            float best = 0.0f;
            for (int s = 0; s <= steps; ++s) best = std::max(best, sample(y, static_cast<float>(x) - widen * static_cast<float>(s) / static_cast<float>(steps)));
            out[static_cast<std::size_t>(y * width + x)] = static_cast<std::uint8_t>(std::lround(best));
        }
    glyph.width = width;
    glyph.coverage = std::move(out);
}

} // namespace

struct Font::Impl {
    std::vector<unsigned char> data; // the file; stb_truetype reads from it for the font's lifetime
    stbtt_fontinfo info{};
    bool fallback = true;
    std::string description = "built-in fallback";
    std::unordered_map<std::uint64_t, GlyphBitmap> glyphs;

    float scale(float size) const { return stbtt_ScaleForMappingEmToPixels(&info, size); }
    int glyphIndex(char32_t c) const { return fallback ? 0 : stbtt_FindGlyphIndex(&info, static_cast<int>(c)); }

    GlyphBitmap rasterize(int glyph, float size, TextStyle style) const {
        stbtt_vertex* vertices = nullptr;
        const int count = stbtt_GetGlyphShape(&info, glyph, &vertices);
        GlyphBitmap bitmap;
        if (count <= 0) return bitmap;
        const float s = scale(size);
        if (style.italic) {
            // Shear about a quarter em above the baseline so the slanted glyph stays centred.
            const float pivot = 0.25f * size / s;
            auto shear = [&](stbtt_vertex_type& x, stbtt_vertex_type y) {
                x = static_cast<stbtt_vertex_type>(std::lround(x + kItalicShear * (static_cast<float>(y) - pivot)));
            };
            for (int i = 0; i < count; ++i) {
                shear(vertices[i].x, vertices[i].y);
                shear(vertices[i].cx, vertices[i].cy);
                shear(vertices[i].cx1, vertices[i].cy1);
            }
        }
        float minX = 1e9f, minY = 1e9f, maxX = -1e9f, maxY = -1e9f;
        for (int i = 0; i < count; ++i) {
            const stbtt_vertex& v = vertices[i];
            auto include = [&](float x, float y) {
                minX = std::min(minX, x), maxX = std::max(maxX, x), minY = std::min(minY, y), maxY = std::max(maxY, y);
            };
            include(v.x, v.y);
            if (v.type == STBTT_vcurve || v.type == STBTT_vcubic) include(v.cx, v.cy);
            if (v.type == STBTT_vcubic) include(v.cx1, v.cy1);
        }
        const int x0 = static_cast<int>(std::floor(minX * s)), x1 = static_cast<int>(std::ceil(maxX * s));
        const int y0 = static_cast<int>(std::floor(-maxY * s)), y1 = static_cast<int>(std::ceil(-minY * s));
        bitmap.left = x0;
        bitmap.top = y0;
        bitmap.width = std::max(0, x1 - x0);
        bitmap.height = std::max(0, y1 - y0);
        bitmap.coverage.assign(static_cast<std::size_t>(bitmap.width * bitmap.height), 0);
        if (bitmap.width > 0 && bitmap.height > 0) {
            stbtt__bitmap target{bitmap.width, bitmap.height, bitmap.width, bitmap.coverage.data()};
            stbtt_Rasterize(&target, 0.35f, vertices, count, s, s, 0.0f, 0.0f, x0, y0, 1, nullptr);
        }
        stbtt_FreeShape(&info, vertices);
        return bitmap;
    }
};

Font::Font(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Font::Font(Font&&) noexcept = default;
Font& Font::operator=(Font&&) noexcept = default;
Font::~Font() = default;

Result<Font> Font::load(const std::filesystem::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) return fail(file.string(), ": cannot open the font file");
    auto impl = std::make_unique<Impl>();
    impl->data.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
    const std::vector<unsigned char>& data = impl->data;
    if (data.size() < 12) return fail(file.string(), ": not a TrueType/OpenType font (", std::to_string(data.size()), " bytes)");
    const int faces = stbtt_GetNumberOfFonts(data.data());
    if (faces <= 0) return fail(file.string(), ": not a TrueType/OpenType font or collection");
    if (data[0] == 't' && 12 + static_cast<std::size_t>(faces) * 4 > data.size())
        return fail(file.string(), ": truncated font collection header");

    int bestFace = -1, bestScore = -1000;
    std::string bestName;
    for (int face = 0; face < faces; ++face) {
        const int offset = stbtt_GetFontOffsetForIndex(data.data(), face);
        if (offset < 0 || !tableDirectoryFits(data, static_cast<std::size_t>(offset))) continue;
        stbtt_fontinfo info{};
        if (stbtt_InitFont(&info, data.data(), offset) == 0) continue;
        const std::string name = faceName(info);
        if (faceScore(name) > bestScore) {
            bestScore = faceScore(name);
            bestFace = face;
            bestName = name;
            impl->info = info;
        }
    }
    if (bestFace < 0) return fail(file.string(), ": no usable face (truncated or unsupported font tables)");
    impl->fallback = false;
    impl->description = file.filename().string() + " (" + (bestName.empty() ? "face " + std::to_string(bestFace) : bestName) + ")";
    return Font(std::move(impl));
}

Font Font::fallback() { return Font(std::make_unique<Impl>()); }

Font Font::loadDefault() {
    auto path = findCjkFont();
    if (!path) {
        XRS_LOG_WARN("ui: {}; panel text uses the built-in ASCII fallback", path.error().message);
        return fallback();
    }
    auto font = load(*path);
    if (!font) {
        XRS_LOG_WARN("ui: {}; panel text uses the built-in ASCII fallback", font.error().message);
        return fallback();
    }
    XRS_LOG_DEBUG("ui: panel font {}", font->description());
    return std::move(font).value();
}

bool Font::isFallback() const { return impl_->fallback; }
const std::string& Font::description() const { return impl_->description; }

VerticalMetrics Font::verticalMetrics(float pixelSize) const {
    if (impl_->fallback) return {0.8f * pixelSize, 0.25f * pixelSize, 0.0f};
    int ascent = 0, descent = 0, lineGap = 0;
    stbtt_GetFontVMetrics(&impl_->info, &ascent, &descent, &lineGap);
    const float s = impl_->scale(pixelSize);
    return {static_cast<float>(ascent) * s, static_cast<float>(-descent) * s, static_cast<float>(lineGap) * s};
}

bool Font::hasGlyph(char32_t c) const {
    return impl_->fallback ? easyFontHas(c) : impl_->glyphIndex(c) != 0;
}

float Font::advance(char32_t c, float pixelSize, TextStyle style) const {
    const float bold = style.bold ? kBoldWidening * pixelSize : 0.0f;
    if (c == U'\n') return 0.0f;
    if (impl_->fallback) return (easyFontHas(c) ? easyFontAdvance(c, pixelSize) : boxAdvance(c, pixelSize)) + bold;
    const int glyph = impl_->glyphIndex(c);
    if (glyph == 0) return boxAdvance(c, pixelSize) + bold;
    int advanceWidth = 0, leftBearing = 0;
    stbtt_GetGlyphHMetrics(&impl_->info, glyph, &advanceWidth, &leftBearing);
    return static_cast<float>(advanceWidth) * impl_->scale(pixelSize) + bold;
}

float Font::kerning(char32_t left, char32_t right, float pixelSize) const {
    if (impl_->fallback) return 0.0f;
    const int a = impl_->glyphIndex(left), b = impl_->glyphIndex(right);
    if (a == 0 || b == 0) return 0.0f;
    return static_cast<float>(stbtt_GetGlyphKernAdvance(&impl_->info, a, b)) * impl_->scale(pixelSize);
}

const GlyphBitmap& Font::glyph(char32_t c, float pixelSize, TextStyle style) {
    XRS_EXPECT(pixelSize > 0.0f && pixelSize < 4096.0f, "glyph size out of range");
    const auto sizeKey = static_cast<std::uint64_t>(std::lround(pixelSize * 16.0f));
    const std::uint64_t key = static_cast<std::uint64_t>(c & 0x1FFFFF) | (std::uint64_t{style.bold} << 21) |
                              (std::uint64_t{style.italic} << 22) | (sizeKey << 23);
    if (auto found = impl_->glyphs.find(key); found != impl_->glyphs.end()) return found->second;

    GlyphBitmap bitmap;
    if (impl_->fallback) {
        bitmap = easyFontHas(c) ? easyFontGlyph(c, pixelSize) : boxGlyph(c, pixelSize);
    } else if (const int index = impl_->glyphIndex(c); index == 0) {
        bitmap = boxGlyph(c, pixelSize);
    } else {
        bitmap = impl_->rasterize(index, pixelSize, style);
    }
    if (style.bold && bitmap.width > 0) widen(bitmap, kBoldWidening * pixelSize);
    return impl_->glyphs.emplace(key, std::move(bitmap)).first->second;
}

std::size_t Font::cachedGlyphCount() const { return impl_->glyphs.size(); }

} // namespace xrs::ui
