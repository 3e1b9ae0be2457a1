// The art-exhibition experience as built by tools/content/art-exhibition.cmake: it validates
// without a single diagnostic, its tour poses stand where a visitor may teleport, the hand
// scroll's tile pyramid is complete and seamless, and the generator is deterministic for a seed.
#include "ArtExhibition.h"
#include "ScratchDirectory.h"

#include "core/Image.h"
#include "experience/ExperienceIO.h"
#include "experience/ExperienceValidator.h"
#include "scene/SceneImporter.h"
#include "scene/TiledImages.h"
#include "video/TilePyramid.h"
#include "video/Sha256.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

using namespace xrs;

namespace {

experience::Experience readArtExhibition() {
    auto parsed = experience::readExperience(test::artExhibitionFolder());
    for (const auto& diagnostic : parsed.diagnostics) UNSCOPED_INFO(experience::formatDiagnostic(diagnostic));
    REQUIRE(parsed.diagnostics.empty());
    return parsed.experience;
}

nlohmann::json readJson(const std::filesystem::path& file) {
    std::ifstream in(file);
    REQUIRE(in.good());
    return nlohmann::json::parse(in);
}

std::filesystem::path tilePath(const std::filesystem::path& pyramid, int level, int column, int row) {
    return pyramid / std::to_string(level) / (std::to_string(column) + "_" + std::to_string(row) + ".png");
}

// Small scroll and paintings: the whole pipeline (paintings, pyramid, glTF) in about a second.
int runGenerator(const std::filesystem::path& out, int seed) {
    std::ostringstream command;
    command << '"' << XRS_ART_PYTHON << "\" \"" << XRS_ART_GENERATOR << "\" --only model --painting-size 48"
            << " --scroll-height 40 --room-texture-size 16 --seed " << seed << " --out \"" << out.string()
            << "\" > \"" << (out / "log.txt").string() << "\" 2>&1";
    return std::system(command.str().c_str());
}

std::string hashOf(const std::filesystem::path& file) {
    auto digest = video::sha256File(file);
    REQUIRE(digest.ok());
    return *digest;
}

} // namespace

TEST_CASE("art-exhibition validates with no errors and no warnings, models imported", "[content][art]") {
    experience::ValidateOptions options;
    options.deep = true;
    const auto diagnostics = experience::validateExperience(test::artExhibitionFolder(), options);
    for (const auto& diagnostic : diagnostics) UNSCOPED_INFO(experience::formatDiagnostic(diagnostic));
    CHECK(diagnostics.empty());
}

TEST_CASE("art-exhibition has six pieces with panels and a tour of six narrated stops", "[content][art]") {
    const auto gallery = readArtExhibition();
    REQUIRE(gallery.scenes.size() == 1);
    CHECK(gallery.languages.available == std::vector<std::string>{"zh", "en"});
    CHECK(gallery.panels.size() == 7);   // five paintings, the scroll, the exhibition
    for (const auto& panel : gallery.panels) {
        INFO(panel.id);
        CHECK(panel.title.size() == 2);
        CHECK(panel.text.size() == 2);
    }
    REQUIRE(gallery.tour.size() == 6);
    for (const auto& stop : gallery.tour) {
        INFO(stop.id.value_or("?"));
        REQUIRE(stop.narration);
        REQUIRE(stop.subtitles);
        CHECK(stop.subtitles->size() == 2);
        CHECK(std::filesystem::is_regular_file(gallery.folder / *stop.narration));
    }
}

TEST_CASE("art-exhibition spawn and tour poses stand inside teleport areas", "[content][art]") {
    const auto gallery = readArtExhibition();
    const auto& areas = gallery.scenes[0].teleportAreas;
    REQUIRE_FALSE(areas.empty());
    auto inside = [&](const glm::dvec3& p) {
        for (const auto& area : areas)
            if (p.x >= area.min.x && p.x <= area.max.x && p.z >= area.min.z && p.z <= area.max.z && p.y == area.min.y)
                return true;
        return false;
    };
    REQUIRE(gallery.scenes[0].spawn);
    CHECK(inside(gallery.scenes[0].spawn->position.value()));
    for (const auto& stop : gallery.tour) {
        INFO(stop.id.value_or("?"));
        REQUIRE(stop.pose);
        CHECK(inside(stop.pose->position.value()));
    }
}

