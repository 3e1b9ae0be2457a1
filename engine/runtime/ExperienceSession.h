#pragma once
// A visitor's run through an experience: the logic between input and what is drawn and heard.
// No GPU, no audio device: update() turns one frame of VisitorInput into a SessionFrame that the
// frame loop hands to the renderer, the audio engine and the UI. Deterministic: the same inputs
// and dts give the same frames.
//
// Spaces. Input arrives in tracking space; the session owns the Rig (world = rig * tracking)
// that teleports, tour stops, scene changes and snap turns move. Eye views must be carried into
// the world with frame().worldFromTracking before rendering.
//
// Arrivals (scene changes, tour stops, teleports) fade to black, make the change on the frame
// the fade reaches black, and fade back in; input is ignored while fading out. The first
// update() is such a black frame: the visitor arrives at the first tour stop (settings
// .startTour and a tour exists) or at the first scene's spawn, then the view fades in.
// Model scenes: the feet land on the view's position, the head at its tracked height (+ the
// seated lift) above them, facing the view's yaw. Video360 scenes: feet at the world origin,
// facing the view's yaw (or the scene's initialYaw). A view's pitch is not applied (the
// visitor's head decides where to look).
//
// Hotspots. Model scenes place them at their position; video360 scenes at yaw/pitch,
// settings.videoHotspotDistance from the head wherever it moves. Each has a selection cone of
// settings.hotspotAngularRadiusDegrees; the nearest hotspot in a pointer's cone is the one it
// points at. Controller trigger, hand pinch and mouse click activate on press (first of
// controller, hand, mouse); gaze (eye gaze, else the head's forward axis) activates after
// settings.dwellSeconds on one hotspot (GazeDwell). Actions:
//   openPanel         toggles the panel; one panel at a time, placed panelDistance in front of
//                     the head at eye height, facing the visitor, fixed in the world until closed
//                     (by selecting it again, closePanel(), or any move of the visitor's rig)
//   goToScene         scene fade to the target scene and view (default: spawn / initialYaw)
//   playNarration     plays the clip at the hotspot's position (its subtitles become the
//                     caption); activating it again while it plays stops it
//   toggleModelState  the model shows the state, or its own path again
//
// Narration. One voice at a time: a new narration, a scene change or a tour stop stops the
// previous one, except that a hotspot's narration only pauses the tour stop's, which resumes
// where it was when the hotspot's ends or is stopped (a visitor who looks at an exhibit's
// "listen" hotspot does not lose the tour, gaze being the only input some visitors have). Its clock (NarrationPort::seconds) drives the caption: the cues at the clock
// rounded to the nearest millisecond, in the current language (localized() fallback). A clip
// that cannot play is silent but keeps time on the session's own clock (dt per frame), ending
// after the stop's duration or else at the end of its last subtitle cue (without either, it
// lasts until something stops it).
//
// Tour. Stops in order; arriving at a stop teleports to its scene and pose (no pose: the scene
// stays, or its spawn when the scene changes) and starts its narration, or its duration clock
// when it has none. With autoAdvance the next stop follows when the narration ends (duration
// elapses); a narration cut short (another voice, a scene change) does not advance the tour.
// The tour is finished (TourFinished) when the last stop's narration ends, auto-advance or not.
//
// Height. Standing: the visitor's own eye height (tracked head height, no lift). Seated: the
// head is lifted to settings.standingEyeHeight from the calibrated seated eye height (before
// calibrateHeight(): settings.assumedSeatedEyeHeight).
//
// Language: every visitor-facing string comes from the experience through localized().
#include "core/Result.h"
#include "experience/Experience.h"
#include "runtime/ComfortVignette.h"
#include "runtime/ExperienceAssets.h"
#include "runtime/FadeTransition.h"
#include "runtime/GazeDwell.h"
#include "runtime/NarrationPort.h"
#include "runtime/SessionTypes.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xrs::runtime {

