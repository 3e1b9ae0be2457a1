// End-to-end runs of `xrshow run`: a real window under Xvfb (xvfb-run) on lavapipe with scripted
// input and golden screenshots, window resizes mid-run, and the no-display paths. Every run
// that renders uses --validate: the command fails if the validation layer reported anything.
#include "ImageCompare.h"

#include "core/Image.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace xrs;
namespace fs = std::filesystem;

namespace {

const std::string kXrshow = XRS_XRSHOW_PATH;
const fs::path kScripts = fs::path(XRS_WINDOW_TEST_DIR) / "scripts";
const fs::path kScene = fs::path(XRS_WINDOW_TEST_DIR) / "../data/scenes/pbr_spheres.gltf";

struct RunResult {
    int exitCode = -1;
    std::string output; // stdout and stderr
};

RunResult runShell(const std::string& command) {
    RunResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer;
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) result.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

fs::path outputDirectory(const std::string& test) {
    const fs::path dir = fs::temp_directory_path() / ("xrs-window-tests-" + std::to_string(getpid())) / test;
    fs::create_directories(dir);
    return dir;
}

bool haveXvfb() {
    if (runShell("command -v xvfb-run").exitCode == 0) return true;
    WARN("window test skipped: xvfb-run is not installed (Debian package xvfb)");
    return false;
}

bool haveWindowManager() {
    if (runShell("command -v twm").exitCode == 0) return true;
    WARN("minimise not checked: twm is not installed (tools/deps.sh installs it)");
    return false;
}

// `xrshow --validate run <args>` in a window on a fresh Xvfb server; `managed`: with twm
// managing it (windows placed at once, see scripts/twmrc; the C locale, as Xvfb has fonts for
// nothing else), so that minimise really happens.
RunResult runInWindow(const std::string& args, bool managed = false) {
    const std::string run = "'" + kXrshow + "' --validate run '" + kScene.string() + "' --display window " + args;
    const std::string command =
        managed ? "sh -c \"LC_ALL=C twm -f '" + (kScripts / "twmrc").string() + "' >/dev/null 2>&1 & exec " + run +
                      "\""
                : run;
    const RunResult result = runShell("LP_NUM_THREADS=2 xvfb-run -a -s '-screen 0 1280x1024x24' " + command);
    INFO(result.output);
    REQUIRE(result.exitCode == 0);
    CHECK(result.output.find("validation: 0 errors, 0 warnings") != std::string::npos);
    return result;
}

bool isGoldenDevice(const RunResult& run) {
    if (run.output.find("Vulkan device: llvmpipe") != std::string::npos) return true;
    WARN("golden comparison skipped: goldens are pinned to lavapipe");
    return false;
}

ImageRGBA8 readImage(const fs::path& path) {
    auto image = readPng(path);
    INFO(path.string());
    REQUIRE(image.ok());
    return std::move(image).value();
}

ImageRGBA8 stackVertically(const std::vector<ImageRGBA8>& images) {
    ImageRGBA8 out(images[0].width, images[0].height * static_cast<int>(images.size()));
    std::size_t offset = 0;
    for (const ImageRGBA8& image : images) {
        REQUIRE(image.width == images[0].width);
        std::copy(image.pixels.begin(), image.pixels.end(), out.pixels.begin() + static_cast<std::ptrdiff_t>(offset));
        offset += image.pixels.size();
    }
    return out;
}

void requireGolden(const ImageRGBA8& image, const std::string& name) {
    const auto result = test::checkGolden(image, name);
    INFO(result.summary);
    REQUIRE(result.pass);
}

} // namespace

TEST_CASE("window: scripted 90-degree head turn and walk, golden screenshots", "[window][golden]") {
    if (!haveXvfb()) return;
    const fs::path out = outputDirectory("turn");
    // Frames: 0 start, 6 turned 45 degrees right, 13 turned 90, 69 walked ~1 m and turned back.
    std::string shots;
    for (int frame : {0, 6, 13, 69})
        shots += " --screenshot-at " + std::to_string(frame) + " '" + (out / (std::to_string(frame) + ".png")).string() + "'";
    const RunResult run = runInWindow("--script '" + (kScripts / "turn_and_walk.txt").string() +
                                      "' --frames 70 --size 320x184 --stereo sbs --overlay off" + shots);
    std::vector<ImageRGBA8> frames;
    for (int frame : {0, 6, 13, 69}) frames.push_back(readImage(out / (std::to_string(frame) + ".png")));
    CHECK(frames[0].width == 320);
    CHECK(frames[0].height == 184);
    // The turn and the walk changed the view (not just noise): compare start and end.
    CHECK_FALSE(test::compareImages(frames[0], frames[3]).pass);
    if (!isGoldenDevice(run)) return;
    requireGolden(stackVertically(frames), "window_turn_and_walk_sbs");
}

