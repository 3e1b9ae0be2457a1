#pragma once
// Camera and stereo math shared by the display backends, the video tile scheduler and the
// renderer. Conventions are OpenXR's so poses and fields of view from xrLocateViews can be used
// unchanged:
//   - right-handed, +X right, +Y up, -Z forward (the direction a view looks), metres;
//   - Fov angles in radians measured from the forward axis; angleLeft/angleDown are negative for
//     a view that contains its forward axis (same layout as XrFovf);
//   - Pose = XrPosef: the rotation and position of the view in its reference space.
// Clip space is Vulkan's: NDC y points down and depth is reversed (1 = near, 0 = far/infinity),
// which keeps float depth precise over the kilometres of an equirectangular video sphere.
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <array>

namespace xrs {

struct Fov {
    float angleLeft = 0.0f;
    float angleRight = 0.0f;
    float angleUp = 0.0f;
    float angleDown = 0.0f;
};

// A centred fov: horizontalRad is the full horizontal angle (< pi), aspect = width / height.
// The vertical half-angle is atan(tan(horizontalRad / 2) / aspect), so pixels stay square.
Fov symmetricFov(float horizontalRad, float aspect);

struct Pose {
    glm::quat orientation = glm::identity<glm::quat>();
    glm::vec3 position{0.0f};
};

// The pose's transform (reference space <- local): translate(position) * rotate(orientation).
glm::mat4 transformFromPose(const Pose& pose);

// The view matrix (local <- reference space), the inverse of transformFromPose, computed
// exactly as conjugate rotation followed by negative translation (no general 4x4 inverse).
glm::mat4 viewFromPose(const Pose& pose);

// Reversed-Z perspective with an infinite far plane, for Vulkan clip space.
// With tl = tan(angleLeft), tr = tan(angleRight), tu = tan(angleUp), td = tan(angleDown) and a
// view-space point (x, y, z, 1) in front of the camera (z < 0), the matrix is (rows):
//     | 2/(tr-tl)   0              (tr+tl)/(tr-tl)    0     |
//     | 0          -2/(tu-td)     -(tu+td)/(tu-td)    0     |
//     | 0           0              0                  nearZ |
//     | 0           0             -1                  0     |
// so w_clip = -z and
//     x_ndc = (x/-z - (tr+tl)/2) / ((tr-tl)/2)    -> -1 on the left edge, +1 on the right edge
//     y_ndc = -(y/-z - (tu+td)/2) / ((tu-td)/2)   -> -1 on the top edge (Vulkan y down)
//     depth = nearZ / -z                          -> 1 at the near plane, 0 at infinity.
// The y flip is in the matrix, so viewports stay positive-height. nearZ must be > 0 and the
// angles must satisfy angleLeft < angleRight, angleDown < angleUp, all within (-pi/2, pi/2).
glm::mat4 projectionFromFov(const Fov& fov, float nearZ);

// Finite reversed-Z variant: identical x and y rows; row 2 is (0, 0, n/(f-n), n*f/(f-n)), giving
// depth = (n*f/(f-n) + z*n/(f-n)) / -z -> 1 at z = -n, 0 at z = -f. Requires 0 < nearZ < farZ.
// As farZ -> infinity it converges to the infinite matrix above.
glm::mat4 projectionFromFov(const Fov& fov, float nearZ, float farZ);

struct EyeView {
    Pose pose;
    Fov fov;
};

// Left and right eye views for a head pose: both eyes share the head's orientation and sit at
// -ipd/2 (left, index 0) and +ipd/2 (right, index 1) along the head's local +X axis.
std::array<EyeView, 2> stereoEyes(const Pose& head, float ipdMeters, Fov leftFov, Fov rightFov);

// A pose at `eye` whose forward (-Z) axis points at `target`, with local +Y as close to `up` as
// possible. eye and target must differ. When looking straight along `up`, the roll is chosen by
// substituting a fixed perpendicular up vector (deterministic, not user-meaningful).
Pose lookAtPose(glm::vec3 eye, glm::vec3 target, glm::vec3 up = {0.0f, 1.0f, 0.0f});

} // namespace xrs
