// Reading experience.json into Experience: every structural problem becomes a Diagnostic and
// reading goes on, so one pass reports them all. Arrays always keep their indices (an element that
// is not an object still gets a default entry) so the validator's JSON pointers match the file.
#include "experience/ExperienceIO.h"
#include "experience/FieldCatalog.h"
#include "experience/FormatRules.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

namespace xrs::experience {
namespace {

std::string describe(const Json& value) {
    switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "the number " + value.dump();
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "a value of another type";
    }
}

std::string formatNumber(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// An inclusive range unless `minExclusive` (sizes and durations must be positive).
struct Range {
    double min = 0.0;
    double max = 0.0;
    bool minExclusive = false;

    bool contains(double value) const {
        return std::isfinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
    }
    std::string text() const {
        return (minExclusive ? "(" : "[") + formatNumber(min) + ", " + formatNumber(max) + "]";
    }
};

constexpr Range kCoordinate{-kMaxCoordinateMetres, kMaxCoordinateMetres};
constexpr Range kYaw{-360.0, 360.0};
constexpr Range kPitch{-90.0, 90.0};
constexpr Range kUnit{0.0, 1.0};
constexpr Range kColor{0.0, 100.0};
constexpr Range kScale{0.0, 1000.0, true};
constexpr Range kPanelWidth{0.0, 100.0, true};
constexpr Range kDuration{0.0, 86400.0, true};
constexpr Range kIntensity{0.0, 1000.0};
constexpr Range kExposure{0.0, 1000.0, true};
constexpr Range kGroundBelowEye{0.0, 100.0, true};

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

class Reader {
public:
    Reader(const std::string& file, std::vector<Diagnostic>& out) : file_(file), out_(out) {}

    void error(const std::string& pointer, std::string message) {
        out_.push_back({Severity::Error, file_, pointer, std::move(message)});
    }
    void warning(const std::string& pointer, std::string message) {
        out_.push_back({Severity::Warning, file_, pointer, std::move(message)});
    }

    // `node` must be an object of `kind`: missing required members are errors, unknown members
    // are warnings and are copied into `extras` so that a save keeps them.
    bool expectObject(const Json& node, const std::string& pointer, ObjectKind kind, Json& extras) {
        if (!node.is_object()) {
            error(pointer, "expected an object, got " + describe(node));
            return false;
        }
        const auto fields = fieldsOf(kind);
        for (const FieldSpec& field : fields)
            if (field.required && !node.contains(field.name))
                error(pointer + "/" + std::string(field.name), "missing required field '" + std::string(field.name) + "'");
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string& key = it.key();
            const bool known = std::any_of(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.name == key; });
            if (known) continue;
            extras[key] = it.value();
            std::string message = "unknown field '" + key + "' (kept as is)";
            for (const FieldSpec& field : fields) {
                if (editDistance(key, field.name) <= 2 && !node.contains(field.name)) {
                    message = "unknown field '" + key + "' (kept as is); did you mean '" + std::string(field.name) + "'?";
                    break;
                }
            }
            warning(pointer + "/" + escapePointerToken(key), std::move(message));
        }
        return true;
    }

    const Json* member(const Json& object, std::string_view key) {
        if (!object.is_object()) return nullptr;
        const auto found = object.find(key);
        return found == object.end() ? nullptr : &*found;
    }

    // A non-empty string member.
    std::optional<std::string> text(const Json& object, const std::string& pointer, std::string_view key) {
        const Json* value = member(object, key);
        if (!value) return std::nullopt;
        const std::string at = pointer + "/" + std::string(key);
        if (!value->is_string()) {
            error(at, "expected a string, got " + describe(*value));
            return std::nullopt;
        }
        std::string result = value->get<std::string>();
        if (result.empty()) {
            error(at, "expected a non-empty string");
            return std::nullopt;
        }
        return result;
    }

