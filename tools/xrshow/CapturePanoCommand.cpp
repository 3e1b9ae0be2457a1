// xrshow capture-pano <scene> --size WxH --frames N --out pano.mp4|pano.png: a 360° panorama
// (or a panorama video) of a scene rendered by the engine from one point, as an equirect image
// with the video sphere's conventions, ready for `xrshow pack`. See PanoramaCapture.h.
#include "CommandSupport.h"
#include "FfmpegPipe.h"
#include "PanoramaCapture.h"

#include "core/Image.h"
#include "core/Log.h"
#include "render/Lighting.h"
#include "scene/SceneImporter.h"

#include <glm/gtc/constants.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace xrs::cli {
namespace {

struct CapturePanoOptions {
    std::string scenePath;
    std::string outPath;
    std::string size = "2048x1024";
    int frames = 1;
    int fps = 30;
    std::string position = "0,1.6,0";
    float yawDegrees = 0.0f;
    std::string codec = "h264";
    int crf = 18;
    std::string preset = "medium";
    int samples = 1;
    int supersample = 2;
    double startSeconds = 0.0;
    std::string skyZenith, skyHorizon, ground;
    float exposure = 1.0f;
};

Result<glm::vec3> parseTriple(const std::string& text, const std::string& option) {
    glm::vec3 v;
    char c1 = 0, c2 = 0;
    std::istringstream in(text);
    if (!(in >> v.x >> c1 >> v.y >> c2 >> v.z) || c1 != ',' || c2 != ',' || !in.eof() ||
        !std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z))
        return fail(option, " ", text, ": expected three finite numbers x,y,z");
    return v;
}

Result<glm::ivec2> parsePanoramaSize(const std::string& text) {
    int width = 0, height = 0;
    char x = 0;
    std::istringstream in(text);
    if (!(in >> width >> x >> height) || x != 'x' || !in.eof() || width <= 0 || height <= 0 || width > 16384)
        return fail("--size ", text, ": expected WxH, e.g. 7680x3840");
    if (width != 2 * height || width % 4 != 0)
        return fail("--size ", text, ": an equirect panorama is 2:1 with a width divisible by 4 (e.g. 7680x3840)");
    return glm::ivec2(width, height);
}

enum class OutputKind { Png, Mp4 };

int runCapturePano(const GlobalOptions& global, const CapturePanoOptions& options) {
    const char* command = "capture-pano";
    auto size = parsePanoramaSize(options.size);
    if (!size) return commandFailed(command, size.error().message);
    auto position = parseTriple(options.position, "--position");
    if (!position) return commandFailed(command, position.error().message);
    const std::filesystem::path out = options.outPath;
    const std::string extension = out.extension().string();
    OutputKind kind;
    if (extension == ".png") kind = OutputKind::Png;
    else if (extension == ".mp4") kind = OutputKind::Mp4;
    else return commandFailed(command, options.outPath + ": expected a .png or .mp4 output");
    if (kind == OutputKind::Png && options.frames != 1)
        return commandFailed(command, options.outPath + ": a .png holds one frame (use --frames 1 or an .mp4)");
    if (options.frames < 1 || options.fps < 1 || options.fps > 240)
        return commandFailed(command, "--frames must be >= 1 and --fps 1..240");
    if (kind == OutputKind::Mp4 && size->y % 2 != 0)
        return commandFailed(command, "--size " + options.size + ": 4:2:0 video needs an even height");

    auto scene = scene::importScene(options.scenePath);
    if (!scene) return commandFailed(command, scene.error().message);

    pano::PanoramaSettings settings;
    settings.width = size->x;
    settings.height = size->y;
    settings.position = *position;
    settings.yawRad = glm::radians(options.yawDegrees);
    settings.samples = static_cast<VkSampleCountFlagBits>(options.samples);
    settings.supersample = options.supersample;
    settings.lighting = render::lightingFor(*scene);
    settings.lighting.exposure = options.exposure;
    struct ColourOption {
        const std::string& text;
        const char* name;
        glm::vec3& target;
    };
    for (const ColourOption& colour : {ColourOption{options.skyZenith, "--sky-zenith", settings.lighting.skyZenith},
                                       ColourOption{options.skyHorizon, "--sky-horizon", settings.lighting.skyHorizon},
                                       ColourOption{options.ground, "--ground", settings.lighting.groundColor}}) {
        if (colour.text.empty()) continue;
        auto value = parseTriple(colour.text, colour.name);
        if (!value) return commandFailed(command, value.error().message);
        colour.target = *value;
    }

    const render::Lighting& light = settings.lighting;
    XRS_LOG_INFO("capture-pano: sun travels ({:.2f}, {:.2f}, {:.2f}), colour ({:.2f}, {:.2f}, {:.2f}) x {:.2f}; "
                 "sky zenith ({:.2f}, {:.2f}, {:.2f}), horizon ({:.2f}, {:.2f}, {:.2f}); exposure {:.2f}",
                 light.lightDirection.x, light.lightDirection.y, light.lightDirection.z, light.lightColor.r,
                 light.lightColor.g, light.lightColor.b, light.lightIntensity, light.skyZenith.r, light.skyZenith.g,
                 light.skyZenith.b, light.skyHorizon.r, light.skyHorizon.g, light.skyHorizon.b, light.exposure);
    auto context = createContext(global);
    if (!context) return commandFailed(command, context.error().message);
    auto capture = pano::PanoramaCapture::create(**context, std::move(*scene), settings);
    if (!capture) return commandFailed(command, options.scenePath + ": " + capture.error().message);

    std::error_code ec;
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ec);
    std::optional<pano::FfmpegPipe> encoder;
    if (kind == OutputKind::Mp4) {
        pano::EncodeSettings encode;
        encode.width = size->x;
        encode.height = size->y;
        encode.fps = options.fps;
        encode.codec = options.codec;
        encode.crf = options.crf;
        encode.preset = options.preset;
        auto started = pano::FfmpegPipe::start(encode, out);
        if (!started) return commandFailed(command, started.error().message);
        encoder.emplace(std::move(*started));
    }

    const auto start = std::chrono::steady_clock::now();
    ProgressLine progress("[capture-pano]");
    double renderMs = 0.0, resampleMs = 0.0;
    for (int index = 0; index < options.frames; ++index) {
        const double time = options.startSeconds + static_cast<double>(index) / options.fps;
        auto panorama = (*capture)->capture(time);
        if (!panorama) return commandFailed(command, options.scenePath + ": " + panorama.error().message);
        renderMs += (*capture)->lastTimings().renderMilliseconds;
        resampleMs += (*capture)->lastTimings().resampleMilliseconds;
        if (kind == OutputKind::Png) {
            if (auto written = writePng(*panorama, out); !written) return commandFailed(command, written.error().message);
        } else if (auto written = encoder->write(*panorama); !written) {
            return commandFailed(command, written.error().message);
        }
        if (global.verbose)
            std::printf("frame %d/%d (faces %.0f ms, equirect %.0f ms)\n", index + 1, options.frames,
                        (*capture)->lastTimings().renderMilliseconds, (*capture)->lastTimings().resampleMilliseconds);
        // A full-size build captures for hours: a bar and the time left.
        progress.update("frames", index + 1, options.frames);
    }
    if (encoder) {
        if (auto finished = encoder->finish(); !finished) return commandFailed(command, finished.error().message);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote %s (%dx%d, %d frame%s at %d fps, faces %dpx%s; %.1f s, per frame: faces %.0f ms, "
                "equirect %.0f ms)\n",
                out.c_str(), size->x, size->y, options.frames, options.frames == 1 ? "" : "s", options.fps,
                (*capture)->faceSpec().interiorPixels, (*capture)->animated() ? ", animated" : "", seconds,
                renderMs / options.frames, resampleMs / options.frames);
    capture->reset();
    if (!reportValidation(**context)) return commandFailed(command, "Vulkan validation reported problems");
    return 0;
}

} // namespace

