#include "ImageCompare.h"

#include "core/Assert.h"
#include "core/Paths.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <system_error>

namespace xrs::test {
namespace {

std::string sizeText(const ImageRGBA8& image) {
    return std::to_string(image.width) + "x" + std::to_string(image.height);
}

std::string formatDouble(const char* format, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

std::filesystem::path sourceRoot() {
    if (const char* dir = std::getenv("XRS_SOURCE_DIR"); dir && *dir) return dir;
    return sourceDirectory();
}

// Test executables live in <build>/bin, so <build>/test-output sits next to it.
std::filesystem::path testOutputRoot() {
    if (const char* dir = std::getenv("XRS_TEST_OUTPUT_DIR"); dir && *dir) return dir;
    return (executableDirectory() / ".." / "test-output").lexically_normal();
}

bool updatingGoldens() {
    const char* value = std::getenv("XRS_UPDATE_GOLDENS");
    return value && std::string(value) == "1";
}

// Writes the image, creating parent directories; returns "" or the error text.
std::string writeWithDirectories(const ImageRGBA8& image, const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) return path.parent_path().string() + ": cannot create directory (" + ec.message() + ")";
    const Status written = writePng(image, path);
    return written ? std::string() : written.error().message;
}

constexpr int kDiffAmplification = 10;

} // namespace

CompareResult compareImages(const ImageRGBA8& actual, const ImageRGBA8& expected, CompareTolerance tolerance) {
    XRS_EXPECT(actual.pixels.size() == actual.byteSize() && expected.pixels.size() == expected.byteSize(),
               "pixel buffers must hold width * height * 4 bytes");
    CompareResult result;
    if (actual.width != expected.width || actual.height != expected.height) {
        result.summary = "size mismatch: actual " + sizeText(actual) + ", expected " + sizeText(expected);
        return result;
    }
    const std::size_t pixelCount = static_cast<std::size_t>(actual.width) * static_cast<std::size_t>(actual.height);
    if (pixelCount == 0) {
        result.summary = "cannot compare empty images (" + sizeText(actual) + ")";
        return result;
    }

    std::size_t badPixels = 0;
    double squaredErrorRgb = 0.0;
    int maxError = 0;
    for (std::size_t i = 0; i < pixelCount; ++i) {
        const std::uint8_t* a = actual.pixels.data() + i * ImageRGBA8::kChannels;
        const std::uint8_t* e = expected.pixels.data() + i * ImageRGBA8::kChannels;
        int pixelMax = 0;
        for (int c = 0; c < ImageRGBA8::kChannels; ++c) {
            const int error = std::abs(int{a[c]} - int{e[c]});
            pixelMax = std::max(pixelMax, error);
            if (c < 3) squaredErrorRgb += double(error) * double(error);
        }
        maxError = std::max(maxError, pixelMax);
        if (pixelMax > tolerance.channelTolerance) ++badPixels;
    }

    const double meanSquaredError = squaredErrorRgb / (3.0 * double(pixelCount));
    result.psnr = meanSquaredError == 0.0 ? std::numeric_limits<double>::infinity()
                                          : 10.0 * std::log10(255.0 * 255.0 / meanSquaredError);
    result.badFraction = double(badPixels) / double(pixelCount);
    result.maxChannelError = maxError;
    result.pass = result.badFraction <= tolerance.maxBadFraction && result.psnr >= tolerance.minPsnr;

    result.summary = std::string(result.pass ? "match" : "MISMATCH") + ": " +
                     formatDouble("%.3f%%", 100.0 * result.badFraction) + " of pixels off by more than " +
                     std::to_string(tolerance.channelTolerance) + " (allowed " +
                     formatDouble("%.3f%%", 100.0 * tolerance.maxBadFraction) + "), PSNR " +
                     (std::isinf(result.psnr) ? std::string("inf") : formatDouble("%.2f", result.psnr)) +
                     " dB (min " + formatDouble("%.1f", tolerance.minPsnr) + "), max channel error " +
                     std::to_string(maxError);
    return result;
}

ImageRGBA8 differenceImage(const ImageRGBA8& actual, const ImageRGBA8& expected) {
    ImageRGBA8 diff(expected.width, expected.height, Rgba8{0, 0, 0, 255});
    if (actual.width != expected.width || actual.height != expected.height) return diff;
    for (std::size_t i = 0; i < diff.pixels.size(); i += ImageRGBA8::kChannels) {
        for (std::size_t c = 0; c < 3; ++c) {
            const int error = std::abs(int{actual.pixels[i + c]} - int{expected.pixels[i + c]});
            diff.pixels[i + c] = static_cast<std::uint8_t>(std::min(255, error * kDiffAmplification));
        }
    }
    return diff;
}

CompareResult checkGolden(const ImageRGBA8& actual, const std::string& goldenName, CompareTolerance tolerance) {
    const std::filesystem::path goldenPath = sourceRoot() / "tests" / "golden" / (goldenName + ".png");
    const bool updating = updatingGoldens();

    auto writeGolden = [&](const std::string& why) {
        CompareResult updated;
        const std::string error = writeWithDirectories(actual, goldenPath);
        updated.summary = error.empty() ? "golden updated: " + goldenPath.string() + " (" + why +
                                              "); review it, then rerun without XRS_UPDATE_GOLDENS"
                                        : "cannot update golden: " + error;
        return updated; // pass stays false on purpose: an update run must not look green
    };

    const std::filesystem::path outputBase = testOutputRoot() / goldenName;
    const std::filesystem::path actualPath = outputBase.string() + ".actual.png";
    const std::filesystem::path diffPath = outputBase.string() + ".diff.png";

    std::error_code ec;
    if (!std::filesystem::exists(goldenPath, ec)) {
        if (updating) return writeGolden("was missing");
        CompareResult missing;
        const std::string error = writeWithDirectories(actual, actualPath);
        missing.summary = "missing golden " + goldenPath.string() +
                          "; to create it, run this test with XRS_UPDATE_GOLDENS=1 and review the PNG. " +
                          (error.empty() ? "Actual image: " + actualPath.string() : error);
        return missing;
    }

    const Result<ImageRGBA8> golden = readPng(goldenPath);
    if (!golden) {
        if (updating) return writeGolden("was unreadable: " + golden.error().message);
        CompareResult unreadable;
        unreadable.summary = "cannot read golden: " + golden.error().message;
        return unreadable;
    }

    CompareResult result = compareImages(actual, *golden, tolerance);
    result.summary = "golden " + goldenName + ": " + result.summary;
    if (result.pass) return result;
    if (updating) return writeGolden("was: " + result.summary);

    std::string written;
    if (const std::string error = writeWithDirectories(actual, actualPath); error.empty())
        written += "; actual: " + actualPath.string();
    else
        written += "; " + error;
    if (actual.width == golden->width && actual.height == golden->height) {
        if (const std::string error = writeWithDirectories(differenceImage(actual, *golden), diffPath); error.empty())
            written += "; diff: " + diffPath.string();
        else
            written += "; " + error;
    }
    result.summary += written;
    return result;
}

} // namespace xrs::test
