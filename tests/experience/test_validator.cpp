// One broken copy of the sample per error class, each with the exact diagnostics expected
// (pointer, severity and message), and the all-problems-in-one-pass behaviour.
#include <catch2/catch.hpp>

#include "ExperienceTestSupport.h"
#include "experience/ExperienceIO.h"
#include "experience/ExperienceValidator.h"

#include <functional>

using namespace xrs::experience;
namespace fs = std::filesystem;

namespace {

struct BrokenCase {
    const char* name;
    // Breaks the parsed sample (and/or files in its folder); the JSON is written back afterwards.
    std::function<void(Json& json, const fs::path& folder)> breakIt;
    // "<pointer>: error|warning: <message>" per diagnostic, in reporting order; the file prefix
    // is added by the test.
    std::vector<std::string> expected;
};

Json sceneAttic() {
    return Json{{"id", "attic"}, {"kind", "video360"}, {"title", {{"zh", "阁楼"}, {"en", "Attic"}}},
                {"image", "images/courtyard_360.png"}};
}

const std::vector<BrokenCase>& brokenCases() {
    static const std::vector<BrokenCase> cases = {
        {"wrong type", [](Json& j, const fs::path&) { j["scenes"][0]["spawn"]["yaw"] = "north"; },
         {"/scenes/0/spawn/yaw: error: expected a number, got a string"}},
        {"missing required field", [](Json& j, const fs::path&) { j["hotspots"][0].erase("id"); },
         {"/hotspots/0/id: error: missing required field 'id'"}},
        {"number out of range", [](Json& j, const fs::path&) { j["hotspots"][3]["pitch"] = 120; },
         {"/hotspots/3/pitch: error: expected a number in [-90, 90], got 120"}},
        {"huge number", [](Json& j, const fs::path&) { j["scenes"][0]["models"][1]["position"][0] = 1e300; },
         {"/scenes/0/models/1/position/0: error: expected a number in [-100000, 100000], got 1e+300"}},
        {"not a vector", [](Json& j, const fs::path&) { j["audio"]["sources"][0]["position"] = Json::array({1, 2}); },
         {"/audio/sources/0/position: error: expected an array of 3 numbers [x, y, z], got an array of 2"}},
        {"unknown scene id", [](Json& j, const fs::path&) { j["hotspots"][1]["action"]["scene"] = "hall2"; },
         {"/hotspots/1/action/scene: error: unknown scene id 'hall2' (scenes: courtyard, hall)"}},
        {"unknown scene id in the tour", [](Json& j, const fs::path&) { j["tour"][1]["scene"] = "garden"; },
         {"/tour/1/scene: error: unknown scene id 'garden' (scenes: courtyard, hall)"}},
        {"duplicate id",
         [](Json& j, const fs::path&) { j["panels"].push_back(j["panels"][0]); },
         {"/panels/1/id: error: duplicate panel id 'bell' (first defined at /panels/0/id)"}},
        {"unknown panel id", [](Json& j, const fs::path&) { j["hotspots"][0]["action"]["panel"] = "bel"; },
         {"/hotspots/0/action/panel: error: unknown panel id 'bel' (panels: bell)",
          "/panels/0: warning: panel 'bell' is not opened by any hotspot"}},
        {"unknown action type", [](Json& j, const fs::path&) { j["hotspots"][0]["action"]["type"] = "open"; },
         {"/hotspots/0/action/type: error: expected \"openPanel\", \"goToScene\", \"playNarration\" or "
          "\"toggleModelState\", got \"open\""}},
        {"action without its target", [](Json& j, const fs::path&) { j["hotspots"][2]["action"].erase("state"); },
         {"/hotspots/2/action/state: error: missing required field 'state' (for a toggleModelState action)"}},
        {"unknown model state", [](Json& j, const fs::path&) { j["hotspots"][2]["action"]["state"] = "mended"; },
         {"/hotspots/2/action/state: error: model 'vase' has no state 'mended'"}},
        {"unreachable scene", [](Json& j, const fs::path&) { j["scenes"].push_back(sceneAttic()); },
         {"/scenes/2: error: unreachable: scene 'attic' cannot be reached from the first scene 'hall' through "
          "hotspots or the tour"}},
        {"unreachable tour",
         [](Json& j, const fs::path&) {
             j["scenes"].push_back(sceneAttic());
             j["tour"].insert(j["tour"].begin(), Json{{"scene", "attic"}, {"duration", 5}});
         },
         {"/tour/0/scene: error: unreachable: the tour starts in scene 'attic', which cannot be reached from the "
          "first scene 'hall' through hotspots, so no tour stop can be reached",
          "/scenes/2: error: unreachable: scene 'attic' cannot be reached from the first scene 'hall' through "
          "hotspots or the tour"}},
        {"scene reached only through the tour is fine",
         [](Json& j, const fs::path&) { j["hotspots"].erase(1); },  // no hotspot leads to the courtyard
         {}},
        {"missing model file", [](Json&, const fs::path& folder) { fs::remove(folder / "models/vase_restored.gltf"); },
         {"/scenes/0/models/1/states/0/path: error: missing 'models/vase_restored.gltf' (expected a .gltf, .glb, "
          ".fbx or .obj model)"}},
        {"missing narration (degradable)", [](Json& j, const fs::path&) { j["tour"][0]["narration"] = "audio/missing.ogg"; },
         {"/tour/0/narration: error: missing 'audio/missing.ogg' (expected an Ogg (Vorbis/Opus), WAV, FLAC or MP3 clip)"}},
        {"missing subtitle file", [](Json& j, const fs::path&) { j["tour"][0]["subtitles"]["en"] = "subtitles/none.srt"; },
         {"/tour/0/subtitles/en: error: missing 'subtitles/none.srt' (expected a WebVTT (.vtt) or SubRip (.srt) file)"}},
        {"malformed subtitles",
         [](Json&, const fs::path& folder) {
             xrs::test::writeText(folder / "subtitles/stop1.zh.vtt", "WEBVTT\n\n1\n00:00.000 --> 00:01.5\n你好\n");
         },
         {"/hotspots/4/action/subtitles/zh: error: subtitles/stop1.zh.vtt:4: malformed cue timing "
          "'00:00.000 --> 00:01.5' (expected HH:MM:SS.mmm --> HH:MM:SS.mmm)",
          "/tour/0/subtitles/zh: error: subtitles/stop1.zh.vtt:4: malformed cue timing "
          "'00:00.000 --> 00:01.5' (expected HH:MM:SS.mmm --> HH:MM:SS.mmm)"}},
        {"absolute path", [](Json& j, const fs::path&) { j["panels"][0]["image"] = "/etc/passwd.png"; },
         {"/panels/0/image: error: absolute path '/etc/passwd.png' is refused: paths are relative to the experience folder"}},
        {"path with ..", [](Json& j, const fs::path&) { j["scenes"][0]["models"][0]["path"] = "../sample/models/hall.gltf"; },
         {"/scenes/0/models/0/path: error: path '../sample/models/hall.gltf' leaves the experience folder ('..' is refused)"}},
        {"backslash path", [](Json& j, const fs::path&) { j["scenes"][1]["image"] = "images\\courtyard_360.png"; },
         {"/scenes/1/image: error: path 'images\\courtyard_360.png' uses '\\'; separate folders with '/'"}},
        {"missing video package",
         [](Json& j, const fs::path&) {
             j["scenes"][1].erase("image");
             j["scenes"][1]["video"] = "video/courtyard";
         },
         {"/scenes/1/video: error: missing 'video/courtyard' (expected a video package folder made by `xrshow pack`)"}},
        {"video and image", [](Json& j, const fs::path&) { j["scenes"][1]["video"] = "video/courtyard"; },
         {"/scenes/1/image: error: expected either 'video' or 'image', not both",
          "/scenes/1/video: error: missing 'video/courtyard' (expected a video package folder made by `xrshow pack`)"}},
        {"member of the other scene kind", [](Json& j, const fs::path&) { j["scenes"][1]["spawn"] = {{"yaw", 0}}; },
         {"/scenes/1/spawn: error: 'spawn' is not allowed in a video360 scene"}},
        {"model scene without spawn", [](Json& j, const fs::path&) { j["scenes"][0].erase("spawn"); },
         {"/scenes/0/spawn: error: missing required field 'spawn' (where the visitor starts)"}},
        {"hotspot placed by position in a 360° scene",
         [](Json& j, const fs::path&) { j["hotspots"][3]["position"] = Json::array({0, 1, 0}); },
         {"/hotspots/3/position: error: a hotspot in video360 scene 'courtyard' is placed by 'yaw' and 'pitch', not "
          "'position'"}},
        {"view with a position in a 360° scene",
         [](Json& j, const fs::path&) { j["hotspots"][1]["action"]["view"]["position"] = Json::array({0, 0, 0}); },
         {"/hotspots/1/action/view/position: error: a view in video360 scene 'courtyard' has no position (the viewer "
          "is at the sphere's centre); use yaw and pitch"}},
        {"autoAdvance without an end",
         [](Json& j, const fs::path&) {
             j["tour"][1].erase("duration");
             j["tour"][1]["autoAdvance"] = true;
         },
         {"/tour/1/autoAdvance: error: autoAdvance needs a 'narration' or a 'duration' to know when the stop ends"}},
        {"unknown icon", [](Json& j, const fs::path&) { j["hotspots"][0]["icon"] = "star"; },
         {"/hotspots/0/icon: error: unknown icon 'star' (built-in icons: info, link, audio, toggle, arrow; or a "
          "PNG/JPEG path)"}},
        {"image that is not a PNG",
         [](Json&, const fs::path& folder) { xrs::test::writeText(folder / "images/bell.png", "GIF89a"); },
         {"/hotspots/3/icon: error: 'images/bell.png' is not a PNG file",
          "/panels/0/image: error: 'images/bell.png' is not a PNG file"}},
        {"thumbnail that is not there", [](Json& j, const fs::path&) { j["metadata"]["thumbnail"] = "images/cover.png"; },
         {"/metadata/thumbnail: error: missing 'images/cover.png' (expected a PNG or JPEG image)"}},
        {"equirect image with the wrong aspect",
         [](Json& j, const fs::path&) { j["scenes"][1]["image"] = "images/bell.png"; },
         {"/scenes/1/image: warning: 'images/bell.png' is 16x16; an equirectangular 360° image is twice as wide as high"}},
        {"passthrough that is not a boolean", [](Json& j, const fs::path&) { j["scenes"][1]["passthrough"] = "yes"; },
         {"/scenes/1/passthrough: error: expected true or false, got a string"}},
        {"route of one point", [](Json& j, const fs::path&) { j["scenes"][1]["route"] = {{"points", {{0, -3}}}}; },
         {"/scenes/1/route/points: error: expected at least 2 points, got 1"}},
        {"route point that is not [x, z]",
         [](Json& j, const fs::path&) { j["scenes"][1]["route"] = {{"points", {{0, -3}, {1, 0, -9}, "north"}}}; },
         {"/scenes/1/route/points/1: error: expected [x, z] in metres, got an array of 3",
          "/scenes/1/route/points/2: error: expected [x, z] in metres, got a string"}},
        {"route ground height in a model scene",
         [](Json& j, const fs::path&) { j["scenes"][0]["route"] = {{"points", {{0, 0}, {0, -3}}}, {"groundBelowEye", 1.6}}; },
         {"/scenes/0/route/groundBelowEye: error: 'groundBelowEye' is for video360 scenes; a model scene's route lies "
          "on its floor (y = 0)"}},
        {"route ground height not positive",
         [](Json& j, const fs::path&) { j["scenes"][1]["route"] = {{"points", {{0, 0}, {0, -3}}}, {"groundBelowEye", 0}}; },
         {"/scenes/1/route/groundBelowEye: error: expected a number in (0, 100], got 0"}},
        {"teleport area upside down",
         [](Json& j, const fs::path&) { j["scenes"][0]["teleportAreas"][0]["max"] = Json::array({4, 0, -5}); },
         {"/scenes/0/teleportAreas/0/max: error: expected every component of max to be >= the same component of min"}},
        {"default language not available", [](Json& j, const fs::path&) { j["languages"]["default"] = "fr"; },
         {"/languages/default: error: 'fr' is not one of /languages/available"}},
        {"missing translation", [](Json& j, const fs::path&) { j["panels"][0]["title"].erase("en"); },
         {"/panels/0/title: warning: missing the 'en' translation"}},
        {"translation for an unavailable language",
         [](Json& j, const fs::path&) { j["metadata"]["title"]["fr"] = "Salle de test"; },
         {"/metadata/title/fr: warning: language 'fr' is not one of /languages/available"}},
        {"not a language code", [](Json& j, const fs::path&) { j["metadata"]["title"]["English"] = "Test Hall"; },
         {"/metadata/title/English: error: 'English' is not a language code (expected e.g. \"zh\", \"en\", \"zh-Hant\")"}},
        {"unknown field with a suggestion", [](Json& j, const fs::path&) { j["tour"][1]["autoAdvence"] = true; },
         {"/tour/1/autoAdvence: warning: unknown field 'autoAdvence' (kept as is); did you mean 'autoAdvance'?"}},
        {"member ignored by the action type", [](Json& j, const fs::path&) { j["hotspots"][0]["action"]["scene"] = "hall"; },
         {"/hotspots/0/action/scene: warning: 'scene' is ignored by openPanel actions"}},
        {"newer version", [](Json& j, const fs::path&) { j["version"] = 2; },
         {"/version: error: version 2 is newer than this xrshow reads (1); update xrshow"}},
        {"wrong format name", [](Json& j, const fs::path&) { j["format"] = "krpano"; },
         {"/format: error: expected \"xrshow-experience\", got \"krpano\""}},
        {"no scenes", [](Json& j, const fs::path&) {
             j["scenes"] = Json::array();
             j.erase("hotspots");
             j.erase("tour");
             j.erase("audio");
             j.erase("panels");
         },
         {"/scenes: error: expected at least one scene (the visitor starts in the first)"}},
    };
    return cases;
}

std::vector<std::string> withoutFile(const std::vector<Diagnostic>& diagnostics, const std::string& file) {
    std::vector<std::string> lines;
    for (const Diagnostic& diagnostic : diagnostics) {
        std::string line = formatDiagnostic(diagnostic);
        if (line.rfind(file + ":", 0) == 0) line.erase(0, file.size() + 1);
        lines.push_back(line);
    }
    return lines;
}

} // namespace

