#pragma once
// A fade to black and back, with the change (scene switch, teleport) made at full black so the
// visitor never sees the world jump. Time advances only through advance(dt), in whole frames:
// the frame on which the fade-out completes is always shown at alpha 1, whatever dt was.
namespace xrs::runtime {

class FadeTransition {
public:
    // Starts fading out (from the current alpha, so a fade that is coming back in turns around
    // without a jump). outSeconds may be 0: black on the next advance().
    void start(double outSeconds, double inSeconds);

    // Advances by dt seconds. Returns true on the one call where the fade-out reaches black:
    // the caller makes its change then, and the fade-in starts with the next call.
    bool advance(double dtSeconds);

    float alpha() const { return alpha_; }                         // 0 clear .. 1 black
    bool fadingOut() const { return phase_ == Phase::Out; }         // the change is still to come
    bool active() const { return phase_ != Phase::Idle; }

private:
    enum class Phase { Idle, Out, In };
    Phase phase_ = Phase::Idle;
    double elapsed_ = 0.0;
    double outSeconds_ = 0.0;
    double inSeconds_ = 0.0;
    float alpha_ = 0.0f;
};

} // namespace xrs::runtime
