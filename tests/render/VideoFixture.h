#pragma once
// Small tiled video packages made by our own generator and packager, built once per build
// directory (under $XRS_TEST_DATA_DIR) and shared by the test processes ctest starts.
#include <filesystem>

namespace xrs::test {

// 1024x512 mono 360°, 30 fps, 1 s, h264, 8x4 tiles, 2 levels (128 and 64 px tiles), base 256x128.
const std::filesystem::path& monoVideoPackage();
// 1024x1024 top-bottom stereo 360° (each eye 1024x512), otherwise as above.
const std::filesystem::path& stereoVideoPackage();
// 1024x512 side-by-side stereo 180° (VR180: each eye 512x512, 180° x 180°), otherwise as above.
const std::filesystem::path& vr180VideoPackage();

} // namespace xrs::test
