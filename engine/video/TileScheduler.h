#pragma once
// Picks, every frame, the resolution level each tile should be decoded at, so decoding follows
// what the eye can resolve rather than what the file holds.
//
// Acuity model: the linear minimum angle of resolution of Guenter et al., "Foveated 3D
// Graphics" (SIGGRAPH Asia 2012), MAR(e) = w0 + m * e (degrees), w0 = 1/48 deg and
// m = 0.0275 (their fit lies in 0.022..0.034), shifted out by a foveal plateau: within
// `fovealRadiusDeg` of the gaze the source's full resolution is required (sourceResolutionInFovea;
// otherwise the full display density), which absorbs gaze tracking error and latency (and
// stands in for eye tracking when there is none); beyond it
//     required(e) = min(display, 1 / MAR(max(0, e - fovealRadius)))   [texels per degree]
// A tile's eccentricity is the angle from the gaze to the tile's nearest point, so the whole
// tile meets the need of its most demanding point. The chosen level is the coarsest whose
// texel density (per-eye frame width / longitude span; width / 2pi for 360 video) meets it;
// with eye tracking, outside the fovea, where the base layer's own density meets it, no level
// at all: the base layer is decoded anyway, and a stream there would add cost the eye cannot
// see. (Without eye tracking the gaze may be anywhere in the view: the coarsest level is the floor.)
//
// Hysteresis: a tile rises to a finer level at once; it drops only after its requirement has
// stayed below the coarser level's density by `dropMargin` (or it stayed out of view) for
// `dropAfterSeconds` (time, not frames: the same hold at 2 frames per second and at 120).
// Prefetch: tiles the views will reach within `prefetchSeconds` at the head's current angular
// velocity (the tracker's, or estimated from successive head poses) are requested at
// `prefetchLevel` so they are decoded when they arrive.
// Gaze lead: a tile the gaze will reach within `gazeLeadSeconds`, moving as it moves now, gets
// the level it will need there, so its stream has caught up when the fovea arrives. The gaze
// moves smoothly when a head turn carries it or the eye pursues something; its velocity comes
// from the eye tracker's successive samples (smoothed: trackers jitter), or from the head's
// angular velocity without eye tracking. A saccade (faster than `saccadeDegPerSecond`) gets no
// lead: where it lands is not where it was heading a frame ago.
// Tiles on a surface: chooseLevels(sights) takes the per-tile geometry from the caller (a flat
// tiled image in the world, see SurfaceTiles.h), where the texel density of a tile depends on
// its distance; the acuity rule, hysteresis and budget are the same.
// Budget: when the requested decode rate (tile pixels x video fps, plus the base layer) exceeds
// the budget, tiles lose one level at a time, farthest from the gaze first, down to "not
// needed" (the base layer covers them); foveal tiles only when nothing else is left, which
// the stats report. The budget follows measured decoder throughput (an average over time, each
// sample weighted by the work it measured).
#include "core/View.h"
#include "video/HeadMotion.h"
#include "video/Manifest.h"
#include "video/TileGrid.h"

#include <glm/glm.hpp>

#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace xrs::video {

inline constexpr int kLevelNotNeeded = -1;

struct SchedulerConfig {
    float marAtFoveaDeg = 1.0f / 48.0f; // w0
    float marSlope = 0.0275f;           // m, degrees of MAR per degree of eccentricity
    float fovealRadiusDeg = 10.0f;      // full display density within this angle of the gaze
    // Within the fovea, decode the source's full resolution even where the display is coarser
    // (the "full source resolution near the gaze"): the fovea stays sharp when the
    // viewer zooms or the display is denser than its nominal fov suggests. Off: the display cap
    // applies everywhere.
    bool sourceResolutionInFovea = true;
    float visibilityMarginDeg = 2.0f;   // widens each view's frustum
    // With eye tracking, leave a visible tile outside the fovea to the base layer where its
    // density meets the need (off, or without eye tracking: the coarsest level is the floor for
    // every tile in view).
    bool baseLayerWhereSufficient = true;
    float dropMargin = 0.15f;           // requirement must fall this far below a coarser level
    float dropAfterSeconds = 0.2f;      // ... for this long before dropping
    float prefetchSeconds = 0.25f;      // look-ahead along the head's angular velocity
    int prefetchLevel = -1; // level of prefetched tiles (or the one they need, if coarser); -1: the coarsest
    float gazeLeadSeconds = 0.2f;       // look-ahead along the gaze's smooth motion; 0: off
    float saccadeDegPerSecond = 150.0f; // gaze faster than this (eye tracking) is a saccade
    float motionSmoothingSeconds = 0.05f; // time constant of the estimated gaze and head velocities
    float budgetHeadroom = 0.85f;       // fraction of measured decode capacity to plan for
    // Time constant of the measured decode capacity's average, in seconds of measured work:
    // long enough that the burst of stream openings after a saccade or at a loop point does
    // not swing the budget, short enough to follow a machine that gets busier.
    float throughputTimeConstantSeconds = 0.25f;
    // The first samples come mostly from opening the first streams, which costs time but yields
    // no pixels: until this much work has been measured there is no budget, then their mean sets it.
    float throughputWarmupSeconds = 0.1f;
};

