#pragma once
// One frame of a scene, rendered headless for both eyes and read back: what `xrshow render`,
// thumbnails and golden-image tests need. Builds a renderer, uploads the scene, renders
// `warmupFrames + 1` frames through the frame ring (so the frames-in-flight path is the one
// exercised) and returns the last frame's eyes.
#include "core/Image.h"
#include "core/Result.h"
#include "gpu/Context.h"
#include "render/Lighting.h"
#include "render/SceneRenderer.h"
#include "render/StereoViews.h"
#include "scene/Scene.h"

#include <array>
#include <string>
#include <vector>

namespace xrs::xr {

struct StillRequest {
    const scene::Scene* scene = nullptr; // null: sky only
    VkExtent2D eyeExtent{512, 512};
    render::StereoViews views;
    render::Lighting lighting;
    render::RendererSettings renderer;
    std::uint32_t warmupFrames = 0;
    // Stream the scene's tiled images (render/TiledImages.h) at this view's detail, waiting for
    // their tiles; off: their surfaces show the baked texture.
    bool streamTiledImages = true;
    // Per placed model of a composed scene (render::SceneDrawOptions::dissolves).
    std::vector<render::Dissolve> dissolves;
};

struct StillResult {
    std::array<ImageRGBA8, 2> eyes;
    double lastGpuMilliseconds = 0.0;
    // What could not be shown as asked (a tiled image's pyramid that does not open), one line
    // each naming the file; the frame shows the fallback.
    std::vector<std::string> problems;
};

Result<StillResult> renderStill(gpu::Context& context, const StillRequest& request);

} // namespace xrs::xr
