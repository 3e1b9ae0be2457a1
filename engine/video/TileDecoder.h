#pragma once
// One tile stream's demuxer and decoder (libavformat + libavcodec behind a pimpl), producing
// NV12 pictures: a Y plane and an interleaved CbCr plane, which upload to two plain textures
// (lavapipe has no YCbCr samplers). Not thread-safe: one thread at a time drives a decoder;
// DecoderPool gives each active stream its own.
#include "core/Result.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

namespace xrs::video {

// How the shader turns this picture's YCbCr into RGB.
enum class ColourMatrix { Bt601, Bt709, Bt2020 };
enum class ColourRange { Limited, Full }; // Limited: Y in [16, 235], CbCr in [16, 240]

// A decoded picture in NV12 layout, 8 bits per sample. Buffers are reused from frame to frame.
struct DecodedFrame {
    std::int64_t frameIndex = -1; // 0-based index in the stream (pts * frame rate)
    double ptsSeconds = 0.0;
    int width = 0;  // luma size in pixels
    int height = 0;
    int lumaStride = 0;   // bytes between rows of `luma`
    int chromaStride = 0; // bytes between rows of `chroma`; a row holds (width + 1) / 2 CbCr pairs
    std::vector<std::uint8_t> luma;   // lumaStride * height bytes
    std::vector<std::uint8_t> chroma; // chromaStride * ((height + 1) / 2) bytes
    ColourMatrix matrix = ColourMatrix::Bt709;
    ColourRange range = ColourRange::Limited;

    int chromaWidth() const { return (width + 1) / 2; }
    int chromaHeight() const { return (height + 1) / 2; }
};

// What one decodeNext() call did.
struct DecodeStep {
    bool endOfStream = false;     // no frame: the stream is exhausted (seek to go on)
    std::int64_t frameIndex = -1; // index of the decoded frame
    std::int64_t pixels = 0;      // luma pixels decoded (counted for dropped frames too)
};

class TileDecoder {
public:
    // Opens `file` and its first video stream. `expectedFrameCount` (e.g. the manifest's) lets
    // the decoder tell a truncated stream from a finished one; 0 trusts the container.
    // Errors name the file: "<file>: <cause>".
    static Result<TileDecoder> open(const std::filesystem::path& file, std::int64_t expectedFrameCount = 0);

    TileDecoder(TileDecoder&&) noexcept;
    TileDecoder& operator=(TileDecoder&&) noexcept;
    TileDecoder(const TileDecoder&) = delete;
    TileDecoder& operator=(const TileDecoder&) = delete;
    ~TileDecoder();

    const std::filesystem::path& file() const;
    int width() const;
    int height() const;
    std::int64_t frameCount() const; // expected frames (container's count if none was given)

    // Moves the read position so the next decoded frame is the keyframe at or before
    // frameIndex; the caller decodes and drops up to its target (catch-up).
    Status seekToKeyframeAtOrBefore(std::int64_t frameIndex);

    // Decodes the next frame in display order and holds it until the next call. A stream that
    // ends before frameCount() or does not decode fails with the file named. Frames before
    // `skipUnreferencedBefore` that no other frame references (the B-frames of our packages)
    // are not decoded at all: catching up only needs the reference chain. The frame at the
    // target and after it are decoded whatever their type.
    Result<DecodeStep> decodeNext(std::int64_t skipUnreferencedBefore = -1);
    // Converts the frame the last successful decodeNext() returned to NV12 in output's (reused)
    // buffers. Catch-up frames that are dropped skip this, the costly half of a copy.
    Status copyCurrentFrame(DecodedFrame& output);

    // Index the next decodeNext() is expected to return (the last one + 1; after a seek,
    // unknown until the keyframe is decoded, reported as -1).
    std::int64_t nextFrameIndex() const;

private:
    struct Impl;
    explicit TileDecoder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace xrs::video
