// TileDecoder and DecoderPool against small real videos made here with the ffmpeg program:
// frame order and timestamps, pixels equal to ffmpeg's own decode, keyframe seeks and mid-GOP
// starts, and broken streams failing alone with their file named.
#include "video/DecoderPool.h"
#include "video/TileDecoder.h"

#include <catch2/catch.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>

using namespace xrs::video;
namespace fs = std::filesystem;

namespace {

constexpr int kWidth = 256;
constexpr int kHeight = 128;
constexpr int kFrames = 60; // 2 s at 30 fps
constexpr int kGop = 15;

// A scratch directory per test case, removed afterwards.
class ScratchDir {
public:
    ScratchDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("xrs_video_decoder_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void run(const std::string& command) {
    INFO(command);
    REQUIRE(std::system((command + " > /dev/null 2>&1").c_str()) == 0);
}

// A 2 s, 30 fps H.264 clip with keyframes exactly every kGop frames and no B-frames.
fs::path encode(const fs::path& file, const std::string& source = "testsrc2", const std::string& extra = "") {
    run("ffmpeg -nostdin -y -f lavfi -i " + source + "=s=" + std::to_string(kWidth) + "x" + std::to_string(kHeight) +
        ":r=30 -t 2 -c:v libx264 -g " + std::to_string(kGop) + " -keyint_min " + std::to_string(kGop) +
        " -sc_threshold 0 -bf 0 -pix_fmt yuv420p -movflags +faststart " + extra + " '" + file.string() + "'");
    return file;
}

// ffmpeg's own decode of every frame, as tightly packed NV12.
std::vector<std::vector<std::uint8_t>> referenceFrames(const fs::path& file) {
    const fs::path raw = file.string() + ".nv12";
    run("ffmpeg -nostdin -y -i '" + file.string() + "' -f rawvideo -pix_fmt nv12 '" + raw.string() + "'");
    std::ifstream in(raw, std::ios::binary);
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t frameBytes = kWidth * kHeight * 3 / 2;
    REQUIRE(bytes.size() == frameBytes * kFrames);
    std::vector<std::vector<std::uint8_t>> frames;
    for (std::size_t i = 0; i < kFrames; ++i)
        frames.emplace_back(bytes.begin() + static_cast<std::ptrdiff_t>(i * frameBytes),
                            bytes.begin() + static_cast<std::ptrdiff_t>((i + 1) * frameBytes));
    return frames;
}

// Number of bytes where a decoded frame differs from the packed reference.
int differingBytes(const DecodedFrame& frame, const std::vector<std::uint8_t>& reference) {
    REQUIRE(frame.width == kWidth);
    REQUIRE(frame.height == kHeight);
    int differing = 0;
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x)
            differing += frame.luma[static_cast<std::size_t>(y * frame.lumaStride + x)] !=
                         reference[static_cast<std::size_t>(y * kWidth + x)];
    const std::size_t chromaStart = kWidth * kHeight;
    for (int y = 0; y < kHeight / 2; ++y)
        for (int x = 0; x < kWidth; ++x)
            differing += frame.chroma[static_cast<std::size_t>(y * frame.chromaStride + x)] !=
                         reference[chromaStart + static_cast<std::size_t>(y * kWidth + x)];
    return differing;
}

// Overwrites the middle of a file with noise (a fixed seed: the same damage every run).
void scramble(const fs::path& file, double from, double to) {
    std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
    const auto size = static_cast<double>(fs::file_size(file));
    std::mt19937 rng(5);
    io.seekp(static_cast<std::streamoff>(size * from));
    for (auto i = static_cast<std::int64_t>(size * from); i < static_cast<std::int64_t>(size * to); ++i)
        io.put(static_cast<char>(rng() & 0xff));
}

void truncate(const fs::path& file, double keepFraction) {
    fs::resize_file(file, static_cast<std::uintmax_t>(static_cast<double>(fs::file_size(file)) * keepFraction));
}

// A one-level package whose tiles are the given files (relative to dir).
Manifest manifestFor(const std::vector<std::string>& tileFiles) {
    Manifest manifest;
    manifest.sourceWidth = kWidth * static_cast<int>(tileFiles.size());
    manifest.sourceHeight = kHeight;
    manifest.fpsNum = 30;
    manifest.fpsDen = 1;
    manifest.frameCount = kFrames;
    manifest.gopFrames = kGop;
    manifest.codec = "h264";
    manifest.gridCols = static_cast<int>(tileFiles.size());
    manifest.gridRows = 1;
    Level level;
    level.tileWidth = kWidth;
    level.tileHeight = kHeight;
    for (const std::string& file : tileFiles)
        level.tiles.push_back(StreamFile{file, 0, ""});
    manifest.levels.push_back(level);
    manifest.base = StreamFile{tileFiles.front(), 0, ""};
    manifest.baseWidth = kWidth;
    manifest.baseHeight = kHeight;
    return manifest;
}

constexpr std::chrono::milliseconds kPatience{10000};

// Requests `frame` of the given streams and waits for the first one.
DecoderPool::FrameLease showFrame(DecoderPool& pool, std::vector<StreamId> streams, std::int64_t frame) {
    std::vector<StreamRequest> requests;
    for (StreamId id : streams)
        requests.push_back({id, frame});
    pool.submit(requests);
    INFO("frame " << frame);
    REQUIRE(pool.waitFor(streams.front(), frame, kPatience));
    std::optional<DecoderPool::FrameLease> lease = pool.tryAcquire(streams.front(), frame);
    REQUIRE(lease.has_value());
    return std::move(*lease);
}

} // namespace

