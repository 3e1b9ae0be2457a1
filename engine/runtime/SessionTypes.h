#pragma once
// What goes into and comes out of ExperienceSession::update(): the visitor's input for one
// frame, the session's settings, and the frame the renderer, audio and UI read.
#include "core/View.h"
#include "experience/Experience.h"
#include "runtime/VisitorGeometry.h"

#include <glm/glm.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace xrs::runtime {

// Frame times summed in floating point land a hair off the exact total (60 * (1/60) is not
// exactly 1): a duration counts as reached within this, so a 1 s dwell at 60 Hz takes exactly
// 60 frames after the first one.
inline constexpr double kTimeEpsilon = 1e-9;

// A pointing device with a select button. The ray is in tracking space.
struct Pointer {
    Ray ray;
    bool selectPressed = false;   // went down this frame (trigger, pinch, mouse button)
    bool selectHeld = false;      // is down this frame (pressed now or earlier)
};

// One frame of visitor input, everything in tracking space (the space the headset or the
// simulated headset reports; the session's rig carries it into the world).
struct VisitorInput {
    Pose head;                                   // the head (centre between the eyes)
    std::optional<glm::vec3> gazeDirection;      // eye gaze; nullopt: the head's forward axis
    std::optional<Pointer> controller;           // aim ray + trigger; nullopt: not tracked
    std::optional<Pointer> hand;                 // hand aim ray + pinch
    std::optional<Pointer> mouse;                // desktop: the ray under the cursor + click
    bool snapTurnLeft = false;                   // pressed this frame
    bool snapTurnRight = false;
    std::optional<Ray> teleportAim;              // present while the visitor aims a teleport
    bool teleportRelease = false;                // released this frame: teleport to the aimed point
    // Height: the visitor's posture when the display knows it (the desktop's seated toggle), and
    // a request to measure the eye height from this frame's head (a button the visitor presses
    // once sitting or standing comfortably).
    std::optional<bool> seated;
    bool calibrateHeight = false;                // pressed this frame
    glm::vec3 smoothMoveVelocity{0.0f};          // artificial locomotion (m/s), for the vignette
    float smoothTurnDegreesPerSecond = 0.0f;     // artificial turning, for the vignette
};

// Gaze dwell is for visitors without controllers; Auto dwells only in frames without a
// controller, hand or mouse pointer.
enum class GazeDwellMode { Auto, Always, Never };

struct SessionSettings {
    double dwellSeconds = 1.0;                  // gaze on one hotspot this long activates it
    GazeDwellMode gazeDwell = GazeDwellMode::Auto;
    float hotspotAngularRadiusDegrees = 4.0f;   // selection cone around each hotspot
    float videoHotspotDistance = 3.0f;          // metres from the head, video360 scenes
    double sceneFadeSeconds = 0.25;             // each way, scene changes
    double teleportFadeSeconds = 0.15;          // each way, teleports within a scene
    float snapTurnDegrees = 30.0f;
    float teleportMaxDistance = 30.0f;          // metres along the aim ray
    float panelDistance = 1.2f;                 // metres in front of the head
    float defaultPanelWidth = 0.8f;             // metres, when the panel has no width
    // Height: standing visitors see from their own eye height; seated visitors are lifted so
    // their eyes are at standingEyeHeight (from the calibrated seated height, or this guess).
    float standingEyeHeight = 1.6f;
    float assumedSeatedEyeHeight = 1.2f;
    // Comfort vignette: full strength at this speed / turn rate, ramping in and out over
    // vignetteRampSeconds; below the still thresholds there is none.
    float vignetteFullSpeed = 2.0f;
    float vignetteFullTurnDegreesPerSecond = 90.0f;
    float stillSpeed = 0.05f;
    float stillTurnDegreesPerSecond = 2.0f;
    double vignetteRampSeconds = 0.2;
    // A toggled model dissolves into its other state over this long, so the visitor sees what
    // changed rather than a jump; 0: switch at once.
    double modelStateBlendSeconds = 1.5;
    // A pointer pressed on a toggle hotspot and moved sideways while held slides the model
    // between its states (right: towards the toggled state); this many degrees cover the range.
    // Released, the model stays at that blend until the next toggle.
    float modelBlendSlideDegrees = 30.0f;
    bool startTour = true;                       // begin at the first tour stop when there is a tour
    // Look-down controls (the next language, the tour's next stop): looking further down than
    // lookDownShowPitchDegrees shows them in a row lookDownDistance from the head at
    // lookDownPitchDegrees, lookDownSpacingDegrees of heading apart, centred on the heading the
    // head had when they appeared (they stay put while shown). Selected like hotspots (pointer
    // or gaze dwell): a visitor without controllers reaches them too.
    float lookDownShowPitchDegrees = -35.0f;
    float lookDownPitchDegrees = -50.0f;
    float lookDownDistance = 0.9f;
    float lookDownSpacingDegrees = 28.0f;
};

