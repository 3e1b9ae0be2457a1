#pragma once
// The geometry of a visitor in an experience: the format's angle conventions, the rig that
// carries tracking space into the world (teleport, snap turn, height), pointer rays against
// hotspots and teleport floors. Pure math, no state beyond the Rig.
//
// Angles follow experience/Experience.h: yaw turns about +Y, 0 looks down -Z, positive turns
// left (counter-clockwise seen from above); pitch is positive upwards. Here they are radians.
#include "core/View.h"

#include <glm/glm.hpp>

#include <cstddef>
#include <optional>
#include <span>

namespace xrs::runtime {

struct Ray {
    glm::vec3 origin{0.0f};
    glm::vec3 direction{0.0f, 0.0f, -1.0f};   // need not be unit length (normalised when used)
};

// The unit direction of yaw/pitch: (-sin yaw cos pitch, sin pitch, -cos yaw cos pitch).
glm::vec3 directionFromYawPitch(float yawRadians, float pitchRadians);

// The rotation of `yawRadians` about +Y.
glm::quat yawRotation(float yawRadians);

// The heading of an orientation: the yaw of its forward (-Z) axis projected on the floor; when
// the forward axis is (nearly) vertical, the heading of its +X axis is used instead.
float yawOf(const glm::quat& orientation);

// Tracking space -> world: world = translate(floorPosition + (0, heightOffset, 0)) * rotateY(yaw)
// * tracking. floorPosition is where the tracking origin's floor lands in the world;
// heightOffset lifts a seated visitor to a standing eye height (see ExperienceSession).
struct Rig {
    glm::vec3 floorPosition{0.0f};
    float yawRadians = 0.0f;
    float heightOffset = 0.0f;

    glm::mat4 worldFromTracking() const;
    Pose asPose() const;   // the same transform as a pose (orientation = yaw, position incl. offset)
    glm::vec3 pointToWorld(glm::vec3 trackingPoint) const;
    glm::vec3 directionToWorld(glm::vec3 trackingDirection) const;
    Pose poseToWorld(const Pose& trackingPose) const;
    Ray rayToWorld(const Ray& trackingRay) const;

    // Moves the rig so the head tracked at `headTracking` stands with its feet at `feet` (world)
    // and faces `yawRadians` (world): the head ends at feet + (0, head height + heightOffset, 0).
    void placeHead(const Pose& headTracking, glm::vec3 feet, float yawRadians);
    // Turns the world about the head (not the rig origin): the head keeps its world position.
    void turnAboutHead(const Pose& headTracking, float deltaYawRadians);
};

// A pointer against markers of constant angular size: the marker hit is the nearest one (by
// distance from the ray origin) whose centre lies within `angularRadiusRadians` of the ray;
// ties go to the smaller angle, then the lower index. nullopt when none is hit.
std::optional<std::size_t> pickMarker(const Ray& ray, std::span<const glm::vec3> centres, float angularRadiusRadians);

// An axis-aligned floor rectangle at height y (a teleport area's floor).
struct FloorRect {
    glm::vec3 min{0.0f};   // min.y is the floor
    glm::vec3 max{0.0f};
};

// Where the ray first meets one of the floors from above (t > 0, within maxDistance of the
// origin, inside the rectangle's x/z extent, borders included); nullopt when it meets none.
std::optional<glm::vec3> hitFloor(const Ray& ray, std::span<const FloorRect> floors, float maxDistance);

} // namespace xrs::runtime