TEST_CASE("TileDecoder decodes every frame in order, identical to ffmpeg's decode", "[video][decoder]") {
    ScratchDir dir;
    const fs::path file = encode(dir.path() / "a.mp4");
    const auto reference = referenceFrames(file);
    xrs::Result<TileDecoder> opened = TileDecoder::open(file);
    REQUIRE(opened.ok());
    TileDecoder& decoder = opened.value();
    CHECK(decoder.width() == kWidth);
    CHECK(decoder.height() == kHeight);
    CHECK(decoder.frameCount() == kFrames);

    DecodedFrame frame;
    for (int i = 0; i < kFrames; ++i) {
        xrs::Result<DecodeStep> step = decoder.decodeNext();
        REQUIRE(step.ok());
        REQUIRE_FALSE(step->endOfStream);
        CHECK(step->frameIndex == i);
        CHECK(step->pixels == kWidth * kHeight);
        REQUIRE(decoder.copyCurrentFrame(frame).ok());
        CHECK(frame.frameIndex == i);
        CHECK(frame.ptsSeconds == Approx(i / 30.0).margin(1e-6));
        CHECK(frame.lumaStride % 32 == 0);
        CHECK(differingBytes(frame, reference[static_cast<std::size_t>(i)]) == 0);
    }
    CHECK(frame.matrix == ColourMatrix::Bt709); // untagged stream
    CHECK(frame.range == ColourRange::Limited);
    xrs::Result<DecodeStep> end = decoder.decodeNext();
    REQUIRE(end.ok());
    CHECK(end->endOfStream);
}

TEST_CASE("TileDecoder seeks to the keyframe at or before a frame", "[video][decoder]") {
    ScratchDir dir;
    const fs::path file = encode(dir.path() / "a.mp4");
    const auto reference = referenceFrames(file);
    xrs::Result<TileDecoder> opened = TileDecoder::open(file);
    REQUIRE(opened.ok());
    TileDecoder& decoder = opened.value();
    DecodedFrame frame;
    for (auto [target, keyframe] : {std::pair{22, 15}, std::pair{45, 45}, std::pair{0, 0}, std::pair{59, 45}, std::pair{14, 0},
                                    std::pair{44, 30}, std::pair{46, 45}, std::pair{30, 30}}) {
        INFO("seek to " << target);
        REQUIRE(decoder.seekToKeyframeAtOrBefore(target).ok());
        xrs::Result<DecodeStep> step = decoder.decodeNext();
        REQUIRE(step.ok());
        CHECK(step->frameIndex == keyframe);
        REQUIRE(decoder.copyCurrentFrame(frame).ok());
        CHECK(differingBytes(frame, reference[static_cast<std::size_t>(keyframe)]) == 0);
    }
}