    // An id: a non-empty string of at most kMaxIdLength bytes without '/'.
    std::optional<std::string> id(const Json& object, const std::string& pointer, std::string_view key) {
        auto result = text(object, pointer, key);
        if (result && (result->size() > kMaxIdLength || result->find('/') != std::string::npos)) {
            error(pointer + "/" + std::string(key),
                  "expected an id of at most " + std::to_string(kMaxIdLength) + " bytes without '/'");
            return std::nullopt;
        }
        return result;
    }

    std::optional<double> number(const Json& object, const std::string& pointer, std::string_view key, Range range) {
        const Json* value = member(object, key);
        if (!value) return std::nullopt;
        return numberValue(*value, pointer + "/" + std::string(key), range);
    }

    std::optional<double> numberValue(const Json& value, const std::string& at, Range range) {
        if (!value.is_number()) {
            error(at, "expected a number, got " + describe(value));
            return std::nullopt;
        }
        const double result = value.get<double>();
        if (!range.contains(result)) {
            error(at, "expected a number in " + range.text() + ", got " + value.dump());
            return std::nullopt;
        }
        return result;
    }

    std::optional<bool> boolean(const Json& object, const std::string& pointer, std::string_view key) {
        const Json* value = member(object, key);
        if (!value) return std::nullopt;
        if (!value->is_boolean()) {
            error(pointer + "/" + std::string(key), "expected true or false, got " + describe(*value));
            return std::nullopt;
        }
        return value->get<bool>();
    }

    std::optional<glm::dvec3> vec3(const Json& object, const std::string& pointer, std::string_view key, Range range) {
        const Json* value = member(object, key);
        if (!value) return std::nullopt;
        const std::string at = pointer + "/" + std::string(key);
        if (!value->is_array() || value->size() != 3) {
            error(at, "expected an array of 3 numbers [x, y, z], got " +
                          (value->is_array() ? "an array of " + std::to_string(value->size()) : describe(*value)));
            return std::nullopt;
        }
        glm::dvec3 result{0.0};
        bool ok = true;
        for (int i = 0; i < 3; ++i) {
            auto component = numberValue((*value)[static_cast<std::size_t>(i)], at + "/" + std::to_string(i), range);
            if (component) result[i] = *component;
            else ok = false;
        }
        return ok ? std::optional(result) : std::nullopt;
    }

    // {"zh": "...", "en": "..."}: language code -> non-empty string.
    std::optional<LocalizedText> localized(const Json& object, const std::string& pointer, std::string_view key) {
        const Json* value = member(object, key);
        if (!value) return std::nullopt;
        const std::string at = pointer + "/" + std::string(key);
        if (!value->is_object() || value->empty()) {
            error(at, "expected an object of translations such as {\"zh\": \"...\", \"en\": \"...\"}, got " +
                          (value->is_object() ? std::string("an empty object") : describe(*value)));
            return std::nullopt;
        }
        LocalizedText result;
        for (auto it = value->begin(); it != value->end(); ++it) {
            const std::string itemAt = at + "/" + escapePointerToken(it.key());
            if (!isLanguageCode(it.key())) {
                error(itemAt, "'" + it.key() + "' is not a language code (expected e.g. \"zh\", \"en\", \"zh-Hant\")");
                continue;
            }
            if (!it.value().is_string() || it.value().get_ref<const std::string&>().empty()) {
                error(itemAt, "expected a non-empty string, got " +
                                  (it.value().is_string() ? std::string("an empty string") : describe(it.value())));
                continue;
            }
            result[it.key()] = it.value().get<std::string>();
        }
        return result;
    }

    // Calls read(element, pointer, index) for each element of an array member.
    template <class ReadElement>
    void array(const Json& object, const std::string& pointer, std::string_view key, ReadElement read) {
        const Json* value = member(object, key);
        if (!value) return;
        const std::string at = pointer + "/" + std::string(key);
        if (!value->is_array()) {
            error(at, "expected an array, got " + describe(*value));
            return;
        }
        for (std::size_t i = 0; i < value->size(); ++i) read((*value)[i], at + "/" + std::to_string(i));
    }

private:
    const std::string& file_;
    std::vector<Diagnostic>& out_;
};

