#pragma once
// A tiled multi-resolution 360° video package, as described by its manifest.json.
// Written by `xrshow pack`, read by the runtime. One source of truth for both sides.
//
// Package on disk:
//   <dir>/manifest.json
//   <dir>/base.mp4                      low-resolution whole sphere (always decodable)
//   <dir>/L<level>/t<row>_<col>.mp4     one closed-GOP stream per tile per level (mono)
//   <dir>/L<level>/e<eye>_t<row>_<col>.mp4   the same for stereo layouts (eye 0 = left/top)
// Every stream shares the source's timestamps and has IDR keyframes at the same frames
// (every `gopFrames`), so a tile may switch level at any keyframe. Streams are 8-bit 4:2:0,
// BT.709 limited range; B-frames only where no frame references them (skipped when catching up).
// The JSON format is documented in docs/video-package.md; parse/write it with ManifestIO.h.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace xrs::video {

inline constexpr int kManifestVersion = 1;

enum class StereoLayout { Mono, TopBottom, SideBySide };
enum class Projection { Equirect360, Equirect180 };

inline constexpr int eyeCount(StereoLayout layout) { return layout == StereoLayout::Mono ? 1 : 2; }

struct StreamFile {
    std::string path;      // relative to the package directory; never absolute, never "..".
    std::uint64_t bytes = 0;
    std::string sha256;    // hex digest of the file's bytes
};

// One resolution level of the tile grid. Level 0 is the finest (source resolution);
// each further level halves width and height.
struct Level {
    int index = 0;
    int tileWidth = 0;     // pixels of one tile at this level (whole frame = grid * tile)
    int tileHeight = 0;
    // eyes * gridRows * gridCols entries: eye-major (left/top first), then row-major.
    std::vector<StreamFile> tiles;
};

struct Manifest {
    int version = kManifestVersion;
    int sourceWidth = 0;   // full frame, including both eyes for stereo layouts
    int sourceHeight = 0;
    int fpsNum = 0;        // frame rate as a rational (60/1, 30000/1001)
    int fpsDen = 1;
    std::int64_t frameCount = 0;
    int gopFrames = 0;     // distance between aligned IDR keyframes
    std::string codec;     // "hevc", "h264" or "av1"
    StereoLayout layout = StereoLayout::Mono;
    Projection projection = Projection::Equirect360;
    int gridCols = 0;      // tiles across the frame (per eye for stereo layouts)
    int gridRows = 0;
    std::vector<Level> levels;  // finest first
    int baseWidth = 0;     // base layer: the whole frame at low resolution, same stereo layout
    int baseHeight = 0;
    StreamFile base;

    // One eye's picture in the source frame (the whole frame for mono).
    int eyeWidth() const { return layout == StereoLayout::SideBySide ? sourceWidth / 2 : sourceWidth; }
    int eyeHeight() const { return layout == StereoLayout::TopBottom ? sourceHeight / 2 : sourceHeight; }
    int tilesPerLevel() const { return eyeCount(layout) * gridRows * gridCols; }
    // Position of a tile in Level::tiles (eye-major, then row-major).
    std::size_t tileIndex(int eye, int row, int col) const {
        return static_cast<std::size_t>((eye * gridRows + row) * gridCols + col);
    }
    double durationSeconds() const {
        return fpsNum > 0 ? static_cast<double>(frameCount) * fpsDen / fpsNum : 0.0;
    }
};

} // namespace xrs::video
