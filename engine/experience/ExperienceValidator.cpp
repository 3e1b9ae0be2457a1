// Cross-reference, reachability, translation and media checks of an Experience. Entries the
// reader already reported (empty ids, missing references) are skipped here so one mistake gives
// one diagnostic, not a cascade.
#include "experience/ExperienceValidator.h"

#include "core/Log.h"
#include "experience/ExperienceIO.h"
#include "experience/FormatRules.h"
#include "experience/MediaChecks.h"

#include <algorithm>
#include <map>
#include <set>

namespace xrs::experience {
namespace {

std::string inQuotes(std::string_view text) { return "'" + std::string(text) + "'"; }

class Checker {
public:
    Checker(const Experience& experience, const ValidateOptions& options, std::vector<Diagnostic>& out)
        : experience_(experience), out_(out), media_(experience, options.deep, out) {
        for (std::size_t i = 0; i < experience.scenes.size(); ++i) {
            const Scene& scene = experience.scenes[i];
            if (!scene.id.empty() && !scenes_.count(scene.id)) scenes_[scene.id] = i;
        }
    }

    void run() {
        checkDuplicates();
        checkTranslations();
        // A launcher without the picture shows the title alone: degradable.
        if (experience_.metadata.thumbnail) media_.image(*experience_.metadata.thumbnail, "/metadata/thumbnail", true);
        for (std::size_t i = 0; i < experience_.scenes.size(); ++i) checkScene(experience_.scenes[i], "/scenes/" + std::to_string(i));
        for (std::size_t i = 0; i < experience_.hotspots.size(); ++i)
            checkHotspot(experience_.hotspots[i], "/hotspots/" + std::to_string(i));
        for (std::size_t i = 0; i < experience_.panels.size(); ++i) checkPanel(experience_.panels[i], "/panels/" + std::to_string(i));
        for (std::size_t i = 0; i < experience_.tour.size(); ++i) checkTourStop(experience_.tour[i], "/tour/" + std::to_string(i));
        if (experience_.audio) checkAudio(*experience_.audio);
        checkReachability();
    }

private:
    void error(const std::string& pointer, std::string message) {
        out_.push_back({Severity::Error, experience_.file.string(), pointer, std::move(message)});
    }
    void warning(const std::string& pointer, std::string message) {
        out_.push_back({Severity::Warning, experience_.file.string(), pointer, std::move(message)});
    }

    // ---- ids --------------------------------------------------------------------------------
    // Reports the second and later uses of an id; `what` is "scene", "hotspot", ...
    void checkUnique(const std::vector<std::pair<std::string, std::string>>& idsAndPointers, const char* what) {
        std::map<std::string, std::string> first;
        for (const auto& [id, pointer] : idsAndPointers) {
            if (id.empty()) continue;
            auto [it, inserted] = first.emplace(id, pointer);
            if (!inserted) error(pointer, std::string("duplicate ") + what + " id " + inQuotes(id) + " (first defined at " + it->second + ")");
        }
    }

    template <class T, class GetId>
    void checkUniqueIn(const std::vector<T>& items, const std::string& arrayPointer, const char* what, GetId getId) {
        std::vector<std::pair<std::string, std::string>> ids;
        for (std::size_t i = 0; i < items.size(); ++i)
            ids.emplace_back(getId(items[i]), arrayPointer + "/" + std::to_string(i) + "/id");
        checkUnique(ids, what);
    }

