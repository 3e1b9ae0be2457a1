#pragma once
// A CPU drawing surface for UI textures. Compositing happens in LINEAR light with PREMULTIPLIED
// alpha (float per channel), so anti-aliased edges, glyph coverage and translucent layers blend
// the way the GPU will blend them. toImage() encodes the result for upload as
// VK_FORMAT_R8G8B8A8_SRGB with PREMULTIPLIED alpha: RGB bytes = sRGB(linear colour * alpha),
// A byte = alpha. Draw the quad with blend ONE, ONE_MINUS_SRC_ALPHA; the sRGB sampler decodes
// RGB back to linear premultiplied values, so bilinear filtering and mipmaps show no dark fringes.
//
// Shapes are anti-aliased analytically: coverage = clamp(0.5 - signed distance in pixels, 0, 1),
// evaluated at pixel centres.
#include "core/Image.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace xrs::ui {

struct GlyphBitmap;

// A straight-alpha colour with linear RGB.
struct LinearColor {
    float r = 0.0f, g = 0.0f, b = 0.0f, a = 1.0f;
    // From an sRGB 0xRRGGBB value (as designers write colours) and an alpha.
    static LinearColor fromSrgb(std::uint32_t rgb, float alpha = 1.0f);
};

struct Vec2 {
    float x = 0.0f, y = 0.0f;
};

struct RectF {
    float x = 0.0f, y = 0.0f, width = 0.0f, height = 0.0f;
};

class Canvas {
public:
    Canvas(int width, int height); // fully transparent

    int width() const { return width_; }
    int height() const { return height_; }

    // Source-over of colour at (x, y) with coverage in [0, 1]; outside pixels are ignored.
    void blend(int x, int y, LinearColor colour, float coverage);

    // Fills the pixels of bounds (clipped to the canvas) whose signed distance sdf(px, py)
    // (pixel centre, negative inside) is below 0.5, with analytic anti-aliasing.
    template <class SignedDistance>
    void fillShape(RectF bounds, LinearColor colour, SignedDistance&& sdf) {
        const int x0 = std::max(0, static_cast<int>(std::floor(bounds.x)) - 1);
        const int y0 = std::max(0, static_cast<int>(std::floor(bounds.y)) - 1);
        const int x1 = std::min(width_, static_cast<int>(std::ceil(bounds.x + bounds.width)) + 1);
        const int y1 = std::min(height_, static_cast<int>(std::ceil(bounds.y + bounds.height)) + 1);
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) {
                const float distance = sdf(static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f);
                const float coverage = std::clamp(0.5f - distance, 0.0f, 1.0f);
                if (coverage > 0.0f) blend(x, y, colour, coverage);
            }
    }

    void fillRect(RectF rect, LinearColor colour);
    void fillRoundedRect(RectF rect, float radius, LinearColor colour);
    void strokeRoundedRect(RectF rect, float radius, float thickness, LinearColor colour); // centred on the edge
    void fillCircle(Vec2 centre, float radius, LinearColor colour);
    void strokeCircle(Vec2 centre, float radius, float thickness, LinearColor colour);
    void strokeLine(Vec2 from, Vec2 to, float thickness, LinearColor colour); // round caps
    // An arc of a circle from startAngle to endAngle (radians, 0 = +x, clockwise on screen since
    // y points down), round caps.
    void strokeArc(Vec2 centre, float radius, float startAngle, float endAngle, float thickness, LinearColor colour);
    // Vertices in either winding order.
    void fillConvexPolygon(std::span<const Vec2> vertices, LinearColor colour);

    // Glyph coverage with its top-left corner at (x, y).
    void drawCoverage(const GlyphBitmap& glyph, int x, int y, LinearColor colour);
    // A straight-alpha sRGB image (as PNG/JPEG decode to) resampled (sRGB-correct, alpha-aware)
    // into dest, whose corners are rounded to whole pixels.
    void drawImage(const ImageRGBA8& image, RectF dest);

    ImageRGBA8 toImage() const; // premultiplied, sRGB-encoded (see the top of this file)

private:
    int width_ = 0;
    int height_ = 0;
    std::vector<float> pixels_; // linear premultiplied RGBA
};

// Signed distances (negative inside), exposed for the icon shapes.
float distanceToSegment(Vec2 p, Vec2 a, Vec2 b);
float roundedRectDistance(Vec2 p, RectF rect, float radius);

} // namespace xrs::ui
