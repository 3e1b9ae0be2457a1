// xrshow render <scene> --out image.png: one stereo frame rendered headless to a PNG.
#include "CommandSupport.h"
#include "core/Image.h"
#include "core/Log.h"
#include "render/Framing.h"
#include "scene/SceneImporter.h"
#include "xr/StillRender.h"

#include <glm/gtc/constants.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace xrs::cli {
namespace {

struct RenderOptions {
    std::string scenePath;
    std::string outPath;
    std::string size = "1024x1024";
    std::string eye = "both";
    std::string camera;
    float fovDegrees = 90.0f;
    float ipd = 0.063f;
    int samples = 4;
    bool bakedOnly = false;
};

Result<VkExtent2D> parseSize(const std::string& text) {
    unsigned width = 0, height = 0;
    char x = 0;
    std::istringstream in(text);
    if (!(in >> width >> x >> height) || x != 'x' || !in.eof() || width == 0 || height == 0 ||
        width > 16384 || height > 16384)
        return fail("--size ", text, ": expected WxH with 1..16384 pixels per side, e.g. 1832x1920");
    return VkExtent2D{width, height};
}

Result<glm::vec3> parseVec3(const std::string& text, const std::string& what) {
    glm::vec3 v;
    char c1 = 0, c2 = 0;
    std::istringstream in(text);
    if (!(in >> v.x >> c1 >> v.y >> c2 >> v.z) || c1 != ',' || c2 != ',' || !in.eof() ||
        !std::isfinite(v.x) || !std::isfinite(v.y) || !std::isfinite(v.z))
        return fail("--camera: ", what, "=", text, " is not three finite numbers x,y,z");
    return v;
}

// "eye=x,y,z,target=x,y,z"
Result<Pose> parseCamera(const std::string& text) {
    const auto targetAt = text.find(",target=");
    if (text.rfind("eye=", 0) != 0 || targetAt == std::string::npos)
        return fail("--camera ", text, ": expected eye=x,y,z,target=x,y,z");
    auto eye = parseVec3(text.substr(4, targetAt - 4), "eye");
    if (!eye) return eye.error();
    auto target = parseVec3(text.substr(targetAt + 8), "target");
    if (!target) return target.error();
    if (glm::length(*target - *eye) < 1e-6f) return fail("--camera: eye and target coincide");
    return lookAtPose(*eye, *target);
}

int runRender(const GlobalOptions& global, const RenderOptions& options) {
    auto extent = parseSize(options.size);
    if (!extent) return commandFailed("render", extent.error().message);
    if (options.eye != "left" && options.eye != "right" && options.eye != "both")
        return commandFailed("render", "--eye " + options.eye + ": expected left, right or both");
    if (!(options.fovDegrees > 1.0f && options.fovDegrees < 179.0f))
        return commandFailed("render", "--fov must be between 1 and 179 degrees");

    auto scene = scene::importScene(options.scenePath);
    if (!scene) return commandFailed("render", scene.error().message);

    const float aspect = static_cast<float>(extent->width) / static_cast<float>(extent->height);
    const Fov fov = symmetricFov(glm::radians(options.fovDegrees), aspect);
    const float verticalFov = fov.angleUp - fov.angleDown;
    Pose head;
    if (!options.camera.empty()) {
        auto pose = parseCamera(options.camera);
        if (!pose) return commandFailed("render", pose.error().message);
        head = *pose;
    } else if (auto cameraPose = render::sceneCameraPose(*scene)) {
        head = *cameraPose;
    } else {
        head = render::framingPose(scene::computeWorldBounds(*scene), glm::radians(options.fovDegrees),
                                   verticalFov);
    }

    auto context = createContext(global);
    if (!context) return commandFailed("render", context.error().message);

    xr::StillRequest request;
    request.scene = &*scene;
    request.eyeExtent = *extent;
    request.views.eyes = stereoEyes(head, options.ipd, fov, fov);
    request.lighting = render::lightingFor(*scene);
    request.renderer.samples = static_cast<VkSampleCountFlagBits>(options.samples);
    request.streamTiledImages = !options.bakedOnly;
    auto still = xr::renderStill(**context, request);
    if (!still) return commandFailed("render", still.error().message);
    for (const std::string& problem : still->problems) std::fprintf(stderr, "xrshow render: %s\n", problem.c_str());

    ImageRGBA8 image = options.eye == "left"    ? still->eyes[0]
                       : options.eye == "right" ? still->eyes[1]
                                                : concatHorizontal(still->eyes[0], still->eyes[1]);
    const std::filesystem::path out = options.outPath;
    std::error_code ec;
    if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ec);
    if (auto written = writePng(image, out); !written)
        return commandFailed("render", written.error().message);
    std::printf("wrote %s (%dx%d, %s eye%s, GPU %.1f ms)\n", out.c_str(), image.width, image.height,
                options.eye.c_str(), options.eye == "both" ? "s side by side" : "",
                still->lastGpuMilliseconds);
    if (!reportValidation(**context)) return commandFailed("render", "Vulkan validation reported problems");
    return 0;
}

} // namespace

void registerRenderCommand(CLI::App& app, const GlobalOptions& global, int& exitCode) {
    auto options = std::make_shared<RenderOptions>();
    auto* command = app.add_subcommand("render", "Render a scene headless (both eyes) to a PNG");
    command->add_option("scene", options->scenePath, "glTF/GLB/FBX/OBJ model")->required();
    command->add_option("--out,-o", options->outPath, "Output PNG")->required();
    command->add_option("--size", options->size, "Per-eye size WxH")->capture_default_str();
    command->add_option("--eye", options->eye, "left, right or both (side by side)")->capture_default_str();
    command->add_option("--camera", options->camera, "eye=x,y,z,target=x,y,z (default: scene camera or framing)");
    command->add_option("--fov", options->fovDegrees, "Horizontal field of view per eye, degrees")->capture_default_str();
    command->add_option("--ipd", options->ipd, "Interpupillary distance, metres")->capture_default_str();
    command->add_flag("--baked-only", options->bakedOnly,
                      "Tiled images (glTF extras xrsTilePyramid) show their baked texture, no streamed tiles");
    command->add_option("--samples", options->samples, "MSAA samples (1, 2, 4, 8)")
        ->check(CLI::IsMember({1, 2, 4, 8}))->capture_default_str();
    command->callback([&global, &exitCode, options] { exitCode = runRender(global, *options); });
}

} // namespace xrs::cli