TEST_CASE("each kind of problem gives its exact diagnostic", "[experience][validate]") {
    for (const BrokenCase& broken : brokenCases()) {
        SECTION(broken.name) {
            xrs::test::SampleCopy copy;
            Json json = Json::parse(xrs::test::readText(copy.file()));
            broken.breakIt(json, copy.folder());
            xrs::test::writeText(copy.file(), json.dump(2));
            const auto diagnostics = validateExperience(copy.folder());
            CHECK(withoutFile(diagnostics, copy.file().string()) == broken.expected);
            for (const Diagnostic& diagnostic : diagnostics) CHECK(diagnostic.file == copy.file().string());
        }
    }
}

TEST_CASE("a symbolic link that leads out of the folder is refused", "[experience][validate]") {
    xrs::test::SampleCopy copy;
    const fs::path outside = xrs::test::sourceRoot() / "tests/data/scenes/alpha_blend.gltf";
    fs::create_symlink(outside, copy.folder() / "models/outside.gltf");
    Json json = Json::parse(xrs::test::readText(copy.file()));
    json["scenes"][0]["models"][0]["path"] = "models/outside.gltf";
    xrs::test::writeText(copy.file(), json.dump(2));
    const auto diagnostics = validateExperience(copy.folder());
    CHECK(withoutFile(diagnostics, copy.file().string()) ==
          std::vector<std::string>{"/scenes/0/models/0/path: error: path 'models/outside.gltf' leads outside the "
                                   "experience folder (through a symbolic link to " +
                                   fs::weakly_canonical(outside).string() + ")"});
    // A link that stays inside is fine.
    fs::create_symlink("hall.gltf", copy.folder() / "models/alias.gltf");
    json["scenes"][0]["models"][0]["path"] = "models/alias.gltf";
    xrs::test::writeText(copy.file(), json.dump(2));
    CHECK(validateExperience(copy.folder()).empty());
}

