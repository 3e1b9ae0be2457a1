#include "ImageCompare.h"

#include "TempDirectory.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>

using xrs::ImageRGBA8;
using xrs::Rgba8;
using xrs::test::compareImages;

namespace {

// Smooth mid-range content, away from 0 and 255 so perturbations never clamp.
ImageRGBA8 gradientImage(int width, int height) {
    ImageRGBA8 image(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y,
                           Rgba8{static_cast<std::uint8_t>(60 + x), static_cast<std::uint8_t>(60 + y),
                                 static_cast<std::uint8_t>(120 + (x + y) / 2), 255});
    return image;
}

ImageRGBA8 checkerboard(int size, int square) {
    ImageRGBA8 image(size, size);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const std::uint8_t v = ((x / square + y / square) % 2) ? 255 : 0;
            image.setPixel(x, y, Rgba8{v, v, v, 255});
        }
    return image;
}

void addToBlock(ImageRGBA8& image, int x0, int y0, int size, int delta) {
    for (int y = y0; y < y0 + size; ++y)
        for (int x = x0; x < x0 + size; ++x)
            for (int c = 0; c < 3; ++c) image.at(x, y)[c] = static_cast<std::uint8_t>(image.at(x, y)[c] + delta);
}

// Sets an environment variable for one scope and restores the previous value.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name)) previous_ = old;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (previous_) setenv(name_, previous_->c_str(), 1);
        else unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> previous_;
};

} // namespace

TEST_CASE("identical images pass with infinite PSNR", "[compare]") {
    const ImageRGBA8 image = gradientImage(64, 64);
    const auto result = compareImages(image, image);
    CHECK(result.pass);
    CHECK(std::isinf(result.psnr));
    CHECK(result.badFraction == 0.0);
    CHECK(result.maxChannelError == 0);
    CHECK_THAT(result.summary, Catch::StartsWith("match: 0.000% of pixels") && Catch::Contains("PSNR inf dB"));
}

TEST_CASE("a 20x20 block shifted by 40 levels fails", "[compare]") {
    const ImageRGBA8 expected = gradientImage(64, 64);
    ImageRGBA8 actual = expected;
    addToBlock(actual, 10, 30, 20, 40);
    const auto result = compareImages(actual, expected);
    CHECK_FALSE(result.pass);
    CHECK(result.badFraction == Approx(400.0 / 4096.0));
    CHECK(result.maxChannelError == 40);
    // MSE over RGB = 400 * 40^2 / 4096 = 156.25 -> PSNR = 10 log10(255^2 / 156.25) = 26.19 dB
    CHECK(result.psnr == Approx(10.0 * std::log10(65025.0 / 156.25)));
    CHECK_THAT(result.summary, Catch::StartsWith("MISMATCH: 9.766% of pixels off by more than 8"));
}

TEST_CASE("a one-pixel shift of a whole image fails", "[compare]") {
    const ImageRGBA8 expected = checkerboard(64, 8);
    ImageRGBA8 shifted(64, 64);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) shifted.setPixel(x, y, expected.pixel((x + 1) % 64, y));
    const auto result = compareImages(shifted, expected);
    CHECK_FALSE(result.pass);
    // Only the last column of every 8-pixel square changes colour: 1/8 of the pixels, by 255.
    CHECK(result.badFraction == Approx(0.125));
    CHECK(result.maxChannelError == 255);
    CHECK(result.psnr == Approx(10.0 * std::log10(8.0)));
}

TEST_CASE("noise within the channel tolerance passes", "[compare]") {
    const ImageRGBA8 expected = gradientImage(64, 64);
    ImageRGBA8 noisy = expected;
    std::mt19937 random(1234);
    std::uniform_int_distribution<int> noise(-4, 4);
    for (std::size_t i = 0; i < noisy.pixels.size(); i += 4)
        for (std::size_t c = 0; c < 3; ++c)
            noisy.pixels[i + c] = static_cast<std::uint8_t>(noisy.pixels[i + c] + noise(random));
    const auto result = compareImages(noisy, expected);
    CHECK(result.pass);
    CHECK(result.badFraction == 0.0);
    CHECK(result.maxChannelError == 4);
    CHECK(result.psnr > 38.0); // uniform +-4: MSE ~6.7 -> ~40 dB
    CHECK(result.psnr < 42.0);
}

TEST_CASE("outliers are allowed up to maxBadFraction and not beyond", "[compare]") {
    const ImageRGBA8 expected = gradientImage(64, 64); // 4096 pixels; 0.2% = 8.19 pixels
    auto withOutliers = [&](int count) {
        ImageRGBA8 image = expected;
        for (int i = 0; i < count; ++i) image.at(i * 7, i * 3)[1] = static_cast<std::uint8_t>(image.at(i * 7, i * 3)[1] + 30);
        return compareImages(image, expected);
    };
    const auto eight = withOutliers(8);
    CHECK(eight.pass);
    CHECK(eight.badFraction == Approx(8.0 / 4096.0));
    const auto nine = withOutliers(9);
    CHECK_FALSE(nine.pass);
    CHECK(nine.badFraction == Approx(9.0 / 4096.0));
}

