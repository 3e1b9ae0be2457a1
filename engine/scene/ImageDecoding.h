#pragma once
// Image decoding for the importer (internal to the scene module): PNG/JPEG/... through
// stb_image, always to RGBA8, top row first. Errors carry only the cause; the caller adds the
// model path and the texture's name.
#include "core/Result.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

namespace xrs::scene::detail {

// Larger images are refused before decoding: they would not fit a Vulkan 2D image on the
// devices we target, and a corrupt header must not make us allocate gigabytes.
inline constexpr std::uint32_t kMaxImageDimension = 16384;

struct DecodedImage {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint8_t> pixels; // RGBA8
};

Result<DecodedImage> decodeImage(std::span<const std::uint8_t> encoded);
Result<DecodedImage> decodeImageFile(const std::filesystem::path& path);

// Payload of a base64 "data:[<mediatype>];base64,<data>" URI.
Result<std::vector<std::uint8_t>> decodeBase64DataUri(std::string_view uri);

} // namespace xrs::scene::detail
