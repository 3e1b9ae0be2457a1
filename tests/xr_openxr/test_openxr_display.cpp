// xrshow's OpenXR display against the simulated runtime: the submitted images for a known head
// pose (golden), the session lifecycle (exit request, runtime stop, focus loss, session loss,
// instance loss), scripted input, and the one-line reason when no runtime exists. Every run has
// the OpenXR core validation layer and Vulkan validation (synchronization included) on, and
// fails on any message from either.
#include "GpuTest.h"
#include "ImageCompare.h"
#include "SimulatedHeadsetRun.h"

#include "scene/SceneImporter.h"
#include "xr/StillRender.h"

#include <catch2/catch.hpp>

#include <glm/gtc/constants.hpp>

#include <cmath>
#include <map>
#include <vector>

using namespace xrs;
using test::SimulatedHeadsetRun;

namespace {

void requireCoreValidationClean(const SimulatedHeadsetRun& run) {
    const std::string report = run.coreValidationReport();
    INFO("core validation layer report:\n" << report.substr(0, 3000));
    REQUIRE(report.find("VALID_ERROR") == std::string::npos);
    REQUIRE(report.find("VALID_WARNING") == std::string::npos);
}

void requireAllValidationClean(SimulatedHeadsetRun& run) {
    requireCoreValidationClean(run);
    test::requireValidationClean(run.context());
}

// What reached the runtime for two views is exactly what the headless path renders for them.
void checkSubmittedEqualsHeadless(SimulatedHeadsetRun& run, const ImageRGBA8& submitted, const scene::Scene& scene,
                                  const render::StereoViews& views, VkExtent2D eyeExtent) {
    xr::StillRequest still;
    still.scene = &scene;
    still.eyeExtent = eyeExtent;
    still.views = views;
    still.lighting = render::lightingFor(scene);
    still.renderer.outputFormat = run.display().colorFormat();
    auto headless = xr::renderStill(run.context(), still);
    REQUIRE(headless.ok());
    const auto same = test::compareImages(submitted, concatHorizontal(headless->eyes[0], headless->eyes[1]),
                                          {0, 0.0, 99.0});
    INFO(same.summary);
    CHECK(same.maxChannelError == 0);
}

// A 2-frame-per-event script; frames are counted by xrWaitFrame from 0.
const char* const kExitAtFrame12 = R"({"view_resolution": [128, 128], "events": [{"frame": 12, "event": "exit"}]})";

} // namespace

TEST_CASE("openxr: submitted images for a known head pose match the golden", "[xr][golden]") {
    // Head 2.2 m in front of the box, 0.3 m up, turned 12 degrees left; captured at frame 4.
    SimulatedHeadsetRun run("golden", R"({
        "view_resolution": [256, 256],
        "capture_frames": [4],
        "keyframes": [{"frame": 0, "head": {"position": [0.0, 0.3, 2.2],
                                            "orientation": [0.0, 0.104528, 0.0, 0.994522]}}],
        "events": [{"frame": 6, "event": "exit"}]})");
    Status started = run.start();
    INFO(started.error().message);
    REQUIRE(started.ok());
    auto box = scene::importScene("/usr/share/assimp/models/glTF2/BoxTextured-glTF/BoxTextured.gltf");
    REQUIRE(box.ok());
    REQUIRE(run.setScene(*box).ok());

    std::map<int, xr::Tracking> tracked; // what the display handed the renderer, per frame
    int frame = 0;
    run.run(40, [&](int, const xr::DisplayFrame& shown) {
        if (shown.shouldRender) tracked[frame++] = shown.tracking;
    });
    CHECK(run.display().sessionState() == XR_SESSION_STATE_EXITING);
    requireAllValidationClean(run);
    // The first frame is not shown (the session becomes visible after it): frame f renders
    // as the runtime's frame f + 1.
    REQUIRE(tracked.count(3) == 1);
    const ImageRGBA8 submitted = concatHorizontal(test::readCapture(run.captureDir(), 4, 0),
                                                  test::readCapture(run.captureDir(), 4, 1));

    // The views are the runtime's: eye 0 at the head -32 mm along its x axis, asymmetric fov.
    const EyeView& left = tracked[3].views.eyes[0];
    CHECK(left.fov.angleLeft == Approx(-0.90f));
    CHECK(left.fov.angleRight == Approx(0.75f));
    CHECK(tracked[3].views.eyes[1].fov.angleLeft == Approx(-0.75f));
    const glm::vec3 leftOffset = glm::vec3(0.0f, 0.3f, 2.2f) - left.pose.position;
    CHECK(glm::length(leftOffset) == Approx(0.032f).margin(1e-4));

    checkSubmittedEqualsHeadless(run, submitted, *box, tracked[3].views, {256, 256});

    if (test::isGoldenDevice(run.context())) {
        const auto golden = test::checkGolden(submitted, "openxr_box_sim_stereo");
        INFO(golden.summary);
        CHECK(golden.pass);
    }
    test::requireValidationClean(run.context());
}

