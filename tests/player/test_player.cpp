// ExperiencePlayer end to end, headless on lavapipe with the validation layer: a visitor with no
// controller (gaze dwell only, fixed 60 Hz steps) opens a panel, walks a tour to its end across
// two scenes, watches a 360° video scene; a broken model degrades to the default sky.
#include "GpuTest.h"
#include "ImageCompare.h"
#include "ScratchDirectory.h"
#include "VideoFixture.h"

#include "core/Paths.h"
#include "experience/ExperienceValidator.h"
#include "gpu/FrameRing.h"
#include "player/ExperiencePlayer.h"
#include "video/TileScheduler.h"
#include "xr/HeadlessDisplay.h"

#include <catch2/catch.hpp>

#include <glm/gtc/constants.hpp>

#include <fstream>

using namespace xrs;

namespace {

constexpr double kStep = 1.0 / 60.0;
constexpr float kEyeHeight = 1.6f;

const std::filesystem::path kBoxModel = "/usr/share/assimp/models/glTF2/BoxTextured-glTF-Binary/BoxTextured.glb";

// An experience folder in a scratch directory: experience.json plus models/box.glb.
std::filesystem::path writeExperience(const test::ScratchDirectory& scratch, const std::string& json) {
    const std::filesystem::path folder = scratch.path() / "experience";
    std::filesystem::create_directories(folder / "models");
    std::filesystem::copy_file(kBoxModel, folder / "models/box.glb", std::filesystem::copy_options::overwrite_existing);
    std::ofstream(folder / "experience.json") << json;
    return folder;
}

std::string header(const std::string& scenes) {
    return R"({"format": "xrshow-experience", "version": 1,
  "metadata": {"title": {"zh": "测试", "en": "Test"}},
  "languages": {"default": "zh", "available": ["zh", "en"]},
  "scenes": [)" + scenes + "]";
}

// One 360° video scene showing the generated grid video package, straight ahead at yaw 0;
// `sceneMembers` adds members to the scene (",\n\"route\": ...").
std::filesystem::path writeVideoExperience(const test::ScratchDirectory& scratch, const std::string& sceneMembers = "") {
    const auto folder = writeExperience(scratch, header(R"({"id": "pano", "kind": "video360",
        "title": {"zh": "全景", "en": "Panorama"}, "video": "video/grid", "initialYaw": 0)" + sceneMembers + "}") + "}");
    std::filesystem::create_directories(folder / "video");
    std::filesystem::copy(test::monoVideoPackage(), folder / "video/grid", std::filesystem::copy_options::recursive);
    return folder;
}

// A room with the box 3 m ahead, lit warm from the upper left.
const char* kRoomScene = R"({"id": "room", "kind": "model",
   "title": {"zh": "房间", "en": "Room"},
   "models": [{"path": "models/box.glb", "position": [0, 0.5, -3]}],
   "spawn": {"position": [0, 0, 0], "yaw": 0},
   "teleportAreas": [{"min": [-5, 0, -5], "max": [5, 2, 5]}],
   "lighting": {"sun": {"direction": [0.4, -1, -0.5], "color": [1, 0.9, 0.8], "intensity": 3},
                "sky": {"zenith": [0.1, 0.2, 0.5], "horizon": [0.6, 0.55, 0.5]}, "exposure": 1.0}})";

// The visitor's head, standing at the tracking origin looking down -Z.
render::StereoViews trackingViews(VkExtent2D eye) {
    Pose head;
    head.position = {0.0f, kEyeHeight, 0.0f};
    const Fov fov = symmetricFov(glm::radians(90.0f), static_cast<float>(eye.width) / static_cast<float>(eye.height));
    render::StereoViews views;
    views.eyes = stereoEyes(head, 0.063f, fov, fov);
    return views;
}

