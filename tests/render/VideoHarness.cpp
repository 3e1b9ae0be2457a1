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
        checkInvariants(upload);
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

void VideoHarness::checkInvariants(const render::VideoFrameUpload& upload) {
    REQUIRE(upload.displayedFrame >= 0);
    for (const auto& entry : player_->textures().entries()) {
        if (entry.entry.x == shader::kTileNotResident) continue;
        REQUIRE(entry.entry.z == static_cast<std::uint32_t>(upload.displayedFrame));
    }
}

} // namespace xrs::test
