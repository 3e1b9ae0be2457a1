#include "FfmpegPipe.h"

#include "core/Assert.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace xrs::pano {

std::vector<std::string> ffmpegArguments(const EncodeSettings& s, const std::filesystem::path& out) {
    std::vector<std::string> args = {
        "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgba", "-s", std::to_string(s.width) + "x" + std::to_string(s.height),
        "-framerate", std::to_string(s.fps), "-i", "pipe:0",
        // sRGB pixels -> BT.709 limited-range 4:2:0 (swscale's default matrix would be BT.601).
        "-vf", "scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd+full_chroma_int",
        "-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
        "-color_range", "tv"};
    if (s.codec == "hevc") {
        args.insert(args.end(), {"-c:v", "libx265", "-tag:v", "hvc1", "-x265-params", "log-level=error"});
    } else {
        // cpu-independent: x264's float SIMD paths (mbtree) differ between CPUs; a capture must
        // not depend on the machine it was made on.
        args.insert(args.end(), {"-c:v", "libx264", "-x264-params", "cpu-independent=1"});
    }
    args.insert(args.end(), {"-preset", s.preset, "-crf", std::to_string(s.crf), "-g", std::to_string(s.fps),
                             "-bf", "0", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
                             "-movflags", "+faststart", out.string()});
    return args;
}

Result<FfmpegPipe> FfmpegPipe::start(const EncodeSettings& settings, const std::filesystem::path& out) {
    // A dying encoder must give us EPIPE (an error message), not SIGPIPE (a silent exit).
    std::signal(SIGPIPE, SIG_IGN);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return fail(out.string(), ": cannot create a pipe: ", std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
    const std::vector<std::string> args = ffmpegArguments(settings, out);
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, "ffmpeg", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[0]);
    if (spawned != 0) {
        close(fds[1]);
        return fail(out.string(), ": cannot start ffmpeg: ", std::strerror(spawned), " (install the ffmpeg package)");
    }
    FfmpegPipe pipe;
    pipe.out_ = out;
    pipe.width_ = settings.width;
    pipe.height_ = settings.height;
    pipe.stdinFd_ = fds[1];
    pipe.pid_ = pid;
    return pipe;
}

FfmpegPipe::FfmpegPipe(FfmpegPipe&& other) noexcept
    : out_(std::move(other.out_)), width_(other.width_), height_(other.height_), stdinFd_(other.stdinFd_),
      pid_(other.pid_) {
    other.stdinFd_ = -1;
    other.pid_ = -1;
}

FfmpegPipe::~FfmpegPipe() {
    if (pid_ >= 0) (void)finish();
}

Status FfmpegPipe::write(const ImageRGBA8& frame) {
    XRS_EXPECT(frame.width == width_ && frame.height == height_, "FfmpegPipe::write: frame size changed");
    XRS_EXPECT(stdinFd_ >= 0, "FfmpegPipe::write: the pipe is closed");
    const std::uint8_t* data = frame.pixels.data();
    std::size_t left = frame.byteSize();
    while (left > 0) {
        const ssize_t written = ::write(stdinFd_, data, left);
        if (written < 0) {
            if (errno == EINTR) continue;
            return fail(out_.string(), ": ffmpeg stopped reading frames (", std::strerror(errno), ")");
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
    return {};
}

Status FfmpegPipe::finish() {
    if (stdinFd_ >= 0) close(stdinFd_);
    stdinFd_ = -1;
    if (pid_ < 0) return {};
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return fail(out_.string(), ": ffmpeg failed (exit status ",
                    std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)), ")");
    return {};
}

} // namespace xrs::pano
