// End to end: generate a small test video, pack it, and check the package with ffprobe (an
// independent reader): sizes, frame counts, IDR keyframes at the same timestamps in every stream,
// and that each tile shows the right part of the right frame (frame codes read from the pixels).
#include "FfmpegLuma.h"
#include <catch2/catch.hpp>

#include "ScratchDirectory.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

#include "video/ManifestIO.h"
#include "video/PackageReader.h"
#include "video/Packager.h"
#include "video/Sha256.h"
#include "video/StreamProbe.h"
#include "video/TestPatternPainter.h"
#include "video/TestVideoGenerator.h"

using namespace xrs::video;
namespace fs = std::filesystem;

namespace {


std::filesystem::path scratchDirectory() {
    static const xrs::test::ScratchDirectory directory("packager-test");
    return directory.path();
}

std::string runAndCapture(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    std::size_t got;
    while ((got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.append(buffer, got);
    ::pclose(pipe);
    return output;
}

struct ProbedStream {
    int width = 0;
    int height = 0;
    int decodedFrames = 0;
    std::vector<std::string> packetTimes;    // pts_time of every packet, in order
    std::vector<std::string> keyframeTimes;  // pts_time of packets flagged K
};

// ffprobe decodes the stream (-count_frames) and lists its packets.
ProbedStream ffprobe(const fs::path& file) {
    ProbedStream probed;
    const std::string quoted = "'" + file.string() + "'";
    std::istringstream stream(runAndCapture("ffprobe -v error -select_streams v:0 -count_frames -show_entries "
                                            "stream=width,height,nb_read_frames -of csv=p=0 " + quoted));
    char comma;
    stream >> probed.width >> comma >> probed.height >> comma >> probed.decodedFrames;
    std::istringstream packets(runAndCapture("ffprobe -v error -select_streams v:0 -show_entries packet=pts_time,flags "
                                             "-of csv=p=0 " + quoted));
    std::string line;
    while (std::getline(packets, line)) {
        const auto split = line.find(',');
        if (split == std::string::npos) continue;
        const std::string time = line.substr(0, split);
        probed.packetTimes.push_back(time);
        if (line.find('K', split) != std::string::npos) probed.keyframeTimes.push_back(time);
    }
    return probed;
}

using xrs::test::decodeLuma;

fs::path generateSource(const std::string& name, int width, int height, StereoLayout layout, double seconds) {
    const fs::path file = scratchDirectory() / name;
    if (fs::exists(file)) return file;
    TestVideoOptions options;
    options.output = file;
    options.width = width;
    options.height = height;
    options.layout = layout;
    options.fpsNum = 30;
    options.seconds = seconds;
    options.codec = "h264";
    options.crf = 16;  // keep the 3-pixel frame-code cells crisp through a second encode
    const xrs::Status status = generateTestVideo(options);
    INFO((status ? std::string() : status.error().message));
    REQUIRE(status.ok());
    return file;
}

PackOptions smallPackOptions(const fs::path& input, const fs::path& output) {
    PackOptions options;
    options.input = input;
    options.outputDir = output;
    options.gridCols = 4;
    options.gridRows = 2;
    options.levels = 2;
    options.gopFrames = 10;
    options.codec = "h264";
    options.preset = "ultrafast";
    options.crf = 16;
    return options;
}

// The 1024x512 mono package every test here reads (made once per test run).
const Manifest& monoPackage() {
    static const Manifest manifest = [] {
        const fs::path source = generateSource("mono.mp4", 1024, 512, StereoLayout::Mono, 1.0);
        auto packed = packVideo(smallPackOptions(source, scratchDirectory() / "mono-pkg"));
        INFO((packed ? std::string() : packed.error().message));
        REQUIRE(packed.ok());
        return *packed;
    }();
    return manifest;
}

fs::path monoPackageDir() {
    monoPackage();
    return scratchDirectory() / "mono-pkg";
}

// A fresh copy of the mono package to damage.
fs::path copyOfMonoPackage(const std::string& name) {
    const fs::path copy = scratchDirectory() / name;
    fs::remove_all(copy);
    fs::copy(monoPackageDir(), copy, fs::copy_options::recursive);
    return copy;
}

std::string openError(const fs::path& dir, const PackageCheck& check = {}) {
    auto package = openPackage(dir, check);
    return package ? std::string() : package.error().message;
}

} // namespace

TEST_CASE("pack writes the documented manifest", "[video][packager]") {
    const Manifest& m = monoPackage();
    CHECK(m.version == 1);
    CHECK(m.sourceWidth == 1024);
    CHECK(m.sourceHeight == 512);
    CHECK(m.fpsNum == 30);
    CHECK(m.fpsDen == 1);
    CHECK(m.frameCount == 30);
    CHECK(m.durationSeconds() == Approx(1.0));
    CHECK(m.gopFrames == 10);
    CHECK(m.codec == "h264");
    CHECK(m.layout == StereoLayout::Mono);
    CHECK(m.gridCols == 4);
    CHECK(m.gridRows == 2);
    CHECK(m.baseWidth == 256);  // a quarter of the eye width (under 1024 per 360°)
    CHECK(m.baseHeight == 128);
    CHECK(m.base.path == "base.mp4");
    REQUIRE(m.levels.size() == 2);
    CHECK(m.levels[0].tileWidth == 256);
    CHECK(m.levels[0].tileHeight == 256);
    CHECK(m.levels[1].tileWidth == 128);
    CHECK(m.levels[1].tileHeight == 128);
    REQUIRE(m.levels[1].tiles.size() == 8);
    CHECK(m.levels[1].tiles[6].path == "L1/t1_2.mp4");

    // What is on disk is what the manifest says.
    auto loaded = loadManifest(monoPackageDir());
    REQUIRE(loaded.ok());
    CHECK(writeManifest(*loaded) == writeManifest(m));
    for (const Level& level : m.levels) {
        for (const StreamFile& tile : level.tiles) {
            const fs::path file = monoPackageDir() / tile.path;
            CHECK(fs::file_size(file) == tile.bytes);
            CHECK(sha256File(file).value() == tile.sha256);
        }
    }
    CHECK(sha256File(monoPackageDir() / "base.mp4").value() == m.base.sha256);
    auto verified = openPackage(monoPackageDir(), PackageCheck{true, true});
    INFO((verified ? std::string() : verified.error().message));
    CHECK(verified.ok());
}

TEST_CASE("every packed stream decodes to its size with IDR keyframes at the same timestamps", "[video][packager]") {
    const Manifest& m = monoPackage();
    std::vector<std::pair<StreamFile, std::pair<int, int>>> streams = {{m.base, {m.baseWidth, m.baseHeight}}};
    for (const Level& level : m.levels)
        for (const StreamFile& tile : level.tiles) streams.push_back({tile, {level.tileWidth, level.tileHeight}});
    REQUIRE(streams.size() == 17);

    const ProbedStream reference = ffprobe(monoPackageDir() / m.base.path);
    REQUIRE(reference.keyframeTimes == std::vector<std::string>{"0.000000", "0.333333", "0.666667"});
    for (const auto& [file, size] : streams) {
        INFO(file.path);
        const ProbedStream probed = ffprobe(monoPackageDir() / file.path);
        CHECK(probed.width == size.first);
        CHECK(probed.height == size.second);
        CHECK(probed.decodedFrames == 30);
        CHECK(probed.packetTimes == reference.packetTimes);      // shared timestamps
        CHECK(probed.keyframeTimes == reference.keyframeTimes);  // aligned keyframes
        // ffprobe's K flag also marks recovery points; the NAL type says whether it is an IDR.
        auto info = probeVideoStream(monoPackageDir() / file.path);
        REQUIRE(info.ok());
        REQUIRE(info->keyframes.size() == 3);
        for (const Keyframe& keyframe : info->keyframes) CHECK(keyframe.idr);
        CHECK(info->hasBFrames); // unreferenced ones, skipped while catching up
    }
}

TEST_CASE("packed tiles show their own region of the right frame", "[video][packager]") {
    const Manifest& m = monoPackage();
    const TestPatternPainter painter({1024, 512, StereoLayout::Mono, Projection::Equirect360});
    // Label tiles are 128x128, level-0 pack tiles 256x256: label tile (1, 3) lies in pack tile (0, 1).
    struct Probe {
        int labelRow, labelCol, tileRow, tileCol;
    };
    for (const Probe& probe : {Probe{0, 0, 0, 0}, Probe{1, 3, 0, 1}, Probe{3, 6, 1, 3}}) {
        const StreamFile& tile = m.levels[0].tiles[m.tileIndex(0, probe.tileRow, probe.tileCol)];
        INFO(tile.path);
        PixelRect code = painter.frameCodeRect(0, probe.labelRow, probe.labelCol);
        code.x -= probe.tileCol * 256;
        code.y -= probe.tileRow * 256;
        const auto frames = decodeLuma(monoPackageDir() / tile.path, 256, 256);
        REQUIRE(frames.size() == 30);
        for (std::size_t i = 0; i < frames.size(); ++i)
            CHECK(TestPatternPainter::readFrameCode(frames[i].data(), 256, code) == static_cast<int>(i));
    }
}

TEST_CASE("a level packed in several runs of fewer encoders gives the same streams", "[video][packager]") {
    // 8 tiles a level, at most 3 encoders a run: three runs per level, each decoding the source.
    const Manifest& whole = monoPackage();
    const fs::path source = scratchDirectory() / "mono.mp4";
    PackOptions options = smallPackOptions(source, scratchDirectory() / "mono-pkg-batched");
    options.maxEncodersPerRun = 3;
    std::vector<std::string> stages;
    auto packed = packVideo(options, [&](const PackProgress& progress) {
        if (stages.empty() || stages.back() != progress.stage) stages.push_back(progress.stage);
    });
    INFO((packed ? std::string() : packed.error().message));
    REQUIRE(packed.ok());
    CHECK(std::count_if(stages.begin(), stages.end(), [](const std::string& stage) {
              return stage.rfind("level 0/2", 0) == 0;
          }) == 3);
    CHECK(std::find(stages.begin(), stages.end(), "level 0/2 (8 tiles of 256x256, tiles 7-8)") != stages.end());
    // x264 is deterministic: every tile stream is the same file, whichever run encoded it.
    REQUIRE(packed->levels.size() == whole.levels.size());
    for (std::size_t level = 0; level < whole.levels.size(); ++level) {
        REQUIRE(packed->levels[level].tiles.size() == whole.levels[level].tiles.size());
        for (std::size_t tile = 0; tile < whole.levels[level].tiles.size(); ++tile) {
            INFO(whole.levels[level].tiles[tile].path);
            CHECK(packed->levels[level].tiles[tile].sha256 == whole.levels[level].tiles[tile].sha256);
        }
    }
}

TEST_CASE("stereo top-bottom packages list tiles eye-major", "[video][packager]") {
    const fs::path source = generateSource("stereo.mp4", 1024, 1024, StereoLayout::TopBottom, 10.0 / 30.0);
    PackOptions options = smallPackOptions(source, scratchDirectory() / "stereo-pkg");
    options.layout = StereoLayout::TopBottom;
    options.gridCols = 2;
    options.gridRows = 1;
    options.levels = 1;
    options.gopFrames = 5;
    auto packed = packVideo(options);
    INFO((packed ? std::string() : packed.error().message));
    REQUIRE(packed.ok());
    const Manifest& m = *packed;
    CHECK(m.eyeWidth() == 1024);
    CHECK(m.eyeHeight() == 512);
    CHECK(m.baseWidth == 256);
    CHECK(m.baseHeight == 256);  // two 256x128 eyes stacked
    REQUIRE(m.levels.size() == 1);
    REQUIRE(m.levels[0].tiles.size() == 4);
    CHECK(m.levels[0].tiles[0].path == "L0/e0_t0_0.mp4");
    CHECK(m.levels[0].tiles[1].path == "L0/e0_t0_1.mp4");
    CHECK(m.levels[0].tiles[2].path == "L0/e1_t0_0.mp4");
    CHECK(m.levels[0].tiles[3].path == "L0/e1_t0_1.mp4");
    // The right eye's first tile is cut from the bottom half and carries its shifted frame code.
    const TestPatternPainter painter({1024, 1024, StereoLayout::TopBottom, Projection::Equirect360});
    PixelRect rightCode = painter.frameCodeRect(1, 0, 0);
    rightCode.y -= 512;
    PixelRect leftCode = painter.frameCodeRect(0, 0, 0);
    const auto right = decodeLuma(scratchDirectory() / "stereo-pkg" / m.levels[0].tiles[2].path, 512, 512);
    const auto left = decodeLuma(scratchDirectory() / "stereo-pkg" / m.levels[0].tiles[0].path, 512, 512);
    REQUIRE(right.size() == 10);
    REQUIRE(left.size() == 10);
    for (std::size_t i = 0; i < right.size(); ++i) {
        CHECK(TestPatternPainter::readFrameCode(right[i].data(), 512, rightCode) == static_cast<int>(i));
        CHECK(TestPatternPainter::readFrameCode(left[i].data(), 512, leftCode) == static_cast<int>(i));
    }
    CHECK(left[0] != right[0]);
}

TEST_CASE("HEVC packages start every GOP with an IDR picture", "[video][packager]") {
    PackOptions options = smallPackOptions(generateSource("mono.mp4", 1024, 512, StereoLayout::Mono, 1.0),
                                           scratchDirectory() / "hevc-pkg");
    options.codec = "hevc";
    options.gridCols = 2;
    options.gridRows = 1;
    options.levels = 1;
    auto packed = packVideo(options);
    INFO((packed ? std::string() : packed.error().message));
    REQUIRE(packed.ok());
    REQUIRE(packed->levels[0].tiles.size() == 2);
    for (const StreamFile* file : {&packed->base, &packed->levels[0].tiles[0], &packed->levels[0].tiles[1]}) {
        INFO(file->path);
        auto info = probeVideoStream(scratchDirectory() / "hevc-pkg" / file->path);
        REQUIRE(info.ok());
        CHECK(info->codec == "hevc");
        CHECK(info->frameCount == 30);
        REQUIRE(info->keyframes.size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(info->keyframes[i].frameIndex == static_cast<std::int64_t>(i * 10));
            CHECK(info->keyframes[i].idr);  // IDR_W_RADL / IDR_N_LP, not an open-GOP CRA
        }
        CHECK(ffprobe(scratchDirectory() / "hevc-pkg" / file->path).keyframeTimes ==
              std::vector<std::string>{"0.000000", "0.333333", "0.666667"});
    }
}

TEST_CASE("stream probe tells open-GOP keyframes from IDR pictures", "[video][packager]") {
    // x264/x265 with open GOPs and B-frames: the periodic keyframes are recovery points (H.264) or
    // CRA pictures (HEVC), which ffprobe flags K but which are not safe switch points.
    const fs::path source = generateSource("mono.mp4", 1024, 512, StereoLayout::Mono, 1.0);
    for (const std::string encoder : {"libx264", "libx265"}) {
        INFO(encoder);
        const fs::path open = scratchDirectory() / ("open-gop-" + encoder + ".mp4");
        const std::string params = encoder == "libx264" ? "-x264-params " : "-x265-params log-level=error:";
        runAndCapture("ffmpeg -v error -nostdin -y -i '" + source.string() + "' -c:v " + encoder + " -preset ultrafast " +
                      params + "keyint=10:min-keyint=10:scenecut=0:open-gop=1:bframes=3 '" + open.string() + "'");
        auto info = probeVideoStream(open);
        REQUIRE(info.ok());
        CHECK(info->hasBFrames);
        REQUIRE(info->keyframes.size() >= 2);
        CHECK(info->keyframes[0].idr);
        for (std::size_t i = 1; i < info->keyframes.size(); ++i) CHECK_FALSE(info->keyframes[i].idr);
    }
}

TEST_CASE("package reader names damaged, missing and escaping tile files", "[video][packager]") {
    const Manifest& m = monoPackage();
    SECTION("truncated tile") {
        const fs::path dir = copyOfMonoPackage("truncated");
        const StreamFile& tile = m.levels[0].tiles[6];
        fs::resize_file(dir / tile.path, tile.bytes / 2);
        CHECK(openError(dir) == (dir / "L0/t1_2.mp4").string() + ": " + std::to_string(tile.bytes / 2) +
                                    " bytes, the manifest says " + std::to_string(tile.bytes) + " (truncated or replaced?)");
    }
    SECTION("corrupted tile of the same size") {
        const fs::path dir = copyOfMonoPackage("corrupted");
        const StreamFile& tile = m.levels[1].tiles[2];
        {
            std::fstream file(dir / tile.path, std::ios::in | std::ios::out | std::ios::binary);
            file.seekp(static_cast<std::streamoff>(tile.bytes / 2));
            const char garbage[16] = {'x', 'r', 's', '!', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
            file.write(garbage, sizeof(garbage));
        }
        CHECK(openError(dir).empty());  // the cheap check only compares sizes
        CHECK(openError(dir, {true, false}) == (dir / "L1/t0_2.mp4").string() + ": SHA-256 differs from the manifest (corrupted)");
    }
    SECTION("tile replaced by a file that is not a video") {
        const fs::path dir = copyOfMonoPackage("not-a-video");
        const StreamFile& tile = m.levels[0].tiles[0];
        {
            std::ofstream file(dir / tile.path, std::ios::binary | std::ios::trunc);
            file << std::string(tile.bytes, 'z');
        }
        const std::string error = openError(dir, {false, true});
        CHECK(error.rfind((dir / "L0/t0_0.mp4").string() + ": damaged stream: ", 0) == 0);
        CHECK(error.find("not a video file") != std::string::npos);
    }
    SECTION("missing tile") {
        const fs::path dir = copyOfMonoPackage("missing");
        fs::remove(dir / "L1/t0_3.mp4");
        CHECK(openError(dir) == (dir / "L1/t0_3.mp4").string() + ": missing (level 1 tile 3)");
    }
    SECTION("missing base layer") {
        const fs::path dir = copyOfMonoPackage("missing-base");
        fs::remove(dir / "base.mp4");
        CHECK(openError(dir) == (dir / "base.mp4").string() + ": missing (base layer)");
    }
    SECTION("tile symlinked out of the package") {
        const fs::path dir = copyOfMonoPackage("symlink");
        const fs::path outside = scratchDirectory() / "outside.mp4";
        fs::copy_file(dir / "L0/t0_1.mp4", outside, fs::copy_options::overwrite_existing);
        fs::remove(dir / "L0/t0_1.mp4");
        fs::create_symlink(outside, dir / "L0/t0_1.mp4");
        CHECK(openError(dir) == (dir / "L0/t0_1.mp4").string() + ": leads outside the package (level 0 tile 1)");
    }
    SECTION("manifest pointing outside the package") {
        const fs::path dir = copyOfMonoPackage("escaping-manifest");
        std::string json = writeManifest(m);
        json.replace(json.find("\"L1/t1_3.mp4\""), 13, "\"../../x.mp4\"");
        std::ofstream(dir / "manifest.json", std::ios::trunc) << json;
        CHECK(openError(dir) == (dir / "manifest.json").string() + ": /levels/1/tiles/7/path: must stay inside the package");
    }
    SECTION("no package at all") {
        CHECK(openError(scratchDirectory() / "nothing-here") == (scratchDirectory() / "nothing-here").string() + ": not a package directory");
    }
}

TEST_CASE("pack rejects unusable inputs with one line naming the file", "[video][packager]") {
    const fs::path out = scratchDirectory() / "rejected-pkg";
    SECTION("missing input") {
        const fs::path input = scratchDirectory() / "does-not-exist.mp4";
        auto packed = packVideo(smallPackOptions(input, out));
        REQUIRE_FALSE(packed.ok());
        CHECK(packed.error().message == input.string() + ": no such file");
    }
    SECTION("text file") {
        const fs::path input = scratchDirectory() / "notes.txt";
        std::ofstream(input) << "This is not a video.\n";
        auto packed = packVideo(smallPackOptions(input, out));
        REQUIRE_FALSE(packed.ok());
        CHECK(packed.error().message == input.string() + ": not a video file (Invalid data found when processing input)");
    }
    SECTION("garbage with a video extension") {
        const fs::path input = scratchDirectory() / "garbage.mp4";
        std::ofstream(input, std::ios::binary) << std::string(5000, '\x17');
        auto packed = packVideo(smallPackOptions(input, out));
        REQUIRE_FALSE(packed.ok());
        CHECK(packed.error().message == input.string() + ": not a video file (Invalid data found when processing input)");
    }
    SECTION("size that does not split into the grid") {
        const fs::path input = generateSource("odd.mp4", 1000, 500, StereoLayout::Mono, 2.0 / 30.0);
        PackOptions options = smallPackOptions(input, out);
        options.gridCols = 8;
        options.gridRows = 4;
        options.levels = 3;
        auto packed = packVideo(options);
        REQUIRE_FALSE(packed.ok());
        CHECK(packed.error().message == input.string() +
                                            ": 1000x500 mono frame does not split into 8x4 tiles over 3 levels "
                                            "(eye size must be a multiple of 64x32)");
    }
    SECTION("output directory that holds something else") {
        const fs::path busy = scratchDirectory() / "busy";
        fs::create_directories(busy);
        std::ofstream(busy / "important.txt") << "keep me";
        auto packed = packVideo(smallPackOptions(monoPackageDir() / "base.mp4", busy));
        REQUIRE_FALSE(packed.ok());
        CHECK(packed.error().message == busy.string() + ": exists, is not empty and holds no package; refusing to overwrite it");
        CHECK(fs::exists(busy / "important.txt"));
    }
    CHECK_FALSE(fs::exists(out / "manifest.json"));
}

TEST_CASE("base layer size follows the documented rule", "[video][packager]") {
    auto size = [](int w, int h, StereoLayout layout, Projection projection) {
        const FrameSize s = baseLayerSize(w, h, layout, projection);
        return std::pair(s.width, s.height);
    };
    CHECK(size(7680, 3840, StereoLayout::Mono, Projection::Equirect360) == std::pair(1024, 512));
    CHECK(size(7680, 7680, StereoLayout::TopBottom, Projection::Equirect360) == std::pair(1024, 1024));
    CHECK(size(7680, 3840, StereoLayout::SideBySide, Projection::Equirect180) == std::pair(1024, 512));
    CHECK(size(15360, 7680, StereoLayout::Mono, Projection::Equirect360) == std::pair(1024, 512));
    CHECK(size(1024, 512, StereoLayout::Mono, Projection::Equirect360) == std::pair(256, 128));
}
