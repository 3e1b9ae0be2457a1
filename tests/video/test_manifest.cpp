// manifest.json: round trip, and one test per malformed case with the exact error text.
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "test_manifest_sample.h"
#include "video/ManifestIO.h"
#include "video/Sha256.h"

using namespace xrs::video;
using xrs::video::testing::sampleManifest;
using Json = nlohmann::json;

namespace {

const std::string kName = "pkg/manifest.json";

// Parses the sample after `edit` changed its JSON; returns the error message ("" when it parsed).
std::string errorAfter(const std::function<void(Json&)>& edit, StereoLayout layout = StereoLayout::Mono) {
    Json json = Json::parse(writeManifest(sampleManifest(layout)));
    edit(json);
    auto parsed = parseManifest(json.dump(), kName);
    return parsed ? std::string() : parsed.error().message;
}

void requireEqual(const Manifest& a, const Manifest& b) {
    REQUIRE(a.version == b.version);
    REQUIRE(a.sourceWidth == b.sourceWidth);
    REQUIRE(a.sourceHeight == b.sourceHeight);
    REQUIRE(a.fpsNum == b.fpsNum);
    REQUIRE(a.fpsDen == b.fpsDen);
    REQUIRE(a.frameCount == b.frameCount);
    REQUIRE(a.gopFrames == b.gopFrames);
    REQUIRE(a.codec == b.codec);
    REQUIRE(a.layout == b.layout);
    REQUIRE(a.projection == b.projection);
    REQUIRE(a.gridCols == b.gridCols);
    REQUIRE(a.gridRows == b.gridRows);
    REQUIRE(a.baseWidth == b.baseWidth);
    REQUIRE(a.baseHeight == b.baseHeight);
    REQUIRE(a.base.path == b.base.path);
    REQUIRE(a.base.bytes == b.base.bytes);
    REQUIRE(a.base.sha256 == b.base.sha256);
    REQUIRE(a.levels.size() == b.levels.size());
    for (std::size_t i = 0; i < a.levels.size(); ++i) {
        REQUIRE(a.levels[i].index == b.levels[i].index);
        REQUIRE(a.levels[i].tileWidth == b.levels[i].tileWidth);
        REQUIRE(a.levels[i].tileHeight == b.levels[i].tileHeight);
        REQUIRE(a.levels[i].tiles.size() == b.levels[i].tiles.size());
        for (std::size_t t = 0; t < a.levels[i].tiles.size(); ++t) {
            REQUIRE(a.levels[i].tiles[t].path == b.levels[i].tiles[t].path);
            REQUIRE(a.levels[i].tiles[t].bytes == b.levels[i].tiles[t].bytes);
            REQUIRE(a.levels[i].tiles[t].sha256 == b.levels[i].tiles[t].sha256);
        }
    }
}

} // namespace

TEST_CASE("manifest round-trips through JSON", "[video][manifest]") {
    for (StereoLayout layout : {StereoLayout::Mono, StereoLayout::TopBottom}) {
        Manifest original = sampleManifest(layout);
        original.fpsNum = 30000;
        original.fpsDen = 1001;
        original.frameCount = 29;
        original.projection = Projection::Equirect180;
        const std::string json = writeManifest(original);
        auto parsed = parseManifest(json, kName);
        INFO((parsed ? std::string() : parsed.error().message));
        REQUIRE(parsed.ok());
        requireEqual(*parsed, original);
        REQUIRE(writeManifest(*parsed) == json);
    }
}

TEST_CASE("manifest JSON has the documented shape", "[video][manifest]") {
    const Json json = Json::parse(writeManifest(sampleManifest(StereoLayout::TopBottom)));
    CHECK(json["format"] == "xrshow-tiled-video");
    CHECK(json["version"] == 1);
    CHECK(json["source"]["layout"] == "top-bottom");
    CHECK(json["source"]["projection"] == "360");
    CHECK(json["source"]["durationSeconds"].get<double>() == Approx(1.0));
    CHECK(json["levels"][1]["tiles"].size() == 16);
    // Eye-major, then row-major: entry 13 is the right eye, row 1, column 1.
    const Json& tile = json["levels"][1]["tiles"][13];
    CHECK(tile["eye"] == 1);
    CHECK(tile["row"] == 1);
    CHECK(tile["col"] == 1);
    CHECK(tile["path"] == "L1/e1_t1_1.mp4");
}