// The encoders' settings the packager uses (three unreferenced B-frames between anchors, closed
// GOPs), at this file's GOP.
fs::path encodeWithBFrames(const fs::path& file, const std::string& codec) {
    const std::string gop = std::to_string(kGop);
    const std::string params =
        codec == "libx264" ? "-x264-params keyint=" + gop + ":min-keyint=" + gop +
                                 ":scenecut=0:open-gop=0:bframes=3:b-adapt=0:b-pyramid=none"
                           : "-tag:v hvc1 -x265-params log-level=error:keyint=" + gop + ":min-keyint=" + gop +
                                 ":scenecut=0:open-gop=0:bframes=3:b-adapt=0:b-pyramid=0";
    run("ffmpeg -nostdin -y -f lavfi -i testsrc2=s=" + std::to_string(kWidth) + "x" + std::to_string(kHeight) +
        ":r=30 -t 2 -c:v " + codec + " -preset ultrafast " + params + " -pix_fmt yuv420p -movflags +faststart '" +
        file.string() + "'");
    return file;
}

TEST_CASE("TileDecoder catches up through B-frames without decoding them, to the same pixels", "[video][decoder]") {
    ScratchDir dir;
    for (const std::string codec : {"libx264", "libx265"}) {
        INFO(codec);
        const fs::path file = encodeWithBFrames(dir.path() / (codec + ".mp4"), codec);
        const auto reference = referenceFrames(file);
        xrs::Result<TileDecoder> opened = TileDecoder::open(file, kFrames);
        REQUIRE(opened.ok());
        TileDecoder& decoder = opened.value();
        DecodedFrame frame;
        // Every target, including the last frames of a GOP (a B-frame's anchor may lie in the
        // next GOP's decode order) and the keyframes themselves.
        for (int target = 0; target < kFrames; ++target) {
            INFO("catch up to frame " << target);
            const int keyframe = target / kGop * kGop;
            REQUIRE(decoder.seekToKeyframeAtOrBefore(target).ok());
            int decodedBefore = 0;
            xrs::Result<DecodeStep> step = decoder.decodeNext(target);
            while (step.ok() && !step->endOfStream && step->frameIndex < target) {
                CHECK(step->frameIndex >= keyframe);
                ++decodedBefore;
                step = decoder.decodeNext(target);
            }
            REQUIRE(step.ok());
            REQUIRE_FALSE(step->endOfStream);
            REQUIRE(step->frameIndex == target);
            REQUIRE(decoder.copyCurrentFrame(frame).ok());
            CHECK(differingBytes(frame, reference[static_cast<std::size_t>(target)]) == 0);
            // Only the anchors (I and P, one in four frames) before the target were decoded.
            CHECK(decodedBefore <= (target - keyframe + 3) / 4);
        }
        // After a catch-up the stream plays on with every frame.
        REQUIRE(decoder.seekToKeyframeAtOrBefore(40).ok());
        xrs::Result<DecodeStep> step = decoder.decodeNext(40);
        while (step.ok() && !step->endOfStream && step->frameIndex < 40) step = decoder.decodeNext(40);
        for (int index = 40; index < kFrames; ++index) {
            REQUIRE(step.ok());
            REQUIRE_FALSE(step->endOfStream);
            CHECK(step->frameIndex == index);
            REQUIRE(decoder.copyCurrentFrame(frame).ok());
            CHECK(differingBytes(frame, reference[static_cast<std::size_t>(index)]) == 0);
            step = decoder.decodeNext(40);
        }
        REQUIRE(step.ok());
        CHECK(step->endOfStream);
    }
}

TEST_CASE("TileDecoder reports the stream's colour matrix and range", "[video][decoder]") {
    ScratchDir dir;
    xrs::Result<TileDecoder> bt601 =
        TileDecoder::open(encode(dir.path() / "601.mp4", "testsrc2", "-colorspace bt470bg -color_range tv"));
    xrs::Result<TileDecoder> full =
        TileDecoder::open(encode(dir.path() / "full.mp4", "testsrc2", "-colorspace bt709 -color_range pc"));
    REQUIRE(bt601.ok());
    REQUIRE(full.ok());
    DecodedFrame frame;
    REQUIRE(bt601->decodeNext().ok());
    REQUIRE(bt601->copyCurrentFrame(frame).ok());
    CHECK(frame.matrix == ColourMatrix::Bt601);
    CHECK(frame.range == ColourRange::Limited);
    REQUIRE(full->decodeNext().ok());
    REQUIRE(full->copyCurrentFrame(frame).ok());
    CHECK(frame.matrix == ColourMatrix::Bt709);
    CHECK(frame.range == ColourRange::Full);
}

