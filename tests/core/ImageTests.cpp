#include "core/Image.h"

#include "ContractDeath.h"
#include "TempDirectory.h"

#include <catch2/catch.hpp>
#include <stb_image_write.h>

#include <cmath>
#include <fstream>

using xrs::ImageRGBA8;
using xrs::Rgba8;

namespace {

// Every pixel distinct and every channel used, so swapped rows/channels cannot go unnoticed.
ImageRGBA8 patternImage(int width, int height) {
    ImageRGBA8 image(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y,
                           Rgba8{static_cast<std::uint8_t>(x * 16 + 3), static_cast<std::uint8_t>(y * 16 + 5),
                                 static_cast<std::uint8_t>((x * 7 + y * 11) % 256),
                                 static_cast<std::uint8_t>(255 - x - y)});
    return image;
}

} // namespace

TEST_CASE("ImageRGBA8 stores tightly packed rows, top row first", "[image]") {
    ImageRGBA8 image(3, 2, Rgba8{1, 2, 3, 4});
    REQUIRE(image.pixels.size() == 3u * 2u * 4u);
    CHECK(image.rowBytes() == 12u);
    CHECK(image.pixel(2, 1) == Rgba8{1, 2, 3, 4});

    image.setPixel(1, 1, Rgba8{10, 20, 30, 40});
    // (1, 1) is the second pixel of the second row: byte offset 1 * 12 + 1 * 4.
    CHECK(image.pixels[16] == 10);
    CHECK(image.pixels[19] == 40);
    image.at(0, 0)[2] = 99;
    CHECK(image.pixels[2] == 99);
    CHECK(image.pixel(0, 0) == Rgba8{1, 2, 99, 4});
}

TEST_CASE("crop copies the requested rectangle", "[image]") {
    const ImageRGBA8 image = patternImage(8, 6);
    const ImageRGBA8 part = xrs::crop(image, 2, 3, 4, 2);
    REQUIRE(part.width == 4);
    REQUIRE(part.height == 2);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 4; ++x) CHECK(part.pixel(x, y) == image.pixel(x + 2, y + 3));
    CHECK(xrs::crop(image, 0, 0, 8, 6) == image);
}

TEST_CASE("crop outside the image is a contract violation", "[image][contract]") {
    const auto outcome = xrs::test::runInChild([] {
        const ImageRGBA8 image(4, 4);
        (void)xrs::crop(image, 2, 2, 3, 1);
    });
    CHECK(outcome.aborted);
    CHECK_THAT(outcome.stderrText, Catch::Contains("crop rectangle must lie inside the image"));
}

TEST_CASE("concatHorizontal puts the left image first on every row", "[image]") {
    const ImageRGBA8 left = patternImage(3, 4);
    const ImageRGBA8 right(2, 4, Rgba8{200, 100, 50, 255});
    const ImageRGBA8 both = xrs::concatHorizontal(left, right);
    REQUIRE(both.width == 5);
    REQUIRE(both.height == 4);
    CHECK(xrs::crop(both, 0, 0, 3, 4) == left);
    CHECK(xrs::crop(both, 3, 0, 2, 4) == right);
}

TEST_CASE("PNG round trip keeps every byte including alpha", "[image][png]") {
    xrs::test::TempDirectory dir("image");
    const ImageRGBA8 image = patternImage(13, 7); // odd width: no hidden row padding
    const auto path = dir.path() / "pattern.png";
    const xrs::Status written = xrs::writePng(image, path);
    REQUIRE(written.ok());
    const auto read = xrs::readPng(path);
    REQUIRE(read.ok());
    CHECK(read->width == 13);
    CHECK(read->height == 7);
    CHECK(*read == image);
}

TEST_CASE("readPng expands a grey PNG to opaque RGBA", "[image][png]") {
    xrs::test::TempDirectory dir("image");
    const std::uint8_t grey[6] = {0, 50, 100, 150, 200, 250}; // 3 x 2
    const auto path = dir.path() / "grey.png";
    REQUIRE(stbi_write_png(path.c_str(), 3, 2, 1, grey, 3) != 0);
    const auto read = xrs::readPng(path);
    REQUIRE(read.ok());
    CHECK(read->pixel(0, 0) == Rgba8{0, 0, 0, 255});
    CHECK(read->pixel(1, 1) == Rgba8{200, 200, 200, 255});
}

TEST_CASE("readPng errors name the file and the cause", "[image][png]") {
    xrs::test::TempDirectory dir("image");
    const auto missing = dir.path() / "nothing_here.png";
    const auto notFound = xrs::readPng(missing);
    REQUIRE_FALSE(notFound.ok());
    CHECK(notFound.error().message == missing.string() + ": no such file");

    const auto garbage = dir.path() / "garbage.png";
    std::ofstream(garbage) << "this is not a png at all";
    const auto corrupt = xrs::readPng(garbage);
    REQUIRE_FALSE(corrupt.ok());
    CHECK_THAT(corrupt.error().message, Catch::StartsWith(garbage.string() + ": cannot decode image ("));
}

TEST_CASE("writePng errors name the file and the cause", "[image][png]") {
    xrs::test::TempDirectory dir("image");
    const auto inMissingDir = dir.path() / "no" / "such" / "dir" / "out.png";
    const xrs::Status noDir = xrs::writePng(ImageRGBA8(2, 2), inMissingDir);
    REQUIRE_FALSE(noDir.ok());
    CHECK(noDir.error().message ==
          inMissingDir.string() + ": cannot write PNG (directory " + inMissingDir.parent_path().string() +
              " does not exist)");

    const auto emptyPath = dir.path() / "empty.png";
    const xrs::Status empty = xrs::writePng(ImageRGBA8(0, 5), emptyPath);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message == emptyPath.string() + ": cannot write an empty image (0x5)");
}

TEST_CASE("sRGB transfer functions match IEC 61966-2-1", "[image][color]") {
    CHECK(xrs::srgbToLinear(0.0f) == 0.0f);
    CHECK(xrs::srgbToLinear(1.0f) == Approx(1.0f));
    CHECK(xrs::srgbToLinear(0.5f) == Approx(0.2140411f).epsilon(1e-5));
    CHECK(xrs::srgbToLinear(0.04f) == Approx(0.04f / 12.92f)); // linear segment
    CHECK(xrs::linearToSrgb(0.2140411f) == Approx(0.5f).epsilon(1e-5));
    CHECK(xrs::linearToSrgb(0.001f) == Approx(0.01292f)); // linear segment
    CHECK(xrs::linearToSrgb8(0.5f) == 188);               // 0.7354 * 255 = 187.5 -> 188
    CHECK(xrs::linearToSrgb8(-1.0f) == 0);
    CHECK(xrs::linearToSrgb8(2.0f) == 255);
    for (int byte = 0; byte < 256; ++byte) {
        INFO("byte " << byte);
        CHECK(int{xrs::linearToSrgb8(xrs::srgbToLinear(static_cast<float>(byte) / 255.0f))} == byte);
    }
}
