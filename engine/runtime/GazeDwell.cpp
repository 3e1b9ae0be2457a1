#include "runtime/GazeDwell.h"

#include "core/Assert.h"
#include "runtime/SessionTypes.h"

#include <algorithm>

namespace xrs::runtime {

GazeDwell::GazeDwell(double dwellSeconds) : dwellSeconds_(dwellSeconds) {
    XRS_EXPECT(dwellSeconds > 0.0, "the dwell time must be positive");
}

std::optional<std::size_t> GazeDwell::update(std::optional<std::size_t> target, double dtSeconds) {
    if (target != target_) {
        target_ = target;
        seconds_ = 0.0;
        fired_ = false;
        return std::nullopt;
    }
    if (!target_ || fired_) return std::nullopt;
    seconds_ += dtSeconds;
    if (seconds_ >= dwellSeconds_ - kTimeEpsilon) {
        fired_ = true;
        return target_;
    }
    return std::nullopt;
}

void GazeDwell::reset() {
    target_.reset();
    seconds_ = 0.0;
    fired_ = false;
}

void GazeDwell::markActivated() {
    fired_ = true;
}

float GazeDwell::progress() const {
    if (!target_ || fired_) return 0.0f;
    return static_cast<float>(std::clamp(seconds_ / dwellSeconds_, 0.0, 1.0));
}

} // namespace xrs::runtime
