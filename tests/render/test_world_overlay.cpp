// World overlay (hotspot icons, panels, the dwell ring, fade and vignette) drawn in the scene's
// pass, headless on lavapipe: a golden image plus exact checks of what each element does.
#include "GpuTest.h"
#include "ImageCompare.h"

#include "render/Lighting.h"
#include "render/SceneRenderer.h"
#include "render/WorldOverlay.h"
#include "xr/HeadlessDisplay.h"

#include <catch2/catch.hpp>

#include <cmath>

#include <glm/gtc/constants.hpp>

using namespace xrs;

namespace {

// sRGB-encoded colour c with alpha a as the overlay's textures hold it: premultiplied in linear
// light, then encoded (see ui/Canvas.h).
std::uint8_t premultipliedSrgb(std::uint8_t c, std::uint8_t a) {
    const float s = c / 255.0f;
    const float linear = s <= 0.04045f ? s / 12.92f : std::pow((s + 0.055f) / 1.055f, 2.4f);
    const float l = linear * (a / 255.0f);
    const float encoded = l <= 0.0031308f ? l * 12.92f : 1.055f * std::pow(l, 1.0f / 2.4f) - 0.055f;
    return static_cast<std::uint8_t>(std::lround(encoded * 255.0f));
}

// 64x32: left half opaque orange, right half half-transparent blue; a white 2-pixel border.
// Premultiplied alpha, like everything ui's painters make.
ImageRGBA8 testCard() {
    ImageRGBA8 image;
    image.width = 64;
    image.height = 32;
    image.pixels.resize(64 * 32 * 4);
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 64; ++x) {
            std::uint8_t* p = &image.pixels[static_cast<std::size_t>((y * 64 + x) * 4)];
            const bool border = x < 2 || y < 2 || x >= 62 || y >= 30;
            if (border) { p[0] = p[1] = p[2] = p[3] = 255; }
            else if (x < 32) { p[0] = 255; p[1] = 128; p[2] = 0; p[3] = 255; }
            else { p[0] = 0; p[1] = premultipliedSrgb(64, 128); p[2] = premultipliedSrgb(255, 128); p[3] = 128; }
        }
    return image;
}

struct OverlayScene {
    bool quads = true;
    float fade = 0.0f;
    float vignette = 0.0f;
};

struct Frame {
    ImageRGBA8 left;
    ImageRGBA8 both;
};

Frame renderOverlay(gpu::Context& context, const OverlayScene& spec) {
    auto renderer = render::SceneRenderer::create(context, {});
    REQUIRE(renderer.ok());
    auto overlay = render::WorldOverlay::create(context, **renderer);
    REQUIRE(overlay.ok());
    auto display = xr::HeadlessDisplay::create(context, {160, 120});
    REQUIRE(display.ok());
    const render::OverlayTextureId card = (*overlay)->createTexture();
    (*overlay)->setTexture(card, testCard());

    xr::Tracking tracking;
    const Fov fov = symmetricFov(glm::radians(80.0f), 160.0f / 120.0f);
    Pose head;
    head.position = glm::vec3(0.0f, 1.6f, 0.0f);
    tracking.views.eyes = stereoEyes(head, 0.063f, fov, fov);
    render::Lighting lighting; // the default sky behind everything

    Frame result;
    {
        gpu::FrameRing frames(context);
        // Two frames: the second draws with textures uploaded by the first (prepare path).
        for (int index = 0; index < 2; ++index) {
            gpu::FrameContext& frame = frames.begin();
            render::WorldOverlay& o = **overlay;
            o.beginFrame();
            if (spec.quads) {
                // The card 2 m ahead, 1 m wide; a ring to its right; a nearer card overlapping
                // the ring's left side (drawn later: it is nearer).
                o.addQuad(render::billboard({0.0f, 1.6f, -2.0f}, {0.0f, 1.6f, 0.0f}, 1.0f, 0.5f));
                render::WorldQuad ring = render::billboard({1.0f, 1.6f, -2.0f}, {0.0f, 1.6f, 0.0f}, 0.5f, 1.0f);
                ring.style = render::QuadStyle::DwellRing;
                ring.progress = 0.25f;
                ring.tint = glm::vec4(1.0f, 1.0f, 1.0f, 1.0f);
                o.addQuad(ring);
                render::WorldQuad near = render::billboard({0.55f, 1.35f, -1.5f}, {0.0f, 1.6f, 0.0f}, 0.3f, 0.5f);
                near.texture = card;
                near.tint = glm::vec4(0.5f, 1.0f, 0.5f, 1.0f);
                o.addQuad(near);
            }
            o.setScreenEffects(spec.fade, spec.vignette);
            o.prepare(frame, frames);
            if (index == 1) display->requestScreenshot();
            const xr::DisplayFrame shown = display->beginFrame(frame, frames, tracking);
            (*renderer)->record(frame, frames, nullptr, shown.tracking.views, lighting, shown.output,
                                nullptr, &o);
            display->endFrame(frame, frames);
        }
        auto shot = display->collectScreenshot(frames);
        REQUIRE(shot.has_value());
        result.both = *shot;
        result.left = display->capturedEye(0);
        frames.drain();
    }
    return result;
}

