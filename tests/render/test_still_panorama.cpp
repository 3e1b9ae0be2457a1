// Still 360° panoramas (equirectangular images in experiences) through the video sphere: the
// image's planes are exact BT.709 limited-range Y'CbCr, and each direction shows its own part of
// the image, across the ±180° seam and at both poles.
#include "HeadPose.h"
#include "GpuTest.h"

#include "gpu/FrameRing.h"
#include "render/SceneRenderer.h"
#include "render/StillPanorama.h"
#include "video/ImagePlanes.h"
#include "xr/HeadlessDisplay.h"

#include <catch2/catch.hpp>

using namespace xrs;

namespace {

using test::headLookingAt;

constexpr Rgba8 kFront{230, 40, 30, 255}, kRight{40, 200, 60, 255}, kBack{30, 60, 220, 255}, kLeft{230, 210, 40, 255};
constexpr Rgba8 kSky{250, 250, 250, 255}, kGround{40, 40, 40, 255};

// Longitude 0 (forward, -Z) is the image's centre column and +90° (right) three quarters across;
// the top sixth is the sky above 60°, the bottom sixth the ground below -60°.
ImageRGBA8 compassPanorama(int width) {
    ImageRGBA8 image(width, width / 2);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const float u = (static_cast<float>(x) + 0.5f) / static_cast<float>(image.width);
            const float v = (static_cast<float>(y) + 0.5f) / static_cast<float>(image.height);
            Rgba8 c = u < 0.125f || u >= 0.875f ? kBack : u < 0.375f ? kLeft : u < 0.625f ? kFront : kRight;
            if (v < 1.0f / 6.0f) c = kSky;
            if (v > 5.0f / 6.0f) c = kGround;
            std::copy_n(&c.r, 4, &image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 4]);
        }
    return image;
}

Rgba8 pixelAt(const ImageRGBA8& image, int x, int y) {
    const std::uint8_t* p = &image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 4];
    return {p[0], p[1], p[2], p[3]};
}

void checkColour(Rgba8 actual, Rgba8 expected, int tolerance) {
    INFO("actual (" << int(actual.r) << ", " << int(actual.g) << ", " << int(actual.b) << "), expected ("
                    << int(expected.r) << ", " << int(expected.g) << ", " << int(expected.b) << ")");
    CHECK(std::abs(actual.r - expected.r) <= tolerance);
    CHECK(std::abs(actual.g - expected.g) <= tolerance);
    CHECK(std::abs(actual.b - expected.b) <= tolerance);
}

} // namespace

TEST_CASE("still planes are BT.709 limited-range Y'CbCr 4:2:0", "[render][video]") {
    ImageRGBA8 image(4, 2, Rgba8{255, 255, 255, 255});
    const Rgba8 red{255, 0, 0, 255};
    for (int y = 0; y < 2; ++y)
        for (int x = 2; x < 4; ++x) std::copy_n(&red.r, 4, &image.pixels[static_cast<std::size_t>((y * 4 + x) * 4)]);
    const video::DecodedFrame planes = video::stillPlanesOf(image);
    CHECK(planes.width == 4);
    CHECK(planes.height == 2);
    CHECK(planes.matrix == video::ColourMatrix::Bt709);
    CHECK(planes.range == video::ColourRange::Limited);
    // White: Y' 235, no chroma. Red: Y' = 16 + 219 * 0.2126 = 62.6, Cr = 128 + 224 / 2 = 240,
    // Cb = 128 - 224 * 0.2126 / (2 * 0.9278) = 102.3.
    CHECK(planes.luma == std::vector<std::uint8_t>{235, 235, 63, 63, 235, 235, 63, 63});
    CHECK(planes.chroma == std::vector<std::uint8_t>{128, 128, 102, 240});
}

TEST_CASE("a still panorama shows each direction's part, across the seam and at the poles", "[render][video]") {
    XRS_GPU_TEST_CONTEXT(context);
    auto renderer = render::SceneRenderer::create(context, {});
    REQUIRE(renderer.ok());
    auto still = render::StillPanorama::create(context, compassPanorama(512), (*renderer)->videoLayout());
    INFO((still.ok() ? std::string() : still.error().message));
    REQUIRE(still.ok());
    const VkExtent2D eye{64, 64};
    auto display = xr::HeadlessDisplay::create(context, eye);
    REQUIRE(display.ok());
    gpu::FrameRing frames(context);

    const struct {
        float yaw, pitch;
        Rgba8 expected;
    } views[] = {{0, 0, kFront}, {90, 0, kRight}, {180, 0, kBack}, {-90, 0, kLeft}, {0, 90, kSky}, {0, -90, kGround}};
    for (const auto& view : views) {
        INFO("yaw " << view.yaw << ", pitch " << view.pitch);
        render::StereoViews stereo;
        const Fov fov = symmetricFov(glm::radians(40.0f), 1.0f);
        stereo.eyes = stereoEyes(headLookingAt(view.yaw, view.pitch), 0.063f, fov, fov);
        gpu::FrameContext& frame = frames.begin();
        (*still)->update(frame);
        const auto background = (*still)->background(frame);
        (*renderer)->record(frame, frames, nullptr, stereo, render::Lighting{}, display->output(), &background);
        display->recordCapture(frame.cmd);
        frames.submit(frame);
        frames.drain();
        for (std::uint32_t e = 0; e < 2; ++e) {
            const ImageRGBA8 image = display->capturedEye(e);
            // The centre, and a few pixels either side of it (the seam at yaw 180 runs through it).
            for (int dx : {-8, 0, 8}) checkColour(pixelAt(image, 32 + dx, 32), view.expected, 6);
        }
    }
    test::requireValidationClean(context);
}