std::optional<View> readView(Reader& reader, const Json& parent, const std::string& pointer, std::string_view key) {
    const Json* node = reader.member(parent, key);
    if (!node) return std::nullopt;
    const std::string at = pointer + "/" + std::string(key);
    View view;
    if (!reader.expectObject(*node, at, ObjectKind::View, view.extras)) return std::nullopt;
    view.position = reader.vec3(*node, at, "position", kCoordinate);
    view.yawDegrees = reader.number(*node, at, "yaw", kYaw);
    view.pitchDegrees = reader.number(*node, at, "pitch", kPitch);
    return view;
}

Model readModel(Reader& reader, const Json& node, const std::string& at) {
    Model model;
    if (!reader.expectObject(node, at, ObjectKind::Model, model.extras)) return model;
    model.id = reader.id(node, at, "id");
    model.path = reader.text(node, at, "path").value_or("");
    model.position = reader.vec3(node, at, "position", kCoordinate);
    model.yawDegrees = reader.number(node, at, "yaw", kYaw);
    model.scale = reader.number(node, at, "scale", kScale);
    reader.array(node, at, "states", [&](const Json& element, const std::string& stateAt) {
        ModelState& state = model.states.emplace_back();
        if (!reader.expectObject(element, stateAt, ObjectKind::ModelState, state.extras)) return;
        state.id = reader.id(element, stateAt, "id").value_or("");
        state.path = reader.text(element, stateAt, "path").value_or("");
    });
    return model;
}

std::optional<Lighting> readLighting(Reader& reader, const Json& parent, const std::string& pointer) {
    const Json* node = reader.member(parent, "lighting");
    if (!node) return std::nullopt;
    const std::string at = pointer + "/lighting";
    Lighting lighting;
    if (!reader.expectObject(*node, at, ObjectKind::Lighting, lighting.extras)) return std::nullopt;
    if (const Json* sunNode = reader.member(*node, "sun")) {
        Sun sun;
        const std::string sunAt = at + "/sun";
        if (reader.expectObject(*sunNode, sunAt, ObjectKind::Sun, sun.extras)) {
            if (auto direction = reader.vec3(*sunNode, sunAt, "direction", {-1e6, 1e6})) {
                if (glm::length(*direction) < 1e-9) reader.error(sunAt + "/direction", "expected a non-zero direction");
                else sun.direction = *direction;
            }
            sun.color = reader.vec3(*sunNode, sunAt, "color", kColor);
            sun.intensity = reader.number(*sunNode, sunAt, "intensity", kIntensity);
            lighting.sun = sun;
        }
    }
    if (const Json* skyNode = reader.member(*node, "sky")) {
        Sky sky;
        const std::string skyAt = at + "/sky";
        if (reader.expectObject(*skyNode, skyAt, ObjectKind::Sky, sky.extras)) {
            sky.zenith = reader.vec3(*skyNode, skyAt, "zenith", kColor);
            sky.horizon = reader.vec3(*skyNode, skyAt, "horizon", kColor);
            sky.ground = reader.vec3(*skyNode, skyAt, "ground", kColor);
            lighting.sky = sky;
        }
    }
    lighting.exposure = reader.number(*node, at, "exposure", kExposure);
    return lighting;
}

