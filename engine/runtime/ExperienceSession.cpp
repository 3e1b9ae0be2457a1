// ExperienceSession: see the header for the behaviour. Sections:
//   [construction]   setup, the first arrival
//   [frame]          update() and the frame the renderer reads
//   [arrivals]       scene changes, teleports, tour stops (through FadeTransition)
//   [pointing]       hover, press, gaze dwell, teleport aim
//   [actions]        what hotspots do
//   [voice]          narration, captions, auto-advance
//   [settings]       language, height, tour requests from the UI
#include "runtime/ExperienceSession.h"

#include "core/Assert.h"
#include "core/Log.h"
#include "experience/FormatRules.h"

#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace xrs::runtime {
namespace {

// The slide's span: at least a degree, so a tiny setting cannot divide by zero.
float slideSpanDegrees(const SessionSettings& settings) {
    return std::max(settings.modelBlendSlideDegrees, 1.0f);
}

float radians(double degrees) {
    return glm::radians(static_cast<float>(degrees));
}

glm::vec3 toVec3(const glm::dvec3& v) {
    return glm::vec3(v);
}

std::string localizedOrEmpty(const std::optional<experience::LocalizedText>& text, std::string_view language,
                             std::string_view defaultLanguage) {
    return text ? experience::localized(*text, language, defaultLanguage) : std::string();
}

} // namespace

// [construction] ---------------------------------------------------------------------------------

ExperienceSession::ExperienceSession(experience::Experience experience, NarrationPort& narration,
                                     const SessionSettings& settings)
    : experience_(std::move(experience)), narration_(narration), settings_(settings), assets_(experience_),
      dwell_(settings.dwellSeconds), vignette_(settings) {
    XRS_EXPECT(!experience_.scenes.empty(), "an experience has at least one scene");
    experienceName_ = experience_.file.empty() ? experience_.folder.string() : experience_.file.string();
    language_ = experience_.languages.defaultLanguage;
    if (language_.empty() && !experience_.languages.available.empty()) language_ = experience_.languages.available.front();

    // Optional assets are checked now, so their problems show at start and not mid-visit.
    auto preloadSubtitles = [&](const std::optional<experience::LocalizedText>& subtitles) {
        if (!subtitles) return;
        for (const auto& [code, path] : *subtitles) (void)assets_.subtitles(path);
    };
    for (const experience::TourStop& stop : experience_.tour) preloadSubtitles(stop.subtitles);
    for (const experience::Hotspot& hotspot : experience_.hotspots) {
        preloadSubtitles(hotspot.action.subtitles);
        std::optional<std::filesystem::path> image;
        if (hotspot.icon && !experience::isBuiltInIcon(*hotspot.icon))
            image = assets_.existingFile(*hotspot.icon, "hotspot icon");
        iconImages_.push_back(std::move(image));
    }

    // The first update() is the arrival, at black.
    pendingArrival_ = settings_.startTour && !experience_.tour.empty() ? arrivalAtStop(0) : arrivalAtView(0, nullptr);
    fade_.start(0.0, settings_.sceneFadeSeconds);
    frame_.fadeAlpha = 1.0f;
}

ExperienceSession::~ExperienceSession() {
    if (voice_ && voice_->id) narration_.stop(*voice_->id);
    if (pausedTourVoice_ && pausedTourVoice_->id) narration_.stop(*pausedTourVoice_->id);
}

std::optional<std::size_t> ExperienceSession::sceneIndexOf(std::string_view id) const {
    for (std::size_t i = 0; i < experience_.scenes.size(); ++i)
        if (experience_.scenes[i].id == id) return i;
    return std::nullopt;
}

// [frame] ----------------------------------------------------------------------------------------

void ExperienceSession::update(const VisitorInput& input, double dtSeconds) {
    XRS_EXPECT(dtSeconds >= 0.0, "time does not run backwards");
    head_ = input.head;
    haveHead_ = true;
    if (input.seated && *input.seated != seated_) setSeated(*input.seated);
    if (input.calibrateHeight) {
        const Status calibrated = calibrateHeight();
        char detail[64];
        std::snprintf(detail, sizeof detail, "%.2f m %s", static_cast<double>(head_.position.y),
                      seated_ ? "seated" : "standing");
        if (!calibrated) XRS_LOG_WARN("{}: {}", experienceName_, calibrated.error().message);
        emit(SessionEventType::HeightCalibrated, {}, calibrated ? std::string(detail) : calibrated.error().message);
    }
    rig_.heightOffset = seatedLift();

    for (auto blend = modelBlends_.begin(); blend != modelBlends_.end();) {
        if (blend->second.held) {
            ++blend;
            continue;
        }
        blend->second.progress += settings_.modelStateBlendSeconds > 0.0
                                      ? static_cast<float>(dtSeconds / settings_.modelStateBlendSeconds)
                                      : 1.0f;
        blend = blend->second.progress >= 1.0f ? modelBlends_.erase(blend) : std::next(blend);
    }

    if (fade_.advance(dtSeconds) && pendingArrival_) {
        const Arrival arrival = *pendingArrival_;
        pendingArrival_.reset();
        applyArrival(arrival);
    }

    const bool interactive = arrived_ && !fade_.fadingOut();
    if (interactive) {
        // Snap turns are instant and need no fade: a jump in heading is comfortable, a smooth
        // rotation is not.
        const float snap = glm::radians(settings_.snapTurnDegrees);
        if (input.snapTurnLeft) rig_.turnAboutHead(head_, snap);
        if (input.snapTurnRight) rig_.turnAboutHead(head_, -snap);
        handleTeleport(input);
        handlePointers(input, dtSeconds);
    } else {
        dwell_.reset();
        hovered_.assign(sceneHotspots_.size(), false);
        hoveredSlot_.reset();
        teleportTarget_.reset();
    }
    vignette_.update(glm::length(input.smoothMoveVelocity), input.smoothTurnDegreesPerSecond, dtSeconds);
    updateVoice(dtSeconds);
    buildFrame();
}

