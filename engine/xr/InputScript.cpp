#include "xr/InputScript.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace xrs::xr {
namespace {

struct ActionSpec {
    std::string_view name;
    ScriptAction action;
};

constexpr ActionSpec kActions[] = {
    {"key_down", ScriptAction::KeyDown},     {"key_up", ScriptAction::KeyUp},
    {"mouse_move", ScriptAction::MouseMove}, {"mouse_move_by", ScriptAction::MouseMoveBy},
    {"mouse_down", ScriptAction::MouseDown}, {"mouse_up", ScriptAction::MouseUp},
    {"click", ScriptAction::Click},          {"scroll", ScriptAction::Scroll},
    {"gaze", ScriptAction::Gaze},            {"resize", ScriptAction::Resize},
    {"minimize", ScriptAction::Minimize},    {"restore", ScriptAction::Restore},
};

// Parses "<frame>" or "<first>-<last>".
bool parseFrames(const std::string& text, std::uint64_t& first, std::uint64_t& last) {
    const auto dash = text.find('-');
    auto number = [](const std::string& s, std::uint64_t& out) {
        if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
            s.size() > 9)
            return false;
        out = std::stoull(s);
        return true;
    };
    if (dash == std::string::npos) return number(text, first) && number(text, last);
    return number(text.substr(0, dash), first) && number(text.substr(dash + 1), last) && first <= last;
}

// Reads exactly `count` finite numbers and nothing else from `in`.
bool readNumbers(std::istringstream& in, float* out, int count) {
    for (int i = 0; i < count; ++i)
        if (!(in >> out[i]) || !std::isfinite(out[i])) return false;
    std::string rest;
    return !(in >> rest);
}

} // namespace

Result<InputScript> InputScript::parse(std::string_view text, const std::string& origin) {
    InputScript script;
    std::istringstream lines{std::string(text)};
    std::string line;
    int lineNumber = 0;
    while (std::getline(lines, line)) {
        ++lineNumber;
        if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        std::istringstream in(line);
        std::string frames, name;
        if (!(in >> frames)) continue; // blank or comment
        const std::string where = origin + ":" + std::to_string(lineNumber) + ": ";
        ScriptEvent event;
        event.line = lineNumber;
        if (!parseFrames(frames, event.firstFrame, event.lastFrame))
            return fail(where, "'", frames, "' is not a frame number or range like 10-40");
        if (!(in >> name)) return fail(where, "missing event after frame ", frames);
        const auto spec = std::find_if(std::begin(kActions), std::end(kActions),
                                       [&](const ActionSpec& s) { return s.name == name; });
        if (spec == std::end(kActions))
            return fail(where, "unknown event '", name,
                        "' (expected key_down, key_up, mouse_move, mouse_move_by, mouse_down, "
                        "mouse_up, click, scroll, gaze, resize, minimize or restore)");
        event.action = spec->action;

        std::string argument;
        float numbers[2] = {};
        switch (event.action) {
        case ScriptAction::KeyDown:
        case ScriptAction::KeyUp: {
            std::string extra;
            if (!(in >> argument) || (in >> extra)) return fail(where, name, " takes one key name");
            const auto key = keyFromName(argument);
            if (!key) return fail(where, "unknown key '", argument, "'");
            event.key = *key;
            break;
        }
        case ScriptAction::MouseDown:
        case ScriptAction::MouseUp: {
            std::string extra;
            if (!(in >> argument) || (in >> extra))
                return fail(where, name, " takes one button: left, right or middle");
            const auto button = mouseButtonFromName(argument);
            if (!button) return fail(where, "unknown mouse button '", argument, "'");
            event.button = *button;
            break;
        }
        case ScriptAction::Click: {
            if (!(in >> argument)) return fail(where, "click takes a button and x y");
            const auto button = mouseButtonFromName(argument);
            if (!button) return fail(where, "unknown mouse button '", argument, "'");
            event.button = *button;
            if (!readNumbers(in, numbers, 2)) return fail(where, "click takes a button and x y");
            event.value = {numbers[0], numbers[1]};
            break;
        }
        case ScriptAction::MouseMove:
        case ScriptAction::MouseMoveBy:
            if (!readNumbers(in, numbers, 2)) return fail(where, name, " takes two numbers: x y");
            event.value = {numbers[0], numbers[1]};
            break;
        case ScriptAction::Scroll:
            if (!readNumbers(in, numbers, 1)) return fail(where, "scroll takes one number of steps");
            event.value = {numbers[0], 0.0f};
            break;
        case ScriptAction::Gaze: {
            const std::streampos start = in.tellg();
            std::string word;
            if (in >> word && (word == "off" || word == "ahead")) {
                std::string extra;
                if (in >> extra) return fail(where, "gaze ", word, " takes no arguments");
                event.action = word == "off" ? ScriptAction::GazeOff : ScriptAction::GazeAhead;
                break;
            }
            in.clear();
            in.seekg(start);
            if (!readNumbers(in, numbers, 2) || numbers[0] < 0.0f || numbers[0] > 1.0f ||
                numbers[1] < 0.0f || numbers[1] > 1.0f)
                return fail(where, "gaze takes u v in 0..1 (the point in the left eye's image), 'ahead' or 'off'");
            event.value = {numbers[0], numbers[1]};
            break;
        }
        case ScriptAction::Resize:
            if (!readNumbers(in, numbers, 2) || numbers[0] < 1.0f || numbers[1] < 1.0f ||
                numbers[0] > 16384.0f || numbers[1] > 16384.0f ||
                numbers[0] != std::floor(numbers[0]) || numbers[1] != std::floor(numbers[1]))
                return fail(where, "resize takes a width and height in whole pixels (1..16384)");
            event.value = {numbers[0], numbers[1]};
            break;
        case ScriptAction::Minimize:
        case ScriptAction::Restore:
        case ScriptAction::GazeAhead:
        case ScriptAction::GazeOff: {
            std::string extra;
            if (in >> extra) return fail(where, name, " takes no arguments");
            break;
        }
        }
        script.events_.push_back(event);
    }
    return script;
}

