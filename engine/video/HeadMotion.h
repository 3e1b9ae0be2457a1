#pragma once
// How the head is moving, from its successive poses: angular and linear velocity, smoothed over
// a short time constant (trackers jitter a little). A pose farther from the last than a head
// moves in that time is a new viewpoint (a teleport, a scene change, a tracking glitch) and
// restarts the estimate. For predicting what the views will see: TileScheduler's prefetch on
// the video sphere, TiledImages' on images in the world.
#include "core/View.h"

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <optional>

namespace xrs::video {

// Moves `estimate` towards `sample` as an average with time constant `tau` over `seconds` (the
// same smoothing whatever the frame rate). Also TileScheduler's for the tracked gaze.
void smoothTowards(glm::vec3& estimate, glm::vec3 sample, double seconds, double tau);

class HeadMotion {
public:
    explicit HeadMotion(float smoothingSeconds = 0.05f) : smoothingSeconds_(smoothingSeconds) {}

    // The head's pose `seconds` after the previous one (0: no time passed, e.g. paused display
    // time, and no velocity can be measured).
    void observe(const Pose& head, double seconds);
    void reset();

    glm::vec3 angularVelocity() const { return angular_; } // rad/s about this axis, reference space
    glm::vec3 linearVelocity() const { return linear_; }   // m/s, reference space

    // `view` (a head or an eye pose) `seconds` ahead if the head keeps moving as it does now:
    // turned about the head's position, carried along with it.
    Pose predict(const Pose& view, float seconds) const;

private:
    float smoothingSeconds_;
    std::optional<Pose> previous_;
    glm::vec3 angular_{0.0f};
    glm::vec3 linear_{0.0f};
};

} // namespace xrs::video
