#include "video/HeadMotion.h"

#include <cmath>

namespace xrs::video {

namespace {

// Between two poses, faster than these is a jump, not motion: no head turns at 860°/s, and
// nobody walks at 10 m/s.
constexpr float kMaxTurnRate = 15.0f;  // rad/s
constexpr float kMaxSpeed = 10.0f;     // m/s

} // namespace

void smoothTowards(glm::vec3& estimate, glm::vec3 sample, double seconds, double tau) {
    const auto weight = static_cast<float>(tau > 0.0 ? 1.0 - std::exp(-seconds / tau) : 1.0);
    estimate += weight * (sample - estimate);
}

void HeadMotion::observe(const Pose& head, double seconds) {
    if (!previous_ || seconds <= 0.0) {
        angular_ = linear_ = glm::vec3(0.0f); // no earlier pose, or no time between the two
    } else {
        // The turn since the previous pose, in the reference space (now = turn * before), the
        // short way round.
        glm::quat turn = head.orientation * glm::conjugate(previous_->orientation);
        if (turn.w < 0.0f)
            turn = -turn;
        const glm::vec3 axis(turn.x, turn.y, turn.z);
        const float sine = glm::length(axis); // of half the angle
        const auto dt = static_cast<float>(seconds);
        const float rate = 2.0f * std::atan2(sine, turn.w) / dt;
        const glm::vec3 velocity = (head.position - previous_->position) / dt;
        if (rate > kMaxTurnRate || glm::length(velocity) > kMaxSpeed) {
            angular_ = linear_ = glm::vec3(0.0f);
        } else {
            smoothTowards(angular_, sine > 1e-7f ? axis * (rate / sine) : glm::vec3(0.0f), seconds, smoothingSeconds_);
            smoothTowards(linear_, velocity, seconds, smoothingSeconds_);
        }
    }
    previous_ = head;
}

void HeadMotion::reset() {
    previous_.reset();
    angular_ = linear_ = glm::vec3(0.0f);
}

Pose HeadMotion::predict(const Pose& view, float seconds) const {
    const float rate = glm::length(angular_);
    const glm::quat turn = rate > 0.0f ? glm::angleAxis(rate * seconds, angular_ / rate) : glm::identity<glm::quat>();
    const glm::vec3 head = previous_ ? previous_->position : view.position;
    return {glm::normalize(turn * view.orientation), head + linear_ * seconds + turn * (view.position - head)};
}

} // namespace xrs::video