TEST_CASE("window: the overlay's Chinese label renders glyphs (golden crop)", "[window][golden]") {
    if (!haveXvfb()) return;
    const fs::path out = outputDirectory("label");
    const RunResult run = runInWindow("--frames 3 --size 480x272 --overlay label --screenshot-at 2 '" +
                                      (out / "label.png").string() + "'");
    const ImageRGBA8 shot = readImage(out / "label.png");
    // The title line "xrshow 桌面预览 · pbr_spheres.gltf" of the fixed tool window at (8, 8).
    const ImageRGBA8 label = crop(shot, 8, 8, 280, 30);
    if (!isGoldenDevice(run)) return;
    requireGolden(label, "window_overlay_cjk_label");
}

TEST_CASE("window: resize and minimise mid-run, the next frames are right", "[window]") {
    if (!haveXvfb()) return;
    const fs::path out = outputDirectory("resize");
    const bool managed = haveWindowManager();
    const RunResult run = runInWindow("--script '" + (kScripts / "resize_minimize.txt").string() +
                                          "' --frames 16 --size 320x200 --overlay off --screenshot-at 4 '" +
                                          (out / "resized.png").string() + "' --screenshot-at 15 '" +
                                          (out / "after.png").string() + "'",
                                      managed);
    // Minimised from frame 6 to frame 9: those frames were not rendered (zero-size swapchain
    // path), and nothing complained.
    if (managed) CHECK(run.output.find("3 frames not shown (the window was minimised)") != std::string::npos);
    // Frame 4 is shown at the new size; after minimise/restore and a resize back, frame 15 equals
    // a run that never resized (nothing moved in between).
    const ImageRGBA8 resized = readImage(out / "resized.png");
    CHECK(resized.width == 480);
    CHECK(resized.height == 272);
    runInWindow("--frames 16 --size 320x200 --overlay off --screenshot-at 15 '" + (out / "reference.png").string() + "'");
    const auto result = test::compareImages(readImage(out / "after.png"), readImage(out / "reference.png"));
    INFO(result.summary);
    CHECK(result.pass);
}

TEST_CASE("window: --display auto without a display falls back to headless and says so", "[window]") {
    const fs::path out = outputDirectory("auto");
    const RunResult run = runShell("cd '" + out.string() + "' && env -u DISPLAY -u WAYLAND_DISPLAY LP_NUM_THREADS=2 '" +
                                   kXrshow + "' --validate run '" + kScene.string() + "' --frames 2 --size 64x64");
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    CHECK(run.output.find("xrshow run: no display: neither DISPLAY nor WAYLAND_DISPLAY is set; rendering "
                          "headless instead of in a window\n") != std::string::npos);
    CHECK(run.output.find("headless: wrote " + (fs::canonical(out) / "xrshow-run.png").string() +
                          " (both eyes side by side, 144x64)") != std::string::npos);
    CHECK(run.output.find("validation: 0 errors, 0 warnings") != std::string::npos);
    const ImageRGBA8 image = readImage(out / "xrshow-run.png");
    CHECK(image.width == 144);
    CHECK(image.height == 64);
}

TEST_CASE("window: --display window without a display fails with one clear line", "[window]") {
    const RunResult run = runShell("env -u DISPLAY -u WAYLAND_DISPLAY '" + kXrshow + "' run '" + kScene.string() +
                                   "' --display window");
    CHECK(run.exitCode == 1);
    CHECK(run.output == "xrshow run: --display window: no display: neither DISPLAY nor WAYLAND_DISPLAY is set\n");
}

TEST_CASE("window: a bad input script fails before anything opens, naming file and line", "[window]") {
    const fs::path out = outputDirectory("badscript");
    const fs::path script = out / "bad.txt";
    { std::FILE* f = std::fopen(script.c_str(), "w"); std::fputs("0 key_down W\n12 wave hello\n", f); std::fclose(f); }
    const RunResult run = runShell("env -u DISPLAY '" + kXrshow + "' run '" + kScene.string() + "' --script '" +
                                   script.string() + "'");
    CHECK(run.exitCode == 1);
    CHECK(run.output.find("xrshow run: " + script.string() + ":2: unknown event 'wave'") == 0);
}
