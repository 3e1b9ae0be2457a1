#pragma once
// Raw RGBA frames piped into the `ffmpeg` program's stdin, which encodes them to an MP4 that
// `xrshow pack` accepts (8-bit 4:2:0, BT.709 limited range, tagged as such). ffmpeg's own
// messages go to our stderr (errors only). The child is always waited for.
#include "core/Image.h"
#include "core/Result.h"

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace xrs::pano {

struct EncodeSettings {
    int width = 0;
    int height = 0;
    int fps = 30;
    std::string codec = "h264"; // h264 (libx264) or hevc (libx265)
    int crf = 18;
    std::string preset = "medium";
};

// The ffmpeg command line for `settings` writing `out` (exposed for tests and logs).
std::vector<std::string> ffmpegArguments(const EncodeSettings& settings, const std::filesystem::path& out);

class FfmpegPipe {
public:
    static Result<FfmpegPipe> start(const EncodeSettings& settings, const std::filesystem::path& out);
    FfmpegPipe(FfmpegPipe&& other) noexcept;
    FfmpegPipe& operator=(FfmpegPipe&&) = delete;
    FfmpegPipe(const FfmpegPipe&) = delete;
    ~FfmpegPipe(); // closes stdin and waits if finish() was not called

    // Frames must have the size given to start().
    Status write(const ImageRGBA8& frame);
    // Closes stdin, waits, fails unless ffmpeg exited with 0.
    Status finish();

private:
    FfmpegPipe() = default;
    std::filesystem::path out_;
    int width_ = 0, height_ = 0;
    int stdinFd_ = -1;
    pid_t pid_ = -1;
};

} // namespace xrs::pano