std::optional<Route> readRoute(Reader& reader, const Json& parent, const std::string& pointer) {
    const Json* node = reader.member(parent, "route");
    if (!node) return std::nullopt;
    const std::string at = pointer + "/route";
    Route route;
    if (!reader.expectObject(*node, at, ObjectKind::Route, route.extras)) return std::nullopt;
    reader.array(*node, at, "points", [&](const Json& element, const std::string& pointAt) {
        if (!element.is_array() || element.size() != 2) {
            reader.error(pointAt, "expected [x, z] in metres, got " +
                                      (element.is_array() ? "an array of " + std::to_string(element.size()) : describe(element)));
            return;
        }
        auto x = reader.numberValue(element[0], pointAt + "/0", kCoordinate);
        auto z = reader.numberValue(element[1], pointAt + "/1", kCoordinate);
        if (x && z) route.points.emplace_back(*x, *z);
    });
    if (const Json* points = reader.member(*node, "points"); points && points->is_array() && points->size() < 2)
        reader.error(at + "/points", "expected at least 2 points, got " + std::to_string(points->size()));
    route.groundBelowEyeMetres = reader.number(*node, at, "groundBelowEye", kGroundBelowEye);
    return route;
}

Scene readScene(Reader& reader, const Json& node, const std::string& at) {
    Scene scene;
    if (!reader.expectObject(node, at, ObjectKind::Scene, scene.extras)) return scene;
    scene.id = reader.id(node, at, "id").value_or("");
    std::optional<SceneKind> kind;
    if (auto kindName = reader.text(node, at, "kind")) {
        if (*kindName == "model") kind = SceneKind::Model;
        else if (*kindName == "video360") kind = SceneKind::Video360;
        else reader.error(at + "/kind", "expected \"model\" or \"video360\", got \"" + *kindName + "\"");
    }
    scene.kind = kind.value_or(SceneKind::Model);
    scene.title = reader.localized(node, at, "title");
    reader.array(node, at, "models", [&](const Json& element, const std::string& modelAt) {
        scene.models.push_back(readModel(reader, element, modelAt));
    });
    scene.spawn = readView(reader, node, at, "spawn");
    reader.array(node, at, "teleportAreas", [&](const Json& element, const std::string& areaAt) {
        TeleportArea& area = scene.teleportAreas.emplace_back();
        if (!reader.expectObject(element, areaAt, ObjectKind::TeleportArea, area.extras)) return;
        auto min = reader.vec3(element, areaAt, "min", kCoordinate);
        auto max = reader.vec3(element, areaAt, "max", kCoordinate);
        if (min) area.min = *min;
        if (max) area.max = *max;
        if (min && max && (max->x < min->x || max->y < min->y || max->z < min->z))
            reader.error(areaAt + "/max", "expected every component of max to be >= the same component of min");
    });
    scene.lighting = readLighting(reader, node, at);
    scene.video = reader.text(node, at, "video");
    scene.image = reader.text(node, at, "image");
    scene.initialYawDegrees = reader.number(node, at, "initialYaw", kYaw);
    scene.passthrough = reader.boolean(node, at, "passthrough");
    scene.route = readRoute(reader, node, at);

    if (!kind) return scene;
    // Members of the other kind are mistakes (a model scene has no video), reported as errors.
    const char* const modelOnly[] = {"models", "spawn", "teleportAreas", "lighting"};
    const char* const videoOnly[] = {"video", "image", "initialYaw"};
    const bool isModel = *kind == SceneKind::Model;
    for (const char* key : isModel ? std::span<const char* const>(videoOnly) : std::span<const char* const>(modelOnly))
        if (node.contains(key))
            reader.error(at + "/" + key, std::string("'") + key + "' is not allowed in a " +
                                             (isModel ? "model" : "video360") + " scene");
    if (isModel && scene.route && scene.route->groundBelowEyeMetres)
        reader.error(at + "/route/groundBelowEye", "'groundBelowEye' is for video360 scenes; a model scene's route lies on its floor (y = 0)");
    if (isModel) {
        if (!node.contains("models")) reader.error(at + "/models", "missing required field 'models' (a model scene needs at least one model)");
        else if (node["models"].is_array() && node["models"].empty()) reader.error(at + "/models", "expected at least one model");
        if (!node.contains("spawn")) reader.error(at + "/spawn", "missing required field 'spawn' (where the visitor starts)");
    } else {
        if (!node.contains("video") && !node.contains("image"))
            reader.error(at + "/video", "missing: a video360 scene needs 'video' (a package folder made by "
                                        "`xrshow pack`) or 'image' (an equirectangular PNG or JPEG)");
        else if (node.contains("video") && node.contains("image"))
            reader.error(at + "/image", "expected either 'video' or 'image', not both");
    }
    return scene;
}