std::vector<glm::vec3> ExperienceSession::hotspotPositions() const {
    const experience::Scene& scene = experience_.scenes[sceneIndex_];
    const glm::vec3 headWorld = rig_.pointToWorld(head_.position);
    std::vector<glm::vec3> positions;
    positions.reserve(sceneHotspots_.size());
    for (std::size_t index : sceneHotspots_) {
        const experience::Hotspot& hotspot = experience_.hotspots[index];
        if (scene.kind == experience::SceneKind::Video360) {
            const glm::vec3 direction =
                directionFromYawPitch(radians(hotspot.yawDegrees.value_or(0.0)), radians(hotspot.pitchDegrees.value_or(0.0)));
            positions.push_back(headWorld + settings_.videoHotspotDistance * direction);
        } else {
            positions.push_back(toVec3(hotspot.position.value_or(glm::dvec3(0.0))));
        }
    }
    return positions;
}

void ExperienceSession::buildFrame() {
    const experience::Scene& scene = experience_.scenes[sceneIndex_];
    const std::string& fallback = experience_.languages.defaultLanguage;
    frame_.sceneIndex = sceneIndex_;
    frame_.sceneId = scene.id;
    frame_.sceneKind = scene.kind;
    frame_.sceneTitle = localizedOrEmpty(scene.title, language_, fallback);
    frame_.rig = rig_;
    frame_.worldFromTracking = rig_.worldFromTracking();
    frame_.headWorld = rig_.poseToWorld(head_);
    frame_.fadeAlpha = fade_.alpha();
    frame_.vignette = vignette_.strength();

    const std::vector<glm::vec3> positions = hotspotPositions();
    frame_.hotspots.clear();
    for (std::size_t slot = 0; slot < sceneHotspots_.size(); ++slot) {
        const std::size_t index = sceneHotspots_[slot];
        const experience::Hotspot& hotspot = experience_.hotspots[index];
        HotspotView view;
        view.index = index;
        view.id = hotspot.id;
        view.worldPosition = positions[slot];
        view.label = localizedOrEmpty(hotspot.label, language_, fallback);
        view.icon = hotspot.icon.value_or("");
        view.iconImage = iconImages_[index];
        view.hovered = slot < hovered_.size() && hovered_[slot];
        view.dwellProgress = dwell_.target() == slot ? dwell_.progress() : 0.0f;
        if (hotspot.action.type == experience::ActionType::ToggleModelState)
            if (const experience::Model* model = toggledModel(hotspot.action))
                view.stateFraction = stateFraction(*model, hotspot.action.state.value_or(""));
        if (blendSlide_ && blendSlide_->sceneIndex == sceneIndex_ && blendSlide_->action == &hotspot.action &&
            (blendSlide_->sliding || blendSlide_->heldSeconds >= kSlideTrackAfterSeconds))
            view.slide = HotspotView::SlideTrack{blendSlide_->startFraction,
                                                 slideSpanDegrees(settings_)};
        view.visible = !fade_.fadingOut();
        frame_.hotspots.push_back(std::move(view));
    }
    frame_.hoveredHotspot = hoveredSlot_ && *hoveredSlot_ < sceneHotspots_.size() ? hoveredSlot_ : std::nullopt;
    frame_.route.points.clear();
    frame_.route.visible = !fade_.fadingOut();
    if (scene.route) {
        // A panorama's route is on its ground, below the eye wherever the head is (as the video
        // sphere follows the head); a model scene's on the world floor.
        const bool onPanorama = scene.kind == experience::SceneKind::Video360;
        const glm::vec3 ground =
            onPanorama ? frame_.headWorld.position -
                             glm::vec3(0.0f, static_cast<float>(scene.route->groundBelowEyeMetres.value_or(
                                                 experience::kDefaultGroundBelowEye)),
                                       0.0f)
                       : glm::vec3(0.0f);
        for (const glm::dvec2& point : scene.route->points)
            frame_.route.points.push_back(ground + glm::vec3(static_cast<float>(point.x), 0.0f, static_cast<float>(point.y)));
    }
    frame_.lookDownControls = lookDownControls();
    for (std::size_t i = 0; i < frame_.lookDownControls.size(); ++i) {
        const std::size_t slot = sceneHotspots_.size() + i;
        frame_.lookDownControls[i].hovered = slot < hovered_.size() && hovered_[slot];
        frame_.lookDownControls[i].dwellProgress = dwell_.target() == slot ? dwell_.progress() : 0.0f;
    }

    frame_.panel.reset();
    if (panel_) {
        PanelView view;
        view.id = panel_->panel->id;
        view.worldPose = panel_->worldPose;
        view.widthMetres = panel_->panel->widthMetres ? static_cast<float>(*panel_->panel->widthMetres)
                                                      : settings_.defaultPanelWidth;
        view.title = experience::localized(panel_->panel->title, language_, fallback);
        view.text = experience::localized(panel_->panel->text, language_, fallback);
        view.image = panel_->image;
        frame_.panel = std::move(view);
    }

    frame_.caption = captionNow();

    frame_.models.clear();
    const auto sceneStates = modelStates_.find(scene.id);
    for (std::size_t i = 0; i < scene.models.size(); ++i) {
        const experience::Model& model = scene.models[i];
        ModelView view;
        view.index = i;
        view.id = model.id.value_or("");
        view.path = model.path;
        if (model.id && sceneStates != modelStates_.end()) {
            if (auto state = sceneStates->second.find(*model.id); state != sceneStates->second.end()) {
                view.stateId = state->second;
                for (const experience::ModelState& candidate : model.states)
                    if (candidate.id == state->second) view.path = candidate.path;
            }
        }
        if (model.id)
            if (auto blend = modelBlends_.find({scene.id, *model.id}); blend != modelBlends_.end()) {
                view.blendFromPath = blend->second.fromPath;
                view.blend = std::clamp(blend->second.progress, 0.0f, 1.0f);
            }
        frame_.models.push_back(std::move(view));
    }

    frame_.teleportTarget = teleportTarget_;
    frame_.tourStop = currentStop_;
    frame_.events = std::move(events_);
    events_.clear();
}

