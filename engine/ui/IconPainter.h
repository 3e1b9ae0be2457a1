#pragma once
// The built-in hotspot icons (docs/experience-format.md: `info`, `link`, `audio`, `toggle`,
// `arrow`) drawn procedurally with anti-aliased vector shapes: a white symbol on a dark
// translucent disc with a white ring, so it reads over bright video and dark rooms alike.
// Transparent outside the disc. Same output format as the panels: premultiplied alpha, sRGB
// (ui/Canvas.h).
#include "core/Image.h"

#include <optional>
#include <string_view>

namespace xrs::ui {

enum class BuiltInIcon { info, link, audio, toggle, arrow };

inline constexpr BuiltInIcon kBuiltInIcons[] = {BuiltInIcon::info, BuiltInIcon::link, BuiltInIcon::audio,
                                                 BuiltInIcon::toggle, BuiltInIcon::arrow};

// "info" -> info, ...; anything else (a PNG/JPEG path, a typo) -> nullopt.
std::optional<BuiltInIcon> builtInIconByName(std::string_view name);
std::string_view builtInIconName(BuiltInIcon icon);

// A sizePx x sizePx icon (sizePx in 16..2048; 128 is plenty for a ~10 cm hotspot).
ImageRGBA8 paintIcon(BuiltInIcon icon, int sizePx = 128);
// By name; an unknown name paints `info` and logs one warning per distinct name.
ImageRGBA8 paintIcon(std::string_view name, int sizePx = 128);
// The runtime's own language tab (not a curator's icon): a globe, in the same style.
ImageRGBA8 paintLanguageIcon(int sizePx = 128);

} // namespace xrs::ui