Action readAction(Reader& reader, const Json& parent, const std::string& pointer) {
    Action action;
    const Json* node = reader.member(parent, "action");
    if (!node) return action;
    const std::string at = pointer + "/action";
    if (!reader.expectObject(*node, at, ObjectKind::Action, action.extras)) return action;
    action.panel = reader.id(*node, at, "panel");
    action.scene = reader.id(*node, at, "scene");
    action.view = readView(reader, *node, at, "view");
    action.narration = reader.text(*node, at, "narration");
    action.subtitles = reader.localized(*node, at, "subtitles");
    action.model = reader.id(*node, at, "model");
    action.state = reader.id(*node, at, "state");

    auto typeName = reader.text(*node, at, "type");
    if (!typeName) return action;
    struct TypeRule {
        std::string_view name;
        ActionType type;
        std::vector<std::string_view> required;
        std::vector<std::string_view> optional;
    };
    static const TypeRule rules[] = {
        {"openPanel", ActionType::OpenPanel, {"panel"}, {}},
        {"goToScene", ActionType::GoToScene, {"scene"}, {"view"}},
        {"playNarration", ActionType::PlayNarration, {"narration"}, {"subtitles"}},
        {"toggleModelState", ActionType::ToggleModelState, {"model", "state"}, {}},
    };
    const TypeRule* rule = nullptr;
    for (const TypeRule& candidate : rules)
        if (candidate.name == *typeName) rule = &candidate;
    if (!rule) {
        reader.error(at + "/type", "expected \"openPanel\", \"goToScene\", \"playNarration\" or \"toggleModelState\", got \"" +
                                       *typeName + "\"");
        return action;
    }
    action.type = rule->type;
    for (std::string_view key : rule->required)
        if (!node->contains(key))
            reader.error(at + "/" + std::string(key),
                         "missing required field '" + std::string(key) + "' (for a " + *typeName + " action)");
    for (const char* key : {"panel", "scene", "view", "narration", "subtitles", "model", "state"}) {
        const auto belongs = [&](const std::vector<std::string_view>& keys) {
            return std::find(keys.begin(), keys.end(), key) != keys.end();
        };
        if (node->contains(key) && !belongs(rule->required) && !belongs(rule->optional))
            reader.warning(at + "/" + key, std::string("'") + key + "' is ignored by " + *typeName + " actions");
    }
    return action;
}

Hotspot readHotspot(Reader& reader, const Json& node, const std::string& at) {
    Hotspot hotspot;
    if (!reader.expectObject(node, at, ObjectKind::Hotspot, hotspot.extras)) return hotspot;
    hotspot.id = reader.id(node, at, "id").value_or("");
    hotspot.scene = reader.id(node, at, "scene").value_or("");
    hotspot.position = reader.vec3(node, at, "position", kCoordinate);
    hotspot.yawDegrees = reader.number(node, at, "yaw", kYaw);
    hotspot.pitchDegrees = reader.number(node, at, "pitch", kPitch);
    hotspot.icon = reader.text(node, at, "icon");
    hotspot.label = reader.localized(node, at, "label");
    hotspot.action = readAction(reader, node, at);
    return hotspot;
}

