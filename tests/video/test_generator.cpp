// The synthetic test video: the painted picture (frame codes, labels, grid, motion, stereo) and
// the encoded file (size, frame count, aligned IDR keyframes, frame codes after decoding).
#include "FfmpegLuma.h"
#include <catch2/catch.hpp>

#include "ScratchDirectory.h"

#include <cstdio>
#include <unistd.h>

#include "video/Sha256.h"
#include "video/StreamProbe.h"
#include "video/TestPatternPainter.h"
#include "video/TestVideoGenerator.h"

using namespace xrs::video;

namespace {

struct Yuv420Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> y, u, v;

    Yuv420Image(int w, int h)
        : width(w), height(h), y(static_cast<std::size_t>(w) * h), u(y.size() / 4), v(y.size() / 4) {}
    PlaneView luma() { return {y.data(), width, width, height}; }
    PlaneView cb() { return {u.data(), width / 2, width / 2, height / 2}; }
    PlaneView cr() { return {v.data(), width / 2, width / 2, height / 2}; }
};

Yuv420Image paintFrame(const TestPatternPainter& painter, std::int64_t frame) {
    Yuv420Image image(painter.spec().width, painter.spec().height);
    painter.paint(frame, image.luma(), image.cb(), image.cr());
    return image;
}


std::filesystem::path generatorScratch() {
    static const xrs::test::ScratchDirectory directory("generator-test");
    return directory.path();
}

using xrs::test::decodeLuma;

} // namespace

TEST_CASE("test pattern carries a readable frame code in every label tile", "[video][generator]") {
    const TestPatternPainter painter({1024, 512, StereoLayout::Mono, Projection::Equirect360});
    for (std::int64_t frame : {0, 5, 1234, 65535 + 7}) {
        Yuv420Image image = paintFrame(painter, frame);
        for (int row = 0; row < TestPatternPainter::kLabelRows; ++row) {
            for (int col = 0; col < TestPatternPainter::kLabelCols; ++col) {
                const auto code = TestPatternPainter::readFrameCode(image.y.data(), image.width, painter.frameCodeRect(0, row, col));
                REQUIRE(code.has_value());
                CHECK(*code == static_cast<int>(frame & 0xFFFF));
            }
        }
    }
}

TEST_CASE("test pattern is deterministic and moves everywhere", "[video][generator]") {
    const TestPatternPainter painter({1024, 512, StereoLayout::Mono, Projection::Equirect360});
    const Yuv420Image first = paintFrame(painter, 10);
    const Yuv420Image again = paintFrame(painter, 10);
    REQUIRE(first.y == again.y);
    REQUIRE(first.u == again.u);
    const Yuv420Image next = paintFrame(painter, 11);
    // The background moves everywhere: every 32x32 block changes between frames, except the few
    // that labels cover entirely.
    int blocks = 0, changed = 0;
    for (int by = 0; by < 512; by += 32) {
        for (int bx = 0; bx < 1024; bx += 32) {
            int differing = 0;
            for (int y = by; y < by + 32; ++y)
                for (int x = bx; x < bx + 32; ++x)
                    differing += first.y[static_cast<std::size_t>(y * 1024 + x)] != next.y[static_cast<std::size_t>(y * 1024 + x)];
            ++blocks;
            changed += differing > 32;
        }
    }
    INFO(changed << " of " << blocks << " blocks changed");
    CHECK(changed >= blocks * 9 / 10);
}

TEST_CASE("test pattern draws the 15 degree grid with a seamless +-180 line", "[video][generator]") {
    const TestPatternPainter painter({1536, 768, StereoLayout::Mono, Projection::Equirect360});
    const Yuv420Image image = paintFrame(painter, 3);
    auto columnMostly = [&](int x, std::uint8_t value) {
        int hits = 0;
        for (int y = 0; y < image.height; ++y) hits += image.y[static_cast<std::size_t>(y * image.width + x)] == value;
        return hits > image.height / 2;  // labels cover parts of the line
    };
    // 1536 px per 360°: 15° = 64 px. Major (45°) lines are 2 px white, minor lines 1 px grey.
    CHECK(columnMostly(768 - 1, 235));  // longitude 0 (major)
    CHECK(columnMostly(768, 235));
    CHECK(columnMostly(768 + 64, 200));  // longitude +15
    CHECK(columnMostly(0, 235));         // -180 at the left edge ...
    CHECK(columnMostly(1535, 235));      // ... and +180 at the right edge: one line across the seam
    CHECK_FALSE(columnMostly(768 + 32, 235));
    // Labels: neighbouring label tiles have different hues.
    const auto hueAt = [&](int x, int y) { return std::pair(image.u[static_cast<std::size_t>(y / 2 * 768 + x / 2)], image.v[static_cast<std::size_t>(y / 2 * 768 + x / 2)]); };
    CHECK(hueAt(100, 100) != hueAt(300, 100));
    CHECK(hueAt(100, 100) != hueAt(100, 300));
}

