// Experience -> experience.json. Known members are written in the documented order, optional
// ones only when set, then each object's unknown members (`extras`) as they were read: saving a
// loaded experience loses nothing the curator wrote.
#include "experience/ExperienceIO.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace xrs::experience {
namespace {

// Whole numbers are written without a fraction ("yaw": 30, not 30.0), as a curator writes them.
Json number(double value) {
    constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
    if (std::nearbyint(value) == value && std::fabs(value) < kExactIntegers) return static_cast<std::int64_t>(value);
    return value;
}

Json vec3(const glm::dvec3& v) { return Json::array({number(v.x), number(v.y), number(v.z)}); }

Json localizedJson(const LocalizedText& text) {
    Json out = Json::object();
    for (const auto& [language, value] : text) out[language] = value;
    return out;
}

template <class T>
void setOptional(Json& out, const char* key, const std::optional<T>& value) {
    if (value) out[key] = *value;
}
void setOptional(Json& out, const char* key, const std::optional<double>& value) {
    if (value) out[key] = number(*value);
}
void setOptional(Json& out, const char* key, const std::optional<glm::dvec3>& value) {
    if (value) out[key] = vec3(*value);
}
void setOptional(Json& out, const char* key, const std::optional<LocalizedText>& value) {
    if (value) out[key] = localizedJson(*value);
}

// Unknown members go last; a known member of the same name (impossible after reading) wins.
void appendExtras(Json& out, const Json& extras) {
    if (!extras.is_object()) return;
    for (auto it = extras.begin(); it != extras.end(); ++it)
        if (!out.contains(it.key())) out[it.key()] = it.value();
}

Json viewJson(const View& view) {
    Json out = Json::object();
    setOptional(out, "position", view.position);
    setOptional(out, "yaw", view.yawDegrees);
    setOptional(out, "pitch", view.pitchDegrees);
    appendExtras(out, view.extras);
    return out;
}

Json lightingJson(const Lighting& lighting) {
    Json out = Json::object();
    if (lighting.sun) {
        Json sun = Json::object();
        sun["direction"] = vec3(lighting.sun->direction);
        setOptional(sun, "color", lighting.sun->color);
        setOptional(sun, "intensity", lighting.sun->intensity);
        appendExtras(sun, lighting.sun->extras);
        out["sun"] = std::move(sun);
    }
    if (lighting.sky) {
        Json sky = Json::object();
        setOptional(sky, "zenith", lighting.sky->zenith);
        setOptional(sky, "horizon", lighting.sky->horizon);
        setOptional(sky, "ground", lighting.sky->ground);
        appendExtras(sky, lighting.sky->extras);
        out["sky"] = std::move(sky);
    }
    setOptional(out, "exposure", lighting.exposure);
    appendExtras(out, lighting.extras);
    return out;
}

Json modelJson(const Model& model) {
    Json out = Json::object();
    setOptional(out, "id", model.id);
    out["path"] = model.path;
    setOptional(out, "position", model.position);
    setOptional(out, "yaw", model.yawDegrees);
    setOptional(out, "scale", model.scale);
    if (!model.states.empty()) {
        Json states = Json::array();
        for (const ModelState& state : model.states) {
            Json stateJson = {{"id", state.id}, {"path", state.path}};
            appendExtras(stateJson, state.extras);
            states.push_back(std::move(stateJson));
        }
        out["states"] = std::move(states);
    }
    appendExtras(out, model.extras);
    return out;
}

Json sceneJson(const Scene& scene) {
    Json out = Json::object();
    out["id"] = scene.id;
    out["kind"] = std::string(sceneKindName(scene.kind));
    setOptional(out, "title", scene.title);
    if (scene.kind == SceneKind::Model) {
        Json models = Json::array();
        for (const Model& model : scene.models) models.push_back(modelJson(model));
        out["models"] = std::move(models);
        if (scene.spawn) out["spawn"] = viewJson(*scene.spawn);
        if (!scene.teleportAreas.empty()) {
            Json areas = Json::array();
            for (const TeleportArea& area : scene.teleportAreas) {
                Json areaJson = {{"min", vec3(area.min)}, {"max", vec3(area.max)}};
                appendExtras(areaJson, area.extras);
                areas.push_back(std::move(areaJson));
            }
            out["teleportAreas"] = std::move(areas);
        }
        if (scene.lighting) out["lighting"] = lightingJson(*scene.lighting);
    } else {
        setOptional(out, "video", scene.video);
        setOptional(out, "image", scene.image);
        setOptional(out, "initialYaw", scene.initialYawDegrees);
    }
    setOptional(out, "passthrough", scene.passthrough);
    if (scene.route) {
        Json points = Json::array();
        for (const glm::dvec2& point : scene.route->points) points.push_back(Json::array({point.x, point.y}));
        Json route = {{"points", std::move(points)}};
        setOptional(route, "groundBelowEye", scene.route->groundBelowEyeMetres);
        appendExtras(route, scene.route->extras);
        out["route"] = std::move(route);
    }
    appendExtras(out, scene.extras);
    return out;
}

Json actionJson(const Action& action) {
    Json out = Json::object();
    out["type"] = std::string(actionTypeName(action.type));
    setOptional(out, "panel", action.panel);
    setOptional(out, "scene", action.scene);
    if (action.view) out["view"] = viewJson(*action.view);
    setOptional(out, "narration", action.narration);
    setOptional(out, "subtitles", action.subtitles);
    setOptional(out, "model", action.model);
    setOptional(out, "state", action.state);
    appendExtras(out, action.extras);
    return out;
}

Json hotspotJson(const Hotspot& hotspot) {
    Json out = Json::object();
    out["id"] = hotspot.id;
    out["scene"] = hotspot.scene;
    setOptional(out, "position", hotspot.position);
    setOptional(out, "yaw", hotspot.yawDegrees);
    setOptional(out, "pitch", hotspot.pitchDegrees);
    setOptional(out, "icon", hotspot.icon);
    setOptional(out, "label", hotspot.label);
    out["action"] = actionJson(hotspot.action);
    appendExtras(out, hotspot.extras);
    return out;
}

Json panelJson(const Panel& panel) {
    Json out = Json::object();
    out["id"] = panel.id;
    out["title"] = localizedJson(panel.title);
    out["text"] = localizedJson(panel.text);
    setOptional(out, "image", panel.image);
    setOptional(out, "width", panel.widthMetres);
    appendExtras(out, panel.extras);
    return out;
}

Json tourStopJson(const TourStop& stop) {
    Json out = Json::object();
    setOptional(out, "id", stop.id);
    out["scene"] = stop.scene;
    setOptional(out, "title", stop.title);
    if (stop.pose) out["pose"] = viewJson(*stop.pose);
    setOptional(out, "narration", stop.narration);
    setOptional(out, "subtitles", stop.subtitles);
    setOptional(out, "autoAdvance", stop.autoAdvance);
    setOptional(out, "duration", stop.durationSeconds);
    appendExtras(out, stop.extras);
    return out;
}

Json audioJson(const Audio& audio) {
    Json out = Json::object();
    if (!audio.ambience.empty()) {
        Json ambience = Json::array();
        for (const Ambience& item : audio.ambience) {
            Json itemJson = {{"scene", item.scene}, {"path", item.path}};
            setOptional(itemJson, "volume", item.volume);
            setOptional(itemJson, "loop", item.loop);
            appendExtras(itemJson, item.extras);
            ambience.push_back(std::move(itemJson));
        }
        out["ambience"] = std::move(ambience);
    }
    if (!audio.sources.empty()) {
        Json sources = Json::array();
        for (const AudioSource& source : audio.sources) {
            Json sourceJson = Json::object();
            setOptional(sourceJson, "id", source.id);
            sourceJson["scene"] = source.scene;
            sourceJson["path"] = source.path;
            sourceJson["position"] = vec3(source.position);
            setOptional(sourceJson, "volume", source.volume);
            setOptional(sourceJson, "loop", source.loop);
            appendExtras(sourceJson, source.extras);
            sources.push_back(std::move(sourceJson));
        }
        out["sources"] = std::move(sources);
    }
    appendExtras(out, audio.extras);
    return out;
}

template <class T, class ToJson>
void setArray(Json& out, const char* key, const std::vector<T>& items, ToJson toJson, bool always = false) {
    if (items.empty() && !always) return;
    Json array = Json::array();
    for (const T& item : items) array.push_back(toJson(item));
    out[key] = std::move(array);
}

} // namespace

