// A video360 scene that plays a tiled package made by the packager: validated through
// video::openPackage (manifest and file sizes always; streams and checksums with --deep).
#include <catch2/catch.hpp>

#include "ExperienceTestSupport.h"
#include "experience/ExperienceValidator.h"
#include "video/Packager.h"
#include "video/TestVideoGenerator.h"

using namespace xrs::experience;
namespace fs = std::filesystem;

TEST_CASE("a video360 scene checks its package", "[experience][video]") {
    xrs::test::SampleCopy copy;
    const fs::path source = copy.folder() / "source.mp4";
    xrs::video::TestVideoOptions videoOptions;
    videoOptions.output = source;
    videoOptions.width = 256;
    videoOptions.height = 128;
    videoOptions.fpsNum = 10;
    videoOptions.seconds = 0.5;
    videoOptions.codec = "h264";
    REQUIRE(xrs::video::generateTestVideo(videoOptions));
    xrs::video::PackOptions packOptions;
    packOptions.input = source;
    packOptions.outputDir = copy.folder() / "video/courtyard";
    packOptions.gridCols = 2;
    packOptions.gridRows = 1;
    packOptions.levels = 1;
    packOptions.codec = "h264";
    auto packed = xrs::video::packVideo(packOptions);
    REQUIRE(packed);
    fs::remove(source);

    Json json = Json::parse(xrs::test::readText(copy.file()));
    json["scenes"][1].erase("image");
    json["scenes"][1]["video"] = "video/courtyard";
    xrs::test::writeText(copy.file(), json.dump(2));
    ValidateOptions deep;
    deep.deep = true;
    {
        const auto diagnostics = validateExperience(copy.folder());
        INFO(xrs::test::describe(diagnostics));
        CHECK(diagnostics.empty());
        const auto deepDiagnostics = validateExperience(copy.folder(), deep);
        INFO(xrs::test::describe(deepDiagnostics));
        CHECK(deepDiagnostics.empty());
    }

    // A tile replaced by one byte more than the manifest says: found without --deep (sizes).
    const auto& tile = packed->levels.at(0).tiles.at(1);
    const fs::path tilePath = packOptions.outputDir / tile.path;
    {
        std::ofstream append(tilePath, std::ios::binary | std::ios::app);
        append << 'x';
    }
    const auto diagnostics = validateExperience(copy.folder());
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].pointer == "/scenes/1/video");
    CHECK(diagnostics[0].message == tilePath.string() + ": " + std::to_string(tile.bytes + 1) +
                                        " bytes, the manifest says " + std::to_string(tile.bytes) +
                                        " (truncated or replaced?)");

    // The same size but different bytes: only the deep check (SHA-256) sees it.
    std::string bytes = xrs::test::readText(tilePath);
    bytes.pop_back();
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x55);
    xrs::test::writeText(tilePath, bytes);
    CHECK(validateExperience(copy.folder()).empty());
    const auto deepDiagnostics = validateExperience(copy.folder(), deep);
    REQUIRE(deepDiagnostics.size() == 1);
    CHECK(deepDiagnostics[0].message == tilePath.string() + ": SHA-256 differs from the manifest (corrupted)");
}
