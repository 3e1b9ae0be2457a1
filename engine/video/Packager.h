#pragma once
// `xrshow pack`: turns one equirectangular video into a tiled multi-resolution package
// (manifest.json + one closed-GOP stream per tile per level + a low-resolution base layer).
// Encoding runs the `ffmpeg` program, one process per level: it decodes the source once, scales
// it to the level and crops all tiles through one filter graph (split), so the work per level is
// one decode and many small encodes. Every written stream is then checked by demuxing it (size,
// frame count, IDR keyframes at the same frames) before the manifest is written.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/Result.h"
#include "video/Manifest.h"

namespace xrs::video {

struct PackOptions {
    std::filesystem::path input;
    std::filesystem::path outputDir;   // created; an existing directory must be empty or a package
    StereoLayout layout = StereoLayout::Mono;
    Projection projection = Projection::Equirect360;
    int gridCols = 8;                  // per eye
    int gridRows = 4;
    int levels = 3;                    // level 0 = source resolution, each next halves
    int gopFrames = 0;                 // 0: one second of frames (rounded frame rate)
    std::string codec = "hevc";        // "hevc" (libx265), "h264" (libx264), "av1" (libsvtav1)
    std::string preset;                // encoder preset; empty: "veryfast" (x264/x265), "10" (SVT-AV1)
    int crf = 0;                       // 0: 21 (h264), 25 (hevc), the encoder's default (av1)
    int baseEyeWidth = 0;              // 0: automatic, see baseLayerSize()
    // Tile encoders one ffmpeg run holds at once; a level with more tiles is encoded in several
    // runs, each decoding the source again. Bounds memory: an x265 encoder of a 480x480 tile
    // holds ~45 MB (12K in 24x12 tiles needed 13 GB in one run), so 64 is ~3 GB.
    int maxEncodersPerRun = 64;
    std::string ffmpegProgram = "ffmpeg";
};

struct PackProgress {
    std::string stage;                 // e.g. "level 1/3 (32 tiles of 480x480)"
    std::int64_t frame = 0;            // frames encoded in this stage so far
    std::int64_t frameCount = 0;
};

// Base layer size (whole frame, same stereo layout as the source). Per eye: the width is the
// smaller of a quarter of the eye width and 1024 px per 360° (so 1024x512 for 8K mono, 512 wide
// per eye for 180°), height keeps the eye's aspect; both rounded down to even.
// `baseEyeWidth` > 0 overrides the automatic eye width.
struct FrameSize {
    int width = 0;
    int height = 0;
};
FrameSize baseLayerSize(int sourceWidth, int sourceHeight, StereoLayout layout, Projection projection,
                        int baseEyeWidth = 0);

// Packs `options.input` and returns the manifest it wrote to <outputDir>/manifest.json.
// Errors are one line naming the file: "clip.mp4: not a video file (...)",
// "clip.mp4: 1000x500 frame does not split into 8x4 tiles over 3 levels (...)".
Result<Manifest> packVideo(const PackOptions& options,
                           const std::function<void(const PackProgress&)>& onProgress = {});

} // namespace xrs::video
