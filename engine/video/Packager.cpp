#include "video/Packager.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "core/Log.h"
#include "video/ChildProcess.h"
#include "video/ManifestIO.h"
#include "video/Sha256.h"
#include "video/StreamProbe.h"

namespace xrs::video {
namespace {

namespace fs = std::filesystem;

// One stream to write: where its pixels come from in the (scaled) level frame.
struct TileJob {
    std::string relativePath;
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

std::string tilePath(int level, int eye, int row, int col, StereoLayout layout) {
    std::string path = "L" + std::to_string(level) + "/";
    if (layout != StereoLayout::Mono) path += "e" + std::to_string(eye) + "_";
    return path + "t" + std::to_string(row) + "_" + std::to_string(col) + ".mp4";
}

std::string lastLine(const std::string& text) {
    std::string trimmed = text;
    while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == '\r' || trimmed.back() == ' ')) trimmed.pop_back();
    const auto newline = trimmed.find_last_of('\n');
    return newline == std::string::npos ? trimmed : trimmed.substr(newline + 1);
}

// Encoder arguments that make every stream closed-GOP with IDR frames exactly every `gop` frames,
// so all streams of a package have keyframes at the same timestamps. Three B-frames between
// anchors and none of them a reference (no B-pyramid): a tile catching up from its keyframe
// decodes only the I/P chain and skips the B-frames before its target (TileDecoder), a quarter
// of the frames. x264 runs cpu-independent: its float SIMD
// paths (mbtree) differ between CPUs, and a package must be the same wherever it is built.
std::vector<std::string> encoderArguments(const PackOptions& options, int gop) {
    const std::string g = std::to_string(gop);
    std::vector<std::string> args;
    if (options.codec == "h264") {
        args = {"-c:v", "libx264", "-preset", options.preset.empty() ? "veryfast" : options.preset,
                "-g", g, "-keyint_min", g, "-sc_threshold", "0", "-bf", "3", "-forced-idr", "1",
                "-x264-params",
                "keyint=" + g + ":min-keyint=" + g +
                    ":scenecut=0:open-gop=0:bframes=3:b-adapt=0:b-pyramid=none:cpu-independent=1"};
    } else if (options.codec == "hevc") {
        args = {"-c:v", "libx265", "-preset", options.preset.empty() ? "veryfast" : options.preset, "-tag:v", "hvc1",
                "-x265-params",
                "keyint=" + g + ":min-keyint=" + g +
                    ":scenecut=0:open-gop=0:bframes=3:b-adapt=0:b-pyramid=0:log-level=error"};
    } else {
        // irefresh-type=2: key frames (closed GOP) instead of forward/open refresh.
        args = {"-c:v", "libsvtav1", "-preset", options.preset.empty() ? "10" : options.preset, "-g", g,
                "-svtav1-params", "irefresh-type=2:scd=0:pred-struct=1"};
    }
    // At one CRF, x264/x265 give B-frames fewer bits than P-frames: these defaults keep the picture
    // of their own defaults without B-frames (23 and 28; luma PSNR within 0.2 dB on tiles of the
    // 8K test source, docs/benchmarks.md) at about the same size.
    const int crf = options.crf > 0 ? options.crf : options.codec == "h264" ? 21 : options.codec == "hevc" ? 25 : 0;
    if (crf > 0) {
        args.push_back("-crf");
        args.push_back(std::to_string(crf));
    }
    for (const char* arg : {"-pix_fmt", "yuv420p", "-an", "-sn", "-dn", "-map_metadata", "-1", "-f", "mp4"}) args.push_back(arg);
    return args;
}

// One ffmpeg run: decode the source once, scale it to (frameWidth x frameHeight), split it and
// crop every job's rectangle, encode each into its own file.
Status encodeStage(const PackOptions& options, const std::string& stage, int frameWidth, int frameHeight,
                   const std::vector<TileJob>& jobs, int gop, std::int64_t frameCount,
                   const std::function<void(const PackProgress&)>& onProgress) {
    std::string graph = "[0:v]format=yuv420p";
    if (frameWidth != 0) graph += ",scale=" + std::to_string(frameWidth) + ":" + std::to_string(frameHeight) + ":flags=area";
    graph += ",split=" + std::to_string(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) graph += "[s" + std::to_string(i) + "]";
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const TileJob& job = jobs[i];
        graph += ";[s" + std::to_string(i) + "]crop=" + std::to_string(job.width) + ":" + std::to_string(job.height) + ":" +
                 std::to_string(job.x) + ":" + std::to_string(job.y) + "[t" + std::to_string(i) + "]";
    }
    std::vector<std::string> args = {options.ffmpegProgram, "-hide_banner", "-nostdin", "-loglevel", "error",
                                     "-nostats", "-progress", "pipe:1", "-y", "-i", "file:" + options.input.string(),
                                     "-filter_complex", graph};
    const std::vector<std::string> encoder = encoderArguments(options, gop);
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        args.push_back("-map");
        args.push_back("[t" + std::to_string(i) + "]");
        args.push_back("-fps_mode");
        args.push_back("passthrough");
        args.insert(args.end(), encoder.begin(), encoder.end());
        // "file:" keeps names such as "x:y.mp4" from being taken for FFmpeg protocols.
        args.push_back("file:" + (options.outputDir / jobs[i].relativePath).string());
    }

    PackProgress progress{stage, 0, frameCount};
    if (onProgress) onProgress(progress);
    auto outcome = runProcess(args, [&](std::string_view line) {
        if (line.starts_with("frame=") && onProgress) {
            progress.frame = std::atoll(std::string(line.substr(6)).c_str());
            onProgress(progress);
        }
    });
    if (!outcome) return fail(options.input.string(), ": cannot run ", options.ffmpegProgram, " (", outcome.error().message, ")");
    if (outcome->exitCode != 0)
        return fail(options.input.string(), ": ", options.ffmpegProgram, " failed on ", stage, " (exit ",
                    std::to_string(outcome->exitCode), "): ", lastLine(outcome->stderrTail));
    return {};
}