// A player with a headless display; step() runs one frame of a visitor who only looks ahead.
class PlayerHarness {
public:
    PlayerHarness(gpu::Context& context, const std::filesystem::path& folder, VkExtent2D eye = {160, 90},
                  render::DebugView debugView = render::DebugView::None)
        : context_(context), eye_(eye) {
        auto loaded = experience::loadExperience(folder);
        INFO((loaded.ok() ? std::string() : loaded.error().message));
        REQUIRE(loaded.ok());
        render::RendererSettings settings;
        settings.samples = VK_SAMPLE_COUNT_1_BIT;
        settings.debugView = debugView;
        auto renderer = render::SceneRenderer::create(context, settings);
        REQUIRE(renderer.ok());
        renderer_ = std::move(*renderer);
        player::PlayerOptions options;
        options.audio.silent = true;
        options.stage.fixedStep = true;
        options.session.gazeDwell = runtime::GazeDwellMode::Always;
        auto created = player::ExperiencePlayer::create(context, *renderer_, std::move(*loaded), options);
        INFO((created.ok() ? std::string() : created.error().message));
        REQUIRE(created.ok());
        player_ = std::move(*created);
        auto display = xr::HeadlessDisplay::create(context, eye);
        REQUIRE(display.ok());
        display_ = std::make_unique<xr::HeadlessDisplay>(std::move(*display));
        frames_ = std::make_unique<gpu::FrameRing>(context);
    }
    ~PlayerHarness() {
        frames_->drain();
        player_.reset();
    }

    player::ExperiencePlayer& player() { return *player_; }
    render::SceneRenderer& renderer() { return *renderer_; }

    // One frame; the events of this frame are appended to `events`.
    void step(bool capture = false) {
        const render::StereoViews views = trackingViews(eye_);
        runtime::VisitorInput input;
        input.head = player::headOf(views);
        input.mouse = mouse;
        player_->update(input, kStep);
        for (const auto& event : player_->frame().events) events.push_back(event);
        gpu::FrameContext& frame = frames_->begin();
        if (capture) display_->requestScreenshot();
        const xr::DisplayFrame shown = display_->beginFrame(frame, *frames_, {views, std::nullopt});
        player_->record(frame, *frames_, shown.tracking.views, std::nullopt, shown.output,
                        video::displayPixelsPerRadian(static_cast<int>(eye_.width), views.eyes[0].fov), kStep);
        display_->endFrame(frame, *frames_);
        if (capture) {
            auto image = display_->collectScreenshot(*frames_);
            REQUIRE(image.has_value());
            screenshot = std::move(*image);
        }
    }

    std::vector<runtime::SessionEvent> events;
    ImageRGBA8 screenshot;
    std::optional<runtime::Pointer> mouse; // tracking space, from the head

private:
    gpu::Context& context_;
    VkExtent2D eye_;
    std::unique_ptr<render::SceneRenderer> renderer_;
    std::unique_ptr<player::ExperiencePlayer> player_;
    std::unique_ptr<xr::HeadlessDisplay> display_;
    std::unique_ptr<gpu::FrameRing> frames_;
};

bool hasEvent(const std::vector<runtime::SessionEvent>& events, runtime::SessionEventType type, const std::string& id) {
    return std::any_of(events.begin(), events.end(), [&](const auto& e) { return e.type == type && e.id == id; });
}

// Mean of the RGB bytes in a centred box of the left eye covering `fraction` of its size.
double meanCentre(const ImageRGBA8& image, int eyeWidth, double fraction) {
    const int w = static_cast<int>(eyeWidth * fraction), h = static_cast<int>(image.height * fraction);
    const int x0 = (eyeWidth - w) / 2, y0 = (image.height - h) / 2;
    double sum = 0.0;
    for (int y = y0; y < y0 + h; ++y)
        for (int x = x0; x < x0 + w; ++x)
            for (int c = 0; c < 3; ++c) sum += image.pixels[static_cast<std::size_t>((y * image.width + x) * 4 + c)];
    return sum / (3.0 * w * h);
}

} // namespace