TEST_CASE("TileDecoder names the file when it is missing, not video or truncated", "[video][decoder]") {
    ScratchDir dir;
    const fs::path missing = dir.path() / "missing.mp4";
    xrs::Result<TileDecoder> none = TileDecoder::open(missing);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message == missing.string() + ": no such file");

    const fs::path text = dir.path() / "notes.mp4";
    std::ofstream(text) << "this is not a video, just some words in a file with a video's name\n";
    xrs::Result<TileDecoder> notVideo = TileDecoder::open(text);
    REQUIRE_FALSE(notVideo.ok());
    CHECK_THAT(notVideo.error().message, Catch::StartsWith(text.string() + ": cannot open as video"));

    // Index at the end (no faststart): cutting the file loses the index, opening fails.
    const fs::path cutIndex = encode(dir.path() / "cut_index.mp4", "testsrc2", "-movflags -faststart");
    truncate(cutIndex, 0.5);
    xrs::Result<TileDecoder> noIndex = TileDecoder::open(cutIndex);
    REQUIRE_FALSE(noIndex.ok());
    CHECK_THAT(noIndex.error().message, Catch::StartsWith(cutIndex.string() + ": "));

    // Index first: it opens, then the data runs out before the frames the index promised.
    const fs::path cutData = encode(dir.path() / "cut_data.mp4");
    truncate(cutData, 0.5);
    xrs::Result<TileDecoder> partial = TileDecoder::open(cutData);
    REQUIRE(partial.ok());
    std::optional<xrs::Error> failure;
    int decoded = 0;
    while (!failure && decoded <= kFrames) {
        xrs::Result<DecodeStep> step = partial->decodeNext();
        if (!step)
            failure = step.error();
        else if (step->endOfStream)
            break;
        else
            ++decoded;
    }
    REQUIRE(failure.has_value());
    CHECK(decoded < kFrames);
    CHECK_THAT(failure->message, Catch::StartsWith(cutData.string() + ": "));
    CHECK_THAT(failure->message, Catch::EndsWith("(truncated)"));
}

TEST_CASE("DecoderPool plays a stream in order with ffmpeg's pixels and timestamps", "[video][decoder]") {
    ScratchDir dir;
    const auto reference = referenceFrames(encode(dir.path() / "a.mp4"));
    DecoderPool pool(dir.path(), manifestFor({"a.mp4"}), DecoderPool::Config{2, 3, 30});
    CHECK(pool.workerCount() == 2);
    const StreamId tile{0, 0};
    CHECK(pool.streamFile(tile) == dir.path() / "a.mp4");
    CHECK_FALSE(pool.tryAcquire(tile, 0).has_value()); // nothing requested yet: no frame, no wait

    for (int f = 0; f < kFrames; ++f) {
        DecoderPool::FrameLease lease = showFrame(pool, {tile}, f);
        CHECK(lease.stream() == tile);
        CHECK(lease.frame().frameIndex == f);
        CHECK(lease.frame().ptsSeconds == Approx(f / 30.0).margin(1e-6));
        CHECK(differingBytes(lease.frame(), reference[static_cast<std::size_t>(f)]) == 0);
    }
    const DecoderPoolStats stats = pool.stats();
    CHECK(stats.framesDropped == 0);
    CHECK(stats.framesDelivered >= kFrames);
    CHECK(stats.framesDelivered <= kFrames + 3); // decodes ahead by at most the ring
    CHECK(stats.pixelsDecoded == (stats.framesDelivered + stats.framesDropped) * kWidth * kHeight);
    CHECK(stats.openStreams == 1);
    CHECK(pool.status(tile).state == StreamState::Decoding);
    const auto throughput = pool.takeThroughputSample();
    REQUIRE(throughput.has_value());
    CHECK(throughput->pixelsPerSecond > 0.0);
    CHECK(throughput->seconds > 0.0);

    // Looping back to the start seeks back, every time round; so does a step back by one.
    for (int loop = 0; loop < 2; ++loop) {
        for (int f : {0, 1, 2, 58, 59}) {
            DecoderPool::FrameLease lease = showFrame(pool, {tile}, f);
            CHECK(differingBytes(lease.frame(), reference[static_cast<std::size_t>(f)]) == 0);
        }
    }
    DecoderPool::FrameLease stepBack = showFrame(pool, {tile}, 58);
    CHECK(differingBytes(stepBack.frame(), reference[58]) == 0);
}