void ExperienceSession::emit(SessionEventType type, std::string id, std::string detail, std::optional<std::size_t> index) {
    events_.push_back({type, std::move(id), std::move(detail), index});
}

// [arrivals] -------------------------------------------------------------------------------------

ExperienceSession::Arrival ExperienceSession::arrivalAtView(std::size_t sceneIndex, const experience::View* view) const {
    const experience::Scene& scene = experience_.scenes[sceneIndex];
    Arrival arrival;
    arrival.sceneIndex = sceneIndex;
    if (scene.kind == experience::SceneKind::Video360) {
        arrival.feet = glm::vec3(0.0f);
        const std::optional<double> yaw = view && view->yawDegrees ? view->yawDegrees : scene.initialYawDegrees;
        arrival.yawRadians = radians(yaw.value_or(0.0));
        return arrival;
    }
    const experience::View* spawn = scene.spawn ? &*scene.spawn : nullptr;
    std::optional<glm::dvec3> feet = view ? view->position : std::nullopt;
    if (!feet && spawn) feet = spawn->position;
    arrival.feet = toVec3(feet.value_or(glm::dvec3(0.0)));
    std::optional<double> yaw = view ? view->yawDegrees : std::nullopt;
    if (!yaw && spawn) yaw = spawn->yawDegrees;
    arrival.yawRadians = radians(yaw.value_or(0.0));
    return arrival;
}

ExperienceSession::Arrival ExperienceSession::arrivalAtStop(std::size_t stopIndex) const {
    const experience::TourStop& stop = experience_.tour[stopIndex];
    std::size_t sceneIndex = sceneIndex_;
    if (auto found = sceneIndexOf(stop.scene)) sceneIndex = *found;
    else XRS_LOG_ERROR("{}: tour stop {} is in unknown scene '{}'; staying in this scene", experienceName_, stopIndex, stop.scene);

    Arrival arrival;
    if (stop.pose) arrival = arrivalAtView(sceneIndex, &*stop.pose);
    else if (!arrived_ || sceneIndex != sceneIndex_) arrival = arrivalAtView(sceneIndex, nullptr);
    arrival.sceneIndex = sceneIndex;
    arrival.tourStop = stopIndex;
    return arrival;
}

double ExperienceSession::fadeSecondsTo(std::size_t sceneIndex) const {
    return !arrived_ || sceneIndex != sceneIndex_ ? settings_.sceneFadeSeconds : settings_.teleportFadeSeconds;
}

void ExperienceSession::requestArrival(Arrival arrival, double fadeSeconds) {
    pendingArrival_ = std::move(arrival);
    // A request during a fade-out only changes where it leads; the fade keeps its pace.
    if (!fade_.fadingOut()) fade_.start(fadeSeconds, fadeSeconds);
}

