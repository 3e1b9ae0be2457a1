// Golden images: scenes rendered headless on lavapipe for both eyes, compared with reviewed
// reference PNGs in tests/golden/ (tolerance: see CompareTolerance and tests/golden/README.md).
// Regenerate after an intended change with XRS_UPDATE_GOLDENS=1, then look at every image.
#include "GpuTest.h"
#include "ImageCompare.h"

#include "core/Paths.h"
#include "render/Framing.h"
#include "scene/SceneImporter.h"
#include "xr/StillRender.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <glm/gtc/constants.hpp>

using namespace xrs;

namespace {

const std::filesystem::path kAssimpModels = "/usr/share/assimp/models/glTF2";

struct StillSpec {
    std::filesystem::path scene;
    VkExtent2D eyeExtent{256, 256};
    std::optional<Pose> head;  // default: the scene's camera, else framing
    Fov leftFov = symmetricFov(glm::radians(90.0f), 1.0f);
    Fov rightFov = symmetricFov(glm::radians(90.0f), 1.0f);
    float ipd = 0.063f;
    bool wireframe = false;
    render::DebugView debugView = render::DebugView::None;
};

ImageRGBA8 renderBothEyes(gpu::Context& context, const StillSpec& spec) {
    auto imported = scene::importScene(spec.scene);
    INFO(spec.scene.string());
    REQUIRE(imported.ok());
    const scene::Scene& model = *imported;
    Pose head;
    if (spec.head) head = *spec.head;
    else if (auto camera = render::sceneCameraPose(model)) head = *camera;
    else head = render::framingPose(scene::computeWorldBounds(model), glm::radians(90.0f), glm::radians(90.0f));

    xr::StillRequest request;
    request.scene = &model;
    request.eyeExtent = spec.eyeExtent;
    request.views.eyes = stereoEyes(head, spec.ipd, spec.leftFov, spec.rightFov);
    request.lighting = render::lightingFor(model);
    request.renderer.wireframe = spec.wireframe;
    request.renderer.debugView = spec.debugView;
    auto still = xr::renderStill(context, request);
    REQUIRE(still.ok());
    CHECK(still->lastGpuMilliseconds > 0.0); // timestamp queries work
    return concatHorizontal(still->eyes[0], still->eyes[1]);
}

void requireGolden(const ImageRGBA8& image, const std::string& name) {
    const auto result = test::checkGolden(image, name);
    INFO(result.summary);
    REQUIRE(result.pass);
}

// Quest-2-like per-eye angles: each eye sees further outward than inward, and more down than up.
Fov asymmetricLeft() { return {glm::radians(-52.0f), glm::radians(42.0f), glm::radians(41.0f), glm::radians(-48.0f)}; }
Fov asymmetricRight() { return {glm::radians(-42.0f), glm::radians(52.0f), glm::radians(41.0f), glm::radians(-48.0f)}; }

} // namespace

TEST_CASE("golden: textured PBR box from assimp-testmodels, both eyes", "[render][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    StillSpec spec;
    spec.scene = kAssimpModels / "BoxTextured-glTF/BoxTextured.gltf";
    requireGolden(renderBothEyes(context, spec), "box_textured_stereo");
    test::requireValidationClean(context);
}

TEST_CASE("golden: the wireframe debug view of the textured box, both eyes", "[render][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    REQUIRE(context.enabledFeatures().fillModeNonSolid); // lavapipe draws lines for polygons
    StillSpec spec;
    spec.scene = kAssimpModels / "BoxTextured-glTF/BoxTextured.gltf";
    spec.wireframe = true;
    const ImageRGBA8 wire = renderBothEyes(context, spec);
    requireGolden(wire, "box_wireframe_stereo");
    // Lines, not faces: where the solid box shows its faces, the wireframe shows the
    // background between its edges (the box covers about a quarter of the image).
    spec.wireframe = false;
    const ImageRGBA8 solid = renderBothEyes(context, spec);
    REQUIRE(solid.pixels.size() == wire.pixels.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < wire.pixels.size(); i += 4)
        if (std::abs(wire.pixels[i] - solid.pixels[i]) + std::abs(wire.pixels[i + 1] - solid.pixels[i + 1]) +
                std::abs(wire.pixels[i + 2] - solid.pixels[i + 2]) > 24)
            ++differing;
    const std::size_t pixels = wire.pixels.size() / 4;
    INFO(differing << " of " << pixels << " pixels differ from the solid render");
    CHECK(differing * 5 > pixels);
    test::requireValidationClean(context);
}

