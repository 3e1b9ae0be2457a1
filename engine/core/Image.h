#pragma once
// CPU-side 8-bit RGBA images: what readbacks produce, what golden tests compare, what the offscreen
// display writes. Pixels are tightly packed RGBA8, row 0 at the top (the order Vulkan copies an
// image to a buffer and the order PNG stores rows), so a readback can be moved in without a flip.
#include "core/Result.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace xrs {

struct Rgba8 {
    std::uint8_t r = 0, g = 0, b = 0, a = 0;
    friend bool operator==(const Rgba8&, const Rgba8&) = default;
};

struct ImageRGBA8 {
    static constexpr int kChannels = 4;

    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels; // width * height * 4 bytes, row-major, top row first

    ImageRGBA8() = default;
    // A width x height image filled with one colour (both sizes must be >= 0).
    ImageRGBA8(int width, int height, Rgba8 fill = {});

    bool empty() const { return width == 0 || height == 0; }
    std::size_t rowBytes() const { return static_cast<std::size_t>(width) * kChannels; }
    std::size_t byteSize() const { return rowBytes() * static_cast<std::size_t>(height); }

    // The four channels of pixel (x, y); x, y must be inside the image (contract-checked).
    std::span<std::uint8_t, 4> at(int x, int y);
    std::span<const std::uint8_t, 4> at(int x, int y) const;
    Rgba8 pixel(int x, int y) const;
    void setPixel(int x, int y, Rgba8 colour);

    friend bool operator==(const ImageRGBA8&, const ImageRGBA8&) = default;
};

// The w x h rectangle whose top-left corner is (x, y); it must lie inside the image.
ImageRGBA8 crop(const ImageRGBA8& image, int x, int y, int w, int h);

// left | right side by side (e.g. both eyes of a stereo frame); heights must match.
ImageRGBA8 concatHorizontal(const ImageRGBA8& left, const ImageRGBA8& right);

// PNG I/O through stb. Any PNG (grey, palette, 16-bit, with or without alpha) is converted to
// RGBA8 on read. Errors name the file and the cause.
Result<ImageRGBA8> readPng(const std::filesystem::path& path);
Status writePng(const ImageRGBA8& image, const std::filesystem::path& path);

// The sRGB transfer function (IEC 61966-2-1), on values in [0, 1] (inputs are clamped).
float srgbToLinear(float encoded);
float linearToSrgb(float linear);
// Linear [0, 1] -> sRGB-encoded byte, rounded to nearest.
std::uint8_t linearToSrgb8(float linear);

} // namespace xrs