void ExperienceSession::applyArrival(const Arrival& arrival) {
    const bool sceneChanges = !arrived_ || arrival.sceneIndex != sceneIndex_;
    if (sceneChanges || arrival.tourStop) discardPausedTourVoice();
    if (sceneChanges) {
        closePanel();
        stopVoice("stopped");
        sceneIndex_ = arrival.sceneIndex;
        sceneHotspots_.clear();
        for (std::size_t i = 0; i < experience_.hotspots.size(); ++i)
            if (experience_.hotspots[i].scene == experience_.scenes[sceneIndex_].id) sceneHotspots_.push_back(i);
        hovered_.assign(sceneHotspots_.size(), false);
        hoveredSlot_.reset();
        dwell_.reset();
    }
    if (arrival.feet) {
        // A panel stays where it was opened; after a move it would float somewhere behind.
        closePanel();
        rig_.placeHead(head_, *arrival.feet, arrival.yawRadians.value_or(headWorldYaw()));
    }
    arrived_ = true;

    const std::string& sceneId = experience_.scenes[sceneIndex_].id;
    if (sceneChanges) emit(SessionEventType::SceneChanged, sceneId, {}, sceneIndex_);
    else if (arrival.feet) emit(SessionEventType::Teleported, sceneId);

    if (arrival.tourStop) {
        const std::size_t index = *arrival.tourStop;
        const experience::TourStop& stop = experience_.tour[index];
        currentStop_ = index;
        emit(SessionEventType::TourStopChanged, stop.id.value_or(""), {}, index);
        Voice voice;
        voice.fromTour = true;
        voice.index = index;
        voice.durationSeconds = stop.durationSeconds;
        voice.subtitles = stop.subtitles ? &*stop.subtitles : nullptr;
        if (stop.narration || stop.durationSeconds) startVoice(std::move(voice), stop.narration, std::nullopt);
        else stopVoice("stopped");
    }
}

float ExperienceSession::headWorldYaw() const {
    return rig_.yawRadians + yawOf(head_.orientation);
}

// [pointing] -------------------------------------------------------------------------------------

void ExperienceSession::handleTeleport(const VisitorInput& input) {
    const experience::Scene& scene = experience_.scenes[sceneIndex_];
    if (input.teleportAim) {
        std::vector<FloorRect> floors;
        for (const experience::TeleportArea& area : scene.teleportAreas)
            floors.push_back({toVec3(area.min), toVec3(area.max)});
        teleportTarget_ = hitFloor(rig_.rayToWorld(*input.teleportAim), floors, settings_.teleportMaxDistance);
    }
    if (input.teleportRelease) {
        // The point aimed at this frame, or the last one if the aim ray was lost on release.
        if (teleportTarget_) {
            Arrival arrival;
            arrival.sceneIndex = sceneIndex_;
            arrival.feet = *teleportTarget_;
            requestArrival(arrival, settings_.teleportFadeSeconds);
        }
        teleportTarget_.reset();
    } else if (!input.teleportAim) {
        teleportTarget_.reset();
    }
}

std::string ExperienceSession::nextLanguage() const {
    const auto& available = experience_.languages.available;
    auto current = std::find(available.begin(), available.end(), language_);
    if (current == available.end() || ++current == available.end()) current = available.begin();
    return *current;
}

std::vector<LookDownControlView> ExperienceSession::lookDownControls() const {
    std::vector<LookDownControlView> controls;
    if (!lookDownYaw_) return controls;
    if (experience_.languages.available.size() > 1) {
        LookDownControlView language;
        language.kind = LookDownControlKind::NextLanguage;
        language.language = nextLanguage();
        language.label = languageName(language.language);
        controls.push_back(std::move(language));
    }
    // The tour goes on from wherever the visitor went (a goToScene hotspot leaves its scene).
    const auto from = pendingArrival_ && pendingArrival_->tourStop ? pendingArrival_->tourStop : currentStop_;
    const std::size_t next = from ? *from + 1 : 0;
    if (next < experience_.tour.size()) {
        LookDownControlView stop;
        stop.kind = LookDownControlKind::NextTourStop;
        stop.tourStop = next;
        stop.label = localizedOrEmpty(experience_.tour[next].title, language_, experience_.languages.defaultLanguage);
        controls.push_back(std::move(stop));
    }
    // A row across the heading, centred.
    const glm::vec3 headWorld = rig_.pointToWorld(head_.position);
    const float spacing = glm::radians(settings_.lookDownSpacingDegrees);
    for (std::size_t i = 0; i < controls.size(); ++i) {
        const float yaw = *lookDownYaw_ + spacing * (0.5f * static_cast<float>(controls.size() - 1) - static_cast<float>(i));
        controls[i].worldPosition =
            headWorld + settings_.lookDownDistance * directionFromYawPitch(yaw, glm::radians(settings_.lookDownPitchDegrees));
    }
    return controls;
}

void ExperienceSession::selectLookDownControl(const LookDownControlView& control) {
    switch (control.kind) {
    case LookDownControlKind::NextLanguage: (void)setLanguage(control.language); break; // an available one
    case LookDownControlKind::NextTourStop: (void)goToTourStop(control.tourStop); break; // in range
    }
}

