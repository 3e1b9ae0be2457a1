// HeadMotion: the head's angular and linear velocity from its successive poses, and the pose it
// predicts; what TileScheduler and TiledImages prefetch along.
#include "TestAngles.h"
#include "video/HeadMotion.h"

#include <catch2/catch.hpp>

using namespace xrs;
using namespace xrs::video;

namespace {

using test::deg;

Pose headAt(glm::vec3 position, float yawDeg) {
    // Yaw to the left is about +Y.
    return {glm::angleAxis(deg(yawDeg), glm::vec3(0.0f, 1.0f, 0.0f)), position};
}

} // namespace

TEST_CASE("head motion: a steady walk and turn are measured within 1% after five time constants", "[video][motion]") {
    HeadMotion motion(0.05f);
    const double dt = 1.0 / 60.0;
    // Walking along +X at 1.2 m/s, turning left at 30°/s, for 0.25 s.
    for (int frame = 0; frame <= 15; ++frame) {
        const auto t = static_cast<float>(frame * dt);
        motion.observe(headAt({1.2f * t, 1.6f, 0.0f}, 30.0f * t), dt);
    }
    CHECK(motion.linearVelocity().x == Approx(1.2f).epsilon(0.01));
    CHECK(motion.linearVelocity().y == Approx(0.0f).margin(1e-4));
    CHECK(motion.angularVelocity().y == Approx(deg(30.0f)).epsilon(0.01));
    CHECK(motion.angularVelocity().x == Approx(0.0f).margin(1e-4));

    // Half a second on: 0.6 m further, 15° more to the left; an eye 3 cm to the head's right
    // turns with it about the head.
    const Pose now = headAt({1.2f * 0.25f, 1.6f, 0.0f}, 7.5f);
    const Pose later = motion.predict(now, 0.5f);
    CHECK(later.position.x == Approx(0.3f + 0.6f).epsilon(0.01));
    const glm::vec3 forward = later.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    CHECK(glm::degrees(std::atan2(-forward.x, -forward.z)) == Approx(22.5f).epsilon(0.01));
    Pose eye = now;
    eye.position += now.orientation * glm::vec3(0.03f, 0.0f, 0.0f);
    const Pose eyeLater = motion.predict(eye, 0.5f);
    CHECK(glm::length(eyeLater.position - (later.position + later.orientation * glm::vec3(0.03f, 0.0f, 0.0f))) ==
          Approx(0.0f).margin(1e-3));
}

TEST_CASE("head motion: no time between poses, a jump, or a reset gives no velocity", "[video][motion]") {
    HeadMotion motion;
    const double dt = 1.0 / 60.0;
    motion.observe(headAt({0.0f, 1.6f, 0.0f}, 0.0f), dt); // the first pose: nothing to compare with
    CHECK(glm::length(motion.linearVelocity()) == 0.0f);
    motion.observe(headAt({0.02f, 1.6f, 0.0f}, 0.5f), dt);
    CHECK(glm::length(motion.linearVelocity()) > 0.0f);
    CHECK(glm::length(motion.angularVelocity()) > 0.0f);
    motion.observe(headAt({0.04f, 1.6f, 0.0f}, 1.0f), 0.0); // paused display time
    CHECK(glm::length(motion.linearVelocity()) == 0.0f);
    CHECK(glm::length(motion.angularVelocity()) == 0.0f);
    motion.observe(headAt({0.06f, 1.6f, 0.0f}, 1.5f), dt);
    CHECK(glm::length(motion.linearVelocity()) > 0.0f);
    motion.observe(headAt({3.06f, 1.6f, 0.0f}, 1.5f), dt); // 3 m in a frame: a teleport
    CHECK(glm::length(motion.linearVelocity()) == 0.0f);
    CHECK(glm::length(motion.angularVelocity()) == 0.0f);
    motion.observe(headAt({3.08f, 1.6f, 0.0f}, 91.5f), dt); // 90° in a frame: a new viewpoint
    CHECK(glm::length(motion.angularVelocity()) == 0.0f);
    motion.observe(headAt({3.10f, 1.6f, 0.0f}, 92.0f), dt);
    motion.reset();
    CHECK(glm::length(motion.linearVelocity()) == 0.0f);
    CHECK(glm::length(motion.angularVelocity()) == 0.0f);
    // Standing still predicts the same pose.
    const Pose still = headAt({1.0f, 1.6f, 2.0f}, 40.0f);
    const Pose predicted = motion.predict(still, 1.0f);
    CHECK(glm::length(predicted.position - still.position) == Approx(0.0f).margin(1e-6));
    CHECK(std::abs(glm::dot(predicted.orientation, still.orientation)) == Approx(1.0f));
}
