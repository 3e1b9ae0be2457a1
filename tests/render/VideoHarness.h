#pragma once
// A tiled 360° video package on the GPU for tests: the VideoPlayer (fixed step, levels from
// views and gaze only), a renderer and a headless display. frame() renders both eyes and, with
// `settle`, waits for every wanted tile so the picture is deterministic (goldens). Every frame
// checks the invariants: never a hole (a shown frame, and a drawn patch for every direction the
// views see), never a tile of another time.
#include "core/Image.h"
#include "core/View.h"
#include "gpu/FrameRing.h"
#include "render/SceneRenderer.h"
#include "render/VideoPlayer.h"
#include "xr/HeadlessDisplay.h"

#include <filesystem>
#include <memory>

namespace xrs::test {

class VideoHarness {
public:
    VideoHarness(gpu::Context& context, const std::filesystem::path& package, VkExtent2D eye = {256, 256});

    render::VideoPlayer& player() { return *player_; }

    // One display frame. With `settle`, the decoders are waited for and the frame is redone
    // (clock paused) until every wanted tile is resident: deterministic pictures for goldens.
    // `capture` receives both eyes side by side.
    render::VideoFrameUpload frame(const Pose& head, bool settle, ImageRGBA8* capture = nullptr, float fovDeg = 90.0f);

private:
    void checkInvariants(const render::VideoFrameUpload& upload, const render::StereoViews& views);

    gpu::Context& context_;
    VkExtent2D eye_;
    std::unique_ptr<render::SceneRenderer> renderer_;
    std::unique_ptr<render::VideoPlayer> player_;
    std::unique_ptr<xr::HeadlessDisplay> display_;
    std::unique_ptr<gpu::FrameRing> frames_;
};

} // namespace xrs::test