class ExperienceSession {
public:
    // The experience should come from experience::loadExperience (references checked); it is
    // copied. The port must outlive the session. Subtitle files are parsed here.
    ExperienceSession(experience::Experience experience, NarrationPort& narration, const SessionSettings& settings = {});
    ~ExperienceSession();
    ExperienceSession(const ExperienceSession&) = delete;
    ExperienceSession& operator=(const ExperienceSession&) = delete;

    // Advances the session by dt seconds (>= 0) with this frame's input; frame() then holds
    // the result and the events since the previous update().
    void update(const VisitorInput& input, double dtSeconds);
    const SessionFrame& frame() const { return frame_; }

    // Language. Refuses codes that are not in languages.available:
    // "<experience.json>: language 'fr' is not available (available: zh, en)".
    Status setLanguage(std::string_view code);
    const std::string& language() const { return language_; }
    const std::vector<std::string>& availableLanguages() const { return experience_.languages.available; }

    // Tour. Requests take effect through a fade (a request during a fade-out replaces its target).
    std::size_t tourStopCount() const { return experience_.tour.size(); }
    std::optional<std::size_t> currentTourStop() const { return currentStop_; }
    std::vector<std::string> tourStopTitles() const;   // current language; "" for untitled stops
    Status goToTourStop(std::size_t index);             // error when out of range
    bool nextTourStop();                                // false at the last stop (or no tour)
    bool previousTourStop();                            // false at the first stop (or no tour)

    // UI. Activates a hotspot of the current scene as if selected (event detail "ui").
    Status activateHotspot(std::string_view id);
    void closePanel();

    // Height. Switching posture forgets the calibration (it was measured in the other one).
    void setSeated(bool seated);
    bool seated() const { return seated_; }
    // Measures the eye height from the latest head pose: standing, it is the visitor's own;
    // seated, it sets the lift. Refused before the first update() or outside 0.3..2.5 m.
    Status calibrateHeight();
    float eyeHeight() const;   // the tracked eye height the session assumes, before the lift

    // The state shown by a model of a scene ("" = its own path).
    std::string modelState(std::string_view sceneId, std::string_view modelId) const;

    const experience::Experience& experience() const { return experience_; }
    // Optional assets that failed (missing/broken subtitles, images, clips), one line each.
    const std::vector<std::string>& assetProblems() const { return assets_.problems(); }

private:
    struct Arrival {
        std::size_t sceneIndex = 0;
        std::optional<glm::vec3> feet;            // nullopt: keep the rig (tour stop without pose)
        std::optional<float> yawRadians;          // nullopt: keep the head's world yaw
        std::optional<std::size_t> tourStop;
    };
    struct Voice {
        bool fromTour = false;
        std::size_t index = 0;                    // tour stop or hotspot
        std::string clip;                         // as in the file; "" for a duration-only stop
        std::optional<NarrationId> id;            // nullopt: silent, timed by ownSeconds
        double ownSeconds = 0.0;
        std::optional<double> durationSeconds;    // tour stop duration
        const experience::LocalizedText* subtitles = nullptr;
        bool startedThisFrame = true;
    };

    void requestArrival(Arrival arrival, double fadeSeconds);
    void applyArrival(const Arrival& arrival);
    Arrival arrivalAtView(std::size_t sceneIndex, const experience::View* view) const;
    Arrival arrivalAtStop(std::size_t stopIndex) const;
    double fadeSecondsTo(std::size_t sceneIndex) const;

    std::optional<std::size_t> sceneIndexOf(std::string_view id) const;
    float seatedLift() const;
    float headWorldYaw() const;
    void handlePointers(const VisitorInput& input, double dtSeconds);
    void activate(std::size_t hotspotIndex, std::string_view how);
    void openPanel(const experience::Panel& panel);
    void toggleNarration(std::size_t hotspotIndex);
    void toggleModel(const experience::Action& action);
    const experience::Model* toggledModel(const experience::Action& action) const;
    float stateFraction(const experience::Model& model, const std::string& stateId) const;
    void followBlendSlide(const VisitorInput& input, double dtSeconds);
    void handleTeleport(const VisitorInput& input);