TEST_CASE("golden: alpha blend, mask and double-sided scene", "[render][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    StillSpec spec;
    spec.scene = sourceDirectory() / "tests/data/scenes/alpha_blend.gltf";
    spec.eyeExtent = {320, 256};
    spec.leftFov = spec.rightFov = symmetricFov(glm::radians(70.0f), 320.0f / 256.0f);
    requireGolden(renderBothEyes(context, spec), "alpha_blend_stereo");
    test::requireValidationClean(context);
}

TEST_CASE("golden: stereo with asymmetric per-eye fov and geometry crossing every edge", "[render][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    StillSpec spec;
    spec.scene = sourceDirectory() / "tests/data/scenes/pbr_spheres.gltf";
    spec.head = lookAtPose({0.4f, 0.3f, 1.6f}, {0.0f, 0.0f, 0.0f});
    spec.leftFov = asymmetricLeft();
    spec.rightFov = asymmetricRight();
    requireGolden(renderBothEyes(context, spec), "pbr_spheres_asymmetric_stereo");
    test::requireValidationClean(context);
}

TEST_CASE("golden: AnimatedMorphCube from the glTF sample models", "[render][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    StillSpec spec;
    spec.scene = kAssimpModels / "glTF-Sample-Models/AnimatedMorphCube-glTF/AnimatedMorphCube.gltf";
    requireGolden(renderBothEyes(context, spec), "animated_morph_cube_stereo");
    test::requireValidationClean(context);
}

TEST_CASE("the golden comparison fails for a render that is slightly off", "[render][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    // The box golden's view, with the head moved 2 cm sideways: a small but real difference.
    StillSpec spec;
    spec.scene = kAssimpModels / "BoxTextured-glTF/BoxTextured.gltf";
    auto imported = scene::importScene(spec.scene);
    REQUIRE(imported.ok());
    Pose head = render::framingPose(scene::computeWorldBounds(*imported), glm::radians(90.0f), glm::radians(90.0f));
    head.position.x += 0.02f;
    spec.head = head;
    const ImageRGBA8 moved = renderBothEyes(context, spec);
    const auto golden = readPng(sourceDirectory() / "tests/golden/box_textured_stereo.png");
    REQUIRE(golden.ok());
    const auto result = test::compareImages(moved, *golden);
    INFO(result.summary);
    CHECK_FALSE(result.pass);
    CHECK(result.badFraction > test::CompareTolerance{}.maxBadFraction);
    test::requireValidationClean(context);
}

TEST_CASE("debug view: surfaces show their world-space normals", "[render]") {
    XRS_GPU_TEST_CONTEXT(context);
    // Straight at the box's front face (normal +Z) from 2.2 m: n * 0.5 + 0.5 = (0.5, 0.5, 1.0),
    // stored through the sRGB attachment; the sky around it is drawn as usual.
    StillSpec spec;
    spec.scene = kAssimpModels / "BoxTextured-glTF/BoxTextured.gltf";
    spec.eyeExtent = {64, 64};
    spec.head = Pose{glm::identity<glm::quat>(), {0.0f, 0.0f, 2.2f}};
    spec.ipd = 0.0f;
    spec.debugView = render::DebugView::Normals;
    const ImageRGBA8 shown = renderBothEyes(context, spec);
    const std::uint8_t* centre = &shown.pixels[static_cast<std::size_t>((32 * shown.width + 32) * 4)];
    INFO(int(centre[0]) << ", " << int(centre[1]) << ", " << int(centre[2]));
    CHECK(std::abs(int(centre[0]) - int(linearToSrgb8(0.5f))) <= 1);
    CHECK(std::abs(int(centre[1]) - int(linearToSrgb8(0.5f))) <= 1);
    CHECK(int(centre[2]) == 255);
    spec.debugView = render::DebugView::None;
    const ImageRGBA8 shaded = renderBothEyes(context, spec);
    const std::size_t corner = 0; // top-left: sky either way
    CHECK(shown.pixels[corner] == shaded.pixels[corner]);
    CHECK(shaded.pixels[static_cast<std::size_t>((32 * shaded.width + 32) * 4)] != centre[0]); // shaded differs
    test::requireValidationClean(context);
}