    void checkDuplicates() {
        checkUniqueIn(experience_.scenes, "/scenes", "scene", [](const Scene& s) { return s.id; });
        checkUniqueIn(experience_.hotspots, "/hotspots", "hotspot", [](const Hotspot& h) { return h.id; });
        checkUniqueIn(experience_.panels, "/panels", "panel", [](const Panel& p) { return p.id; });
        checkUniqueIn(experience_.tour, "/tour", "tour stop", [](const TourStop& t) { return t.id.value_or(""); });
        if (experience_.audio)
            checkUniqueIn(experience_.audio->sources, "/audio/sources", "audio source",
                          [](const AudioSource& s) { return s.id.value_or(""); });
        for (std::size_t s = 0; s < experience_.scenes.size(); ++s) {
            const Scene& scene = experience_.scenes[s];
            const std::string scenePointer = "/scenes/" + std::to_string(s) + "/models";
            checkUniqueIn(scene.models, scenePointer, "model", [](const Model& m) { return m.id.value_or(""); });
            for (std::size_t m = 0; m < scene.models.size(); ++m)
                checkUniqueIn(scene.models[m].states, scenePointer + "/" + std::to_string(m) + "/states", "model state",
                              [](const ModelState& state) { return state.id; });
        }
    }

    // ---- references ---------------------------------------------------------------------------
    const Scene* sceneRef(const std::string& id, const std::string& pointer) {
        if (id.empty()) return nullptr;  // reported by the reader
        if (auto found = scenes_.find(id); found != scenes_.end()) return &experience_.scenes[found->second];
        std::string known;
        for (const auto& [name, index] : scenes_) known += (known.empty() ? "" : ", ") + name;
        error(pointer, "unknown scene id " + inQuotes(id) + (known.empty() ? "" : " (scenes: " + known + ")"));
        return nullptr;
    }

    // A view/pose must match the scene it applies to: a position in model scenes (required for
    // where the visitor stands), yaw/pitch only in video360 scenes.
    void checkViewFits(const View& view, const Scene& scene, const std::string& pointer, bool positionRequired) {
        if (scene.kind == SceneKind::Video360 && view.position)
            error(pointer + "/position", "a view in video360 scene " + inQuotes(scene.id) +
                                             " has no position (the viewer is at the sphere's centre); use yaw and pitch");
        if (scene.kind == SceneKind::Model && positionRequired && !view.position)
            error(pointer + "/position", "missing required field 'position' (where the visitor stands in model scene " +
                                             inQuotes(scene.id) + ")");
    }

    // ---- scenes -------------------------------------------------------------------------------
    void checkScene(const Scene& scene, const std::string& pointer) {
        for (std::size_t m = 0; m < scene.models.size(); ++m) {
            const Model& model = scene.models[m];
            const std::string modelPointer = pointer + "/models/" + std::to_string(m);
            if (!model.path.empty()) media_.model(model.path, modelPointer + "/path");
            for (std::size_t s = 0; s < model.states.size(); ++s)
                if (!model.states[s].path.empty())
                    media_.model(model.states[s].path, modelPointer + "/states/" + std::to_string(s) + "/path");
        }
        if (scene.spawn) checkViewFits(*scene.spawn, scene, pointer + "/spawn", true);
        if (scene.video) media_.videoPackage(*scene.video, pointer + "/video");
        if (scene.image) media_.equirectImage(*scene.image, pointer + "/image");
    }

    // ---- hotspots -----------------------------------------------------------------------------
    void checkHotspot(const Hotspot& hotspot, const std::string& pointer) {
        const Scene* scene = sceneRef(hotspot.scene, pointer + "/scene");
        if (scene) {
            if (scene->kind == SceneKind::Model) {
                if (!hotspot.position)
                    error(pointer + "/position", "missing required field 'position' (a hotspot in model scene " +
                                                     inQuotes(scene->id) + " is placed at [x, y, z])");
                for (const auto& [key, present] : {std::pair{"yaw", hotspot.yawDegrees.has_value()},
                                                   std::pair{"pitch", hotspot.pitchDegrees.has_value()}})
                    if (present)
                        error(pointer + "/" + key, std::string("'") + key + "' does not apply to a hotspot in model scene " +
                                                       inQuotes(scene->id) + " (use 'position')");
            } else {
                if (hotspot.position)
                    error(pointer + "/position", "a hotspot in video360 scene " + inQuotes(scene->id) +
                                                     " is placed by 'yaw' and 'pitch', not 'position'");
                else if (!hotspot.yawDegrees)
                    error(pointer + "/yaw", "missing required field 'yaw' (a hotspot in video360 scene " + inQuotes(scene->id) +
                                                " is placed by yaw and pitch in degrees)");
            }
        }
        if (hotspot.icon && !isBuiltInIcon(*hotspot.icon)) {
            const bool looksLikePath = hotspot.icon->find('.') != std::string::npos || hotspot.icon->find('/') != std::string::npos;
            if (looksLikePath) {
                media_.image(*hotspot.icon, pointer + "/icon", true);
            } else {
                std::string names;
                for (std::string_view name : kBuiltInIcons) names += (names.empty() ? "" : ", ") + std::string(name);
                error(pointer + "/icon", "unknown icon " + inQuotes(*hotspot.icon) + " (built-in icons: " + names +
                                             "; or a PNG/JPEG path)");
            }
        }
        checkAction(hotspot, scene, pointer + "/action");
    }

