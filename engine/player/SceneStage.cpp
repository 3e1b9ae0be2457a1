#include "player/SceneStage.h"

#include "core/Log.h"
#include "experience/ExperiencePaths.h"
#include "player/SceneLighting.h"
#include "scene/SceneComposition.h"
#include "scene/SceneImporter.h"

#include <glm/gtc/matrix_transform.hpp>

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
    Content wanted{frame.sceneIndex, {}};
    for (const runtime::ModelView& model : frame.models) wanted.modelPaths.push_back(model.path);
    if (shown_ == wanted) return;
    if (tiledImages_) frames.retire(std::move(tiledImages_));
    if (gpuScene_) frames.retire(std::move(gpuScene_));
    if (video_) frames.retire(std::move(video_));
    if (still_) frames.retire(std::move(still_));
    load(wanted, frame);
    shown_ = std::move(wanted);
}

void SceneStage::load(const Content& content, const runtime::SessionFrame& frame) {
    const experience::Scene& scene = experience_.scenes.at(content.sceneIndex);
    lighting_ = render::Lighting{};
    const auto started = std::chrono::steady_clock::now();
    const Status loaded = scene.kind == experience::SceneKind::Model ? loadModels(scene, content.modelPaths)
                          : scene.image                              ? loadStill(scene)
                                                                     : loadVideo(scene);
    if (!loaded) {
        report("scene '" + scene.id + "': " + loaded.error().message + " (showing the default sky)");
        return;
    }
    XRS_LOG_INFO("scene '{}' ({}) on stage in {:.0f} ms", frame.sceneId, experience::sceneKindName(scene.kind),
                 std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
}

Status SceneStage::loadModels(const experience::Scene& scene, const std::vector<std::string>& paths) {
    std::vector<scene::PlacedScene> placed;
    for (std::size_t i = 0; i < scene.models.size() && i < paths.size(); ++i) {
        auto file = experience::resolveExperiencePath(experience_.folder, paths[i]);
        if (!file) return file.error();
        auto model = scene::importScene(*file);
        // One broken model does not hide the others.
        if (!model) {
            report(model.error().message);
            continue;
        }
        placed.push_back({std::move(*model), placementOf(scene.models[i])});
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
