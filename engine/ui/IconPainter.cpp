#include "ui/IconPainter.h"

#include "core/Assert.h"
#include "core/Log.h"
#include "ui/Canvas.h"

#include <mutex>
#include <numbers>
#include <set>
#include <string>

namespace xrs::ui {

namespace {

// Shapes are designed on a unit square and scaled by the icon size.
struct UnitPainter {
    Canvas& canvas;
    float size;
    LinearColor ink = LinearColor::fromSrgb(0xFFFFFF);

    Vec2 at(float x, float y) const { return {x * size, y * size}; }
    float px(float unit) const { return unit * size; }
};

void paintInfo(UnitPainter& p) {
    p.canvas.fillCircle(p.at(0.5f, 0.30f), p.px(0.068f), p.ink);
    p.canvas.strokeLine(p.at(0.5f, 0.45f), p.at(0.5f, 0.72f), p.px(0.11f), p.ink);
}

// Two interlocked chain links on the diagonal: stadium outlines.
void paintLink(UnitPainter& p) {
    const float radius = p.px(0.085f), half = p.px(0.0275f);
    auto link = [&](Vec2 a, Vec2 b) {
        const RectF bounds{std::min(a.x, b.x) - radius - 2 * half, std::min(a.y, b.y) - radius - 2 * half,
                           std::abs(b.x - a.x) + 2 * (radius + 2 * half), std::abs(b.y - a.y) + 2 * (radius + 2 * half)};
        p.canvas.fillShape(bounds, p.ink, [&](float x, float y) { return std::abs(distanceToSegment({x, y}, a, b) - radius) - half; });
    };
    link(p.at(0.31f, 0.69f), p.at(0.46f, 0.54f));
    link(p.at(0.54f, 0.46f), p.at(0.69f, 0.31f));
}

// A speaker and two sound waves.
void paintAudio(UnitPainter& p) {
    const float dx = 0.03f;
    p.canvas.fillRect({p.px(0.25f + dx), p.px(0.42f), p.px(0.11f), p.px(0.16f)}, p.ink);
    const Vec2 cone[] = {p.at(0.35f + dx, 0.42f), p.at(0.50f + dx, 0.29f), p.at(0.50f + dx, 0.71f), p.at(0.35f + dx, 0.58f)};
    p.canvas.fillConvexPolygon(cone, p.ink);
    const float quarter = std::numbers::pi_v<float> / 4.0f;
    p.canvas.strokeArc(p.at(0.50f + dx, 0.5f), p.px(0.10f), -quarter, quarter, p.px(0.05f), p.ink);
    p.canvas.strokeArc(p.at(0.50f + dx, 0.5f), p.px(0.19f), -quarter, quarter, p.px(0.05f), p.ink);
}

// A switch in the "on" position: a track and its knob on the right.
void paintToggle(UnitPainter& p) {
    const Vec2 left = p.at(0.38f, 0.5f), right = p.at(0.62f, 0.5f);
    const float radius = p.px(0.13f);
    const RectF bounds{left.x - radius - 4, left.y - radius - 4, right.x - left.x + 2 * radius + 8, 2 * radius + 8};
    p.canvas.fillShape(bounds, {p.ink.r, p.ink.g, p.ink.b, 0.28f},
                       [&](float x, float y) { return distanceToSegment({x, y}, left, right) - radius; });
    p.canvas.fillShape(bounds, p.ink,
                       [&](float x, float y) { return std::abs(distanceToSegment({x, y}, left, right) - radius) - p.px(0.025f); });
    p.canvas.fillCircle(right, p.px(0.085f), p.ink);
}

// "Go there": an arrow pointing right.
void paintArrow(UnitPainter& p) {
    p.canvas.strokeLine(p.at(0.27f, 0.5f), p.at(0.60f, 0.5f), p.px(0.10f), p.ink);
    const Vec2 head[] = {p.at(0.54f, 0.31f), p.at(0.76f, 0.5f), p.at(0.54f, 0.69f)};
    p.canvas.fillConvexPolygon(head, p.ink);
}

// A globe: its outline, a meridian and the equator.
void paintGlobe(UnitPainter& p) {
    const Vec2 centre = p.at(0.5f, 0.5f);
    const float radius = p.px(0.24f), half = p.px(0.026f);
    const RectF bounds{centre.x - radius - 2 * half, centre.y - radius - 2 * half, 2 * (radius + 2 * half),
                       2 * (radius + 2 * half)};
    p.canvas.strokeCircle(centre, radius, 2 * half, p.ink);
    // The meridian: an ellipse a third as wide as it is tall (distance approximated in the
    // ellipse's scaled space, fine for a line this thin).
    const float rx = radius * 0.42f;
    p.canvas.fillShape(bounds, p.ink, [&](float x, float y) {
        const float dx = (x - centre.x) / rx, dy = (y - centre.y) / radius;
        return std::abs(std::sqrt(dx * dx + dy * dy) - 1.0f) * rx - half;
    });
    p.canvas.strokeLine({centre.x - radius, centre.y}, {centre.x + radius, centre.y}, 2 * half, p.ink);
}

void paintDisc(UnitPainter& p) {
    p.canvas.fillCircle(p.at(0.5f, 0.5f), p.px(0.47f), LinearColor::fromSrgb(0x101418, 0.72f));
    p.canvas.strokeCircle(p.at(0.5f, 0.5f), p.px(0.445f), p.px(0.035f), p.ink);
}

} // namespace

ImageRGBA8 paintLanguageIcon(int sizePx) {
    XRS_EXPECT(sizePx >= 16 && sizePx <= 2048, "icon size must be in 16..2048");
    Canvas canvas(sizePx, sizePx);
    UnitPainter p{canvas, static_cast<float>(sizePx)};
    paintDisc(p);
    paintGlobe(p);
    return canvas.toImage();
}

std::optional<BuiltInIcon> builtInIconByName(std::string_view name) {
    for (BuiltInIcon icon : kBuiltInIcons)
        if (builtInIconName(icon) == name) return icon;
    return std::nullopt;
}

std::string_view builtInIconName(BuiltInIcon icon) {
    switch (icon) {
    case BuiltInIcon::info: return "info";
    case BuiltInIcon::link: return "link";
    case BuiltInIcon::audio: return "audio";
    case BuiltInIcon::toggle: return "toggle";
    case BuiltInIcon::arrow: return "arrow";
    }
    return "info";
}

ImageRGBA8 paintIcon(BuiltInIcon icon, int sizePx) {
    XRS_EXPECT(sizePx >= 16 && sizePx <= 2048, "icon size must be in 16..2048");
    Canvas canvas(sizePx, sizePx);
    UnitPainter p{canvas, static_cast<float>(sizePx)};
    paintDisc(p);
    switch (icon) {
    case BuiltInIcon::info: paintInfo(p); break;
    case BuiltInIcon::link: paintLink(p); break;
    case BuiltInIcon::audio: paintAudio(p); break;
    case BuiltInIcon::toggle: paintToggle(p); break;
    case BuiltInIcon::arrow: paintArrow(p); break;
    }
    return canvas.toImage();
}

ImageRGBA8 paintIcon(std::string_view name, int sizePx) {
    if (auto icon = builtInIconByName(name)) return paintIcon(*icon, sizePx);
    // Once per name: a hotspot list repaints its icons, the log should not repeat itself.
    static std::mutex mutex;
    static std::set<std::string, std::less<>> reported;
    {
        std::lock_guard lock(mutex);
        if (reported.emplace(name).second)
            XRS_LOG_WARN("ui: unknown built-in icon '{}' (expected info, link, audio, toggle or arrow); showing 'info'", name);
    }
    return paintIcon(BuiltInIcon::info, sizePx);
}

} // namespace xrs::ui
