// Golden thumbnails of the art-exhibition: the gallery rendered headless on lavapipe from every
// tour stop's pose with the experience's own lighting, left eye, 160x90. Goldens are made from
// content generated at the default sizes; other sizes skip.
//
// Hidden test "[.preview]": writes 480x270 views of every stop to $XRS_ART_PREVIEW_DIR for
// looking at the content while designing it.
#include "ArtExhibition.h"
#include "GpuTest.h"
#include "ImageCompare.h"
#include "MuseumTour.h"

#include "experience/ExperienceIO.h"
#include "player/SceneLighting.h"
#include "render/Lighting.h"
#include "scene/SceneImporter.h"
#include "xr/StillRender.h"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace xrs;

namespace {

struct LoadedGallery {
    experience::Experience experience;
    scene::Scene model;
};

LoadedGallery loadGallery() {
    auto parsed = experience::readExperience(test::artExhibitionFolder());
    REQUIRE(parsed.diagnostics.empty());
    const auto& gallery = parsed.experience.scenes.at(0);
    REQUIRE(gallery.models.size() == 1);
    auto model = scene::importScene(parsed.experience.folder / gallery.models[0].path);
    INFO((model.ok() ? std::string() : model.error().message));
    REQUIRE(model.ok());
    return {std::move(parsed.experience), std::move(*model)};
}

ImageRGBA8 renderStop(gpu::Context& context, const LoadedGallery& gallery, const experience::TourStop& stop,
                      VkExtent2D extent) {
    REQUIRE(stop.pose);
    const float aspect = static_cast<float>(extent.width) / static_cast<float>(extent.height);
    const Fov fov = symmetricFov(glm::radians(80.0f), aspect);
    xr::StillRequest request;
    request.scene = &gallery.model;
    request.eyeExtent = extent;
    request.views.eyes = stereoEyes(test::headPoseFor(*stop.pose), 0.063f, fov, fov);
    request.lighting = player::lightingFor(gallery.experience.scenes[0], gallery.model);
    auto still = xr::renderStill(context, request);
    REQUIRE(still.ok());
    return still->eyes[0];
}

} // namespace

TEST_CASE("golden: art-exhibition from every tour stop", "[content][golden]") {
    if (XRS_ART_PAINTING_SIZE != 768 || XRS_ART_SCROLL_FULL) {
        WARN("art-exhibition goldens are made at the default painting and scroll sizes; this build uses others");
        return;
    }
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    const LoadedGallery gallery = loadGallery();
    for (const auto& stop : gallery.experience.tour) {
        const std::string name = "art_exhibition_" + stop.id.value();
        INFO(name);
        const auto result = test::checkGolden(renderStop(context, gallery, stop, {160, 90}), name);
        INFO(result.summary);
        CHECK(result.pass);
    }
    test::requireValidationClean(context);
}

TEST_CASE("art-exhibition preview renders", "[.preview]") {
    const char* out = std::getenv("XRS_ART_PREVIEW_DIR");
    REQUIRE(out != nullptr);
    XRS_GPU_TEST_CONTEXT(context);
    const LoadedGallery gallery = loadGallery();
    std::filesystem::create_directories(out);
    for (const auto& stop : gallery.experience.tour) {
        const auto file = std::filesystem::path(out) / (stop.id.value() + ".png");
        REQUIRE(writePng(renderStop(context, gallery, stop, {480, 270}), file).ok());
    }
    test::requireValidationClean(context);
}