struct SchedulerInput {
    Pose head;                     // reference space; its forward (-Z) is the default gaze
    std::span<const EyeView> eyes; // one (mono display) or two views
    float displayPixelsPerRadian = 0.0f;    // at the view centre, see displayPixelsPerRadian()
    std::optional<glm::vec3> gazeDirection; // reference space; nullopt without eye tracking
    // The head's, rad/s about this axis (reference space), as XrSpaceVelocity; nullopt: estimated
    // from successive head orientations over frameSeconds.
    std::optional<glm::vec3> angularVelocity;
    double frameSeconds = 1.0 / 60.0;       // since the previous choice (hysteresis); 0 while paused
};

// One tile as the viewer sees it this frame: everything the level choice needs from geometry.
struct TileSight {
    float eccentricityRad = 0.0f;       // gaze to the tile's nearest point
    // Nearest the moving gaze comes to the tile within the lead time (infinity: no lead).
    float leadEccentricityRad = std::numeric_limits<float>::infinity();
    bool visible = false;               // in some view (with the margin)
    bool comingIntoView = false;        // not visible, but a predicted view sees it
    float finestTexelsPerRadian = 0.0f; // level 0's texel density where the tile is seen
    float baseTexelsPerRadian = 0.0f;   // the base layer's there; 0: nothing stands in for a level
};

struct TileChoice {
    int level = kLevelNotNeeded; // finest = 0; kLevelNotNeeded: draw the base layer
    float eccentricityRad = 0.0f; // gaze to the tile's nearest point
    bool visible = false;   // in some view (with the margin)
    bool prefetch = false;  // requested only because a view is turning towards it
    bool gazeLead = false;  // finer than the gaze needs now, because the gaze is heading here
    bool foveal = false;    // within fovealRadiusDeg of the gaze
    bool degraded = false;  // coarser than wanted because of the decode budget
};

struct SchedulerStats {
    double tilePixelsPerFrame = 0.0;  // luma pixels of the chosen tiles (all eyes), one video frame
    double decodedPixelFraction = 0.0; // (tiles + base layer) / full source frame
    double requestedPixelsPerSecond = 0.0; // after budget degradation, base layer included
    double budgetPixelsPerSecond = 0.0;    // infinity until a budget is set or measured
    std::vector<int> tilesPerLevel;   // index = level
    int tilesNotNeeded = 0;
    int tilesDegraded = 0;
    bool budgetLimited = false;  // degradation was needed
    bool fovealDegraded = false; // even foveal tiles had to be degraded
    bool overBudget = false;     // still over budget with everything degraded
};

// Display pixels per radian at the centre of a view whose swapchain is `widthPixels` wide.
float displayPixelsPerRadian(int widthPixels, const Fov& fov);

class TileScheduler {
public:
    struct LevelSize {
        int tileWidth = 0;
        int tileHeight = 0;
    };

    // The video's base layer: always decoded, drawn wherever a tile has no level.
    struct BaseLayer {
        int eyeWidth = 0;            // one eye's picture width, across the grid's longitude span
        double pixelsPerFrame = 0.0; // luma pixels of the whole stream's frame (its decode cost)
    };

