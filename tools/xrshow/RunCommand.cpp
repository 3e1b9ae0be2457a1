// xrshow run <experience-or-model>: the frame loop of the desktop preview. A window with a
// simulated headset (mouse + keyboard, scripted input, screenshots) when a display exists,
// otherwise headless (frames rendered offscreen, images written, paths printed).
//
// The target is an experience (a folder with experience.json, or the file itself), played by
// player::ExperiencePlayer, or a model file (glTF/GLB/FBX/OBJ) shown with the default lighting.
#include "CommandSupport.h"
#include "VisitorInputs.h"
#include "core/Log.h"
#include "experience/ExperienceIO.h"
#include "experience/ExperienceValidator.h"
#include "player/ExperiencePlayer.h"
#include "render/Framing.h"
#include "render/GpuScene.h"
#include "render/TiledImages.h"
#include "scene/SceneImporter.h"
#include "ui/DebugOverlay.h"
#include "video/TileScheduler.h"
#include "xr/GlfwLibrary.h"
#include "xr/HeadlessDisplay.h"
#include "xr/InputScript.h"
#include "xr/OpenXrDisplay.h"
#include "xr/OpenXrRuntime.h"
#include "xr/SimulatedHeadset.h"
#include "xr/WindowDisplay.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>

namespace xrs::cli {
namespace {

struct RunOptions {
    std::string target;
    std::string display = "auto";
    std::string scriptPath;
    std::uint64_t frames = 0; // 0: until the window closes (headless: 10)
    std::vector<std::string> screenshots; // pairs: frame, path
    bool fixedStep = false;
    float stepHz = 60.0f;      // the fixed step's rate
    std::string size = "1280x720";
    std::string stereo = "left";
    std::string overlay = "full";
    bool mailbox = false;
    float ipd = 0.063f;
    int samples = 0; // 0: render::automaticSamples
    std::string language;      // experiences: empty = the experience's default
    bool mute = false;         // experiences: no audio device (narration keeps time silently)
    bool untilTourEnd = false; // experiences: stop when the tour's last stop has ended
    bool seated = false;       // experiences: the visitor sits (lifted to standing eye height)
    std::string debugView = "none"; // none | normals | video-tiles (render::DebugView)
};

bool isExperience(const std::filesystem::path& target) {
    std::error_code ec;
    if (std::filesystem::is_directory(target, ec)) return true;
    return target.filename() == experience::kExperienceFileName;
}

// The overlay's outline of an experience: its scenes with their hotspots, then the tour.
std::vector<ui::OutlineEntry> outlineOf(const experience::Experience& exp, const std::string& language) {
    std::vector<ui::OutlineEntry> outline;
    const auto& fallback = exp.languages.defaultLanguage;
    for (const experience::Scene& scene : exp.scenes) {
        outline.push_back({0, scene.id + (scene.title ? " · " + experience::localized(*scene.title, language, fallback) : "")});
        for (const experience::Hotspot& hotspot : exp.hotspots)
            if (hotspot.scene == scene.id) outline.push_back({1, hotspot.id});
    }
    for (std::size_t i = 0; i < exp.tour.size(); ++i) {
        const auto& stop = exp.tour[i];
        outline.push_back({0, "tour " + std::to_string(i + 1) + ": " +
                                  (stop.title ? experience::localized(*stop.title, language, fallback) : stop.scene)});
    }
    return outline;
}

// With an OpenXR runtime, the runtime creates the Vulkan instance and device (and picks the GPU);
// a window needs the surface and swapchain extensions.
Result<std::unique_ptr<gpu::Context>> createRunContext(const GlobalOptions& global,
                                                       const xr::GlfwLibrary* glfw,
                                                       xr::OpenXrRuntime* headset) {
    gpu::ContextOptions options;
    if (headset) {
        if (auto s = headset->configureVulkan(options); !s) return s.error();
    } else if (glfw) {
        options.instanceExtensions = glfw->requiredInstanceExtensions();
        options.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    }
    return createContext(global, std::move(options));
}

std::vector<ui::OutlineEntry> outlineOf(const scene::Scene& model) {
    std::vector<ui::OutlineEntry> outline;
    auto visit = [&](auto&& self, std::uint32_t node, int depth) -> void {
        if (outline.size() >= 200) return; // a tool, not a full scene browser
        const scene::Node& n = model.nodes[node];
        outline.push_back({depth, n.name.empty() ? "(node " + std::to_string(node) + ")" : n.name});
        for (std::uint32_t child : n.children) self(self, child, depth + 1);
    };
    for (std::uint32_t i = 0; i < model.nodes.size(); ++i)
        if (!model.nodes[i].parent) visit(visit, i, 0);
    return outline;
}

Status writeScreenshot(const ImageRGBA8& image, const std::filesystem::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    return writePng(image, path);
}

int runRun(const GlobalOptions& global, const RunOptions& options) {
    const char* cmd = "run";
    unsigned width = 0, height = 0;
    if (std::sscanf(options.size.c_str(), "%ux%u", &width, &height) != 2 || width < 16 || height < 16 ||
        width > 16384 || height > 16384)
        return commandFailed(cmd, "--size " + options.size + ": expected WxH, e.g. 1280x720");
    std::map<std::uint64_t, std::vector<std::string>> screenshotsAt;
    for (std::size_t i = 0; i + 1 < options.screenshots.size(); i += 2) {
        const std::string& frame = options.screenshots[i];
        if (frame.empty() || frame.find_first_not_of("0123456789") != std::string::npos)
            return commandFailed(cmd, "--screenshot-at " + frame + ": expected a frame number and a path");
        screenshotsAt[std::stoull(frame)].push_back(options.screenshots[i + 1]);
    }
    xr::StereoMode stereoMode = xr::StereoMode::LeftEye;
    if (options.stereo == "sbs") stereoMode = xr::StereoMode::SideBySide;
    else if (options.stereo == "anaglyph") stereoMode = xr::StereoMode::Anaglyph;

    std::optional<xr::InputScript> script;
    if (!options.scriptPath.empty()) {
        auto loaded = xr::InputScript::load(options.scriptPath);
        if (!loaded) return commandFailed(cmd, loaded.error().message);
        script = std::move(*loaded);
    }

    // Which display: a headset when an OpenXR runtime has one, else a window when one can be
    // opened, else headless; auto says why it moved on.
    std::unique_ptr<xr::OpenXrRuntime> headsetRuntime;
    if (options.display == "xr" || options.display == "auto") {
        auto runtime = xr::OpenXrRuntime::create({});
        if (runtime) headsetRuntime = std::move(*runtime);
        else if (options.display == "xr")
            return commandFailed(cmd, "--display xr: " + runtime.error().message);
        else
            std::fprintf(stderr, "xrshow run: %s; trying a window\n", runtime.error().message.c_str());
    }
    std::optional<xr::GlfwLibrary> glfw;
    if (!headsetRuntime && options.display != "headless") {
        auto library = xr::GlfwLibrary::init();
        if (library) glfw = std::move(*library);
        else if (options.display == "window")
            return commandFailed(cmd, "--display window: " + library.error().message);
        else
            std::fprintf(stderr, "xrshow run: %s; rendering headless instead of in a window\n",
                         library.error().message.c_str());
    }

    // An experience refuses to start when broken (every problem listed); a model must import.
    std::optional<experience::Experience> experienceToPlay;
    std::optional<scene::Scene> model;
    if (isExperience(options.target)) {
        auto loaded = experience::loadExperience(options.target);
        if (!loaded) return commandFailed(cmd, loaded.error().message);
        experienceToPlay = std::move(*loaded);
    } else {
        auto imported = scene::importScene(options.target);
        if (!imported) return commandFailed(cmd, imported.error().message);
        model = std::move(*imported);
    }
    auto contextResult = createRunContext(global, glfw ? &*glfw : nullptr, headsetRuntime.get());
    if (!contextResult) return commandFailed(cmd, contextResult.error().message);
    gpu::Context& context = **contextResult;

    render::RendererSettings rendererSettings;
    const bool only360 = experienceToPlay &&
                         std::all_of(experienceToPlay->scenes.begin(), experienceToPlay->scenes.end(),
                                     [](const experience::Scene& s) { return s.kind == experience::SceneKind::Video360; });
    rendererSettings.samples = options.samples > 0 ? static_cast<VkSampleCountFlagBits>(options.samples)
                                                   : render::automaticSamples(context, only360);
    rendererSettings.debugView = options.debugView == "normals"       ? render::DebugView::Normals
                                 : options.debugView == "video-tiles" ? render::DebugView::VideoTiles
                                                                      : render::DebugView::None;
    std::unique_ptr<xr::OpenXrDisplay> headsetDisplay;
    if (headsetRuntime) {
        auto created = xr::OpenXrDisplay::create(*headsetRuntime, context, {});
        if (!created) return commandFailed(cmd, created.error().message);
        headsetDisplay = std::move(*created);
        rendererSettings.outputFormat = headsetDisplay->colorFormat(); // the runtime's swapchain format
    }
    auto renderer = render::SceneRenderer::create(context, rendererSettings);
    if (!renderer) return commandFailed(cmd, renderer.error().message);
    if (options.samples == 0 && (*renderer)->samples() == VK_SAMPLE_COUNT_1_BIT)
        XRS_LOG_INFO("run: no MSAA: a CPU device drawing only 360° scenes (--samples 4 to have it)");
    const bool fixedStep = options.fixedStep || script.has_value();
    std::unique_ptr<render::GpuScene> gpuScene;
    std::unique_ptr<render::TiledImages> tiledImages; // the model's, streamed
    render::Lighting lighting;
    std::unique_ptr<player::ExperiencePlayer> experiencePlayer;
    std::string title = std::filesystem::path(options.target).filename().string();
    std::vector<ui::OutlineEntry> outline;
    if (model) {
        auto uploaded = render::GpuScene::upload(context, *model, (*renderer)->materialLayout());
        if (!uploaded) return commandFailed(cmd, uploaded.error().message);
        gpuScene = std::move(*uploaded);
        if (!gpuScene->tiledImages().empty()) {
            tiledImages = render::TiledImages::open(context, *gpuScene, (*renderer)->videoLayout());
            for (const std::string& problem : tiledImages->problems())
                std::fprintf(stderr, "xrshow run: %s\n", problem.c_str());
        }
        lighting = render::lightingFor(*model);
        outline = outlineOf(*model);
    } else {
        player::PlayerOptions playerOptions;
        playerOptions.language = options.language;
        playerOptions.audio.silent = options.mute;
        playerOptions.stage.fixedStep = fixedStep;
        // On the desktop the gaze follows the cursor, which is also the mouse pointer: dwell
        // works alongside clicking, as it would for a visitor with eye tracking.
        playerOptions.session.gazeDwell = runtime::GazeDwellMode::Always;
        if (headsetRuntime) playerOptions.session.gazeDwell = runtime::GazeDwellMode::Auto;
        auto created = player::ExperiencePlayer::create(context, **renderer, std::move(*experienceToPlay), playerOptions);
        if (!created) return commandFailed(cmd, created.error().message);
        experiencePlayer = std::move(*created);
        const auto& exp = experiencePlayer->experience();
        title = experience::localized(exp.metadata.title, experiencePlayer->session().language(),
                                      exp.languages.defaultLanguage);
        outline = outlineOf(exp, experiencePlayer->session().language());
    }

    xr::HeadsetSettings settings;
    settings.ipdMeters = options.ipd;
    settings.startSeated = options.seated;
    xr::SimulatedHeadset headset(settings);
    // The headset path has no posture sensor: a seated station says so on the command line
    // (the desktop reports the simulated headset's posture every frame).
    if (experiencePlayer && options.seated) experiencePlayer->session().setSeated(true);
    if (model) {
        const Fov fov = headset.leftFov();
        const Pose start = render::sceneCameraPose(*model).value_or(
            render::framingPose(scene::computeWorldBounds(*model), fov.angleRight - fov.angleLeft,
                                fov.angleUp - fov.angleDown));
        headset.placeHead(start);
    } else {
        // The tracking origin on the floor; the session's rig puts the visitor in the world.
        Pose start;
        start.position = {0.0f, settings.standingEyeHeight, 0.0f};
        headset.placeHead(start);
    }
    const Fov leftFov = headset.leftFov();
    const float eyeAspect = (std::tan(leftFov.angleRight) - std::tan(leftFov.angleLeft)) /
                            (std::tan(leftFov.angleUp) - std::tan(leftFov.angleDown));

    std::unique_ptr<xr::Display> display;
    xr::WindowDisplay* window = nullptr;
    std::unique_ptr<ui::DebugOverlay> overlay;
    xr::OpenXrDisplay* openxr = headsetDisplay.get();
    // A headset's compositor shows panels and captions sharper than the eye images can.
    if (openxr && experiencePlayer) {
        experiencePlayer->useCompositorLayers(openxr->compositorLayers());
        experiencePlayer->setSeeThroughDisplay(openxr->canSeeThrough(), openxr->alwaysSeeThrough());
    }
    if (headsetDisplay) {
        display = std::move(headsetDisplay);
    } else if (glfw) {
        xr::WindowOptions windowOptions;
        windowOptions.title = "xrshow - " + title;
        windowOptions.width = width;
        windowOptions.height = height;
        windowOptions.mailbox = options.mailbox;
        windowOptions.stereoMode = stereoMode;
        auto created = xr::WindowDisplay::create(context, *glfw, windowOptions);
        if (!created) return commandFailed(cmd, created.error().message);
        window = created->get();
        display = std::move(*created);
        if (options.overlay != "off") {
            auto made = ui::DebugOverlay::create(context);
            if (!made) return commandFailed(cmd, made.error().message);
            overlay = std::move(*made);
        }
    } else {
        // Multiples of 8, as the window's eye images (see WindowDisplay::beginFrame).
        const auto eyeHeight = std::max(8u, height / 8u * 8u);
        const VkExtent2D eyeExtent{
            std::max(8u, static_cast<std::uint32_t>(std::lround(static_cast<float>(eyeHeight) * eyeAspect / 8.0f)) * 8u),
            eyeHeight};
        auto created = xr::HeadlessDisplay::create(context, eyeExtent);
        if (!created) return commandFailed(cmd, created.error().message);
        display = std::make_unique<xr::HeadlessDisplay>(std::move(*created));
    }

    // Headless stops by itself (an experience after its first fade-in); a window runs until
    // closed, a headset until the session ends.
    const std::uint64_t headlessFrames = experiencePlayer ? 30 : 10;
    const std::uint64_t frameLimit = options.frames > 0 ? options.frames : (window || openxr ? 0 : headlessFrames);
    const float fixedStepSeconds = 1.0f / options.stepHz;
    // A headset's frames are as far apart as their predicted display times.
    std::int64_t previousDisplayTimeNs = 0;
    cli::DesktopVisitorInput desktopVisitor;
    cli::HeadsetVisitorInput headsetVisitor;
    bool tourFinished = false;
    ui::OverlayToggles toggles;
    toggles.stereoMode = static_cast<int>(stereoMode);
    toggles.showStats = options.overlay == "full";
    toggles.wireframeAvailable = (*renderer)->wireframeAvailable();
    toggles.debugView = static_cast<int>(rendererSettings.debugView);
    bool overlayVisible = overlay != nullptr;
    xr::InputState scriptedInput; // scripted runs ignore the live mouse and keyboard
    xr::InputState headlessInput;
    int exitCode = 0;
    std::vector<std::string> written;

    {
        gpu::FrameRing frames(context);
        if (window && overlay)
            window->setOverlay([&](VkCommandBuffer c, std::uint32_t slot, const xr::CompositionTarget& target) {
                if (overlayVisible) overlay->record(c, slot, frames, target.view, target.extent, target.format);
            });
        // The scene, the experience's or the model's, drawn into the display's output.
        auto recordScene = [&](gpu::FrameContext& f, gpu::FrameRing& ring, const xr::DisplayFrame& shown, float dt) {
            const float pixelsPerRadian = video::displayPixelsPerRadian(static_cast<int>(shown.output.extent.width),
                                                                        shown.tracking.views.eyes[0].fov);
            if (experiencePlayer) {
                experiencePlayer->record(f, ring, shown.tracking.views, shown.tracking.gazeDirection, shown.output,
                                         pixelsPerRadian, dt, shown.inset);
                if (openxr) {
                    openxr->setCompositorQuads(experiencePlayer->compositorQuads());
                    openxr->setSeeThrough(experiencePlayer->seeThroughFrame());
                }
                return;
            }
            render::SceneDrawOptions sceneOptions;
            // An optical see-through headset (no opaque mode) shows the model in the room.
            sceneOptions.seeThrough = openxr && openxr->alwaysSeeThrough();
            if (tiledImages) {
                tiledImages->update(f, {shown.tracking.views, shown.tracking.gazeDirection, pixelsPerRadian, dt},
                                    /*waitForTiles=*/fixedStep);
                sceneOptions.tiledImageSets = tiledImages->sets();
            }
            (*renderer)->record(f, ring, gpuScene.get(), shown.tracking.views, lighting, shown.output, nullptr,
                                nullptr, sceneOptions);
            if (shown.inset)
                (*renderer)->record(f, ring, gpuScene.get(), shown.inset->views, lighting, shown.inset->output, nullptr,
                                    nullptr, sceneOptions);
        };
        auto last = std::chrono::steady_clock::now();
        double cpuMs = 0.0;
        std::uint64_t framesNotShown = 0; // minimised window, headset not showing the app
        for (std::uint64_t index = 0; frameLimit == 0 || index < frameLimit; ++index) {
            if (!display->pollEvents()) {
                if (openxr && !openxr->exitReason().empty()) {
                    std::fprintf(stderr, "xrshow run: %s\n", openxr->exitReason().c_str());
                    exitCode = 1;
                }
                break;
            }
            xr::InputState& input = script ? scriptedInput : window ? window->input() : headlessInput;
            if (script)
                for (const xr::WindowRequest& request : script->apply(index, input))
                    if (window) window->apply(request);
            if (!script && input.pressed(xr::Key::Escape)) break;

            const auto now = std::chrono::steady_clock::now();
            float dt = fixedStep ? fixedStepSeconds
                                 : std::min(std::chrono::duration<float>(now - last).count(), 0.1f);
            cpuMs = std::chrono::duration<double, std::milli>(now - last).count();
            last = now;

            if (input.pressed(xr::Key::V)) toggles.stereoMode = static_cast<int>(xr::nextStereoMode(
                                               static_cast<xr::StereoMode>(toggles.stereoMode)));
            if (input.pressed(xr::Key::H)) overlayVisible = !overlayVisible && overlay;
            const auto mode = static_cast<xr::StereoMode>(toggles.stereoMode);
            if (window) window->setStereoMode(mode);
            const glm::vec2 windowSize = window ? window->framebufferSize()
                                                : glm::vec2(static_cast<float>(width), static_cast<float>(height));
            const auto cursorUv = xr::leftEyeUvAt(mode, windowSize, eyeAspect, input.cursor);
            xr::InputFocus focus;
            focus.uiHasMouse = overlayVisible && overlay->wantsMouse();
            headset.update(input, dt, cursorUv, focus);

            gpu::FrameContext& frame = frames.begin();
            const auto shots = screenshotsAt.find(index);
            if (shots != screenshotsAt.end()) display->requestScreenshot();
            const xr::DisplayFrame shown = display->beginFrame(frame, frames, headset.tracking());
            if (openxr) {
                const std::int64_t elapsedNs = shown.predictedDisplayTimeNs - previousDisplayTimeNs;
                // Capped so that a long stall (a breakpoint, a runtime hiccup) is not one big jump.
                if (previousDisplayTimeNs != 0 && elapsedNs > 0) dt = std::min(static_cast<float>(elapsedNs) * 1e-9f, 0.25f);
                previousDisplayTimeNs = shown.predictedDisplayTimeNs;
            }
            if (!shown.shouldRender) {
                XRS_LOG_DEBUG("run: frame {} not shown (window minimised)", index);
                ++framesNotShown;
            }
            if (experiencePlayer && openxr) {
                // Nobody to show it to (the headset is off, or shows the runtime's own screens):
                // the experience waits rather than play its tour to an empty room.
                const bool away = !openxr->userPresent() || !shown.shouldRender;
                if (away != experiencePlayer->paused())
                    XRS_LOG_INFO("run: {}", away ? "the headset is off or not showing us; the experience waits"
                                                 : "the visitor is back; the experience goes on");
                experiencePlayer->setPaused(away);
            }
            if (experiencePlayer) {
                runtime::ExperienceSession& session = experiencePlayer->session();
                // The cursor points only where there is one: a window, or a script moving it.
                const bool mousePointer = window != nullptr || script.has_value();
                const runtime::VisitorInput visitor =
                    openxr ? headsetVisitor.read(openxr->input(), shown.tracking.views, dt)
                           : desktopVisitor.read(input, headset, shown.tracking.views, mousePointer, dt);
                // From the next frame on, the views are located in the recentred space.
                if (openxr && headsetVisitor.takeRecenterRequest()) openxr->recenter();
                if (input.pressed(xr::Key::N)) session.nextTourStop();
                if (input.pressed(xr::Key::B)) session.previousTourStop();
                if (input.pressed(xr::Key::L)) {
                    const auto& available = session.availableLanguages();
                    const auto at = std::find(available.begin(), available.end(), session.language());
                    const auto next = at == available.end() || at + 1 == available.end() ? available.begin() : at + 1;
                    if (next != available.end()) (void)session.setLanguage(*next);
                }
                experiencePlayer->update(visitor, dt);
                for (const runtime::SessionEvent& event : experiencePlayer->frame().events) {
                    std::printf("frame %llu: %s\n", static_cast<unsigned long long>(index), runtime::describe(event).c_str());
                    if (event.type == runtime::SessionEventType::TourFinished) tourFinished = true;
                }
            }
            if (shown.shouldRender) {
                recordScene(frame, frames, shown, dt);
                if (overlay && overlayVisible) {
                    ui::OverlayInput overlayInput;
                    overlayInput.displaySize = windowSize;
                    overlayInput.mouse = input.cursor;
                    for (std::size_t b = 0; b < 3; ++b) overlayInput.buttons[b] = input.buttonsDown[b];
                    overlayInput.wheel = input.scroll;
                    overlayInput.deltaSeconds = dt;
                    ui::OverlayStats stats;
                    stats.frameNumber = index;
                    stats.cpuMilliseconds = cpuMs;
                    stats.gpuMilliseconds = frames.lastGpuMilliseconds();
                    stats.deviceName = context.info().name;
                    const Pose head = headset.headPose();
                    stats.headPosition = head.position;
                    stats.yawDegrees = headset.yawDegrees();
                    stats.pitchDegrees = headset.pitchDegrees();
                    stats.gazeDirection = headset.gazeDirection().value_or(glm::vec3(0.0f, 0.0f, -1.0f));
                    stats.gazeLocked = headset.gazeLocked();
                    stats.seated = headset.seated();
                    stats.fovScale = headset.fovScale();
                    stats.ipdMillimetres = headset.settings().ipdMeters * 1000.0f;
                    stats.title = "xrshow 桌面预览 · " + title;
                    stats.outline = &outline;
                    const render::TiledImages* streamed =
                        experiencePlayer ? experiencePlayer->stage().tiledImages() : tiledImages.get();
                    if (streamed) stats.streaming.push_back(render::describe(streamed->stats()));
                    // The gaze marker: where the gaze direction meets the left eye's image.
                    const glm::vec3 local = glm::conjugate(head.orientation) * stats.gazeDirection;
                    if (local.z < 0.0f) {
                        const Fov fov = headset.leftFov();
                        const float x = local.x / -local.z, y = local.y / -local.z;
                        const glm::vec2 uv((x - std::tan(fov.angleLeft)) / (std::tan(fov.angleRight) - std::tan(fov.angleLeft)),
                                           (std::tan(fov.angleUp) - y) / (std::tan(fov.angleUp) - std::tan(fov.angleDown)));
                        const xr::PixelRect rect = xr::eyeRect(mode, windowSize, eyeAspect, 0);
                        stats.gazePixel = rect.origin + uv * rect.size;
                    }
                    overlay->build(overlayInput, stats, toggles);
                    (*renderer)->setWireframe(toggles.wireframe); // from the next frame
                    (*renderer)->setDebugView(static_cast<render::DebugView>(toggles.debugView));
                }
            }
            display->endFrame(frame, frames);
            XRS_LOG_DEBUG("run: frame {} CPU {:.1f} ms, GPU {:.1f} ms (frame {})", index, cpuMs,
                          frames.lastGpuMilliseconds(), index >= gpu::kFramesInFlight ? index - gpu::kFramesInFlight : 0);

            if (shots != screenshotsAt.end()) {
                auto image = display->collectScreenshot(frames);
                for (const std::string& path : shots->second) {
                    if (!image) {
                        std::fprintf(stderr, "xrshow run: frame %llu was not shown (minimised?); no %s\n",
                                     static_cast<unsigned long long>(index), path.c_str());
                        exitCode = 1;
                        continue;
                    }
                    if (auto s = writeScreenshot(*image, path); !s) return commandFailed(cmd, s.error().message);
                    std::printf("wrote %s (frame %llu, %dx%d)\n", path.c_str(),
                                static_cast<unsigned long long>(index), image->width, image->height);
                    written.push_back(path);
                }
            }
            // The last headless frame is always written, so a headless run shows something.
            if (!window && !openxr && screenshotsAt.empty() && index + 1 == frameLimit) {
                display->requestScreenshot();
                gpu::FrameContext& again = frames.begin();
                const xr::DisplayFrame repeat = display->beginFrame(again, frames, headset.tracking());
                recordScene(again, frames, repeat, 0.0f);
                display->endFrame(again, frames);
                const std::string path = "xrshow-run.png";
                if (auto image = display->collectScreenshot(frames)) {
                    if (auto s = writeScreenshot(*image, path); !s) return commandFailed(cmd, s.error().message);
                    std::printf("headless: wrote %s (both eyes side by side, %dx%d)\n",
                                std::filesystem::absolute(path).c_str(), image->width, image->height);
                }
            }
            input.startNextFrame();
            if (tourFinished && options.untilTourEnd) {
                std::printf("tour finished at frame %llu\n", static_cast<unsigned long long>(index));
                break;
            }
        }
        frames.drain();
        if (framesNotShown > 0)
            std::printf("%llu frames not shown (%s)\n", static_cast<unsigned long long>(framesNotShown),
                        openxr ? "the headset did not show the application" : "the window was minimised");
        window = nullptr;
        openxr = nullptr;
        display.reset(); // before the frame ring and the overlay it records with
        if (experiencePlayer) {
            for (const std::string& problem : experiencePlayer->session().assetProblems())
                std::fprintf(stderr, "xrshow run: %s\n", problem.c_str());
            for (const std::string& problem : experiencePlayer->stage().problems())
                std::fprintf(stderr, "xrshow run: %s\n", problem.c_str());
        }
        experiencePlayer.reset(); // its GPU objects before the frame ring's last retirements
        tiledImages.reset();
        gpuScene.reset();
    }
    if (!reportValidation(context)) return commandFailed(cmd, "Vulkan validation reported problems");
    return exitCode;
}

} // namespace

void registerRunCommand(CLI::App& app, const GlobalOptions& global, int& exitCode) {
    auto options = std::make_shared<RunOptions>();
    auto* command = app.add_subcommand("run", "Show an experience or model: in a window with a simulated "
                                              "headset, or headless when there is no display");
    command->add_option("target", options->target, "Experience folder or glTF/GLB/FBX/OBJ model")->required();
    command->add_option("--display", options->display,
                        "auto: an OpenXR headset if one is connected, else a window when a display exists, else headless")
        ->check(CLI::IsMember({"auto", "xr", "window", "headless"}))->capture_default_str();
    command->add_option("--script", options->scriptPath, "Replay timed input events (see xr/InputScript.h)");
    command->add_option("--debug-view", options->debugView,
                        "Show surface normals or the 360° video's tiles by level instead of the shaded frame")
        ->check(CLI::IsMember({"none", "normals", "video-tiles"}))->capture_default_str();
    command->add_option("--frames", options->frames, "Stop after N frames (0: until closed; headless: 10)");
    command->add_option("--screenshot-at", options->screenshots, "Write frame N to a PNG: --screenshot-at N path.png")
        ->expected(2)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    command->add_flag("--fixed-step", options->fixedStep, "Advance a fixed step per frame (always on with --script)");
    command->add_option("--step-hz", options->stepHz,
                        "Fixed steps per second (a headset's frames follow its display times instead)")
        ->check(CLI::Range(1.0f, 1000.0f))->capture_default_str();
    command->add_option("--size", options->size, "Window size WxH (headless: eye height)")->capture_default_str();
    command->add_option("--stereo", options->stereo, "left, sbs (side by side) or anaglyph")
        ->check(CLI::IsMember({"left", "sbs", "anaglyph"}))->capture_default_str();
    command->add_option("--overlay", options->overlay, "full, label (title line only) or off")
        ->check(CLI::IsMember({"full", "label", "off"}))->capture_default_str();
    command->add_flag("--mailbox", options->mailbox, "MAILBOX present mode instead of FIFO (vsync)");
    command->add_option("--ipd", options->ipd, "Interpupillary distance, metres")->capture_default_str();
    command->add_option("--samples", options->samples,
                        "MSAA samples (1, 2, 4, 8; default 4, or 1 on a CPU device for experiences made only of 360° scenes)")
        ->check(CLI::IsMember({1, 2, 4, 8}));
    command->add_option("--lang", options->language, "Experiences: language of text and subtitles (default: the experience's)");
    command->add_flag("--mute", options->mute, "Experiences: no audio device (narration keeps time, subtitles show)");
    command->add_flag("--until-tour-end", options->untilTourEnd, "Experiences: exit when the tour's last stop has ended");
    command->add_flag("--seated", options->seated,
                      "Experiences: a seated station; the view is lifted to standing eye height (headset: press "
                      "menu once seated to measure; desktop: C toggles)");
    command->callback([&global, &exitCode, options] { exitCode = runRun(global, *options); });
}

} // namespace xrs::cli
