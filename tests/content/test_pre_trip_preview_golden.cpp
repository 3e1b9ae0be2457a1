// Golden views of pre-trip-preview from every tour stop: the stop's panorama played through the
// tiled video path (VideoPlayer, settled: every wanted tile of video frame 0 resident), seen
// from the stop's yaw and pitch, left eye, 160x90 with an 80° field of view.
//
// The panoramas were rendered by this machine's Vulkan device while building, so the comparison
// runs only where that device is the goldens' rasterizer (lavapipe) and at the CI capture size.
//
// Hidden test "[.preview]": writes 480x270 views of every stop to $XRS_PTP_PREVIEW_DIR.
#include "ExperienceFolder.h"
#include "GpuTest.h"
#include "ImageCompare.h"
#include "MuseumTour.h"
#include "VideoHarness.h"

#include "experience/ExperienceIO.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using namespace xrs;

namespace {

experience::Experience readExperience() {
    auto parsed = experience::readExperience(test::experienceFolder("pre-trip-preview"));
    for (const auto& diagnostic : parsed.diagnostics) UNSCOPED_INFO(experience::formatDiagnostic(diagnostic));
    REQUIRE(parsed.diagnostics.empty());
    return std::move(parsed.experience);
}

ImageRGBA8 viewFromStop(gpu::Context& context, const experience::Experience& experience,
                        const experience::TourStop& stop, VkExtent2D extent) {
    const experience::Scene* scene = nullptr;
    for (const auto& candidate : experience.scenes)
        if (candidate.id == stop.scene) scene = &candidate;
    REQUIRE(scene != nullptr);
    REQUIRE(scene->video);
    REQUIRE(stop.pose);
    test::VideoHarness harness(context, experience.folder / *scene->video, extent);
    ImageRGBA8 both;
    const auto upload = harness.frame(test::headPoseFor(*stop.pose), true, &both, 80.0f);
    CHECK(upload.displayedFrame == 0);
    return crop(both, 0, 0, both.width / 2, both.height);
}

} // namespace

TEST_CASE("golden: pre-trip-preview from every tour stop", "[content][golden][pretrip]") {
    if (std::string(XRS_PTP_PANO_SIZE) != "2048x1024" || XRS_PTP_FRAMES != 15) {
        WARN("pre-trip-preview goldens are made at the CI capture size (2048x1024, 15 frames); this build differs");
        return;
    }
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    const auto experience = readExperience();
    REQUIRE(experience.tour.size() == 2);
    for (const auto& stop : experience.tour) {
        const std::string name = "pre_trip_preview_" + stop.id.value();
        INFO(name);
        const auto result = test::checkGolden(viewFromStop(context, experience, stop, {160, 90}), name);
        INFO(result.summary);
        CHECK(result.pass);
    }
    test::requireValidationClean(context);
}

TEST_CASE("pre-trip-preview preview renders", "[.preview]") {
    const char* out = std::getenv("XRS_PTP_PREVIEW_DIR");
    REQUIRE(out != nullptr);
    XRS_GPU_TEST_CONTEXT(context);
    const auto experience = readExperience();
    std::filesystem::create_directories(out);
    for (const auto& stop : experience.tour)
        REQUIRE(writePng(viewFromStop(context, experience, stop, {480, 270}), std::filesystem::path(out) / (stop.id.value() + ".png")).ok());
    test::requireValidationClean(context);
}