    void checkAction(const Hotspot& hotspot, const Scene* hotspotScene, const std::string& pointer) {
        const Action& action = hotspot.action;
        switch (action.type) {
        case ActionType::OpenPanel:
            if (action.panel && !findPanel(experience_, *action.panel)) {
                std::string known;
                for (const Panel& panel : experience_.panels) known += (known.empty() ? "" : ", ") + panel.id;
                error(pointer + "/panel", "unknown panel id " + inQuotes(*action.panel) +
                                              (known.empty() ? " (no panels are defined)" : " (panels: " + known + ")"));
            }
            break;
        case ActionType::GoToScene:
            if (!action.scene) break;
            if (const Scene* target = sceneRef(*action.scene, pointer + "/scene")) {
                if (action.view) checkViewFits(*action.view, *target, pointer + "/view", false);
                if (hotspotScene == target)
                    warning(pointer + "/scene", "leads to its own scene " + inQuotes(target->id) + " (a loop that only moves the view)");
            }
            break;
        case ActionType::PlayNarration:
            if (action.narration) media_.audio(*action.narration, pointer + "/narration");
            if (action.subtitles) checkSubtitleFiles(*action.subtitles, pointer + "/subtitles");
            break;
        case ActionType::ToggleModelState: {
            if (!action.model || !hotspotScene) break;
            const Model* model = nullptr;
            for (const Model& candidate : hotspotScene->models)
                if (candidate.id == action.model) model = &candidate;
            if (!model) {
                error(pointer + "/model", "unknown model id " + inQuotes(*action.model) + " in scene " + inQuotes(hotspotScene->id));
                break;
            }
            if (action.state && std::none_of(model->states.begin(), model->states.end(),
                                             [&](const ModelState& state) { return state.id == action.state; }))
                error(pointer + "/state", "model " + inQuotes(*action.model) + " has no state " + inQuotes(*action.state));
            break;
        }
        }
    }

    void checkSubtitleFiles(const LocalizedText& files, const std::string& pointer) {
        for (const auto& [language, path] : files) media_.subtitles(path, pointer + "/" + escapePointerToken(language));
    }

    // ---- panels, tour, audio ------------------------------------------------------------------
    void checkPanel(const Panel& panel, const std::string& pointer) {
        if (panel.image) media_.image(*panel.image, pointer + "/image", true);
        if (panel.id.empty()) return;
        const bool opened = std::any_of(experience_.hotspots.begin(), experience_.hotspots.end(), [&](const Hotspot& h) {
            return h.action.type == ActionType::OpenPanel && h.action.panel == panel.id;
        });
        if (!opened) warning(pointer, "panel " + inQuotes(panel.id) + " is not opened by any hotspot");
    }

