#pragma once
// The one master clock of video playback: every tile shown in a displayed frame comes from the
// frame index this clock reports, so a frame never mixes timestamps.
//
// Time is kept as an integer count of 1/(fpsNum * 1000) s units, so one frame lasts exactly
// fpsDen * 1000 units even for 30000/1001 rates, and fixed-step playback never drifts.
// Playback loops by default; without looping it stops on the last frame and reports ended().
#include <cstdint>

namespace xrs::video {

class VideoClock {
public:
    VideoClock(int fpsNum, int fpsDen, std::int64_t frameCount, bool loop = true);

    // Real-time mode (default): advance(dt) adds the wall-clock dt.
    // Fixed-step mode: every advance() moves exactly `framesPerTick` video frames, whatever dt
    // says; tests and benchmarks use it to be deterministic.
    void setFixedStep(std::int64_t framesPerTick);
    void setRealTime();
    bool fixedStep() const { return fixedFramesPerTick_ > 0; }

    void advance(double wallSeconds = 0.0);
    void pause() { paused_ = true; }
    void resume() { paused_ = false; }
    bool paused() const { return paused_; }
    void setLoop(bool loop) { loop_ = loop; }
    bool loops() const { return loop_; }

    // Seeking clamps to [0, duration); it clears ended() and counts as a discontinuity.
    void seekSeconds(double seconds);
    void seekFrame(std::int64_t frameIndex);

    std::int64_t frameIndex() const; // in [0, frameCount)
    double seconds() const;          // position within the video, in [0, duration)
    double frameSeconds(std::int64_t frameIndex) const; // presentation time of a frame
    double durationSeconds() const;
    std::int64_t frameCount() const { return frameCount_; }
    bool ended() const { return ended_; }
    // Bumped by every wrap-around and seek: the frame index jumped instead of moving on.
    std::uint64_t discontinuities() const { return discontinuities_; }

private:
    std::int64_t unitsPerFrame() const;
    std::int64_t durationUnits() const;
    void setPosition(std::int64_t units);

    int fpsNum_;
    int fpsDen_;
    std::int64_t frameCount_;
    bool loop_;
    bool paused_ = false;
    bool ended_ = false;
    std::int64_t fixedFramesPerTick_ = 0;
    std::int64_t units_ = 0;
    std::uint64_t discontinuities_ = 0;
};

} // namespace xrs::video