TEST_CASE("files that are not experiences give one error on the whole document", "[experience][validate]") {
    const std::string file = "bad.json";
    auto only = [&](std::string_view text) {
        auto parsed = parseExperience(text, file);
        REQUIRE(parsed.diagnostics.size() == 1);
        CHECK(parsed.diagnostics[0].pointer.empty());
        return formatDiagnostic(parsed.diagnostics[0]);
    };
    CHECK(only("") == "bad.json: error: empty file (expected a JSON object)");
    CHECK(only(" \n") == "bad.json: error: empty file (expected a JSON object)");
    CHECK(only("{\"format\": ") == "bad.json: error: not valid JSON: parse error at line 1, column 12: syntax error "
                                   "while parsing value - unexpected end of input; expected '[', '{', or a literal");
    CHECK(only("{\"format\": \"xrshow-\xff\"}") == "bad.json: error: not valid JSON: parse error at line 1, column 20: "
                                                   "syntax error while parsing value - invalid string: ill-formed UTF-8 byte");
    CHECK(only("{\"version\": 1e999}") == "bad.json: error: not valid JSON: number overflow parsing '1e999'");
    CHECK(only("[1, 2]") == "bad.json: error: expected an object, got an array");

    // A repeated member would lose its first value on save: an error with the member's pointer.
    std::string text = xrs::test::readText(xrs::test::sampleExperienceFolder() / "experience.json");
    const std::string yaw = "\"initialYaw\": 90";
    REQUIRE(text.find(yaw) != std::string::npos);
    text.replace(text.find(yaw), yaw.size(), yaw + ", \"initialYaw\": 45");
    auto repeated = parseExperience(text, file);
    REQUIRE(repeated.diagnostics.size() == 1);
    CHECK(formatDiagnostic(repeated.diagnostics[0]) ==
          "bad.json:/scenes/1/initialYaw: error: duplicate member 'initialYaw' in one object (JSON keeps only the last; "
          "remove one)");

    xrs::test::TempDirectory empty("experience-missing");
    const auto missing = validateExperience(empty.path());
    REQUIRE(missing.size() == 1);
    CHECK(formatDiagnostic(missing[0]) ==
          (empty.path() / "experience.json").string() + ": error: missing (expected an experience folder or its experience.json)");
}

