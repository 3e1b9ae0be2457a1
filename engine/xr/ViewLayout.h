#pragma once
// Where each eye's image goes in a desktop window, for the composition shader and for mapping
// the cursor back into an eye's view. Eye images keep their aspect ratio (square pixels) and
// are centred with black bars: the window shows the headset's views, it does not reshape them.
#include <glm/glm.hpp>

#include <cstdint>
#include <optional>

namespace xrs::xr {

enum class StereoMode : std::uint8_t {
    LeftEye,    // the left eye fills the window
    SideBySide, // left eye | right eye
    Anaglyph,   // red = left eye, cyan = right eye (red/cyan glasses)
};
const char* stereoModeName(StereoMode mode);
StereoMode nextStereoMode(StereoMode mode);

struct PixelRect {
    glm::vec2 origin{0.0f}; // top-left, window pixels
    glm::vec2 size{0.0f};
    bool contains(glm::vec2 p) const {
        return p.x >= origin.x && p.y >= origin.y && p.x < origin.x + size.x && p.y < origin.y + size.y;
    }
};

// The rectangle of `eye` (0 left, 1 right) for an eye image of aspect `eyeAspect` (w / h). In
// LeftEye and Anaglyph modes both eyes share one rectangle.
PixelRect eyeRect(StereoMode mode, glm::vec2 windowSize, float eyeAspect, std::uint32_t eye);

// The point of the left eye's image under a window pixel, (0,0) top-left .. (1,1); nullopt
// outside it.
std::optional<glm::vec2> leftEyeUvAt(StereoMode mode, glm::vec2 windowSize, float eyeAspect,
                                     glm::vec2 windowPixel);

} // namespace xrs::xr
