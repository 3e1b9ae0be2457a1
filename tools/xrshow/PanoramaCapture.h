#pragma once
// Renders a scene's full sphere around one point and resamples it to an equirectangular
// panorama (CubeToEquirect.h). The six 90-degree cube faces are drawn by the SceneRenderer
// into the headless display's 2-layer target, two faces per recorded frame (the renderer's
// two "eyes" are simply two faces), and read back. Animated nodes (SceneAnimation.h) are posed
// for each frame's time; since GpuScene bakes world matrices at upload, an animated scene is
// uploaded again for every panorama frame (keep its textures small).
#include "CubeToEquirect.h"
#include "SceneAnimation.h"

#include "core/Image.h"
#include "core/Result.h"
#include "gpu/Context.h"
#include "gpu/FrameRing.h"
#include "render/GpuScene.h"
#include "render/Lighting.h"
#include "render/SceneRenderer.h"
#include "scene/Scene.h"
#include "xr/HeadlessDisplay.h"

#include <memory>
#include <optional>

namespace xrs::pano {

struct PanoramaSettings {
    int width = 2048;  // equirect size, 2:1
    int height = 1024;
    glm::vec3 position{0.0f};
    float yawRad = 0.0f;  // the panorama's centre looks this way (about +Y, positive = left)
    float nearZ = 0.05f;
    render::Lighting lighting;
    // Anti-aliasing by rendering faces `supersample` times larger and averaging down (linear
    // light). MSAA is off by default: on lavapipe 22.3.6 4x MSAA made a face of the scenic-spot
    // scene ~100x slower than 1 sample, while 2x2 supersampling costs about 4x.
    VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
    int supersample = 2;
    unsigned resampleThreads = 0; // 0 = hardware concurrency
};

struct PanoramaTimings {
    double renderMilliseconds = 0.0;   // CPU wall time of the three face-pair frames (incl. upload)
    double resampleMilliseconds = 0.0; // cube -> equirect on the CPU
};

class PanoramaCapture {
public:
    // Face size = width / 4 (an equirect pixel at the equator spans 360/W degrees, as does a
    // face-centre pixel of a W/4 face). `scene` is kept (animated copies are posed from it).
    static Result<std::unique_ptr<PanoramaCapture>> create(gpu::Context& context, scene::Scene scene,
                                                           const PanoramaSettings& settings);
    ~PanoramaCapture();
    PanoramaCapture(const PanoramaCapture&) = delete;
    PanoramaCapture& operator=(const PanoramaCapture&) = delete;

    // The panorama at `timeSeconds` (only animated nodes depend on it).
    Result<ImageRGBA8> capture(double timeSeconds);

    bool animated() const { return !motions_.empty(); }
    const CubeFaceSpec& faceSpec() const { return faceSpec_; }
    const PanoramaTimings& lastTimings() const { return timings_; }
    // The six faces (with border) of the last capture, index = CubeFace.
    const std::array<ImageRGBA8, kCubeFaceCount>& lastFaces() const { return faces_; }

private:
    PanoramaCapture(gpu::Context& context, scene::Scene scene, const PanoramaSettings& settings);
    Status uploadScene();

    gpu::Context& context_;
    scene::Scene scene_;
    PanoramaSettings settings_;
    CubeFaceSpec faceSpec_;
    std::vector<NodeMotion> motions_;
    std::unique_ptr<render::SceneRenderer> renderer_;
    std::unique_ptr<render::GpuScene> gpuScene_;
    std::optional<xr::HeadlessDisplay> display_;
    std::unique_ptr<gpu::FrameRing> frames_;
    std::array<ImageRGBA8, kCubeFaceCount> faces_;
    PanoramaTimings timings_;
};

} // namespace xrs::pano