TEST_CASE("manifest errors name the file and the JSON pointer", "[video][manifest]") {
    CHECK(errorAfter([](Json& j) { j["version"] = 2; }) ==
          "pkg/manifest.json: /version: unsupported version 2 (this build reads version 1)");
    CHECK(errorAfter([](Json& j) { j["format"] = "something-else"; }) ==
          "pkg/manifest.json: /format: is \"something-else\", expected \"xrshow-tiled-video\"");
    CHECK(errorAfter([](Json& j) { j["levels"][1]["tiles"].erase(7); }) ==
          "pkg/manifest.json: /levels/1/tiles: has 7 entries, expected 8 (1 eye(s) x 2 rows x 4 columns)");
    CHECK(errorAfter([](Json& j) { j["levels"][1]["tiles"].erase(7); }, StereoLayout::TopBottom) ==
          "pkg/manifest.json: /levels/1/tiles: has 15 entries, expected 16 (2 eye(s) x 2 rows x 4 columns)");
    CHECK(errorAfter([](Json& j) { j["levels"][1]["tileWidth"] = 100; }) ==
          "pkg/manifest.json: /levels/1/tileWidth: is 100, expected 128 (eye width 1024 / 4 columns / 2)");
    CHECK(errorAfter([](Json& j) { j["levels"][0]["tileHeight"] = 128; }) ==
          "pkg/manifest.json: /levels/0/tileHeight: is 128, expected 256 (eye height 512 / 2 rows / 1)");
    CHECK(errorAfter([](Json& j) { j["source"]["width"] = 1000; }) ==
          "pkg/manifest.json: /levels/0/tileWidth: is 256, expected 250 (eye width 1000 / 4 columns / 1)");
    CHECK(errorAfter([](Json& j) { j["source"]["width"] = 1020; }) ==
          "pkg/manifest.json: /levels/0/tileWidth: eye width 1020 does not split into 4 even-width tiles at 1/1 scale");
    CHECK(errorAfter([](Json& j) {
              j["source"]["width"] = 1016;
              j["levels"][0]["tileWidth"] = 254;
          }) ==
          "pkg/manifest.json: /levels/1/tileWidth: eye width 1016 does not split into 4 even-width tiles at 1/2 scale");
    CHECK(errorAfter([](Json& j) { j["levels"][1]["index"] = 2; }) ==
          "pkg/manifest.json: /levels/1/index: is 2, expected 1 (levels are listed finest first)");
    CHECK(errorAfter([](Json& j) { j["levels"] = Json::array(); }) ==
          "pkg/manifest.json: /levels: must list at least one level");
    CHECK(errorAfter([](Json& j) { j["source"]["fps"]["num"] = 0; }) ==
          "pkg/manifest.json: /source/fps/num: must be positive");
    CHECK(errorAfter([](Json& j) { j["source"]["fps"]["den"] = -1; }) ==
          "pkg/manifest.json: /source/fps/den: must be positive");
    CHECK(errorAfter([](Json& j) { j["source"]["frameCount"] = 0; }) ==
          "pkg/manifest.json: /source/frameCount: must be positive");
    CHECK(errorAfter([](Json& j) { j["gopFrames"] = 0; }) == "pkg/manifest.json: /gopFrames: must be positive");
    CHECK(errorAfter([](Json& j) { j["codec"] = "vp9"; }) ==
          "pkg/manifest.json: /codec: unsupported codec \"vp9\" (hevc, h264 or av1)");
    CHECK(errorAfter([](Json& j) { j["grid"]["cols"] = 0; }) == "pkg/manifest.json: /grid/cols: must be 1..64");
    CHECK(errorAfter([](Json& j) { j["source"]["layout"] = "stereo"; }) ==
          "pkg/manifest.json: /source/layout: unknown layout \"stereo\" (mono, top-bottom or side-by-side)");
    CHECK(errorAfter([](Json& j) { j["source"]["projection"] = 360; }) ==
          "pkg/manifest.json: /source/projection: must be a string");
    CHECK(errorAfter([](Json& j) { j["source"]["durationSeconds"] = 3.5; }) ==
          "pkg/manifest.json: /source/durationSeconds: is 3.5 s, but frameCount / fps gives 1 s");
    CHECK(errorAfter([](Json& j) { j["base"]["width"] = 2048; }) ==
          "pkg/manifest.json: /base/width: must be positive, even and at most the source width");
}

