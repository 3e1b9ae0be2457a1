#pragma once
// The comfort vignette: darkens the edges of the view while the visitor moves artificially
// (smooth locomotion or smooth turning), the main cause of motion sickness in VR. Its strength
// follows the faster of the two motions and ramps in and out so it never pops.
#include "runtime/SessionTypes.h"

namespace xrs::runtime {

class ComfortVignette {
public:
    explicit ComfortVignette(const SessionSettings& settings);

    // The strength for this frame, 0 (none) .. 1 (full).
    float update(float speedMetresPerSecond, float turnDegreesPerSecond, double dtSeconds);
    float strength() const { return strength_; }

private:
    float fullSpeed_;
    float fullTurn_;
    float stillSpeed_;
    float stillTurn_;
    double rampSeconds_;
    float strength_ = 0.0f;
};

} // namespace xrs::runtime
