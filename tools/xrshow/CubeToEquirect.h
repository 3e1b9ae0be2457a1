#pragma once
// Cube faces -> equirectangular panorama, with the video sphere's conventions
// (video/TileGrid.h): pixel (i, j) of a W x H panorama has u = (i + 0.5) / W, v = (j + 0.5) / H,
// lon = (u - 0.5) * 2pi (0 = forward -Z at the image centre, +pi/2 = +X to the right of it),
// lat = (0.5 - v) * pi, direction = (cos lat sin lon, sin lat, -cos lat cos lon). The whole
// panorama is turned by the rig's yaw (about +Y, positive turns left, as experience.json's yaw),
// so its centre shows the direction `yaw`.
//
// Faces are rendered with a one-pixel border (CubeFaceSpec::borderPixels) so that bilinear
// filtering next to a face edge reads real neighbours from the same rendering instead of
// clamping: no visible seam at face edges, and none at +-180 degrees either (the panorama's
// left and right columns sample the +Z face from both sides).
#include "core/Image.h"
#include "core/View.h"

#include <glm/glm.hpp>

#include <array>

namespace xrs::pano {

enum class CubeFace { PosX = 0, NegX, PosY, NegY, PosZ, NegZ };
inline constexpr int kCubeFaceCount = 6;

// The rig-local frame of one face: the view looks along `forward`, `right` and `up` span the
// image (+right = increasing column, +up = decreasing row).
struct FaceBasis {
    glm::vec3 forward;
    glm::vec3 right;
    glm::vec3 up;
};
FaceBasis faceBasis(CubeFace face);

// Square faces of `interiorPixels` covering exactly 90 degrees, rendered at
// interiorPixels + 2 * borderPixels with a correspondingly wider fov.
struct CubeFaceSpec {
    int interiorPixels = 512;
    int borderPixels = 1;
    int renderedPixels() const { return interiorPixels + 2 * borderPixels; }
    // tan of the half-angle of the rendered (bordered) face: (interior + 2 border) / interior.
    float halfTangent() const;
    Fov fov() const; // symmetric, the rendered face's angles
};

// The pose a face is rendered with: at `position`, the rig turned by `yawRad` about +Y.
Pose facePose(CubeFace face, glm::vec3 position, float yawRad);

// World (rig-local when yaw = 0) direction of panorama pixel centre (i, j) in a W x H image.
glm::vec3 equirectDirection(double i, double j, int width, int height);

// Where a rig-local direction lands: the face and the continuous pixel coordinates in the
// rendered (bordered) face image, x = 0 at the left edge of column 0, y = 0 at the top edge of
// row 0 (a texel centre is at +0.5).
struct FaceSample {
    CubeFace face = CubeFace::NegZ;
    glm::vec2 pixel{0.0f};
};
FaceSample faceSampleForDirection(glm::vec3 direction, const CubeFaceSpec& spec);

// Resamples six rendered faces (index = CubeFace, each renderedPixels square) into a W x H
// equirect image, bilinear in the stored (sRGB-encoded) values, alpha forced to 255.
// Pixels are rig-relative: the rig's yaw is already in the faces' poses (facePose).
// Splits rows over `threads` worker threads (0 = hardware concurrency).
// Averages each factor x factor block in linear light (sRGB-decoded), for supersampled faces:
// a (factor * n)-pixel square becomes n pixels. Both sides must be multiples of `factor`.
ImageRGBA8 downsampleBox(const ImageRGBA8& image, int factor);

ImageRGBA8 equirectFromCubeFaces(const std::array<ImageRGBA8, kCubeFaceCount>& faces,
                                 const CubeFaceSpec& spec, int width, int height, unsigned threads = 0);

} // namespace xrs::pano