TEST_CASE("alpha differences count as bad pixels", "[compare]") {
    const ImageRGBA8 expected = gradientImage(16, 16);
    ImageRGBA8 actual = expected;
    for (std::size_t i = 3; i < actual.pixels.size(); i += 4) actual.pixels[i] = 0;
    const auto result = compareImages(actual, expected);
    CHECK_FALSE(result.pass);
    CHECK(std::isinf(result.psnr)); // PSNR is over RGB only
    CHECK(result.badFraction == 1.0);
    CHECK(result.maxChannelError == 255);
}

TEST_CASE("a size mismatch fails with both sizes in the message", "[compare]") {
    const auto result = compareImages(gradientImage(64, 32), gradientImage(64, 64));
    CHECK_FALSE(result.pass);
    CHECK(result.summary == "size mismatch: actual 64x32, expected 64x64");
}

TEST_CASE("checkGolden: missing, update, pass, fail with actual and diff images", "[compare][golden]") {
    xrs::test::TempDirectory sourceDir("golden_src");
    xrs::test::TempDirectory outputDir("golden_out");
    ScopedEnv source("XRS_SOURCE_DIR", sourceDir.path().string());
    ScopedEnv output("XRS_TEST_OUTPUT_DIR", outputDir.path().string());
    ScopedEnv notUpdating("XRS_UPDATE_GOLDENS", "0"); // behave the same inside a golden-update run
    const std::string name = "suite/case";
    const auto goldenPath = sourceDir.path() / "tests" / "golden" / "suite" / "case.png";
    const auto actualPath = outputDir.path() / "suite" / "case.actual.png";
    const auto diffPath = outputDir.path() / "suite" / "case.diff.png";
    const ImageRGBA8 image = gradientImage(32, 24);

    SECTION("a missing golden fails and says how to create it") {
        const auto result = xrs::test::checkGolden(image, name);
        CHECK_FALSE(result.pass);
        CHECK_THAT(result.summary, Catch::StartsWith("missing golden " + goldenPath.string()) &&
                                       Catch::Contains("XRS_UPDATE_GOLDENS=1") &&
                                       Catch::Contains(actualPath.string()));
        const auto written = xrs::readPng(actualPath);
        REQUIRE(written.ok());
        CHECK(*written == image);
    }

    SECTION("updating creates the golden, reports it, and later runs pass") {
        {
            ScopedEnv update("XRS_UPDATE_GOLDENS", "1");
            const auto created = xrs::test::checkGolden(image, name);
            CHECK_FALSE(created.pass); // an update run must not look green
            CHECK_THAT(created.summary, Catch::StartsWith("golden updated: " + goldenPath.string() + " (was missing)"));
            const auto golden = xrs::readPng(goldenPath);
            REQUIRE(golden.ok());
            CHECK(*golden == image);
        }
        const auto rerun = xrs::test::checkGolden(image, name);
        CHECK(rerun.pass);
        CHECK_THAT(rerun.summary, Catch::StartsWith("golden suite/case: match"));
    }

    SECTION("a mismatch writes actual and diff images and names them") {
        std::filesystem::create_directories(goldenPath.parent_path());
        REQUIRE(xrs::writePng(image, goldenPath).ok());
        ImageRGBA8 broken = image;
        addToBlock(broken, 4, 4, 10, 40);

        const auto result = xrs::test::checkGolden(broken, name);
        CHECK_FALSE(result.pass);
        CHECK_THAT(result.summary, Catch::StartsWith("golden suite/case: MISMATCH") &&
                                       Catch::Contains("actual: " + actualPath.string()) &&
                                       Catch::Contains("diff: " + diffPath.string()));
        const auto actual = xrs::readPng(actualPath);
        REQUIRE(actual.ok());
        CHECK(*actual == broken);
        const auto diff = xrs::readPng(diffPath);
        REQUIRE(diff.ok());
        CHECK(diff->pixel(5, 5) == Rgba8{255, 255, 255, 255}); // error 40, amplified and clamped
        CHECK(diff->pixel(20, 20) == Rgba8{0, 0, 0, 255});      // untouched
        CHECK(xrs::test::differenceImage(broken, image) == *diff);

        SECTION("updating replaces a failing golden") {
            ScopedEnv update("XRS_UPDATE_GOLDENS", "1");
            const auto updated = xrs::test::checkGolden(broken, name);
            CHECK_FALSE(updated.pass);
            CHECK_THAT(updated.summary, Catch::StartsWith("golden updated: " + goldenPath.string() + " (was: "));
            const auto golden = xrs::readPng(goldenPath);
            REQUIRE(golden.ok());
            CHECK(*golden == broken);
        }

        SECTION("updating leaves a golden that still passes untouched") {
            ScopedEnv update("XRS_UPDATE_GOLDENS", "1");
            ImageRGBA8 nearlySame = image;
            nearlySame.at(0, 0)[0] = static_cast<std::uint8_t>(nearlySame.at(0, 0)[0] + 2);
            const auto kept = xrs::test::checkGolden(nearlySame, name);
            CHECK(kept.pass);
            const auto golden = xrs::readPng(goldenPath);
            REQUIRE(golden.ok());
            CHECK(*golden == image);
        }
    }
}