TEST_CASE("player: gaze dwell on a hotspot opens its panel in front of the visitor", "[player][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-panel");
    const auto folder = writeExperience(scratch, header(kRoomScene) + R"(,
  "hotspots": [{"id": "box-info", "scene": "room", "position": [0, 1.6, -2.4], "icon": "info",
                "label": {"zh": "盒子", "en": "Box"},
                "action": {"type": "openPanel", "panel": "box"}}],
  "panels": [{"id": "box", "title": {"zh": "木盒", "en": "Wooden box"},
              "text": {"zh": "一只**贴着标志**的盒子。", "en": "A box **with a logo**."}, "width": 0.8}]
})");
    {
        PlayerHarness harness(context, folder, {320, 180});
        // The fade in (0.25 s) and 1 s of dwell: the panel opens at 1 s of gaze on the hotspot.
        int openedAt = -1;
        for (int frame = 0; frame < 120 && openedAt < 0; ++frame) {
            harness.step();
            if (hasEvent(harness.events, runtime::SessionEventType::PanelOpened, "box")) openedAt = frame;
        }
        REQUIRE(openedAt > 0);
        CHECK(hasEvent(harness.events, runtime::SessionEventType::HotspotActivated, "box-info"));
        CHECK(harness.events.front().type == runtime::SessionEventType::SceneChanged);
        // The dwell started after the arrival's fade: 60 frames of gaze, give or take the fade.
        CHECK(openedAt >= 60);
        CHECK(openedAt <= 60 + 40);
        REQUIRE(harness.player().frame().panel.has_value());
        for (int frame = 0; frame < 3; ++frame) harness.step();
        harness.step(true);
        CHECK(harness.player().stage().problems().empty());
        const auto result = test::checkGolden(harness.screenshot, "player_panel_open");
        INFO(result.summary);
        CHECK(result.pass);
    }
    test::requireValidationClean(context);
}

TEST_CASE("player: a toggled model dissolves into its other state, every pixel one or the other", "[player]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-dissolve");
    const auto folder = writeExperience(scratch, header(R"({"id": "room", "kind": "model",
   "title": {"zh": "房间", "en": "Room"},
   "models": [{"id": "piece", "path": "models/box.glb", "position": [0, 1.1, -3],
               "states": [{"id": "other", "path": "models/spheres.gltf"}]}],
   "spawn": {"position": [0, 0, 0], "yaw": 0}})") + R"(,
  "hotspots": [{"id": "toggle", "scene": "room", "position": [0, 1.6, -2.4], "icon": "toggle",
                "label": {"zh": "切换", "en": "Toggle"},
                "action": {"type": "toggleModelState", "model": "piece", "state": "other"}}]
})");
    std::filesystem::copy_file(sourceDirectory() / "tests/data/scenes/pbr_spheres.gltf", folder / "models/spheres.gltf");
    {
        PlayerHarness harness(context, folder, {320, 180});
        // Arrival fade, then 1 s of gaze on the toggle: the crossfade (1.5 s) starts.
        int toggledAt = -1;
        for (int frame = 0; frame < 120 && toggledAt < 0; ++frame) {
            harness.step(frame == 20);
            if (hasEvent(harness.events, runtime::SessionEventType::ModelStateChanged, "piece")) toggledAt = frame;
        }
        REQUIRE(toggledAt > 0);
        const ImageRGBA8 before = harness.screenshot;
        CHECK(harness.player().stage().problems().empty());
        // Halfway: 45 frames of the 90.
        for (int frame = 0; frame < 44; ++frame) harness.step();
        harness.step(true);
        const ImageRGBA8 halfway = harness.screenshot;
        CHECK(harness.player().frame().models[0].blend == Approx(0.5f).margin(0.02f));
        for (int frame = 0; frame < 60; ++frame) harness.step();
        harness.step(true);
        const ImageRGBA8 after = harness.screenshot;
        CHECK(harness.player().frame().models[0].blendFromPath.empty());

        // Where the two states differ, the halfway frame shows one of them at each pixel: about
        // half each (the dither pattern), hardly ever neither (measured: 49.8% and 50.0% of
        // 25840 differing pixels, looked at: the sphere grid stippled over the box).
        const auto close = [](std::span<const std::uint8_t, 4> a, std::span<const std::uint8_t, 4> b) {
            for (int c = 0; c < 3; ++c)
                if (std::abs(int(a[c]) - int(b[c])) > 6) return false;
            return true;
        };
        int differing = 0, showBefore = 0, showAfter = 0;
        for (int y = 0; y < before.height; ++y)
            for (int x = 0; x < 320; ++x) { // left eye
                int distance = 0;
                for (int c = 0; c < 3; ++c) distance += std::abs(int(before.at(x, y)[c]) - int(after.at(x, y)[c]));
                if (distance < 60) continue;
                ++differing;
                showBefore += close(halfway.at(x, y), before.at(x, y)) ? 1 : 0;
                showAfter += close(halfway.at(x, y), after.at(x, y)) ? 1 : 0;
            }
        INFO("differing " << differing << ", as before " << showBefore << ", as after " << showAfter);
        REQUIRE(differing > 1000);
        CHECK(showBefore > 0.35 * differing);
        CHECK(showAfter > 0.35 * differing);
        CHECK(showBefore + showAfter > 0.9 * differing);
    }
    test::requireValidationClean(context);
}

