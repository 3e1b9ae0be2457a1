#include "VideoFixture.h"

#include "video/ManifestIO.h"
#include "video/Packager.h"
#include "video/TestVideoGenerator.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <system_error>
#include <unistd.h>

namespace xrs::test {
namespace {

std::filesystem::path dataDirectory() {
    if (const char* dir = std::getenv("XRS_TEST_DATA_DIR"); dir && *dir) return dir;
    return std::filesystem::temp_directory_path() / "xrshow-test-data";
}

// Part of every cached package's name. Bump it when the test-video generator's or the
// packager's output changes (encoder settings, pattern): a build directory keeps its packages
// across builds, and a stale one would pass goldens a fresh clone fails.
// 2: x264 cpu-independent. 3: unreferenced B-frames, default CRF 21 (x264).
constexpr const char* kFixtureRevision = "r3";

// Builds the package in a private temporary directory and renames it into place, so two test
// processes racing to build it never see a half-written package.
std::filesystem::path buildPackage(const std::string& name, video::StereoLayout layout, int width, int height,
                                   video::Projection projection = video::Projection::Equirect360) {
    const auto target = dataDirectory() / (name + "-" + kFixtureRevision);
    if (video::loadManifest(target / "manifest.json").ok()) return target;
    const auto work = dataDirectory() / (name + ".tmp." + std::to_string(getpid()));
    std::error_code ec;
    std::filesystem::remove_all(work, ec);
    std::filesystem::create_directories(work);

    video::TestVideoOptions source;
    source.output = work / "source.mp4";
    source.width = width;
    source.height = height;
    source.fpsNum = 30;
    source.seconds = 1.0;
    source.layout = layout;
    source.projection = projection;
    source.codec = "h264";
    const auto generated = video::generateTestVideo(source);
    INFO((generated.ok() ? std::string() : generated.error().message));
    REQUIRE(generated.ok());

    video::PackOptions pack;
    pack.input = source.output;
    pack.outputDir = work / "package";
    pack.layout = layout;
    pack.projection = projection;
    pack.levels = 2;
    pack.codec = "h264";
    const auto packed = video::packVideo(pack);
    INFO((packed.ok() ? std::string() : packed.error().message));
    REQUIRE(packed.ok());

    std::filesystem::rename(work / "package", target, ec); // fails harmlessly if another process won
    std::filesystem::remove_all(work, ec);
    REQUIRE(video::loadManifest(target / "manifest.json").ok());
    return target;
}

} // namespace

const std::filesystem::path& monoVideoPackage() {
    static const auto path = buildPackage("video-mono-1024", video::StereoLayout::Mono, 1024, 512);
    return path;
}

const std::filesystem::path& stereoVideoPackage() {
    static const auto path = buildPackage("video-tb-1024", video::StereoLayout::TopBottom, 1024, 1024);
    return path;
}

const std::filesystem::path& vr180VideoPackage() {
    static const auto path = buildPackage("video-sbs180-1024", video::StereoLayout::SideBySide, 1024, 512,
                                          video::Projection::Equirect180);
    return path;
}

} // namespace xrs::test
