#include "player/SceneStage.h"

#include "core/Log.h"
#include "experience/ExperiencePaths.h"
#include "player/SceneLighting.h"
#include "scene/SceneComposition.h"
#include "scene/SceneImporter.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <chrono>

namespace xrs::player {
namespace {

// A model's place in its scene: translate, then turn about +Y (yaw, + turns left), then scale.
glm::mat4 placementOf(const experience::Model& model) {
    glm::mat4 placement(1.0f);
    if (model.position) placement = glm::translate(placement, glm::vec3(*model.position));
    if (model.yawDegrees) placement = glm::rotate(placement, glm::radians(static_cast<float>(*model.yawDegrees)), {0, 1, 0});
    if (model.scale) placement = glm::scale(placement, glm::vec3(static_cast<float>(*model.scale)));
    return placement;
}

} // namespace

SceneStage::SceneStage(gpu::Context& context, render::SceneRenderer& renderer, const experience::Experience& experience,
                       StageOptions options)
    : context_(context), renderer_(renderer), experience_(experience), options_(options) {}

void SceneStage::show(const runtime::SessionFrame& frame, gpu::FrameRing& frames) {
    if (shownScene_ != frame.sceneIndex) {
        if (tiledImages_) frames.retire(std::move(tiledImages_));
        if (gpuScene_) frames.retire(std::move(gpuScene_));
        if (video_) frames.retire(std::move(video_));
        if (still_) frames.retire(std::move(still_));
        variants_.clear();
        load(frame);
        shownScene_ = frame.sceneIndex;
    }
    chooseVariants(frame);
}

void SceneStage::chooseVariants(const runtime::SessionFrame& frame) {
    dissolves_.assign(variants_.size(), render::Dissolve{0.0f, 0.0f}); // hidden unless shown
    const auto variantOf = [&](std::size_t model, const std::string& path) -> render::Dissolve* {
        for (std::size_t i = 0; i < variants_.size(); ++i)
            if (variants_[i].model == model && variants_[i].path == path) return &dissolves_[i];
        return nullptr;
    };
    for (const runtime::ModelView& model : frame.models) {
        const bool blending = !model.blendFromPath.empty() && model.blendFromPath != model.path && model.blend < 1.0f;
        if (render::Dissolve* shown = variantOf(model.index, model.path))
            *shown = {0.0f, blending ? model.blend : 1.0f};
        if (!blending) continue;
        if (render::Dissolve* previous = variantOf(model.index, model.blendFromPath)) *previous = {model.blend, 1.0f};
    }
}

void SceneStage::load(const runtime::SessionFrame& frame) {
    const experience::Scene& scene = experience_.scenes.at(frame.sceneIndex);
    lighting_ = render::Lighting{};
    const auto started = std::chrono::steady_clock::now();
    const Status loaded = scene.kind == experience::SceneKind::Model ? loadModels(scene)
                          : scene.image                              ? loadStill(scene)
                                                                     : loadVideo(scene);
    if (!loaded) {
        report("scene '" + scene.id + "': " + loaded.error().message + " (showing the default sky)");
        return;
    }
    XRS_LOG_INFO("scene '{}' ({}) on stage in {:.0f} ms", frame.sceneId, experience::sceneKindName(scene.kind),
                 std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
}

Status SceneStage::loadModels(const experience::Scene& scene) {
    // Every state of every model, so a toggle crossfades at once instead of loading in view.
    std::vector<scene::PlacedScene> placed;
    for (std::size_t i = 0; i < scene.models.size(); ++i) {
        const experience::Model& source = scene.models[i];
        std::vector<std::string> paths{source.path};
        for (const experience::ModelState& state : source.states)
            if (std::find(paths.begin(), paths.end(), state.path) == paths.end()) paths.push_back(state.path);
        for (const std::string& path : paths) {
            auto file = experience::resolveExperiencePath(experience_.folder, path);
            if (!file) return file.error();
            auto model = scene::importScene(*file);
            // One broken model does not hide the others.
            if (!model) {
                report(model.error().message);
                continue;
            }
            placed.push_back({std::move(*model), placementOf(source)});
            variants_.push_back({i, path}); // placed model placed.size()
        }
    }
    const scene::Scene composed = scene::composeScenes(std::move(placed));
    lighting_ = lightingFor(scene, composed);
    auto uploaded = render::GpuScene::upload(context_, composed, renderer_.materialLayout());
    if (!uploaded) return uploaded.error();
    gpuScene_ = std::move(*uploaded);
    if (!gpuScene_->tiledImages().empty()) {
        tiledImages_ = render::TiledImages::open(context_, *gpuScene_, renderer_.videoLayout());
        for (const std::string& problem : tiledImages_->problems()) problems_.push_back(problem); // logged already
    }
    return {};
}

Status SceneStage::loadStill(const experience::Scene& scene) {
    auto image = experience::resolveExperiencePath(experience_.folder, *scene.image);
    if (!image) return image.error();
    auto still = render::StillPanorama::open(context_, *image, renderer_.videoLayout());
    if (!still) return still.error();
    still_ = std::move(*still);
    return {};
}

Status SceneStage::loadVideo(const experience::Scene& scene) {
    if (!scene.video) return Error{"a 360° scene needs a \"video\" or an \"image\""};
    auto package = experience::resolveExperiencePath(experience_.folder, *scene.video);
    if (!package) return package.error();
    render::VideoPlayerConfig config;
    config.adaptiveBudget = !options_.fixedStep;
    auto player = render::VideoPlayer::open(context_, *package, renderer_.videoLayout(), config);
    if (!player) return player.error();
    if (options_.fixedStep) (*player)->clock().setFixedStep(1);
    // The first frame shown is never black: wait for the base layer (behind the fade's black).
    if (auto s = (*player)->preroll(std::chrono::seconds(30)); !s) return s.error();
    video_ = std::move(*player);
    return {};
}

void SceneStage::report(std::string problem) {
    XRS_LOG_ERROR("{}", problem);
    problems_.push_back(std::move(problem));
}

} // namespace xrs::player
