#include "player/ExperiencePlayer.h"

#include "core/Log.h"

namespace xrs::player {

Result<std::unique_ptr<ExperiencePlayer>> ExperiencePlayer::create(gpu::Context& context, render::SceneRenderer& renderer,
                                                                   experience::Experience experience,
                                                                   const PlayerOptions& options) {
    std::unique_ptr<ExperiencePlayer> player(new ExperiencePlayer());
    player->renderer_ = &renderer;
    player->audio_ = std::make_unique<SessionAudio>(experience, audio::AudioEngine::create(options.audio));
    if (player->audio_->engine().silent())
        XRS_LOG_INFO("audio: silent ({}); narration keeps time, subtitles still show",
                     player->audio_->engine().silentReason());
    player->session_ = std::make_unique<runtime::ExperienceSession>(std::move(experience), *player->audio_, options.session);
    if (!options.language.empty())
        if (auto s = player->session_->setLanguage(options.language); !s) return s.error();
    player->stage_ = std::make_unique<SceneStage>(context, renderer, player->session_->experience(), options.stage);
    auto overlay = render::WorldOverlay::create(context, renderer);
    if (!overlay) return overlay.error();
    player->overlay_ = std::move(*overlay);
    player->composer_ = std::make_unique<OverlayComposer>(*player->overlay_, ui::Font::loadDefault());
    return player;
}

ExperiencePlayer::~ExperiencePlayer() = default;

void ExperiencePlayer::useCompositorLayers(bool on) { overlay_->useCompositorLayers(on); }

void ExperiencePlayer::setSeeThroughDisplay(bool available, bool always) {
    seeThroughAvailable_ = available || always;
    seeThroughAlways_ = always;
}

void ExperiencePlayer::setPaused(bool paused) {
    if (paused == paused_) return;
    paused_ = paused;
    audio_->setSuspended(paused);
}

void ExperiencePlayer::update(const runtime::VisitorInput& input, double dtSeconds) {
    if (paused_) {
        // Time stands still; the head is still tracked so that the picture stays right.
        runtime::VisitorInput still;
        still.head = input.head;
        session_->update(still, 0.0);
        audio_->update(session_->frame(), 0.0);
        return;
    }
    session_->update(input, dtSeconds);
    const runtime::SessionFrame& frame = session_->frame();
    for (const runtime::SessionEvent& event : frame.events) XRS_LOG_DEBUG("session: {}", runtime::describe(event));
    audio_->update(frame, dtSeconds);
}

void ExperiencePlayer::record(gpu::FrameContext& frame, gpu::FrameRing& frames, const render::StereoViews& trackingViews,
                              std::optional<glm::vec3> trackingGaze, const render::RenderOutput& output,
                              float displayPixelsPerRadian, double dtSeconds,
                              const std::optional<render::InsetViews>& inset) {
    const runtime::SessionFrame& session = session_->frame();
    stage_->show(session, frames);
    const double dt = paused_ ? 0.0 : dtSeconds; // paused: the video and the caption hold too

    render::StereoViews views = trackingViews;
    for (EyeView& eye : views.eyes) eye.pose = session.rig.poseToWorld(eye.pose);

    // Mixed reality: the real world replaces the background (whose video then needs no decoding).
    const auto& scenes = session_->experience().scenes;
    const bool scenePassthrough =
        session.sceneIndex < scenes.size() && scenes[session.sceneIndex].passthrough.value_or(false);
    seeThroughFrame_ = seeThroughAlways_ || (seeThroughAvailable_ && scenePassthrough);

    std::optional<render::VideoBackground> background;
    if (seeThroughFrame_) {
        // no background
    } else if (render::VideoPlayer* video = stage_->video()) {
        // The clock holds while paused, also in fixed-step runs (which step whatever dt says).
        if (paused_) video->clock().pause();
        else video->clock().resume();
        render::VideoFrameInput input;
        input.views = views;
        if (trackingGaze) input.gazeDirection = session.rig.directionToWorld(*trackingGaze);
        input.displayPixelsPerRadian = displayPixelsPerRadian;
        input.dtSeconds = dt;
        video->update(frame, input, /*waitForTiles=*/stage_->options().fixedStep);
        background = video->background(frame);
    } else if (render::StillPanorama* still = stage_->still()) {
        still->update(frame);
        background = still->background(frame);
    }

    render::SceneDrawOptions sceneOptions;
    sceneOptions.dissolves = stage_->dissolves();
    sceneOptions.seeThrough = seeThroughFrame_;
    if (render::TiledImages* tiled = stage_->tiledImages()) {
        render::TiledImageView view{views, std::nullopt, displayPixelsPerRadian, dt};
        if (trackingGaze) view.gazeDirection = session.rig.directionToWorld(*trackingGaze);
        tiled->update(frame, view, /*waitForTiles=*/stage_->options().fixedStep);
        sceneOptions.tiledImageSets = tiled->sets();
    }

    composer_->compose(session, dt);
    overlay_->prepare(frame, frames);
    // The compositor places layers in tracking space: undo the rig (world = rig * tracking).
    const glm::vec3 headWorld = (views.eyes[0].pose.position + views.eyes[1].pose.position) * 0.5f;
    compositorQuads_ = overlay_->compositorQuads(headWorld);
    const Pose rig = session.rig.asPose();
    const glm::quat toTracking = glm::conjugate(rig.orientation);
    for (render::CompositorQuad& quad : compositorQuads_) {
        quad.center = toTracking * (quad.center - rig.position);
        quad.halfRight = toTracking * quad.halfRight;
        quad.halfUp = toTracking * quad.halfUp;
    }
    renderer_->record(frame, frames, stage_->gpuScene(), views, stage_->lighting(), output,
                      background ? &*background : nullptr, overlay_.get(), sceneOptions);
    if (inset) {
        // Video tiles and tiled images were chosen for the wide views, whose centre the insets
        // share; the insets only magnify what those already hold.
        render::StereoViews insetViews = inset->views;
        for (EyeView& eye : insetViews.eyes) eye.pose = session.rig.poseToWorld(eye.pose);
        renderer_->record(frame, frames, stage_->gpuScene(), insetViews, stage_->lighting(), inset->output,
                          background ? &*background : nullptr, overlay_.get(), sceneOptions);
    }
}

} // namespace xrs::player