void ExperienceSession::handlePointers(const VisitorInput& input, double dtSeconds) {
    // The look-down controls come while the visitor looks down and go 10 degrees above where
    // they came (the gaze may drift a little on its way); they keep the heading they came with.
    const Pose headWorld = rig_.poseToWorld(head_);
    const glm::vec3 forward = headWorld.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    const float pitch = glm::degrees(std::asin(std::clamp(forward.y, -1.0f, 1.0f)));
    // After a selection they stay away until the head comes up: a gaze resting where a
    // control was must not select again (the next stop, and the next...).
    const float threshold = settings_.lookDownShowPitchDegrees + (lookDownYaw_ ? 10.0f : 0.0f);
    if (pitch > threshold) {
        lookDownYaw_.reset();
        lookDownUsed_ = false;
    } else if (!lookDownYaw_ && !lookDownUsed_) {
        lookDownYaw_ = yawOf(headWorld.orientation);
    }

    std::vector<glm::vec3> positions = hotspotPositions();
    const std::vector<LookDownControlView> controls = lookDownControls();
    for (const LookDownControlView& control : controls) positions.push_back(control.worldPosition);
    const float cone = glm::radians(settings_.hotspotAngularRadiusDegrees);
    hovered_.assign(positions.size(), false);
    hoveredSlot_.reset();

    struct Named {
        const std::optional<Pointer>* pointer;
        const char* name;
    };
    const Named pointers[] = {{&input.controller, "controller"}, {&input.hand, "hand"}, {&input.mouse, "mouse"}};
    followBlendSlide(input, dtSeconds);
    std::optional<std::size_t> pressed;
    const char* pressedBy = "";
    glm::vec3 pressedDirection{0.0f};
    for (const Named& named : pointers) {
        if (!*named.pointer) continue;
        const Ray world = rig_.rayToWorld((*named.pointer)->ray);
        const auto hit = pickMarker(world, positions, cone);
        if (!hit) continue;
        hovered_[*hit] = true;
        if (!hoveredSlot_) hoveredSlot_ = hit;
        if ((*named.pointer)->selectPressed && !pressed) {
            pressed = hit;
            pressedBy = named.name;
            pressedDirection = world.direction;
        }
    }

    const glm::vec3 gazeTracking = input.gazeDirection.value_or(head_.orientation * glm::vec3(0.0f, 0.0f, -1.0f));
    const Ray gaze{rig_.pointToWorld(head_.position), rig_.directionToWorld(gazeTracking)};
    const auto gazeHit = pickMarker(gaze, positions, cone);
    if (gazeHit) {
        hovered_[*gazeHit] = true;
        if (!hoveredSlot_) hoveredSlot_ = gazeHit;
    }

    const bool anyPointer = input.controller || input.hand || input.mouse;
    const bool dwellOn = settings_.gazeDwell == GazeDwellMode::Always ||
                         (settings_.gazeDwell == GazeDwellMode::Auto && !anyPointer);
    std::optional<std::size_t> dwelled;
    if (dwellOn) dwelled = dwell_.update(gazeHit, dtSeconds);
    else dwell_.reset();

    // One activation per frame; a press wins over a dwell completing in the same frame.
    const std::optional<std::size_t> chosen = pressed ? pressed : dwelled;
    if (chosen && *chosen >= sceneHotspots_.size()) {
        if (pressed && dwell_.target() == pressed) dwell_.markActivated();
        selectLookDownControl(controls[*chosen - sceneHotspots_.size()]);
        lookDownYaw_.reset();
        lookDownUsed_ = true;
        dwell_.reset();
        return;
    }
    if (pressed) {
        if (dwell_.target() == pressed) dwell_.markActivated();
        // A press on a toggle may become a slide: remember where the blend stood before it.
        const experience::Action& action = experience_.hotspots[sceneHotspots_[*pressed]].action;
        if (action.type == experience::ActionType::ToggleModelState)
            if (const experience::Model* model = toggledModel(action))
                blendSlide_ = BlendSlide{sceneIndex_, &action, pressedBy, pressedDirection,
                                         stateFraction(*model, action.state.value_or("")), false};
        activate(sceneHotspots_[*pressed], pressedBy);
    } else if (dwelled) {
        activate(sceneHotspots_[*dwelled], "gaze");
    }
}

// [actions] --------------------------------------------------------------------------------------

void ExperienceSession::activate(std::size_t hotspotIndex, std::string_view how) {
    const experience::Hotspot& hotspot = experience_.hotspots[hotspotIndex];
    const experience::Action& action = hotspot.action;
    emit(SessionEventType::HotspotActivated, hotspot.id, std::string(how));
    switch (action.type) {
    case experience::ActionType::OpenPanel: {
        const experience::Panel* panel = action.panel ? experience::findPanel(experience_, *action.panel) : nullptr;
        if (!panel) {
            XRS_LOG_ERROR("{}: hotspot '{}' opens unknown panel '{}'", experienceName_, hotspot.id, action.panel.value_or(""));
            return;
        }
        if (panel_ && panel_->panel == panel) closePanel();
        else openPanel(*panel);
        return;
    }
    case experience::ActionType::GoToScene: {
        const auto target = action.scene ? sceneIndexOf(*action.scene) : std::nullopt;
        if (!target) {
            XRS_LOG_ERROR("{}: hotspot '{}' leads to unknown scene '{}'", experienceName_, hotspot.id, action.scene.value_or(""));
            return;
        }
        requestArrival(arrivalAtView(*target, action.view ? &*action.view : nullptr), fadeSecondsTo(*target));
        return;
    }
    case experience::ActionType::PlayNarration:
        toggleNarration(hotspotIndex);
        return;
    case experience::ActionType::ToggleModelState:
        toggleModel(action);
        return;
    }
}