TEST_CASE("player: a toggle held and slid shows its track with the thumb under the pointer", "[player][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-slide");
    const auto folder = writeExperience(scratch, header(R"({"id": "room", "kind": "model",
   "title": {"zh": "房间", "en": "Room"},
   "models": [{"id": "piece", "path": "models/box.glb", "position": [0, 1.1, -3],
               "states": [{"id": "other", "path": "models/box.glb", "scale": 0.5}]}],
   "spawn": {"position": [0, 0, 0], "yaw": 0}})") + R"(,
  "hotspots": [{"id": "toggle", "scene": "room", "position": [0, 1.6, -2.4], "icon": "toggle",
                "label": {"zh": "切换", "en": "Toggle"},
                "action": {"type": "toggleModelState", "model": "piece", "state": "other"}}]
})");
    {
        constexpr int kEyeWidth = 480;
        PlayerHarness harness(context, folder, {kEyeWidth, 270});
        for (int frame = 0; frame < 40; ++frame) harness.step(); // the arrival fade clears
        // The mouse, from the head straight at the hotspot: pressed, then held while the pointer
        // turns 15° right over 0.25 s: half the default 30° slide.
        const glm::vec3 head{0.0f, kEyeHeight, 0.0f};
        harness.mouse = runtime::Pointer{{head, {0.0f, 0.0f, -1.0f}}, true, true};
        harness.step();
        harness.mouse->selectPressed = false;
        for (int frame = 1; frame <= 15; ++frame) {
            const float degrees = 15.0f * static_cast<float>(frame) / 15.0f;
            harness.mouse->ray.direction = glm::angleAxis(glm::radians(-degrees), glm::vec3(0, 1, 0)) * glm::vec3(0, 0, -1);
            harness.step(frame == 15);
        }
        const auto& toggle = harness.player().frame().hotspots.front();
        REQUIRE(toggle.slide.has_value());
        REQUIRE(toggle.stateFraction.has_value());
        CHECK(*toggle.stateFraction == Approx(0.5f).margin(1e-3));
        CHECK(harness.player().frame().models[0].blend == Approx(0.5f).margin(1e-3));

        // The thumb's white core: where the pointer points, 15° right of the hotspot seen from
        // between the eyes, projected into the left eye (90° across): x = c + c * tan.
        const ImageRGBA8& shot = harness.screenshot;
        const float halfWidth = kEyeWidth / 2.0f;
        const double expectedX = halfWidth + halfWidth * (2.4f * std::tan(glm::radians(15.0f)) + 0.0315f) / 2.4f;
        double sumX = 0.0, sumY = 0.0;
        int white = 0;
        for (int y = 0; y < shot.height; ++y)
            for (int x = static_cast<int>(halfWidth) + 20; x < kEyeWidth; ++x) { // right of the icon
                const auto p = shot.at(x, y);
                if (p[0] > 235 && p[1] > 235 && p[2] > 235) {
                    sumX += x;
                    sumY += y;
                    ++white;
                }
            }
        INFO("white pixels " << white << ", centroid " << sumX / std::max(white, 1) << ", " << sumY / std::max(white, 1)
                             << ", expected x " << expectedX);
        REQUIRE(white > 20);
        CHECK(std::abs(sumX / white - expectedX) < 2.0);
        CHECK(sumY / white > shot.height / 2.0); // below the icon, which sits on the horizon
        const auto golden = test::checkGolden(shot, "player_slide_track");
        INFO(golden.summary);
        CHECK(golden.pass);

        // Released: the model stays half restored and the track goes.
        harness.mouse->selectHeld = false;
        harness.step(true);
        CHECK_FALSE(harness.player().frame().hotspots.front().slide.has_value());
        CHECK(harness.player().frame().models[0].blend == Approx(0.5f).margin(1e-3));
    }
    test::requireValidationClean(context);
}