TEST_CASE("the hand scroll's tile pyramid is complete and seamless", "[content][art]") {
    const auto pyramid = test::artExhibitionFolder() / "generated" / "scroll";
    const auto index = readJson(pyramid / "index.json");
    CHECK(index.at("format") == "xrshow-tile-pyramid");
    CHECK(index.at("version") == 1);
    CHECK(index.at("pathTemplate") == "{level}/{column}_{row}.png");
    const int tile = index.at("tileSize");
    const int width = index.at("width");
    const int height = index.at("height");
    CHECK(width == 20 * height);
    const auto& levels = index.at("levels");
    REQUIRE(levels.size() >= 2);
    int expectedWidth = width;
    int expectedHeight = height;
    for (const auto& level : levels) {
        const int number = level.at("level");
        INFO("level " << number);
        CHECK(level.at("width") == expectedWidth);
        CHECK(level.at("height") == expectedHeight);
        const int columns = level.at("columns");
        const int rows = level.at("rows");
        CHECK(columns == (expectedWidth + tile - 1) / tile);
        CHECK(rows == (expectedHeight + tile - 1) / tile);
        // Every tile exists, full-sized except the last column/row, which are cut to the image.
        for (int row = 0; row < rows; ++row)
            for (int column = 0; column < columns; ++column) {
                const auto file = tilePath(pyramid, number, column, row);
                INFO(file.string());
                REQUIRE(std::filesystem::is_regular_file(file));
                if (column == columns - 1 || row == rows - 1 || (column == 0 && row == 0)) {
                    auto image = readPng(file);
                    REQUIRE(image.ok());
                    CHECK(image->width == std::min(tile, expectedWidth - column * tile));
                    CHECK(image->height == std::min(tile, expectedHeight - row * tile));
                }
            }
        expectedWidth = (expectedWidth + 1) / 2;
        expectedHeight = (expectedHeight + 1) / 2;
    }
    CHECK(levels.back().at("columns") == 1);
    CHECK(levels.back().at("rows") == 1);
    // Strips are painted separately: across a tile boundary the painting must simply continue.
    auto left = readPng(tilePath(pyramid, 0, 9, 0));
    auto right = readPng(tilePath(pyramid, 0, 10, 0));
    REQUIRE(left.ok());
    REQUIRE(right.ok());
    double seam = 0.0;
    double inner = 0.0;
    for (int y = 0; y < left->height; ++y)
        for (int c = 0; c < 3; ++c) {
            seam += std::abs(left->at(left->width - 1, y)[c] - right->at(0, y)[c]);
            inner += std::abs(right->at(0, y)[c] - right->at(1, y)[c]);
        }
    CHECK(seam <= inner * 1.5 + 3.0 * left->height);
}

TEST_CASE("the gallery's scroll segments link to the pyramid and lie as one 6 m x 0.3 m rectangle", "[content][art]") {
    const auto folder = test::artExhibitionFolder() / "generated";
    auto model = scene::importScene(folder / "gallery.glb");
    REQUIRE(model.ok());
    CHECK(model->warnings.empty());
    int linkedNodes = 0;
    for (const scene::Node& node : model->nodes) linkedNodes += node.tiledImage ? 1 : 0;
    CHECK(linkedNodes >= 2); // the baked texture is split into segments of at most 2048 px
    const auto placements = scene::placeTiledImages(*model);
    REQUIRE(placements.size() == 1);
    CHECK(placements[0].index == (folder / "scroll" / "index.json").lexically_normal());
    // Segments of unequal width must be laid out in proportion, or the picture would stretch.
    CHECK(placements[0].fitErrorMetres < 1e-4f);
    CHECK(glm::length(placements[0].uAxis) == Approx(6.0f).epsilon(1e-4));
    CHECK(glm::length(placements[0].vAxis) == Approx(0.3f).epsilon(1e-4));
    CHECK(std::abs(glm::dot(placements[0].uAxis, placements[0].vAxis)) < 1e-4f);
    CHECK(placements[0].bakedHeight == 256); // the segments' baked texture: levels 0 and 1 stream
    // ... and the pyramid they name opens for streaming.
    auto pyramid = video::readTilePyramid(placements[0].index);
    INFO((pyramid.ok() ? std::string() : pyramid.error().message));
    REQUIRE(pyramid.ok());
    CHECK(pyramid->width == 20 * pyramid->height);
}

TEST_CASE("the art generator is deterministic for a seed", "[content][art]") {
    test::ScratchDirectory scratch("art-generator");
    const auto first = scratch.path() / "first";
    const auto second = scratch.path() / "second";
    const auto otherSeed = scratch.path() / "other-seed";
    for (const auto& dir : {first, second, otherSeed}) std::filesystem::create_directories(dir);
    REQUIRE(runGenerator(first, 7) == 0);
    REQUIRE(runGenerator(second, 7) == 0);
    REQUIRE(runGenerator(otherSeed, 8) == 0);
    for (const char* file : {"gallery.glb", "scroll/index.json", "scroll/0/0_0.png", "scroll/1/0_0.png"}) {
        INFO(file);
        CHECK(hashOf(first / file) == hashOf(second / file));
    }
    // The seed drives the paintings and the scroll: a generator ignoring it would pass the above.
    CHECK(hashOf(first / "gallery.glb") != hashOf(otherSeed / "gallery.glb"));
    CHECK(hashOf(first / "scroll/0/0_0.png") != hashOf(otherSeed / "scroll/0/0_0.png"));
}
