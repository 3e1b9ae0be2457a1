// xrshow pack: equirect video -> tiled multi-resolution package (manifest.json, one closed-GOP
// stream per tile per level, a low-resolution base layer). Progress goes to stderr.
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

#include "CommandSupport.h"
#include "video/ManifestIO.h"
#include "video/Packager.h"

namespace xrs::cli {
namespace {

struct PackArguments {
    std::string input;
    std::string output;
    std::string layout = "mono";
    std::string projection = "360";
    std::string grid = "8x4";
    int levels = 3;
    int gop = 0;
    std::string codec = "hevc";
    std::string preset;
    int crf = 0;
    int baseEyeWidth = 0;
    int maxEncoders = 64;
};

int runPack(const PackArguments& args) {
    video::PackOptions options;
    options.input = args.input;
    options.outputDir = args.output;
    options.layout = *video::layoutFromName(args.layout);
    options.projection = *video::projectionFromName(args.projection);
    if (std::sscanf(args.grid.c_str(), "%dx%d", &options.gridCols, &options.gridRows) != 2)
        return commandFailed("pack", "--grid " + args.grid + ": expected COLUMNSxROWS, e.g. 8x4");
    options.levels = args.levels;
    options.gopFrames = args.gop;
    options.codec = args.codec;
    options.preset = args.preset;
    options.crf = args.crf;
    options.baseEyeWidth = args.baseEyeWidth;
    options.maxEncodersPerRun = args.maxEncoders;

    const auto start = std::chrono::steady_clock::now();
    std::optional<ProgressLine> progressLine(std::in_place, "[pack]");
    auto manifest = video::packVideo(options, [&progressLine](const video::PackProgress& progress) {
        progressLine->update(progress.stage, progress.frame, progress.frameCount);
    });
    progressLine.reset(); // ends its line before the summary
    if (!manifest) return commandFailed("pack", manifest.error().message);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::uint64_t bytes = manifest->base.bytes;
    for (const auto& level : manifest->levels)
        for (const auto& tile : level.tiles) bytes += tile.bytes;
    std::printf("wrote %s/manifest.json: %dx%d %s, %lld frames, %zu levels x %d tiles, base %dx%d, %.1f MiB (%.1f s)\n",
                args.output.c_str(), manifest->sourceWidth, manifest->sourceHeight, args.layout.c_str(),
                static_cast<long long>(manifest->frameCount), manifest->levels.size(), manifest->tilesPerLevel(),
                manifest->baseWidth, manifest->baseHeight, static_cast<double>(bytes) / (1024.0 * 1024.0), seconds);
    return 0;
}

} // namespace

void registerPackCommand(CLI::App& app, const GlobalOptions& /*global*/, int& exitCode) {
    auto* command = app.add_subcommand("pack", "Pack an equirect video into a tiled multi-resolution package");
    auto args = std::make_shared<PackArguments>();
    command->add_option("input", args->input, "Equirectangular source video")->required();
    command->add_option("--out", args->output, "Package directory to write")->required();
    command->add_option("--layout", args->layout, "Stereo layout of the source")
        ->capture_default_str()
        ->check(CLI::IsMember({"mono", "top-bottom", "side-by-side"}));
    command->add_option("--projection", args->projection, "Equirect coverage in degrees")
        ->capture_default_str()
        ->check(CLI::IsMember({"360", "180"}));
    command->add_option("--grid", args->grid, "Tiles per eye, COLUMNSxROWS")->capture_default_str();
    command->add_option("--levels", args->levels, "Resolution levels (each halves the previous)")
        ->capture_default_str()
        ->check(CLI::Range(1, 8));
    command->add_option("--gop", args->gop, "Aligned IDR keyframe interval in frames (0: one second)")->capture_default_str();
    command->add_option("--codec", args->codec, "Tile codec")->capture_default_str()->check(CLI::IsMember({"hevc", "h264", "av1"}));
    command->add_option("--preset", args->preset, "Encoder preset (default veryfast; SVT-AV1: 10)");
    command
        ->add_option("--crf", args->crf,
                     "Encoder quality, lower is better (0: 21 for h264, 25 for hevc, the encoder's default for av1)")
        ->capture_default_str();
    command->add_option("--base-width", args->baseEyeWidth, "Base layer width per eye (0: automatic)")->capture_default_str();
    command->add_option("--max-encoders", args->maxEncoders,
                        "Tile encoders per ffmpeg run (memory: ~45 MB each for 480x480 HEVC tiles)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    command->callback([args, &exitCode] { exitCode = runPack(*args); });
}

} // namespace xrs::cli
