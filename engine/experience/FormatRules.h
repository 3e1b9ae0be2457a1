#pragma once
// Small rules of the format shared by the reader and the validator.
#include <string>
#include <string_view>

namespace xrs::experience {

inline constexpr double kMaxCoordinateMetres = 100000.0;   // positions, teleport areas
inline constexpr std::size_t kMaxIdLength = 64;
inline constexpr std::uintmax_t kMaxExperienceFileBytes = 16u << 20;

// Built-in hotspot icons; any other icon value is a path to a PNG or JPEG in the folder.
inline constexpr std::string_view kBuiltInIcons[] = {"info", "link", "audio", "toggle", "arrow"};
bool isBuiltInIcon(std::string_view icon);

// A BCP 47-style language tag as used in the format: "zh", "en", "zh-Hant", "pt-BR".
bool isLanguageCode(std::string_view code);

// One JSON pointer reference token: '~' -> "~0", '/' -> "~1" (RFC 6901).
std::string escapePointerToken(std::string_view token);

} // namespace xrs::experience
