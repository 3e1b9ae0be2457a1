#pragma once
// An experience shown and heard: the session (what the visitor does), the stage (the current
// scene on the GPU), the overlay (hotspots, panels, captions) and the audio. Display-agnostic:
// the frame loop passes each frame's tracking-space views and input from whichever display it
// drives (window, headless, OpenXR), and the player renders into that display's output.
//
// Per frame, after the display's beginFrame():
//   update(input, dt)                 the session moves on; audio follows the head
//   record(frame, frames, views, ...) stage and overlay prepared, the scene drawn
// Tracking-space views are carried into the world with the session's rig (world = rig *
// tracking), so teleports, snap turns and scene arrivals move the world, not the headset.
#include "audio/AudioEngine.h"
#include "core/Result.h"
#include "experience/Experience.h"
#include "gpu/FrameRing.h"
#include "player/OverlayComposer.h"
#include "player/SceneStage.h"
#include "player/SessionAudio.h"
#include "render/SceneRenderer.h"
#include "render/WorldOverlay.h"
#include "runtime/ExperienceSession.h"

#include <memory>
#include <optional>
#include <string>

namespace xrs::player {

struct PlayerOptions {
    std::string language;                  // empty: the experience's default
    runtime::SessionSettings session;
    StageOptions stage;
    audio::AudioEngineOptions audio;
};

class ExperiencePlayer {
public:
    // `experience` should come from experience::loadExperience (a broken one is refused there,
    // with every problem listed). The renderer must outlive the player.
    static Result<std::unique_ptr<ExperiencePlayer>> create(gpu::Context& context, render::SceneRenderer& renderer,
                                                            experience::Experience experience,
                                                            const PlayerOptions& options = {});
    ~ExperiencePlayer();
    ExperiencePlayer(const ExperiencePlayer&) = delete;
    ExperiencePlayer& operator=(const ExperiencePlayer&) = delete;

    void update(const runtime::VisitorInput& input, double dtSeconds);

    // The visitor is away (took the headset off, or the headset shows something else): the
    // experience holds still, narration, captions, tour, fades, video and sound, until they are
    // back, so nobody misses a stop. Meanwhile input is ignored and frames still render.
    void setPaused(bool paused);
    bool paused() const { return paused_; }

    // Records the frame: `trackingViews` and `trackingGaze` as the display reported them.
    // `displayPixelsPerRadian` is the display's per-eye density at its centre (video tiles).
    // `inset` (quad-view headsets) is drawn too, with the same content.
    void record(gpu::FrameContext& frame, gpu::FrameRing& frames, const render::StereoViews& trackingViews,
                std::optional<glm::vec3> trackingGaze, const render::RenderOutput& output,
                float displayPixelsPerRadian, double dtSeconds,
                const std::optional<render::InsetViews>& inset = std::nullopt);

    // Panels and captions as the display's compositor layers (OpenXR quad layers): from the
    // next record() they are not drawn into the eye images but listed by compositorQuads().
    void useCompositorLayers(bool on);
    // The last record()'s compositor quads, in tracking space (the display's reference space).
    const std::vector<render::CompositorQuad>& compositorQuads() const { return compositorQuads_; }

    // A display that can show the real world (OpenXR alpha-blend or additive): scenes marked
    // `passthrough` are then drawn without their sky or video; `always` (optical see-through
    // only) draws every scene so.
    void setSeeThroughDisplay(bool available, bool always);
    // Whether the last record() drew for the real world behind it (the display must blend it).
    bool seeThroughFrame() const { return seeThroughFrame_; }

    runtime::ExperienceSession& session() { return *session_; }
    const runtime::SessionFrame& frame() const { return session_->frame(); }
    const SceneStage& stage() const { return *stage_; }
    const audio::AudioEngine& audio() const { return audio_->engine(); }
    const experience::Experience& experience() const { return session_->experience(); }

private:
    ExperiencePlayer() = default;

    std::unique_ptr<SessionAudio> audio_;   // the session's narration port: outlives the session
    std::unique_ptr<runtime::ExperienceSession> session_;
    std::unique_ptr<SceneStage> stage_;
    std::unique_ptr<render::WorldOverlay> overlay_;
    std::unique_ptr<OverlayComposer> composer_;
    render::SceneRenderer* renderer_ = nullptr;
    std::vector<render::CompositorQuad> compositorQuads_;
    bool seeThroughAvailable_ = false, seeThroughAlways_ = false, seeThroughFrame_ = false;
    bool paused_ = false;
};

// The head (between the eyes, the left eye's orientation) of a pair of eye views.
using render::headOf;

} // namespace xrs::player