TEST_CASE("all problems are reported in one pass", "[experience][validate]") {
    xrs::test::SampleCopy copy;
    Json json = Json::parse(xrs::test::readText(copy.file()));
    json["scenes"][0]["spawn"]["yaw"] = "north";
    json["hotspots"][1]["action"]["scene"] = "hall2";
    json["panels"][0]["image"] = "../bell.png";
    json["tour"][0]["narration"] = "audio/missing.ogg";
    json["panels"][0]["text"].erase("zh");
    xrs::test::writeText(copy.file(), json.dump(2));
    const auto diagnostics = validateExperience(copy.folder());
    INFO(xrs::test::describe(diagnostics));
    CHECK(countErrors(diagnostics) == 4);
    CHECK(countWarnings(diagnostics) == 1);
}

TEST_CASE("the runtime loads an experience whose only errors are degradable assets", "[experience][validate]") {
    xrs::test::SampleCopy copy;
    Json json = Json::parse(xrs::test::readText(copy.file()));
    json["tour"][0]["narration"] = "audio/missing.ogg";
    json["panels"][0]["image"] = "images/missing.png";
    xrs::test::writeText(copy.file(), json.dump(2));
    std::vector<Diagnostic> diagnostics;
    auto loaded = loadExperience(copy.folder(), &diagnostics);
    REQUIRE(loaded);
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].degradable);
    CHECK(diagnostics[0].pointer == "/panels/0/image");
    CHECK(diagnostics[1].degradable);
    CHECK(diagnostics[1].pointer == "/tour/0/narration");

    json["hotspots"][1]["action"]["scene"] = "hall2";
    xrs::test::writeText(copy.file(), json.dump(2));
    auto refused = loadExperience(copy.folder());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message == copy.file().string() +
                                         ":/hotspots/1/action/scene: error: unknown scene id 'hall2' (scenes: courtyard, hall)");
}
