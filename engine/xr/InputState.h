#pragma once
// Desktop input as the frame loop sees it: what is held, what changed since the previous frame,
// and where the cursor is. Filled by WindowDisplay from GLFW events or by InputScript from a
// script (so scripted runs replay exactly), and read by SimulatedHeadset and the overlay.
#include <glm/glm.hpp>

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string_view>

namespace xrs::xr {

enum class Key : std::uint8_t {
    A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z,
    Space, Shift, Control, Alt, Tab, Escape, F1, F2,
    Count
};
inline constexpr std::size_t kKeyCount = static_cast<std::size_t>(Key::Count);

enum class MouseButton : std::uint8_t { Left, Right, Middle, Count };
inline constexpr std::size_t kMouseButtonCount = static_cast<std::size_t>(MouseButton::Count);

// "W", "shift", "f1", ... (case-insensitive); nullopt for unknown names.
std::optional<Key> keyFromName(std::string_view name);
std::optional<MouseButton> mouseButtonFromName(std::string_view name); // left, right, middle

struct InputState {
    std::bitset<kKeyCount> keysDown;
    std::bitset<kKeyCount> keysPressed; // went down since the previous frame (for toggles)
    std::array<bool, kMouseButtonCount> buttonsDown{};
    std::array<bool, kMouseButtonCount> buttonsPressed{};
    glm::vec2 cursor{0.0f};      // window pixels, origin top-left
    glm::vec2 cursorDelta{0.0f}; // movement since the previous frame
    float scroll = 0.0f;         // wheel steps since the previous frame (+ = away from the user)
    // Set by scripts: the gaze point in the left eye's image, (0,0) top-left .. (1,1), instead
    // of the cursor.
    std::optional<glm::vec2> gazeOverride;
    // Set by scripts: the gaze is the head's forward axis, as on a headset without eye tracking.
    bool gazeAhead = false;

    bool down(Key key) const { return keysDown[static_cast<std::size_t>(key)]; }
    bool pressed(Key key) const { return keysPressed[static_cast<std::size_t>(key)]; }
    bool down(MouseButton b) const { return buttonsDown[static_cast<std::size_t>(b)]; }
    bool pressed(MouseButton b) const { return buttonsPressed[static_cast<std::size_t>(b)]; }

    void setKey(Key key, bool isDown);
    void setButton(MouseButton button, bool isDown);
    void moveCursorTo(glm::vec2 position);
    // Clears the per-frame parts (edges, deltas, scroll) once a frame has consumed them.
    void startNextFrame();
};

} // namespace xrs::xr
