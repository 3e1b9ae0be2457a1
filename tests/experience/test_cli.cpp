// `xrshow validate` and `xrshow list` end to end: exact output lines and exit codes.
#include <catch2/catch.hpp>

#include "ExperienceTestSupport.h"
#include "experience/Experience.h"

#include "ShellCommand.h"

namespace {

using Run = xrs::test::CommandRun;

// stdout only: the lines the commands print for curators.
Run runXrshow(const std::string& arguments) {
    return xrs::test::runShellCommand(std::string(XRS_XRSHOW_EXE) + " " + arguments + " 2>/dev/null");
}

std::string quote(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

} // namespace

TEST_CASE("xrshow validate accepts the sample", "[experience][cli]") {
    const auto folder = xrs::test::sampleExperienceFolder();
    const Run run = runXrshow("validate " + quote(folder));
    CHECK(run.exitCode == 0);
    CHECK(run.output == (folder / "experience.json").string() + ": 0 errors, 0 warnings (valid)\n");
    const Run deep = runXrshow("validate --deep " + quote(folder / "experience.json"));
    CHECK(deep.exitCode == 0);
    CHECK(deep.output == (folder / "experience.json").string() + ": 0 errors, 0 warnings (valid)\n");
}

TEST_CASE("xrshow validate lists every problem of a broken copy and exits 1", "[experience][cli]") {
    xrs::test::SampleCopy copy;
    using xrs::experience::Json;
    Json json = Json::parse(xrs::test::readText(copy.file()));
    json["tour"][0]["narration"] = "../outside.ogg";
    json["hotspots"][1]["action"]["scene"] = "hall2";
    json["panels"][0]["title"].erase("en");
    json["x-note"] = "kept";
    xrs::test::writeText(copy.file(), json.dump(2));
    const Run run = runXrshow("validate " + quote(copy.folder()));
    CHECK(run.exitCode == 1);
    const std::string file = copy.file().string();
    CHECK(run.output == file + ":/x-note: warning: unknown field 'x-note' (kept as is)\n" +
                            file + ":/panels/0/title: warning: missing the 'en' translation\n" +
                            file + ":/hotspots/1/action/scene: error: unknown scene id 'hall2' (scenes: courtyard, hall)\n" +
                            file + ":/tour/0/narration: error: path '../outside.ogg' leaves the experience folder ('..' is refused)\n" +
                            file + ": 2 errors, 2 warnings\n");

    const Run warningsOnly = [&] {
        json["tour"][0]["narration"] = "audio/stop1.wav";
        json["hotspots"][1]["action"]["scene"] = "courtyard";
        xrs::test::writeText(copy.file(), json.dump(2));
        return runXrshow("validate " + quote(copy.file()));
    }();
    CHECK(warningsOnly.exitCode == 0);
    CHECK(warningsOnly.output.substr(warningsOnly.output.rfind(file + ": ")) == file + ": 0 errors, 2 warnings (valid)\n");

    const Run missing = runXrshow("validate " + quote(copy.folder() / "nothing"));
    CHECK(missing.exitCode == 1);
    CHECK(missing.output == (copy.folder() / "nothing").string() +
                                ": error: missing (expected an experience folder or its experience.json)\n" +
                                (copy.folder() / "nothing").string() + ": 1 error, 0 warnings\n");
}

TEST_CASE("xrshow list shows name, first scene kind and titles", "[experience][cli]") {
    xrs::test::TempDirectory temp("experience-list");
    std::filesystem::copy(xrs::test::sampleExperienceFolder(), temp.path() / "museum", std::filesystem::copy_options::recursive);
    std::filesystem::create_directories(temp.path() / "broken");
    xrs::test::writeText(temp.path() / "broken/experience.json", "{");
    std::filesystem::create_directories(temp.path() / "schema");  // no experience.json: not listed
    const Run run = runXrshow("list " + quote(temp.path()));
    CHECK(run.exitCode == 0);
    char header[128], broken[512], museum[256];
    std::snprintf(header, sizeof(header), "%-24s %-10s %-26s %s\n", "NAME", "FIRST", "THUMBNAIL", "TITLE (zh / en)");
    std::snprintf(broken, sizeof(broken), "%-24s %-10s %-26s %s\n", "broken", "-", "-",
                  ("- / - (1 error: xrshow validate " + (temp.path() / "broken").string() + ")").c_str());
    std::snprintf(museum, sizeof(museum), "%-24s %-10s %-26s %s\n", "museum", "model", "images/thumbnail.png",
                  "测试展厅 / Test Hall");
    CHECK(run.output == std::string(header) + broken + museum + "2 experiences in " + temp.path().string() + "\n");

    // A thumbnail the folder does not hold is marked.
    std::filesystem::remove(temp.path() / "museum/images/thumbnail.png");
    const Run missing = runXrshow("list " + quote(temp.path()));
    CHECK(missing.output.find("images/thumbnail.png (missing)") != std::string::npos);

    const Run nowhere = runXrshow("list " + quote(temp.path() / "nowhere"));
    CHECK(nowhere.exitCode == 1);
}
