#include "experience/FieldCatalog.h"

#include <array>

namespace xrs::experience {
namespace {

constexpr bool kRequired = true;

constexpr FieldSpec kExperience[] = {{"format", kRequired}, {"version", kRequired}, {"metadata", kRequired},
                                     {"languages", kRequired}, {"scenes", kRequired}, {"hotspots"},
                                     {"panels"}, {"tour"}, {"audio"}};
constexpr FieldSpec kMetadata[] = {{"title", kRequired}, {"description"}, {"credits"}, {"rights"}, {"thumbnail"}};
constexpr FieldSpec kCredit[] = {{"role", kRequired}, {"name", kRequired}};
constexpr FieldSpec kLanguages[] = {{"default", kRequired}, {"available", kRequired}};
// Scene members depend on the kind ("models" and "spawn" are required for model scenes, one of
// "video" and "image" for video360 scenes); the reader checks those rules itself.
constexpr FieldSpec kScene[] = {{"id", kRequired}, {"kind", kRequired}, {"title"}, {"models"}, {"spawn"},
                                {"teleportAreas"}, {"lighting"}, {"video"}, {"image"}, {"initialYaw"},
                                {"passthrough"}, {"route"}};
constexpr FieldSpec kRoute[] = {{"points", kRequired}, {"groundBelowEye"}};
constexpr FieldSpec kModel[] = {{"id"}, {"path", kRequired}, {"position"}, {"yaw"}, {"scale"}, {"states"}};
constexpr FieldSpec kModelState[] = {{"id", kRequired}, {"path", kRequired}};
constexpr FieldSpec kView[] = {{"position"}, {"yaw"}, {"pitch"}};
constexpr FieldSpec kTeleportArea[] = {{"min", kRequired}, {"max", kRequired}};
constexpr FieldSpec kLighting[] = {{"sun"}, {"sky"}, {"exposure"}};
constexpr FieldSpec kSun[] = {{"direction", kRequired}, {"color"}, {"intensity"}};
constexpr FieldSpec kSky[] = {{"zenith"}, {"horizon"}, {"ground"}};
constexpr FieldSpec kHotspot[] = {{"id", kRequired}, {"scene", kRequired}, {"position"}, {"yaw"}, {"pitch"},
                                  {"icon"}, {"label"}, {"action", kRequired}};
constexpr FieldSpec kAction[] = {{"type", kRequired}, {"panel"}, {"scene"}, {"view"}, {"narration"},
                                 {"subtitles"}, {"model"}, {"state"}};
constexpr FieldSpec kPanel[] = {{"id", kRequired}, {"title", kRequired}, {"text", kRequired}, {"image"}, {"width"}};
constexpr FieldSpec kTourStop[] = {{"id"}, {"scene", kRequired}, {"title"}, {"pose"}, {"narration"},
                                   {"subtitles"}, {"autoAdvance"}, {"duration"}};
constexpr FieldSpec kAudio[] = {{"ambience"}, {"sources"}};
constexpr FieldSpec kAmbience[] = {{"scene", kRequired}, {"path", kRequired}, {"volume"}, {"loop"}};
constexpr FieldSpec kAudioSource[] = {{"id"}, {"scene", kRequired}, {"path", kRequired}, {"position", kRequired},
                                      {"volume"}, {"loop"}};

constexpr std::array kAllKinds = {
    ObjectKind::Experience, ObjectKind::Metadata, ObjectKind::Credit, ObjectKind::Languages,
    ObjectKind::Scene, ObjectKind::Model, ObjectKind::ModelState, ObjectKind::View,
    ObjectKind::TeleportArea, ObjectKind::Lighting, ObjectKind::Sun, ObjectKind::Sky,
    ObjectKind::Hotspot, ObjectKind::Action, ObjectKind::Panel, ObjectKind::TourStop,
    ObjectKind::Audio, ObjectKind::Ambience, ObjectKind::AudioSource, ObjectKind::Route};

} // namespace

std::span<const ObjectKind> allObjectKinds() { return kAllKinds; }

std::span<const FieldSpec> fieldsOf(ObjectKind kind) {
    switch (kind) {
    case ObjectKind::Experience: return kExperience;
    case ObjectKind::Metadata: return kMetadata;
    case ObjectKind::Credit: return kCredit;
    case ObjectKind::Languages: return kLanguages;
    case ObjectKind::Scene: return kScene;
    case ObjectKind::Model: return kModel;
    case ObjectKind::ModelState: return kModelState;
    case ObjectKind::View: return kView;
    case ObjectKind::TeleportArea: return kTeleportArea;
    case ObjectKind::Lighting: return kLighting;
    case ObjectKind::Sun: return kSun;
    case ObjectKind::Sky: return kSky;
    case ObjectKind::Hotspot: return kHotspot;
    case ObjectKind::Action: return kAction;
    case ObjectKind::Panel: return kPanel;
    case ObjectKind::TourStop: return kTourStop;
    case ObjectKind::Audio: return kAudio;
    case ObjectKind::Ambience: return kAmbience;
    case ObjectKind::AudioSource: return kAudioSource;
    case ObjectKind::Route: return kRoute;
    }
    return {};
}

std::string_view schemaNameOf(ObjectKind kind) {
    switch (kind) {
    case ObjectKind::Experience: return "experience";
    case ObjectKind::Metadata: return "metadata";
    case ObjectKind::Credit: return "credit";
    case ObjectKind::Languages: return "languages";
    case ObjectKind::Scene: return "scene";
    case ObjectKind::Model: return "model";
    case ObjectKind::ModelState: return "modelState";
    case ObjectKind::View: return "view";
    case ObjectKind::TeleportArea: return "teleportArea";
    case ObjectKind::Lighting: return "lighting";
    case ObjectKind::Sun: return "sun";
    case ObjectKind::Sky: return "sky";
    case ObjectKind::Hotspot: return "hotspot";
    case ObjectKind::Action: return "action";
    case ObjectKind::Panel: return "panel";
    case ObjectKind::TourStop: return "tourStop";
    case ObjectKind::Audio: return "audio";
    case ObjectKind::Ambience: return "ambience";
    case ObjectKind::AudioSource: return "audioSource";
    case ObjectKind::Route: return "route";
    }
    return "";
}

} // namespace xrs::experience
