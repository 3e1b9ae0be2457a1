#include "runtime/ComfortVignette.h"

#include "core/Assert.h"

#include <algorithm>
#include <cmath>

namespace xrs::runtime {

ComfortVignette::ComfortVignette(const SessionSettings& settings)
    : fullSpeed_(settings.vignetteFullSpeed), fullTurn_(settings.vignetteFullTurnDegreesPerSecond),
      stillSpeed_(settings.stillSpeed), stillTurn_(settings.stillTurnDegreesPerSecond),
      rampSeconds_(settings.vignetteRampSeconds) {
    XRS_EXPECT(fullSpeed_ > 0.0f && fullTurn_ > 0.0f, "vignette full speeds must be positive");
}

float ComfortVignette::update(float speedMetresPerSecond, float turnDegreesPerSecond, double dtSeconds) {
    const float speed = std::fabs(speedMetresPerSecond);
    const float turn = std::fabs(turnDegreesPerSecond);
    float target = 0.0f;
    if (speed > stillSpeed_ || turn > stillTurn_)
        target = std::clamp(std::max(speed / fullSpeed_, turn / fullTurn_), 0.0f, 1.0f);
    if (rampSeconds_ <= 0.0) {
        strength_ = target;
        return strength_;
    }
    const auto step = static_cast<float>(dtSeconds / rampSeconds_);
    if (strength_ < target) strength_ = std::min(target, strength_ + step);
    else strength_ = std::max(target, strength_ - step);
    return strength_;
}

} // namespace xrs::runtime
