#include "VideoHarness.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;

namespace xrs::test {

VideoHarness::VideoHarness(gpu::Context& context, const std::filesystem::path& package, VkExtent2D eye)
    : context_(context), eye_(eye) {
    auto renderer = render::SceneRenderer::create(context, {});
    REQUIRE(renderer.ok());
    renderer_ = std::move(*renderer);
    render::VideoPlayerConfig config;
    config.adaptiveBudget = false; // levels from views and gaze only: the same on a busy machine
    auto player = render::VideoPlayer::open(context, package, renderer_->videoLayout(), config);
    INFO((player.ok() ? std::string() : player.error().message));
    REQUIRE(player.ok());
    player_ = std::move(*player);
    player_->clock().setFixedStep(1);
    REQUIRE(player_->preroll(10s).ok());
    auto display = xr::HeadlessDisplay::create(context, eye);
    REQUIRE(display.ok());
    display_ = std::make_unique<xr::HeadlessDisplay>(std::move(*display));
    frames_ = std::make_unique<gpu::FrameRing>(context);
}

render::VideoFrameUpload VideoHarness::frame(const Pose& head, bool settle, ImageRGBA8* capture, float fovDeg) {
    const Fov fov = symmetricFov(glm::radians(fovDeg), static_cast<float>(eye_.width) / static_cast<float>(eye_.height));
    render::VideoFrameInput input;
    input.views.eyes = stereoEyes(head, 0.063f, fov, fov);
    input.displayPixelsPerRadian = video::displayPixelsPerRadian(static_cast<int>(eye_.width), fov);
    render::VideoFrameUpload upload;
    for (int attempt = 0; attempt < 20; ++attempt) {
        gpu::FrameContext& frame = frames_->begin();
        upload = player_->update(frame, input);
        const auto background = player_->background(frame);
        renderer_->record(frame, *frames_, nullptr, input.views, render::Lighting{}, display_->output(), &background);
        display_->recordCapture(frame.cmd);
        frames_->submit(frame);
        frames_->drain();
        checkInvariants(upload, input.views);
        if (!settle || upload.wantedResident == upload.tilesWanted) break;
        player_->waitForChosenTiles(upload.displayedFrame, 5s);
        if (attempt == 0) player_->clock().pause(); // redo the same video frame
    }
    if (settle) {
        CHECK(upload.wantedResident == upload.tilesWanted);
        player_->clock().resume();
    }
    if (capture) *capture = concatHorizontal(display_->capturedEye(0), display_->capturedEye(1));
    return upload;
}

void VideoHarness::checkInvariants(const render::VideoFrameUpload& upload, const render::StereoViews& views) {
    REQUIRE(upload.displayedFrame >= 0);
    for (const auto& entry : player_->textures().entries()) {
        if (entry.entry.x == shader::kTileNotResident) continue;
        REQUIRE(entry.entry.z == static_cast<std::uint32_t>(upload.displayedFrame));
    }
    // Every direction each eye's frustum holds (a 17 x 17 grid, edges and corners included) falls
    // in a tile whose patch was drawn for that eye: culling never leaves a hole.
    const video::TileGrid& grid = player_->scheduler().grid();
    const bool stereo = player_->manifest().layout != video::StereoLayout::Mono;
    std::vector<bool> drawn(static_cast<std::size_t>(grid.tileCount() * (stereo ? 2 : 1)), false);
    for (const auto& patch : player_->textures().drawnPatches()) drawn[patch.tile] = true;
    for (int eye = 0; eye < 2; ++eye) {
        const EyeView& view = views.eyes[static_cast<std::size_t>(eye)];
        for (int i = 0; i <= 16; ++i)
            for (int j = 0; j <= 16; ++j) {
                const float x = std::tan(glm::mix(view.fov.angleLeft, view.fov.angleRight, static_cast<float>(i) / 16.0f));
                const float y = std::tan(glm::mix(view.fov.angleDown, view.fov.angleUp, static_cast<float>(j) / 16.0f));
                const glm::vec3 direction = view.pose.orientation * glm::normalize(glm::vec3(x, y, -1.0f));
                const auto coord = grid.tileFromDirection(direction);
                if (!coord) continue; // behind a 180° video: nothing to draw
                const int tile = (stereo ? eye * grid.tileCount() : 0) + grid.tileIndex(*coord);
                INFO("eye " << eye << ", frustum point " << i << "," << j << ": tile " << tile);
                REQUIRE(drawn[static_cast<std::size_t>(tile)]);
            }
    }
}

} // namespace xrs::test