TEST_CASE("a throughput sample needs pixels: worker time spent opening or seeking waits for them", "[video][decoder]") {
    // A window of only opening and seeking used to report 0 pixels/s, which the scheduler
    // refuses (a crash in the rendering loop of `bench video` on top-bottom stereo).
    CHECK_FALSE(DecoderPool::throughputSample(0.020, 0, 2).has_value());
    CHECK_FALSE(DecoderPool::throughputSample(0.0005, 1000, 2).has_value()); // timer noise
    const auto sample = DecoderPool::throughputSample(0.5, 1'000'000, 2);
    REQUIRE(sample.has_value());
    CHECK(sample->pixelsPerSecond == Approx(4'000'000.0));
    CHECK(sample->seconds == Approx(0.25)); // two workers' half second: a quarter second of the pool
}

TEST_CASE("a clip no longer than the frame ring loops for ever", "[video][decoder]") {
    // Four frames, a ring of three: at the end of the clip every slot may hold a frame the clip
    // will show again soon, yet the decoder must seek back to frame 0 to go on. The same with a
    // looping pool, whose window of frames needed soon wraps around the end.
    const bool loops = GENERATE(false, true);
    INFO("Config::loop " << loops);
    ScratchDir dir;
    encode(dir.path() / "short.mp4", "testsrc2", "-frames:v 4");
    Manifest manifest = manifestFor({"short.mp4"});
    manifest.frameCount = 4;
    DecoderPool pool(dir.path(), manifest, DecoderPool::Config{2, 3, 30, loops});
    for (int loop = 0; loop < 3; ++loop) {
        for (int f = 0; f < 4; ++f) {
            INFO("loop " << loop);
            DecoderPool::FrameLease lease = showFrame(pool, {{0, 0}}, f);
            CHECK(lease.frame().frameIndex == f);
        }
    }
    CHECK(pool.status({0, 0}).state == StreamState::Decoding);
}

TEST_CASE("a looping pool has the clip's first frames decoded before the clock wraps", "[video][decoder]") {
    ScratchDir dir;
    const auto reference = referenceFrames(encodeWithBFrames(dir.path() / "b.mp4", "libx265"));
    const StreamId tile{0, 0};
    DecoderPool pool(dir.path(), manifestFor({"b.mp4"}), DecoderPool::Config{2, 3, 30, true});
    for (int f = 50; f < kFrames; ++f) showFrame(pool, {tile}, f);
    // Still at the last frame, the ring already holds frames 0 and 1, decoded on from the end
    // without seeking back from a keyframe (nothing dropped).
    const std::uint64_t droppedBefore = pool.stats().framesDropped;
    REQUIRE(pool.waitFor(tile, 0, kPatience));
    REQUIRE(pool.waitFor(tile, 1, kPatience));
    for (int f = 0; f < 6; ++f) {
        const DecoderPool::FrameLease lease = showFrame(pool, {tile}, f);
        CHECK(differingBytes(lease.frame(), reference[static_cast<std::size_t>(f)]) == 0);
    }
    CHECK(pool.stats().framesDropped == droppedBefore);
    // Round and round, with jumps near and across the end: every frame is the right one.
    for (int round = 0; round < 2; ++round)
        for (int f : {6, 7, 30, 45, 58, 59, 0, 57, 2, 59, 58, 1, 14, 15, 59}) {
            INFO("round " << round << ", frame " << f);
            const DecoderPool::FrameLease lease = showFrame(pool, {tile}, f);
            CHECK(differingBytes(lease.frame(), reference[static_cast<std::size_t>(f)]) == 0);
        }
    for (int f = 40; f < 3 * kFrames; ++f) {
        const DecoderPool::FrameLease lease = showFrame(pool, {tile}, f % kFrames);
        CHECK(differingBytes(lease.frame(), reference[static_cast<std::size_t>(f % kFrames)]) == 0);
    }

    // Without looping nothing is decoded past the target at the end.
    DecoderPool once(dir.path(), manifestFor({"b.mp4"}), DecoderPool::Config{2, 3, 30, false});
    for (int f = 57; f < kFrames; ++f) showFrame(once, {tile}, f);
    CHECK_FALSE(once.waitFor(tile, 0, std::chrono::milliseconds(300)));
}

