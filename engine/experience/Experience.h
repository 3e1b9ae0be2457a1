#pragma once
// An experience as data: what a curator writes in experiences/<name>/experience.json, as plain
// structs. The format is documented in docs/experience-format.md and described by
// experiences/schema/experience.schema.json; ExperienceIO.h reads and writes it, and
// ExperienceValidator.h checks references, reachability, translations and media.
//
// Conventions (the same as the renderer's, see scene/Scene.h): right-handed, +Y up, metres.
// Angles in the file are degrees: yaw turns about +Y, 0 looks down -Z, positive turns left
// (counter-clockwise seen from above); pitch is positive upwards. Paths are relative to the
// experience folder and use '/'.
//
// Numbers are doubles, as in the file, so a value written as 0.1 is saved as 0.1; the runtime
// narrows them when it uses them.
//
// Round-trip rule: every object keeps the members this version does not know in `extras`, and
// optional fields stay std::optional, so saving writes back what the curator wrote and nothing
// is lost or silently added.
#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xrs::experience {

// Insertion-ordered, so a saved file keeps the curator's member order for unknown fields.
using Json = nlohmann::ordered_json;

inline constexpr std::string_view kExperienceFormat = "xrshow-experience";
inline constexpr int kExperienceVersion = 1;
inline constexpr std::string_view kExperienceFileName = "experience.json";

// Language code ("zh", "en", "zh-Hant") -> text or path, one entry per translation, in the
// order the curator wrote them (a std::map would re-sort "zh" after "en" on save).
using LocalizedText = nlohmann::ordered_map<std::string, std::string>;

struct Credit {
    LocalizedText role;    // e.g. {"zh": "摄影", "en": "Photography"}
    std::string name;
    Json extras = Json::object();
};

struct Metadata {
    LocalizedText title;
    std::optional<LocalizedText> description;
    std::vector<Credit> credits;
    std::optional<std::string> rights;   // licence / copyright line shown in the credits
    std::optional<std::string> thumbnail; // PNG/JPEG picture of the experience (launchers, xrshow list)
    Json extras = Json::object();
};

struct Languages {
    std::string defaultLanguage;          // "default" in the file; one of `available`
    std::vector<std::string> available;
    Json extras = Json::object();
};

// Where the visitor stands and looks. Model scenes use a position (feet on the floor) and a
// yaw; 360° scenes use yaw and pitch only (the viewer sits at the sphere's centre).
struct View {
    std::optional<glm::dvec3> position;
    std::optional<double> yawDegrees;
    std::optional<double> pitchDegrees;
    Json extras = Json::object();
};

// An alternative look of a model that a hotspot can switch to (e.g. "restored").
struct ModelState {
    std::string id;
    std::string path;
    Json extras = Json::object();
};

struct Model {
    std::optional<std::string> id;       // needed only when a hotspot toggles its state
    std::string path;                    // .gltf/.glb/.fbx/.obj
    std::optional<glm::dvec3> position;
    std::optional<double> yawDegrees;
    std::optional<double> scale;          // uniform
    std::vector<ModelState> states;
    Json extras = Json::object();
};

// An axis-aligned box the visitor may teleport into (its floor is min.y).
struct TeleportArea {
    glm::dvec3 min{0.0};
    glm::dvec3 max{0.0};
    Json extras = Json::object();
};

struct Sun {
    glm::dvec3 direction{0.0, -1.0, 0.0};  // the light's travel direction
    std::optional<glm::dvec3> color;          // linear RGB
    std::optional<double> intensity;
    Json extras = Json::object();
};

struct Sky {
    std::optional<glm::dvec3> zenith;         // linear RGB
    std::optional<glm::dvec3> horizon;
    std::optional<glm::dvec3> ground;
    Json extras = Json::object();
};

// Omitted parts fall back to the model's own lights and the renderer's defaults.
struct Lighting {
    std::optional<Sun> sun;
    std::optional<Sky> sky;
    std::optional<double> exposure;
    Json extras = Json::object();
};

// A way-finding route drawn on the ground as chevrons pointing along it (mixed-reality
// navigation). Model scenes: points on the world floor (y = 0). Video360 scenes: metres on the
// panorama's ground, the camera at (0, 0), yaw 0 down -Z; the ground lies groundBelowEye below
// the visitor's eye and the route moves with the head like the panorama, so it stays on the
// street the video shows.
struct Route {
    std::vector<glm::dvec2> points;            // [x, z] metres, in walking order (>= 2)
    std::optional<double> groundBelowEyeMetres; // video360 only; default kDefaultGroundBelowEye
    Json extras = Json::object();
};
inline constexpr double kDefaultGroundBelowEye = 1.6;