TEST_CASE("manifest paths must stay inside the package", "[video][manifest]") {
    const std::string escape = "pkg/manifest.json: /levels/1/tiles/7/path: must stay inside the package";
    CHECK(errorAfter([](Json& j) { j["levels"][1]["tiles"][7]["path"] = "/etc/passwd"; }) == escape);
    CHECK(errorAfter([](Json& j) { j["levels"][1]["tiles"][7]["path"] = "../outside.mp4"; }) == escape);
    CHECK(errorAfter([](Json& j) { j["levels"][1]["tiles"][7]["path"] = "L1/../../outside.mp4"; }) == escape);
    CHECK(errorAfter([](Json& j) { j["levels"][1]["tiles"][7]["path"] = "L1\\..\\x.mp4"; }) == escape);
    CHECK(errorAfter([](Json& j) { j["levels"][1]["tiles"][7]["path"] = "C:x.mp4"; }) == escape);
    CHECK(errorAfter([](Json& j) { j["base"]["path"] = "./base.mp4"; }) ==
          "pkg/manifest.json: /base/path: must be a normalized relative path (no empty or \".\" parts)");
    CHECK(errorAfter([](Json& j) { j["levels"][0]["tiles"][2]["path"] = "L0//t.mp4"; }) ==
          "pkg/manifest.json: /levels/0/tiles/2/path: must be a normalized relative path (no empty or \".\" parts)");
    CHECK(errorAfter([](Json& j) { j["levels"][0]["tiles"][2]["path"] = ""; }) ==
          "pkg/manifest.json: /levels/0/tiles/2/path: must not be empty");
    CHECK(errorAfter([](Json& j) { j["levels"][0]["tiles"][2]["path"] = "L0/t 1.mp4"; }) ==
          "pkg/manifest.json: /levels/0/tiles/2/path: may only use the characters A-Z a-z 0-9 . _ - and '/'");
    CHECK(errorAfter([](Json& j) { j["levels"][1]["tiles"][3]["path"] = "L0/t0_0.mp4"; }) ==
          "pkg/manifest.json: /levels/1/tiles/3/path: \"L0/t0_0.mp4\" is also used by /levels/0/tiles/0");
    CHECK(errorAfter([](Json& j) { j["base"]["path"] = "L1/t0_0.mp4"; }) ==
          "pkg/manifest.json: /base/path: \"L1/t0_0.mp4\" is also used by /levels/1/tiles/0");
    CHECK_FALSE(unsafePackagePathReason("L0/t0_0.mp4").has_value());
    CHECK_FALSE(unsafePackagePathReason("a..b/c.mp4").has_value());  // ".." only as a whole component
}

