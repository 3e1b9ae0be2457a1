#pragma once
// Where VideoTextures gets the pictures of its tiles and base layer: decoded video frames
// (DecoderPool) or the tiles of a still image pyramid (TilePyramidSource). Both hand out frames
// of Y' and interleaved CbCr planes, keyed by stream (a tile at a level, or the base layer)
// and frame index, and neither ever blocks the frame loop.
#include "video/TileDecoder.h"

#include <compare>
#include <cstdint>
#include <functional>

namespace xrs::video {

// One stream of a package: a tile at a level, or the base layer.
struct StreamId {
    static constexpr int kBaseLevel = -1;
    int level = 0; // index into Manifest::levels, or kBaseLevel
    int tile = 0;  // index into Level::tiles (eye-major, then row-major); 0 for the base layer
    auto operator<=>(const StreamId&) const = default;
};

class FrameSource {
public:
    virtual ~FrameSource() = default;

    // When the frame of `stream` at `frameIndex` is ready: calls `use` with it (the frame is
    // valid during the call only) and returns true. Otherwise returns false at once.
    virtual bool useFrame(StreamId stream, std::int64_t frameIndex,
                          const std::function<void(const DecodedFrame&)>& use) = 0;
};

} // namespace xrs::video