    void checkTourStop(const TourStop& stop, const std::string& pointer) {
        const Scene* scene = sceneRef(stop.scene, pointer + "/scene");
        if (scene && stop.pose) checkViewFits(*stop.pose, *scene, pointer + "/pose", true);
        if (stop.narration) media_.audio(*stop.narration, pointer + "/narration");
        if (stop.subtitles) checkSubtitleFiles(*stop.subtitles, pointer + "/subtitles");
        if (stop.subtitles && !stop.narration && !stop.durationSeconds)
            error(pointer + "/duration", "missing: subtitles without narration need a 'duration' to run against");
        if (stop.autoAdvance.value_or(false) && !stop.narration && !stop.durationSeconds)
            error(pointer + "/autoAdvance", "autoAdvance needs a 'narration' or a 'duration' to know when the stop ends");
    }

    void checkAudio(const Audio& audio) {
        for (std::size_t i = 0; i < audio.ambience.size(); ++i) {
            const std::string pointer = "/audio/ambience/" + std::to_string(i);
            sceneRef(audio.ambience[i].scene, pointer + "/scene");
            if (!audio.ambience[i].path.empty()) media_.audio(audio.ambience[i].path, pointer + "/path");
        }
        for (std::size_t i = 0; i < audio.sources.size(); ++i) {
            const std::string pointer = "/audio/sources/" + std::to_string(i);
            sceneRef(audio.sources[i].scene, pointer + "/scene");
            if (!audio.sources[i].path.empty()) media_.audio(audio.sources[i].path, pointer + "/path");
        }
    }

    // ---- translations -------------------------------------------------------------------------
    void checkText(const LocalizedText& text, const std::string& pointer) {
        const Languages& languages = experience_.languages;
        for (const std::string& language : languages.available)
            if (!text.count(language)) warning(pointer, "missing the " + inQuotes(language) + " translation");
        if (languages.available.empty()) return;  // reported by the reader
        for (const auto& [language, value] : text)
            if (std::find(languages.available.begin(), languages.available.end(), language) == languages.available.end())
                warning(pointer + "/" + escapePointerToken(language),
                        "language " + inQuotes(language) + " is not one of /languages/available");
    }
    void checkText(const std::optional<LocalizedText>& text, const std::string& pointer) {
        if (text) checkText(*text, pointer);
    }

    void checkTranslations() {
        const Metadata& metadata = experience_.metadata;
        if (!metadata.title.empty()) checkText(metadata.title, "/metadata/title");
        checkText(metadata.description, "/metadata/description");
        for (std::size_t i = 0; i < metadata.credits.size(); ++i)
            if (!metadata.credits[i].role.empty()) checkText(metadata.credits[i].role, "/metadata/credits/" + std::to_string(i) + "/role");
        for (std::size_t i = 0; i < experience_.scenes.size(); ++i)
            checkText(experience_.scenes[i].title, "/scenes/" + std::to_string(i) + "/title");
        for (std::size_t i = 0; i < experience_.hotspots.size(); ++i) {
            const std::string pointer = "/hotspots/" + std::to_string(i);
            checkText(experience_.hotspots[i].label, pointer + "/label");
            checkText(experience_.hotspots[i].action.subtitles, pointer + "/action/subtitles");
        }
        for (std::size_t i = 0; i < experience_.panels.size(); ++i) {
            const std::string pointer = "/panels/" + std::to_string(i);
            if (!experience_.panels[i].title.empty()) checkText(experience_.panels[i].title, pointer + "/title");
            if (!experience_.panels[i].text.empty()) checkText(experience_.panels[i].text, pointer + "/text");
        }
        for (std::size_t i = 0; i < experience_.tour.size(); ++i) {
            const std::string pointer = "/tour/" + std::to_string(i);
            checkText(experience_.tour[i].title, pointer + "/title");
            checkText(experience_.tour[i].subtitles, pointer + "/subtitles");
        }
    }

