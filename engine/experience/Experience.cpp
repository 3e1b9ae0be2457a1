#include "experience/Experience.h"

namespace xrs::experience {

std::string_view sceneKindName(SceneKind kind) {
    return kind == SceneKind::Video360 ? "video360" : "model";
}

std::string_view actionTypeName(ActionType type) {
    switch (type) {
    case ActionType::OpenPanel: return "openPanel";
    case ActionType::GoToScene: return "goToScene";
    case ActionType::PlayNarration: return "playNarration";
    case ActionType::ToggleModelState: return "toggleModelState";
    }
    return "openPanel";
}

const Scene* findScene(const Experience& experience, std::string_view id) {
    for (const Scene& scene : experience.scenes)
        if (scene.id == id) return &scene;
    return nullptr;
}

const Panel* findPanel(const Experience& experience, std::string_view id) {
    for (const Panel& panel : experience.panels)
        if (panel.id == id) return &panel;
    return nullptr;
}

std::string localized(const LocalizedText& text, std::string_view language, std::string_view defaultLanguage) {
    if (auto found = text.find(std::string(language)); found != text.end()) return found->second;
    if (auto found = text.find(std::string(defaultLanguage)); found != text.end()) return found->second;
    return text.empty() ? std::string() : text.begin()->second;
}

} // namespace xrs::experience
