// Panels, captions, labels and icons painted on the CPU and compared with goldens
// (tests/golden/ui_*.png; XRS_UPDATE_GOLDENS=1 rewrites them). CPU painting is deterministic, so
// these goldens do not depend on the GPU.
#include "RequireCjkFont.h"
#include "ui/CjkFont.h"
#include "ui/Font.h"
#include "ui/IconPainter.h"
#include "ui/PanelPainter.h"

#include "ImageCompare.h"
#include "ScratchDirectory.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

using namespace xrs;
using namespace xrs::ui;

namespace {

void requireGolden(const ImageRGBA8& image, const std::string& name) {
    const auto result = test::checkGolden(image, name);
    INFO(result.summary);
    CHECK(result.pass);
}

// A 480x300 stand-in photo: a warm gradient with a dark disc (straight alpha, sRGB).
ImageRGBA8 syntheticPhoto() {
    ImageRGBA8 image(480, 300);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const float dx = static_cast<float>(x - 240), dy = static_cast<float>(y - 160);
            const bool disc = dx * dx + dy * dy < 90.0f * 90.0f;
            const auto r = static_cast<std::uint8_t>(disc ? 70 : 120 + x / 4);
            const auto g = static_cast<std::uint8_t>(disc ? 60 : 90 + y / 4);
            const auto b = static_cast<std::uint8_t>(disc ? 40 : 60);
            image.setPixel(x, y, {r, g, b, 255});
        }
    return image;
}

const char* kBronzeDingText =
    "这件青铜鼎铸造于**商代晚期**，是祭祀时盛放肉食的礼器。鼎身饰有饕餮纹（兽面纹），三足稳立，"
    "重达八十余公斤。\n\n"
    "This bronze *ding* was cast in the **late Shang dynasty** (c. 1300–1046 BC) and held meat "
    "offerings in ancestral rites.";

} // namespace

TEST_CASE("a panel with mixed Chinese and English text matches its golden") {
    Font font = test::requireCjkFont();
    PanelImage photo;
    photo.name = "images/ding.jpg";
    photo.pixels = syntheticPhoto();
    const PaintedTexture panel = paintPanel(font, "青铜鼎 Bronze Ding", kBronzeDingText, photo);
    CHECK(panel.image.width == 1000);
    CHECK(panel.widthMetres == Approx(0.8f));
    CHECK(panel.heightMetres == Approx(static_cast<float>(panel.image.height) / 1250.0f));
    // Card corners are transparent (rounded), the inside is the opaque-ish card colour.
    CHECK(panel.image.pixel(0, 0).a == 0);
    CHECK(panel.image.pixel(500, 8).a == 240);
    requireGolden(panel.image, "ui_panel_mixed_zh_en");
}

TEST_CASE("a missing panel image becomes a placeholder naming the file, and the panel still paints") {
    Font font = test::requireCjkFont();
    test::ScratchDirectory scratch("ui-panel");
    const auto file = scratch.path() / "images" / "vase_detail.jpg";
    const PanelImage missing = panelImageFromFile(file, "images/vase_detail.jpg");
    CHECK_FALSE(missing.pixels.has_value());
    CHECK(missing.name == "images/vase_detail.jpg");
    CHECK(missing.problem == "file not found");

    const PaintedTexture panel = paintPanel(font, "青瓷瓶 Celadon vase",
                                            "这件青瓷瓶烧制于**南宋**。\n\nAn earthquake broke it into *seventeen* pieces.", missing);
    CHECK(panel.image.width == 1000);
    requireGolden(panel.image, "ui_panel_missing_image");
}

TEST_CASE("panel images that cannot be decoded are errors naming the file") {
    test::ScratchDirectory scratch("ui-image");
    const auto bad = scratch.path() / "broken.png";
    { std::ofstream(bad, std::ios::binary) << "\x89PNG\r\n\x1a\n but then nothing"; }
    auto result = loadPanelImage(bad);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.starts_with(bad.string() + ": not a PNG or JPEG image ("));
    const PanelImage placeholder = panelImageFromFile(bad, "broken.png");
    CHECK(placeholder.problem.starts_with("not a PNG or JPEG image ("));

    const auto good = scratch.path() / "photo.png";
    REQUIRE(writePng(syntheticPhoto(), good).ok());
    auto loaded = loadPanelImage(good);
    REQUIRE(loaded.ok());
    CHECK(*loaded == syntheticPhoto());
}

TEST_CASE("long panel text is cut at the maximum height with an ellipsis") {
    Font font = test::requireCjkFont();
    std::string text;
    for (int i = 0; i < 40; ++i) text += "青铜器是中国古代文明的重要见证。Bronzes witness an ancient civilisation. ";
    PanelStyle style;
    style.maxHeight = 900;
    const PaintedTexture panel = paintPanel(font, "Long", text, std::nullopt, style);
    CHECK(panel.image.height <= 900);
    CHECK(panel.image.height > 800);
}

TEST_CASE("a caption is a centred translucent bar that fits its text") {
    Font font = test::requireCjkFont();
    const PaintedTexture caption =
        paintCaption(font, "欢迎来到青铜器展厅。Welcome to the bronze gallery: please follow the guide to the next room.");
    CHECK(caption.image.width <= 1280);
    CHECK(caption.widthMetres == Approx(static_cast<float>(caption.image.width) / 800.0f));
    // The bar is 62 % black: alpha 158 of 255, RGB 0 (premultiplied black).
    const Rgba8 bar = caption.image.pixel(caption.image.width / 2, 4);
    CHECK(bar == Rgba8{0, 0, 0, 158});
    requireGolden(caption.image, "ui_caption");

    const PaintedTexture empty = paintCaption(font, "");
    CHECK(empty.image.width == 1);
    CHECK(empty.image.pixel(0, 0) == Rgba8{});
}

TEST_CASE("hotspot labels are single-line pills, cut with an ellipsis when too long") {
    Font font = test::requireCjkFont();
    const PaintedTexture label = paintLabel(font, "青铜鼎 Bronze Ding");
    requireGolden(label.image, "ui_label");
    const PaintedTexture longLabel = paintLabel(font, std::string(200, 'W'));
    CHECK(longLabel.image.width <= 720);
    CHECK(longLabel.image.height == label.image.height);
}

TEST_CASE("without a font file the painters still work with the fallback") {
    Font font = Font::fallback();
    const PaintedTexture label = paintLabel(font, "Ding 鼎");
    requireGolden(label.image, "ui_label_fallback_font");
    const PaintedTexture panel = paintPanel(font, "青铜鼎 Bronze Ding", kBronzeDingText, std::nullopt);
    CHECK(panel.image.width == 1000);
    CHECK(panel.image.height > 300);
}

TEST_CASE("the five built-in icons match their golden, unknown names show info") {
    std::vector<ImageRGBA8> icons;
    for (BuiltInIcon icon : kBuiltInIcons) {
        icons.push_back(paintIcon(icon));
        CHECK(icons.back().width == 128);
        CHECK(icons.back().pixel(0, 0) == Rgba8{}); // transparent outside the disc
        CHECK(paintIcon(builtInIconName(icon)) == icons.back());
    }
    ImageRGBA8 row = icons[0];
    for (std::size_t i = 1; i < icons.size(); ++i) row = concatHorizontal(row, icons[i]);
    requireGolden(row, "ui_icons_row");

    CHECK(paintIcon("images/hall_icon.png") == icons[0]);
    CHECK(paintIcon("Info") == icons[0]);
    CHECK(builtInIconByName("toggle") == BuiltInIcon::toggle);
    CHECK_FALSE(builtInIconByName("images/hall_icon.png").has_value());
}
