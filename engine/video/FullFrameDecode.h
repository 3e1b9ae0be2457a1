#pragma once
// The benchmark peer: how fast FFmpeg's libavcodec decodes a whole video frame by frame with
// all cores (frame + slice threading), i.e. what a player that decodes the whole sphere must
// do. Decoded pictures are dropped (no conversion, no upload): the peer gets only the decode.
#include "core/Result.h"

#include <filesystem>

namespace xrs::video {

struct FullDecodeThroughput {
    std::int64_t frames = 0;
    double seconds = 0.0;
    int width = 0;
    int height = 0;
    int threads = 0;
    double fps() const { return seconds > 0.0 ? static_cast<double>(frames) / seconds : 0.0; }
};

// Decodes up to `maxFrames` frames (0: all) of the first video stream of `file`.
Result<FullDecodeThroughput> measureFullFrameDecode(const std::filesystem::path& file, std::int64_t maxFrames = 0);

} // namespace xrs::video