glm::ivec4 pixel(const ImageRGBA8& image, int x, int y) {
    const std::uint8_t* p = &image.pixels[static_cast<std::size_t>((y * image.width + x) * 4)];
    return {p[0], p[1], p[2], p[3]};
}

} // namespace

TEST_CASE("world overlay: textured quads, dwell ring, back-to-front order", "[render][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    const Frame frame = renderOverlay(context, {});
    const ImageRGBA8& left = frame.left;
    // The card's opaque orange half sits left of the view centre, 2 m ahead: its texels come
    // through unchanged (sRGB texture -> linear -> sRGB target).
    const glm::ivec4 orange = pixel(left, 70, 60);
    CHECK(std::abs(orange.r - 255) <= 2);
    CHECK(std::abs(orange.g - 128) <= 3);
    CHECK(orange.b <= 2);
    // The blue half is half transparent: blue over the pale sky, bluer than the sky alone
    // (pixel 88,40 above the card) and not opaque blue.
    const glm::ivec4 blue = pixel(left, 88, 60), sky = pixel(left, 88, 40);
    CHECK(blue.b - blue.r >= sky.b - sky.r + 40);
    CHECK(blue.r >= 60);
    if (test::isGoldenDevice(context)) {
        const auto result = test::checkGolden(frame.both, "world_overlay_stereo");
        INFO(result.summary);
        REQUIRE(result.pass);
    }
    test::requireValidationClean(context);
}

TEST_CASE("world overlay: fade to black and the comfort vignette", "[render]") {
    XRS_GPU_TEST_CONTEXT(context);
    const Frame clear = renderOverlay(context, {.quads = false});
    const Frame black = renderOverlay(context, {.quads = false, .fade = 1.0f});
    const Frame vignette = renderOverlay(context, {.quads = false, .vignette = 1.0f});
    // Full fade: every pixel black.
    int lit = 0;
    for (std::size_t i = 0; i < black.left.pixels.size(); i += 4)
        lit += black.left.pixels[i] + black.left.pixels[i + 1] + black.left.pixels[i + 2] > 0 ? 1 : 0;
    CHECK(lit == 0);
    // Vignette: the centre keeps the sky, the corners go dark.
    const glm::ivec4 centreClear = pixel(clear.left, 80, 60), centreVignette = pixel(vignette.left, 80, 60);
    CHECK(std::abs(centreClear.b - centreVignette.b) <= 2);
    const glm::ivec4 cornerClear = pixel(clear.left, 2, 2), cornerVignette = pixel(vignette.left, 2, 2);
    CHECK(cornerClear.b > 60);
    CHECK(cornerVignette.b < cornerClear.b / 4);
    test::requireValidationClean(context);
}