void ExperienceSession::openPanel(const experience::Panel& panel) {
    closePanel();
    const float yaw = headWorldYaw();
    const glm::vec3 head = rig_.pointToWorld(head_.position);
    OpenPanel open;
    open.panel = &panel;
    // Level with the eyes, straight ahead on the floor plane, so looking up or down when
    // selecting does not put the panel in the ceiling or the floor.
    open.worldPose.position = head + settings_.panelDistance * directionFromYawPitch(yaw, 0.0f);
    open.worldPose.orientation = yawRotation(yaw);
    if (panel.image) open.image = assets_.existingFile(*panel.image, "panel image");
    panel_ = std::move(open);
    emit(SessionEventType::PanelOpened, panel.id);
}

void ExperienceSession::closePanel() {
    if (!panel_) return;
    const std::string id = panel_->panel->id;
    panel_.reset();
    emit(SessionEventType::PanelClosed, id);
}

void ExperienceSession::toggleNarration(std::size_t hotspotIndex) {
    if (voice_ && !voice_->fromTour && voice_->index == hotspotIndex) {
        stopVoice("stopped");
        return;
    }
    const experience::Hotspot& hotspot = experience_.hotspots[hotspotIndex];
    std::optional<glm::vec3> position;
    const std::vector<glm::vec3> positions = hotspotPositions();
    for (std::size_t slot = 0; slot < sceneHotspots_.size(); ++slot)
        if (sceneHotspots_[slot] == hotspotIndex) position = positions[slot];
    Voice voice;
    voice.index = hotspotIndex;
    voice.subtitles = hotspot.action.subtitles ? &*hotspot.action.subtitles : nullptr;
    if (voice_ && voice_->fromTour) pauseTourVoice();
    startVoice(std::move(voice), hotspot.action.narration, position);
}

void ExperienceSession::toggleModel(const experience::Action& action) {
    const experience::Scene& scene = experience_.scenes[sceneIndex_];
    const std::string modelId = action.model.value_or("");
    const std::string stateId = action.state.value_or("");
    const experience::Model* model = toggledModel(action);
    if (!model) {
        XRS_LOG_ERROR("{}: scene '{}' has no model '{}' with state '{}'", experienceName_, scene.id, modelId, stateId);
        return;
    }
    auto& states = modelStates_[scene.id];
    const auto pathOf = [&](const std::string& state) {
        for (const experience::ModelState& candidate : model->states)
            if (candidate.id == state && !state.empty()) return candidate.path;
        return model->path;
    };
    const auto current = states.find(modelId);
    const std::string before = current == states.end() ? std::string() : current->second;
    const std::string shown = before == stateId ? std::string() : stateId;
    if (shown.empty()) states.erase(modelId); else states[modelId] = shown;
    // Crossfade from what the visitor sees now; toggled back mid-way, it turns around where it is.
    ModelBlend& blend = modelBlends_[{scene.id, modelId}];
    const bool reversing = blend.fromPath == pathOf(shown) && blend.progress < 1.0f;
    blend.progress = reversing ? 1.0f - blend.progress : 0.0f;
    blend.fromPath = pathOf(before);
    blend.held = false;
    if (settings_.modelStateBlendSeconds <= 0.0) modelBlends_.erase({scene.id, modelId});
    emit(SessionEventType::ModelStateChanged, modelId, shown);
}

const experience::Model* ExperienceSession::toggledModel(const experience::Action& action) const {
    for (const experience::Model& candidate : experience_.scenes[sceneIndex_].models)
        if (candidate.id && candidate.id == action.model)
            for (const experience::ModelState& state : candidate.states)
                if (state.id == action.state) return &candidate;
    return nullptr;
}

float ExperienceSession::stateFraction(const experience::Model& model, const std::string& stateId) const {
    const std::string& sceneId = experience_.scenes[sceneIndex_].id;
    const auto blend = modelBlends_.find({sceneId, model.id.value_or("")});
    const float progress = blend == modelBlends_.end() ? 1.0f : std::clamp(blend->second.progress, 0.0f, 1.0f);
    return modelState(sceneId, model.id.value_or("")) == stateId ? progress : 1.0f - progress;
}

namespace {

// Signed angle about world up from `from` to `to`, positive turning right (clockwise from above).
float turnRightRadians(glm::vec3 from, glm::vec3 to) {
    const glm::vec2 a(from.x, from.z), b(to.x, to.z);
    if (glm::length(a) < 1e-6f || glm::length(b) < 1e-6f) return 0.0f;
    return std::atan2(a.x * b.y - a.y * b.x, glm::dot(a, b));
}

constexpr float kSlideStartDegrees = 2.0f; // less is a click with a shaky hand

} // namespace

