#include "video/ImagePlanes.h"

#include <glm/glm.hpp>

#include <algorithm>
#include <cmath>

namespace xrs::video {
namespace {

std::uint8_t toByte(float value) { return static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L)); }

} // namespace

DecodedFrame stillPlanesOf(const ImageRGBA8& image) {
    // BT.709: Y' = Kr R' + Kg G' + Kb B'; Cb = (B' - Y') / (2 (1 - Kb)); Cr = (R' - Y') / (2 (1 - Kr)).
    constexpr float kr = 0.2126f, kb = 0.0722f, kg = 1.0f - kr - kb;
    DecodedFrame frame;
    frame.frameIndex = 0;
    frame.width = image.width;
    frame.height = image.height;
    frame.lumaStride = image.width;
    frame.chromaStride = frame.chromaWidth() * 2;
    frame.matrix = ColourMatrix::Bt709;
    frame.range = ColourRange::Limited;
    frame.luma.resize(static_cast<std::size_t>(frame.lumaStride) * frame.height);
    frame.chroma.resize(static_cast<std::size_t>(frame.chromaStride) * frame.chromaHeight());
    auto rgbAt = [&](int x, int y) {
        const std::uint8_t* p = &image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 4];
        return glm::vec3(p[0], p[1], p[2]) / 255.0f;
    };
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const glm::vec3 rgb = rgbAt(x, y);
            const float luma = kr * rgb.r + kg * rgb.g + kb * rgb.b;
            frame.luma[static_cast<std::size_t>(y) * frame.lumaStride + x] = toByte(16.0f + 219.0f * luma);
        }
    // Chroma of each 2x2 block, from its average colour (edge blocks use the pixels they have).
    for (int cy = 0; cy < frame.chromaHeight(); ++cy)
        for (int cx = 0; cx < frame.chromaWidth(); ++cx) {
            glm::vec3 sum(0.0f);
            int count = 0;
            for (int dy = 0; dy < 2; ++dy)
                for (int dx = 0; dx < 2; ++dx) {
                    const int x = 2 * cx + dx, y = 2 * cy + dy;
                    if (x >= image.width || y >= image.height) continue;
                    sum += rgbAt(x, y);
                    ++count;
                }
            const glm::vec3 rgb = sum / static_cast<float>(count);
            const float luma = kr * rgb.r + kg * rgb.g + kb * rgb.b;
            const float cb = (rgb.b - luma) / (2.0f * (1.0f - kb));
            const float cr = (rgb.r - luma) / (2.0f * (1.0f - kr));
            std::uint8_t* pair = &frame.chroma[static_cast<std::size_t>(cy) * frame.chromaStride + 2 * cx];
            pair[0] = toByte(128.0f + 224.0f * cb);
            pair[1] = toByte(128.0f + 224.0f * cr);
        }
    return frame;
}

} // namespace xrs::video
