#pragma once
// Timed input for tests and demos, replayed against the frame counter so a run is the same
// every time (scripted runs also use a fixed time step). One event per line:
//
//     <frame>[-<last>] <event> [arguments]        # '#' starts a comment
//
//     0      mouse_move 320 240      cursor to window pixel (x, y)
//     1-30   mouse_move_by 30 0      relative move, repeated on every frame 1..30
//     0      mouse_down right        left | right | middle (right-drag turns the head)
//     31     mouse_up right
//     40     key_down W              A..Z, space, shift, ctrl, alt, tab, escape, f1, f2
//     70     key_up W
//     80     click left 320 240      move there and press; released on the next frame
//     90     scroll 2                wheel steps (+ narrows the field of view)
//     100    gaze 0.5 0.5            gaze point in the left eye's image (0..1), not the cursor
//     105    gaze ahead              the gaze is the head's forward axis (no eye tracking)
//     110    gaze off                the gaze follows the cursor again
//     120    resize 800 600          window actions: resize W H | minimize | restore
//
// Events of one frame apply in file order. Frames count from 0 (the first frame rendered).
#include "core/Result.h"
#include "xr/InputState.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace xrs::xr {

enum class ScriptAction : std::uint8_t {
    KeyDown, KeyUp, MouseMove, MouseMoveBy, MouseDown, MouseUp, Click, Scroll, Gaze, GazeAhead, GazeOff,
    Resize, Minimize, Restore
};

struct ScriptEvent {
    std::uint64_t firstFrame = 0;
    std::uint64_t lastFrame = 0; // == firstFrame unless a range was given
    ScriptAction action = ScriptAction::KeyDown;
    Key key = Key::A;
    MouseButton button = MouseButton::Left;
    glm::vec2 value{0.0f}; // position, delta, scroll (x), gaze point or window size
    int line = 0;          // for messages
};

// What the window should do this frame (scripts resize and minimise it to test those paths).
struct WindowRequest {
    enum class Kind : std::uint8_t { Resize, Minimize, Restore } kind = Kind::Resize;
    std::uint32_t width = 0, height = 0;
};

class InputScript {
public:
    // `origin` names the text in error messages ("scripts/turn.txt").
    static Result<InputScript> parse(std::string_view text, const std::string& origin);
    static Result<InputScript> load(const std::filesystem::path& path);

    // Applies the events of `frame` to `state` (whose per-frame parts the caller has cleared
    // with startNextFrame) and returns the window requests of that frame.
    std::vector<WindowRequest> apply(std::uint64_t frame, InputState& state);

    const std::vector<ScriptEvent>& events() const { return events_; }
    // The frame after the last scripted event.
    std::uint64_t endFrame() const;

private:
    std::vector<ScriptEvent> events_;
    // Clicks release on the frame after they press.
    std::vector<std::pair<std::uint64_t, MouseButton>> pendingReleases_;
};

} // namespace xrs::xr
