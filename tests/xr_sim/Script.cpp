#include "Script.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace xrs::xrsim {
namespace {

using nlohmann::json;

const std::map<std::string, ScriptedEvent> kEventNames{
    {"focus_lost", ScriptedEvent::FocusLost},       {"focus_regained", ScriptedEvent::FocusRegained},
    {"hidden", ScriptedEvent::Hidden},              {"visible", ScriptedEvent::Visible},
    {"stopping", ScriptedEvent::Stopping},          {"exit", ScriptedEvent::Exit},
    {"loss_pending", ScriptedEvent::LossPending},   {"instance_loss", ScriptedEvent::InstanceLoss},
    {"headset_off", ScriptedEvent::HeadsetOff},     {"headset_on", ScriptedEvent::HeadsetOn},
};

TrackedPose parsePose(const json& j) {
    TrackedPose result;
    if (j.contains("position")) {
        const auto p = j.at("position").get<std::vector<float>>();
        if (p.size() != 3) throw std::runtime_error("position needs 3 numbers");
        result.pose.position = {p[0], p[1], p[2]};
    }
    if (j.contains("orientation")) {
        const auto q = j.at("orientation").get<std::vector<float>>();
        if (q.size() != 4) throw std::runtime_error("orientation needs 4 numbers (x, y, z, w)");
        result.pose.orientation = glm::normalize(glm::quat(q[3], q[0], q[1], q[2]));
    }
    result.tracked = j.value("tracked", true);
    return result;
}

Script parse(const json& j) {
    Script script;
    script.framePeriodNs = j.value("frame_period_ns", script.framePeriodNs);
    if (script.framePeriodNs <= 0) throw std::runtime_error("frame_period_ns must be positive");
    if (j.contains("view_resolution")) {
        const auto r = j.at("view_resolution").get<std::vector<std::uint32_t>>();
        if (r.size() != 2 || r[0] == 0 || r[1] == 0 || r[0] > 4096 || r[1] > 4096)
            throw std::runtime_error("view_resolution must be [width, height] within 1..4096");
        script.viewWidth = r[0];
        script.viewHeight = r[1];
    }
    script.controllerProfile = j.value("controller_profile", script.controllerProfile);
    script.eyeTracking = j.value("eye_tracking", script.eyeTracking);
    script.headsetConnected = j.value("headset_connected", script.headsetConnected);
    script.quadViews = j.value("quad_views", script.quadViews);
    script.arraySwapchains = j.value("array_swapchains", script.arraySwapchains);
    script.blendModes = j.value("blend_modes", script.blendModes);
    for (const auto& mode : script.blendModes)
        if (mode != "opaque" && mode != "additive" && mode != "alpha_blend")
            throw std::runtime_error("unknown blend mode '" + mode + "'");
    script.captureFrames = j.value("capture_frames", script.captureFrames);
    for (const json& k : j.value("keyframes", json::array())) {
        ScriptKeyframe key;
        key.frame = k.at("frame").get<std::int64_t>();
        if (k.contains("head")) key.head = parsePose(k.at("head"));
        if (k.contains("gaze")) key.gaze = parsePose(k.at("gaze"));
        if (k.contains("left_hand")) key.leftHand = parsePose(k.at("left_hand"));
        if (k.contains("right_hand")) key.rightHand = parsePose(k.at("right_hand"));
        key.inputs = k.value("inputs", key.inputs);
        script.keyframes.push_back(std::move(key));
    }
    std::stable_sort(script.keyframes.begin(), script.keyframes.end(),
                     [](const auto& a, const auto& b) { return a.frame < b.frame; });
    for (const json& e : j.value("events", json::array())) {
        const std::string name = e.at("event").get<std::string>();
        auto it = kEventNames.find(name);
        if (it == kEventNames.end()) throw std::runtime_error("unknown event '" + name + "'");
        script.events.emplace(e.at("frame").get<std::int64_t>(), it->second);
    }
    return script;
}

} // namespace

DeviceState Script::stateAt(std::int64_t frame) const {
    DeviceState state;
    state.gaze.tracked = eyeTracking;
    for (const ScriptKeyframe& key : keyframes) {
        if (key.frame > frame) break;
        if (key.head) state.head = *key.head;
        if (key.gaze) state.gaze = *key.gaze;
        if (key.leftHand) state.leftHand = *key.leftHand;
        if (key.rightHand) state.rightHand = *key.rightHand;
        for (const auto& [path, value] : key.inputs) state.inputs[path] = value;
    }
    if (!eyeTracking) state.gaze.tracked = false;
    return state;
}

bool Script::captures(std::int64_t frame) const {
    return std::find(captureFrames.begin(), captureFrames.end(), frame) != captureFrames.end();
}

Result<Script> loadScript(const std::filesystem::path& path) {
    std::ifstream file(path);
    if (!file) return Error{path.string() + ": cannot open the simulator script"};
    try {
        return parse(json::parse(file));
    } catch (const std::exception& e) {
        return Error{path.string() + ": " + e.what()};
    }
}

Result<Script> loadScriptFromEnvironment() {
    const char* path = std::getenv("XRS_XR_SIM_SCRIPT");
    if (path == nullptr || *path == '\0') return Script{};
    return loadScript(path);
}

} // namespace xrs::xrsim