TEST_CASE("player: a gaze-only visitor follows the tour across scenes to its end", "[player]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-tour");
    const std::string hall = std::string(kRoomScene);
    std::string annex = hall;
    annex.replace(annex.find("\"room\""), 6, "\"annex\"");
    const auto folder = writeExperience(scratch, header(hall + ",\n" + annex) + R"(,
  "tour": [
    {"id": "a", "scene": "room", "pose": {"position": [0, 0, 0], "yaw": 0}, "duration": 0.5, "autoAdvance": true},
    {"id": "b", "scene": "annex", "pose": {"position": [2, 0, 1], "yaw": 90}, "duration": 0.5, "autoAdvance": true},
    {"id": "c", "scene": "room", "pose": {"position": [-1, 0, -1], "yaw": -45}, "duration": 0.3, "autoAdvance": true}
  ]
})");
    {
        PlayerHarness harness(context, folder, {64, 36});
        std::vector<std::size_t> stops;
        bool finished = false;
        for (int frame = 0; frame < 600 && !finished; ++frame) {
            harness.step();
            for (const auto& event : harness.player().frame().events) {
                if (event.type == runtime::SessionEventType::TourStopChanged) stops.push_back(*event.index);
                if (event.type == runtime::SessionEventType::TourFinished) finished = true;
            }
            // Wherever a stop has put the visitor, the head stands at its pose once the fade is
            // clear: feet on the pose, eyes at the tracked height, facing its yaw.
            const auto& f = harness.player().frame();
            if (f.tourStop && f.fadeAlpha == 0.0f) {
                const auto& pose = *harness.player().experience().tour[*f.tourStop].pose;
                const glm::vec3 expected = glm::vec3(*pose.position) + glm::vec3(0.0f, kEyeHeight, 0.0f);
                INFO("stop " << *f.tourStop << " frame " << frame);
                CHECK(glm::length(f.headWorld.position - expected) < 1e-3f);
                const glm::vec3 forward = f.headWorld.orientation * glm::vec3(0, 0, -1);
                CHECK(std::atan2(-forward.x, -forward.z) == Approx(glm::radians(*pose.yawDegrees)).margin(1e-3));
            }
        }
        CHECK(finished);
        CHECK(stops == std::vector<std::size_t>{0, 1, 2});
        CHECK(hasEvent(harness.events, runtime::SessionEventType::SceneChanged, "annex"));
        CHECK(harness.player().stage().problems().empty());
    }
    test::requireValidationClean(context);
}

