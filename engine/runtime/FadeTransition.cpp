#include "runtime/FadeTransition.h"

#include "core/Assert.h"
#include "runtime/SessionTypes.h"

namespace xrs::runtime {

void FadeTransition::start(double outSeconds, double inSeconds) {
    XRS_EXPECT(outSeconds >= 0.0 && inSeconds >= 0.0, "fade durations must not be negative");
    outSeconds_ = outSeconds;
    inSeconds_ = inSeconds;
    elapsed_ = static_cast<double>(alpha_) * outSeconds;
    phase_ = Phase::Out;
}

bool FadeTransition::advance(double dtSeconds) {
    XRS_EXPECT(dtSeconds >= 0.0, "time does not run backwards");
    switch (phase_) {
    case Phase::Idle:
        return false;
    case Phase::Out:
        elapsed_ += dtSeconds;
        if (elapsed_ >= outSeconds_ - kTimeEpsilon) {
            alpha_ = 1.0f;
            elapsed_ = 0.0;
            phase_ = Phase::In;
            return true;
        }
        alpha_ = static_cast<float>(elapsed_ / outSeconds_);
        return false;
    case Phase::In:
        elapsed_ += dtSeconds;
        if (elapsed_ >= inSeconds_ - kTimeEpsilon) {
            alpha_ = 0.0f;
            phase_ = Phase::Idle;
        } else {
            alpha_ = static_cast<float>(1.0 - elapsed_ / inSeconds_);
        }
        return false;
    }
    return false;
}

} // namespace xrs::runtime