    // ---- reachability -------------------------------------------------------------------------
    void checkReachability() {
        if (experience_.scenes.empty() || experience_.scenes.front().id.empty()) return;
        const std::string& start = experience_.scenes.front().id;
        std::set<std::string> reached{start};
        bool tourStarted = false;  // once started, the tour leads through all of its stops
        // Hotspots and the tour both open scenes, and a newly opened scene may hold the hotspot
        // or the tour start that opens the next: iterate until nothing changes.
        for (bool changed = true; changed;) {
            changed = false;
            for (const Hotspot& hotspot : experience_.hotspots) {
                if (hotspot.action.type != ActionType::GoToScene || !hotspot.action.scene || !reached.count(hotspot.scene))
                    continue;
                if (scenes_.count(*hotspot.action.scene) && reached.insert(*hotspot.action.scene).second) changed = true;
            }
            if (!tourStarted && !experience_.tour.empty() && reached.count(experience_.tour.front().scene)) {
                tourStarted = true;
                for (const TourStop& stop : experience_.tour)
                    if (scenes_.count(stop.scene) && reached.insert(stop.scene).second) changed = true;
            }
        }
        if (!experience_.tour.empty() && !tourStarted && scenes_.count(experience_.tour.front().scene))
            error("/tour/0/scene", "unreachable: the tour starts in scene " + inQuotes(experience_.tour.front().scene) +
                                       ", which cannot be reached from the first scene " + inQuotes(start) +
                                       " through hotspots, so no tour stop can be reached");
        for (std::size_t i = 1; i < experience_.scenes.size(); ++i) {
            const Scene& scene = experience_.scenes[i];
            if (scene.id.empty() || scenes_.at(scene.id) != i || reached.count(scene.id)) continue;
            error("/scenes/" + std::to_string(i), "unreachable: scene " + inQuotes(scene.id) +
                                                      " cannot be reached from the first scene " + inQuotes(start) +
                                                      " through hotspots or the tour");
        }
    }

    const Experience& experience_;
    std::vector<Diagnostic>& out_;
    MediaChecks media_;
    std::map<std::string, std::size_t> scenes_;  // id -> first index
};

// A missing file or one that is not JSON: nothing to cross-check.
bool isUnreadable(const std::vector<Diagnostic>& diagnostics) {
    return diagnostics.size() == 1 && diagnostics.front().pointer.empty() && diagnostics.front().severity == Severity::Error;
}

} // namespace

std::vector<Diagnostic> checkExperience(const Experience& experience, const ValidateOptions& options) {
    std::vector<Diagnostic> diagnostics;
    Checker(experience, options, diagnostics).run();
    return diagnostics;
}

std::vector<Diagnostic> validateExperience(const std::filesystem::path& path, const ValidateOptions& options) {
    ParsedExperience parsed = readExperience(path);
    if (isUnreadable(parsed.diagnostics)) return parsed.diagnostics;  // missing file, not JSON: nothing to cross-check
    std::vector<Diagnostic> checks = checkExperience(parsed.experience, options);
    parsed.diagnostics.insert(parsed.diagnostics.end(), checks.begin(), checks.end());
    return parsed.diagnostics;
}

Result<Experience> loadExperience(const std::filesystem::path& path, std::vector<Diagnostic>* diagnostics,
                                  const ValidateOptions& options) {
    ParsedExperience parsed = readExperience(path);
    std::vector<Diagnostic> all = std::move(parsed.diagnostics);
    if (!isUnreadable(all)) {
        std::vector<Diagnostic> checks = checkExperience(parsed.experience, options);
        all.insert(all.end(), checks.begin(), checks.end());
    }
    std::string blocking;
    for (const Diagnostic& diagnostic : all) {
        if (diagnostic.severity == Severity::Error && !diagnostic.degradable) {
            blocking += (blocking.empty() ? "" : "\n") + formatDiagnostic(diagnostic);
        } else {
            XRS_LOG_WARN("{}", formatDiagnostic(diagnostic));
        }
    }
    if (diagnostics) *diagnostics = all;
    if (!blocking.empty()) return Error{std::move(blocking)};
    return std::move(parsed.experience);
}

} // namespace xrs::experience
