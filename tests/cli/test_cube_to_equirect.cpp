// The cube -> equirect mapping of `xrshow capture-pano` (tools/xrshow/CubeToEquirect.h): known
// pixels, agreement with the renderer's projection and with the video sphere's conventions
// (video/TileGrid.h), and a seam-free resampling of analytically "rendered" faces.
#include "CubeToEquirect.h"
#include "SceneAnimation.h"

#include "core/View.h"
#include "video/TileGrid.h"

#include <catch2/catch.hpp>
#include <glm/gtc/constants.hpp>

#include <cmath>

using namespace xrs;
using namespace xrs::pano;

namespace {

void requireNear(glm::vec3 actual, glm::vec3 expected, float tolerance = 1e-5f) {
    INFO("actual " << actual.x << "," << actual.y << "," << actual.z << " expected " << expected.x << ","
                   << expected.y << "," << expected.z);
    REQUIRE(glm::length(actual - expected) < tolerance);
}

// A smooth colour of a direction, so a correct resampling is smooth everywhere.
Rgba8 colourOf(glm::vec3 d) {
    auto channel = [](float v) { return static_cast<std::uint8_t>(std::lround((v * 0.5f + 0.5f) * 255.0f)); };
    return {channel(d.x), channel(d.y), channel(d.z), 255};
}

// Faces "rendered" without a GPU: each texel centre gets the colour of its own direction.
std::array<ImageRGBA8, kCubeFaceCount> analyticFaces(const CubeFaceSpec& spec) {
    std::array<ImageRGBA8, kCubeFaceCount> faces;
    const int size = spec.renderedPixels();
    const float t = spec.halfTangent();
    for (int f = 0; f < kCubeFaceCount; ++f) {
        const FaceBasis basis = faceBasis(static_cast<CubeFace>(f));
        faces[static_cast<std::size_t>(f)] = ImageRGBA8(size, size);
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                const float a = ((static_cast<float>(x) + 0.5f) / static_cast<float>(size) * 2.0f - 1.0f) * t;
                const float b = (1.0f - (static_cast<float>(y) + 0.5f) / static_cast<float>(size) * 2.0f) * t;
                const glm::vec3 d = glm::normalize(basis.forward + a * basis.right + b * basis.up);
                faces[static_cast<std::size_t>(f)].setPixel(x, y, colourOf(d));
            }
    }
    return faces;
}

} // namespace

TEST_CASE("equirect pixels: centre, seam, poles and quarter turns", "[cli][pano]") {
    const int w = 8, h = 4;
    // u = 0.5, v = 0.5: forward (-Z).
    requireNear(equirectDirection(w / 2 - 0.5, h / 2 - 0.5, w, h), {0, 0, -1});
    // The left and right image edges are the +-180 degree seam: straight back (+Z).
    requireNear(equirectDirection(-0.5, h / 2 - 0.5, w, h), {0, 0, 1});
    requireNear(equirectDirection(w - 0.5, h / 2 - 0.5, w, h), {0, 0, 1});
    // u = 0.75: +90 degrees of longitude, to the right (+X); u = 0.25: left (-X).
    requireNear(equirectDirection(0.75 * w - 0.5, h / 2 - 0.5, w, h), {1, 0, 0});
    requireNear(equirectDirection(0.25 * w - 0.5, h / 2 - 0.5, w, h), {-1, 0, 0});
    // Top and bottom edges: the poles.
    requireNear(equirectDirection(3.0, -0.5, w, h), {0, 1, 0});
    requireNear(equirectDirection(3.0, h - 0.5, w, h), {0, -1, 0});
}

TEST_CASE("equirect pixels follow the video sphere's conventions (TileGrid)", "[cli][pano]") {
    const video::TileGrid grid(video::Projection::Equirect360, 8, 4);
    const int w = 64, h = 32;
    for (int j = 0; j < h; j += 3)
        for (int i = 0; i < w; i += 5) {
            const auto uv = grid.uvFromLonLat(video::TileGrid::lonLatFromDirection(equirectDirection(i, j, w, h)));
            REQUIRE(uv.has_value());
            CHECK(uv->x == Approx((i + 0.5) / w).margin(1e-5));
            CHECK(uv->y == Approx((j + 0.5) / h).margin(1e-5));
        }
}