enum class SessionEventType {
    SceneChanged,       // id: scene id, index: scene index
    Teleported,         // within the scene; id: scene id
    HotspotActivated,   // id: hotspot id, detail: "gaze", "controller", "hand", "mouse" or "ui"
    PanelOpened,        // id: panel id
    PanelClosed,        // id: panel id
    NarrationStarted,   // id: clip path as in the file, detail: "silent" when it could not play
    NarrationEnded,     // id: clip path, detail: "finished" or "stopped"
    NarrationPaused,    // id: clip path (a tour stop's, while a hotspot's narration plays)
    NarrationResumed,   // id: clip path
    TourStopChanged,    // index: stop index, id: stop id (may be empty)
    TourFinished,       // the last stop's narration (or duration) ended; index: that stop
    ModelStateChanged,  // id: model id, detail: state id ("" = the model's own path)
    LanguageChanged,    // id: language code
    HeightCalibrated,   // detail: the measured eye height in metres and the posture, or why not
};

struct SessionEvent {
    SessionEventType type = SessionEventType::SceneChanged;
    std::string id;
    std::string detail;
    std::optional<std::size_t> index;
};

std::string_view eventTypeName(SessionEventType type);   // "sceneChanged", ...
std::string describe(const SessionEvent& event);         // one line for the log

struct HotspotView {
    std::size_t index = 0;                        // into Experience::hotspots
    std::string id;
    glm::vec3 worldPosition{0.0f};
    std::string label;                            // in the current language
    std::string icon;                             // as in the file: a built-in name, a path, or ""
    std::optional<std::filesystem::path> iconImage; // resolved when icon is a path that exists
    bool hovered = false;                         // some pointer or the gaze is on it
    float dwellProgress = 0.0f;                   // 0..1, the gaze ring
    // Toggle hotspots: how much of the toggled state the model shows (0..1, crossfade or slide).
    std::optional<float> stateFraction;
    // While a pointer holds this toggle hotspot down: the track its sideways slide moves along.
    // The track spans `spanDegrees` of the view (left end: the model's own state, right end: the
    // toggled one); the blend stood at `startFraction` when pressed, with the pointer on the
    // hotspot, so a track placed with that point on the hotspot keeps its thumb under the pointer.
    struct SlideTrack {
        float startFraction = 0.0f;
        float spanDegrees = 30.0f;
    };
    std::optional<SlideTrack> slide;
    bool visible = true;                          // false while fading out to another place
};

// The scene's way-finding route on the ground (experience::Route), in world space.
struct RouteView {
    std::vector<glm::vec3> points; // walking order; empty: the scene has no route
    bool visible = true;           // false while fading out to another place
};

enum class LookDownControlKind {
    NextLanguage, // label: that language's own name (languageName)
    NextTourStop, // label: that stop's title in the current language ("" if untitled)
};

struct LookDownControlView {
    LookDownControlKind kind = LookDownControlKind::NextLanguage;
    glm::vec3 worldPosition{0.0f};
    std::string label;
    std::string language;      // NextLanguage: the code it switches to
    std::size_t tourStop = 0;  // NextTourStop: the stop it goes to
    bool hovered = false;
    float dwellProgress = 0.0f;
};

// A language's name in that language ("中文", "English", ...) for the codes xrshow knows, else
// the code itself.
std::string languageName(std::string_view code);

struct PanelView {
    std::string id;
    Pose worldPose;        // centre of the panel; its +Z (front) faces the visitor
    float widthMetres = 0.0f;
    std::string title;     // current language
    std::string text;      // rich text, current language
    std::optional<std::filesystem::path> image;   // nullopt: none, or missing (show a placeholder)
};

struct ModelView {
    std::size_t index = 0;     // into the scene's models
    std::string id;            // may be empty
    std::string stateId;       // "" = the model's own path
    std::string path;          // the file shown, relative to the experience folder
    // While the model crossfades from its previous state (a toggle): that state's file, and the
    // fraction of the visitor's view that already shows `path` (0 just toggled, 1 done).
    std::string blendFromPath; // empty: no crossfade
    float blend = 1.0f;
};

struct SessionFrame {
    std::size_t sceneIndex = 0;
    std::string sceneId;
    experience::SceneKind sceneKind = experience::SceneKind::Model;
    std::string sceneTitle;                        // current language
    Rig rig;                                       // world = rig * tracking
    glm::mat4 worldFromTracking{1.0f};
    Pose headWorld;                                // also the audio listener
    float fadeAlpha = 1.0f;                        // 0 clear .. 1 black
    float vignette = 0.0f;                         // 0 none .. 1 full
    std::vector<HotspotView> hotspots;             // of the current scene, in file order
    std::optional<std::size_t> hoveredHotspot;     // index into `hotspots`
    std::optional<PanelView> panel;
    std::vector<LookDownControlView> lookDownControls; // while the visitor looks down (see SessionSettings)
    RouteView route;
    std::string caption;                           // current cue(s), lines joined by '\n'
    std::vector<ModelView> models;                 // of the current scene
    std::optional<glm::vec3> teleportTarget;       // world point while aiming at a teleport area
    std::optional<std::size_t> tourStop;
    std::vector<SessionEvent> events;              // since the previous frame
};

} // namespace xrs::runtime
