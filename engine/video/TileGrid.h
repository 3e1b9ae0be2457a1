#pragma once
// Geometry of an equirectangular frame cut into a grid of tiles: directions, angles, frame
// coordinates, tiles and texels, and which tiles a view can see.
//
// Conventions (shared with the generator's "R<row>C<col>" labels and the sphere shader):
//   direction  unit vec3 in OpenXR axes: +X right, +Y up, -Z forward.
//   longitude  lon = atan2(x, -z) in (-pi, pi]: 0 looking forward (-Z), +pi/2 at +X (turning
//              right increases longitude), +-pi behind (+Z), the seam.
//   latitude   lat = asin(y) in [-pi/2, pi/2]: +pi/2 straight up (+Y).
//              direction = (cos(lat) sin(lon), sin(lat), -cos(lat) cos(lon)).
//   frame uv   u = (lon - lonMin) / lonSpan, v = (pi/2 - lat) / pi, both in [0, 1]:
//              u = 0 is the left edge of the image, v = 0 its top row (up). For 360 video
//              lon spans [-pi, pi] (u = 0.5 is forward); for 180 video [-pi/2, pi/2] and the
//              back hemisphere has no tile.
//   tile       col = floor(u * cols), row = floor(v * rows), clamped so that u = 1 (lon = +pi)
//              falls in the last column and v = 1 (the south pole) in the last row.
//              Tile index = row * cols + col (row-major, row 0 at the top).
//   texel      floor(uv * frame size), clamped to the frame: texel (0, 0) is the top-left.
// A grid describes one eye's picture; stereo packages repeat it per eye.
#include "core/View.h"
#include "video/Manifest.h"

#include <glm/glm.hpp>

#include <optional>

namespace xrs::video {

struct LonLat {
    float lon = 0.0f; // radians
    float lat = 0.0f; // radians
};

struct TileCoord {
    int row = 0;
    int col = 0;
    bool operator==(const TileCoord&) const = default;
};

// A tile's patch of the sphere: a longitude/latitude rectangle.
struct TileBounds {
    float lonMin = 0.0f, lonMax = 0.0f;
    float latMin = 0.0f, latMax = 0.0f;
};

class TileGrid {
public:
    TileGrid(Projection projection, int cols, int rows);
    static TileGrid fromManifest(const Manifest& manifest);

    Projection projection() const { return projection_; }
    int cols() const { return cols_; }
    int rows() const { return rows_; }
    int tileCount() const { return cols_ * rows_; }
    int tileIndex(TileCoord coord) const;
    TileCoord tileCoord(int tileIndex) const;

    // Longitude range the frame covers: [-pi, pi] for 360, [-pi/2, pi/2] for 180.
    float lonMin() const { return lonMin_; }
    float lonSpan() const { return lonSpan_; }

    static LonLat lonLatFromDirection(glm::vec3 direction); // direction need not be unit
    static glm::vec3 directionFromLonLat(LonLat lonLat);

    // uv of a longitude/latitude; nullopt outside the frame (the back of a 180 video).
    std::optional<glm::vec2> uvFromLonLat(LonLat lonLat) const;
    LonLat lonLatFromUv(glm::vec2 uv) const;

    TileCoord tileFromUv(glm::vec2 uv) const;
    std::optional<TileCoord> tileFromDirection(glm::vec3 direction) const;
    // Texel of uv in a frame (one eye's picture at some level) of the given size.
    static glm::ivec2 texelFromUv(glm::vec2 uv, glm::ivec2 frameSize);

    TileBounds bounds(int tileIndex) const;
    glm::vec3 centreDirection(int tileIndex) const; // direction at the tile's lon/lat midpoint
    float solidAngle(int tileIndex) const;          // steradians; all tiles sum to 4pi (360) / 2pi (180)

    // Smallest angle (radians) between `direction` and any point of the tile's patch; 0 inside.
    // Exact for the lon/lat rectangle, including poles and tiles next to the seam.
    float angularDistance(int tileIndex, glm::vec3 direction) const;

    // Conservative frustum test: true when some point of the tile lies within `marginRad` of
    // the view's frustum (the view's position is ignored: the sphere is at infinity). May say
    // visible for a tile that misses the frustum by up to ~1 degree more than the margin; never
    // says invisible for a tile the frustum touches.
    bool isVisible(int tileIndex, const EyeView& view, float marginRad = 0.0f) const;

private:
    Projection projection_;
    int cols_;
    int rows_;
    float lonMin_;
    float lonSpan_;
};

} // namespace xrs::video
