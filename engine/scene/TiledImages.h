#pragma once
// Where a scene shows its tiled images (nodes with a TiledImageLink): for each distinct pyramid,
// the rectangle it covers in the world, fitted from the linked meshes' vertices, so the tile
// streamer can tell how near and how large each tile is to the viewer.
#include "scene/Scene.h"

#include <glm/glm.hpp>

#include <filesystem>
#include <vector>

namespace xrs::scene {

struct TiledImagePlacement {
    std::filesystem::path index; // the pyramid's index.json
    // World position of image uv (u, v) = origin + u * uAxis + v * vAxis (uv (0, 0) is the
    // image's top-left), the least-squares fit over every linked vertex.
    glm::vec3 origin{0.0f};
    glm::vec3 uAxis{0.0f};
    glm::vec3 vAxis{0.0f};
    float fitErrorMetres = 0.0f; // largest distance of a vertex from the fitted rectangle
    // Height in texels of the linked meshes' baked base-colour textures (the tallest; 0: none):
    // pyramid levels no finer than this add nothing to what the model already shows.
    std::uint32_t bakedHeight = 0;
};

// One entry per distinct pyramid, in the draw list's order. An image whose vertices do not
// determine a rectangle (all on a line, say) is left out with a warning naming the model.
std::vector<TiledImagePlacement> placeTiledImages(const Scene& scene);

// Which entry of `placements` draw item `item` shows, if any.
std::optional<std::size_t> tiledImageOf(const Scene& scene, const DrawItem& item,
                                        const std::vector<TiledImagePlacement>& placements);

} // namespace xrs::scene
