#include "scene/ImageDecoding.h"

#include <stb_image.h> // implementation lives in Debian's libstb

#include <array>
#include <fstream>
#include <limits>
#include <string>

namespace xrs::scene::detail {
namespace {

struct StbiPixels {
    stbi_uc* data = nullptr;
    ~StbiPixels() { stbi_image_free(data); }
};

} // namespace

Result<DecodedImage> decodeImage(std::span<const std::uint8_t> encoded) {
    if (encoded.empty()) return fail("image data is empty");
    if (encoded.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return fail("image data is larger than 2 GiB");
    const auto* bytes = reinterpret_cast<const stbi_uc*>(encoded.data());
    const int length = static_cast<int>(encoded.size());

    int width = 0;
    int height = 0;
    int channels = 0;
    if (stbi_info_from_memory(bytes, length, &width, &height, &channels) == 0)
        return fail("not a decodable image (", stbi_failure_reason(), ")");
    if (width <= 0 || height <= 0 || static_cast<std::uint32_t>(width) > kMaxImageDimension ||
        static_cast<std::uint32_t>(height) > kMaxImageDimension)
        return fail("image size ", std::to_string(width), "x", std::to_string(height),
                    " is outside 1..", std::to_string(kMaxImageDimension));

    StbiPixels decoded;
    decoded.data = stbi_load_from_memory(bytes, length, &width, &height, &channels, STBI_rgb_alpha);
    if (decoded.data == nullptr) return fail("image decoding failed (", stbi_failure_reason(), ")");

    DecodedImage image;
    image.width = static_cast<std::uint32_t>(width);
    image.height = static_cast<std::uint32_t>(height);
    const std::size_t byteCount = std::size_t{image.width} * image.height * 4;
    image.pixels.assign(decoded.data, decoded.data + byteCount);
    return image;
}

Result<DecodedImage> decodeImageFile(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) return fail("file not found: ", path.string());
    std::ifstream file(path, std::ios::binary);
    if (!file) return fail("cannot open ", path.string());
    const std::vector<std::uint8_t> encoded{std::istreambuf_iterator<char>(file),
                                            std::istreambuf_iterator<char>()};
    auto image = decodeImage(encoded);
    if (!image) return fail(path.string(), ": ", image.error().message);
    return image;
}

Result<std::vector<std::uint8_t>> decodeBase64DataUri(std::string_view uri) {
    if (!uri.starts_with("data:")) return fail("not a data URI");
    const std::size_t comma = uri.find(',');
    if (comma == std::string_view::npos) return fail("data URI has no ',' before its payload");
    if (!uri.substr(0, comma).ends_with(";base64")) return fail("data URI is not base64-encoded");

    // Lookup table: 0..63 for the alphabet, 64 for padding/whitespace to skip, 255 for invalid.
    std::array<std::uint8_t, 256> value{};
    value.fill(255);
    const std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        value[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    for (const char skipped : {'=', ' ', '\n', '\r', '\t'}) value[static_cast<unsigned char>(skipped)] = 64;

    std::vector<std::uint8_t> bytes;
    bytes.reserve((uri.size() - comma) * 3 / 4);
    std::uint32_t accumulator = 0;
    int bits = 0;
    for (const char character : uri.substr(comma + 1)) {
        const std::uint8_t sextet = value[static_cast<unsigned char>(character)];
        if (sextet == 255) return fail("data URI contains a non-base64 character");
        if (sextet == 64) continue;
        accumulator = (accumulator << 6) | sextet;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<std::uint8_t>((accumulator >> bits) & 0xFFu));
        }
    }
    return bytes;
}

} // namespace xrs::scene::detail
