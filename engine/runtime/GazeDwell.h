#pragma once
// Gaze dwell: looking at one target for `dwellSeconds` activates it, once. The frame the gaze
// lands counts as 0 s; each further frame on the same target adds its dt. After activating, the
// gaze has to leave the target (or land on another) before it can dwell-activate again.
#include <cstddef>
#include <optional>

namespace xrs::runtime {

class GazeDwell {
public:
    explicit GazeDwell(double dwellSeconds);

    // The gaze target of this frame (nullopt: nothing). Returns the target to activate, on the
    // single frame its dwell completes.
    std::optional<std::size_t> update(std::optional<std::size_t> target, double dtSeconds);

    // Forget the current dwell (the scene changed, interaction is paused).
    void reset();
    // The current target was activated some other way: it must be left before dwelling again.
    void markActivated();

    std::optional<std::size_t> target() const { return target_; }
    // 0..1 while dwelling; 0 when there is no target or it has already fired.
    float progress() const;

private:
    double dwellSeconds_;
    std::optional<std::size_t> target_;
    double seconds_ = 0.0;
    bool fired_ = false;
};

} // namespace xrs::runtime