TEST_CASE("manifest missing fields and wrong types", "[video][manifest]") {
    CHECK(errorAfter([](Json& j) { j["source"].erase("width"); }) == "pkg/manifest.json: /source/width: missing");
    CHECK(errorAfter([](Json& j) { j.erase("levels"); }) == "pkg/manifest.json: /levels: missing");
    CHECK(errorAfter([](Json& j) { j["levels"][0]["tiles"][5].erase("sha256"); }) ==
          "pkg/manifest.json: /levels/0/tiles/5/sha256: missing");
    CHECK(errorAfter([](Json& j) { j["source"]["width"] = "1024"; }) ==
          "pkg/manifest.json: /source/width: must be an integer");
    CHECK(errorAfter([](Json& j) { j["source"]["width"] = 1024.5; }) ==
          "pkg/manifest.json: /source/width: must be an integer");
    CHECK(errorAfter([](Json& j) { j["source"]["width"] = 1e12; }) ==
          "pkg/manifest.json: /source/width: must be an integer");
    CHECK(errorAfter([](Json& j) { j["source"]["width"] = 4294967296ll; }) ==
          "pkg/manifest.json: /source/width: integer out of range");
    CHECK(errorAfter([](Json& j) { j["source"]["fps"] = "30/1"; }) == "pkg/manifest.json: /source/fps: must be an object");
    CHECK(errorAfter([](Json& j) { j["levels"] = Json::object(); }) == "pkg/manifest.json: /levels: must be an array");
    CHECK(errorAfter([](Json& j) { j["levels"][1] = 5; }) == "pkg/manifest.json: /levels/1: must be an object");
    CHECK(errorAfter([](Json& j) { j["levels"][0]["tiles"][3] = nullptr; }) ==
          "pkg/manifest.json: /levels/0/tiles/3: must be an object");
    CHECK(errorAfter([](Json& j) { j["levels"][0]["tiles"][1]["bytes"] = -5; }) ==
          "pkg/manifest.json: /levels/0/tiles/1/bytes: integer out of range");
    CHECK(errorAfter([](Json& j) { j["levels"][0]["tiles"][1]["bytes"] = 0; }) ==
          "pkg/manifest.json: /levels/0/tiles/1/bytes: must be positive");
    CHECK(errorAfter([](Json& j) { j["base"]["sha256"] = "ABC"; }) ==
          "pkg/manifest.json: /base/sha256: must be 64 lowercase hex digits");
    CHECK(errorAfter([](Json& j) { std::swap(j["levels"][0]["tiles"][0], j["levels"][0]["tiles"][1]); }) ==
          "pkg/manifest.json: /levels/0/tiles/0/col: is 1, expected 0 (tiles are listed eye-major, then row-major)");
    CHECK(errorAfter([](Json& j) { j = Json::array({1, 2}); }) == "pkg/manifest.json: (root): must be a JSON object");

    auto notJson = parseManifest("{\"version\": 1,", kName);
    REQUIRE_FALSE(notJson.ok());
    CHECK(notJson.error().message.rfind("pkg/manifest.json: not valid JSON: parse error at line 1, column 15", 0) == 0);
    auto empty = parseManifest("", kName);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message.rfind("pkg/manifest.json: not valid JSON: ", 0) == 0);
}

TEST_CASE("loadManifest reads a package directory and names missing files", "[video][manifest]") {
    const auto dir = std::filesystem::temp_directory_path() / ("xrs-manifest-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto missing = loadManifest(dir);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.rfind((dir / "manifest.json").string() + ": cannot read", 0) == 0);
    {
        std::ofstream out(dir / "manifest.json");
        out << writeManifest(sampleManifest());
    }
    auto loaded = loadManifest(dir);
    REQUIRE(loaded.ok());
    CHECK(loaded->levels.size() == 2);
    {
        std::ofstream out(dir / "manifest.json");
        out << "[]";
    }
    auto bad = loadManifest(dir / "manifest.json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == (dir / "manifest.json").string() + ": (root): must be a JSON object");
    std::filesystem::remove_all(dir);
}

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors", "[video][manifest]") {
    auto bytes = [](std::string_view text) {
        return std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    };
    CHECK(sha256Hex(bytes("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256Hex(bytes("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256Hex(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // One million 'a', fed in uneven pieces to exercise the block buffering.
    Sha256 hasher;
    const std::string chunk(997, 'a');
    std::size_t fed = 0;
    while (fed < 1000000) {
        const std::size_t take = std::min(chunk.size(), 1000000 - fed);
        hasher.update(bytes(std::string_view(chunk).substr(0, take)));
        fed += take;
    }
    CHECK(hasher.finishHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
