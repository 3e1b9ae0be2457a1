#include "xr/ViewLayout.h"

#include <algorithm>

namespace xrs::xr {

const char* stereoModeName(StereoMode mode) {
    switch (mode) {
    case StereoMode::LeftEye: return "left eye";
    case StereoMode::SideBySide: return "side by side";
    case StereoMode::Anaglyph: return "anaglyph";
    }
    return "?";
}

StereoMode nextStereoMode(StereoMode mode) {
    switch (mode) {
    case StereoMode::LeftEye: return StereoMode::SideBySide;
    case StereoMode::SideBySide: return StereoMode::Anaglyph;
    case StereoMode::Anaglyph: return StereoMode::LeftEye;
    }
    return StereoMode::LeftEye;
}

PixelRect eyeRect(StereoMode mode, glm::vec2 windowSize, float eyeAspect, std::uint32_t eye) {
    const bool split = mode == StereoMode::SideBySide;
    const glm::vec2 area = split ? glm::vec2(windowSize.x * 0.5f, windowSize.y) : windowSize;
    const glm::vec2 areaOrigin = split && eye == 1 ? glm::vec2(area.x, 0.0f) : glm::vec2(0.0f);
    if (area.x <= 0.0f || area.y <= 0.0f || eyeAspect <= 0.0f) return {areaOrigin, {0.0f, 0.0f}};
    // Fit: as large as possible with the eye's aspect, centred in its area.
    glm::vec2 size = area.x / area.y > eyeAspect ? glm::vec2(area.y * eyeAspect, area.y)
                                                  : glm::vec2(area.x, area.x / eyeAspect);
    return {areaOrigin + (area - size) * 0.5f, size};
}

std::optional<glm::vec2> leftEyeUvAt(StereoMode mode, glm::vec2 windowSize, float eyeAspect,
                                     glm::vec2 windowPixel) {
    const PixelRect rect = eyeRect(mode, windowSize, eyeAspect, 0);
    if (!rect.contains(windowPixel) || rect.size.x <= 0.0f) return std::nullopt;
    return (windowPixel - rect.origin) / rect.size;
}

} // namespace xrs::xr
