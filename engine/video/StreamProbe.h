#pragma once
// Reads a video file's container (libavformat, no decoding): size, frame rate, frame count and
// where the keyframes are and whether they are IDR pictures. The packager uses it to describe
// its source and to check every stream it wrote; tests use it to check packages.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/Result.h"

namespace xrs::video {

struct Keyframe {
    std::int64_t frameIndex = 0;  // packet index in decode order (== display order for a closed GOP's IDR)
    std::int64_t pts = 0;         // in the stream's time base
    // Starts a closed GOP: H.264 NAL type 5, HEVC IDR_W_RADL/IDR_N_LP; AV1 key frames count as IDR.
    bool idr = false;
};

struct VideoStreamInfo {
    std::string codec;            // libavcodec's name: "h264", "hevc", "av1", ...
    int width = 0;
    int height = 0;
    int fpsNum = 0;               // average frame rate as a rational
    int fpsDen = 1;
    int timeBaseNum = 0;
    int timeBaseDen = 1;
    std::int64_t frameCount = 0;  // video packets in the file
    bool hasBFrames = false;      // some packet's pts is not increasing in decode order
    std::vector<Keyframe> keyframes;
};

// Fails with "<file>: not a video file (...)" when the file cannot be demuxed or has no video stream.
Result<VideoStreamInfo> probeVideoStream(const std::filesystem::path& file);

} // namespace xrs::video