TEST_CASE("player: paused while the visitor is away, the tour waits for them", "[player]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-paused");
    const auto folder = writeExperience(scratch, header(kRoomScene) + R"(,
  "tour": [
    {"id": "a", "scene": "room", "pose": {"position": [0, 0, 0], "yaw": 0}, "duration": 0.5, "autoAdvance": true},
    {"id": "b", "scene": "room", "pose": {"position": [1, 0, 0], "yaw": 30}, "duration": 0.5, "autoAdvance": true}
  ]
})");
    // Frames from the start until the tour finishes, with the visitor away for `awayFrames`
    // from frame 10 (inside stop a's arrival fade).
    const auto framesToFinish = [&](int awayFrames) {
        PlayerHarness harness(context, folder, {32, 18});
        float heldFade = 0.0f;
        for (int frame = 0; frame < 600; ++frame) {
            const bool away = frame >= 10 && frame < 10 + awayFrames;
            harness.player().setPaused(away);
            harness.step();
            if (away) {
                // Nothing moves on: no events, the fade stands where it was.
                INFO("frame " << frame);
                CHECK(harness.player().frame().events.empty());
                if (frame == 10) heldFade = harness.player().frame().fadeAlpha;
                CHECK(harness.player().frame().fadeAlpha == heldFade);
            }
            if (hasEvent(harness.events, runtime::SessionEventType::TourFinished, "b")) return frame;
        }
        return -1;
    };
    const int present = framesToFinish(0);
    const int away = framesToFinish(120);
    REQUIRE(present > 60);
    CHECK(away == present + 120);
    test::requireValidationClean(context);
}

TEST_CASE("player: a broken model is reported and the scene shows the default sky", "[player]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-broken");
    const auto folder = writeExperience(scratch, header(kRoomScene) + "}");
    // Damage the model after the experience is written: the file exists but is not a model.
    std::ofstream(folder / "models/box.glb", std::ios::trunc) << "glTF but not really";
    auto loaded = experience::loadExperience(folder);
    if (!loaded) {
        // The validator already refuses it: the message names the file.
        CHECK_THAT(loaded.error().message, Catch::Contains("box.glb"));
        return;
    }
    {
        PlayerHarness harness(context, folder, {64, 36});
        for (int frame = 0; frame < 30; ++frame) harness.step();
        harness.step(true);
        const auto& problems = harness.player().stage().problems();
        REQUIRE(!problems.empty());
        CHECK_THAT(problems.front(), Catch::Contains("box.glb"));
        // Not a black frame: the sky is drawn.
        CHECK(meanCentre(harness.screenshot, 64, 0.5) > 40.0);
    }
    test::requireValidationClean(context);
}

TEST_CASE("player: a 360° video scene shows the video, not the sky", "[player][video]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-video");
    const auto folder = writeVideoExperience(scratch);
    {
        PlayerHarness harness(context, folder, {96, 96});
        for (int frame = 0; frame < 30; ++frame) harness.step();
        harness.step(true);
        REQUIRE(harness.player().stage().video() != nullptr);
        CHECK(harness.player().stage().problems().empty());
        // The generated grid video is dark with light lines and labels; the default sky is a
        // bright blue gradient. The left eye's centre must be the video's.
        const double centre = meanCentre(harness.screenshot, 96, 0.6);
        INFO("mean " << centre);
        CHECK(centre > 5.0);
        CHECK(centre < 160.0);
    }
    test::requireValidationClean(context);
}