TEST_CASE("DecoderPool starts mid-GOP from the previous keyframe, and switches streams the same way", "[video][decoder]") {
    ScratchDir dir;
    const auto referenceA = referenceFrames(encode(dir.path() / "a.mp4"));
    const auto referenceB = referenceFrames(encode(dir.path() / "b.mp4", "mandelbrot"));
    DecoderPool pool(dir.path(), manifestFor({"a.mp4", "b.mp4"}), DecoderPool::Config{2, 3, 30});

    {
        DecoderPool::FrameLease lease = showFrame(pool, {{0, 0}}, 37);
        CHECK(lease.frame().frameIndex == 37);
        CHECK(differingBytes(lease.frame(), referenceA[37]) == 0);
    }
    CHECK(pool.stats().framesDropped == 7); // keyframe 30, then 30..36 decoded and dropped

    // "Level switch": another stream of the same tile turns on at frame 38.
    {
        DecoderPool::FrameLease lease = showFrame(pool, {{0, 1}, {0, 0}}, 38);
        CHECK(differingBytes(lease.frame(), referenceB[38]) == 0);
        CHECK(differingBytes(lease.frame(), referenceA[38]) > 1000); // really the other stream
    }
    CHECK(pool.stats().framesDropped == 7 + 8);

    // A jump forward past the next keyframe seeks instead of decoding through: from about
    // frame 40 to 47 that drops keyframe 45 and 46, not 40..46. (A frame the worker was
    // decoding ahead when the jump came is dropped too, hence the range.)
    const std::uint64_t droppedBefore = pool.stats().framesDropped;
    DecoderPool::FrameLease later = showFrame(pool, {{0, 0}}, 47);
    CHECK(differingBytes(later.frame(), referenceA[47]) == 0);
    CHECK(pool.stats().framesDropped - droppedBefore >= 2);
    CHECK(pool.stats().framesDropped - droppedBefore <= 4);
}

TEST_CASE("DecoderPool catching up through B-frames decodes only the anchors before the target", "[video][decoder]") {
    ScratchDir dir;
    const auto reference = referenceFrames(encodeWithBFrames(dir.path() / "b.mp4", "libx265"));
    DecoderPool pool(dir.path(), manifestFor({"b.mp4"}), DecoderPool::Config{2, 3, 30});
    const DecoderPool::FrameLease lease = showFrame(pool, {{0, 0}}, 43);
    CHECK(differingBytes(lease.frame(), reference[43]) == 0);
    // From keyframe 30: I30, P34, P38, P42 decoded and dropped; B-frames 31..41 never decoded.
    CHECK(pool.stats().framesDropped == 4);
}

TEST_CASE("a leased frame keeps its pixels while the stream decodes on", "[video][decoder]") {
    ScratchDir dir;
    const auto reference = referenceFrames(encode(dir.path() / "a.mp4"));
    DecoderPool pool(dir.path(), manifestFor({"a.mp4"}), DecoderPool::Config{2, 3, 30});
    DecoderPool::FrameLease held = showFrame(pool, {{0, 0}}, 5);
    for (int f = 6; f < 20; ++f)
        showFrame(pool, {{0, 0}}, f);
    CHECK(held.frame().frameIndex == 5);
    CHECK(differingBytes(held.frame(), reference[5]) == 0);
    DecoderPool::FrameLease moved = std::move(held);
    CHECK(moved.frame().frameIndex == 5);
}

