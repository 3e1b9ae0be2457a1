// The importer's image helpers: base64 data URIs and stb_image decoding to RGBA8.
#include "scene/ImageDecoding.h"

#include <catch2/catch.hpp>

#include <string>

using namespace xrs::scene::detail;

TEST_CASE("Base64 data URIs decode, malformed ones are refused with the reason", "[scene]") {
    const auto hello = decodeBase64DataUri("data:text/plain;base64,SGVsbG8sIHdvcmxk");
    REQUIRE(hello.ok());
    CHECK(std::string(hello->begin(), hello->end()) == "Hello, world");
    const auto padded = decodeBase64DataUri("data:application/octet-stream;base64,AAEC/w==");
    REQUIRE(padded.ok());
    CHECK(*padded == std::vector<std::uint8_t>{0x00, 0x01, 0x02, 0xFF});

    CHECK(decodeBase64DataUri("file.png").error().message == "not a data URI");
    CHECK(decodeBase64DataUri("data:image/png,rawbytes").error().message == "data URI is not base64-encoded");
    CHECK(decodeBase64DataUri("data:image/png;base64").error().message == "data URI has no ',' before its payload");
    CHECK(decodeBase64DataUri("data:image/png;base64,AB*C").error().message ==
          "data URI contains a non-base64 character");
}

TEST_CASE("Images decode to RGBA8 and garbage is reported", "[scene]") {
    // A 2x1 PNG (RGB: red, blue) built with Python's zlib/struct; decoded, alpha is filled with 255.
    const auto png = decodeBase64DataUri(
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR42mP4zwAE/wEHAAH/PX2MSQAAAABJRU5ErkJggg==");
    REQUIRE(png.ok());
    const auto image = decodeImage(*png);
    if (!image) FAIL(image.error().message);
    CHECK(image->width == 2);
    CHECK(image->height == 1);
    CHECK(image->pixels == std::vector<std::uint8_t>{255, 0, 0, 255, 0, 0, 255, 255});

    const std::vector<std::uint8_t> garbage{1, 2, 3, 4, 5, 6, 7, 8};
    CHECK_THAT(decodeImage(garbage).error().message, Catch::Matchers::StartsWith("not a decodable image"));
    CHECK(decodeImage({}).error().message == "image data is empty");
    CHECK(decodeImageFile("/nonexistent/dir/x.png").error().message == "file not found: /nonexistent/dir/x.png");
}