// Checks one written stream and describes it for the manifest.
Result<StreamFile> checkWrittenStream(const fs::path& dir, const std::string& relativePath, int width, int height,
                                      std::int64_t frameCount, int gop) {
    const fs::path file = dir / relativePath;
    auto info = probeVideoStream(file);
    if (!info) return info.error();
    const std::string name = file.string();
    if (info->width != width || info->height != height)
        return fail(name, ": encoded as ", std::to_string(info->width), "x", std::to_string(info->height), ", expected ",
                    std::to_string(width), "x", std::to_string(height));
    if (info->frameCount != frameCount)
        return fail(name, ": has ", std::to_string(info->frameCount), " frames, expected ", std::to_string(frameCount));
    const std::int64_t expectedKeyframes = (frameCount + gop - 1) / gop;
    if (static_cast<std::int64_t>(info->keyframes.size()) != expectedKeyframes)
        return fail(name, ": has ", std::to_string(info->keyframes.size()), " keyframes, expected ",
                    std::to_string(expectedKeyframes), " (one every ", std::to_string(gop), " frames)");
    for (const Keyframe& keyframe : info->keyframes) {
        if (keyframe.frameIndex % gop != 0 || !keyframe.idr)
            return fail(name, ": frame ", std::to_string(keyframe.frameIndex), " is a ",
                        keyframe.idr ? "keyframe off the GOP grid" : "keyframe that is not an IDR picture");
    }
    std::error_code ec;
    const auto bytes = fs::file_size(file, ec);
    if (ec) return fail(name, ": ", ec.message());
    auto digest = sha256File(file);
    if (!digest) return digest.error();
    return StreamFile{relativePath, bytes, std::move(*digest)};
}

Status prepareOutputDirectory(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec)) return fail(dir.string(), ": exists and is not a directory");
        const bool empty = fs::is_empty(dir, ec);
        if (!empty && !fs::exists(dir / std::string(kManifestFileName), ec))
            return fail(dir.string(), ": exists, is not empty and holds no package; refusing to overwrite it");
        // Re-packing into a package directory: drop the old streams so no stale file survives.
        fs::remove(dir / std::string(kManifestFileName), ec);
        fs::remove(dir / "base.mp4", ec);
        for (int level = 0; level < 8; ++level) fs::remove_all(dir / ("L" + std::to_string(level)), ec);
    }
    fs::create_directories(dir, ec);
    if (ec) return fail(dir.string(), ": cannot create (", ec.message(), ")");
    return {};
}

} // namespace

