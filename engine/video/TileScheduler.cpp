#include "video/TileScheduler.h"

#include "core/Assert.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace xrs::video {

namespace {

constexpr float kDegPerRad = 180.0f / glm::pi<float>();
constexpr float kRadPerDeg = glm::pi<float>() / 180.0f;

// Fractions of the prefetch horizon at which predicted views are tested; several, so a fast
// turn does not jump over a tile.
constexpr float kPrefetchSteps[] = {1.0f / 3.0f, 2.0f / 3.0f, 1.0f};

// Head rotation below this (rad/s) is tracking noise, not a turn; the same for the gaze.
constexpr float kMinTurnRate = 0.05f;

// The gaze's path ahead is tested at points this far apart (radians), at most kMaxGazeLeadSteps:
// well under the fovea's radius, so the path cannot pass a tile between two points.
constexpr float kGazeLeadStepRad = 5.0f * kRadPerDeg;
constexpr int kMaxGazeLeadSteps = 8;

} // namespace

float displayPixelsPerRadian(int widthPixels, const Fov& fov) {
    XRS_EXPECT(widthPixels > 0 && fov.angleRight > fov.angleLeft, "need a positive width and fov");
    // Pixels are uniform in tan(angle); at the centre d(tan)/d(angle) = 1.
    return static_cast<float>(widthPixels) / (std::tan(fov.angleRight) - std::tan(fov.angleLeft));
}

TileScheduler::TileScheduler(TileGrid grid, std::vector<LevelSize> levels, int eyeCount, double videoFps,
                             BaseLayer base, SchedulerConfig config)
    : sphere_(grid), levels_(std::move(levels)), eyeCount_(eyeCount), videoFps_(videoFps),
      basePixelsPerFrame_(base.pixelsPerFrame), baseEyeWidth_(base.eyeWidth), config_(config),
      history_(static_cast<std::size_t>(grid.tileCount())), choices_(static_cast<std::size_t>(grid.tileCount())),
      sights_(static_cast<std::size_t>(grid.tileCount())), headMotion_(config.motionSmoothingSeconds) {
    XRS_EXPECT(!levels_.empty(), "a scheduler needs at least one level");
    XRS_EXPECT(eyeCount == 1 || eyeCount == 2, "one or two eyes");
    XRS_EXPECT(videoFps > 0.0, "video frame rate must be positive");
    XRS_EXPECT(base.eyeWidth >= 0 && base.pixelsPerFrame >= 0.0, "base layer size must not be negative");
    XRS_EXPECT(config.prefetchLevel >= -1 && config.prefetchLevel < levelCount(), "prefetch level outside the levels");
    for (std::size_t i = 1; i < levels_.size(); ++i)
        XRS_EXPECT(levels_[i].tileWidth <= levels_[i - 1].tileWidth, "levels must go from finest to coarsest");
}

TileScheduler::TileScheduler(int tileCount, std::vector<LevelSize> levels, SchedulerConfig config)
    : levels_(std::move(levels)), eyeCount_(1), videoFps_(1.0), basePixelsPerFrame_(0.0), config_(config),
      history_(static_cast<std::size_t>(tileCount)), choices_(static_cast<std::size_t>(tileCount)),
      headMotion_(config.motionSmoothingSeconds) {
    XRS_EXPECT(tileCount > 0, "a surface needs at least one tile");
    XRS_EXPECT(!levels_.empty(), "a scheduler needs at least one level");
    XRS_EXPECT(config.prefetchLevel >= -1 && config.prefetchLevel < levelCount(), "prefetch level outside the levels");
    for (std::size_t i = 1; i < levels_.size(); ++i)
        XRS_EXPECT(levels_[i].tileWidth <= levels_[i - 1].tileWidth, "levels must go from finest to coarsest");
}

const TileGrid& TileScheduler::grid() const {
    XRS_EXPECT(sphere_.has_value(), "a surface scheduler has no sphere grid");
    return *sphere_;
}

