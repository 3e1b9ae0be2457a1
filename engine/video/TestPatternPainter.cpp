#include "video/TestPatternPainter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numbers>

#include <stb/stb_easy_font.h>

#include "core/Assert.h"

namespace xrs::video {
namespace {

constexpr std::uint8_t kBlack = 16;
constexpr std::uint8_t kWhite = 235;
constexpr std::uint8_t kGridLine = 200;
constexpr int kDetailRowCount = 64;
// stb_easy_font: capitals span 7 units (some glyphs start one unit lower), lines advance 12.
constexpr int kGlyphHeight = 8;

// Deterministic per-pixel noise in [0, 15].
std::uint32_t noise(std::uint32_t x, std::uint32_t y) {
    std::uint32_t h = x * 0x9E3779B1u ^ (y + 0x7F4A7C15u) * 0x85EBCA77u;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    return h & 15u;
}

int textWidthUnits(const std::string& text) {
    return stb_easy_font_width(const_cast<char*>(text.c_str()));
}

// Greedy word wrap to lines of at most `maxUnits` font units (a longer word gets its own line).
std::vector<std::string> wrapWords(const std::string& sentence, int maxUnits) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start < sentence.size()) {
        const std::size_t end = std::min(sentence.find(' ', start), sentence.size());
        const std::string word = sentence.substr(start, end - start);
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (line.empty() || textWidthUnits(candidate) <= maxUnits) {
            line = candidate;
        } else {
            lines.push_back(line);
            line = word;
        }
        start = end + 1;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

} // namespace

TestPatternPainter::TestPatternPainter(const TestPatternSpec& spec) : spec_(spec) {
    XRS_EXPECT(spec.width >= 16 && spec.height >= 16 && spec.width % 2 == 0 && spec.height % 2 == 0,
               "test pattern size must be even and at least 16x16");
    eyeWidth_ = spec.layout == StereoLayout::SideBySide ? spec.width / 2 : spec.width;
    eyeHeight_ = spec.layout == StereoLayout::TopBottom ? spec.height / 2 : spec.height;
    XRS_EXPECT(eyeWidth_ % 2 == 0 && eyeHeight_ % 2 == 0, "each eye of a stereo test pattern must be even-sized");
    lineWidth_ = std::max(1, eyeWidth_ / 1920);
    disparity_ = spec.layout == StereoLayout::Mono ? 0 : std::max(1, eyeWidth_ / 960);
    codeCell_ = std::max(2, eyeWidth_ / kLabelCols / 40);

    // Detail rows: a fine grating (12 px period) under a coarser one, plus noise. Whole numbers of
    // periods per eye width, so the texture wraps without a seam at +-180°.
    const double fineCycles = std::max(1, eyeWidth_ / 12);
    const double coarseCycles = std::max(1, eyeWidth_ / 64);
    detailRows_.resize(kDetailRowCount);
    for (int k = 0; k < kDetailRowCount; ++k) {
        std::vector<std::uint8_t>& row = detailRows_[static_cast<std::size_t>(k)];
        row.resize(static_cast<std::size_t>(eyeWidth_) * 2);
        const double phase = 2.0 * std::numbers::pi * k / kDetailRowCount;
        const double fineAmplitude = 18.0 + 14.0 * std::cos(phase);
        for (int x = 0; x < eyeWidth_; ++x) {
            const double u = static_cast<double>(x) / eyeWidth_;
            const double value = 120.0 + fineAmplitude * std::sin(2.0 * std::numbers::pi * (u * fineCycles + k / 8.0)) +
                                 26.0 * std::sin(2.0 * std::numbers::pi * u * coarseCycles + phase * 3.0) +
                                 static_cast<double>(noise(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(k))) / 4.0 - 2.0;
            const auto pixel = static_cast<std::uint8_t>(std::clamp(std::lround(value), 40L, 200L));
            row[static_cast<std::size_t>(x)] = pixel;
            row[static_cast<std::size_t>(x + eyeWidth_)] = pixel;
        }
    }
    buildStaticLayer();
}

PixelRect TestPatternPainter::eyeRect(int eye) const {
    switch (spec_.layout) {
    case StereoLayout::Mono: return {0, 0, eyeWidth_, eyeHeight_};
    case StereoLayout::TopBottom: return {0, eye * eyeHeight_, eyeWidth_, eyeHeight_};
    case StereoLayout::SideBySide: return {eye * eyeWidth_, 0, eyeWidth_, eyeHeight_};
    }
    return {};
}

PixelRect TestPatternPainter::labelTileRect(int eye, int row, int col) const {
    const PixelRect eyeArea = eyeRect(eye);
    const int x0 = col * eyeWidth_ / kLabelCols;
    const int x1 = (col + 1) * eyeWidth_ / kLabelCols;
    const int y0 = row * eyeHeight_ / kLabelRows;
    const int y1 = (row + 1) * eyeHeight_ / kLabelRows;
    return {eyeArea.x + x0, eyeArea.y + y0, x1 - x0, y1 - y0};
}

PixelRect TestPatternPainter::frameCodeRect(int eye, int row, int col) const {
    const PixelRect tile = labelTileRect(eye, row, col);
    const int shift = eye == 1 ? -disparity_ : 0;
    return {tile.x + 2 * codeCell_ + shift, tile.y + 2 * codeCell_, (2 + kFrameCodeBits) * codeCell_, codeCell_};
}

std::string TestPatternPainter::labelText(int eye, int row, int col) const {
    std::string name = "R" + std::to_string(row) + "C" + std::to_string(col);
    if (spec_.layout == StereoLayout::Mono) return name;
    return (eye == 0 ? "L " : "R ") + name;
}

void TestPatternPainter::addRect(std::vector<FillRect>& out, int eye, int x0, int y0, int x1, int y1,
                                 std::uint8_t luma) const {
    const PixelRect area = eyeRect(eye);
    x0 = std::max(x0, area.x);
    y0 = std::max(y0, area.y);
    x1 = std::min(x1, area.x + area.width);
    y1 = std::min(y1, area.y + area.height);
    if (x0 < x1 && y0 < y1) out.push_back({x0, y0, x1, y1, luma});
}

void TestPatternPainter::addText(std::vector<FillRect>& out, int eye, int x, int y, int scale, const std::string& text,
                                 std::uint8_t luma, bool backdrop) const {
    if (backdrop) {
        const int pad = scale;
        addRect(out, eye, x - pad, y - pad, x + textWidthUnits(text) * scale + pad, y + (kGlyphHeight + 1) * scale + pad, kBlack);
    }
    // stb_easy_font emits 4 vertices of 16 bytes (x, y, z floats + RGBA) per quad, ~270 bytes per glyph.
    std::vector<char> vertices(text.size() * 400 + 64);
    const int quads = stb_easy_font_print(0.0f, 0.0f, const_cast<char*>(text.c_str()), nullptr, vertices.data(),
                                          static_cast<int>(vertices.size()));
    for (int q = 0; q < quads; ++q) {
        float minX = 1e9f, minY = 1e9f, maxX = -1e9f, maxY = -1e9f;
        for (int v = 0; v < 4; ++v) {
            float position[2];
            std::memcpy(position, vertices.data() + (q * 4 + v) * 16, sizeof(position));
            minX = std::min(minX, position[0]);
            maxX = std::max(maxX, position[0]);
            minY = std::min(minY, position[1]);
            maxY = std::max(maxY, position[1]);
        }
        addRect(out, eye, x + static_cast<int>(std::lround(minX * static_cast<float>(scale))),
                y + static_cast<int>(std::lround(minY * static_cast<float>(scale))),
                x + static_cast<int>(std::lround(maxX * static_cast<float>(scale))),
                y + static_cast<int>(std::lround(maxY * static_cast<float>(scale))), luma);
    }
}

void TestPatternPainter::buildStaticLayer() {
    const int eyes = eyeCount(spec_.layout);
    const int spanDegrees = spec_.projection == Projection::Equirect180 ? 180 : 360;
    const int lonLines = spanDegrees / 15;  // cells across
    const int latLines = 180 / 15;
    const int labelScale = std::max(1, eyeWidth_ / 3840);
    for (int eye = 0; eye < eyes; ++eye) {
        const PixelRect area = eyeRect(eye);
        const int shift = eye == 1 ? -disparity_ : 0;
        // Grid: lines centred on their longitude/latitude; the +-180° line is drawn at both edges
        // (half on each side of the seam), the poles' lines at the top and bottom edges.
        for (int k = 0; k <= lonLines; ++k) {
            const bool major = (k * 15) % 45 == 0;
            const int width = major ? 2 * lineWidth_ : lineWidth_;
            const int x = area.x + k * eyeWidth_ / lonLines - width / 2;
            addRect(staticLayer_, eye, x, area.y, x + width, area.y + area.height, major ? kWhite : kGridLine);
        }
        for (int k = 0; k <= latLines; ++k) {
            const bool major = (k * 15) % 45 == 0;
            const int width = major ? 2 * lineWidth_ : lineWidth_;
            const int y = area.y + k * eyeHeight_ / latLines - width / 2;
            addRect(staticLayer_, eye, area.x, y, area.x + area.width, y + width, major ? kWhite : kGridLine);
        }
        // Intersection labels, above-right of the point they name; shortened (or left out) where
        // the 15° cell is too narrow for them.
        const int cellWidth = eyeWidth_ / lonLines;
        for (int i = 0; i < lonLines; ++i) {
            for (int j = 1; j <= latLines; ++j) {
                const int longitude = -spanDegrees / 2 + 15 * i;
                const int latitude = 90 - 15 * j;
                char longForm[32], shortForm[32];
                std::snprintf(longForm, sizeof(longForm), "LON%+04d LAT%+03d", longitude, latitude);
                std::snprintf(shortForm, sizeof(shortForm), "%+d%+d", longitude, latitude);
                const int room = cellWidth - 6 * lineWidth_;
                const std::string text = textWidthUnits(longForm) * labelScale <= room ? longForm : shortForm;
                if (textWidthUnits(text) * labelScale > room) continue;
                const int x = area.x + i * eyeWidth_ / lonLines + 3 * lineWidth_ + shift;
                const int y = area.y + j * eyeHeight_ / latLines - 3 * lineWidth_ - (kGlyphHeight + 1) * labelScale;
                addText(staticLayer_, eye, x, y, labelScale, text, kWhite, true);
            }
        }
        // Label tiles: name in the centre, fine text (1, 2 and 3 px strokes) in the lower part,
        // wrapped to the tile and cut where the tile ends.
        for (int row = 0; row < kLabelRows; ++row) {
            for (int col = 0; col < kLabelCols; ++col) {
                const PixelRect tile = labelTileRect(eye, row, col);
                const std::string name = labelText(eye, row, col);
                const int nameScale = std::max(1, tile.width / 80);
                const int nameWidth = textWidthUnits(name) * nameScale;
                addText(staticLayer_, eye, tile.x + (tile.width - nameWidth) / 2 + shift,
                        tile.y + (tile.height - kGlyphHeight * nameScale) / 2, nameScale, name, kWhite, true);
                // The label tile's last 15° cell row, between its latitude line and the
                // intersection labels sitting on the tile's bottom line.
                const int left = tile.x + 2 * codeCell_;
                const int bottom = tile.y + tile.height - 3 * lineWidth_ - (kGlyphHeight + 3) * labelScale;
                int y = tile.y + tile.height * 2 / 3 + 3 * lineWidth_;
                for (int scale = 1; scale <= 3; ++scale) {
                    const std::string sentence = std::to_string(scale) +
                                                 "PX THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG 0123456789 " + name;
                    for (const std::string& line : wrapWords(sentence, (tile.width - 4 * codeCell_) / scale)) {
                        if (y + (kGlyphHeight + 2) * scale > bottom) break;
                        addText(staticLayer_, eye, left + shift, y, scale, line, kWhite, true);
                        y += (kGlyphHeight + 4) * scale;
                    }
                }
            }
        }
    }
}

std::vector<TestPatternPainter::FillRect> TestPatternPainter::dynamicLayer(std::int64_t frameIndex) const {
    std::vector<FillRect> rects;
    const int code = static_cast<int>(frameIndex & 0xFFFF);
    char counter[32];
    std::snprintf(counter, sizeof(counter), "F %06lld", static_cast<long long>(frameIndex));
    for (int eye = 0; eye < eyeCount(spec_.layout); ++eye) {
        for (int row = 0; row < kLabelRows; ++row) {
            for (int col = 0; col < kLabelCols; ++col) {
                const PixelRect bar = frameCodeRect(eye, row, col);
                const int cell = codeCell_;
                addRect(rects, eye, bar.x - cell / 2, bar.y - cell / 2, bar.x + bar.width + cell / 2,
                        bar.y + bar.height + cell / 2, kBlack);
                for (int i = 0; i < 2 + kFrameCodeBits; ++i) {
                    const bool white = i == 0 || (i >= 2 && ((code >> (kFrameCodeBits - 1 - (i - 2))) & 1));
                    if (white) addRect(rects, eye, bar.x + i * cell, bar.y, bar.x + (i + 1) * cell, bar.y + cell, kWhite);
                }
                const PixelRect tile = labelTileRect(eye, row, col);
                const int counterScale = std::max(1, tile.width / 160);
                addText(rects, eye, bar.x, bar.y + 2 * cell, counterScale, counter, kWhite, true);
            }
        }
    }
    return rects;
}

void TestPatternPainter::paintBackground(std::int64_t frameIndex, const PlaneView& luma) const {
    const int speedUnit = std::max(1, eyeWidth_ / 1920);
    for (int eye = 0; eye < eyeCount(spec_.layout); ++eye) {
        const PixelRect area = eyeRect(eye);
        for (int y = 0; y < eyeHeight_; ++y) {
            const int band = y * 12 / eyeHeight_;  // 15° latitude band
            const std::int64_t speed = (band % 2 == 0 ? 1 : -1) * (1 + band % 3) * speedUnit;
            const auto shift = static_cast<std::size_t>(((frameIndex * speed) % eyeWidth_ + eyeWidth_) % eyeWidth_);
            const auto detail = static_cast<std::size_t>((y + frameIndex) % kDetailRowCount);
            std::uint8_t* destination = luma.data + static_cast<std::ptrdiff_t>(area.y + y) * luma.stride + area.x;
            std::memcpy(destination, detailRows_[detail].data() + shift, static_cast<std::size_t>(eyeWidth_));
        }
    }
}

void TestPatternPainter::paintChroma(const PlaneView& cb, const PlaneView& cr) const {
    for (int eye = 0; eye < eyeCount(spec_.layout); ++eye) {
        for (int row = 0; row < kLabelRows; ++row) {
            for (int col = 0; col < kLabelCols; ++col) {
                // Golden-angle hues: neighbouring tiles get clearly different colours.
                const double angle = (row * kLabelCols + col) * 2.399963;
                const auto u = static_cast<std::uint8_t>(128 + std::lround(34.0 * std::cos(angle)));
                const auto v = static_cast<std::uint8_t>(128 + std::lround(34.0 * std::sin(angle)));
                const PixelRect tile = labelTileRect(eye, row, col);
                const int x0 = tile.x / 2, x1 = (tile.x + tile.width) / 2;
                for (int y = tile.y / 2; y < (tile.y + tile.height) / 2; ++y) {
                    std::memset(cb.data + static_cast<std::ptrdiff_t>(y) * cb.stride + x0, u, static_cast<std::size_t>(x1 - x0));
                    std::memset(cr.data + static_cast<std::ptrdiff_t>(y) * cr.stride + x0, v, static_cast<std::size_t>(x1 - x0));
                }
            }
        }
    }
}

void TestPatternPainter::fill(const PlaneView& luma, const std::vector<FillRect>& rects) {
    for (const FillRect& rect : rects) {
        for (int y = rect.y0; y < rect.y1; ++y) {
            std::memset(luma.data + static_cast<std::ptrdiff_t>(y) * luma.stride + rect.x0, rect.luma,
                        static_cast<std::size_t>(rect.x1 - rect.x0));
        }
    }
}

void TestPatternPainter::paint(std::int64_t frameIndex, const PlaneView& luma, const PlaneView& cb, const PlaneView& cr) const {
    XRS_EXPECT(luma.width >= spec_.width && luma.height >= spec_.height, "luma plane smaller than the pattern");
    XRS_EXPECT(cb.width >= spec_.width / 2 && cr.height >= spec_.height / 2, "chroma planes smaller than the pattern");
    paintBackground(frameIndex, luma);
    paintChroma(cb, cr);
    fill(luma, staticLayer_);
    fill(luma, dynamicLayer(frameIndex));
}

std::optional<int> TestPatternPainter::readFrameCode(const std::uint8_t* luma, int stride, const PixelRect& rect) {
    const int cells = 2 + kFrameCodeBits;
    if (rect.width < cells || rect.height < 1) return std::nullopt;
    auto cellIsWhite = [&](int i) {
        // Average the middle half of the cell: robust to blur at the cell edges.
        const int x0 = rect.x + i * rect.width / cells, x1 = rect.x + (i + 1) * rect.width / cells;
        const int insetX = (x1 - x0) / 4, insetY = rect.height / 4;
        int sum = 0, count = 0;
        for (int y = rect.y + insetY; y < rect.y + rect.height - insetY; ++y) {
            for (int x = x0 + insetX; x < x1 - insetX; ++x) {
                sum += luma[static_cast<std::ptrdiff_t>(y) * stride + x];
                ++count;
            }
        }
        return count > 0 && sum > 128 * count;
    };
    if (!cellIsWhite(0) || cellIsWhite(1)) return std::nullopt;
    int value = 0;
    for (int bit = 0; bit < kFrameCodeBits; ++bit) value = (value << 1) | (cellIsWhite(2 + bit) ? 1 : 0);
    return value;
}

} // namespace xrs::video
