#include "runtime/SessionTypes.h"

#include <utility>

namespace xrs::runtime {

std::string_view eventTypeName(SessionEventType type) {
    switch (type) {
    case SessionEventType::SceneChanged: return "sceneChanged";
    case SessionEventType::Teleported: return "teleported";
    case SessionEventType::HotspotActivated: return "hotspotActivated";
    case SessionEventType::PanelOpened: return "panelOpened";
    case SessionEventType::PanelClosed: return "panelClosed";
    case SessionEventType::NarrationStarted: return "narrationStarted";
    case SessionEventType::NarrationEnded: return "narrationEnded";
    case SessionEventType::NarrationPaused: return "narrationPaused";
    case SessionEventType::NarrationResumed: return "narrationResumed";
    case SessionEventType::TourStopChanged: return "tourStopChanged";
    case SessionEventType::TourFinished: return "tourFinished";
    case SessionEventType::ModelStateChanged: return "modelStateChanged";
    case SessionEventType::LanguageChanged: return "languageChanged";
    case SessionEventType::HeightCalibrated: return "heightCalibrated";
    }
    return "unknown";
}

std::string describe(const SessionEvent& event) {
    std::string line(eventTypeName(event.type));
    if (event.index) line += " #" + std::to_string(*event.index);
    if (!event.id.empty()) line += " '" + event.id + "'";
    if (!event.detail.empty()) line += " (" + event.detail + ")";
    return line;
}

} // namespace xrs::runtime

namespace xrs::runtime {

std::string languageName(std::string_view code) {
    // Endonyms: a visitor looking for their language recognises its own name. Scripts the
    // panel painter draws (Latin, Han, kana, Hangul, Cyrillic) only.
    static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
        {"zh", "中文"},      {"zh-Hans", "简体中文"}, {"zh-Hant", "繁體中文"}, {"en", "English"},
        {"ja", "日本語"},    {"ko", "한국어"},        {"fr", "Français"},       {"de", "Deutsch"},
        {"es", "Español"},   {"it", "Italiano"},      {"pt", "Português"},      {"ru", "Русский"},
    };
    for (const auto& [known, name] : kNames)
        if (known == code) return std::string(name);
    return std::string(code);
}

} // namespace xrs::runtime
