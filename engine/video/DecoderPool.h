#pragma once
// Decodes the tile streams the scheduler asks for on worker threads (one per core), one
// TileDecoder per active stream, and hands decoded NV12 frames to the consumer without copying.
//
// Per display frame the consumer:
//   1. submit(): the full list of streams it wants and the frame index each should show (the
//      VideoClock's). Streams left out stop decoding; after `idleSubmitsBeforeClose` submits
//      without being wanted their decoder and buffers are freed. List order is priority order
//      (put foveal tiles first): workers serve the stream with the fewest frames buffered
//      ahead, ties by list position.
//   2. tryAcquire(stream, frameIndex): the decoded frame, or nothing yet (draw the base layer).
//      Never blocks on decoding; the lease pins the frame's buffers until it is destroyed
//      (after the upload copied them to staging, or after the GPU fence if uploading straight
//      from the lease's memory).
// With Config::loop the ring's window of frames "needed soon" wraps around the clip's end.
// A stream that starts (or jumps) to a frame mid-GOP seeks to the keyframe at or before it
// and decodes-and-drops up to it; a level switch is just another stream starting this way, so
// it does not wait for the next keyframe. Each stream keeps a small ring of frames
// (`framesPerStream`, reused buffers) and decodes ahead of its target while the ring has room.
// A missing or corrupt stream is marked failed with one logged error naming the file; the
// other streams play on.
#include "video/FrameSource.h"
#include "video/Manifest.h"
#include "video/TileDecoder.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace xrs::video {

struct StreamRequest {
    StreamId stream;
    std::int64_t frameIndex = 0;
};

enum class StreamState { Unknown, Opening, Decoding, Failed };

struct StreamStatus {
    StreamState state = StreamState::Unknown;
    std::string error; // for Failed: "<file>: <cause>"
};

struct DecoderPoolStats {
    std::uint64_t framesDelivered = 0; // converted into a ring slot
    std::uint64_t framesDropped = 0;   // decoded to catch up, not converted
    std::uint64_t pixelsDecoded = 0;   // luma pixels of all decoded frames
    double busySeconds = 0.0;          // summed over workers
    int openStreams = 0;
    int failedStreams = 0;
    int workerCount = 0;
};

class DecoderPool final : public FrameSource {
    struct State;
    struct Stream;

public:
    struct Config {
        int workerCount = 0;             // 0: std::thread::hardware_concurrency()
        int framesPerStream = 3;         // ring size; bounds memory and decode-ahead
        int idleSubmitsBeforeClose = 30; // unwanted streams keep their decoder this long
        // The consumer plays frame 0 after the last (VideoClock's loop): decoding ahead goes on
        // across the end, so the first frames are ready when the clock wraps instead of every
        // stream seeking back at once (a frame or more of base layer everywhere). Clips no longer
        // than a GOP and the ring seek back at the end instead.
        bool loop = false;
    };

    // Move-only hold on one decoded frame; releases it on destruction.
    class FrameLease {
    public:
        FrameLease(FrameLease&& other) noexcept;
        FrameLease& operator=(FrameLease&& other) noexcept;
        FrameLease(const FrameLease&) = delete;
        FrameLease& operator=(const FrameLease&) = delete;
        ~FrameLease();

        const DecodedFrame& frame() const;
        StreamId stream() const;

    private:
        friend class DecoderPool;
        FrameLease(std::shared_ptr<State> state, std::shared_ptr<Stream> stream, int slot);
        void release();
        std::shared_ptr<State> state_;
        std::shared_ptr<Stream> stream_;
        int slot_ = -1;
    };

    DecoderPool(std::filesystem::path packageDirectory, Manifest manifest, Config config);
    DecoderPool(std::filesystem::path packageDirectory, Manifest manifest);
    ~DecoderPool() override; // stops and joins the workers; outstanding leases stay valid
    DecoderPool(const DecoderPool&) = delete;
    DecoderPool& operator=(const DecoderPool&) = delete;

    void submit(std::span<const StreamRequest> wanted);

    // The frame of `stream` with the newest index in [frameIndex - maxAgeFrames, frameIndex],
    // if decoded. The default (exact match) keeps every tile of a displayed frame at one time.
    std::optional<FrameLease> tryAcquire(StreamId stream, std::int64_t frameIndex, std::int64_t maxAgeFrames = 0);
    // FrameSource: tryAcquire() with the exact frame, the lease held during `use`.
    bool useFrame(StreamId stream, std::int64_t frameIndex,
                  const std::function<void(const DecodedFrame&)>& use) override;

    // Blocks until tryAcquire(stream, frameIndex) would succeed, the stream fails or the
    // timeout passes. For benchmarks and tests that trade latency for determinism; the frame
    // loop uses tryAcquire.
    bool waitFor(StreamId stream, std::int64_t frameIndex, std::chrono::milliseconds timeout);

    StreamStatus status(StreamId stream) const;
    std::filesystem::path streamFile(StreamId stream) const;
    DecoderPoolStats stats() const;

    // Decode capacity measured since the previous call: luma pixels per second of worker time,
    // times the worker count, i.e. what the pool could decode with every worker busy. Feed it
    // to TileScheduler::observeDecodeThroughput. nullopt when there was too little work.
    struct ThroughputSample {
        double pixelsPerSecond = 0.0;
        double seconds = 0.0; // how much work it measured: worker time over the worker count
    };
    std::optional<ThroughputSample> takeThroughputSample();
    // The sample for `busySeconds` of worker time that produced `pixels`: nullopt below a
    // millisecond (timer noise) and while no pixel came out (opening, seeking, a failing
    // stream), so that time counts towards the next window that produces pixels.
    static std::optional<ThroughputSample> throughputSample(double busySeconds, std::uint64_t pixels, int workers);

    int workerCount() const { return static_cast<int>(workers_.size()); }

private:
    void workerLoop();

    std::shared_ptr<State> state_;
    std::vector<std::thread> workers_;
};

} // namespace xrs::video
