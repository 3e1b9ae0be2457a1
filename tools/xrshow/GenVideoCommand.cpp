// xrshow gen-video: writes the synthetic equirect test video (labelled lon/lat grid, tile names,
// fine text, frame counters, moving detail everywhere) that the video tests and benchmarks use.
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

#include "CommandSupport.h"
#include "video/ManifestIO.h"
#include "video/TestVideoGenerator.h"

namespace xrs::cli {
namespace {

struct GenVideoArguments {
    std::string size = "7680x3840";
    std::string fps = "60";
    double seconds = 2.0;
    std::string output;
    std::string layout = "mono";
    std::string projection = "360";
    std::string codec = "hevc";
    int gop = 0;
    std::string preset = "ultrafast";
    int crf = 0;
};

bool parseSize(const std::string& text, int& width, int& height) {
    return std::sscanf(text.c_str(), "%dx%d", &width, &height) == 2 && width > 0 && height > 0;
}

bool parseRate(const std::string& text, int& num, int& den) {
    den = 1;
    const int fields = std::sscanf(text.c_str(), "%d/%d", &num, &den);
    return fields >= 1 && num > 0 && den > 0;
}

int runGenVideo(const GenVideoArguments& args) {
    video::TestVideoOptions options;
    options.output = args.output;
    if (!parseSize(args.size, options.width, options.height))
        return commandFailed("gen-video", "--size " + args.size + ": expected WIDTHxHEIGHT, e.g. 7680x3840");
    if (!parseRate(args.fps, options.fpsNum, options.fpsDen))
        return commandFailed("gen-video", "--fps " + args.fps + ": expected a positive rate, e.g. 60 or 30000/1001");
    options.seconds = args.seconds;
    options.layout = *video::layoutFromName(args.layout);
    options.projection = *video::projectionFromName(args.projection);
    options.codec = args.codec;
    options.gopFrames = args.gop;
    options.preset = args.preset;
    options.crf = args.crf;

    const auto start = std::chrono::steady_clock::now();
    std::optional<ProgressLine> progressLine(std::in_place, "[gen-video]");
    Status status = video::generateTestVideo(options, [&progressLine](std::int64_t frame, std::int64_t total) {
        progressLine->update("frames", frame, total);
    });
    progressLine.reset(); // ends its line before the summary
    if (!status) return commandFailed("gen-video", status.error().message);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote %s: %dx%d %s %s, %d/%d fps, %.2f s, %s (%.1f s to generate)\n", args.output.c_str(), options.width,
                options.height, args.layout.c_str(), args.projection.c_str(), options.fpsNum, options.fpsDen,
                options.seconds, args.codec.c_str(), seconds);
    return 0;
}

} // namespace

void registerGenVideoCommand(CLI::App& app, const GlobalOptions& /*global*/, int& exitCode) {
    auto* command = app.add_subcommand("gen-video", "Generate the synthetic equirect test video (grid, labels, counters)");
    auto args = std::make_shared<GenVideoArguments>();
    command->add_option("--out", args->output, "Output video file (.mp4, .mkv)")->required();
    command->add_option("--size", args->size, "Frame size WIDTHxHEIGHT (both eyes for stereo)")->capture_default_str();
    command->add_option("--fps", args->fps, "Frame rate, e.g. 60 or 30000/1001")->capture_default_str();
    command->add_option("--seconds", args->seconds, "Duration in seconds")->capture_default_str()->check(CLI::PositiveNumber);
    command->add_option("--layout", args->layout, "Stereo layout")
        ->capture_default_str()
        ->check(CLI::IsMember({"mono", "top-bottom", "side-by-side"}));
    command->add_option("--projection", args->projection, "Equirect coverage in degrees")
        ->capture_default_str()
        ->check(CLI::IsMember({"360", "180"}));
    command->add_option("--codec", args->codec, "Video codec")->capture_default_str()->check(CLI::IsMember({"hevc", "h264"}));
    command->add_option("--gop", args->gop, "Keyframe interval in frames (0: one second)")->capture_default_str();
    command->add_option("--preset", args->preset, "x264/x265 preset")->capture_default_str();
    command->add_option("--crf", args->crf, "Encoder quality (0: encoder default)")->capture_default_str();
    command->callback([args, &exitCode] { exitCode = runGenVideo(*args); });
}

} // namespace xrs::cli