TEST_CASE("player: a route's chevrons lie on the panorama's ground ahead and point along it", "[player][video][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    // Straight ahead for 12 m, then right: only the ground (the lower half of the view) changes.
    constexpr int kWidth = 320, kHeight = 180;
    const auto render = [&](const std::string& sceneMembers, const char* name) {
        test::ScratchDirectory scratch(name);
        PlayerHarness harness(context, writeVideoExperience(scratch, sceneMembers), {kWidth, kHeight});
        for (int frame = 0; frame < 30; ++frame) harness.step();
        harness.step(true);
        return crop(harness.screenshot, 0, 0, kWidth, kHeight); // left eye
    };
    const ImageRGBA8 plain = render("", "player-route-none");
    const ImageRGBA8 routed =
        render(R"(, "route": {"points": [[0, -1.5], [0, -12], [6, -14]], "groundBelowEye": 1.6})", "player-route");
    // Above the horizon nothing changes; below it the chevrons add cyan, centred ahead (the
    // first leg runs straight down -Z; the turn is too far and flat to show at this size).
    int changedAbove = 0, cyanBelow = 0;
    std::vector<int> cyanColumns;
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            const auto i = static_cast<std::size_t>((y * kWidth + x) * 4);
            int difference = 0;
            for (int c = 0; c < 3; ++c) difference += std::abs(plain.pixels[i + c] - routed.pixels[i + c]);
            if (y < kHeight / 2 - 1) changedAbove += difference > 6 ? 1 : 0;
            const bool cyan = routed.pixels[i + 2] > routed.pixels[i] + 60 && routed.pixels[i + 1] > routed.pixels[i] + 40;
            if (y > kHeight / 2 && difference > 6 && cyan) {
                ++cyanBelow;
                cyanColumns.push_back(x);
            }
        }
    CHECK(changedAbove == 0);
    INFO("cyan pixels below the horizon " << cyanBelow);
    CHECK(cyanBelow > 200); // 310 here; 0 without a route
    std::sort(cyanColumns.begin(), cyanColumns.end());
    REQUIRE_FALSE(cyanColumns.empty());
    CHECK(cyanColumns[cyanColumns.size() / 2] == Approx(kWidth / 2).margin(4));
    CHECK(cyanColumns.front() > kWidth / 4);
    CHECK(cyanColumns.back() < kWidth * 3 / 4);
    if (test::isGoldenDevice(context)) {
        const auto result = test::checkGolden(routed, "player_route");
        INFO(result.summary);
        CHECK(result.pass);
    }
    test::requireValidationClean(context);
}

TEST_CASE("player: the video tiles debug view tints what the eye looks at by its level", "[player][video]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-video-tiles");
    const auto folder = writeVideoExperience(scratch);
    {
        PlayerHarness harness(context, folder, {96, 96}, render::DebugView::VideoTiles);
        for (int frame = 0; frame < 30; ++frame) harness.step();
        harness.step(true);
        // Straight ahead the scheduler holds the finest level: green, whatever the video shows.
        const ImageRGBA8& shot = harness.screenshot;
        double sum[3] = {0, 0, 0};
        int count = 0;
        for (int y = 40; y < 56; ++y)
            for (int x = 40; x < 56; ++x, ++count)
                for (int c = 0; c < 3; ++c) sum[c] += shot.pixels[static_cast<std::size_t>((y * shot.width + x) * 4 + c)];
        INFO("mean " << sum[0] / count << ", " << sum[1] / count << ", " << sum[2] / count);
        CHECK(sum[1] > 1.5 * sum[0]);
        CHECK(sum[1] > 1.5 * sum[2]);

        // The desktop preview toggles the view between frames: off shows the video itself, on
        // tints it again.
        auto centreGreenShare = [&] {
            double rgb[3] = {0, 0, 0};
            for (int y = 40; y < 56; ++y)
                for (int x = 40; x < 56; ++x)
                    for (int c = 0; c < 3; ++c)
                        rgb[c] += harness.screenshot.pixels[static_cast<std::size_t>((y * harness.screenshot.width + x) * 4 + c)];
            return rgb[1] / std::max(1.0, rgb[0] + rgb[1] + rgb[2]);
        };
        const double tinted = centreGreenShare();
        harness.renderer().setDebugView(render::DebugView::None);
        harness.step(true);
        const double plain = centreGreenShare();
        harness.renderer().setDebugView(render::DebugView::VideoTiles);
        harness.step(true);
        INFO("green share of the centre: tinted " << tinted << ", plain " << plain << ", tinted again " << centreGreenShare());
        CHECK(plain < tinted - 0.1);
        CHECK(centreGreenShare() == Approx(tinted).margin(0.02));
    }
    test::requireValidationClean(context);
}