TEST_CASE("cube face centres and edges", "[cli][pano]") {
    CubeFaceSpec spec;
    spec.interiorPixels = 64;
    spec.borderPixels = 1;
    REQUIRE(spec.renderedPixels() == 66);
    const glm::vec2 centre(33.0f, 33.0f);
    const std::pair<glm::vec3, CubeFace> centres[] = {
        {{1, 0, 0}, CubeFace::PosX}, {{-1, 0, 0}, CubeFace::NegX}, {{0, 1, 0}, CubeFace::PosY},
        {{0, -1, 0}, CubeFace::NegY}, {{0, 0, 1}, CubeFace::PosZ}, {{0, 0, -1}, CubeFace::NegZ}};
    for (const auto& [direction, face] : centres) {
        const FaceSample s = faceSampleForDirection(direction, spec);
        CHECK(s.face == face);
        CHECK(s.pixel.x == Approx(centre.x));
        CHECK(s.pixel.y == Approx(centre.y));
    }
    // 45 degrees between -Z and +X: on the edge of the interior, one border pixel in.
    const FaceSample edge = faceSampleForDirection(glm::normalize(glm::vec3(1, 0, -1)), spec);
    CHECK(edge.face == CubeFace::PosX);
    CHECK(edge.pixel.x == Approx(1.0f));
    CHECK(edge.pixel.y == Approx(33.0f));
    // Up on the -Z face is the top row side.
    const FaceSample upper = faceSampleForDirection(glm::normalize(glm::vec3(0, 0.5f, -1)), spec);
    CHECK(upper.face == CubeFace::NegZ);
    CHECK(upper.pixel.y < 33.0f);
    CHECK(upper.pixel.x == Approx(33.0f));
}

TEST_CASE("face poses and the renderer's projection agree with faceSampleForDirection", "[cli][pano]") {
    CubeFaceSpec spec;
    spec.interiorPixels = 100;
    const auto size = static_cast<float>(spec.renderedPixels());
    const glm::mat4 projection = projectionFromFov(spec.fov(), 0.05f);
    for (float yawDegrees : {0.0f, 37.0f, -90.0f}) {
        const float yaw = glm::radians(yawDegrees);
        const glm::quat rig = glm::angleAxis(yaw, glm::vec3(0, 1, 0));
        for (int f = 0; f < kCubeFaceCount; ++f) {
            const auto face = static_cast<CubeFace>(f);
            const Pose pose = facePose(face, {1, 2, 3}, yaw);
            const FaceBasis basis = faceBasis(face);
            requireNear(pose.orientation * glm::vec3(0, 0, -1), rig * basis.forward);
            requireNear(pose.orientation * glm::vec3(1, 0, 0), rig * basis.right);
            requireNear(pose.orientation * glm::vec3(0, 1, 0), rig * basis.up);
        }
        // Rig-local directions spread over the sphere, projected as the renderer would.
        for (int k = 0; k < 200; ++k) {
            const float z = 1.0f - 2.0f * (static_cast<float>(k) + 0.5f) / 200.0f;
            const float phi = static_cast<float>(k) * 2.39996f;
            const glm::vec3 local(std::sqrt(1 - z * z) * std::cos(phi), z, std::sqrt(1 - z * z) * std::sin(phi));
            const FaceSample s = faceSampleForDirection(local, spec);
            const Pose pose = facePose(s.face, {1, 2, 3}, yaw);
            const glm::vec4 world(pose.position + rig * local * 10.0f, 1.0f);
            const glm::vec4 clip = projection * viewFromPose(pose) * world;
            const glm::vec2 ndc(clip.x / clip.w, clip.y / clip.w);
            // Vulkan: ndc (-1, -1) is the top-left corner of the framebuffer.
            CHECK((ndc.x + 1.0f) * 0.5f * size == Approx(s.pixel.x).margin(1e-3));
            CHECK((ndc.y + 1.0f) * 0.5f * size == Approx(s.pixel.y).margin(1e-3));
            // Inside the interior: the border only feeds the filter.
            CHECK(s.pixel.x >= 1.0f - 1e-4f);
            CHECK(s.pixel.x <= size - 1.0f + 1e-4f);
        }
    }
}