void ExperienceSession::followBlendSlide(const VisitorInput& input, double dtSeconds) {
    if (!blendSlide_) return;
    const std::optional<Pointer>& pointer = blendSlide_->pointer == "controller" ? input.controller
                                            : blendSlide_->pointer == "hand"     ? input.hand
                                                                                 : input.mouse;
    const experience::Model* model =
        blendSlide_->sceneIndex == sceneIndex_ ? toggledModel(*blendSlide_->action) : nullptr;
    if (!pointer || !pointer->selectHeld || !model) {
        blendSlide_.reset(); // released: the model stays where the slide left it
        return;
    }
    blendSlide_->heldSeconds += dtSeconds;
    const float right = turnRightRadians(blendSlide_->startDirection, rig_.rayToWorld(pointer->ray).direction);
    if (!blendSlide_->sliding && std::abs(right) < glm::radians(kSlideStartDegrees)) return;
    blendSlide_->sliding = true;
    const float range = glm::radians(slideSpanDegrees(settings_));
    const float fraction = std::clamp(blendSlide_->startFraction + right / range, 0.0f, 1.0f);
    const std::string& sceneId = experience_.scenes[sceneIndex_].id;
    const std::string& stateId = *blendSlide_->action->state;
    modelStates_[sceneId][*model->id] = stateId;
    modelBlends_[{sceneId, *model->id}] = ModelBlend{model->path, fraction, true};
}

std::string ExperienceSession::modelState(std::string_view sceneId, std::string_view modelId) const {
    const auto scene = modelStates_.find(sceneId);
    if (scene == modelStates_.end()) return {};
    const auto state = scene->second.find(modelId);
    return state == scene->second.end() ? std::string() : state->second;
}

// [voice] ----------------------------------------------------------------------------------------

void ExperienceSession::startVoice(Voice voice, const std::optional<std::string>& clip, std::optional<glm::vec3> position) {
    stopVoice("stopped");
    voice.startedThisFrame = true;
    if (clip) {
        voice.clip = *clip;
        if (auto path = assets_.existingFile(*clip, "narration clip")) voice.id = narration_.start(*path, position);
        emit(SessionEventType::NarrationStarted, voice.clip, voice.id ? "" : "silent");
    }
    voice_ = std::move(voice);
}

void ExperienceSession::stopVoice(std::string_view reason) {
    if (!voice_) return;
    if (voice_->id) narration_.stop(*voice_->id);
    const std::string clip = voice_->clip;
    voice_.reset();
    if (!clip.empty()) emit(SessionEventType::NarrationEnded, clip, std::string(reason));
}

void ExperienceSession::pauseTourVoice() {
    if (voice_->id) narration_.pause(*voice_->id);
    if (!voice_->clip.empty()) emit(SessionEventType::NarrationPaused, voice_->clip);
    pausedTourVoice_ = std::move(voice_);
    voice_.reset();
}

void ExperienceSession::resumeTourVoice() {
    voice_ = std::move(pausedTourVoice_);
    pausedTourVoice_.reset();
    voice_->startedThisFrame = true; // its own clock (silent clips) stood still while paused
    if (voice_->id) narration_.resume(*voice_->id);
    if (!voice_->clip.empty()) emit(SessionEventType::NarrationResumed, voice_->clip);
}

void ExperienceSession::discardPausedTourVoice() {
    if (!pausedTourVoice_) return;
    if (pausedTourVoice_->id) narration_.stop(*pausedTourVoice_->id);
    const std::string clip = pausedTourVoice_->clip;
    pausedTourVoice_.reset();
    if (!clip.empty()) emit(SessionEventType::NarrationEnded, clip, "stopped");
}

double ExperienceSession::voiceSeconds() const {
    return voice_->id ? narration_.seconds(*voice_->id) : voice_->ownSeconds;
}

std::optional<double> ExperienceSession::voiceLength() {
    if (voice_->durationSeconds) return voice_->durationSeconds;
    // A silent clip lasts as long as its captions.
    if (voice_->subtitles) {
        const std::string path = experience::localized(*voice_->subtitles, language_, experience_.languages.defaultLanguage);
        if (const experience::SubtitleTrack* track = path.empty() ? nullptr : assets_.subtitles(path)) {
            std::int64_t endMs = 0;
            for (const experience::SubtitleCue& cue : track->cues) endMs = std::max(endMs, cue.endMs);
            if (endMs > 0) return static_cast<double>(endMs) / 1000.0;
        }
    }
    return std::nullopt;
}