std::string writeExperience(const Experience& experience) {
    Json root = Json::object();
    root["format"] = std::string(kExperienceFormat);
    root["version"] = experience.version;

    Json metadata = Json::object();
    metadata["title"] = localizedJson(experience.metadata.title);
    setOptional(metadata, "description", experience.metadata.description);
    setArray(metadata, "credits", experience.metadata.credits, [](const Credit& credit) {
        Json out = {{"role", localizedJson(credit.role)}, {"name", credit.name}};
        appendExtras(out, credit.extras);
        return out;
    });
    setOptional(metadata, "rights", experience.metadata.rights);
    setOptional(metadata, "thumbnail", experience.metadata.thumbnail);
    appendExtras(metadata, experience.metadata.extras);
    root["metadata"] = std::move(metadata);

    Json languages = {{"default", experience.languages.defaultLanguage},
                      {"available", experience.languages.available}};
    appendExtras(languages, experience.languages.extras);
    root["languages"] = std::move(languages);

    setArray(root, "scenes", experience.scenes, sceneJson, true);
    setArray(root, "hotspots", experience.hotspots, hotspotJson);
    setArray(root, "panels", experience.panels, panelJson);
    setArray(root, "tour", experience.tour, tourStopJson);
    if (experience.audio) root["audio"] = audioJson(*experience.audio);
    appendExtras(root, experience.extras);
    // Replace invalid UTF-8 (impossible after parsing, possible in hand-built structs) instead of throwing.
    return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Status saveExperience(const Experience& experience, const std::filesystem::path& file) {
    const std::string text = writeExperience(experience);
    const std::filesystem::path temporary =
        file.parent_path() / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()));
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return fail(temporary.string(), ": cannot create: ", std::strerror(errno));
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int cause = errno;
            ::close(fd);
            ::unlink(temporary.c_str());
            return fail(temporary.string(), ": write failed: ", std::strerror(cause));
        }
        written += static_cast<std::size_t>(n);
    }
    // The data must be on disk before the rename makes it the file, or a crash could leave an
    // empty experience.json behind the new name.
    const bool flushed = ::fsync(fd) == 0;
    const int flushError = errno;
    const bool closed = ::close(fd) == 0;
    if (!flushed || !closed) {
        const int cause = flushed ? errno : flushError;
        ::unlink(temporary.c_str());
        return fail(temporary.string(), ": flush failed: ", std::strerror(cause));
    }
    if (::rename(temporary.c_str(), file.c_str()) != 0) {
        const int cause = errno;
        ::unlink(temporary.c_str());
        return fail(file.string(), ": cannot replace: ", std::strerror(cause));
    }
    // Make the rename itself durable.
    const std::filesystem::path folder = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
    if (const int dirFd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

} // namespace xrs::experience
