#include "core/View.h"

#include "core/Assert.h"

#include <cmath>

namespace xrs {

Fov symmetricFov(float horizontalRad, float aspect) {
    XRS_EXPECT(horizontalRad > 0.0f && horizontalRad < glm::pi<float>(), "horizontal fov must be in (0, pi)");
    XRS_EXPECT(aspect > 0.0f, "aspect ratio must be positive");
    const float halfHorizontal = 0.5f * horizontalRad;
    const float halfVertical = std::atan(std::tan(halfHorizontal) / aspect);
    return {-halfHorizontal, halfHorizontal, halfVertical, -halfVertical};
}

glm::mat4 transformFromPose(const Pose& pose) {
    glm::mat4 transform = glm::mat4_cast(pose.orientation);
    transform[3] = glm::vec4(pose.position, 1.0f);
    return transform;
}

glm::mat4 viewFromPose(const Pose& pose) {
    // (T * R)^-1 = R^T * T^-1; the rotation of a unit quaternion is inverted by its conjugate.
    const glm::mat3 inverseRotation = glm::mat3_cast(glm::conjugate(pose.orientation));
    glm::mat4 view(inverseRotation);
    view[3] = glm::vec4(-(inverseRotation * pose.position), 1.0f);
    return view;
}

namespace {

struct FrustumTangents {
    float left, right, up, down;
};

FrustumTangents tangentsOf(const Fov& fov) {
    const float limit = 0.5f * glm::pi<float>();
    XRS_EXPECT(fov.angleLeft < fov.angleRight && fov.angleDown < fov.angleUp, "fov must have positive extent");
    XRS_EXPECT(fov.angleLeft > -limit && fov.angleRight < limit && fov.angleDown > -limit && fov.angleUp < limit,
               "fov angles must lie within (-pi/2, pi/2)");
    return {std::tan(fov.angleLeft), std::tan(fov.angleRight), std::tan(fov.angleUp), std::tan(fov.angleDown)};
}

// Rows 0, 1 and 3 (x, y, w) are shared by the finite and infinite projections; glm is
// column-major, so m[column][row].
glm::mat4 projectionXYW(const Fov& fov) {
    const FrustumTangents t = tangentsOf(fov);
    const float width = t.right - t.left;
    const float height = t.up - t.down;
    glm::mat4 m(0.0f);
    m[0][0] = 2.0f / width;
    m[2][0] = (t.right + t.left) / width;
    m[1][1] = -2.0f / height; // Vulkan NDC y points down
    m[2][1] = -(t.up + t.down) / height;
    m[2][3] = -1.0f; // w_clip = -z_view
    return m;
}

} // namespace

glm::mat4 projectionFromFov(const Fov& fov, float nearZ) {
    XRS_EXPECT(nearZ > 0.0f, "near plane distance must be positive");
    glm::mat4 m = projectionXYW(fov);
    m[3][2] = nearZ; // z_clip = near, so depth = near / -z
    return m;
}

glm::mat4 projectionFromFov(const Fov& fov, float nearZ, float farZ) {
    XRS_EXPECT(nearZ > 0.0f && farZ > nearZ, "need 0 < near < far");
    glm::mat4 m = projectionXYW(fov);
    m[2][2] = nearZ / (farZ - nearZ);
    m[3][2] = nearZ * farZ / (farZ - nearZ);
    return m;
}

std::array<EyeView, 2> stereoEyes(const Pose& head, float ipdMeters, Fov leftFov, Fov rightFov) {
    XRS_EXPECT(ipdMeters >= 0.0f, "interpupillary distance must not be negative");
    const glm::vec3 halfOffset = head.orientation * glm::vec3(0.5f * ipdMeters, 0.0f, 0.0f);
    return {EyeView{Pose{head.orientation, head.position - halfOffset}, leftFov},
            EyeView{Pose{head.orientation, head.position + halfOffset}, rightFov}};
}

Pose lookAtPose(glm::vec3 eye, glm::vec3 target, glm::vec3 up) {
    const glm::vec3 toTarget = target - eye;
    XRS_EXPECT(glm::length(toTarget) > 1e-6f, "eye and target must differ");
    XRS_EXPECT(glm::length(up) > 1e-6f, "up must not be zero");
    const glm::vec3 forward = glm::normalize(toTarget);

    glm::vec3 right = glm::cross(forward, up);
    if (glm::length(right) < 1e-4f * glm::length(up)) {
        // Looking along `up`: any perpendicular up works; use the world axis least aligned with forward.
        const glm::vec3 a = glm::abs(forward);
        const glm::vec3 fallbackUp = a.x <= a.y && a.x <= a.z ? glm::vec3(1, 0, 0)
                                     : a.y <= a.z             ? glm::vec3(0, 1, 0)
                                                              : glm::vec3(0, 0, 1);
        right = glm::cross(forward, fallbackUp);
    }
    right = glm::normalize(right);
    const glm::vec3 trueUp = glm::cross(right, forward);

    // Columns are the local axes in the reference space: +X right, +Y up, +Z backward.
    const glm::mat3 rotation(right, trueUp, -forward);
    return Pose{glm::normalize(glm::quat_cast(rotation)), eye};
}

} // namespace xrs
