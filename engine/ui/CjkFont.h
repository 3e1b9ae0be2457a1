#pragma once
// Finding a font with Chinese glyphs at run time (the overlay shows Chinese scene and panel
// names). Debian: fonts-wqy-microhei or fonts-noto-cjk.
#include "core/Result.h"

#include <filesystem>
#include <vector>

namespace xrs::ui {

// Where we look, in order: $XRS_CJK_FONT, then the Debian paths of WenQuanYi Micro Hei and
// Noto Sans CJK.
std::vector<std::filesystem::path> cjkFontCandidates();

// The first candidate that exists, or an error naming the packages to install.
Result<std::filesystem::path> findCjkFont();

} // namespace xrs::ui
