// Golden thumbnails of the museum-tour: the hall rendered headless on lavapipe from every tour
// stop's pose with the experience's own lighting (sun, sky, exposure), left eye, 160x90.
// Goldens are made from content generated at the default texture size; other sizes skip.
//
// Hidden test "[.preview]": writes 480x270 views of every stop to $XRS_MUSEUM_PREVIEW_DIR for
// looking at the content while designing it.
#include "GpuTest.h"
#include "ImageCompare.h"
#include "MuseumTour.h"

#include "experience/ExperienceIO.h"
#include "player/SceneLighting.h"
#include "scene/SceneImporter.h"
#include "xr/StillRender.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace xrs;

namespace {

struct LoadedTour {
    experience::Experience experience;
    scene::Scene model;
};

LoadedTour loadTour() {
    auto parsed = experience::readExperience(test::museumTourFolder());
    REQUIRE(parsed.diagnostics.empty());
    const auto& hall = parsed.experience.scenes.at(0);
    REQUIRE(hall.models.size() == 1);
    auto model = scene::importScene(parsed.experience.folder / hall.models[0].path);
    INFO((model.ok() ? std::string() : model.error().message));
    REQUIRE(model.ok());
    return {std::move(parsed.experience), std::move(*model)};
}

ImageRGBA8 renderStop(gpu::Context& context, const LoadedTour& tour, const experience::TourStop& stop,
                      VkExtent2D extent) {
    REQUIRE(stop.pose);
    const float aspect = static_cast<float>(extent.width) / static_cast<float>(extent.height);
    const Fov fov = symmetricFov(glm::radians(80.0f), aspect);
    xr::StillRequest request;
    request.scene = &tour.model;
    request.eyeExtent = extent;
    request.views.eyes = stereoEyes(test::headPoseFor(*stop.pose), 0.063f, fov, fov);
    request.lighting = player::lightingFor(tour.experience.scenes[0], tour.model);
    auto still = xr::renderStill(context, request);
    REQUIRE(still.ok());
    return still->eyes[0];
}

} // namespace

TEST_CASE("golden: museum-tour from every tour stop", "[content][golden]") {
    if (XRS_MUSEUM_TEXTURE_SIZE != 512) {
        WARN("museum-tour goldens are made at XRS_MUSEUM_TEXTURE_SIZE=512; this build uses another size");
        return;
    }
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    const LoadedTour tour = loadTour();
    for (const auto& stop : tour.experience.tour) {
        const std::string name = "museum_tour_" + stop.id.value();
        INFO(name);
        const auto result = test::checkGolden(renderStop(context, tour, stop, {160, 90}), name);
        INFO(result.summary);
        CHECK(result.pass);
    }
    test::requireValidationClean(context);
}

TEST_CASE("museum-tour preview renders", "[.preview]") {
    const char* out = std::getenv("XRS_MUSEUM_PREVIEW_DIR");
    REQUIRE(out != nullptr);
    XRS_GPU_TEST_CONTEXT(context);
    const LoadedTour tour = loadTour();
    std::filesystem::create_directories(out);
    for (const auto& stop : tour.experience.tour) {
        const auto file = std::filesystem::path(out) / (stop.id.value() + ".png");
        REQUIRE(writePng(renderStop(context, tour, stop, {480, 270}), file).ok());
    }
    test::requireValidationClean(context);
}