FrameSize baseLayerSize(int sourceWidth, int sourceHeight, StereoLayout layout, Projection projection, int baseEyeWidth) {
    const int eyeWidth = layout == StereoLayout::SideBySide ? sourceWidth / 2 : sourceWidth;
    const int eyeHeight = layout == StereoLayout::TopBottom ? sourceHeight / 2 : sourceHeight;
    const int widthPer360 = 1024;
    const int spanDegrees = projection == Projection::Equirect180 ? 180 : 360;
    int width = baseEyeWidth > 0 ? baseEyeWidth : std::min(eyeWidth / 4, widthPer360 * spanDegrees / 360);
    width = std::max(2, width & ~1);
    int height = static_cast<int>(static_cast<std::int64_t>(width) * eyeHeight / std::max(1, eyeWidth));
    height = std::max(2, height & ~1);
    if (layout == StereoLayout::SideBySide) width *= 2;
    if (layout == StereoLayout::TopBottom) height *= 2;
    return {width, height};
}

Result<Manifest> packVideo(const PackOptions& options, const std::function<void(const PackProgress&)>& onProgress) {
    const std::string inputName = options.input.string();
    if (!isSupportedCodec(options.codec)) return fail("unsupported codec \"", options.codec, "\" (hevc, h264 or av1)");
    if (options.gridCols < 1 || options.gridCols > 64 || options.gridRows < 1 || options.gridRows > 64)
        return fail(inputName, ": grid ", std::to_string(options.gridCols), "x", std::to_string(options.gridRows),
                    " must have 1..64 columns and rows");
    if (options.levels < 1 || options.levels > 8) return fail(inputName, ": levels must be 1..8");
    std::error_code ec;
    if (!fs::exists(options.input, ec)) return fail(inputName, ": no such file");

    auto source = probeVideoStream(options.input);
    if (!source) return source.error();

    Manifest manifest;
    manifest.sourceWidth = source->width;
    manifest.sourceHeight = source->height;
    manifest.fpsNum = source->fpsNum;
    manifest.fpsDen = source->fpsDen;
    manifest.codec = options.codec;
    manifest.layout = options.layout;
    manifest.projection = options.projection;
    manifest.gridCols = options.gridCols;
    manifest.gridRows = options.gridRows;
    manifest.gopFrames = options.gopFrames > 0
                             ? options.gopFrames
                             : std::max(1, static_cast<int>(std::lround(static_cast<double>(source->fpsNum) / source->fpsDen)));

    const int eyes = eyeCount(options.layout);
    const int eyeWidth = manifest.eyeWidth();
    const int eyeHeight = manifest.eyeHeight();
    const int coarsest = 1 << (options.levels - 1);
    // Every level's tiles must be whole, even-sized pixel blocks (4:2:0 chroma).
    const int widthUnit = options.gridCols * coarsest * 2;
    const int heightUnit = options.gridRows * coarsest * 2;
    const bool eyesSplit = (options.layout != StereoLayout::SideBySide || source->width % 2 == 0) &&
                           (options.layout != StereoLayout::TopBottom || source->height % 2 == 0);
    if (!eyesSplit || eyeWidth % widthUnit != 0 || eyeHeight % heightUnit != 0)
        return fail(inputName, ": ", std::to_string(source->width), "x", std::to_string(source->height), " ",
                    std::string(layoutName(options.layout)), " frame does not split into ", std::to_string(options.gridCols),
                    "x", std::to_string(options.gridRows), " tiles over ", std::to_string(options.levels),
                    " levels (eye size must be a multiple of ", std::to_string(widthUnit), "x", std::to_string(heightUnit), ")");

    const FrameSize base = baseLayerSize(source->width, source->height, options.layout, options.projection, options.baseEyeWidth);
    manifest.baseWidth = base.width;
    manifest.baseHeight = base.height;

    if (Status status = prepareOutputDirectory(options.outputDir); !status) return status.error();
    for (int level = 0; level < options.levels; ++level) {
        fs::create_directories(options.outputDir / ("L" + std::to_string(level)), ec);
        if (ec) return fail(options.outputDir.string(), ": cannot create level directory (", ec.message(), ")");
    }

    // Encode: one ffmpeg run per level (or per maxEncodersPerRun tiles of it), then the base layer.
    for (int level = 0; level < options.levels; ++level) {
        const int tileWidth = eyeWidth / (options.gridCols << level);
        const int tileHeight = eyeHeight / (options.gridRows << level);
        const int levelEyeWidth = tileWidth * options.gridCols;
        const int levelEyeHeight = tileHeight * options.gridRows;
        std::vector<TileJob> jobs;
        for (int eye = 0; eye < eyes; ++eye) {
            const int eyeX = options.layout == StereoLayout::SideBySide ? eye * levelEyeWidth : 0;
            const int eyeY = options.layout == StereoLayout::TopBottom ? eye * levelEyeHeight : 0;
            for (int row = 0; row < options.gridRows; ++row) {
                for (int col = 0; col < options.gridCols; ++col) {
                    jobs.push_back({tilePath(level, eye, row, col, options.layout), eyeX + col * tileWidth,
                                    eyeY + row * tileHeight, tileWidth, tileHeight});
                }
            }
        }
        const int frameWidth = level == 0 ? 0 : source->width >> level;
        const int frameHeight = level == 0 ? 0 : source->height >> level;
        const std::size_t perRun = static_cast<std::size_t>(std::max(options.maxEncodersPerRun, 1));
        for (std::size_t first = 0; first < jobs.size(); first += perRun) {
            const std::size_t last = std::min(first + perRun, jobs.size());
            std::string stage = "level " + std::to_string(level) + "/" + std::to_string(options.levels) + " (" +
                                std::to_string(jobs.size()) + " tiles of " + std::to_string(tileWidth) + "x" +
                                std::to_string(tileHeight);
            if (perRun < jobs.size())
                stage += ", tiles " + std::to_string(first + 1) + "-" + std::to_string(last);
            stage += ")";
            const std::vector<TileJob> batch(jobs.begin() + static_cast<std::ptrdiff_t>(first),
                                             jobs.begin() + static_cast<std::ptrdiff_t>(last));
            if (Status status = encodeStage(options, stage, frameWidth, frameHeight, batch, manifest.gopFrames,
                                            source->frameCount, onProgress);
                !status)
                return status.error();
        }
    }
    const std::vector<TileJob> baseJob = {{"base.mp4", 0, 0, base.width, base.height}};
    if (Status status = encodeStage(options, "base layer (" + std::to_string(base.width) + "x" + std::to_string(base.height) + ")",
                                    base.width, base.height, baseJob, manifest.gopFrames, source->frameCount, onProgress);
        !status)
        return status.error();

    // Check every stream and record sizes and checksums. The base layer's frame count is the
    // reference (the source's packet count may differ from its decoded frames).
    if (onProgress) onProgress({"checking streams", 0, 0});
    auto probedBase = probeVideoStream(options.outputDir / "base.mp4");
    if (!probedBase) return probedBase.error();
    manifest.frameCount = probedBase->frameCount;
    if (manifest.frameCount != source->frameCount)
        XRS_LOG_WARN("{}: {} packets in the source, {} frames encoded", inputName, source->frameCount, manifest.frameCount);
    auto baseFile = checkWrittenStream(options.outputDir, "base.mp4", base.width, base.height, manifest.frameCount, manifest.gopFrames);
    if (!baseFile) return baseFile.error();
    manifest.base = std::move(*baseFile);
    for (int level = 0; level < options.levels; ++level) {
        Level& entry = manifest.levels.emplace_back();
        entry.index = level;
        entry.tileWidth = eyeWidth / (options.gridCols << level);
        entry.tileHeight = eyeHeight / (options.gridRows << level);
        for (int eye = 0; eye < eyes; ++eye) {
            for (int row = 0; row < options.gridRows; ++row) {
                for (int col = 0; col < options.gridCols; ++col) {
                    auto file = checkWrittenStream(options.outputDir, tilePath(level, eye, row, col, options.layout),
                                                   entry.tileWidth, entry.tileHeight, manifest.frameCount, manifest.gopFrames);
                    if (!file) return file.error();
                    entry.tiles.push_back(std::move(*file));
                }
            }
        }
    }

    const fs::path manifestPath = options.outputDir / std::string(kManifestFileName);
    if (Status status = validateManifest(manifest, manifestPath.string()); !status) return status.error();
    const fs::path temporary = manifestPath.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << writeManifest(manifest);
        if (!out) return fail(temporary.string(), ": cannot write");
    }
    fs::rename(temporary, manifestPath, ec);
    if (ec) return fail(manifestPath.string(), ": cannot write (", ec.message(), ")");
    return manifest;
}

} // namespace xrs::video