TEST_CASE("resampling analytic faces is smooth everywhere: seams, poles, face edges", "[cli][pano]") {
    CubeFaceSpec spec;
    spec.interiorPixels = 32;
    const auto faces = analyticFaces(spec);
    const int w = 128, h = 64;
    const ImageRGBA8 pano = equirectFromCubeFaces(faces, spec, w, h, 2);
    REQUIRE(pano.width == w);
    REQUIRE(pano.height == h);
    int worst = 0;
    for (int j = 0; j < h; ++j)
        for (int i = 0; i < w; ++i) {
            const Rgba8 expected = colourOf(equirectDirection(i, j, w, h));
            const Rgba8 actual = pano.pixel(i, j);
            worst = std::max({worst, std::abs(actual.r - expected.r), std::abs(actual.g - expected.g),
                              std::abs(actual.b - expected.b)});
            REQUIRE(actual.a == 255);
        }
    // Bilinear interpolation of a smooth field over 32-pixel faces: within 2 of the exact colour
    // (a wrong face, flipped axis or seam would be off by tens).
    CHECK(worst <= 2);
    // Known pixels: forward is (127.5, 127.5, 0) -> centre; +X at u = 0.75.
    CHECK(pano.pixel(w / 2, h / 2).b < 10);
    CHECK(pano.pixel(3 * w / 4, h / 2).r > 245);
}

TEST_CASE("node motions by name", "[cli][pano]") {
    scene::Scene scene;
    scene.sourcePath = "spot.gltf";
    scene.nodes.resize(3);
    scene.nodes[0].name = "root";
    scene.nodes[1].name = "clouds@spinY=90";
    scene.nodes[2].name = "boat@spinY=0;bobY=0.5:4";
    scene.nodes[2].localTransform[3] = glm::vec4(2, 0, 0, 1);
    auto motions = findNodeMotions(scene);
    REQUIRE(motions.ok());
    REQUIRE(motions->size() == 2);
    applyNodeMotions(scene, *motions, 1.0);
    // 90 deg/s for 1 s: local +X turns to -Z.
    requireNear(glm::vec3(scene.nodes[1].localTransform * glm::vec4(1, 0, 0, 0)), {0, 0, -1});
    // bob 0.5 m with a 4 s period: at t = 1 s, +0.5 m; the rest position stays.
    requireNear(glm::vec3(scene.nodes[2].localTransform[3]), {2, 0.5f, 0});
    applyNodeMotions(scene, *motions, 0.0);
    requireNear(glm::vec3(scene.nodes[2].localTransform[3]), {2, 0, 0});

    scene.nodes[0].name = "sun@spin=3";
    auto bad = findNodeMotions(scene);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message ==
          "spot.gltf: node 'sun@spin=3': unknown motion 'spin=3' (expected @spinY=<deg/s> and/or "
          "bobY=<metres>:<seconds>, joined by ';')");
    scene.nodes[0].name = "sun@bobY=1";
    CHECK(findNodeMotions(scene).error().message ==
          "spot.gltf: node 'sun@bobY=1': bobY needs <metres>:<period seconds > 0> (expected @spinY=<deg/s> and/or "
          "bobY=<metres>:<seconds>, joined by ';')");
}

TEST_CASE("supersampled faces are averaged in linear light", "[cli][pano]") {
    ImageRGBA8 image(4, 2);
    image.setPixel(0, 0, {255, 0, 10, 255});
    image.setPixel(1, 0, {0, 0, 10, 255});
    image.setPixel(0, 1, {255, 0, 10, 255});
    image.setPixel(1, 1, {0, 0, 10, 0});
    for (int x = 2; x < 4; ++x)
        for (int y = 0; y < 2; ++y) image.setPixel(x, y, {128, 64, 32, 255});
    const ImageRGBA8 half = downsampleBox(image, 2);
    REQUIRE(half.width == 2);
    REQUIRE(half.height == 1);
    // Half white, half black in linear light is sRGB 188, not 128.
    CHECK(half.pixel(0, 0) == Rgba8{188, 0, 10, 191});
    CHECK(half.pixel(1, 0) == Rgba8{128, 64, 32, 255});
}