void registerCapturePanoCommand(CLI::App& app, const GlobalOptions& global, int& exitCode) {
    auto options = std::make_shared<CapturePanoOptions>();
    auto* command = app.add_subcommand(
        "capture-pano", "Render a 360° equirect panorama (PNG) or panorama video (MP4) of a scene from one point");
    command->add_option("scene", options->scenePath, "glTF/GLB/FBX/OBJ model")->required();
    command->add_option("--out,-o", options->outPath, "Output .png (one frame) or .mp4")->required();
    command->add_option("--size", options->size, "Equirect WxH, 2:1, width divisible by 4")->capture_default_str();
    command->add_option("--frames", options->frames, "Frames to capture")->capture_default_str();
    command->add_option("--fps", options->fps, "Frames per second (video and animation time)")->capture_default_str();
    command->add_option("--start", options->startSeconds, "Animation time of the first frame, seconds")
        ->capture_default_str();
    command->add_option("--position", options->position, "Capture point x,y,z (metres)")->capture_default_str();
    command->add_option("--yaw", options->yawDegrees, "Heading at the image centre, degrees (positive = left)")
        ->capture_default_str();
    command->add_option("--codec", options->codec, "h264 or hevc")
        ->check(CLI::IsMember({"h264", "hevc"}))->capture_default_str();
    command->add_option("--crf", options->crf, "Encoder quality (lower = better)")
        ->check(CLI::Range(0, 51))->capture_default_str();
    command->add_option("--preset", options->preset, "Encoder preset (ultrafast .. veryslow)")
        ->check(CLI::IsMember({"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower",
                               "veryslow"}))
        ->capture_default_str();
    command->add_option("--samples", options->samples, "MSAA samples (1, 2, 4, 8); see --supersample")
        ->check(CLI::IsMember({1, 2, 4, 8}))->capture_default_str();
    command->add_option("--supersample", options->supersample, "Render faces N times larger and average down (1..4)")
        ->check(CLI::Range(1, 4))->capture_default_str();
    command->add_option("--sky-zenith", options->skyZenith, "Sky colour straight up, linear r,g,b");
    command->add_option("--sky-horizon", options->skyHorizon, "Sky colour at the horizon, linear r,g,b");
    command->add_option("--ground", options->ground, "Ground/ambient-from-below colour, linear r,g,b");
    command->add_option("--exposure", options->exposure, "Exposure multiplier")->capture_default_str();
    command->callback([&global, &exitCode, options] { exitCode = runCapturePano(global, *options); });
}

} // namespace xrs::cli
