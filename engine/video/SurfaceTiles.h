#pragma once
// The tiles of a still image lying flat in the world (the hand scroll in its vitrine): where
// each grid cell is and how the viewer sees it this frame, as TileSights for
// TileScheduler::chooseLevels. Unlike the video sphere, a tile's texel density depends on how
// far it is: level 0 of a 6 m scroll 40960 px long has 6.8 texels per mm, about 1200 per
// radian a metre away and 120 ten metres away.
#include "core/View.h"
#include "video/TileScheduler.h"

#include <glm/glm.hpp>

#include <optional>
#include <span>
#include <vector>

namespace xrs::video {

// The image's rectangle in the world: uv (0, 0) is its top-left corner (the image's first row
// and column), uv (1, 1) the opposite one.
struct SurfacePlacement {
    glm::vec3 origin{0.0f}; // world position of uv (0, 0)
    glm::vec3 uAxis{1.0f, 0.0f, 0.0f}; // from uv (0, 0) to (1, 0), metres
    glm::vec3 vAxis{0.0f, -1.0f, 0.0f}; // from uv (0, 0) to (0, 1)
};

struct SurfaceView {
    Pose head;                     // its position is where eccentricity and distance are measured
    std::span<const EyeView> eyes; // one or two
    std::optional<glm::vec3> gazeDirection; // world; nullopt: the head's forward axis
};

class SurfaceTiles {
public:
    // A `cols` x `rows` grid over the image, whose finest level is `finestWidth` px wide.
    SurfaceTiles(SurfacePlacement placement, int cols, int rows, int finestWidth,
                 float visibilityMarginDeg = 2.0f);

    // One TileSight per grid cell (row-major, row 0 at the image's top), valid until the next
    // call. With `ahead` (where the viewer is predicted to be soon), a tile not in view now but
    // in view from there is coming into view, described as it will be seen from there.
    const std::vector<TileSight>& see(const SurfaceView& view, const SurfaceView* ahead = nullptr);

    int tileCount() const { return cols_ * rows_; }
    // World position of image uv.
    glm::vec3 pointAt(glm::vec2 uv) const;

private:
    // What the tile geometry needs of a viewer.
    struct Viewer {
        glm::vec3 eye{0.0f};
        glm::vec3 gaze{0.0f, 0.0f, -1.0f};
        std::optional<glm::vec2> gazeUv; // where the gaze meets the image's plane, if in front
        glm::vec2 eyeUv{0.0f};           // the eye's foot on the plane
    };
    Viewer viewerOf(const SurfaceView& view) const;
    // The sight's eccentricity and texel density of `tile` (with these corners) from `viewer`.
    void measure(TileSight& sight, int tile, std::span<const glm::vec3, 4> corners, const Viewer& viewer) const;
    glm::vec2 uvOfPoint(glm::vec3 point) const; // in the image's plane (least squares)
    glm::vec2 tileUv(int tile, glm::vec2 within) const; // within (0,0)..(1,1) of the tile
    glm::vec2 clampToTile(glm::vec2 uv, int tile) const;

    SurfacePlacement placement_;
    int cols_, rows_;
    float texelMetres_; // level 0 texel edge along u
    float marginRad_;
    std::vector<TileSight> sights_;
};

} // namespace xrs::video
