#include "ui/Canvas.h"

#include "core/Assert.h"
#include "ui/Font.h"

#include <stb_image_resize.h> // implementation in Debian's libstb

#include <array>
#include <numbers>

namespace xrs::ui {

namespace {

const std::array<float, 256>& srgbDecodeTable() {
    static const std::array<float, 256> table = [] {
        std::array<float, 256> t{};
        for (int i = 0; i < 256; ++i) t[static_cast<std::size_t>(i)] = srgbToLinear(static_cast<float>(i) / 255.0f);
        return t;
    }();
    return table;
}

// 65536 steps of linear light: fine enough that every sRGB byte is reached exactly as
// linearToSrgb8 would round it (the darkest sRGB steps are ~1/3300 apart in linear).
constexpr int kEncodeSteps = 65535;
const std::vector<std::uint8_t>& srgbEncodeTable() {
    static const std::vector<std::uint8_t> table = [] {
        std::vector<std::uint8_t> t(kEncodeSteps + 1);
        for (int i = 0; i <= kEncodeSteps; ++i)
            t[static_cast<std::size_t>(i)] = linearToSrgb8(static_cast<float>(i) / static_cast<float>(kEncodeSteps));
        return t;
    }();
    return table;
}

std::uint8_t encode(float linear) {
    const float clamped = std::clamp(linear, 0.0f, 1.0f);
    return srgbEncodeTable()[static_cast<std::size_t>(std::lround(clamped * static_cast<float>(kEncodeSteps)))];
}

float length(Vec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }

RectF circleBounds(Vec2 centre, float radius) { return {centre.x - radius, centre.y - radius, 2 * radius, 2 * radius}; }

} // namespace

LinearColor LinearColor::fromSrgb(std::uint32_t rgb, float alpha) {
    return {srgbToLinear(static_cast<float>((rgb >> 16) & 0xFF) / 255.0f), srgbToLinear(static_cast<float>((rgb >> 8) & 0xFF) / 255.0f),
            srgbToLinear(static_cast<float>(rgb & 0xFF) / 255.0f), alpha};
}

float distanceToSegment(Vec2 p, Vec2 a, Vec2 b) {
    const Vec2 ab{b.x - a.x, b.y - a.y}, ap{p.x - a.x, p.y - a.y};
    const float lengthSquared = ab.x * ab.x + ab.y * ab.y;
    const float t = lengthSquared > 0.0f ? std::clamp((ap.x * ab.x + ap.y * ab.y) / lengthSquared, 0.0f, 1.0f) : 0.0f;
    return length({ap.x - t * ab.x, ap.y - t * ab.y});
}

float roundedRectDistance(Vec2 p, RectF rect, float radius) {
    const float halfW = rect.width * 0.5f, halfH = rect.height * 0.5f;
    radius = std::min({radius, halfW, halfH});
    const float qx = std::abs(p.x - (rect.x + halfW)) - (halfW - radius);
    const float qy = std::abs(p.y - (rect.y + halfH)) - (halfH - radius);
    const float outside = length({std::max(qx, 0.0f), std::max(qy, 0.0f)});
    return outside + std::min(std::max(qx, qy), 0.0f) - radius;
}

Canvas::Canvas(int width, int height) : width_(width), height_(height) {
    XRS_EXPECT(width > 0 && height > 0 && width <= 16384 && height <= 16384, "canvas size out of range");
    pixels_.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0.0f);
}

void Canvas::blend(int x, int y, LinearColor colour, float coverage) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
    const float alpha = colour.a * coverage;
    if (alpha <= 0.0f) return;
    float* pixel = &pixels_[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)) * 4];
    const float keep = 1.0f - alpha;
    pixel[0] = colour.r * alpha + pixel[0] * keep;
    pixel[1] = colour.g * alpha + pixel[1] * keep;
    pixel[2] = colour.b * alpha + pixel[2] * keep;
    pixel[3] = alpha + pixel[3] * keep;
}

void Canvas::fillRect(RectF rect, LinearColor colour) { fillRoundedRect(rect, 0.0f, colour); }

void Canvas::fillRoundedRect(RectF rect, float radius, LinearColor colour) {
    fillShape(rect, colour, [&](float x, float y) { return roundedRectDistance({x, y}, rect, radius); });
}

void Canvas::strokeRoundedRect(RectF rect, float radius, float thickness, LinearColor colour) {
    const float half = thickness * 0.5f;
    const RectF bounds{rect.x - half, rect.y - half, rect.width + thickness, rect.height + thickness};
    fillShape(bounds, colour, [&](float x, float y) { return std::abs(roundedRectDistance({x, y}, rect, radius)) - half; });
}

void Canvas::fillCircle(Vec2 centre, float radius, LinearColor colour) {
    fillShape(circleBounds(centre, radius), colour,
              [&](float x, float y) { return length({x - centre.x, y - centre.y}) - radius; });
}

void Canvas::strokeCircle(Vec2 centre, float radius, float thickness, LinearColor colour) {
    fillShape(circleBounds(centre, radius + thickness), colour,
              [&](float x, float y) { return std::abs(length({x - centre.x, y - centre.y}) - radius) - thickness * 0.5f; });
}

