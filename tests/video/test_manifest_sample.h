#pragma once
// A small valid manifest (1024x512 mono, 4x2 tiles, 2 levels) shared by the manifest tests.
#include <string>

#include "video/Manifest.h"

namespace xrs::video::testing {

inline std::string fakeDigest(int seed) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string digest(64, '0');
    for (std::size_t i = 0; i < digest.size(); ++i) digest[i] = kHex[(static_cast<std::size_t>(seed) * 7 + i * 3) % 16];
    return digest;
}

inline Manifest sampleManifest(StereoLayout layout = StereoLayout::Mono) {
    Manifest m;
    m.sourceWidth = 1024;
    m.sourceHeight = layout == StereoLayout::TopBottom ? 1024 : 512;
    m.fpsNum = 30;
    m.fpsDen = 1;
    m.frameCount = 30;
    m.gopFrames = 10;
    m.codec = "h264";
    m.layout = layout;
    m.gridCols = 4;
    m.gridRows = 2;
    m.baseWidth = 256;
    m.baseHeight = layout == StereoLayout::TopBottom ? 256 : 128;
    m.base = {"base.mp4", 1000, fakeDigest(0)};
    for (int level = 0; level < 2; ++level) {
        Level& entry = m.levels.emplace_back();
        entry.index = level;
        entry.tileWidth = 256 >> level;
        entry.tileHeight = 256 >> level;
        for (int eye = 0; eye < eyeCount(layout); ++eye) {
            for (int row = 0; row < 2; ++row) {
                for (int col = 0; col < 4; ++col) {
                    std::string path = "L" + std::to_string(level) + "/";
                    if (layout != StereoLayout::Mono) path += "e" + std::to_string(eye) + "_";
                    path += "t" + std::to_string(row) + "_" + std::to_string(col) + ".mp4";
                    entry.tiles.push_back({path, static_cast<std::uint64_t>(100 + row * 10 + col),
                                           fakeDigest(level * 100 + eye * 10 + row * 4 + col + 1)});
                }
            }
        }
    }
    return m;
}

} // namespace xrs::video::testing