TileScheduler TileScheduler::fromManifest(const Manifest& manifest, SchedulerConfig config) {
    std::vector<LevelSize> levels;
    for (const Level& level : manifest.levels)
        levels.push_back({level.tileWidth, level.tileHeight});
    XRS_EXPECT(manifest.fpsNum > 0 && manifest.fpsDen > 0, "manifest frame rate must be positive");
    const int baseEyeWidth = manifest.layout == StereoLayout::SideBySide ? manifest.baseWidth / 2 : manifest.baseWidth;
    return TileScheduler(TileGrid::fromManifest(manifest), std::move(levels), eyeCount(manifest.layout),
                         static_cast<double>(manifest.fpsNum) / manifest.fpsDen,
                         BaseLayer{baseEyeWidth, static_cast<double>(manifest.baseWidth) * manifest.baseHeight}, config);
}

float TileScheduler::levelDensity(int level, float finest) const {
    XRS_EXPECT(level >= 0 && level < levelCount(), "level outside the scheduler's levels");
    return finest * static_cast<float>(levels_[static_cast<std::size_t>(level)].tileWidth) /
           static_cast<float>(levels_.front().tileWidth);
}

float TileScheduler::levelTexelsPerRadian(int level) const {
    const TileGrid& sphere = grid();
    return levelDensity(level, static_cast<float>(levels_.front().tileWidth * sphere.cols()) / sphere.lonSpan());
}

float TileScheduler::required(float eccentricityRad, float displayPixelsPerRadian, float finest) const {
    if (config_.sourceResolutionInFovea && eccentricityRad * kDegPerRad <= config_.fovealRadiusDeg)
        return finest;
    const float beyondFovea = std::max(0.0f, eccentricityRad * kDegPerRad - config_.fovealRadiusDeg);
    const float marDeg = config_.marAtFoveaDeg + config_.marSlope * beyondFovea;
    const float acuityPerRadian = (1.0f / marDeg) * kDegPerRad;
    return std::min(displayPixelsPerRadian, acuityPerRadian);
}

float TileScheduler::baseTexelsPerRadian() const {
    return static_cast<float>(baseEyeWidth_) / grid().lonSpan();
}

int TileScheduler::levelFor(float eccentricityRad, float displayPixelsPerRadian, float finest, float base) const {
    const float need = required(eccentricityRad, displayPixelsPerRadian, finest);
    if (config_.baseLayerWhereSufficient && base > 0.0f && eccentricityRad * kDegPerRad > config_.fovealRadiusDeg &&
        base >= need * (1.0f - 1e-5f))
        return kLevelNotNeeded;
    // A hair of tolerance so a level exactly at the requirement counts as meeting it.
    for (int level = levelCount() - 1; level > 0; --level)
        if (levelDensity(level, finest) >= need * (1.0f - 1e-5f))
            return level;
    return 0;
}

float TileScheduler::requiredTexelsPerRadian(float eccentricityRad, float displayPixelsPerRadian) const {
    return required(eccentricityRad, displayPixelsPerRadian, levelTexelsPerRadian(0));
}

int TileScheduler::levelForEccentricity(float eccentricityRad, float displayPixelsPerRadian) const {
    return levelFor(eccentricityRad, displayPixelsPerRadian, levelTexelsPerRadian(0), baseTexelsPerRadian());
}

double TileScheduler::tileCost(int level) const {
    if (level == kLevelNotNeeded)
        return 0.0;
    const LevelSize& size = levels_[static_cast<std::size_t>(level)];
    return static_cast<double>(eyeCount_) * size.tileWidth * size.tileHeight;
}

void TileScheduler::observeDecodeThroughput(double pixelsPerSecond, double seconds) {
    XRS_EXPECT(pixelsPerSecond > 0.0 && seconds > 0.0, "throughput and its window must be positive");
    if (!capacity_) {
        warmupPixels_ += pixelsPerSecond * seconds;
        warmupSeconds_ += seconds;
        if (warmupSeconds_ + 1e-6 >= static_cast<double>(config_.throughputWarmupSeconds)) // (a float's rounding)
            capacity_ = warmupPixels_ / warmupSeconds_;
        return;
    }
    const double weight = 1.0 - std::exp(-seconds / static_cast<double>(config_.throughputTimeConstantSeconds));
    *capacity_ += weight * (pixelsPerSecond - *capacity_);
}