TEST_CASE("missing, truncated, non-video and corrupt tiles fail alone, once, with the file named", "[video][decoder]") {
    ScratchDir dir;
    const auto reference = referenceFrames(encode(dir.path() / "a.mp4"));
    truncate(encode(dir.path() / "cut.mp4"), 0.4);
    std::ofstream(dir.path() / "junk.mp4") << "not a video";
    scramble(encode(dir.path() / "noise.mp4"), 0.3, 0.6);

    auto errors = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
    spdlog::default_logger()->sinks().push_back(errors);
    {
        DecoderPool pool(dir.path(), manifestFor({"a.mp4", "missing.mp4", "cut.mp4", "junk.mp4", "noise.mp4"}),
                         DecoderPool::Config{2, 3, 30});
        const std::vector<StreamId> streams = {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}};
        for (int f = 0; f < kFrames; ++f) {
            DecoderPool::FrameLease lease = showFrame(pool, streams, f); // the good tile plays on
            CHECK(differingBytes(lease.frame(), reference[static_cast<std::size_t>(f)]) == 0);
            // Give the broken streams their chance to run into their errors.
            pool.waitFor({0, 2}, f, std::chrono::milliseconds(200));
            pool.waitFor({0, 4}, f, std::chrono::milliseconds(200));
        }
        const StreamStatus missing = pool.status({0, 1});
        CHECK(missing.state == StreamState::Failed);
        CHECK(missing.error == (dir.path() / "missing.mp4").string() + ": no such file");
        const StreamStatus cut = pool.status({0, 2});
        CHECK(cut.state == StreamState::Failed);
        CHECK_THAT(cut.error, Catch::StartsWith((dir.path() / "cut.mp4").string() + ": file ends inside frame "));
        CHECK_THAT(cut.error, Catch::EndsWith("(truncated)"));
        const StreamStatus junk = pool.status({0, 3});
        CHECK(junk.state == StreamState::Failed);
        CHECK_THAT(junk.error, Catch::StartsWith((dir.path() / "junk.mp4").string() + ": cannot open as video"));
        const StreamStatus noise = pool.status({0, 4});
        CHECK(noise.state == StreamState::Failed);
        CHECK_THAT(noise.error, Catch::StartsWith((dir.path() / "noise.mp4").string() + ": corrupt data after frame "));
        CHECK_FALSE(pool.tryAcquire({0, 1}, 0).has_value());
        CHECK(pool.stats().failedStreams == 4);
        CHECK(pool.status({0, 0}).state == StreamState::Decoding);
    }
    spdlog::default_logger()->sinks().pop_back();

    for (const char* name : {"missing.mp4", "cut.mp4", "junk.mp4", "noise.mp4"}) {
        int logged = 0;
        for (const std::string& line : errors->last_formatted())
            logged += line.find(name) != std::string::npos ? 1 : 0;
        INFO(name);
        CHECK(logged == 1);
    }
}

TEST_CASE("streams nobody wants are closed after idleSubmitsBeforeClose submits", "[video][decoder]") {
    ScratchDir dir;
    encode(dir.path() / "a.mp4");
    encode(dir.path() / "b.mp4", "mandelbrot");
    DecoderPool pool(dir.path(), manifestFor({"a.mp4", "b.mp4"}), DecoderPool::Config{2, 3, 2});
    showFrame(pool, {{0, 0}, {0, 1}}, 3);
    // Once b has decoded ahead to frame 5 its ring (3, 4, 5) is full: no worker is inside it.
    REQUIRE(pool.waitFor({0, 1}, 5, kPatience));
    CHECK(pool.stats().openStreams == 2);
    showFrame(pool, {{0, 0}}, 4); // b unwanted: 1
    showFrame(pool, {{0, 0}}, 5); // 2
    CHECK(pool.stats().openStreams == 2);
    CHECK(pool.status({0, 1}).state == StreamState::Decoding);
    showFrame(pool, {{0, 0}}, 6); // 3 > 2: closed
    CHECK(pool.stats().openStreams == 1);
    CHECK(pool.status({0, 1}).state == StreamState::Unknown);
    CHECK_FALSE(pool.tryAcquire({0, 1}, 3).has_value());
}
