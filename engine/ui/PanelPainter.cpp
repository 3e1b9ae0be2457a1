#include "ui/PanelPainter.h"

#include "core/Log.h"

#include <stb_image.h> // implementation in Debian's libstb

#include <algorithm>
#include <cmath>
#include <memory>
#include <system_error>

namespace xrs::ui {

namespace {

// A text block laid out with a font at one size.
struct FontText {
    TextBlock block;
    float size = 0.0f;
};

FontText layoutWithFont(const Font& font, const std::vector<StyledText>& paragraphs, float size, float lineSpacing,
                        float maxWidth, TextAlign align, int maxLines, float paragraphGap = 0.0f) {
    const VerticalMetrics metrics = font.verticalMetrics(size);
    BlockLayout layout;
    layout.maxWidth = maxWidth;
    layout.lineHeight = size * lineSpacing;
    // Centre the font's ascent..descent box in the line box.
    layout.baselineOffset = (layout.lineHeight - (metrics.ascent + metrics.descent)) * 0.5f + metrics.ascent;
    layout.paragraphGap = paragraphGap;
    layout.align = align;
    layout.maxLines = maxLines;
    return {layoutText(paragraphs, FontMeasure(font, size), layout), size};
}

void drawText(Canvas& canvas, Font& font, const FontText& text, Vec2 origin, LinearColor colour) {
    for (const PlacedGlyph& placed : text.block.glyphs) {
        const GlyphBitmap& glyph = font.glyph(placed.c, text.size, placed.style);
        const int x = static_cast<int>(std::lround(origin.x + placed.x)) + glyph.left;
        const int y = static_cast<int>(std::lround(origin.y + placed.baseline)) + glyph.top;
        canvas.drawCoverage(glyph, x, y, colour);
    }
}

int toPixels(float value) { return std::max(1, static_cast<int>(std::ceil(value))); }

PaintedTexture finish(const Canvas& canvas, float pixelsPerMetre) {
    return {canvas.toImage(), static_cast<float>(canvas.width()) / pixelsPerMetre,
            static_cast<float>(canvas.height()) / pixelsPerMetre};
}

// The placeholder of a missing panel image: a box with a cross, the name and the problem on a
// plate in the middle, so the gap is visible and explains itself.
void drawPlaceholder(Canvas& canvas, Font& font, const PanelImage& image, RectF box, const PanelStyle& style) {
    canvas.fillRoundedRect(box, 10.0f, style.placeholderColour);
    canvas.strokeRoundedRect(box, 10.0f, 3.0f, style.placeholderInk);
    canvas.strokeLine({box.x + 6, box.y + 6}, {box.x + box.width - 6, box.y + box.height - 6}, 3.0f, style.placeholderInk);
    canvas.strokeLine({box.x + box.width - 6, box.y + 6}, {box.x + 6, box.y + box.height - 6}, 3.0f, style.placeholderInk);

    const float nameSize = std::round(style.bodySize * 0.8f), problemSize = std::round(style.bodySize * 0.65f);
    const float plateWidth = box.width * 0.8f, padding = 16.0f;
    const std::string name = image.name.empty() ? std::string("image") : image.name;
    const FontText nameText = layoutWithFont(font, {plainText(name)}, nameSize, 1.3f, plateWidth - 2 * padding, TextAlign::centre, 1);
    const std::string problem = image.problem.empty() ? std::string("image missing") : image.problem;
    const FontText problemText =
        layoutWithFont(font, {plainText(problem)}, problemSize, 1.3f, plateWidth - 2 * padding, TextAlign::centre, 2);
    const float plateHeight = nameText.block.height + problemText.block.height + 2 * padding;
    const RectF plate{box.x + (box.width - plateWidth) * 0.5f, box.y + (box.height - plateHeight) * 0.5f, plateWidth, plateHeight};
    canvas.fillRoundedRect(plate, 8.0f, style.placeholderColour);
    canvas.strokeRoundedRect(plate, 8.0f, 2.0f, style.placeholderInk);
    drawText(canvas, font, nameText, {plate.x + padding, plate.y + padding}, style.bodyColour);
    drawText(canvas, font, problemText, {plate.x + padding, plate.y + padding + nameText.block.height}, style.placeholderInk);
}

} // namespace

// ---- Panel images ---------------------------------------------------------------------------

Result<ImageRGBA8> loadPanelImage(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return fail(file.string(), ": file not found");
    const std::string path = file.string();
    int width = 0, height = 0, channels = 0;
    if (stbi_info(path.c_str(), &width, &height, &channels) == 0)
        return fail(path, ": not a PNG or JPEG image (", stbi_failure_reason(), ")");
    if (width > kMaxPanelImageDimension || height > kMaxPanelImageDimension)
        return fail(path, ": image too large (", std::to_string(width), "x", std::to_string(height), ", at most ",
                    std::to_string(kMaxPanelImageDimension), " per side)");
    std::unique_ptr<stbi_uc, void (*)(void*)> decoded(stbi_load(path.c_str(), &width, &height, &channels, STBI_rgb_alpha),
                                                      stbi_image_free);
    if (!decoded) return fail(path, ": not a PNG or JPEG image (", stbi_failure_reason(), ")");
    ImageRGBA8 image(width, height);
    std::copy_n(decoded.get(), image.byteSize(), image.pixels.begin());
    return image;
}

PanelImage panelImageFromFile(const std::filesystem::path& file, std::string displayName) {
    PanelImage image;
    image.name = std::move(displayName);
    auto loaded = loadPanelImage(file);
    if (loaded) {
        image.pixels = std::move(loaded).value();
        return image;
    }
    const std::string& message = loaded.error().message;
    const std::string prefix = file.string() + ": ";
    image.problem = message.starts_with(prefix) ? message.substr(prefix.size()) : message;
    XRS_LOG_WARN("{} (the panel shows a placeholder)", message);
    return image;
}

// ---- Panels ---------------------------------------------------------------------------------

PaintedTexture paintPanel(Font& font, std::string_view title, std::string_view richText,
                          const std::optional<PanelImage>& image, const PanelStyle& style) {
    const int width = std::clamp(static_cast<int>(std::lround(style.widthMetres * style.pixelsPerMetre)), 256, 4096);
    const float margin = style.margin;
    const float contentWidth = static_cast<float>(width) - 2 * margin;

    const FontText titleText = layoutWithFont(font, {plainText(title)}, style.titleSize, style.titleLineSpacing,
                                              contentWidth, TextAlign::left, 3);
    const float ruleGap = std::round(style.bodySize * 0.5f);
    const float titleBottom = margin + titleText.block.height + ruleGap; // the rule sits here
    const float afterRule = titleBottom + ruleGap;

    // The image slot: fit to the content width, at most 0.6 x as tall as wide.
    RectF imageRect{};
    bool hasImageSlot = false;
    if (image) {
        hasImageSlot = true;
        const float maxHeight = std::round(contentWidth * 0.6f);
        if (image->pixels && !image->pixels->empty()) {
            const float aspect = static_cast<float>(image->pixels->height) / static_cast<float>(image->pixels->width);
            float w = contentWidth, h = std::round(contentWidth * aspect);
            if (h > maxHeight) {
                h = maxHeight;
                w = std::round(h / aspect);
            }
            imageRect = {margin + std::round((contentWidth - w) * 0.5f), 0.0f, w, h};
        } else {
            imageRect = {margin, 0.0f, contentWidth, std::round(contentWidth * 0.45f)};
        }
    }
    const float imageGap = hasImageSlot ? std::round(style.bodySize * 0.8f) : 0.0f;
    const float imageBlock = hasImageSlot ? imageRect.height + imageGap : 0.0f;

    // Body text, cut to what fits under maxHeight.
    const auto paragraphs = parseRichText(richText);
    const float available = static_cast<float>(style.maxHeight) - afterRule - imageBlock - margin;
    const float lineHeight = style.bodySize * style.bodyLineSpacing;
    int maxLines = 0;
    FontText body = layoutWithFont(font, paragraphs, style.bodySize, style.bodyLineSpacing, contentWidth, TextAlign::left,
                                   maxLines, style.paragraphGap * style.bodySize);
    if (body.block.height > available) {
        maxLines = std::max(1, static_cast<int>(available / lineHeight));
        do {
            body = layoutWithFont(font, paragraphs, style.bodySize, style.bodyLineSpacing, contentWidth, TextAlign::left,
                                  maxLines, style.paragraphGap * style.bodySize);
        } while (body.block.height > available && --maxLines > 0);
    }

    const float bodyTop = style.imagePlacement == ImagePlacement::aboveText ? afterRule + imageBlock : afterRule;
    if (hasImageSlot)
        imageRect.y = style.imagePlacement == ImagePlacement::aboveText ? afterRule : bodyTop + body.block.height + imageGap;
    const float contentBottom = style.imagePlacement == ImagePlacement::aboveText || !hasImageSlot
                                    ? bodyTop + body.block.height
                                    : imageRect.y + imageRect.height;
    const int height = std::min(style.maxHeight, toPixels(contentBottom + margin));

    Canvas canvas(width, height);
    const RectF card{0.0f, 0.0f, static_cast<float>(width), static_cast<float>(height)};
    canvas.fillRoundedRect(card, style.cornerRadius, style.background);
    canvas.strokeRoundedRect({1.0f, 1.0f, card.width - 2.0f, card.height - 2.0f}, style.cornerRadius - 1.0f, 2.0f, style.border);
    drawText(canvas, font, titleText, {margin, margin}, style.titleColour);
    canvas.fillRect({margin, titleBottom - 1.5f, contentWidth, 3.0f},
                    {style.titleColour.r, style.titleColour.g, style.titleColour.b, 0.55f});
    if (hasImageSlot) {
        if (image->pixels && !image->pixels->empty())
            canvas.drawImage(*image->pixels, imageRect);
        else
            drawPlaceholder(canvas, font, *image, imageRect, style);
    }
    drawText(canvas, font, body, {margin, bodyTop}, style.bodyColour);
    return finish(canvas, style.pixelsPerMetre);
}

// ---- Captions and labels --------------------------------------------------------------------

PaintedTexture paintCaption(Font& font, std::string_view text, const CaptionStyle& style) {
    const float textWidth = style.maxWidth - 2 * style.paddingX;
    const FontText caption = layoutWithFont(font, {plainText(text)}, style.textSize, style.lineSpacing, textWidth,
                                            TextAlign::centre, style.maxLines);
    if (caption.block.glyphs.empty()) return {ImageRGBA8(1, 1), 1.0f / style.pixelsPerMetre, 1.0f / style.pixelsPerMetre};
    const float barWidth = std::ceil(caption.block.widestLine) + 2 * style.paddingX;
    const float barHeight = std::ceil(caption.block.height) + 2 * style.paddingY;
    Canvas canvas(toPixels(barWidth), toPixels(barHeight));
    canvas.fillRoundedRect({0.0f, 0.0f, barWidth, barHeight}, style.cornerRadius, style.bar);
    // Lines are centred in textWidth; shift so they are centred in the bar.
    const float shift = (textWidth - std::ceil(caption.block.widestLine)) * 0.5f;
    drawText(canvas, font, caption, {style.paddingX - shift, style.paddingY}, style.text);
    return finish(canvas, style.pixelsPerMetre);
}

PaintedTexture paintLabel(Font& font, std::string_view text, const LabelStyle& style) {
    StyledText line = plainText(text);
    std::replace(line.chars.begin(), line.chars.end(), U'\n', U' ');
    const float textWidth = style.maxWidth - 2 * style.paddingX;
    const FontText label = layoutWithFont(font, {line}, style.textSize, 1.3f, textWidth, TextAlign::left, 1);
    const float pillHeight = std::ceil(label.block.height) + 2 * style.paddingY;
    const float pillWidth = std::max(pillHeight, std::ceil(label.block.widestLine) + 2 * style.paddingX);
    Canvas canvas(toPixels(pillWidth), toPixels(pillHeight));
    const RectF pill{0.0f, 0.0f, pillWidth, pillHeight};
    canvas.fillRoundedRect(pill, pillHeight * 0.5f, style.pill);
    canvas.strokeRoundedRect({1.0f, 1.0f, pillWidth - 2.0f, pillHeight - 2.0f}, pillHeight * 0.5f - 1.0f, 2.0f, style.outline);
    const float x = (pillWidth - std::ceil(label.block.widestLine)) * 0.5f;
    drawText(canvas, font, label, {x, style.paddingY}, style.text);
    return finish(canvas, style.pixelsPerMetre);
}

} // namespace xrs::ui