void TileScheduler::setDecodeBudget(double pixelsPerSecond) {
    XRS_EXPECT(pixelsPerSecond > 0.0, "budget must be positive");
    capacity_ = pixelsPerSecond / config_.budgetHeadroom;
}

double TileScheduler::decodeBudget() const {
    return capacity_ ? *capacity_ * config_.budgetHeadroom : std::numeric_limits<double>::infinity();
}

void TileScheduler::resetHysteresis() {
    std::fill(history_.begin(), history_.end(), TileHistory{});
    previousGaze_.reset();
    gazeVelocity_ = glm::vec3(0.0f);
    headMotion_.reset();
    headVelocity_ = glm::vec3(0.0f);
}

void TileScheduler::trackHead(const SchedulerInput& input) {
    headMotion_.observe(input.head, input.frameSeconds);
    headVelocity_ = input.angularVelocity ? *input.angularVelocity : headMotion_.angularVelocity();
}

void TileScheduler::trackGaze(glm::vec3 gaze, const SchedulerInput& input) {
    if (!input.gazeDirection) {
        // No eye tracking: the gaze is the head's forward, carried by its turn (a roll about
        // the forward axis does not move it).
        previousGaze_.reset();
        gazeVelocity_ = headVelocity_ - glm::dot(headVelocity_, gaze) * gaze;
        return;
    }
    const double seconds = input.frameSeconds;
    if (!previousGaze_ || seconds <= 0.0) {
        gazeVelocity_ = glm::vec3(0.0f); // no earlier sample, or no time between the two
    } else {
        const glm::vec3 axis = glm::cross(*previousGaze_, gaze);
        const float sine = glm::length(axis);
        const float rate = std::atan2(sine, glm::dot(*previousGaze_, gaze)) / static_cast<float>(seconds);
        if (rate > config_.saccadeDegPerSecond * kRadPerDeg) {
            gazeVelocity_ = glm::vec3(0.0f); // a saccade: its landing is not along its start
        } else {
            smoothTowards(gazeVelocity_, sine > 1e-7f ? axis * (rate / sine) : glm::vec3(0.0f), seconds,
                          config_.motionSmoothingSeconds);
        }
    }
    previousGaze_ = gaze;
}

