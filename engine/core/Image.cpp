#include "core/Image.h"

#include "core/Assert.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <system_error>

namespace xrs {

ImageRGBA8::ImageRGBA8(int w, int h, Rgba8 fill) : width(w), height(h) {
    XRS_EXPECT(w >= 0 && h >= 0, "image sizes must not be negative");
    pixels.resize(byteSize());
    for (std::size_t i = 0; i < pixels.size(); i += kChannels) {
        pixels[i + 0] = fill.r;
        pixels[i + 1] = fill.g;
        pixels[i + 2] = fill.b;
        pixels[i + 3] = fill.a;
    }
}

std::span<std::uint8_t, 4> ImageRGBA8::at(int x, int y) {
    XRS_EXPECT(x >= 0 && x < width && y >= 0 && y < height, "pixel outside the image");
    const std::size_t offset = static_cast<std::size_t>(y) * rowBytes() + static_cast<std::size_t>(x) * kChannels;
    return std::span<std::uint8_t, 4>(pixels.data() + offset, 4);
}

std::span<const std::uint8_t, 4> ImageRGBA8::at(int x, int y) const {
    XRS_EXPECT(x >= 0 && x < width && y >= 0 && y < height, "pixel outside the image");
    const std::size_t offset = static_cast<std::size_t>(y) * rowBytes() + static_cast<std::size_t>(x) * kChannels;
    return std::span<const std::uint8_t, 4>(pixels.data() + offset, 4);
}

Rgba8 ImageRGBA8::pixel(int x, int y) const {
    const auto p = at(x, y);
    return {p[0], p[1], p[2], p[3]};
}

void ImageRGBA8::setPixel(int x, int y, Rgba8 colour) {
    const auto p = at(x, y);
    p[0] = colour.r;
    p[1] = colour.g;
    p[2] = colour.b;
    p[3] = colour.a;
}

ImageRGBA8 crop(const ImageRGBA8& image, int x, int y, int w, int h) {
    XRS_EXPECT(x >= 0 && y >= 0 && w >= 0 && h >= 0, "crop rectangle must not be negative");
    XRS_EXPECT(x + w <= image.width && y + h <= image.height, "crop rectangle must lie inside the image");
    ImageRGBA8 result(w, h);
    for (int row = 0; row < h; ++row) {
        if (w == 0) break;
        std::memcpy(result.at(0, row).data(), image.at(x, y + row).data(), result.rowBytes());
    }
    return result;
}

ImageRGBA8 concatHorizontal(const ImageRGBA8& left, const ImageRGBA8& right) {
    XRS_EXPECT(left.height == right.height, "side-by-side images must have the same height");
    ImageRGBA8 result(left.width + right.width, left.height);
    for (int row = 0; row < result.height; ++row) {
        std::uint8_t* out = result.pixels.data() + static_cast<std::size_t>(row) * result.rowBytes();
        // An empty side has no storage to copy from (memcpy from null is undefined even for 0 bytes).
        if (left.width > 0)
            std::memcpy(out, left.pixels.data() + static_cast<std::size_t>(row) * left.rowBytes(), left.rowBytes());
        if (right.width > 0)
            std::memcpy(out + left.rowBytes(),
                        right.pixels.data() + static_cast<std::size_t>(row) * right.rowBytes(), right.rowBytes());
    }
    return result;
}

Result<ImageRGBA8> readPng(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return fail(path.string(), ": no such file");

    int width = 0;
    int height = 0;
    int channelsInFile = 0;
    // stbi_load returns malloc'd memory; own it until it is copied into the image.
    std::unique_ptr<stbi_uc, decltype(&stbi_image_free)> data(
        stbi_load(path.c_str(), &width, &height, &channelsInFile, ImageRGBA8::kChannels), &stbi_image_free);
    if (!data) {
        const char* reason = stbi_failure_reason();
        return fail(path.string(), ": cannot decode image (", reason ? reason : "unknown reason", ")");
    }

    ImageRGBA8 image;
    image.width = width;
    image.height = height;
    image.pixels.assign(data.get(), data.get() + image.byteSize());
    return image;
}

Status writePng(const ImageRGBA8& image, const std::filesystem::path& path) {
    XRS_EXPECT(image.pixels.size() == image.byteSize(), "pixel buffer does not match width * height * 4");
    if (image.empty())
        return fail(path.string(), ": cannot write an empty image (", std::to_string(image.width), "x",
                    std::to_string(image.height), ")");
    const int stride = static_cast<int>(image.rowBytes());
    if (stbi_write_png(path.c_str(), image.width, image.height, ImageRGBA8::kChannels, image.pixels.data(),
                       stride) == 0) {
        std::error_code ec;
        const auto parent = path.parent_path();
        if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
            return fail(path.string(), ": cannot write PNG (directory ", parent.string(), " does not exist)");
        return fail(path.string(), ": cannot write PNG (file not writable)");
    }
    return {};
}

float srgbToLinear(float encoded) {
    const float c = std::clamp(encoded, 0.0f, 1.0f);
    return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

float linearToSrgb(float linear) {
    const float c = std::clamp(linear, 0.0f, 1.0f);
    return c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}

std::uint8_t linearToSrgb8(float linear) {
    return static_cast<std::uint8_t>(std::lround(linearToSrgb(linear) * 255.0f));
}

} // namespace xrs
