// Golden frames of the mr-navigation panoramas: the first frame of each viewpoint's package base
// layer (the whole equirect sphere at 512x256 for the CI size), decoded with the project's
// TileDecoder, converted from BT.709 limited-range NV12 and halved to 256x128. The runtime's 360°
// video rendering is tested elsewhere (render goldens); this pins what the capture produced: the
// town, its lighting and the viewpoints along the route.
//
// The panoramas were rendered by this machine's Vulkan device while building, so the comparison
// runs only where that device is the goldens' rasterizer (lavapipe) and at the CI capture size.
#include "ExperienceFolder.h"
#include "GpuTest.h"
#include "ImageCompare.h"

#include "video/ManifestIO.h"
#include "video/TileDecoder.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>

using namespace xrs;

namespace {

std::filesystem::path experienceFolder() { return test::experienceFolder("mr-navigation"); }

std::uint8_t toByte(double value) {
    return static_cast<std::uint8_t>(std::clamp(value, 0.0, 255.0) + 0.5);
}

// BT.709 limited range (what capture-pano's encoder writes) to RGBA, one pixel per luma sample.
ImageRGBA8 toRgba(const video::DecodedFrame& frame) {
    ImageRGBA8 image(frame.width, frame.height);
    for (int y = 0; y < frame.height; ++y) {
        for (int x = 0; x < frame.width; ++x) {
            const double luma = (frame.luma[static_cast<std::size_t>(y * frame.lumaStride + x)] - 16.0) * 255.0 / 219.0;
            const std::size_t c = static_cast<std::size_t>((y / 2) * frame.chromaStride + (x / 2) * 2);
            const double cb = (frame.chroma[c] - 128.0) * 255.0 / 224.0;
            const double cr = (frame.chroma[c + 1] - 128.0) * 255.0 / 224.0;
            std::uint8_t* out = &image.pixels[(static_cast<std::size_t>(y) * frame.width + x) * 4];
            out[0] = toByte(luma + 1.5748 * cr);
            out[1] = toByte(luma - 0.1873 * cb - 0.4681 * cr);
            out[2] = toByte(luma + 1.8556 * cb);
            out[3] = 255;
        }
    }
    return image;
}

// 2x2 box average: smooths the codec's block noise before the comparison.
ImageRGBA8 halve(const ImageRGBA8& image) {
    ImageRGBA8 half(image.width / 2, image.height / 2);
    for (int y = 0; y < half.height; ++y)
        for (int x = 0; x < half.width; ++x)
            for (int channel = 0; channel < 4; ++channel) {
                int sum = 0;
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx)
                        sum += image.pixels[(static_cast<std::size_t>(2 * y + dy) * image.width + 2 * x + dx) * 4 + channel];
                half.pixels[(static_cast<std::size_t>(y) * half.width + x) * 4 + channel] =
                    static_cast<std::uint8_t>((sum + 2) / 4);
            }
    return half;
}

ImageRGBA8 firstBaseFrame(const std::string& view) {
    const auto package = experienceFolder() / "generated" / "video" / view;
    auto manifest = video::loadManifest(package);
    INFO((manifest.ok() ? std::string() : manifest.error().message));
    REQUIRE(manifest.ok());
    auto decoder = video::TileDecoder::open(package / manifest->base.path, manifest->frameCount);
    INFO((decoder.ok() ? std::string() : decoder.error().message));
    REQUIRE(decoder.ok());
    auto step = decoder->decodeNext();
    REQUIRE(step.ok());
    REQUIRE(step->frameIndex == 0);
    video::DecodedFrame frame;
    REQUIRE(decoder->copyCurrentFrame(frame).ok());
    return halve(toRgba(frame));
}

} // namespace

TEST_CASE("golden: mr-navigation panoramas at every viewpoint", "[content][golden][mrnav]") {
    if (std::string(XRS_MRNAV_PANO_SIZE) != "2048x1024" || XRS_MRNAV_FRAMES != 4) {
        WARN("mr-navigation goldens are made at the CI capture size (2048x1024, 4 frames); this build differs");
        return;
    }
    XRS_GPU_TEST_CONTEXT(context);
    if (!test::isGoldenDevice(context)) return;
    for (const std::string view : {"entrance", "crossing", "museum"}) {
        INFO(view);
        const ImageRGBA8 frame = firstBaseFrame(view);
        CHECK(frame.width == 256);
        CHECK(frame.height == 128);
        const auto result = test::checkGolden(frame, "mr_navigation_" + view);
        INFO(result.summary);
        CHECK(result.pass);
    }
}
