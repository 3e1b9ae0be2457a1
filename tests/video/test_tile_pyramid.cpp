// Tile pyramids (video/TilePyramid.h): the index reader's checks and messages, the pyramid as a
// one-frame "package", and TilePyramidSource cutting grid cells out of the pyramid's PNGs.
#include "ScratchDirectory.h"
#include "video/ImagePlanes.h"
#include "video/TilePyramid.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace xrs;
using namespace xrs::video;

namespace {

constexpr int kTile = 64;

// Level `level` of a 256x128 test image: every pixel's colour encodes its position and level,
// so a wrongly cut cell cannot match.
ImageRGBA8 levelImage(int level) {
    ImageRGBA8 image(256 >> level, 128 >> level);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            image.setPixel(x, y, {static_cast<std::uint8_t>(x), static_cast<std::uint8_t>(y * 2),
                                  static_cast<std::uint8_t>(60 * level + (x / 8 + y / 8) % 2 * 30), 255});
    return image;
}

nlohmann::json indexJson() {
    nlohmann::json index = {{"format", "xrshow-tile-pyramid"}, {"version", 1}, {"width", 256}, {"height", 128},
                            {"tileSize", kTile}, {"overlap", 0}, {"tileFormat", "png"}};
    for (int level = 0; level < 3; ++level) {
        const int w = 256 >> level, h = 128 >> level;
        index["levels"].push_back({{"level", level}, {"width", w}, {"height", h},
                                   {"columns", (w + kTile - 1) / kTile}, {"rows", (h + kTile - 1) / kTile}});
    }
    return index;
}

void writeIndex(const std::filesystem::path& dir, const nlohmann::json& index) {
    std::ofstream(dir / "index.json") << index.dump(1);
}

// A complete 256x128 pyramid in 64 px tiles: levels 4x2, 2x1 and 1x1 tiles.
void writePyramid(const std::filesystem::path& dir) {
    for (int level = 0; level < 3; ++level) {
        const ImageRGBA8 image = levelImage(level);
        std::filesystem::create_directories(dir / std::to_string(level));
        for (int row = 0; row * kTile < image.height; ++row)
            for (int column = 0; column * kTile < image.width; ++column) {
                const int w = std::min(kTile, image.width - column * kTile);
                const int h = std::min(kTile, image.height - row * kTile);
                const auto file = dir / std::to_string(level) / (std::to_string(column) + "_" + std::to_string(row) + ".png");
                REQUIRE(writePng(crop(image, column * kTile, row * kTile, w, h), file).ok());
            }
    }
    writeIndex(dir, indexJson());
}

std::string errorOf(const std::filesystem::path& index) {
    auto pyramid = readTilePyramid(index);
    REQUIRE_FALSE(pyramid.ok());
    return pyramid.error().message;
}

} // namespace

TEST_CASE("a tile pyramid reads as a one-frame package whose levels are grid cells", "[video][pyramid]") {
    test::ScratchDirectory dir("pyramid-read");
    writePyramid(dir.path());
    auto pyramid = readTilePyramid(dir.path() / "index.json");
    INFO((pyramid.ok() ? std::string() : pyramid.error().message));
    REQUIRE(pyramid.ok());
    CHECK(pyramid->width == 256);
    CHECK(pyramid->height == 128);
    REQUIRE(pyramid->levels.size() == 3);
    CHECK(pyramid->levels[2].columns == 1);
    CHECK(pyramid->tilePath(1, 1, 0) == dir.path() / "1" / "1_0.png");

    const Manifest manifest = pyramid->manifest(4);
    CHECK(manifest.gridCols == 4);
    CHECK(manifest.gridRows == 2);
    CHECK(manifest.frameCount == 1);
    REQUIRE(manifest.levels.size() == 3); // 64, 32 and 16 px cells: one per pyramid level
    CHECK(manifest.levels[1].tileWidth == 32);
    CHECK(manifest.levels[2].tileWidth == 16);
    CHECK(pyramid->manifest(2).levels.size() == 2);
    CHECK(pyramid->baseLevel() == 0); // 256 px: within kMaxPyramidBaseSize
    CHECK(manifest.baseWidth == 256);
}

