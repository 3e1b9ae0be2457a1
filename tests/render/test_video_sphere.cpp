// The tiled 360° video on the GPU: generated grid video -> our packager -> DecoderPool ->
// VideoTextures atlas + indirection -> video sphere shader, compared with reviewed goldens at
// known yaw/pitch (labels upright and in place, across the ±180° seam and at both poles), plus
// the invariants that hold every frame: never a hole, never tiles of another time.
#include "HeadPose.h"
#include "GpuTest.h"
#include "ImageCompare.h"
#include "ScratchDirectory.h"
#include "VideoFixture.h"
#include "VideoHarness.h"

#include "gpu/FrameRing.h"
#include "render/SceneRenderer.h"
#include "render/VideoPlayer.h"
#include "xr/HeadlessDisplay.h"

#include <catch2/catch.hpp>

#include <glm/gtc/constants.hpp>

#include <random>
#include <fstream>

using namespace xrs;
using namespace std::chrono_literals;

namespace {

using test::headLookingAt;

using test::VideoHarness;

ImageRGBA8 leftHalf(const ImageRGBA8& both) { return crop(both, 0, 0, both.width / 2, both.height); }

// Goldens are compared on the device they were made with (lavapipe).
void checkVideoGolden(gpu::Context& context, const ImageRGBA8& image, const char* name) {
    if (!test::isGoldenDevice(context)) return;
    const auto result = test::checkGolden(image, name);
    INFO(result.summary);
    CHECK(result.pass);
}

// Share of the clear colour (pure black) in columns [x0, x0 + width) of an image.
double blackShare(const ImageRGBA8& image, int x0, int width) {
    int black = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = x0; x < x0 + width; ++x) {
            const auto p = image.pixel(x, y);
            black += p.r == 0 && p.g == 0 && p.b == 0;
        }
    return static_cast<double>(black) / (width * image.height);
}

} // namespace

TEST_CASE("golden: mono 360° video forward, right, across the seam and at both poles", "[video][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    VideoHarness harness(context, test::monoVideoPackage());
    const std::pair<float, float> views[] = {{0.0f, 0.0f}, {90.0f, 0.0f}, {180.0f, 0.0f}, {0.0f, 90.0f}, {0.0f, -90.0f}};
    ImageRGBA8 strip;
    for (const auto& [yaw, pitch] : views) {
        ImageRGBA8 both;
        harness.frame(headLookingAt(yaw, pitch), true, &both);
        // Mono video: both eyes see the same sphere at infinity.
        const auto eyes = test::compareImages(crop(both, both.width / 2, 0, both.width / 2, both.height), leftHalf(both));
        INFO("yaw " << yaw << " pitch " << pitch << ": " << eyes.summary);
        CHECK(eyes.pass);
        strip = strip.empty() ? leftHalf(both) : concatHorizontal(strip, leftHalf(both));
    }
    checkVideoGolden(context, strip, "video_mono_views");
    test::requireValidationClean(context);
}

TEST_CASE("golden: top-bottom stereo video gives each eye its own half, without bleeding", "[video][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    VideoHarness harness(context, test::stereoVideoPackage());
    ImageRGBA8 forward, seam;
    harness.frame(headLookingAt(0.0f, 0.0f), true, &forward);
    harness.frame(headLookingAt(180.0f, 0.0f), true, &seam);
    // The eyes differ (the generator marks them L and R with a disparity).
    const auto eyes = test::compareImages(crop(forward, 256, 0, 256, 256), crop(forward, 0, 0, 256, 256));
    CHECK_FALSE(eyes.pass);
    checkVideoGolden(context, concatHorizontal(forward, seam), "video_topbottom_stereo");
    test::requireValidationClean(context);
}

TEST_CASE("golden: 180-degree side-by-side video fills the front half for each eye, nothing behind", "[video][golden]") {
    XRS_GPU_TEST_CONTEXT(context);
    VideoHarness harness(context, test::vr180VideoPackage());
    ImageRGBA8 forward, edge, behind;
    harness.frame(headLookingAt(0.0f, 0.0f), true, &forward);
    harness.frame(headLookingAt(90.0f, 0.0f), true, &edge);
    harness.frame(headLookingAt(180.0f, 0.0f), true, &behind);
    // The eyes differ (the generator marks them L and R with a disparity).
    CHECK_FALSE(test::compareImages(crop(forward, 256, 0, 256, 256), crop(forward, 0, 0, 256, 256)).pass);
    for (int eye = 0; eye < 2; ++eye) {
        INFO("eye " << eye);
        const int x0 = eye * 256;
        CHECK(blackShare(behind, x0, 256) == 1.0);          // nothing was filmed behind
        CHECK(blackShare(forward, x0, 256) < 0.02);         // the front is all video (dark text boxes aside)
        CHECK(blackShare(edge, x0, 100) < 0.02);            // looking 90° right, the left of the view is video
        CHECK(blackShare(edge, x0 + 156, 100) == 1.0);      // ... and the right is behind the picture
    }
    checkVideoGolden(context, concatHorizontal(forward, edge), "video_sbs180_stereo");
    test::requireValidationClean(context);
}