TEST_CASE("player: an equirectangular image scene shows the image, not the sky", "[player][video]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-image");
    const auto folder = writeExperience(scratch, header(R"({"id": "pano", "kind": "video360",
        "title": {"zh": "全景", "en": "Panorama"}, "image": "images/pano.png", "initialYaw": 0})") + "}");
    // A warm orange sphere with a dark band at the horizon ahead; the default sky is blue.
    ImageRGBA8 pano(256, 128, Rgba8{220, 120, 40, 255});
    const Rgba8 band{20, 20, 20, 255};
    for (int y = 60; y < 68; ++y)
        for (int x = 96; x < 160; ++x) std::copy_n(&band.r, 4, &pano.pixels[static_cast<std::size_t>((y * 256 + x) * 4)]);
    std::filesystem::create_directories(folder / "images");
    REQUIRE(writePng(pano, folder / "images/pano.png").ok());
    {
        PlayerHarness harness(context, folder, {96, 96});
        for (int frame = 0; frame < 30; ++frame) harness.step();
        harness.step(true);
        REQUIRE(harness.player().stage().still() != nullptr);
        CHECK(harness.player().stage().problems().empty());
        const ImageRGBA8& shot = harness.screenshot;
        auto at = [&](int x, int y) { return &shot.pixels[static_cast<std::size_t>((y * shot.width + x) * 4)]; };
        // Above the band: the image's orange (within the 4:2:0 round trip), not the sky's blue.
        const std::uint8_t* above = at(48, 20);
        INFO("above the horizon: " << int(above[0]) << ", " << int(above[1]) << ", " << int(above[2]));
        CHECK(std::abs(above[0] - 220) <= 6);
        CHECK(std::abs(above[1] - 120) <= 6);
        CHECK(std::abs(above[2] - 40) <= 6);
        // The dark band straight ahead, at the left eye's horizon row.
        const double centre = meanCentre(shot, 96, 0.05);
        INFO("centre mean " << centre);
        CHECK(centre < 40.0);
    }
    test::requireValidationClean(context);
}

TEST_CASE("player: a passthrough scene shows the real world on a see-through display, its image elsewhere",
          "[player]") {
    XRS_GPU_TEST_CONTEXT(context);
    test::ScratchDirectory scratch("player-passthrough");
    const auto folder = writeExperience(scratch, header(R"({"id": "street", "kind": "video360",
        "title": {"zh": "街道", "en": "Street"}, "image": "images/street.png", "passthrough": true})") + "}");
    std::filesystem::create_directories(folder / "images");
    REQUIRE(writePng(ImageRGBA8(256, 128, Rgba8{220, 120, 40, 255}), folder / "images/street.png").ok());
    {
        PlayerHarness harness(context, folder, {96, 96});
        for (int frame = 0; frame < 30; ++frame) harness.step();
        harness.step(true);
        // An opaque display (desktop, opaque headset): the recorded street stands in for the room.
        CHECK_FALSE(harness.player().seeThroughFrame());
        auto at = [&](int x, int y) {
            return &harness.screenshot.pixels[static_cast<std::size_t>((y * harness.screenshot.width + x) * 4)];
        };
        CHECK(std::abs(at(48, 20)[0] - 220) <= 6);
        CHECK(at(48, 20)[3] == 255);
        // A passthrough headset: nothing is drawn behind the scene, transparent black, so the
        // compositor shows the camera image there.
        harness.player().setSeeThroughDisplay(true, false);
        harness.step(true);
        CHECK(harness.player().seeThroughFrame());
        const std::uint8_t* world = at(48, 20);
        CHECK(int(world[0]) == 0);
        CHECK(int(world[3]) == 0);
    }
    test::requireValidationClean(context);
}
