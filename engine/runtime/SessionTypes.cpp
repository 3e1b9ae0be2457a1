#include "runtime/SessionTypes.h"

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
