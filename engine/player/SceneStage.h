#pragma once
// What the current scene puts on the GPU: a 6DoF scene's models (each in its current state)
// composed into one GpuScene with the scene's lighting (and the streamers of the tiled images
// they show), or a 360° scene's video player (a tiled video package) or still panorama (an
// equirectangular image).
//
// show() is called every frame with the session's frame and loads only when the scene changes.
// A 6DoF scene is loaded with every state of its models (the restored jar beside the broken
// one), each a placed model of the GpuScene; the frame's model views pick which are drawn, and
// a toggled model crossfades between two states by a dither dissolve (dissolves()). The session
// changes scenes on the frame its fade reaches black, so the load (synchronous: import, upload,
// video preroll) happens behind black.
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
#include <span>
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
    // For SceneRenderer::record(): how much of each placed model (model state) shows this frame.
    std::span<const render::Dissolve> dissolves() const { return dissolves_; }
    // The GpuScene's tiled images, streamed (null when it shows none).
    render::TiledImages* tiledImages() const { return tiledImages_.get(); }
    render::VideoPlayer* video() const { return video_.get(); }
    render::StillPanorama* still() const { return still_.get(); }
    // The load problems met so far, one line each (also logged).
    const std::vector<std::string>& problems() const { return problems_; }

private:
    // One state of one model on the GpuScene: placed model (index + 1) of the composition.
    struct Variant {
        std::size_t model = 0; // index into the scene's models
        std::string path;      // the file, as the experience names it
    };
    void load(const runtime::SessionFrame& frame);
    void chooseVariants(const runtime::SessionFrame& frame);
    Status loadModels(const experience::Scene& scene);
    Status loadVideo(const experience::Scene& scene);
    Status loadStill(const experience::Scene& scene);
    void report(std::string problem);

    gpu::Context& context_;
    render::SceneRenderer& renderer_;
    const experience::Experience& experience_;
    StageOptions options_;
    std::optional<std::size_t> shownScene_;
    std::vector<Variant> variants_;           // index i: placed model i + 1
    std::vector<render::Dissolve> dissolves_; // index-aligned with variants_
    std::unique_ptr<render::GpuScene> gpuScene_;
    std::unique_ptr<render::TiledImages> tiledImages_; // streams gpuScene_'s tiled images
    std::unique_ptr<render::VideoPlayer> video_;
    std::unique_ptr<render::StillPanorama> still_;
    render::Lighting lighting_;
    std::vector<std::string> problems_;
};

} // namespace xrs::player
