#pragma once
// What the current scene puts on the GPU: a 6DoF scene's models (each in its current state)
// composed into one GpuScene with the scene's lighting (and the streamers of the tiled images
// they show), or a 360° scene's video player (a tiled video package) or still panorama (an
// equirectangular image).
//
// show() is called every frame with the session's frame and loads only what changed: a new
// scene, or a model switched to another state. The session changes scenes on the frame its fade
// reaches black, so the load (synchronous: import, upload, video preroll) happens behind black.
// The content it replaces may still be in use by frames in flight, so it is retired through the
// FrameRing, never destroyed under the GPU.
//
// A scene that cannot load (a broken model, a missing video package) shows the default sky
// with one logged error naming the file; the visitor keeps the hotspots, panels and narration.
#include "core/Result.h"
#include "experience/Experience.h"
#include "gpu/FrameRing.h"
#include "render/GpuScene.h"
#include "render/Lighting.h"
#include "render/SceneRenderer.h"
#include "render/StillPanorama.h"
#include "render/TiledImages.h"
#include "render/VideoPlayer.h"
#include "runtime/SessionTypes.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xrs::player {

struct StageOptions {
    // Scripted runs: the video advances one frame per display frame, the scheduler ignores
    // the machine's decode speed and tiled images wait for their tiles, so runs repeat.
    bool fixedStep = false;
};

class SceneStage {
public:
    SceneStage(gpu::Context& context, render::SceneRenderer& renderer, const experience::Experience& experience,
               StageOptions options = {});

    // Call after FrameRing::begin() (replaced content is retired into this frame's slot).
    void show(const runtime::SessionFrame& frame, gpu::FrameRing& frames);

    const StageOptions& options() const { return options_; }
    const render::GpuScene* gpuScene() const { return gpuScene_.get(); }
    const render::Lighting& lighting() const { return lighting_; }
    // The GpuScene's tiled images, streamed (null when it shows none).
    render::TiledImages* tiledImages() const { return tiledImages_.get(); }
    render::VideoPlayer* video() const { return video_.get(); }
    render::StillPanorama* still() const { return still_.get(); }
    // The load problems met so far, one line each (also logged).
    const std::vector<std::string>& problems() const { return problems_; }

private:
    // What is on stage: the scene and the file each of its models shows.
    struct Content {
        std::size_t sceneIndex = 0;
        std::vector<std::string> modelPaths;
        bool operator==(const Content&) const = default;
    };
    void load(const Content& content, const runtime::SessionFrame& frame);
    Status loadModels(const experience::Scene& scene, const std::vector<std::string>& paths);
    Status loadVideo(const experience::Scene& scene);
    Status loadStill(const experience::Scene& scene);
    void report(std::string problem);

    gpu::Context& context_;
    render::SceneRenderer& renderer_;
    const experience::Experience& experience_;
    StageOptions options_;
    std::optional<Content> shown_;
    std::unique_ptr<render::GpuScene> gpuScene_;
    std::unique_ptr<render::TiledImages> tiledImages_; // streams gpuScene_'s tiled images
    std::unique_ptr<render::VideoPlayer> video_;
    std::unique_ptr<render::StillPanorama> still_;
    render::Lighting lighting_;
    std::vector<std::string> problems_;
};

} // namespace xrs::player