Panel readPanel(Reader& reader, const Json& node, const std::string& at) {
    Panel panel;
    if (!reader.expectObject(node, at, ObjectKind::Panel, panel.extras)) return panel;
    panel.id = reader.id(node, at, "id").value_or("");
    panel.title = reader.localized(node, at, "title").value_or(LocalizedText{});
    panel.text = reader.localized(node, at, "text").value_or(LocalizedText{});
    panel.image = reader.text(node, at, "image");
    panel.widthMetres = reader.number(node, at, "width", kPanelWidth);
    return panel;
}

TourStop readTourStop(Reader& reader, const Json& node, const std::string& at) {
    TourStop stop;
    if (!reader.expectObject(node, at, ObjectKind::TourStop, stop.extras)) return stop;
    stop.id = reader.id(node, at, "id");
    stop.scene = reader.id(node, at, "scene").value_or("");
    stop.title = reader.localized(node, at, "title");
    stop.pose = readView(reader, node, at, "pose");
    stop.narration = reader.text(node, at, "narration");
    stop.subtitles = reader.localized(node, at, "subtitles");
    stop.autoAdvance = reader.boolean(node, at, "autoAdvance");
    stop.durationSeconds = reader.number(node, at, "duration", kDuration);
    return stop;
}

std::optional<Audio> readAudio(Reader& reader, const Json& root) {
    const Json* node = reader.member(root, "audio");
    if (!node) return std::nullopt;
    Audio audio;
    if (!reader.expectObject(*node, "/audio", ObjectKind::Audio, audio.extras)) return std::nullopt;
    reader.array(*node, "/audio", "ambience", [&](const Json& element, const std::string& at) {
        Ambience& ambience = audio.ambience.emplace_back();
        if (!reader.expectObject(element, at, ObjectKind::Ambience, ambience.extras)) return;
        ambience.scene = reader.id(element, at, "scene").value_or("");
        ambience.path = reader.text(element, at, "path").value_or("");
        ambience.volume = reader.number(element, at, "volume", kUnit);
        ambience.loop = reader.boolean(element, at, "loop");
    });
    reader.array(*node, "/audio", "sources", [&](const Json& element, const std::string& at) {
        AudioSource& source = audio.sources.emplace_back();
        if (!reader.expectObject(element, at, ObjectKind::AudioSource, source.extras)) return;
        source.id = reader.id(element, at, "id");
        source.scene = reader.id(element, at, "scene").value_or("");
        source.path = reader.text(element, at, "path").value_or("");
        source.position = reader.vec3(element, at, "position", kCoordinate).value_or(glm::dvec3{0.0});
        source.volume = reader.number(element, at, "volume", kUnit);
        source.loop = reader.boolean(element, at, "loop");
    });
    return audio;
}

void readMetadata(Reader& reader, const Json& root, Metadata& metadata) {
    const Json* node = reader.member(root, "metadata");
    if (!node || !reader.expectObject(*node, "/metadata", ObjectKind::Metadata, metadata.extras)) return;
    metadata.title = reader.localized(*node, "/metadata", "title").value_or(LocalizedText{});
    metadata.description = reader.localized(*node, "/metadata", "description");
    reader.array(*node, "/metadata", "credits", [&](const Json& element, const std::string& at) {
        Credit& credit = metadata.credits.emplace_back();
        if (!reader.expectObject(element, at, ObjectKind::Credit, credit.extras)) return;
        credit.role = reader.localized(element, at, "role").value_or(LocalizedText{});
        credit.name = reader.text(element, at, "name").value_or("");
    });
    metadata.rights = reader.text(*node, "/metadata", "rights");
    metadata.thumbnail = reader.text(*node, "/metadata", "thumbnail");
}