    // `levels` finest first; `eyeCount` streams per tile (2 for stereo layouts).
    TileScheduler(TileGrid grid, std::vector<LevelSize> levels, int eyeCount, double videoFps, BaseLayer base,
                  SchedulerConfig config = {});
    static TileScheduler fromManifest(const Manifest& manifest, SchedulerConfig config = {});
    // Tiles of a still image on a surface: no sphere, one eye's streams, loaded once (the
    // budget is off unless set), `tileCount` tiles in the caller's order.
    TileScheduler(int tileCount, std::vector<LevelSize> levels, SchedulerConfig config);

    // The video sphere: one entry per tile of the grid (TileGrid::tileIndex order), valid
    // until the next call.
    const std::vector<TileChoice>& chooseLevels(const SchedulerInput& input);
    // Any tiles: `sights` has one entry per tile; the sphere's chooseLevels() ends here.
    const std::vector<TileChoice>& chooseLevels(std::span<const TileSight> sights, float displayPixelsPerRadian,
                                                double frameSeconds = 1.0 / 60.0);
    const SchedulerStats& stats() const { return stats_; }

    // Adaptive budget: capacity samples in luma pixels per second (DecoderPool's
    // takeThroughputSample()), each measured over `seconds` of work; the budget is headroom x
    // their average, each sample weighted by the work it measured, from the warm-up's mean on.
    void observeDecodeThroughput(double pixelsPerSecond, double seconds);
    void setDecodeBudget(double pixelsPerSecond); // replaces the average (e.g. a fixed budget)
    double decodeBudget() const;

    // Texel densities on the video sphere (level 0: the frame width over its longitude span).
    float levelTexelsPerRadian(int level) const;
    float requiredTexelsPerRadian(float eccentricityRad, float displayPixelsPerRadian) const;
    // The base layer's density on the video sphere.
    float baseTexelsPerRadian() const;
    // The coarsest level meeting the requirement at this eccentricity, or kLevelNotNeeded
    // where the base layer meets it outside the fovea (as with eye tracking; no hysteresis).
    int levelForEccentricity(float eccentricityRad, float displayPixelsPerRadian) const;

    const TileGrid& grid() const; // the video sphere's grid (not for surface schedulers)
    int tileCount() const { return static_cast<int>(choices_.size()); }
    int levelCount() const { return static_cast<int>(levels_.size()); }
    void resetHysteresis(); // also forgets how the gaze and the head were moving
    // The gaze's smooth angular velocity (rad/s about this axis, reference space) as of the
    // last chooseLevels(input); zero during a saccade.
    glm::vec3 gazeVelocity() const { return gazeVelocity_; }
    // The head's angular velocity as of the last chooseLevels(input): the input's, or estimated.
    glm::vec3 headVelocity() const { return headVelocity_; }

private:
    struct TileHistory {
        int level = kLevelNotNeeded;
        double secondsBelow = 0.0;
    };

    int rank(int level) const { return level == kLevelNotNeeded ? levelCount() : level; }
    // Density of `level` where level 0 has `finest` texels per radian.
    float levelDensity(int level, float finest) const;
    float required(float eccentricityRad, float displayPixelsPerRadian, float finest) const;
    // `base`: the base layer's density there (0: it never stands in).
    int levelFor(float eccentricityRad, float displayPixelsPerRadian, float finest, float base) const;
    double tileCost(int level) const; // luma pixels per video frame, all eyes
    void applyBudget();
    void trackHead(const SchedulerInput& input);
    void trackGaze(glm::vec3 gaze, const SchedulerInput& input);

    std::optional<TileGrid> sphere_; // the video sphere; none for surface tiles
    std::vector<LevelSize> levels_;
    int eyeCount_;
    double videoFps_;
    double basePixelsPerFrame_;
    int baseEyeWidth_ = 0;
    SchedulerConfig config_;
    std::optional<double> capacity_; // average measured throughput, pixels/s
    double warmupPixels_ = 0.0;      // measured before there is a capacity
    double warmupSeconds_ = 0.0;
    std::vector<TileHistory> history_;
    std::vector<TileChoice> choices_;
    std::vector<TileSight> sights_; // the sphere's, reused every frame
    std::optional<glm::vec3> previousGaze_; // eye tracking's last sample
    glm::vec3 gazeVelocity_{0.0f};
    HeadMotion headMotion_; // the estimate without a tracked angular velocity
    glm::vec3 headVelocity_{0.0f};
    SchedulerStats stats_;
};

} // namespace xrs::video