TEST_CASE("stereo test pattern differs between the eyes", "[video][generator]") {
    const TestPatternPainter painter({1024, 1024, StereoLayout::TopBottom, Projection::Equirect360});
    CHECK(painter.labelText(0, 2, 5) == "L R2C5");
    CHECK(painter.labelText(1, 2, 5) == "R R2C5");
    CHECK(painter.disparityPixels() == 1);
    const Yuv420Image image = paintFrame(painter, 42);
    const PixelRect left = painter.frameCodeRect(0, 1, 3);
    const PixelRect right = painter.frameCodeRect(1, 1, 3);
    CHECK(right.y == left.y + 512);
    CHECK(right.x == left.x - painter.disparityPixels());
    CHECK(TestPatternPainter::readFrameCode(image.y.data(), 1024, left) == 42);
    CHECK(TestPatternPainter::readFrameCode(image.y.data(), 1024, right) == 42);
    const std::vector<std::uint8_t> top(image.y.begin(), image.y.begin() + 1024 * 512);
    const std::vector<std::uint8_t> bottom(image.y.begin() + 1024 * 512, image.y.end());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < top.size(); ++i) differing += top[i] != bottom[i];
    CHECK(differing > top.size() / 100);  // labels, marks and disparity
}

TEST_CASE("generated video has the requested size, frames, IDR keyframes and frame codes", "[video][generator]") {
    const auto file = generatorScratch() / "pattern.mp4";
    TestVideoOptions options;
    options.output = file;
    options.width = 1024;
    options.height = 512;
    options.fpsNum = 30;
    options.seconds = 0.5;
    options.codec = "h264";
    options.gopFrames = 5;
    REQUIRE(generateTestVideo(options).ok());
    auto info = probeVideoStream(file);
    REQUIRE(info.ok());
    CHECK(info->codec == "h264");
    CHECK(info->width == 1024);
    CHECK(info->height == 512);
    CHECK(info->fpsNum == 30);
    CHECK(info->fpsDen == 1);
    CHECK(info->frameCount == 15);
    CHECK_FALSE(info->hasBFrames);
    REQUIRE(info->keyframes.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(info->keyframes[i].frameIndex == static_cast<std::int64_t>(i * 5));
        CHECK(info->keyframes[i].idr);
    }
    const TestPatternPainter painter({1024, 512, StereoLayout::Mono, Projection::Equirect360});
    const auto frames = decodeLuma(file, 1024, 512);
    REQUIRE(frames.size() == 15);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        CHECK(TestPatternPainter::readFrameCode(frames[i].data(), 1024, painter.frameCodeRect(0, 0, 0)) == static_cast<int>(i));
        CHECK(TestPatternPainter::readFrameCode(frames[i].data(), 1024, painter.frameCodeRect(0, 3, 7)) == static_cast<int>(i));
    }
    // Deterministic: the same options give the same bytes.
    options.output = generatorScratch() / "pattern-again.mp4";
    REQUIRE(generateTestVideo(options).ok());
    CHECK(sha256File(file).value() == sha256File(options.output).value());
}

TEST_CASE("generated HEVC video has closed GOPs", "[video][generator]") {
    const auto file = generatorScratch() / "pattern-hevc.mp4";
    TestVideoOptions options;
    options.output = file;
    options.width = 512;
    options.height = 512;
    options.layout = StereoLayout::TopBottom;
    options.fpsNum = 30;
    options.seconds = 0.4;
    options.codec = "hevc";
    options.gopFrames = 4;
    REQUIRE(generateTestVideo(options).ok());
    auto info = probeVideoStream(file);
    REQUIRE(info.ok());
    CHECK(info->codec == "hevc");
    CHECK(info->frameCount == 12);
    REQUIRE(info->keyframes.size() == 3);
    for (const Keyframe& keyframe : info->keyframes) {
        CHECK(keyframe.frameIndex % 4 == 0);
        CHECK(keyframe.idr);
    }
}

TEST_CASE("generator rejects bad options with the file name", "[video][generator]") {
    TestVideoOptions options;
    options.output = generatorScratch() / "bad.mp4";
    options.width = 1001;
    options.height = 500;
    auto odd = generateTestVideo(options);
    REQUIRE_FALSE(odd.ok());
    CHECK(odd.error().message == options.output.string() + ": size 1001x500 must be at least 64x32 with even eyes");
    options.width = 1000;
    options.codec = "vp9";
    auto codec = generateTestVideo(options);
    REQUIRE_FALSE(codec.ok());
    CHECK(codec.error().message == options.output.string() + ": unsupported codec \"vp9\" (hevc or h264)");
    options.codec = "h264";
    options.output = generatorScratch() / "bad.unknownext";
    auto container = generateTestVideo(options);
    REQUIRE_FALSE(container.ok());
    CHECK(container.error().message.rfind(options.output.string() + ": cannot choose a container", 0) == 0);
}