void readLanguages(Reader& reader, const Json& root, Languages& languages) {
    const Json* node = reader.member(root, "languages");
    if (!node || !reader.expectObject(*node, "/languages", ObjectKind::Languages, languages.extras)) return;
    if (auto code = reader.text(*node, "/languages", "default")) {
        if (isLanguageCode(*code)) languages.defaultLanguage = *code;
        else reader.error("/languages/default", "'" + *code + "' is not a language code (expected e.g. \"zh\", \"en\")");
    }
    const Json* available = reader.member(*node, "available");
    if (!available) return;
    if (!available->is_array() || available->empty()) {
        reader.error("/languages/available", "expected a non-empty array of language codes, got " +
                                                 (available->is_array() ? std::string("an empty array") : describe(*available)));
        return;
    }
    for (std::size_t i = 0; i < available->size(); ++i) {
        const Json& code = (*available)[i];
        const std::string at = "/languages/available/" + std::to_string(i);
        if (!code.is_string() || !isLanguageCode(code.get_ref<const std::string&>())) {
            reader.error(at, "expected a language code such as \"zh\" or \"en\", got " +
                                 (code.is_string() ? "\"" + code.get<std::string>() + "\"" : describe(code)));
            continue;
        }
        const std::string& text = code.get_ref<const std::string&>();
        if (std::find(languages.available.begin(), languages.available.end(), text) != languages.available.end())
            reader.error(at, "duplicate language '" + text + "'");
        else languages.available.push_back(text);
    }
    if (!languages.defaultLanguage.empty() &&
        std::find(languages.available.begin(), languages.available.end(), languages.defaultLanguage) ==
            languages.available.end())
        reader.error("/languages/default", "'" + languages.defaultLanguage + "' is not one of /languages/available");
}

void readRoot(Reader& reader, const Json& root, Experience& experience) {
    if (!reader.expectObject(root, "", ObjectKind::Experience, experience.extras)) return;
    if (auto format = reader.text(root, "", "format"); format && *format != kExperienceFormat)
        reader.error("/format", "expected \"" + std::string(kExperienceFormat) + "\", got \"" + *format + "\"");
    if (const Json* version = reader.member(root, "version")) {
        if (!version->is_number_integer()) {
            reader.error("/version", "expected the integer " + std::to_string(kExperienceVersion) + ", got " + describe(*version));
        } else if (version->is_number_unsigned() ? version->get<std::uint64_t>() > static_cast<std::uint64_t>(kExperienceVersion)
                                                 : version->get<std::int64_t>() > kExperienceVersion) {
            reader.error("/version", "version " + version->dump() + " is newer than this xrshow reads (" +
                                         std::to_string(kExperienceVersion) + "); update xrshow");
        } else if (version->get<std::int64_t>() < 1) {
            reader.error("/version", "expected " + std::to_string(kExperienceVersion) + ", got " + version->dump());
        } else {
            experience.version = version->get<int>();
        }
    }
    readMetadata(reader, root, experience.metadata);
    readLanguages(reader, root, experience.languages);
    reader.array(root, "", "scenes", [&](const Json& element, const std::string& at) {
        experience.scenes.push_back(readScene(reader, element, at));
    });
    if (const Json* scenes = reader.member(root, "scenes"); scenes && scenes->is_array() && scenes->empty())
        reader.error("/scenes", "expected at least one scene (the visitor starts in the first)");
    reader.array(root, "", "hotspots", [&](const Json& element, const std::string& at) {
        experience.hotspots.push_back(readHotspot(reader, element, at));
    });
    reader.array(root, "", "panels", [&](const Json& element, const std::string& at) {
        experience.panels.push_back(readPanel(reader, element, at));
    });
    reader.array(root, "", "tour", [&](const Json& element, const std::string& at) {
        experience.tour.push_back(readTourStop(reader, element, at));
    });
    experience.audio = readAudio(reader, root);
}

// nlohmann's messages start with "[json.exception.parse_error.101] " and may end with the raw
// bytes last read (possibly invalid UTF-8); keep the position and the cause.
std::string describeJsonError(const std::string& what) {
    std::string message = what;
    if (message.rfind("[json.exception.", 0) == 0) {
        if (const auto end = message.find("] "); end != std::string::npos) message.erase(0, end + 2);
    }
    if (const auto lastRead = message.find("; last read:"); lastRead != std::string::npos) message.erase(lastRead);
    return message;
}

