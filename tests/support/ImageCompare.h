#pragma once
// Golden-image comparison for rendering tests. Renders are compared with a stated tolerance
// rather than bit-exactly: per pixel (how many pixels are off by more than channelTolerance) and
// globally (PSNR), so a rounding change in lavapipe passes while a missing object does not.
//
// Goldens live in <source>/tests/golden/<goldenName>.png (<source> = $XRS_SOURCE_DIR, else the
// source tree known at build time) and are pinned to one rasterizer: Mesa lavapipe.
//
// On failure checkGolden writes <out>/<goldenName>.actual.png and <out>/<goldenName>.diff.png,
// where <out> = $XRS_TEST_OUTPUT_DIR, else <build>/test-output (next to the bin/ directory that
// holds the test executable). The diff shows each channel's absolute error times 10 (opaque),
// so an error of 26 or more is full intensity and an identical pixel is black.
//
// Creating or updating goldens: run the tests with XRS_UPDATE_GOLDENS=1. A golden that is missing
// or fails the comparison is then overwritten with the actual image and the check reports
// pass = false with "golden updated: <path>", so an update run is never mistaken for a green
// run; review the new PNGs, then rerun without the variable. Goldens that already pass are left
// untouched (no churn from harmless noise).
#include "core/Image.h"

#include <string>

namespace xrs::test {

struct CompareTolerance {
    int channelTolerance = 8;      // a pixel is bad if any channel (RGBA) differs by more than this
    double maxBadFraction = 0.002; // pass needs badFraction <= this
    double minPsnr = 35.0;         // pass needs PSNR (dB, RGB, peak 255) >= this
};

struct CompareResult {
    bool pass = false;
    double psnr = 0.0;        // +infinity for identical RGB
    double badFraction = 1.0; // bad pixels / all pixels
    int maxChannelError = 0;  // over all four channels
    std::string summary;      // one human-readable line (plus file paths for checkGolden)
};

// Compares two images of the same size; a size mismatch fails with both sizes in the summary.
CompareResult compareImages(const ImageRGBA8& actual, const ImageRGBA8& expected, CompareTolerance tolerance = {});

// Compares against the golden named goldenName (may contain '/': "render/sphere_basic").
CompareResult checkGolden(const ImageRGBA8& actual, const std::string& goldenName, CompareTolerance tolerance = {});

// The amplified absolute-error image written as <name>.diff.png (sizes must match).
ImageRGBA8 differenceImage(const ImageRGBA8& actual, const ImageRGBA8& expected);

} // namespace xrs::test