void Canvas::strokeLine(Vec2 from, Vec2 to, float thickness, LinearColor colour) {
    const float half = thickness * 0.5f;
    const RectF bounds{std::min(from.x, to.x) - half, std::min(from.y, to.y) - half, std::abs(to.x - from.x) + thickness,
                       std::abs(to.y - from.y) + thickness};
    fillShape(bounds, colour, [&](float x, float y) { return distanceToSegment({x, y}, from, to) - half; });
}

void Canvas::strokeArc(Vec2 centre, float radius, float startAngle, float endAngle, float thickness, LinearColor colour) {
    const float half = thickness * 0.5f;
    const float middle = (startAngle + endAngle) * 0.5f, span = std::abs(endAngle - startAngle) * 0.5f;
    const Vec2 capA{centre.x + radius * std::cos(startAngle), centre.y + radius * std::sin(startAngle)};
    const Vec2 capB{centre.x + radius * std::cos(endAngle), centre.y + radius * std::sin(endAngle)};
    fillShape(circleBounds(centre, radius + thickness), colour, [&](float x, float y) {
        const float angle = std::atan2(y - centre.y, x - centre.x);
        float offset = std::remainder(angle - middle, 2.0f * std::numbers::pi_v<float>);
        if (std::abs(offset) <= span) return std::abs(length({x - centre.x, y - centre.y}) - radius) - half;
        return std::min(length({x - capA.x, y - capA.y}), length({x - capB.x, y - capB.y})) - half;
    });
}

void Canvas::fillConvexPolygon(std::span<const Vec2> vertices, LinearColor colour) {
    XRS_EXPECT(vertices.size() >= 3, "a polygon needs three vertices");
    float minX = vertices[0].x, maxX = minX, minY = vertices[0].y, maxY = minY;
    float signedArea = 0.0f;
    for (std::size_t i = 0; i < vertices.size(); ++i) {
        const Vec2 a = vertices[i], b = vertices[(i + 1) % vertices.size()];
        minX = std::min(minX, a.x), maxX = std::max(maxX, a.x), minY = std::min(minY, a.y), maxY = std::max(maxY, a.y);
        signedArea += a.x * b.y - b.x * a.y;
    }
    const float winding = signedArea >= 0.0f ? 1.0f : -1.0f;
    // Inside: the largest signed distance to the edge lines (exact inside, near enough outside
    // for the one-pixel anti-aliasing band).
    fillShape({minX, minY, maxX - minX, maxY - minY}, colour, [&](float x, float y) {
        float distance = -1e9f;
        for (std::size_t i = 0; i < vertices.size(); ++i) {
            const Vec2 a = vertices[i], b = vertices[(i + 1) % vertices.size()];
            const Vec2 edge{b.x - a.x, b.y - a.y};
            const float edgeLength = length(edge);
            if (edgeLength <= 0.0f) continue;
            // Outward normal for counter-clockwise (in y-down coordinates: positive area) order.
            const float nx = edge.y / edgeLength * winding, ny = -edge.x / edgeLength * winding;
            distance = std::max(distance, (x - a.x) * nx + (y - a.y) * ny);
        }
        return distance;
    });
}

void Canvas::drawCoverage(const GlyphBitmap& glyph, int x, int y, LinearColor colour) {
    for (int row = 0; row < glyph.height; ++row)
        for (int column = 0; column < glyph.width; ++column) {
            const std::uint8_t value = glyph.coverage[static_cast<std::size_t>(row * glyph.width + column)];
            if (value != 0) blend(x + column, y + row, colour, static_cast<float>(value) / 255.0f);
        }
}

void Canvas::drawImage(const ImageRGBA8& image, RectF dest) {
    const int x0 = static_cast<int>(std::lround(dest.x)), y0 = static_cast<int>(std::lround(dest.y));
    const int w = static_cast<int>(std::lround(dest.x + dest.width)) - x0;
    const int h = static_cast<int>(std::lround(dest.y + dest.height)) - y0;
    if (image.empty() || w <= 0 || h <= 0) return;
    ImageRGBA8 resized(w, h);
    // Alpha channel 3: stb premultiplies before filtering, so transparent texels do not bleed colour.
    const int ok = stbir_resize_uint8_srgb(image.pixels.data(), image.width, image.height, 0, resized.pixels.data(), w, h, 0,
                                           4, 3, 0);
    XRS_EXPECT(ok != 0, "stbir_resize_uint8_srgb failed");
    const auto& decode = srgbDecodeTable();
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const auto texel = resized.at(x, y);
            blend(x0 + x, y0 + y, {decode[texel[0]], decode[texel[1]], decode[texel[2]], static_cast<float>(texel[3]) / 255.0f}, 1.0f);
        }
}

ImageRGBA8 Canvas::toImage() const {
    ImageRGBA8 image(width_, height_);
    for (std::size_t i = 0; i < pixels_.size(); i += 4) {
        image.pixels[i] = encode(pixels_[i]);
        image.pixels[i + 1] = encode(pixels_[i + 1]);
        image.pixels[i + 2] = encode(pixels_[i + 2]);
        image.pixels[i + 3] = static_cast<std::uint8_t>(std::lround(std::clamp(pixels_[i + 3], 0.0f, 1.0f) * 255.0f));
    }
    return image;
}

} // namespace xrs::ui
