#pragma once
// A very large still image (the art gallery's hand scroll: up to 40960x2048) stored as a tile
// pyramid, `xrshow-tile-pyramid` version 1 (written by tools/content/art/pyramid.py):
//   <dir>/index.json                 image size, tile size, levels
//   <dir>/<level>/<column>_<row>.png sRGB tiles; level 0 full resolution, each next level halves
// and shown through the video path's machinery rather than a second copy of it: the pyramid
// is presented as a one-frame mono "package" (manifest()) whose grid is level 0's tile grid and
// whose level L tiles are the same grid cells at 1/2^L resolution; TilePyramidSource loads
// those cells from the PNGs on a worker thread and hands them out as Y'CbCr planes
// (FrameSource), so VideoTextures keeps them in its atlas and TileScheduler picks their levels.
#include "core/Result.h"
#include "video/FrameSource.h"
#include "video/Manifest.h"

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace xrs::video {

inline constexpr int kMaxPyramidBaseSize = 2048; // the base layer's longer side, at most

struct PyramidLevel {
    int width = 0;
    int height = 0;
    int columns = 0;
    int rows = 0;
};

struct TilePyramid {
    std::filesystem::path directory; // holds index.json
    int width = 0;                   // level 0
    int height = 0;
    int tileSize = 0;
    std::vector<PyramidLevel> levels; // finest first

    std::filesystem::path tilePath(int level, int column, int row) const;

    // As a video package: grid = level 0's tiles; `levelCount` grid levels (at most
    // `maxLevels`, each with tiles of at least 16 px); the base layer is the finest pyramid level
    // whose longer side is at most kMaxPyramidBaseSize. One frame at 1 fps, mono; the stream
    // files are the index (not read by this path).
    Manifest manifest(int maxLevels) const;
    int baseLevel() const;
};

// Reads and checks index.json. Errors name the file and the field: "scroll/index.json: /levels/2:
// width 1281, expected 1280 (half of 2560, rounded up)". Grid cells must be whole tiles at every
// level used, so the image's size must be a multiple of the tile size.
Result<TilePyramid> readTilePyramid(const std::filesystem::path& indexFile);

class TilePyramidSource final : public FrameSource {
public:
    // Loads the base layer at once (so the first frame has the whole image), then tiles on a
    // worker thread as they are wanted.
    static Result<std::unique_ptr<TilePyramidSource>> open(TilePyramid pyramid, const Manifest& manifest);
    ~TilePyramidSource() override; // joins the worker
    TilePyramidSource(const TilePyramidSource&) = delete;
    TilePyramidSource& operator=(const TilePyramidSource&) = delete;

    // Loaded tiles waiting to be taken, at most (~12 MB of 512 px tiles).
    static constexpr std::size_t kMaxReady = 32;

    // The tiles to load now, most important first (wanted and not already held by the
    // consumer); replaces the previous list. Loaded tiles not yet taken stay ready until room
    // is needed for a wanted one.
    void want(std::span<const StreamId> streams);
    // Blocks until the first kMaxReady wanted tiles are loaded (or failed): still renders and
    // scripted runs, whose frames must not depend on the loader's timing.
    void waitForWanted();

    // FrameSource: frame 0 only. A tile is handed out once (VideoTextures keeps it resident);
    // the base layer every time.
    bool useFrame(StreamId stream, std::int64_t frameIndex,
                  const std::function<void(const DecodedFrame&)>& use) override;

    // Tiles that could not be loaded (each logged once as "<file>: <cause>").
    int failedTiles() const;
    std::uint64_t tilesLoaded() const;
    std::uint64_t pixelsLoaded() const; // of the tiles loaded (the base layer not counted)

private:
    TilePyramidSource(TilePyramid pyramid, const Manifest& manifest);
    void workerLoop();
    std::optional<StreamId> nextToLoad(); // under mutex_; may drop a stale ready tile
    Result<DecodedFrame> load(StreamId stream) const;

    TilePyramid pyramid_;
    std::vector<int> tileSizes_; // grid cell size in px per grid level
    int gridCols_ = 0;
    DecodedFrame base_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;           // the worker: wanted_ changed, or stop
    std::condition_variable tileSettled_; // waitForWanted(): a tile loaded or failed
    bool stopping_ = false;
    std::vector<StreamId> wanted_;              // in priority order
    std::map<StreamId, DecodedFrame> ready_;    // loaded, not yet handed out
    std::vector<StreamId> readyOrder_;          // oldest first, to bound ready_
    std::set<StreamId> failed_;
    std::uint64_t loaded_ = 0;
    std::uint64_t pixelsLoaded_ = 0;
    std::thread worker_;
};

} // namespace xrs::video