TEST_CASE("openxr: the depth layer gives the compositor true distances", "[xr]") {
    // Head 2.2 m in front of the 1 m box, looking straight at it: every pixel of the front face
    // (z = 0.5) lies 1.7 m along the view axis, everything else is sky (infinitely far).
    SimulatedHeadsetRun run("depth", R"({
        "view_resolution": [128, 128],
        "capture_frames": [4],
        "keyframes": [{"frame": 0, "head": {"position": [0.0, 0.0, 2.2]}}],
        "events": [{"frame": 6, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    REQUIRE(run.display().submitsDepth()); // the simulator offers XR_KHR_composition_layer_depth and D32
    CHECK_FALSE(run.display().perEyeSwapchains()); // it takes 2-layer swapchains: drawn directly
    auto box = scene::importScene("/usr/share/assimp/models/glTF2/BoxTextured-glTF/BoxTextured.gltf");
    REQUIRE(box.ok());
    REQUIRE(run.setScene(*box).ok());
    std::vector<xr::Tracking> tracked;
    run.run(40, [&](int, const xr::DisplayFrame& shown) {
        if (shown.shouldRender) tracked.push_back(shown.tracking);
    });
    requireAllValidationClean(run);
    REQUIRE(tracked.size() > 3); // frame 3 is the runtime's frame 4 (see the golden test)

    for (int eye = 0; eye < 2; ++eye) {
        const test::DepthCapture depth = test::readDepthCapture(run.captureDir(), 4, eye);
        REQUIRE(depth.width == 128);
        REQUIRE(depth.height == 128);
        const float width = 128.0f, height = 128.0f;
        // Where the face's corners project (pixel centres at +0.5; image y runs down).
        const EyeView& view = tracked[3].views.eyes[eye];
        const float tl = std::tan(view.fov.angleLeft), tr = std::tan(view.fov.angleRight);
        const float tu = std::tan(view.fov.angleUp), td = std::tan(view.fov.angleDown);
        auto column = [&](float x) { return ((x - view.pose.position.x) / 1.7f - tl) / (tr - tl) * width; };
        auto row = [&](float y) { return (tu - (y - view.pose.position.y) / 1.7f) / (tu - td) * height; };
        const float left = column(-0.5f), right = column(0.5f), top = row(0.5f), bottom = row(-0.5f);
        INFO("eye " << eye << ": face spans columns " << left << ".." << right << ", rows " << top << ".." << bottom);
        REQUIRE(left > 4.0f);
        REQUIRE(right < width - 4.0f);
        int face = 0, sky = 0, wrong = 0;
        for (int y = 0; y < depth.height; ++y)
            for (int x = 0; x < depth.width; ++x) {
                const float cx = static_cast<float>(x) + 0.5f, cy = static_cast<float>(y) + 0.5f;
                // One pixel either side of an edge may be covered partly (sample 0 decides).
                const bool inside = cx > left + 1 && cx < right - 1 && cy > top + 1 && cy < bottom - 1;
                const bool outside = cx < left - 1 || cx > right + 1 || cy < top - 1 || cy > bottom + 1;
                const float d = depth.at(x, y);
                if (inside) {
                    ++face;
                    if (std::abs(d - 1.7f) > 0.002f) ++wrong;
                } else if (outside) {
                    ++sky;
                    if (!std::isinf(d)) ++wrong;
                }
            }
        INFO("face pixels " << face << ", sky pixels " << sky << "; centre " << depth.at(64, 64));
        CHECK(face > 900); // the face covers about 34 x 35 pixels
        CHECK(sky > 10000);
        CHECK(wrong == 0);
    }
}

TEST_CASE("openxr: quad views render sharp insets into their own swapchain", "[xr]") {
    // A headset with inset displays (XR_VARJO_quad_views): views 0-1 wide, 2-3 narrow insets
    // at the same eyes, each 128 x 128. The box's front face, 1.7 m ahead, fits in the insets.
    SimulatedHeadsetRun run("quad_views", R"({
        "quad_views": true,
        "view_resolution": [128, 128],
        "capture_frames": [4],
        "keyframes": [{"frame": 0, "head": {"position": [0.0, 0.0, 2.2]}}],
        "events": [{"frame": 6, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    REQUIRE(run.runtime().quadViews());
    CHECK(run.display().insetExtent().width == 128);
    auto box = scene::importScene("/usr/share/assimp/models/glTF2/BoxTextured-glTF/BoxTextured.gltf");
    REQUIRE(box.ok());
    REQUIRE(run.setScene(*box).ok());
    std::vector<xr::DisplayFrame> shownFrames;
    run.run(40, [&](int, const xr::DisplayFrame& shown) {
        if (shown.shouldRender) shownFrames.push_back(shown);
    });
    requireAllValidationClean(run);
    REQUIRE(shownFrames.size() > 3);
    const xr::DisplayFrame& captured = shownFrames[3]; // the runtime's frame 4 (see the golden test)
    REQUIRE(captured.inset.has_value());
    const render::StereoViews& inset = captured.inset->views;
    CHECK(inset.eyes[0].fov.angleLeft == Approx(-0.35f));
    CHECK(inset.eyes[1].fov.angleUp == Approx(0.30f));
    CHECK(inset.eyes[0].pose.position.x == Approx(captured.tracking.views.eyes[0].pose.position.x));

    // The insets that reached the runtime are exactly a render of the inset views...
    const ImageRGBA8 submitted = concatHorizontal(test::readCapture(run.captureDir(), 4, 2),
                                                  test::readCapture(run.captureDir(), 4, 3));
    checkSubmittedEqualsHeadless(run, submitted, *box, inset, {128, 128});

    // ...and magnify: the face spans as many more pixels as the inset's tangent range is
    // narrower (their depth layers say which pixels are the face, 1.7 m away).
    for (int eye = 0; eye < 2; ++eye) {
        auto faceWidth = [&](int view) {
            const test::DepthCapture depth = test::readDepthCapture(run.captureDir(), 4, view);
            int widest = 0;
            for (int y = 0; y < depth.height; ++y) {
                int row = 0;
                for (int x = 0; x < depth.width; ++x) row += std::abs(depth.at(x, y) - 1.7f) < 0.002f ? 1 : 0;
                widest = std::max(widest, row);
            }
            return static_cast<float>(widest);
        };
        auto tangentSpan = [](const Fov& fov) { return std::tan(fov.angleRight) - std::tan(fov.angleLeft); };
        const float expected = tangentSpan(captured.tracking.views.eyes[eye].fov) / tangentSpan(inset.eyes[eye].fov);
        const float wide = faceWidth(eye), sharp = faceWidth(eye + 2);
        INFO("eye " << eye << ": face " << wide << " px wide, " << sharp << " px in the inset; expected ratio " << expected);
        REQUIRE(wide > 20.0f);
        CHECK(sharp / wide == Approx(expected).epsilon(0.06)); // +-1 pixel at either edge of the wide view
    }
}

TEST_CASE("openxr: a runtime without array swapchains gets one swapchain per eye", "[xr]") {
    // The same view of the box as the depth test, through a compositor that refuses 2-layer
    // swapchains: both eyes are drawn into an image of ours and copied to their own swapchains.
    SimulatedHeadsetRun run("per_eye", R"({
        "array_swapchains": false,
        "view_resolution": [128, 128],
        "capture_frames": [4],
        "keyframes": [{"frame": 0, "head": {"position": [0.0, 0.0, 2.2]}}],
        "events": [{"frame": 6, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    CHECK(run.display().perEyeSwapchains());
    REQUIRE(run.display().submitsDepth());
    auto box = scene::importScene("/usr/share/assimp/models/glTF2/BoxTextured-glTF/BoxTextured.gltf");
    REQUIRE(box.ok());
    REQUIRE(run.setScene(*box).ok());
    std::vector<xr::Tracking> tracked;
    run.run(40, [&](int, const xr::DisplayFrame& shown) {
        if (shown.shouldRender) tracked.push_back(shown.tracking);
    });
    requireAllValidationClean(run);
    REQUIRE(tracked.size() > 3);

    // Each eye's own swapchain holds exactly that eye's render...
    const ImageRGBA8 submitted = concatHorizontal(test::readCapture(run.captureDir(), 4, 0),
                                                  test::readCapture(run.captureDir(), 4, 1));
    checkSubmittedEqualsHeadless(run, submitted, *box, tracked[3].views, {128, 128});
    // ...and its depth: the face 1.7 m away at the centre, sky in the corner.
    for (int eye = 0; eye < 2; ++eye) {
        const test::DepthCapture depth = test::readDepthCapture(run.captureDir(), 4, eye);
        CHECK(depth.at(64, 64) == Approx(1.7f).margin(0.002f));
        CHECK(std::isinf(depth.at(2, 2)));
    }
}

TEST_CASE("openxr: panels go to the compositor as quad layers, unless a fade covers them", "[xr]") {
    // A 0.6 m x 0.3 m panel 1 m ahead of the head (red left half, green right half), marked
    // for a compositor layer; from iteration 10 a fade is on screen.
    SimulatedHeadsetRun run("quad_layers", R"({
        "view_resolution": [128, 128],
        "capture_frames": [4, 16],
        "events": [{"frame": 20, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    REQUIRE(run.display().compositorLayers());
    ImageRGBA8 picture(200, 100);
    for (int y = 0; y < picture.height; ++y)
        for (int x = 0; x < picture.width; ++x) {
            std::uint8_t* p = &picture.pixels[(static_cast<std::size_t>(y) * picture.width + x) * 4];
            const bool left = x < picture.width / 2;
            p[0] = left ? 220 : 30;
            p[1] = left ? 30 : 200;
            p[2] = 40;
            p[3] = 255;
        }
    render::OverlayTextureId texture = 0;
    REQUIRE(run.setOverlay([&](int iteration, render::WorldOverlay& overlay) {
                   render::WorldQuad quad;
                   quad.texture = texture;
                   quad.center = {0.0f, 0.0f, -1.0f};
                   quad.halfRight = {0.3f, 0.0f, 0.0f};
                   quad.halfUp = {0.0f, 0.15f, 0.0f};
                   quad.compositorLayer = true;
                   overlay.addQuad(quad);
                   if (iteration >= 10) overlay.setScreenEffects(0.25f, 0.0f);
               }).ok());
    texture = run.overlay().createTexture();
    run.overlay().setTexture(texture, picture);
    std::map<int, std::vector<XrCompositionLayerQuad>> submitted;
    run.run(60, [&](int iteration, const xr::DisplayFrame&) {
        submitted[iteration] = run.display().submittedQuadLayers();
    });
    requireAllValidationClean(run);

    // Without a fade: one quad layer, where the quad is, facing the viewer, with the picture...
    REQUIRE(submitted[3].size() == 1);
    const XrCompositionLayerQuad& layer = submitted[3][0];
    CHECK(layer.pose.position.z == Approx(-1.0f));
    CHECK(layer.pose.position.x == Approx(0.0f).margin(1e-6));
    CHECK(layer.pose.orientation.w == Approx(1.0f));
    CHECK(layer.size.width == Approx(0.6f));
    CHECK(layer.size.height == Approx(0.3f));
    CHECK(layer.eyeVisibility == XR_EYE_VISIBILITY_BOTH);
    CHECK((layer.layerFlags & XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT) != 0);
    auto shown = readPng(run.captureDir() / "frame4_layer1_quad.png");
    REQUIRE(shown.ok());
    const auto same = test::compareImages(*shown, picture, {1, 0.0, 99.0});
    INFO(same.summary);
    CHECK(same.maxChannelError <= 1);
    // ...and not in the eye images. With the fade it is drawn there (darkened) and no layer goes.
    auto reddish = [](const ImageRGBA8& image) {
        int count = 0;
        for (std::size_t i = 0; i < image.pixels.size(); i += 4)
            count += image.pixels[i] > 100 && image.pixels[i] > 2 * image.pixels[i + 1] ? 1 : 0;
        return count;
    };
    CHECK(reddish(test::readCapture(run.captureDir(), 4, 0)) == 0);
    CHECK(submitted[15].empty());
    CHECK(reddish(test::readCapture(run.captureDir(), 16, 0)) > 200); // the red half: about 18 x 17 pixels
}

TEST_CASE("openxr: see-through frames blend with the world, optical see-through is always additive", "[xr]") {
    // A passthrough headset (opaque and alpha-blend): frames drawn for the real world carry
    // alpha, 0 where nothing was drawn, and are submitted ALPHA_BLEND.
    {
        SimulatedHeadsetRun run("see_through", R"({
            "view_resolution": [128, 128],
            "capture_frames": [4],
            "keyframes": [{"frame": 0, "head": {"position": [0.0, 0.0, 2.2]}}],
            "events": [{"frame": 6, "event": "exit"}]})");
        REQUIRE(run.start().ok());
        CHECK(run.display().canSeeThrough());
        CHECK_FALSE(run.display().alwaysSeeThrough());
        CHECK(run.display().blendMode() == XR_ENVIRONMENT_BLEND_MODE_OPAQUE); // until a frame asks
        auto box = scene::importScene("/usr/share/assimp/models/glTF2/BoxTextured-glTF/BoxTextured.gltf");
        REQUIRE(box.ok());
        REQUIRE(run.setScene(*box).ok());
        run.setSeeThrough(true);
        run.run(40);
        requireAllValidationClean(run);
        CHECK(run.display().blendMode() == XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND);
        const ImageRGBA8 eye = test::readCapture(run.captureDir(), 4, 0);
        auto alphaAt = [&](int x, int y) { return int(eye.pixels[static_cast<std::size_t>((y * eye.width + x) * 4 + 3)]); };
        CHECK(alphaAt(64, 64) == 255); // the box
        CHECK(alphaAt(2, 2) == 0);     // the room
        CHECK(int(eye.pixels[(2 * eye.width + 2) * 4]) == 0); // premultiplied: no colour where alpha is 0
    }
    // An optical see-through headset offers only ADDITIVE: every frame is drawn for it.
    SimulatedHeadsetRun run("additive", R"({"view_resolution": [64, 64], "blend_modes": ["additive"],
        "events": [{"frame": 6, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    CHECK(run.display().alwaysSeeThrough());
    run.run(40);
    requireAllValidationClean(run);
    CHECK(run.display().blendMode() == XR_ENVIRONMENT_BLEND_MODE_ADDITIVE);
    CHECK(run.display().framesSubmitted() >= 4); // the runtime accepted them (it refuses unoffered modes)
}

TEST_CASE("openxr: recentring makes the head's place and heading the origin of LOCAL space", "[xr]") {
    // The visitor stands 0.5 m right of and 1 m behind where the session started, turned 30
    // degrees left and looking 10 degrees down; the display recentres at iteration 5.
    SimulatedHeadsetRun run("recenter", R"({"view_resolution": [64, 64],
        "keyframes": [{"frame": 0, "head": {"position": [0.5, 0.1, 1.0],
                                            "orientation": [-0.084186, 0.257834, 0.022558, 0.962250]}}],
        "events": [{"frame": 12, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    std::map<int, xr::Tracking> tracked;
    run.run(40, [&](int iteration, const xr::DisplayFrame& shown) {
        if (shown.shouldRender) tracked[iteration] = shown.tracking;
        if (iteration == 5) run.display().recenter();
    });
    requireAllValidationClean(run);
    REQUIRE(tracked.count(3) == 1);
    REQUIRE(tracked.count(8) == 1);
    auto head = [](const xr::Tracking& t) { return render::headOf(t.views); };
    CHECK(glm::length(head(tracked[3]).position - glm::vec3(0.5f, 0.1f, 1.0f)) < 1e-4f);
    const Pose after = head(tracked[8]);
    CHECK(glm::length(after.position) < 1e-4f);
    // Heading only: the yaw is gone, the downward look stays (the floor stays level).
    const glm::vec3 forward = after.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    CHECK(forward.x == Approx(0.0f).margin(1e-3));
    CHECK(std::asin(forward.y) == Approx(glm::radians(-10.0f)).margin(2e-3));
}

TEST_CASE("openxr: an exit request ends the session through STOPPING and EXITING", "[xr]") {
    SimulatedHeadsetRun run("exit_request", R"({"view_resolution": [128, 128]})");
    REQUIRE(run.start().ok());
    std::vector<XrSessionState> states;
    const int iterations = run.run(100, [&](int iteration, const xr::DisplayFrame&) {
        states.push_back(run.display().sessionState());
        if (iteration == 5) run.display().requestExit();
    });
    CHECK(iterations < 12); // it left promptly
    CHECK(run.display().sessionState() == XR_SESSION_STATE_EXITING);
    CHECK(run.display().exitReason().empty());
    CHECK(run.display().framesSubmitted() >= 4);
    CHECK(std::find(states.begin(), states.end(), XR_SESSION_STATE_FOCUSED) != states.end());
    requireAllValidationClean(run);
}

TEST_CASE("openxr: a runtime-initiated exit ends the loop and a runtime stop restarts the session", "[xr]") {
    SECTION("exit") {
        SimulatedHeadsetRun run("runtime_exit", kExitAtFrame12);
        REQUIRE(run.start().ok());
        run.run(200);
        CHECK(run.display().sessionState() == XR_SESSION_STATE_EXITING);
        CHECK(run.display().exitReason().empty());
        // Frames 1..11 shown (frame 0 precedes VISIBLE; the exit arrives with frame 12).
        CHECK(run.display().framesSubmitted() == 11);
        requireAllValidationClean(run);
    }
    SECTION("stop, then ready again") {
        SimulatedHeadsetRun run("runtime_stop", R"({"view_resolution": [128, 128],
            "events": [{"frame": 5, "event": "stopping"}, {"frame": 15, "event": "exit"}]})");
        REQUIRE(run.start().ok());
        // STOPPING -> xrEndSession -> IDLE -> READY -> xrBeginSession happen within one poll.
        // Not shown: frame 0 (READY), 5 (the stop arrives with it), 6 (READY again, first
        // frame of the restarted session), 15 (the exit arrives with it).
        std::vector<bool> shownFrames;
        run.run(200, [&](int, const xr::DisplayFrame& shown) { shownFrames.push_back(shown.shouldRender); });
        std::vector<bool> expected(16, true);
        expected[0] = expected[5] = expected[6] = expected[15] = false;
        CHECK(shownFrames == expected);
        CHECK(run.display().sessionState() == XR_SESSION_STATE_EXITING);
        CHECK(run.display().sessionsCreated() == 1); // the same session began twice
        requireAllValidationClean(run);
    }
}

TEST_CASE("openxr: without focus input stops and rendering goes on", "[xr]") {
    // The trigger is held throughout; focus is lost for frames 5..9.
    SimulatedHeadsetRun run("focus", R"({"view_resolution": [128, 128],
        "keyframes": [{"frame": 0, "inputs": {"/user/hand/right/input/select/click": 1}}],
        "events": [{"frame": 5, "event": "focus_lost"}, {"frame": 10, "event": "focus_regained"},
                   {"frame": 14, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    std::map<std::int64_t, std::pair<bool, bool>> byFrame; // frame -> (select held, rendered)
    run.run(200, [&](int, const xr::DisplayFrame& shown) {
        if (shown.predictedDisplayTimeNs == 0) return;
        const std::int64_t frame = (shown.predictedDisplayTimeNs - 1'000'000'000) / 11'111'111 - 1;
        byFrame[frame] = {run.display().input().hands[1].select, shown.shouldRender};
    });
    for (std::int64_t f = 1; f < 14; ++f) {
        INFO("frame " << f);
        REQUIRE(byFrame.count(f) == 1);
        // Focus leaves with frame 5 (xrSyncActions says NOT_FOCUSED at once) and returns with
        // frame 10, which the application hears of when it polls before frame 11.
        const bool focused = f < 5 || f >= 11;
        CHECK(byFrame[f].first == focused);
        CHECK(byFrame[f].second); // shown either way
    }
    requireAllValidationClean(run);
}

TEST_CASE("openxr: a lost session is recreated and rendering resumes", "[xr]") {
    SimulatedHeadsetRun run("loss_pending", R"({"view_resolution": [128, 128], "capture_frames": [3],
        "events": [{"frame": 6, "event": "loss_pending"}]})");
    REQUIRE(run.start().ok());
    std::uint64_t submittedAtLoss = 0;
    run.run(60, [&](int, const xr::DisplayFrame&) {
        if (run.display().sessionsCreated() == 1) submittedAtLoss = run.display().framesSubmitted();
        // The new session counts its frames from 0 again: stop it after a few.
        if (run.display().sessionsCreated() == 2 && run.display().framesSubmitted() >= submittedAtLoss + 5)
            run.display().requestExit();
    });
    CHECK(run.display().sessionsCreated() == 2);
    CHECK(run.display().framesSubmitted() >= submittedAtLoss + 5);
    CHECK(run.display().sessionState() == XR_SESSION_STATE_EXITING);
    CHECK(run.display().exitReason().empty());
    requireAllValidationClean(run);
}

TEST_CASE("openxr: instance loss ends the loop cleanly with a message", "[xr]") {
    SimulatedHeadsetRun run("instance_loss", R"({"view_resolution": [128, 128],
        "events": [{"frame": 4, "event": "instance_loss"}]})");
    REQUIRE(run.start().ok());
    const int iterations = run.run(100);
    CHECK(iterations < 10);
    CHECK(run.display().exitReason() ==
          "the OpenXR runtime is shutting down or restarting (instance loss pending)");
    test::requireValidationClean(run.context());
}

TEST_CASE("openxr: a scripted trigger press, controller and eye-gaze poses", "[xr]") {
    // Right trigger down at frames 4..6; right hand 0.3 m right, 0.4 m ahead; gaze 10 degrees up.
    SimulatedHeadsetRun run("trigger", R"({"view_resolution": [128, 128],
        "keyframes": [
            {"frame": 0, "right_hand": {"position": [0.3, -0.2, -0.4], "orientation": [0, 0, 0, 1]},
                         "gaze": {"orientation": [0.0871557, 0, 0, 0.9961947]}},
            {"frame": 4, "inputs": {"/user/hand/right/input/select/click": 1}},
            {"frame": 7, "inputs": {"/user/hand/right/input/select/click": 0}}],
        "events": [{"frame": 10, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    std::vector<std::int64_t> pressedAt, heldAt;
    std::optional<Pose> aim;
    std::optional<glm::vec3> gaze;
    std::string profile;
    run.run(100, [&](int, const xr::DisplayFrame& shown) {
        const std::int64_t frame = (shown.predictedDisplayTimeNs - 1'000'000'000) / 11'111'111 - 1;
        const xr::HandInput& right = run.display().input().hands[1];
        if (right.selectPressed) pressedAt.push_back(frame);
        if (right.select) heldAt.push_back(frame);
        if (right.aim) aim = right.aim;
        if (shown.tracking.gazeDirection) gaze = shown.tracking.gazeDirection;
        profile = run.display().input().handProfile;
    });
    CHECK(pressedAt == std::vector<std::int64_t>{4});
    CHECK(heldAt == std::vector<std::int64_t>{4, 5, 6});
    CHECK(profile == "/interaction_profiles/khr/simple_controller");
    REQUIRE(aim);
    CHECK(aim->position.x == Approx(0.3f));
    CHECK(aim->position.z == Approx(-0.4f));
    REQUIRE(gaze);
    CHECK(gaze->y == Approx(std::sin(glm::radians(10.0f))).margin(1e-4));
    CHECK(gaze->z == Approx(-std::cos(glm::radians(10.0f))).margin(1e-4));
    requireAllValidationClean(run);
}

TEST_CASE("openxr: tracked hands select by pinching along the aim ray (XR_EXT_hand_interaction)", "[xr]") {
    SimulatedHeadsetRun run("hands", R"({"view_resolution": [64, 64],
        "controller_profile": "/interaction_profiles/ext/hand_interaction_ext",
        "keyframes": [
            {"frame": 3, "inputs": {"/user/hand/left/input/aim_activate_ext/value": 0.9,
                                    "/user/hand/left/input/grasp_ext/value": 1.0}},
            {"frame": 6, "inputs": {"/user/hand/left/input/aim_activate_ext/value": 0.0,
                                    "/user/hand/left/input/grasp_ext/value": 0.0}}],
        "events": [{"frame": 9, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    REQUIRE(run.runtime().enabled(xr::kHandInteractionExtension));
    std::vector<std::int64_t> pressedAt, grabbedAt;
    std::string profile;
    bool aimed = false;
    run.run(100, [&](int, const xr::DisplayFrame& shown) {
        const std::int64_t frame = (shown.predictedDisplayTimeNs - 1'000'000'000) / 11'111'111 - 1;
        const xr::HandInput& left = run.display().input().hands[0];
        if (left.selectPressed) pressedAt.push_back(frame);
        if (left.grab) grabbedAt.push_back(frame);
        aimed = aimed || left.aim.has_value();
        profile = run.display().input().handProfile;
    });
    requireAllValidationClean(run);
    CHECK(profile == "/interaction_profiles/ext/hand_interaction_ext");
    CHECK(pressedAt == std::vector<std::int64_t>{3});
    CHECK(grabbedAt == std::vector<std::int64_t>{3, 4, 5});
    CHECK(aimed);
}

TEST_CASE("openxr: the headset says when it is taken off and put on (XR_EXT_user_presence)", "[xr]") {
    SimulatedHeadsetRun run("presence", R"({"view_resolution": [64, 64],
        "events": [{"frame": 4, "event": "headset_off"}, {"frame": 8, "event": "headset_on"},
                   {"frame": 12, "event": "exit"}]})");
    REQUIRE(run.start().ok());
    REQUIRE(run.runtime().userPresenceEnabled());
    std::map<std::int64_t, bool> present;
    run.run(100, [&](int, const xr::DisplayFrame& shown) {
        if (shown.predictedDisplayTimeNs == 0) return;
        present[(shown.predictedDisplayTimeNs - 1'000'000'000) / 11'111'111 - 1] = run.display().userPresent();
    });
    requireAllValidationClean(run);
    // Events queued with frame f reach the application when it polls before frame f + 1.
    CHECK(present.at(3));
    CHECK_FALSE(present.at(5));
    CHECK_FALSE(present.at(8));
    CHECK(present.at(9));
}

TEST_CASE("openxr: no runtime or no headset gives a one-line reason", "[xr]") {
    SECTION("no runtime") {
        SimulatedHeadsetRun run("no_runtime", "{}");
        setenv("XR_RUNTIME_JSON", "/nonexistent/openxr_runtime.json", 1);
        auto runtime = xr::OpenXrRuntime::create({});
        REQUIRE_FALSE(runtime.ok());
        CHECK(runtime.error().message ==
              "no OpenXR runtime is installed or active (start SteamVR or Monado, or set XR_RUNTIME_JSON)");
    }
    SECTION("no headset") {
        SimulatedHeadsetRun run("no_headset", R"({"headset_connected": false})");
        auto runtime = xr::OpenXrRuntime::create({});
        REQUIRE_FALSE(runtime.ok());
        CHECK(runtime.error().message == "OpenXR runtime 'xrshow simulated runtime': no headset connected");
    }
}

TEST_CASE("openxr: the core validation report reaches the test (the check can fail)", "[xr]") {
    SimulatedHeadsetRun run("validation_canary", "{}");
    REQUIRE(run.start().ok());
    // A deliberately invalid call: the structure type is wrong.
    XrSystemProperties properties{XR_TYPE_INSTANCE_PROPERTIES};
    CHECK(xrGetSystemProperties(run.runtime().instance(), run.runtime().system(), &properties) ==
          XR_ERROR_VALIDATION_FAILURE);
    CHECK(run.coreValidationReport().find("VALID_ERROR") != std::string::npos);
}
