// `xrshow capture-pano` on the GPU: a golden 256x128 panorama of a test scene, determinism, and
// motion of named nodes between frames. Validation must stay silent.
#include "GpuTest.h"
#include "ImageCompare.h"
#include "PanoramaCapture.h"

#include "core/Paths.h"
#include "render/Lighting.h"
#include "scene/SceneImporter.h"

#include <catch2/catch.hpp>

using namespace xrs;

namespace {

pano::PanoramaSettings smallPanorama(const scene::Scene& scene, glm::vec3 position) {
    pano::PanoramaSettings settings;
    settings.width = 256;
    settings.height = 128;
    settings.position = position;
    settings.lighting = render::lightingFor(scene);
    settings.resampleThreads = 2;
    return settings;
}

scene::Scene importTestScene(const char* name) {
    auto imported = scene::importScene(sourceDirectory() / "tests/data/scenes" / name);
    INFO(name);
    REQUIRE(imported.ok());
    return std::move(*imported);
}

} // namespace

TEST_CASE("golden: 256x128 panorama inside the PBR spheres scene", "[cli][pano][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    scene::Scene scene = importTestScene("pbr_spheres.gltf");
    const glm::vec3 centre = scene::computeWorldBounds(scene).center();
    auto capture = pano::PanoramaCapture::create(context, scene, smallPanorama(scene, centre + glm::vec3(0, 0, 3)));
    REQUIRE(capture.ok());
    CHECK_FALSE((*capture)->animated());
    auto panorama = (*capture)->capture(0.0);
    REQUIRE(panorama.ok());
    const auto result = test::checkGolden(*panorama, "pano_pbr_spheres_256x128");
    INFO(result.summary);
    REQUIRE(result.pass);
    capture->reset();
    test::requireValidationClean(context);
}

TEST_CASE("capture-pano is deterministic and animates named nodes", "[cli][pano]") {
    XRS_GPU_TEST_CONTEXT(context);
    scene::Scene scene = importTestScene("pbr_spheres.gltf");
    const glm::vec3 centre = scene::computeWorldBounds(scene).center();
    const glm::vec3 eye = centre + glm::vec3(0, 0, 3);
    ImageRGBA8 first, second;
    {
        auto capture = pano::PanoramaCapture::create(context, scene, smallPanorama(scene, eye));
        REQUIRE(capture.ok());
        first = *(*capture)->capture(0.0);
        // Same capture object, again: identical bytes (no state leaks from frame to frame).
        second = *(*capture)->capture(0.0);
    }
    CHECK(first == second);
    {
        auto capture = pano::PanoramaCapture::create(context, scene, smallPanorama(scene, eye));
        REQUIRE(capture.ok());
        CHECK(*(*capture)->capture(0.0) == first); // and with a fresh renderer
    }

    // Turning the whole scene about the eye by 90 degrees in 1 s moves the picture by a quarter
    // of the panorama's width: the frame at t = 1 s equals the frame at t = 0 shifted by 64 px.
    scene::Scene spinning = scene;
    const std::uint32_t oldRoot = spinning.root;
    scene::Node pivot;
    pivot.name = "pivot@spinY=90";
    pivot.localTransform[3] = glm::vec4(eye, 1.0f);
    scene::Node offset;
    offset.name = "offset";
    offset.localTransform[3] = glm::vec4(-eye, 1.0f);
    spinning.nodes.push_back(pivot);
    spinning.nodes.push_back(offset);
    const auto pivotIndex = static_cast<std::uint32_t>(spinning.nodes.size() - 2);
    const auto offsetIndex = pivotIndex + 1;
    spinning.nodes[pivotIndex].children = {offsetIndex};
    spinning.nodes[offsetIndex].parent = pivotIndex;
    spinning.nodes[offsetIndex].children = {oldRoot};
    spinning.nodes[oldRoot].parent = offsetIndex;
    spinning.root = pivotIndex;
    auto settings = smallPanorama(spinning, eye);
    settings.lighting = render::lightingFor(scene); // the sun stays put
    auto capture = pano::PanoramaCapture::create(context, spinning, settings);
    REQUIRE(capture.ok());
    CHECK((*capture)->animated());
    const ImageRGBA8 atZero = *(*capture)->capture(0.0);
    const ImageRGBA8 atOne = *(*capture)->capture(1.0);
    CHECK(test::compareImages(atZero, first).pass);
    CHECK_FALSE(test::compareImages(atOne, first).pass);
    // Positive spin turns the scene left (counter-clockwise from above): what was at longitude
    // lon is now at lon - 90 degrees, i.e. 64 pixels further left.
    ImageRGBA8 shifted(256, 128);
    for (int y = 0; y < 128; ++y)
        for (int x = 0; x < 256; ++x) shifted.setPixel(x, y, first.pixel((x + 64) % 256, y));
    // Lighting is not turned with the scene, so compare with a tolerance for shading changes
    // only where the sphere surfaces face the sun differently; the layout must match.
    test::CompareTolerance loose;
    loose.channelTolerance = 40;
    loose.maxBadFraction = 0.05;
    loose.minPsnr = 20.0;
    const auto moved = test::compareImages(atOne, shifted, loose);
    INFO(moved.summary);
    CHECK(moved.pass);
    capture->reset();
    test::requireValidationClean(context);
}
