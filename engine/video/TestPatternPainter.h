#pragma once
// The picture of `xrshow gen-video`: a synthetic equirectangular frame that is easy to check by eye
// and by code, and hard enough for a video codec to be a fair benchmark.
//
// Per eye (the whole frame for mono; top/bottom halves for top-bottom stereo):
//   - moving detail everywhere: a fine texture scrolling sideways and vertically, at a different
//     speed in every 15° latitude band (no region of the frame stays static);
//   - a longitude/latitude grid every 15° (45° lines brighter and twice as thick); the label
//     "LON-180 LAT+75" sits just above-right of the intersection it names;
//   - a coarse 8x4 "label tile" grid (45° x 45° for 360°) with its own hue, its name ("R2C5",
//     prefixed "L "/"R " for stereo eyes) at the tile centre, fine text lines at 1, 2 and 3 pixel
//     stroke scales for legibility checks, a frame counter "F 000123", and a machine-readable
//     frame code (see frameCodeRect/readFrameCode);
//   - stereo: the right eye's text and codes sit `disparityPixels()` to the left of the left eye's,
//     so the labels float in front of the grid.
// Everything is a pure function of (spec, frame index): the output is deterministic.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "video/Manifest.h"

namespace xrs::video {

struct TestPatternSpec {
    int width = 7680;          // whole frame, both eyes for stereo layouts
    int height = 3840;
    StereoLayout layout = StereoLayout::Mono;
    Projection projection = Projection::Equirect360;
};

// A writable 8-bit plane (Y, U or V of a 4:2:0 frame).
struct PlaneView {
    std::uint8_t* data = nullptr;
    int stride = 0;
    int width = 0;
    int height = 0;
};

struct PixelRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

class TestPatternPainter {
public:
    static constexpr int kLabelCols = 8;   // label tiles per eye
    static constexpr int kLabelRows = 4;
    static constexpr int kFrameCodeBits = 16;

    // Width and height must be even (and divisible by 4 along the stacked axis for stereo).
    explicit TestPatternPainter(const TestPatternSpec& spec);

    const TestPatternSpec& spec() const { return spec_; }
    PixelRect eyeRect(int eye) const;
    // Label tile (eye, row, col) in frame pixels.
    PixelRect labelTileRect(int eye, int row, int col) const;
    // The frame code of one label tile: a row of 2 + kFrameCodeBits square cells (white, black,
    // then the frame index modulo 2^16, most significant bit first; white = 1).
    PixelRect frameCodeRect(int eye, int row, int col) const;
    int disparityPixels() const { return disparity_; }
    // "R2C5", or "L R2C5"/"R R2C5" for stereo.
    std::string labelText(int eye, int row, int col) const;

    // Draws frame `frameIndex` (BT.709 limited range; luma 16..235).
    void paint(std::int64_t frameIndex, const PlaneView& luma, const PlaneView& cb, const PlaneView& cr) const;

    // Reads a frame code back from a luma plane (any image in which `rect` holds one code, e.g.
    // a decoded frame or a rendered view scaled back). nullopt when the start cells are wrong.
    static std::optional<int> readFrameCode(const std::uint8_t* luma, int stride, const PixelRect& rect);

private:
    struct FillRect {
        int x0, y0, x1, y1;    // half-open, frame pixels
        std::uint8_t luma;
    };

    void buildStaticLayer();
    void addText(std::vector<FillRect>& out, int eye, int x, int y, int scale, const std::string& text,
                 std::uint8_t luma, bool backdrop) const;
    void addRect(std::vector<FillRect>& out, int eye, int x0, int y0, int x1, int y1, std::uint8_t luma) const;
    void paintBackground(std::int64_t frameIndex, const PlaneView& luma) const;
    void paintChroma(const PlaneView& cb, const PlaneView& cr) const;
    std::vector<FillRect> dynamicLayer(std::int64_t frameIndex) const;
    static void fill(const PlaneView& luma, const std::vector<FillRect>& rects);

    TestPatternSpec spec_;
    int eyeWidth_ = 0;
    int eyeHeight_ = 0;
    int lineWidth_ = 1;        // 15° grid line thickness
    int disparity_ = 0;
    int codeCell_ = 2;
    std::vector<std::vector<std::uint8_t>> detailRows_;  // each 2 * eyeWidth long, for wrapping copies
    std::vector<FillRect> staticLayer_;
};

} // namespace xrs::video