const std::vector<TileChoice>& TileScheduler::chooseLevels(const SchedulerInput& input) {
    XRS_EXPECT(!input.eyes.empty(), "chooseLevels needs at least one view");
    const glm::vec3 gaze =
        glm::normalize(input.gazeDirection ? *input.gazeDirection : input.head.orientation * glm::vec3(0.0f, 0.0f, -1.0f));
    const float margin = config_.visibilityMarginDeg * kRadPerDeg;

    // Where the views will be if the head keeps turning.
    trackHead(input);
    std::vector<EyeView> predicted;
    const float turnRate = glm::length(headVelocity_);
    if (turnRate > kMinTurnRate && config_.prefetchSeconds > 0.0f) {
        const glm::vec3 axis = headVelocity_ / turnRate;
        for (float step : kPrefetchSteps) {
            const glm::quat turn = glm::angleAxis(turnRate * config_.prefetchSeconds * step, axis);
            for (const EyeView& eye : input.eyes)
                predicted.push_back({{glm::normalize(turn * eye.pose.orientation), eye.pose.position}, eye.fov});
        }
    }

    // Where the gaze will be if it keeps moving: points along its arc over the lead time.
    trackGaze(gaze, input);
    std::array<glm::vec3, kMaxGazeLeadSteps> gazeAhead;
    int gazeAheadCount = 0;
    const float gazeRate = glm::length(gazeVelocity_);
    if (gazeRate > kMinTurnRate && config_.gazeLeadSeconds > 0.0f) {
        const float leadAngle = gazeRate * config_.gazeLeadSeconds;
        const glm::vec3 axis = gazeVelocity_ / gazeRate;
        gazeAheadCount = std::clamp(static_cast<int>(std::ceil(leadAngle / kGazeLeadStepRad)), 1, kMaxGazeLeadSteps);
        for (int i = 0; i < gazeAheadCount; ++i) {
            const float angle = leadAngle * static_cast<float>(i + 1) / static_cast<float>(gazeAheadCount);
            gazeAhead[static_cast<std::size_t>(i)] = glm::angleAxis(angle, axis) * gaze;
        }
    }

    const TileGrid& sphere = grid();
    const float finest = levelTexelsPerRadian(0);
    // Without eye tracking the gaze is a guess (the view's centre): a visitor, or a curator at
    // a desktop preview, may look anywhere in the view, so the base layer stands in for no tile in it.
    const float base = input.gazeDirection ? baseTexelsPerRadian() : 0.0f;
    for (int tile = 0; tile < sphere.tileCount(); ++tile) {
        TileSight& sight = sights_[static_cast<std::size_t>(tile)];
        sight.eccentricityRad = sphere.angularDistance(tile, gaze);
        sight.leadEccentricityRad = std::numeric_limits<float>::infinity();
        for (int i = 0; i < gazeAheadCount; ++i)
            sight.leadEccentricityRad =
                std::min(sight.leadEccentricityRad, sphere.angularDistance(tile, gazeAhead[static_cast<std::size_t>(i)]));
        sight.visible = std::any_of(input.eyes.begin(), input.eyes.end(),
                                    [&](const EyeView& eye) { return sphere.isVisible(tile, eye, margin); });
        sight.comingIntoView =
            !sight.visible && std::any_of(predicted.begin(), predicted.end(),
                                          [&](const EyeView& eye) { return sphere.isVisible(tile, eye, margin); });
        sight.finestTexelsPerRadian = finest;
        sight.baseTexelsPerRadian = base;
    }
    return chooseLevels(sights_, input.displayPixelsPerRadian, input.frameSeconds);
}

const std::vector<TileChoice>& TileScheduler::chooseLevels(std::span<const TileSight> sights,
                                                           float displayPixelsPerRadian, double frameSeconds) {
    XRS_EXPECT(sights.size() == choices_.size(), "one TileSight per tile");
    XRS_EXPECT(displayPixelsPerRadian > 0.0f, "display pixel density must be positive");
    const int prefetchLevel = config_.prefetchLevel >= 0 ? config_.prefetchLevel : levelCount() - 1;
    for (std::size_t tile = 0; tile < sights.size(); ++tile) {
        const TileSight& sight = sights[tile];
        TileChoice& choice = choices_[tile];
        TileHistory& history = history_[tile];
        choice = TileChoice{};
        choice.eccentricityRad = sight.eccentricityRad;
        choice.foveal = choice.eccentricityRad <= config_.fovealRadiusDeg * kRadPerDeg;
        choice.visible = sight.visible;
        const bool comingIntoView = !sight.visible && sight.comingIntoView;
        const float finest = sight.finestTexelsPerRadian;

        // A visible tile gets the level it will need soonest: here now, or where the gaze is heading.
        const float levelEccentricity = std::min(sight.eccentricityRad, sight.leadEccentricityRad);
        const float need = required(levelEccentricity, displayPixelsPerRadian, finest);
        const float base = sight.baseTexelsPerRadian;
        const int needed = levelFor(levelEccentricity, displayPixelsPerRadian, finest, base);
        int desired = kLevelNotNeeded;
        if (choice.visible) {
            desired = needed;
            choice.gazeLead = rank(desired) < rank(levelFor(choice.eccentricityRad, displayPixelsPerRadian, finest, base));
        } else if (comingIntoView && needed != kLevelNotNeeded) {
            // Not where the base layer will do, and no finer than the tile will need.
            desired = rank(prefetchLevel) > rank(needed) ? prefetchLevel : needed;
        }

        if (rank(desired) <= rank(history.level)) {
            history.level = desired; // finer (or the same): at once
            history.secondsBelow = 0.0;
        } else {
            // Coarser: only once the need has stayed clearly below the next coarser level, or
            // the tile has stayed out of view, for dropAfterSeconds.
            // (A visible tile wants no level only where the base layer meets its need.)
            const int nextCoarser = rank(history.level) + 1;
            const float coarserDensity = nextCoarser < levelCount() ? levelDensity(nextCoarser, finest) : base;
            const bool clearlyBelow = !choice.visible || need <= coarserDensity * (1.0f - config_.dropMargin);
            history.secondsBelow = clearlyBelow ? history.secondsBelow + std::max(frameSeconds, 0.0) : 0.0;
            // (Slack for rounding: twelve 1/60 s steps make the float 0.2f.)
            if (history.secondsBelow + 1e-6 >= config_.dropAfterSeconds) {
                history.level = desired;
                history.secondsBelow = 0.0;
            }
        }
        choice.level = history.level;
        choice.prefetch = comingIntoView && choice.level != kLevelNotNeeded;
    }

    applyBudget();
    return choices_;
}