void ExperienceSession::updateVoice(double dtSeconds) {
    // The hotspot's narration that paused the tour's has ended (or was stopped) this frame.
    if (!voice_ && pausedTourVoice_) resumeTourVoice();
    if (!voice_) return;
    if (!voice_->startedThisFrame) voice_->ownSeconds += dtSeconds;
    voice_->startedThisFrame = false;

    bool finished = false;
    if (voice_->id) {
        finished = narration_.finished(*voice_->id);
    } else {
        const std::optional<double> length = voiceLength();
        finished = length && voice_->ownSeconds >= *length - kTimeEpsilon;
    }
    if (!finished) return;

    const bool fromTour = voice_->fromTour;
    const std::size_t index = voice_->index;
    stopVoice("finished");
    if (!fromTour || currentStop_ != index) return;
    // The tour is over when its last stop has been heard to the end, advancing or not.
    if (index + 1 == experience_.tour.size()) {
        emit(SessionEventType::TourFinished, experience_.tour[index].id.value_or(""), {}, index);
    } else if (experience_.tour[index].autoAdvance.value_or(false)) {
        Arrival next = arrivalAtStop(index + 1);
        requestArrival(next, fadeSecondsTo(next.sceneIndex));
    }
}

std::string ExperienceSession::captionNow() {
    if (!voice_ || !voice_->subtitles) return {};
    const std::string path = experience::localized(*voice_->subtitles, language_, experience_.languages.defaultLanguage);
    if (path.empty()) return {};
    const experience::SubtitleTrack* track = assets_.subtitles(path);
    if (!track) return {};
    const auto timeMs = static_cast<std::int64_t>(std::llround(voiceSeconds() * 1000.0));
    std::string caption;
    for (const experience::SubtitleCue* cue : experience::cuesAt(*track, timeMs)) {
        if (!caption.empty()) caption += '\n';
        caption += cue->text;
    }
    return caption;
}

// [settings] -------------------------------------------------------------------------------------

Status ExperienceSession::setLanguage(std::string_view code) {
    const auto& available = experience_.languages.available;
    if (std::find(available.begin(), available.end(), code) == available.end()) {
        std::string list;
        for (const std::string& candidate : available) list += (list.empty() ? "" : ", ") + candidate;
        return fail(experienceName_, ": language '", std::string(code), "' is not available (available: ", list, ")");
    }
    if (language_ == code) return {};
    language_ = std::string(code);
    emit(SessionEventType::LanguageChanged, language_);
    return {};
}

std::vector<std::string> ExperienceSession::tourStopTitles() const {
    std::vector<std::string> titles;
    for (const experience::TourStop& stop : experience_.tour)
        titles.push_back(localizedOrEmpty(stop.title, language_, experience_.languages.defaultLanguage));
    return titles;
}

Status ExperienceSession::goToTourStop(std::size_t index) {
    if (index >= experience_.tour.size())
        return fail(experienceName_, ": tour stop ", std::to_string(index), " does not exist (the tour has ",
                    std::to_string(experience_.tour.size()), " stops)");
    Arrival arrival = arrivalAtStop(index);
    const double fade = fadeSecondsTo(arrival.sceneIndex);
    requestArrival(std::move(arrival), fade);
    return {};
}

bool ExperienceSession::nextTourStop() {
    if (experience_.tour.empty()) return false;
    // Counted from a stop still being faded to, so two quick presses move two stops.
    const auto from = pendingArrival_ && pendingArrival_->tourStop ? pendingArrival_->tourStop : currentStop_;
    const std::size_t next = from ? *from + 1 : 0;
    if (next >= experience_.tour.size()) return false;
    return goToTourStop(next).ok();
}

bool ExperienceSession::previousTourStop() {
    const auto from = pendingArrival_ && pendingArrival_->tourStop ? pendingArrival_->tourStop : currentStop_;
    if (!from || *from == 0) return false;
    return goToTourStop(*from - 1).ok();
}

Status ExperienceSession::activateHotspot(std::string_view id) {
    const std::string& sceneId = experience_.scenes[sceneIndex_].id;
    if (!arrived_) return fail(experienceName_, ": hotspot '", std::string(id), "' cannot be activated before the first frame");
    for (std::size_t index : sceneHotspots_) {
        if (experience_.hotspots[index].id != id) continue;
        activate(index, "ui");
        return {};
    }
    return fail(experienceName_, ": hotspot '", std::string(id), "' is not in scene '", sceneId, "'");
}

void ExperienceSession::setSeated(bool seated) {
    // A measured height belongs to the posture it was measured in.
    if (seated != seated_) calibratedEyeHeight_.reset();
    seated_ = seated;
}

Status ExperienceSession::calibrateHeight() {
    if (!haveHead_) return fail("height calibration: no head pose yet (calibrate after the first frame)");
    const float height = head_.position.y;
    if (!(height >= 0.3f && height <= 2.5f)) {
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", static_cast<double>(height));
        return fail("height calibration: the head is ", text,
                    " m above the tracking floor (expected 0.3..2.5 m); check the headset's floor setup");
    }
    calibratedEyeHeight_ = height;
    return {};
}

float ExperienceSession::eyeHeight() const {
    if (calibratedEyeHeight_) return *calibratedEyeHeight_;
    return seated_ ? settings_.assumedSeatedEyeHeight : settings_.standingEyeHeight;
}

float ExperienceSession::seatedLift() const {
    return seated_ ? settings_.standingEyeHeight - eyeHeight() : 0.0f;
}

} // namespace xrs::runtime