TEST_CASE("tile culling never leaves a hole: any head pose, mono, stereo and 180-degree", "[video]") {
    XRS_GPU_TEST_CONTEXT(context);
    // VideoHarness checks after every frame that each direction both eyes' frusta hold lies in a
    // drawn patch; here along random orientations (rolled, near the poles, across the seam) and
    // a wide and a narrow fov.
    std::mt19937 random(20261207u);
    std::uniform_real_distribution<float> yaw(-180.0f, 180.0f), pitch(-90.0f, 90.0f), roll(-180.0f, 180.0f);
    for (const auto* package : {&test::monoVideoPackage(), &test::stereoVideoPackage(), &test::vr180VideoPackage()}) {
        VideoHarness harness(context, *package, {64, 48});
        for (int i = 0; i < 40; ++i) {
            Pose head = headLookingAt(yaw(random), pitch(random));
            head.orientation = head.orientation * glm::angleAxis(glm::radians(roll(random)), glm::vec3(0.0f, 0.0f, -1.0f));
            INFO(package->filename().string() << ", pose " << i);
            harness.frame(head, false, nullptr, i % 2 ? 110.0f : 40.0f);
        }
        std::size_t drawn = harness.player().textures().drawnPatches().size();
        CHECK(drawn > 0);
    }
    test::requireValidationClean(context);
}

TEST_CASE("before tiles are decoded the base layer fills the view: no hole", "[video]") {
    XRS_GPU_TEST_CONTEXT(context);
    VideoHarness harness(context, test::monoVideoPackage());
    ImageRGBA8 first;
    // The very first frame: only the prerolled base layer can be ready.
    const auto upload = harness.frame(headLookingAt(0.0f, 0.0f), false, &first);
    CHECK(upload.displayedFrame == 0);
    CHECK(upload.tilesWanted > 0);
    // No pixel of the view is the clear colour (black): the base layer covers every direction.
    CHECK(blackShare(leftHalf(first), 0, first.width / 2) < 0.02); // the generator's text boxes are dark, not a hole
    test::requireValidationClean(context);
}

TEST_CASE("a head turn: the fovea is full resolution within two frames, every frame one time", "[video]") {
    XRS_GPU_TEST_CONTEXT(context);
    VideoHarness harness(context, test::monoVideoPackage());
    harness.frame(headLookingAt(0.0f, 0.0f), true);
    const int gridTiles = 32;
    // Turn 90° right in 30° steps with the video playing; after each jump, count frames until
    // every foveal tile of the new view is drawn from level 0 (waiting for the decoders between
    // frames: this checks the request -> decode -> upload -> indirection path, not speed, which
    // `xrshow bench video` measures).
    for (float yaw : {30.0f, 60.0f, 90.0f}) {
        int framesToFullRes = -1;
        for (int frame = 1; frame <= 4 && framesToFullRes < 0; ++frame) {
            const auto upload = harness.frame(headLookingAt(yaw, 0.0f), false);
            bool fovealFullRes = true;
            const auto& choices = harness.player().lastChoices();
            const auto& entries = harness.player().textures().entries();
            for (int tile = 0; tile < gridTiles; ++tile) {
                if (!choices[static_cast<std::size_t>(tile)].foveal) continue;
                const auto& entry = entries[static_cast<std::size_t>(tile)].entry;
                fovealFullRes = fovealFullRes && entry.x == 0u && entry.z == static_cast<std::uint32_t>(upload.displayedFrame);
            }
            if (fovealFullRes) framesToFullRes = frame;
            else {
                for (int tile = 0; tile < gridTiles; ++tile) {
                    const int level = choices[static_cast<std::size_t>(tile)].level;
                    if (level >= 0) harness.player().decoders().waitFor({level, tile}, harness.player().clock().frameIndex() + 1, 5s);
                }
            }
        }
        INFO("yaw " << yaw);
        CHECK(framesToFullRes >= 1);
        CHECK(framesToFullRes <= 2);
    }
    test::requireValidationClean(context);
}

