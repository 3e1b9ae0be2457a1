#include "runtime/VisitorGeometry.h"

#include <glm/gtc/constants.hpp>
#include <glm/gtc/quaternion.hpp>

#include <cmath>
#include <limits>

namespace xrs::runtime {

glm::vec3 directionFromYawPitch(float yawRadians, float pitchRadians) {
    const float horizontal = std::cos(pitchRadians);
    return {-std::sin(yawRadians) * horizontal, std::sin(pitchRadians), -std::cos(yawRadians) * horizontal};
}

glm::quat yawRotation(float yawRadians) {
    return glm::angleAxis(yawRadians, glm::vec3(0.0f, 1.0f, 0.0f));
}

float yawOf(const glm::quat& orientation) {
    const glm::vec3 forward = orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    if (forward.x * forward.x + forward.z * forward.z > 1e-6f) return std::atan2(-forward.x, -forward.z);
    // Looking straight up or down: the right axis still lies (nearly) in the floor plane.
    const glm::vec3 right = orientation * glm::vec3(1.0f, 0.0f, 0.0f);
    return std::atan2(-right.z, right.x);
}

glm::mat4 Rig::worldFromTracking() const {
    return transformFromPose(asPose());
}

Pose Rig::asPose() const {
    return {yawRotation(yawRadians), floorPosition + glm::vec3(0.0f, heightOffset, 0.0f)};
}

glm::vec3 Rig::pointToWorld(glm::vec3 trackingPoint) const {
    return floorPosition + glm::vec3(0.0f, heightOffset, 0.0f) + yawRotation(yawRadians) * trackingPoint;
}

glm::vec3 Rig::directionToWorld(glm::vec3 trackingDirection) const {
    return yawRotation(yawRadians) * trackingDirection;
}

Pose Rig::poseToWorld(const Pose& trackingPose) const {
    return {glm::normalize(yawRotation(yawRadians) * trackingPose.orientation), pointToWorld(trackingPose.position)};
}

Ray Rig::rayToWorld(const Ray& trackingRay) const {
    return {pointToWorld(trackingRay.origin), directionToWorld(trackingRay.direction)};
}

namespace {

// Keeps the rig's yaw in (-pi, pi], so a long visit of snap turns does not erode float precision.
float wrapAngle(float radians) {
    const float turn = glm::two_pi<float>();
    radians = std::remainder(radians, turn);
    return radians <= -glm::pi<float>() ? radians + turn : radians;
}

} // namespace

void Rig::placeHead(const Pose& headTracking, glm::vec3 feet, float yaw) {
    yawRadians = wrapAngle(yaw - yawOf(headTracking.orientation));
    const glm::vec3 rotatedHead = yawRotation(yawRadians) * headTracking.position;
    floorPosition = {feet.x - rotatedHead.x, feet.y, feet.z - rotatedHead.z};
}

void Rig::turnAboutHead(const Pose& headTracking, float deltaYawRadians) {
    const glm::vec3 headWorld = pointToWorld(headTracking.position);
    yawRadians = wrapAngle(yawRadians + deltaYawRadians);
    const glm::vec3 rotatedHead = yawRotation(yawRadians) * headTracking.position;
    floorPosition.x = headWorld.x - rotatedHead.x;
    floorPosition.z = headWorld.z - rotatedHead.z;
}

std::optional<std::size_t> pickMarker(const Ray& ray, std::span<const glm::vec3> centres, float angularRadiusRadians) {
    const float directionLength = glm::length(ray.direction);
    if (!(directionLength > 0.0f)) return std::nullopt;
    const glm::vec3 direction = ray.direction / directionLength;
    const float cosLimit = std::cos(angularRadiusRadians);
    std::optional<std::size_t> best;
    float bestDistance = std::numeric_limits<float>::infinity();
    float bestCos = -1.0f;
    for (std::size_t i = 0; i < centres.size(); ++i) {
        const glm::vec3 toCentre = centres[i] - ray.origin;
        const float distance = glm::length(toCentre);
        if (!(distance > 1e-6f)) continue;   // the pointer sits inside the marker: no direction
        const float cosAngle = glm::dot(toCentre, direction) / distance;
        if (cosAngle < cosLimit) continue;
        if (distance < bestDistance || (distance == bestDistance && cosAngle > bestCos)) {
            best = i;
            bestDistance = distance;
            bestCos = cosAngle;
        }
    }
    return best;
}

std::optional<glm::vec3> hitFloor(const Ray& ray, std::span<const FloorRect> floors, float maxDistance) {
    const float directionLength = glm::length(ray.direction);
    if (!(directionLength > 0.0f)) return std::nullopt;
    const glm::vec3 direction = ray.direction / directionLength;
    if (direction.y >= 0.0f) return std::nullopt;   // floors are met from above only
    std::optional<glm::vec3> best;
    float bestT = maxDistance;
    for (const FloorRect& floor : floors) {
        const float t = (floor.min.y - ray.origin.y) / direction.y;
        if (!(t > 0.0f) || t > bestT) continue;
        const glm::vec3 point = ray.origin + t * direction;
        if (point.x < floor.min.x || point.x > floor.max.x || point.z < floor.min.z || point.z > floor.max.z) continue;
        best = glm::vec3(point.x, floor.min.y, point.z);
        bestT = t;
    }
    return best;
}

} // namespace xrs::runtime