// JSON allows an object to repeat a member name and then silently keeps the last value; a
// curator's first value would vanish on save. The parser callback tracks the JSON pointer of
// every container and reports repeated names.
class DuplicateMemberFinder {
public:
    std::vector<std::pair<std::string, std::string>> found;  // (pointer of the member, name)

    bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
        switch (event) {
        case Json::parse_event_t::object_start: stack_.push_back({false}); break;
        case Json::parse_event_t::array_start: stack_.push_back({true}); break;
        case Json::parse_event_t::key: {
            Frame& object = stack_.back();
            object.key = parsed.get<std::string>();
            if (!object.keys.insert(object.key).second) found.emplace_back(currentPointer(), object.key);
            break;
        }
        case Json::parse_event_t::value: elementDone(); break;
        case Json::parse_event_t::object_end:
        case Json::parse_event_t::array_end:
            stack_.pop_back();
            elementDone();
            break;
        }
        return true;
    }

private:
    struct Frame {
        bool isArray = false;
        std::size_t index = 0;       // arrays: the element being parsed
        std::string key;             // objects: the member being parsed
        std::set<std::string> keys;  // objects: names seen so far
    };

    void elementDone() {
        if (!stack_.empty() && stack_.back().isArray) ++stack_.back().index;
    }

    std::string currentPointer() const {
        std::string pointer;
        for (const Frame& frame : stack_)
            pointer += "/" + (frame.isArray ? std::to_string(frame.index) : escapePointerToken(frame.key));
        return pointer;
    }

    std::vector<Frame> stack_;
};

} // namespace

ParsedExperience parseExperience(std::string_view json, const std::string& fileName) {
    ParsedExperience parsed;
    Reader reader(fileName, parsed.diagnostics);
    if (json.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        reader.error("", "empty file (expected a JSON object)");
        return parsed;
    }
    Json root;
    DuplicateMemberFinder duplicates;
    try {
        root = Json::parse(json.begin(), json.end(), std::ref(duplicates));
    } catch (const Json::exception& error) {
        reader.error("", "not valid JSON: " + describeJsonError(error.what()));
        return parsed;
    }
    for (const auto& [pointer, key] : duplicates.found)
        reader.error(pointer, "duplicate member '" + key + "' in one object (JSON keeps only the last; remove one)");
    try {
        readRoot(reader, root, parsed.experience);
    } catch (const std::exception& error) {
        // Reading only calls checked accessors; this is a last line of defence for the no-throw API.
        reader.error("", std::string("internal error while reading: ") + error.what());
    }
    return parsed;
}

std::filesystem::path experienceFileOf(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return path / kExperienceFileName;
    return path;
}

ParsedExperience readExperience(const std::filesystem::path& path) {
    const std::filesystem::path file = experienceFileOf(path);
    const std::string name = file.string();
    auto failed = [&](std::string message) {
        ParsedExperience parsed;
        parsed.diagnostics.push_back({Severity::Error, name, "", std::move(message)});
        parsed.experience.file = file;
        parsed.experience.folder = file.parent_path();
        return parsed;
    };
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return failed("missing (expected an experience folder or its experience.json)");
    if (!std::filesystem::is_regular_file(file, ec)) return failed("not a regular file");
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return failed("cannot read: " + ec.message());
    if (size > kMaxExperienceFileBytes) return failed("larger than " + std::to_string(kMaxExperienceFileBytes >> 20) + " MiB");
    std::ifstream in(file, std::ios::binary);
    if (!in) return failed("cannot open for reading");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return failed("read error");
    ParsedExperience parsed = parseExperience(text, name);
    parsed.experience.file = file;
    parsed.experience.folder = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    return parsed;
}

} // namespace xrs::experience