// A copy of the mono package whose level-0 tile at row 1, column 3 (looked at by
// headLookingAt(-20, 10)) is garbage of the right size: the package opens, the tile's decoder
// fails. Removed on destruction.
class DamagedPackage {
public:
    static constexpr int kTile = 1 * 8 + 3;

    DamagedPackage() {
        std::filesystem::copy(test::monoVideoPackage(), dir(), std::filesystem::copy_options::recursive);
        const auto tileFile = dir() / "L0" / "t1_3.mp4";
        REQUIRE(std::filesystem::exists(tileFile));
        const auto size = std::filesystem::file_size(tileFile);
        std::ofstream out(tileFile, std::ios::binary | std::ios::trunc);
        for (std::uintmax_t i = 0; i < size; ++i) out.put(static_cast<char>((i * 131 + 7) & 0xff));
    }
    const std::filesystem::path& dir() const { return scratch_.path(); }

private:
    test::ScratchDirectory scratch_{"video-damaged"};
};

TEST_CASE("a damaged tile stream falls back to the base layer while playback goes on", "[video]") {
    XRS_GPU_TEST_CONTEXT(context);
    const int tile = DamagedPackage::kTile;
    {
        const DamagedPackage damaged;
        VideoHarness harness(context, damaged.dir());
        std::int64_t lastShown = -1;
        for (int frame = 0; frame < 12; ++frame) {
            const auto upload = harness.frame(headLookingAt(-20.0f, 10.0f), false);
            CHECK(upload.displayedFrame >= lastShown); // playback goes on
            lastShown = upload.displayedFrame;
            harness.player().decoders().waitFor({0, tile}, harness.player().clock().frameIndex() + 1, 2s);
            harness.player().decoders().waitFor({video::StreamId::kBaseLevel, 0}, harness.player().clock().frameIndex() + 1, 2s);
        }
        CHECK(lastShown >= 8);
        const auto status = harness.player().decoders().status({0, tile});
        CHECK(status.state == video::StreamState::Failed);
        CHECK_THAT(status.error, Catch::Contains("t1_3.mp4"));
        // The damaged tile is never drawn from level 0; the base layer (or level 1) covers it.
        const auto& entry = harness.player().textures().entries()[static_cast<std::size_t>(tile)].entry;
        CHECK(entry.x != 0u);
    }
    test::requireValidationClean(context);
}

TEST_CASE("a tile keeps the level it shows until its new level arrives: never the base layer between", "[video]") {
    XRS_GPU_TEST_CONTEXT(context);
    // The tile's level 0 never arrives (damaged), so it stays "arriving" for as long as the test
    // looks: the level it showed before must stay on screen, one time with the rest, which needs
    // the player to keep that level decoding past the frames its decoder had buffered ahead.
    const int tile = DamagedPackage::kTile;
    const DamagedPackage damaged;
    VideoHarness harness(context, damaged.dir());
    harness.frame(headLookingAt(40.0f, 0.0f), true); // the tile at the edge of the view: coarse
    const std::uint32_t before = harness.player().textures().entries()[static_cast<std::size_t>(tile)].entry.x;
    REQUIRE(before != shader::kTileNotResident);
    REQUIRE(before >= 1u);
    for (int frame = 0; frame < 12; ++frame) {
        INFO("frame " << frame);
        const auto upload = harness.frame(headLookingAt(-20.0f, 10.0f), false); // the tile now foveal
        CHECK(harness.player().lastChoices()[static_cast<std::size_t>(tile)].level == 0);
        const auto& entry = harness.player().textures().entries()[static_cast<std::size_t>(tile)].entry;
        CHECK(entry.x == before);
        CHECK(entry.z == static_cast<std::uint32_t>(upload.displayedFrame));
        const std::int64_t next = harness.player().clock().frameIndex() + 1;
        CHECK(harness.player().decoders().waitFor({static_cast<int>(before), tile}, next, 2s));
        harness.player().decoders().waitFor({video::StreamId::kBaseLevel, 0}, next, 2s);
    }
    test::requireValidationClean(context);
}

TEST_CASE("automatic MSAA: a CPU device draws 360-degree backgrounds single-sampled, anything else 4x", "[render][video]") {
    XRS_GPU_TEST_CONTEXT(context);
    CHECK(render::automaticSamples(context, /*only360Backgrounds=*/false) == VK_SAMPLE_COUNT_4_BIT);
    CHECK(render::automaticSamples(context, /*only360Backgrounds=*/true) ==
          (context.info().isSoftware ? VK_SAMPLE_COUNT_1_BIT : VK_SAMPLE_COUNT_4_BIT));
}
