#pragma once
// `xrshow gen-video`: encodes TestPatternPainter frames into a video file with libavcodec
// (libx265 or libx264, BT.709 limited range 4:2:0, closed GOPs, no B-frames). Deterministic:
// the same options give the same bytes.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/Result.h"
#include "video/Manifest.h"

namespace xrs::video {

struct TestVideoOptions {
    std::filesystem::path output;      // container from the extension (.mp4, .mkv, .mov)
    int width = 7680;                  // whole frame, both eyes for stereo
    int height = 3840;
    int fpsNum = 60;
    int fpsDen = 1;
    double seconds = 2.0;              // rounded to whole frames
    StereoLayout layout = StereoLayout::Mono;
    Projection projection = Projection::Equirect360;
    std::string codec = "hevc";        // "hevc" or "h264"
    int gopFrames = 0;                 // 0: one second of frames
    std::string preset = "ultrafast";  // x264/x265 preset: generation speed matters more than size
    int crf = 0;                       // 0: the encoder's default
};

// Writes the video; the error names the output file (or the bad option).
Status generateTestVideo(const TestVideoOptions& options,
                         const std::function<void(std::int64_t frame, std::int64_t frameCount)>& onProgress = {});

} // namespace xrs::video
