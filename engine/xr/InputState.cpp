#include "xr/InputState.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace xrs::xr {
namespace {

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

std::optional<Key> keyFromName(std::string_view name) {
    const std::string lower = lowercase(name);
    if (lower.size() == 1 && lower[0] >= 'a' && lower[0] <= 'z')
        return static_cast<Key>(lower[0] - 'a');
    if (lower == "space") return Key::Space;
    if (lower == "shift") return Key::Shift;
    if (lower == "ctrl" || lower == "control") return Key::Control;
    if (lower == "alt") return Key::Alt;
    if (lower == "tab") return Key::Tab;
    if (lower == "escape" || lower == "esc") return Key::Escape;
    if (lower == "f1") return Key::F1;
    if (lower == "f2") return Key::F2;
    return std::nullopt;
}

std::optional<MouseButton> mouseButtonFromName(std::string_view name) {
    const std::string lower = lowercase(name);
    if (lower == "left") return MouseButton::Left;
    if (lower == "right") return MouseButton::Right;
    if (lower == "middle") return MouseButton::Middle;
    return std::nullopt;
}

void InputState::setKey(Key key, bool isDown) {
    const auto index = static_cast<std::size_t>(key);
    if (isDown && !keysDown[index]) keysPressed[index] = true;
    keysDown[index] = isDown;
}

void InputState::setButton(MouseButton button, bool isDown) {
    const auto index = static_cast<std::size_t>(button);
    if (isDown && !buttonsDown[index]) buttonsPressed[index] = true;
    buttonsDown[index] = isDown;
}

void InputState::moveCursorTo(glm::vec2 position) {
    cursorDelta += position - cursor;
    cursor = position;
}

void InputState::startNextFrame() {
    keysPressed.reset();
    buttonsPressed.fill(false);
    cursorDelta = glm::vec2(0.0f);
    scroll = 0.0f;
}

} // namespace xrs::xr
