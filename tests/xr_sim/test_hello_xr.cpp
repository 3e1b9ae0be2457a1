// An independent client checks the simulated runtime: Debian's hello_xr (the Khronos sample)
// runs against it through the real loader, under the OpenXR core validation layer and the
// Vulkan validation layer, until the script makes the runtime exit at frame 30. The simulator's
// capture of frame 10 must show what hello_xr draws.
#include "core/Image.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Run {
    int exitCode = -1;
    std::string log;
};

Run runHelloXr(const std::string& graphics, const fs::path& captureDir) {
    fs::remove_all(captureDir);
    fs::create_directories(captureDir);
    const fs::path logPath = captureDir / "hello_xr.log";
    // hello_xr quits when a key arrives on stdin, so stdin is a pipe that stays open.
    std::ostringstream command;
    command << "XR_RUNTIME_JSON='" << XRS_XR_SIM_MANIFEST << "' "
            << "XRS_XR_SIM_SCRIPT='" << XRS_XR_SIM_SCRIPTS << "/hello_xr.json' "
            << "XRS_XR_SIM_CAPTURE_DIR='" << captureDir.string() << "' "
            << "XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation "
            << "VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation "
            << "timeout 300 bash -c 'hello_xr -g " << graphics << " < <(sleep 300)' > '" << logPath.string()
            << "' 2>&1";
    const int status = std::system(command.str().c_str());
    Run run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream file(logPath);
    run.log.assign(std::istreambuf_iterator<char>(file), {});
    return run;
}

int countMatches(const std::string& text, const std::regex& pattern) {
    return static_cast<int>(std::distance(std::sregex_iterator(text.begin(), text.end(), pattern), {}));
}

void checkRun(const std::string& graphics) {
    const fs::path dir = fs::temp_directory_path() / ("xrs_hello_xr_" + graphics);
    const Run run = runHelloXr(graphics, dir);
    INFO(run.log.substr(run.log.size() > 6000 ? run.log.size() - 6000 : 0));
    CHECK(run.exitCode == 0);
    // Core validation layer ("VALID_ERROR", "VUID-...") and Vulkan validation ("Validation Error").
    CHECK(countMatches(run.log, std::regex("VALID_ERROR|VALID_WARNING|VUID-|Validation (Error|Warning)")) == 0);
    // The whole lifecycle, in order, ending in a clean exit.
    const std::regex lifecycle(
        "IDLE->XR_SESSION_STATE_READY[\\s\\S]*READY->XR_SESSION_STATE_SYNCHRONIZED[\\s\\S]*"
        "VISIBLE->XR_SESSION_STATE_FOCUSED[\\s\\S]*SYNCHRONIZED->XR_SESSION_STATE_STOPPING[\\s\\S]*"
        "IDLE->XR_SESSION_STATE_EXITING");
    CHECK(std::regex_search(run.log, lifecycle));

    for (int view = 0; view < 2; ++view) {
        const auto image = xrs::readPng(dir / ("frame10_layer0_view" + std::to_string(view) + ".png"));
        REQUIRE(image.ok());
        CHECK(image->width == 256);
        CHECK(image->height == 256);
        // hello_xr clears to DarkSlateGray (linear 0.184, 0.310, 0.310) into an sRGB swapchain.
        const xrs::Rgba8 clear{xrs::linearToSrgb8(0.184313729f), xrs::linearToSrgb8(0.309803933f),
                               xrs::linearToSrgb8(0.309803933f), 255};
        const xrs::Rgba8 corner = image->pixel(2, 2);
        CHECK(std::abs(corner.r - clear.r) <= 1);
        CHECK(std::abs(corner.g - clear.g) <= 1);
        CHECK(std::abs(corner.b - clear.b) <= 1);
        // Its cubes have pure red, green and blue faces: the lower half must show some.
        int blue = 0;
        for (int y = 128; y < 256; ++y)
            for (int x = 0; x < 256; ++x) {
                const xrs::Rgba8 p = image->pixel(x, y);
                if (p.b > 200 && p.r < 40 && p.g < 40) ++blue;
            }
        CHECK(blue > 500);
    }
}

} // namespace

TEST_CASE("hello_xr -g Vulkan2 runs against the simulated runtime with validation", "[xr_sim]") {
    checkRun("Vulkan2");
}

TEST_CASE("hello_xr -g Vulkan (XR_KHR_vulkan_enable) runs against the simulated runtime", "[xr_sim]") {
    checkRun("Vulkan");
}
