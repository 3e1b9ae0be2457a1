#include "video/VideoClock.h"

#include "core/Assert.h"

#include <algorithm>
#include <cmath>

namespace xrs::video {

namespace {
constexpr std::int64_t kUnitsPerFrameNum = 1000; // sub-frame resolution of real-time mode
}

VideoClock::VideoClock(int fpsNum, int fpsDen, std::int64_t frameCount, bool loop)
    : fpsNum_(fpsNum), fpsDen_(fpsDen), frameCount_(frameCount), loop_(loop) {
    XRS_EXPECT(fpsNum > 0 && fpsDen > 0, "frame rate must be positive");
    XRS_EXPECT(frameCount > 0, "a video needs at least one frame");
}

std::int64_t VideoClock::unitsPerFrame() const { return std::int64_t{fpsDen_} * kUnitsPerFrameNum; }
std::int64_t VideoClock::durationUnits() const { return frameCount_ * unitsPerFrame(); }

void VideoClock::setFixedStep(std::int64_t framesPerTick) {
    XRS_EXPECT(framesPerTick > 0, "fixed step must move at least one frame");
    fixedFramesPerTick_ = framesPerTick;
}

void VideoClock::setRealTime() { fixedFramesPerTick_ = 0; }

void VideoClock::advance(double wallSeconds) {
    if (paused_ || ended_)
        return;
    std::int64_t delta = 0;
    if (fixedStep()) {
        delta = fixedFramesPerTick_ * unitsPerFrame();
    } else {
        XRS_EXPECT(wallSeconds >= 0.0, "time does not run backwards");
        delta = static_cast<std::int64_t>(std::llround(wallSeconds * fpsNum_ * static_cast<double>(kUnitsPerFrameNum)));
    }
    std::int64_t next = units_ + delta;
    if (next >= durationUnits()) {
        if (loop_) {
            next %= durationUnits();
            ++discontinuities_;
        } else {
            next = durationUnits() - unitsPerFrame();
            ended_ = true;
        }
    }
    units_ = next;
}

void VideoClock::setPosition(std::int64_t units) {
    units_ = std::clamp<std::int64_t>(units, 0, durationUnits() - 1);
    ended_ = false;
    ++discontinuities_;
}

void VideoClock::seekSeconds(double seconds) {
    setPosition(static_cast<std::int64_t>(std::llround(std::max(0.0, seconds) * fpsNum_ * static_cast<double>(kUnitsPerFrameNum))));
}

void VideoClock::seekFrame(std::int64_t frameIndex) { setPosition(frameIndex * unitsPerFrame()); }

std::int64_t VideoClock::frameIndex() const { return units_ / unitsPerFrame(); }

double VideoClock::seconds() const {
    return static_cast<double>(units_) / (static_cast<double>(fpsNum_) * static_cast<double>(kUnitsPerFrameNum));
}

double VideoClock::frameSeconds(std::int64_t frameIndex) const {
    return static_cast<double>(frameIndex) * fpsDen_ / fpsNum_;
}

double VideoClock::durationSeconds() const { return frameSeconds(frameCount_); }

} // namespace xrs::video