TEST_CASE("TilePyramidSource hands out each wanted grid cell cut from its level's tile, once", "[video][pyramid]") {
    test::ScratchDirectory dir("pyramid-source");
    writePyramid(dir.path());
    auto pyramid = readTilePyramid(dir.path() / "index.json");
    REQUIRE(pyramid.ok());
    const Manifest manifest = pyramid->manifest(4);
    auto source = TilePyramidSource::open(*pyramid, manifest);
    REQUIRE(source.ok());

    // Base layer: the whole of level 0 at once.
    const auto expectFrame = [&](StreamId stream, const ImageRGBA8& expected) {
        bool used = false;
        CHECK((*source)->useFrame(stream, 0, [&](const DecodedFrame& frame) {
            used = true;
            const DecodedFrame planes = stillPlanesOf(expected);
            CHECK(frame.width == planes.width);
            CHECK(frame.height == planes.height);
            CHECK(frame.luma == planes.luma);
            CHECK(frame.chroma == planes.chroma);
        }));
        CHECK(used);
    };
    expectFrame({StreamId::kBaseLevel, 0}, levelImage(0));

    // Grid cell 5 (column 1, row 1) at grid level 1: 32x32 px at (32, 32) of level 1, which
    // lies in level 1's tile (0, 0); at level 2, cell 6 (column 2, row 1): 16x16 at (32, 16).
    const std::vector<StreamId> wanted{{1, 5}, {2, 6}, {0, 3}};
    (*source)->want(wanted);
    (*source)->waitForWanted();
    CHECK((*source)->tilesLoaded() == 3);
    CHECK((*source)->failedTiles() == 0);
    expectFrame({1, 5}, crop(levelImage(1), 32, 32, 32, 32));
    expectFrame({2, 6}, crop(levelImage(2), 32, 16, 16, 16));
    expectFrame({0, 3}, crop(levelImage(0), 192, 0, 64, 64));
    // Handed out once: the consumer keeps it.
    CHECK_FALSE((*source)->useFrame({1, 5}, 0, [](const DecodedFrame&) {}));
    // Only frame 0 exists.
    CHECK_FALSE((*source)->useFrame({StreamId::kBaseLevel, 0}, 1, [](const DecodedFrame&) {}));
}

TEST_CASE("a missing pyramid tile fails once, named, and leaves the others streaming", "[video][pyramid]") {
    test::ScratchDirectory dir("pyramid-missing");
    writePyramid(dir.path());
    std::filesystem::remove(dir.path() / "1" / "1_0.png"); // level 1, x 64..127: grid columns 2 and 3
    auto pyramid = readTilePyramid(dir.path() / "index.json");
    REQUIRE(pyramid.ok());
    auto source = TilePyramidSource::open(*pyramid, pyramid->manifest(4));
    REQUIRE(source.ok());
    const std::vector<StreamId> wanted{{1, 2}, {1, 1}}; // row 0, columns 2 and 1
    (*source)->want(wanted);
    (*source)->waitForWanted();
    CHECK((*source)->failedTiles() == 1);
    CHECK_FALSE((*source)->useFrame({1, 2}, 0, [](const DecodedFrame&) {}));
    CHECK((*source)->useFrame({1, 1}, 0, [](const DecodedFrame&) {}));
}

TEST_CASE("a pyramid whose base tiles are missing does not open, and says which file", "[video][pyramid]") {
    test::ScratchDirectory dir("pyramid-no-base");
    writePyramid(dir.path());
    std::filesystem::remove(dir.path() / "0" / "0_0.png");
    auto pyramid = readTilePyramid(dir.path() / "index.json");
    REQUIRE(pyramid.ok());
    auto source = TilePyramidSource::open(*pyramid, pyramid->manifest(4));
    REQUIRE_FALSE(source.ok());
    CHECK_THAT(source.error().message, Catch::Contains((dir.path() / "0" / "0_0.png").string()));
}

TEST_CASE("malformed pyramid indexes are refused with the file and the field", "[video][pyramid]") {
    test::ScratchDirectory dir("pyramid-bad");
    const auto index = dir.path() / "index.json";
    const std::string name = index.string();
    const auto refusedWith = [&](const nlohmann::json& json, const std::string& message) {
        writeIndex(dir.path(), json);
        const std::string error = errorOf(index);
        INFO(error);
        CHECK(error == name + ": " + message);
    };
    nlohmann::json json = indexJson();
    json["format"] = "deepzoom";
    refusedWith(json, "/format: expected \"xrshow-tile-pyramid\"");
    json = indexJson();
    json["version"] = 2;
    refusedWith(json, "/version: expected 1");
    json = indexJson();
    json["tileSize"] = -5;
    refusedWith(json, "/tileSize: expected a positive integer");
    json = indexJson();
    json["width"] = 250;
    refusedWith(json, "250x128 is not a whole number of 64 px tiles (streaming needs whole tiles)");
    json = indexJson();
    json["levels"][1]["width"] = 129;
    refusedWith(json, "/levels/1: 129x64, expected 128x64 (half the previous level, rounded up)");
    json = indexJson();
    json["levels"][0]["columns"] = 3;
    refusedWith(json, "/levels/0: 3x2 tiles do not cover 256x128 in 64 px tiles");
    json = indexJson();
    json["levels"] = nlohmann::json::array();
    refusedWith(json, "/levels: expected a non-empty array");
    std::ofstream(index) << "{ not json";
    CHECK(errorOf(index) == name + ": not a JSON object");
    CHECK(errorOf(dir.path() / "absent.json") == (dir.path() / "absent.json").string() + ": cannot open the tile pyramid index");
}
