#include "CubeToEquirect.h"

#include "core/Assert.h"

#include <glm/gtc/constants.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace xrs::pano {

FaceBasis faceBasis(CubeFace face) {
    // right = cross(forward, up), the camera convention of core/View.h (-Z forward, +Y up, +X right).
    switch (face) {
    case CubeFace::PosX: return {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}};
    case CubeFace::NegX: return {{-1, 0, 0}, {0, 0, -1}, {0, 1, 0}};
    case CubeFace::PosY: return {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}};
    case CubeFace::NegY: return {{0, -1, 0}, {1, 0, 0}, {0, 0, -1}};
    case CubeFace::PosZ: return {{0, 0, 1}, {-1, 0, 0}, {0, 1, 0}};
    case CubeFace::NegZ: return {{0, 0, -1}, {1, 0, 0}, {0, 1, 0}};
    }
    XRS_EXPECT(false, "faceBasis: unknown face");
    return {};
}

float CubeFaceSpec::halfTangent() const {
    return static_cast<float>(renderedPixels()) / static_cast<float>(interiorPixels);
}

Fov CubeFaceSpec::fov() const {
    const float half = std::atan(halfTangent());
    return Fov{-half, half, half, -half};
}

Pose facePose(CubeFace face, glm::vec3 position, float yawRad) {
    const FaceBasis basis = faceBasis(face);
    // Columns: local +X (right), +Y (up), +Z (back = -forward).
    const glm::mat3 rotation(basis.right, basis.up, -basis.forward);
    Pose pose;
    pose.orientation = glm::normalize(glm::angleAxis(yawRad, glm::vec3(0, 1, 0)) * glm::quat_cast(rotation));
    pose.position = position;
    return pose;
}

glm::vec3 equirectDirection(double i, double j, int width, int height) {
    const double u = (i + 0.5) / width;
    const double v = (j + 0.5) / height;
    const double lon = (u - 0.5) * 2.0 * glm::pi<double>();
    const double lat = (0.5 - v) * glm::pi<double>();
    return glm::vec3(static_cast<float>(std::cos(lat) * std::sin(lon)), static_cast<float>(std::sin(lat)),
                     static_cast<float>(-std::cos(lat) * std::cos(lon)));
}

FaceSample faceSampleForDirection(glm::vec3 d, const CubeFaceSpec& spec) {
    const glm::vec3 a = glm::abs(d);
    CubeFace face;
    if (a.x >= a.y && a.x >= a.z) face = d.x >= 0.0f ? CubeFace::PosX : CubeFace::NegX;
    else if (a.y >= a.z) face = d.y >= 0.0f ? CubeFace::PosY : CubeFace::NegY;
    else face = d.z >= 0.0f ? CubeFace::PosZ : CubeFace::NegZ;
    const FaceBasis basis = faceBasis(face);
    const float depth = glm::dot(d, basis.forward);
    const float t = spec.halfTangent();
    const float x = glm::dot(d, basis.right) / depth / t; // -1..1 over the rendered face
    const float y = glm::dot(d, basis.up) / depth / t;
    const auto size = static_cast<float>(spec.renderedPixels());
    return {face, {(x + 1.0f) * 0.5f * size, (1.0f - y) * 0.5f * size}};
}

namespace {

void bilinear(const ImageRGBA8& face, glm::vec2 pixel, std::uint8_t* out) {
    const float sx = pixel.x - 0.5f, sy = pixel.y - 0.5f;
    const float fx0 = std::floor(sx), fy0 = std::floor(sy);
    const float fx = sx - fx0, fy = sy - fy0;
    const int last = face.width - 1;
    const int x0 = std::clamp(static_cast<int>(fx0), 0, last), x1 = std::min(x0 + 1, last);
    const int y0 = std::clamp(static_cast<int>(fy0), 0, last), y1 = std::min(y0 + 1, last);
    const std::uint8_t* p00 = face.at(x0, y0).data();
    const std::uint8_t* p10 = face.at(x1, y0).data();
    const std::uint8_t* p01 = face.at(x0, y1).data();
    const std::uint8_t* p11 = face.at(x1, y1).data();
    for (int c = 0; c < 3; ++c) {
        const float top = p00[c] + (p10[c] - p00[c]) * fx;
        const float bottom = p01[c] + (p11[c] - p01[c]) * fx;
        out[c] = static_cast<std::uint8_t>(std::lround(std::clamp(top + (bottom - top) * fy, 0.0f, 255.0f)));
    }
    out[3] = 255;
}

} // namespace

ImageRGBA8 downsampleBox(const ImageRGBA8& image, int factor) {
    XRS_EXPECT(factor >= 1 && image.width % factor == 0 && image.height % factor == 0,
               "downsampleBox: size is not a multiple of the factor");
    if (factor == 1) return image;
    static const std::array<float, 256> toLinear = [] {
        std::array<float, 256> table{};
        for (int v = 0; v < 256; ++v) table[static_cast<std::size_t>(v)] = srgbToLinear(static_cast<float>(v) / 255.0f);
        return table;
    }();
    ImageRGBA8 out(image.width / factor, image.height / factor);
    const float weight = 1.0f / static_cast<float>(factor * factor);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            float sum[4] = {0, 0, 0, 0};
            for (int dy = 0; dy < factor; ++dy)
                for (int dx = 0; dx < factor; ++dx) {
                    const auto p = image.at(x * factor + dx, y * factor + dy);
                    for (int c = 0; c < 3; ++c) sum[c] += toLinear[p[static_cast<std::size_t>(c)]];
                    sum[3] += p[3];
                }
            auto q = out.at(x, y);
            for (int c = 0; c < 3; ++c) q[static_cast<std::size_t>(c)] = linearToSrgb8(sum[c] * weight);
            q[3] = static_cast<std::uint8_t>(std::lround(sum[3] * weight));
        }
    return out;
}

ImageRGBA8 equirectFromCubeFaces(const std::array<ImageRGBA8, kCubeFaceCount>& faces,
                                 const CubeFaceSpec& spec, int width, int height, unsigned threads) {
    for (const ImageRGBA8& face : faces)
        XRS_EXPECT(face.width == spec.renderedPixels() && face.height == spec.renderedPixels(),
                   "equirectFromCubeFaces: face size does not match the spec");
    XRS_EXPECT(width > 0 && height > 0, "equirectFromCubeFaces: empty output");
    ImageRGBA8 out(width, height);
    auto rows = [&](int first, int end) {
        for (int j = first; j < end; ++j)
            for (int i = 0; i < width; ++i) {
                const FaceSample s = faceSampleForDirection(equirectDirection(i, j, width, height), spec);
                bilinear(faces[static_cast<std::size_t>(s.face)], s.pixel, out.at(i, j).data());
            }
    };
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = std::min(threads, static_cast<unsigned>(height));
    std::vector<std::thread> workers;
    const int band = (height + static_cast<int>(threads) - 1) / static_cast<int>(threads);
    for (unsigned t = 1; t < threads; ++t) {
        const int first = static_cast<int>(t) * band;
        if (first < height) workers.emplace_back(rows, first, std::min(height, first + band));
    }
    rows(0, std::min(height, band));
    for (std::thread& worker : workers) worker.join();
    return out;
}

} // namespace xrs::pano