enum class SceneKind { Model, Video360 };

struct Scene {
    std::string id;
    SceneKind kind = SceneKind::Model;
    std::optional<LocalizedText> title;
    // kind == Model
    std::vector<Model> models;
    std::optional<View> spawn;
    std::vector<TeleportArea> teleportAreas;
    std::optional<Lighting> lighting;
    // kind == Video360: exactly one of video (a package directory made by `xrshow pack`) and
    // image (an equirectangular PNG/JPEG)
    std::optional<std::string> video;
    std::optional<std::string> image;
    std::optional<double> initialYawDegrees;
    // On headsets that see the real world (passthrough cameras, optical see-through) the real
    // world replaces this scene's background, sky or video: mixed reality. Elsewhere (desktop,
    // opaque headsets) the background shows as authored.
    std::optional<bool> passthrough;
    std::optional<Route> route;
    Json extras = Json::object();
};

enum class ActionType { OpenPanel, GoToScene, PlayNarration, ToggleModelState };

// What a hotspot does; only the fields of its type are set.
struct Action {
    ActionType type = ActionType::OpenPanel;
    std::optional<std::string> panel;          // OpenPanel
    std::optional<std::string> scene;          // GoToScene
    std::optional<View> view;                  // GoToScene: where the visitor arrives
    std::optional<std::string> narration;      // PlayNarration: audio clip
    std::optional<LocalizedText> subtitles;    // PlayNarration: .vtt/.srt per language
    std::optional<std::string> model;          // ToggleModelState: Model::id in the same scene
    std::optional<std::string> state;          // ToggleModelState: ModelState::id
    Json extras = Json::object();
};

// A selectable marker. Model scenes place it at a position; 360° scenes at yaw/pitch.
struct Hotspot {
    std::string id;
    std::string scene;
    std::optional<glm::dvec3> position;
    std::optional<double> yawDegrees;
    std::optional<double> pitchDegrees;
    std::optional<std::string> icon;           // a built-in icon name or a PNG/JPEG path
    std::optional<LocalizedText> label;
    Action action;
    Json extras = Json::object();
};

// An information panel. `text` is rich text: paragraphs separated by blank lines, **bold**,
// *italic* (docs/experience-format.md).
struct Panel {
    std::string id;
    LocalizedText title;
    LocalizedText text;
    std::optional<std::string> image;
    std::optional<double> widthMetres;
    Json extras = Json::object();
};

struct TourStop {
    std::optional<std::string> id;
    std::string scene;
    std::optional<LocalizedText> title;
    std::optional<View> pose;
    std::optional<std::string> narration;
    std::optional<LocalizedText> subtitles;
    std::optional<bool> autoAdvance;           // go on when the narration (or duration) ends
    std::optional<double> durationSeconds;      // how long a stop without narration lasts
    Json extras = Json::object();
};

struct Ambience {
    std::string scene;
    std::string path;
    std::optional<double> volume;               // 0..1
    std::optional<bool> loop;                  // default true
    Json extras = Json::object();
};

struct AudioSource {
    std::optional<std::string> id;
    std::string scene;
    std::string path;
    glm::dvec3 position{0.0};
    std::optional<double> volume;
    std::optional<bool> loop;                  // default true
    Json extras = Json::object();
};

struct Audio {
    std::vector<Ambience> ambience;
    std::vector<AudioSource> sources;
    Json extras = Json::object();
};

struct Experience {
    int version = kExperienceVersion;
    Metadata metadata;
    Languages languages;
    std::vector<Scene> scenes;                 // the visitor starts in scenes[0]
    std::vector<Hotspot> hotspots;
    std::vector<Panel> panels;
    std::vector<TourStop> tour;
    std::optional<Audio> audio;
    Json extras = Json::object();

    // Where it was read from (not part of the file): the experience folder, against which every
    // path resolves, and the JSON file itself.
    std::filesystem::path folder;
    std::filesystem::path file;
};

std::string_view sceneKindName(SceneKind kind);      // "model", "video360"
std::string_view actionTypeName(ActionType type);    // "openPanel", "goToScene", ...

// Lookups by id; nullptr when absent.
const Scene* findScene(const Experience& experience, std::string_view id);
const Panel* findPanel(const Experience& experience, std::string_view id);

// The text in `language`, else in the default language, else any translation, else "".
std::string localized(const LocalizedText& text, std::string_view language, std::string_view defaultLanguage);

} // namespace xrs::experience