void TileScheduler::applyBudget() {
    stats_ = SchedulerStats{};
    stats_.budgetPixelsPerSecond = decodeBudget();
    const auto framePixels = [&] {
        double pixels = 0.0;
        for (const TileChoice& choice : choices_)
            pixels += tileCost(choice.level);
        return pixels;
    };
    double tilePixels = framePixels();
    const auto rate = [&](double pixels) { return (pixels + basePixelsPerFrame_) * videoFps_; };

    if (rate(tilePixels) > stats_.budgetPixelsPerSecond) {
        stats_.budgetLimited = true;
        // Farthest from the gaze first; each pass takes every tile one level coarser (the last
        // step is the base layer) and stops as soon as the plan fits.
        std::vector<int> order(choices_.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return choices_[static_cast<std::size_t>(a)].eccentricityRad > choices_[static_cast<std::size_t>(b)].eccentricityRad;
        });
        for (bool includeFovea : {false, true}) {
            bool changed = true;
            while (changed && rate(tilePixels) > stats_.budgetPixelsPerSecond) {
                changed = false;
                for (int tile : order) {
                    TileChoice& choice = choices_[static_cast<std::size_t>(tile)];
                    if (choice.level == kLevelNotNeeded || (choice.foveal && !includeFovea))
                        continue;
                    const int coarser = choice.level + 1 < levelCount() ? choice.level + 1 : kLevelNotNeeded;
                    tilePixels += tileCost(coarser) - tileCost(choice.level);
                    choice.level = coarser;
                    choice.degraded = true;
                    stats_.fovealDegraded = stats_.fovealDegraded || choice.foveal;
                    changed = true;
                    if (rate(tilePixels) <= stats_.budgetPixelsPerSecond)
                        break;
                }
            }
        }
        stats_.overBudget = rate(tilePixels) > stats_.budgetPixelsPerSecond;
    }

    stats_.tilesPerLevel.assign(static_cast<std::size_t>(levelCount()), 0);
    for (const TileChoice& choice : choices_) {
        if (choice.level == kLevelNotNeeded)
            ++stats_.tilesNotNeeded;
        else
            ++stats_.tilesPerLevel[static_cast<std::size_t>(choice.level)];
        stats_.tilesDegraded += choice.degraded ? 1 : 0;
    }
    const LevelSize& finest = levels_.front();
    const double fullFrame = static_cast<double>(eyeCount_) * finest.tileWidth * finest.tileHeight * tileCount();
    stats_.tilePixelsPerFrame = tilePixels;
    stats_.decodedPixelFraction = (tilePixels + basePixelsPerFrame_) / fullFrame;
    stats_.requestedPixelsPerSecond = rate(tilePixels);
}

} // namespace xrs::video
