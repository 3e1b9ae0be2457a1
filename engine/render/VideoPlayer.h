#pragma once
// Plays one tiled 360° video package into the renderer: the master clock says which video frame
// is due, the TileScheduler picks a level per tile from the views and the gaze, the DecoderPool
// decodes those streams on worker threads (never blocking this thread), and VideoTextures uploads
// what is ready and falls back to the base layer for the rest. One update() per display frame.
#include "core/Result.h"
#include "render/StereoViews.h"
#include "render/VideoTextures.h"
#include "video/DecoderPool.h"
#include "video/PackageReader.h"
#include "video/TileScheduler.h"
#include "video/VideoClock.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

namespace xrs::render {

struct VideoPlayerConfig {
    video::SchedulerConfig scheduler;
    VideoTexturesConfig textures;
    video::DecoderPool::Config decoder;
    bool loop = true;
    // Follow the decoders' measured throughput (TileScheduler's adaptive budget). Off: no
    // budget at all, so the levels depend only on the views and the gaze (golden tests).
    bool adaptiveBudget = true;
};

struct VideoFrameInput {
    StereoViews views;
    std::optional<glm::vec3> gazeDirection;   // reference space; nullopt: no eye tracking
    std::optional<glm::vec3> angularVelocity; // head, rad/s (as XrSpaceVelocity); nullopt: the
                                              // scheduler estimates it from successive poses
    float displayPixelsPerRadian = 0.0f;      // of the display's per-eye image, at its centre
    double dtSeconds = 0.0;                   // since the previous frame: the scheduler's hysteresis
                                              // (the clock ignores it in fixed step)
};

class VideoPlayer {
public:
    static Result<std::unique_ptr<VideoPlayer>> open(gpu::Context& context,
                                                     const std::filesystem::path& package,
                                                     VkDescriptorSetLayout videoLayout,
                                                     const VideoPlayerConfig& config = {});

    // Waits until the base layer of the current frame is decoded, so the first frame shown is
    // never black. Load time only (like shader compilation), never inside the frame loop.
    Status preroll(std::chrono::milliseconds timeout);

    // Advances the clock, schedules, requests decoding and records this frame's uploads.
    // With `waitForTiles` (fixed-step playback only: scripted runs, tests) it first waits for the
    // base layer and every wanted tile of the frame shown, so what a frame shows does not depend
    // on how fast this machine decodes. The real-time loop never waits.
    VideoFrameUpload update(gpu::FrameContext& frame, const VideoFrameInput& input, bool waitForTiles = false);

    // Blocks until the base layer and the tiles of the last update()'s choices are decoded for
    // `frameIndex` (or fail, or `timeout` passes for the whole set). False on timeout.
    bool waitForChosenTiles(std::int64_t frameIndex, std::chrono::milliseconds timeout);
    VideoBackground background(const gpu::FrameContext& frame) const { return textures_->background(frame); }

    const video::Manifest& manifest() const { return package_.manifest; }
    video::VideoClock& clock() { return clock_; }
    video::TileScheduler& scheduler() { return scheduler_; }
    video::DecoderPool& decoders() { return *pool_; }
    const VideoTextures& textures() const { return *textures_; }
    // The scheduler's choices of the last update (one per grid tile).
    const std::vector<video::TileChoice>& lastChoices() const { return choices_; }

private:
    VideoPlayer(video::Package package, video::TileScheduler scheduler, video::VideoClock clock)
        : package_(std::move(package)), scheduler_(std::move(scheduler)), clock_(clock) {}

    video::Package package_;
    video::TileScheduler scheduler_;
    video::VideoClock clock_;
    std::unique_ptr<video::DecoderPool> pool_;
    std::unique_ptr<VideoTextures> textures_;
    std::vector<video::TileChoice> choices_;
    void submitRequests(std::int64_t frameIndex);
    // Fixed-step waits are bounded so that a stuck decoder shows as a slow run, not a hang.
    static constexpr std::chrono::milliseconds kFixedStepPatience{10000};

    std::vector<video::StreamRequest> requests_;
    bool adaptiveBudget_ = true;
    bool started_ = false;
    std::int64_t nextRequest_ = -1;  // real time: the frame the decoders were asked for last
    double framesPerUpdate_ = 1.0;   // real time: video frames the clock moves per display frame
};

} // namespace xrs::render
