#include "render/VideoPlayer.h"

#include "core/Log.h"

#include <algorithm>
#include <numeric>

namespace xrs::render {

Result<std::unique_ptr<VideoPlayer>> VideoPlayer::open(gpu::Context& context,
                                                       const std::filesystem::path& package,
                                                       VkDescriptorSetLayout videoLayout,
                                                       const VideoPlayerConfig& config) {
    auto opened = video::openPackage(package);
    if (!opened) return opened.error();
    auto scheduler = video::TileScheduler::fromManifest(opened->manifest, config.scheduler);
    video::VideoClock clock(opened->manifest.fpsNum, opened->manifest.fpsDen, opened->manifest.frameCount,
                            config.loop);
    std::unique_ptr<VideoPlayer> player(new VideoPlayer(std::move(*opened), std::move(scheduler), clock));
    const video::Manifest& manifest = player->package_.manifest;
    auto textures = VideoTextures::create(context, manifest, videoLayout, config.textures);
    if (!textures) return fail(package.string(), ": ", textures.error().message);
    player->textures_ = std::move(*textures);
    video::DecoderPool::Config decoder = config.decoder;
    decoder.loop = config.loop; // decode ahead across the loop point the clock will take
    player->pool_ = std::make_unique<video::DecoderPool>(player->package_.directory, manifest, decoder);
    player->adaptiveBudget_ = config.adaptiveBudget;
    return player;
}

Status VideoPlayer::preroll(std::chrono::milliseconds timeout) {
    const video::StreamId base{video::StreamId::kBaseLevel, 0};
    const std::int64_t first = clock_.frameIndex();
    const video::StreamRequest request{base, first};
    pool_->submit(std::span(&request, 1));
    if (pool_->waitFor(base, first, timeout)) return {};
    const auto status = pool_->status(base);
    return fail(package_.directory.string(), ": the base layer did not decode",
                status.error.empty() ? " in time" : ": " + status.error);
}

VideoFrameUpload VideoPlayer::update(gpu::FrameContext& frame, const VideoFrameInput& input, bool waitForTiles) {
    const std::int64_t previousTarget = clock_.frameIndex();
    if (started_) clock_.advance(input.dtSeconds);
    const std::int64_t target = clock_.frameIndex();

    // Which video frame to show, and which to ask the decoders for. In fixed-step playback
    // (tests, the video-only benchmark) both are the clock's frame. In real time the decoders
    // are asked for the frame the clock will reach at the next display frame, and a display
    // frame shows the frame asked for last time: decoding then has a whole display frame to
    // finish, whatever the ratio of video rate to display rate.
    std::int64_t show = target;
    std::int64_t request = target;
    if (!clock_.fixedStep() && started_) {
        std::int64_t advanced = target - previousTarget;
        if (advanced < 0) advanced += clock_.frameCount(); // looped
        framesPerUpdate_ += 0.2 * (static_cast<double>(advanced) - framesPerUpdate_);
        show = nextRequest_ >= 0 ? nextRequest_ : target;
        const auto ahead = std::max<std::int64_t>(1, std::llround(framesPerUpdate_));
        request = (target + ahead) % std::max<std::int64_t>(1, clock_.frameCount());
    }
    started_ = true;

    video::SchedulerInput schedule;
    schedule.head = Pose{input.views.eyes[0].pose.orientation,
                         0.5f * (input.views.eyes[0].pose.position + input.views.eyes[1].pose.position)};
    schedule.eyes = std::span(input.views.eyes);
    schedule.displayPixelsPerRadian = input.displayPixelsPerRadian;
    schedule.gazeDirection = input.gazeDirection;
    schedule.angularVelocity = input.angularVelocity;
    // The hysteresis counts display time: the frame's, or in fixed-step playback that does not
    // say, one video frame per update (also while the clock is paused: the display goes on).
    schedule.frameSeconds = input.dtSeconds > 0.0 ? input.dtSeconds
                            : clock_.fixedStep()  ? clock_.frameSeconds(1) - clock_.frameSeconds(0)
                                                  : 0.0;
    choices_ = scheduler_.chooseLevels(schedule);

    VideoFrameUpload upload;
    if (request == show) {
        submitRequests(request);
        if (waitForTiles && clock_.fixedStep() && !waitForChosenTiles(show, kFixedStepPatience))
            XRS_LOG_WARN("{}: video frame {} not fully decoded after {} s; showing what is there",
                         package_.directory.string(), show, kFixedStepPatience.count() / 1000);
        upload = textures_->update(frame, *pool_, choices_, show);
    } else {
        // Take this frame's pictures before moving the decoders' targets past them.
        upload = textures_->update(frame, *pool_, choices_, show);
        submitRequests(request);
    }
    nextRequest_ = request;
    if (auto throughput = pool_->takeThroughputSample(); throughput && adaptiveBudget_)
        scheduler_.observeDecodeThroughput(throughput->pixelsPerSecond, throughput->seconds);
    return upload;
}

bool VideoPlayer::waitForChosenTiles(std::int64_t frameIndex, std::chrono::milliseconds timeout) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    const auto left = [&] {
        return std::max(std::chrono::milliseconds(0),
                        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    };
    bool all = pool_->waitFor({video::StreamId::kBaseLevel, 0}, frameIndex, left());
    const video::Manifest& manifest = package_.manifest;
    const int gridTiles = manifest.gridCols * manifest.gridRows;
    for (int tile = 0; tile < gridTiles; ++tile) {
        const int level = choices_[static_cast<std::size_t>(tile)].level;
        if (level == video::kLevelNotNeeded) continue;
        for (int eye = 0; eye < video::eyeCount(manifest.layout); ++eye)
            all = pool_->waitFor({level, eye * gridTiles + tile}, frameIndex, left()) && all;
    }
    return all;
}

void VideoPlayer::submitRequests(std::int64_t frameIndex) {
    // Priority: the base layer (the floor of every frame), then tiles by distance from the gaze
    // (the fovea first), prefetches, and last the level a tile still shows while its wanted
    // level catches up (VideoTextures draws it until then: make before break).
    const video::Manifest& manifest = package_.manifest;
    const int gridTiles = manifest.gridCols * manifest.gridRows;
    std::vector<int> order(static_cast<std::size_t>(gridTiles));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const auto& ca = choices_[static_cast<std::size_t>(a)];
        const auto& cb = choices_[static_cast<std::size_t>(b)];
        if (ca.prefetch != cb.prefetch) return !ca.prefetch;
        return ca.eccentricityRad < cb.eccentricityRad;
    });
    requests_.clear();
    requests_.push_back({{video::StreamId::kBaseLevel, 0}, frameIndex});
    for (int tile : order) {
        const int level = choices_[static_cast<std::size_t>(tile)].level;
        if (level == video::kLevelNotNeeded) continue;
        for (int eye = 0; eye < video::eyeCount(manifest.layout); ++eye)
            requests_.push_back({{level, eye * gridTiles + tile}, frameIndex});
    }
    const auto& shown = textures_->entries();
    for (int tile : order) {
        const int level = choices_[static_cast<std::size_t>(tile)].level;
        if (level == video::kLevelNotNeeded) continue;
        for (int eye = 0; eye < video::eyeCount(manifest.layout); ++eye) {
            const int stream = eye * gridTiles + tile;
            const std::uint32_t showing = shown[static_cast<std::size_t>(stream)].entry.x;
            if (showing != shader::kTileNotResident && static_cast<int>(showing) != level)
                requests_.push_back({{static_cast<int>(showing), stream}, frameIndex});
        }
    }
    pool_->submit(requests_);
}

} // namespace xrs::render