Result<InputScript> InputScript::load(const std::filesystem::path& path) {
    std::ifstream file(path);
    if (!file) return fail(path.string(), ": cannot open the input script");
    std::stringstream text;
    text << file.rdbuf();
    return parse(text.str(), path.string());
}

std::vector<WindowRequest> InputScript::apply(std::uint64_t frame, InputState& state) {
    std::vector<WindowRequest> requests;
    for (auto it = pendingReleases_.begin(); it != pendingReleases_.end();) {
        if (it->first <= frame) {
            state.setButton(it->second, false);
            it = pendingReleases_.erase(it);
        } else {
            ++it;
        }
    }
    for (const ScriptEvent& event : events_) {
        if (frame < event.firstFrame || frame > event.lastFrame) continue;
        switch (event.action) {
        case ScriptAction::KeyDown: state.setKey(event.key, true); break;
        case ScriptAction::KeyUp: state.setKey(event.key, false); break;
        case ScriptAction::MouseMove: state.moveCursorTo(event.value); break;
        case ScriptAction::MouseMoveBy: state.moveCursorTo(state.cursor + event.value); break;
        case ScriptAction::MouseDown: state.setButton(event.button, true); break;
        case ScriptAction::MouseUp: state.setButton(event.button, false); break;
        case ScriptAction::Click:
            state.moveCursorTo(event.value);
            state.setButton(event.button, true);
            pendingReleases_.emplace_back(frame + 1, event.button);
            break;
        case ScriptAction::Scroll: state.scroll += event.value.x; break;
        case ScriptAction::Gaze:
            state.gazeOverride = event.value;
            state.gazeAhead = false;
            break;
        case ScriptAction::GazeAhead:
            state.gazeOverride.reset();
            state.gazeAhead = true;
            break;
        case ScriptAction::GazeOff:
            state.gazeOverride.reset();
            state.gazeAhead = false;
            break;
        case ScriptAction::Resize:
            requests.push_back({WindowRequest::Kind::Resize, static_cast<std::uint32_t>(event.value.x),
                                static_cast<std::uint32_t>(event.value.y)});
            break;
        case ScriptAction::Minimize: requests.push_back({WindowRequest::Kind::Minimize}); break;
        case ScriptAction::Restore: requests.push_back({WindowRequest::Kind::Restore}); break;
        }
    }
    return requests;
}

std::uint64_t InputScript::endFrame() const {
    std::uint64_t end = 0;
    for (const ScriptEvent& event : events_) end = std::max(end, event.lastFrame + 1);
    return end;
}

} // namespace xrs::xr
