#include "scene/TiledImages.h"

#include "core/Log.h"

#include <algorithm>
#include <cmath>

namespace xrs::scene {
namespace {

// Image uv of a vertex of a linked mesh.
glm::dvec2 imageUv(const TiledImageLink& link, glm::vec2 meshUv) {
    return {link.u0 + static_cast<double>(meshUv.x) * (link.u1 - link.u0), meshUv.y};
}

} // namespace

std::vector<TiledImagePlacement> placeTiledImages(const Scene& scene) {
    struct Fit {
        std::filesystem::path index;
        glm::dmat3 normal{0.0};    // sum of b b^T, b = (1, u, v)
        glm::dmat3 rightSide{0.0}; // columns x, y, z: sum of b * position component
        std::vector<std::pair<glm::dvec2, glm::dvec3>> points;
        std::uint32_t bakedHeight = 0;
    };
    std::vector<Fit> fits;
    const std::vector<DrawItem> items = buildDrawList(scene);
    for (const DrawItem& item : items) {
        const auto& link = scene.nodes[item.node].tiledImage;
        if (!link) continue;
        auto fit = std::find_if(fits.begin(), fits.end(), [&](const Fit& f) { return f.index == link->index; });
        if (fit == fits.end()) fit = fits.insert(fits.end(), Fit{link->index, {}, {}, {}, 0});
        const Mesh& mesh = scene.meshes[item.mesh];
        if (mesh.material < scene.materials.size())
            if (const auto& slot = scene.materials[mesh.material].baseColorTexture; slot && slot->texture < scene.textures.size())
                fit->bakedHeight = std::max(fit->bakedHeight, scene.textures[slot->texture].height);
        for (const Vertex& vertex : scene.meshes[item.mesh].vertices) {
            const glm::dvec2 uv = imageUv(*link, vertex.uv0);
            const glm::dvec3 position = glm::dvec3(item.world * glm::vec4(vertex.position, 1.0f));
            const glm::dvec3 basis(1.0, uv.x, uv.y);
            fit->normal += glm::outerProduct(basis, basis);
            for (int axis = 0; axis < 3; ++axis) fit->rightSide[axis] += basis * position[axis];
            fit->points.emplace_back(uv, position);
        }
    }

    std::vector<TiledImagePlacement> placements;
    for (const Fit& fit : fits) {
        const std::string name = scene.sourcePath.string() + ": tiled image " + fit.index.filename().string();
        if (std::abs(glm::determinant(fit.normal)) < 1e-12) {
            XRS_LOG_WARN("{}: its vertices' uvs span no area; it shows its baked texture only", name);
            continue;
        }
        // Solve normal * coefficients = rightSide for each world axis: rows of the solution are
        // origin, uAxis and vAxis.
        const glm::dmat3 solution = glm::transpose(glm::inverse(fit.normal) * fit.rightSide);
        TiledImagePlacement placement;
        placement.index = fit.index;
        placement.origin = glm::vec3(solution[0]);
        placement.uAxis = glm::vec3(solution[1]);
        placement.vAxis = glm::vec3(solution[2]);
        double worst = 0.0;
        for (const auto& [uv, position] : fit.points)
            worst = std::max(worst, glm::length(solution[0] + uv.x * solution[1] + uv.y * solution[2] - position));
        placement.fitErrorMetres = static_cast<float>(worst);
        placement.bakedHeight = fit.bakedHeight;
        if (glm::length(glm::cross(placement.uAxis, placement.vAxis)) < 1e-8f) {
            XRS_LOG_WARN("{}: its vertices lie on a line; it shows its baked texture only", name);
            continue;
        }
        placements.push_back(placement);
    }
    return placements;
}

std::optional<std::size_t> tiledImageOf(const Scene& scene, const DrawItem& item,
                                        const std::vector<TiledImagePlacement>& placements) {
    const auto& link = scene.nodes[item.node].tiledImage;
    if (!link) return std::nullopt;
    for (std::size_t i = 0; i < placements.size(); ++i)
        if (placements[i].index == link->index) return i;
    return std::nullopt;
}

} // namespace xrs::scene
