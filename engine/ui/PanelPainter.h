#pragma once
// Painting the world-space UI of an experience into textures: information panels (title, rich
// text, optional image), subtitle captions and hotspot labels. The renderer uploads each image
// and draws it on a quad of widthMetres x heightMetres facing the viewer.
//
// Output format (all painters): ImageRGBA8, row 0 at the top, PREMULTIPLIED alpha, RGB
// sRGB-encoded after premultiplying in linear light: upload as VK_FORMAT_R8G8B8A8_SRGB and blend
// with ONE, ONE_MINUS_SRC_ALPHA (see ui/Canvas.h).
//
// Pixel density: a panel targets 1250 px per metre, i.e. a 0.8 m panel is 1000 px wide. At the
// ~1.2 m a visitor reads it from that is ~27 px per degree, about what current headsets resolve
// (Quest 3 ~25 px/deg), so the texture is not the limit and 34 px body text has a ~1.3° em,
// above the ~1° comfortable-reading minimum. Captions (read at ~2 m) and labels use 800 and
// 1000 px/m for the same angular density at their distance.
#include "core/Image.h"
#include "core/Result.h"
#include "ui/Canvas.h"
#include "ui/Font.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace xrs::ui {

struct PaintedTexture {
    ImageRGBA8 image;          // premultiplied alpha, sRGB (see above)
    float widthMetres = 0.0f;  // quad size that shows the image at the style's density
    float heightMetres = 0.0f;
};

// ---- Panel images ---------------------------------------------------------------------------

// A panel's optional image: decoded pixels, or a description of why there are none (the panel
// then shows a placeholder box with a cross, the name and the problem).
struct PanelImage {
    std::optional<ImageRGBA8> pixels; // straight alpha, sRGB (as decoded from PNG/JPEG)
    std::string name;                 // the path as the experience writes it
    std::string problem;              // e.g. "file not found"; shown on the placeholder
};

inline constexpr int kMaxPanelImageDimension = 8192;

// PNG or JPEG through stb_image, RGBA8 straight alpha. Errors start with the file:
// "<file>: file not found", "<file>: not a PNG or JPEG image (<stb reason>)",
// "<file>: image too large (WxH, at most 8192 per side)".
Result<ImageRGBA8> loadPanelImage(const std::filesystem::path& file);

// loadPanelImage; a failure is logged once as a warning and becomes the placeholder description
// (problem = the error without the file prefix). Never fails.
PanelImage panelImageFromFile(const std::filesystem::path& file, std::string displayName);

// ---- Panels ---------------------------------------------------------------------------------

enum class ImagePlacement { aboveText, belowText };

struct PanelStyle {
    float widthMetres = 0.8f;
    float pixelsPerMetre = 1250.0f;
    float titleSize = 52.0f; // em, pixels
    float bodySize = 34.0f;
    float titleLineSpacing = 1.25f; // of the size
    float bodyLineSpacing = 1.5f;   // generous for CJK
    float paragraphGap = 0.6f;      // of the body size
    float margin = 56.0f;           // pixels, all sides
    float cornerRadius = 28.0f;
    int maxHeight = 2400;           // pixels; longer text is cut with '…'
    ImagePlacement imagePlacement = ImagePlacement::aboveText;
    LinearColor background = LinearColor::fromSrgb(0x1B1F24, 0.94f);
    LinearColor border = LinearColor::fromSrgb(0xFFFFFF, 0.14f);
    LinearColor titleColour = LinearColor::fromSrgb(0xE9C77B);
    LinearColor bodyColour = LinearColor::fromSrgb(0xEDEBE6);
    LinearColor placeholderColour = LinearColor::fromSrgb(0x2B3038);
    LinearColor placeholderInk = LinearColor::fromSrgb(0x9AA1AB);
};

// A card: title, a rule, the image (fit to the text width, at most 0.6 x as tall as wide; a
// missing one as a placeholder) and the rich text (docs/experience-format.md). Height follows
// the content up to style.maxHeight. Width = widthMetres * pixelsPerMetre (256..4096 px).
PaintedTexture paintPanel(Font& font, std::string_view title, std::string_view richText,
                          const std::optional<PanelImage>& image, const PanelStyle& style = {});

// ---- Captions and labels --------------------------------------------------------------------

struct CaptionStyle {
    float pixelsPerMetre = 800.0f;
    float maxWidth = 1280.0f; // pixels, bar included
    float textSize = 40.0f;
    float lineSpacing = 1.35f;
    int maxLines = 3;         // longer cues are cut with '…'
    float paddingX = 36.0f, paddingY = 18.0f;
    float cornerRadius = 22.0f;
    LinearColor bar = LinearColor::fromSrgb(0x000000, 0.62f);
    LinearColor text = LinearColor::fromSrgb(0xFFFFFF);
};

// A subtitle: plain text (a '\n' breaks the line), centred, on a dark translucent rounded bar
// as wide as the longest line. Empty text gives a 1x1 transparent image.
PaintedTexture paintCaption(Font& font, std::string_view text, const CaptionStyle& style = {});

struct LabelStyle {
    float pixelsPerMetre = 1000.0f;
    float maxWidth = 720.0f; // pixels; longer labels are cut with '…'
    float textSize = 36.0f;
    float paddingX = 28.0f, paddingY = 12.0f;
    LinearColor pill = LinearColor::fromSrgb(0x15181C, 0.78f);
    LinearColor outline = LinearColor::fromSrgb(0xFFFFFF, 0.35f);
    LinearColor text = LinearColor::fromSrgb(0xFFFFFF);
};

// A hotspot label: one line (newlines read as spaces) on a pill.
PaintedTexture paintLabel(Font& font, std::string_view text, const LabelStyle& style = {});

} // namespace xrs::ui
