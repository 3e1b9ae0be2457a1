#include "xr/InputScript.h"

#include <catch2/catch.hpp>

using namespace xrs::xr;

namespace {

InputScript parseOk(const std::string& text) {
    auto script = InputScript::parse(text, "test.txt");
    INFO((script ? std::string() : script.error().message));
    REQUIRE(script.ok());
    return std::move(script).value();
}

std::string parseError(const std::string& text) {
    auto script = InputScript::parse(text, "test.txt");
    REQUIRE_FALSE(script.ok());
    return script.error().message;
}

} // namespace

TEST_CASE("scripts replay keys, mouse, scroll and gaze against the frame counter", "[window][script]") {
    InputScript script = parseOk(R"(
        # comment line
        0     mouse_move 100 50     # trailing comment
        1-3   mouse_move_by 10 -5
        2     key_down W
        2     mouse_down right
        4     key_up w
        5     click left 7 8
        6     scroll -2
        7     gaze 0.25 0.75
        8     gaze off
        9     gaze ahead
        10    gaze 0.5 0.5
    )");
    CHECK(script.events().size() == 11);
    CHECK(script.endFrame() == 11);

    InputState state;
    auto step = [&](std::uint64_t frame) {
        state.startNextFrame();
        return script.apply(frame, state);
    };
    step(0);
    CHECK(state.cursor == glm::vec2(100.0f, 50.0f));
    step(1);
    CHECK(state.cursor == glm::vec2(110.0f, 45.0f));
    CHECK(state.cursorDelta == glm::vec2(10.0f, -5.0f));
    step(2);
    CHECK(state.down(Key::W));
    CHECK(state.pressed(Key::W));
    CHECK(state.down(MouseButton::Right));
    step(3);
    CHECK(state.cursor == glm::vec2(130.0f, 35.0f));
    CHECK_FALSE(state.pressed(Key::W)); // an edge lasts one frame
    CHECK(state.down(Key::W));
    step(4);
    CHECK_FALSE(state.down(Key::W));
    step(5);
    CHECK(state.cursor == glm::vec2(7.0f, 8.0f));
    CHECK(state.pressed(MouseButton::Left));
    step(6);
    CHECK_FALSE(state.down(MouseButton::Left)); // clicks release on the next frame
    CHECK(state.scroll == -2.0f);
    step(7);
    REQUIRE(state.gazeOverride);
    CHECK(*state.gazeOverride == glm::vec2(0.25f, 0.75f));
    CHECK(state.scroll == 0.0f);
    step(8);
    CHECK_FALSE(state.gazeOverride);
    CHECK_FALSE(state.gazeAhead);
    step(9);
    CHECK_FALSE(state.gazeOverride);
    CHECK(state.gazeAhead);
    step(10);
    CHECK(state.gazeOverride == std::optional<glm::vec2>(glm::vec2(0.5f, 0.5f)));
    CHECK_FALSE(state.gazeAhead);
}

TEST_CASE("scripts carry window requests for resize, minimise and restore", "[window][script]") {
    InputScript script = parseOk("3 resize 800 600\n3 minimize\n4 restore\n");
    InputState state;
    CHECK(script.apply(2, state).empty());
    const auto requests = script.apply(3, state);
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].kind == WindowRequest::Kind::Resize);
    CHECK(requests[0].width == 800);
    CHECK(requests[0].height == 600);
    CHECK(requests[1].kind == WindowRequest::Kind::Minimize);
    const auto restore = script.apply(4, state);
    REQUIRE(restore.size() == 1);
    CHECK(restore[0].kind == WindowRequest::Kind::Restore);
}

TEST_CASE("bad scripts fail with the file, the line and the cause", "[window][script]") {
    CHECK(parseError("0 key_down W\nx key_up W\n") ==
          "test.txt:2: 'x' is not a frame number or range like 10-40");
    CHECK(parseError("5-2 key_up W") == "test.txt:1: '5-2' is not a frame number or range like 10-40");
    CHECK(parseError("1 jump") ==
          "test.txt:1: unknown event 'jump' (expected key_down, key_up, mouse_move, mouse_move_by, "
          "mouse_down, mouse_up, click, scroll, gaze, resize, minimize or restore)");
    CHECK(parseError("1 key_down ctrl-alt") == "test.txt:1: unknown key 'ctrl-alt'");
    CHECK(parseError("1 key_down") == "test.txt:1: key_down takes one key name");
    CHECK(parseError("1 mouse_down thumb") == "test.txt:1: unknown mouse button 'thumb'");
    CHECK(parseError("1 mouse_move 10") == "test.txt:1: mouse_move takes two numbers: x y");
    CHECK(parseError("1 mouse_move 10 20 30") == "test.txt:1: mouse_move takes two numbers: x y");
    CHECK(parseError("1 gaze 1.5 0") ==
          "test.txt:1: gaze takes u v in 0..1 (the point in the left eye's image), 'ahead' or 'off'");
    CHECK(parseError("1 gaze ahead now") == "test.txt:1: gaze ahead takes no arguments");
    CHECK(parseError("1 resize 0 600") ==
          "test.txt:1: resize takes a width and height in whole pixels (1..16384)");
    CHECK(parseError("1 minimize now") == "test.txt:1: minimize takes no arguments");
    CHECK(parseError("7") == "test.txt:1: missing event after frame 7");
}

TEST_CASE("loading a missing script names the file", "[window][script]") {
    auto script = InputScript::load("/nonexistent/turn.txt");
    REQUIRE_FALSE(script.ok());
    CHECK(script.error().message == "/nonexistent/turn.txt: cannot open the input script");
}

TEST_CASE("key and button names", "[window][script]") {
    CHECK(keyFromName("w") == Key::W);
    CHECK(keyFromName("SHIFT") == Key::Shift);
    CHECK(keyFromName("esc") == Key::Escape);
    CHECK_FALSE(keyFromName("ww"));
    CHECK(mouseButtonFromName("Middle") == MouseButton::Middle);
}
