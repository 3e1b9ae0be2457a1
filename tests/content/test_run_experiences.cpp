// `xrshow --validate run experiences/<name> --display headless ... --screenshot-at K out.png` for
// every experience whose content is built: exit 0 with the validation layer silent, the session
// arrived in its first scene, and the visitor's view at frame K is a picture (not black, not
// flat), both eyes side by side.
#include "ScratchDirectory.h"
#include "XrshowProcess.h"
#include "core/Image.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>

namespace {

struct Stats {
    double mean = 0.0;
    double deviation = 0.0;
};

// Luma statistics of the left eye's central half.
Stats centreStats(const xrs::ImageRGBA8& image) {
    const int eyeWidth = image.width / 2;
    double sum = 0.0, sumSquares = 0.0;
    int count = 0;
    for (int y = image.height / 4; y < image.height * 3 / 4; ++y)
        for (int x = eyeWidth / 4; x < eyeWidth * 3 / 4; ++x) {
            const auto* p = &image.pixels[static_cast<std::size_t>((y * image.width + x) * 4)];
            const double luma = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
            sum += luma;
            sumSquares += luma * luma;
            ++count;
        }
    Stats stats;
    stats.mean = sum / count;
    stats.deviation = std::sqrt(std::max(0.0, sumSquares / count - stats.mean * stats.mean));
    return stats;
}

} // namespace

TEST_CASE("every built experience plays headless with the validation layer silent", "[content][cli]") {
    xrs::test::ScratchDirectory scratch("run-experiences");
    int played = 0;
    for (const auto& entry : std::filesystem::directory_iterator(XRS_EXPERIENCES_DIR)) {
        const auto folder = entry.path();
        if (!std::filesystem::exists(folder / "experience.json")) continue;
        if (!std::filesystem::exists(folder / "generated")) {
            WARN(folder.filename().string() << ": content not generated here, not played");
            continue;
        }
        const auto shot = scratch.path() / (folder.filename().string() + ".png");
        // 40 frames at a fixed 1/60 s: the arrival's fade (0.25 s each way) is over by frame 31.
        const auto run = xrs::test::runXrshow("--validate run '" + folder.string() +
                                  "' --display headless --mute --fixed-step --frames 40 --size 320x176"
                                  " --samples 1 --screenshot-at 39 '" + shot.string() + "'");
        INFO(folder.filename().string() << ":\n" << run.output);
        CHECK(run.exitCode == 0);
        CHECK(run.output.find("frame 0: sceneChanged #0") != std::string::npos);
        auto image = xrs::readPng(shot);
        REQUIRE(image.ok());
        CHECK(image->height == 176); // eye images are multiples of 8
        CHECK(image->width > 2 * 176); // two eyes of a wide-ish per-eye fov
        const Stats stats = centreStats(*image);
        INFO("centre luma mean " << stats.mean << ", deviation " << stats.deviation);
        CHECK(stats.mean > 20.0);      // not a black frame (a fade stuck, nothing drawn)
        CHECK(stats.deviation > 6.0);  // not a flat colour (a scene, not only the clear colour)
        ++played;
    }
    CHECK(played >= 2);
}