    void startVoice(Voice voice, const std::optional<std::string>& clip, std::optional<glm::vec3> position);
    void stopVoice(std::string_view reason);
    void pauseTourVoice();
    void resumeTourVoice();
    void discardPausedTourVoice();
    void updateVoice(double dtSeconds);
    double voiceSeconds() const;
    std::optional<double> voiceLength();
    std::string captionNow();

    std::vector<glm::vec3> hotspotPositions() const;
    void buildFrame();
    void emit(SessionEventType type, std::string id, std::string detail = {}, std::optional<std::size_t> index = {});

    experience::Experience experience_;
    NarrationPort& narration_;
    SessionSettings settings_;
    ExperienceAssets assets_;
    std::string language_;

    std::string experienceName_;                  // experience.json, for messages
    std::vector<std::optional<std::filesystem::path>> iconImages_;   // per hotspot

    Pose head_;
    bool haveHead_ = false;
    bool arrived_ = false;
    Rig rig_;
    bool seated_ = false;
    std::optional<float> calibratedEyeHeight_;

    std::size_t sceneIndex_ = 0;
    std::vector<std::size_t> sceneHotspots_;      // indices into experience_.hotspots
    FadeTransition fade_;
    std::optional<Arrival> pendingArrival_;
    GazeDwell dwell_;
    ComfortVignette vignette_;
    std::optional<glm::vec3> teleportTarget_;
    // Selection slots: the scene's hotspots, then the look-down controls while they show.
    std::vector<bool> hovered_;                   // per slot, this frame
    std::optional<std::size_t> hoveredSlot_;      // the one pointed at (controller, hand, mouse, gaze)
    std::optional<float> lookDownYaw_;            // heading the controls appeared under, while shown
    bool lookDownUsed_ = false;                   // one was selected: none until the head comes up
    // What the visitor can do from here, placed (empty unless shown); slot hotspots + i.
    std::vector<LookDownControlView> lookDownControls() const;
    void selectLookDownControl(const LookDownControlView& control);
    std::string nextLanguage() const;

    struct OpenPanel {
        const experience::Panel* panel = nullptr;
        Pose worldPose;
        std::optional<std::filesystem::path> image;
    };
    std::optional<OpenPanel> panel_;
    std::optional<Voice> voice_;
    std::optional<Voice> pausedTourVoice_;        // waiting for a hotspot's narration to end
    std::optional<std::size_t> currentStop_;
    // scene id -> model id -> state id (absent = the model's own path)
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> modelStates_;
    // Crossfades under way, by (scene id, model id): the path shown before the toggle and the
    // fraction of the new one shown.
    struct ModelBlend {
        std::string fromPath;
        float progress = 0.0f;
        bool held = false; // set by a slide: stays at `progress` until the next toggle
    };
    // A pointer held down on a toggle hotspot: sliding it sideways sets the model's blend.
    struct BlendSlide {
        std::size_t sceneIndex = 0;
        const experience::Action* action = nullptr;
        std::string pointer;       // "controller", "hand" or "mouse"
        glm::vec3 startDirection{0.0f}; // world, at the press
        float startFraction = 0.0f;     // of the toggled state, before the press toggled it
        bool sliding = false;           // moved far enough to be a slide, not a click
        double heldSeconds = 0.0;
    };
    // A press held this long without moving shows the slide's track (a click does not flash it).
    static constexpr double kSlideTrackAfterSeconds = 0.3;
    std::optional<BlendSlide> blendSlide_;
    std::map<std::pair<std::string, std::string>, ModelBlend> modelBlends_;

    std::vector<SessionEvent> events_;
    SessionFrame frame_;
};

} // namespace xrs::runtime
