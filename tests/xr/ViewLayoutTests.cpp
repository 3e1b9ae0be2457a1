#include "xr/ViewLayout.h"

#include <catch2/catch.hpp>

using namespace xrs::xr;

TEST_CASE("eye rectangles are letterboxed with the eye's aspect", "[window][layout]") {
    const glm::vec2 window(1280.0f, 720.0f);
    const PixelRect left = eyeRect(StereoMode::LeftEye, window, 1.0f, 0);
    CHECK(left.origin.x == Approx(280.0f));
    CHECK(left.origin.y == Approx(0.0f));
    CHECK(left.size.x == Approx(720.0f));
    CHECK(left.size.y == Approx(720.0f));

    const PixelRect a = eyeRect(StereoMode::SideBySide, window, 1.0f, 0);
    const PixelRect b = eyeRect(StereoMode::SideBySide, window, 1.0f, 1);
    CHECK(a.size.x == Approx(640.0f));
    CHECK(a.origin.y == Approx(40.0f)); // (720 - 640) / 2
    CHECK(b.origin.x == Approx(640.0f));
    CHECK(b.size.y == Approx(640.0f));

    const PixelRect anaglyph = eyeRect(StereoMode::Anaglyph, window, 2.0f, 1);
    CHECK(anaglyph.size.x == Approx(1280.0f));
    CHECK(anaglyph.size.y == Approx(640.0f));
    CHECK(eyeRect(StereoMode::LeftEye, {0.0f, 0.0f}, 1.0f, 0).size.x == 0.0f); // minimised
}

TEST_CASE("window pixels map back into the left eye's image", "[window][layout]") {
    const glm::vec2 window(1280.0f, 720.0f);
    auto uv = leftEyeUvAt(StereoMode::LeftEye, window, 1.0f, {280.0f + 360.0f, 180.0f});
    REQUIRE(uv);
    CHECK(uv->x == Approx(0.5f));
    CHECK(uv->y == Approx(0.25f));
    CHECK_FALSE(leftEyeUvAt(StereoMode::LeftEye, window, 1.0f, {100.0f, 100.0f})); // in the bar
    CHECK_FALSE(leftEyeUvAt(StereoMode::SideBySide, window, 1.0f, {900.0f, 300.0f})); // right eye
    CHECK(nextStereoMode(StereoMode::Anaglyph) == StereoMode::LeftEye);
}
