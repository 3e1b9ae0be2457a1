// The sample experience loads with the values written in tests/data/experiences/sample, saves
// without losing anything (unknown members included), and saves atomically.
#include <catch2/catch.hpp>

#include "ExperienceTestSupport.h"
#include "experience/ExperienceIO.h"
#include "experience/ExperienceValidator.h"

using namespace xrs::experience;
using xrs::test::describe;

TEST_CASE("the sample experience loads with the expected values", "[experience][load]") {
    std::vector<Diagnostic> diagnostics;
    auto loaded = loadExperience(xrs::test::sampleExperienceFolder(), &diagnostics);
    INFO(describe(diagnostics));
    REQUIRE(loaded);
    CHECK(diagnostics.empty());
    const Experience& experience = *loaded;

    CHECK(experience.version == 1);
    CHECK(experience.metadata.title.at("zh") == "测试展厅");
    CHECK(experience.metadata.title.at("en") == "Test Hall");
    REQUIRE(experience.metadata.credits.size() == 1);
    CHECK(experience.metadata.credits[0].role.at("en") == "Curator");
    CHECK(experience.metadata.rights == "CC0 1.0 (made by the xrshow project)");
    CHECK(experience.languages.defaultLanguage == "zh");
    CHECK(experience.languages.available == std::vector<std::string>{"zh", "en"});

    REQUIRE(experience.scenes.size() == 2);
    const Scene& hall = experience.scenes[0];
    CHECK(hall.id == "hall");
    CHECK(hall.kind == SceneKind::Model);
    REQUIRE(hall.models.size() == 2);
    CHECK(hall.models[0].path == "models/hall.gltf");
    CHECK_FALSE(hall.models[0].position.has_value());
    CHECK(hall.models[1].id == "vase");
    CHECK(*hall.models[1].position == glm::dvec3(1.5, 0.8, -2.0));
    CHECK(*hall.models[1].yawDegrees == 30.0);
    CHECK(*hall.models[1].scale == 1.2);
    REQUIRE(hall.models[1].states.size() == 1);
    CHECK(hall.models[1].states[0].id == "restored");
    CHECK(*hall.spawn->position == glm::dvec3(0.0, 0.0, 3.0));
    REQUIRE(hall.teleportAreas.size() == 1);
    CHECK(hall.teleportAreas[0].min == glm::dvec3(-4.0, 0.0, -4.0));
    CHECK(hall.lighting->sun->direction == glm::dvec3(-0.4, -1.0, -0.6));
    CHECK(*hall.lighting->sky->ground == glm::dvec3(0.25, 0.22, 0.2));
    CHECK(*hall.lighting->exposure == 1.0);

    const Scene& courtyard = experience.scenes[1];
    CHECK(courtyard.kind == SceneKind::Video360);
    CHECK(courtyard.image == "images/courtyard_360.png");
    CHECK_FALSE(courtyard.video.has_value());
    CHECK(*courtyard.initialYawDegrees == 90.0);
    CHECK_FALSE(courtyard.passthrough.has_value()); // mixed reality only where a scene asks

    REQUIRE(experience.hotspots.size() == 5);
    CHECK(experience.hotspots[0].action.type == ActionType::OpenPanel);
    CHECK(experience.hotspots[0].action.panel == "bell");
    CHECK(experience.hotspots[1].action.type == ActionType::GoToScene);
    CHECK(*experience.hotspots[1].action.view->yawDegrees == 180.0);
    CHECK(experience.hotspots[2].action.type == ActionType::ToggleModelState);
    CHECK(experience.hotspots[2].action.state == "restored");
    CHECK(*experience.hotspots[3].yawDegrees == -90.0);
    CHECK(*experience.hotspots[3].pitchDegrees == -10.0);
    CHECK(experience.hotspots[3].icon == "images/bell.png");
    CHECK(experience.hotspots[4].action.type == ActionType::PlayNarration);
    CHECK(experience.hotspots[4].action.subtitles->at("en") == "subtitles/stop1.en.srt");

    REQUIRE(experience.panels.size() == 1);
    CHECK(experience.panels[0].text.at("en") ==
          "This bell was cast in the **Ming dynasty**.\n\nIts sound carried *five kilometres*.");
    CHECK(*experience.panels[0].widthMetres == 0.8);

    REQUIRE(experience.tour.size() == 2);
    CHECK(experience.tour[0].autoAdvance == true);
    CHECK(experience.tour[0].narration == "audio/stop1.wav");
    CHECK(*experience.tour[1].durationSeconds == 8.0);
    CHECK(*experience.tour[1].pose->yawDegrees == 90.0);

    REQUIRE(experience.audio);
    CHECK(*experience.audio->ambience[0].volume == 0.4);
    CHECK(experience.audio->sources[0].position == glm::dvec3(1.5, 1.6, -2.0));
    CHECK_FALSE(experience.audio->sources[0].loop.has_value());

    CHECK(localized(experience.panels[0].title, "en", "zh") == "Bronze bell");
    CHECK(localized(experience.panels[0].title, "fr", "zh") == "青铜钟");
}

TEST_CASE("the sample passes the deep checks (models import, PNGs decode)", "[experience][load]") {
    ValidateOptions deep;
    deep.deep = true;
    const auto diagnostics = validateExperience(xrs::test::sampleExperienceFolder(), deep);
    INFO(describe(diagnostics));
    CHECK(diagnostics.empty());
}

TEST_CASE("writing is stable: write(parse(write(x))) == write(x)", "[experience][save]") {
    auto parsed = readExperience(xrs::test::sampleExperienceFolder());
    REQUIRE(parsed.diagnostics.empty());
    const std::string once = writeExperience(parsed.experience);
    auto again = parseExperience(once, "again.json");
    INFO(describe(again.diagnostics));
    REQUIRE(again.diagnostics.empty());
    CHECK(writeExperience(again.experience) == once);
    // Same content as the curator's file (member order and spacing aside).
    CHECK(Json::parse(once) == Json::parse(xrs::test::readText(xrs::test::sampleExperienceFolder() / "experience.json")));
}

TEST_CASE("a scene's passthrough flag survives load and save", "[experience][save]") {
    auto parsed = readExperience(xrs::test::sampleExperienceFolder());
    REQUIRE(parsed.diagnostics.empty());
    parsed.experience.scenes[1].passthrough = true;
    auto again = parseExperience(writeExperience(parsed.experience), "again.json");
    INFO(describe(again.diagnostics));
    REQUIRE(again.diagnostics.empty());
    CHECK(again.experience.scenes[1].passthrough == std::optional<bool>(true));
    CHECK_FALSE(again.experience.scenes[0].passthrough.has_value());
}

TEST_CASE("a scene's route survives load and save", "[experience][save]") {
    auto parsed = readExperience(xrs::test::sampleExperienceFolder());
    REQUIRE(parsed.diagnostics.empty());
    Route route;
    route.points = {{0.0, -2.0}, {0.5, -30.25}, {25.0, -32.0}};
    route.groundBelowEyeMetres = 1.45;
    parsed.experience.scenes[1].route = route;
    parsed.experience.scenes[0].route = Route{{{-1.0, 0.0}, {3.0, -4.0}}, std::nullopt};
    auto again = parseExperience(writeExperience(parsed.experience), "again.json");
    INFO(describe(again.diagnostics));
    REQUIRE(again.diagnostics.empty());
    REQUIRE(again.experience.scenes[1].route);
    CHECK(again.experience.scenes[1].route->points == route.points);
    CHECK(again.experience.scenes[1].route->groundBelowEyeMetres == std::optional<double>(1.45));
    REQUIRE(again.experience.scenes[0].route);
    CHECK(again.experience.scenes[0].route->points.size() == 2);
    CHECK_FALSE(again.experience.scenes[0].route->groundBelowEyeMetres);
}

TEST_CASE("unknown members at every level survive load and save", "[experience][save]") {
    xrs::test::SampleCopy copy;
    Json json = Json::parse(xrs::test::readText(copy.file()));
    json["x-venue"] = {{"hall", 3}, {"opening", "09:00"}};
    json["metadata"]["x-isbn"] = "978-0";
    json["scenes"][0]["x-notes"] = Json::array({"check the lights", 2});
    json["scenes"][0]["models"][1]["states"][0]["x-era"] = "Ming";
    json["scenes"][0]["lighting"]["sun"]["x-shadow"] = true;
    json["hotspots"][1]["action"]["view"]["x-fade"] = 0.5;
    json["tour"][1]["x-camera"] = {{"path", nullptr}};
    json["audio"]["sources"][0]["x-falloff"] = "inverse";
    xrs::test::writeText(copy.file(), json.dump(2));

    std::vector<Diagnostic> diagnostics;
    auto loaded = loadExperience(copy.folder(), &diagnostics);
    REQUIRE(loaded);
    REQUIRE(diagnostics.size() == 8);  // one warning per unknown member
    CHECK(formatDiagnostic(diagnostics[0]) == copy.file().string() + ":/x-venue: warning: unknown field 'x-venue' (kept as is)");
    CHECK(diagnostics[3].pointer == "/scenes/0/models/1/states/0/x-era");

    loaded->metadata.title["en"] = "Renamed Hall";  // an edit, as the authoring tools will make
    REQUIRE(saveExperience(*loaded, copy.file()));
    Json saved = Json::parse(xrs::test::readText(copy.file()));
    Json expected = json;
    expected["metadata"]["title"]["en"] = "Renamed Hall";
    CHECK(saved == expected);
    // Nothing but the file is left in the folder (the temporary was renamed over it).
    for (const auto& entry : std::filesystem::directory_iterator(copy.folder()))
        CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("saving replaces the file in one step and reports failures", "[experience][save]") {
    xrs::test::SampleCopy copy;
    auto loaded = loadExperience(copy.folder());
    REQUIRE(loaded);
    // A hard link to the old file keeps its inode: an atomic rename leaves that inode's content
    // untouched, an in-place rewrite would change it.
    const auto oldLink = copy.folder() / "old-link.json";
    std::filesystem::create_hard_link(copy.file(), oldLink);
    const std::string before = xrs::test::readText(copy.file());
    loaded->metadata.rights = "changed";
    REQUIRE(saveExperience(*loaded, copy.file()));
    CHECK(xrs::test::readText(oldLink) == before);
    CHECK(xrs::test::readText(copy.file()) != before);

    const auto nowhere = copy.folder() / "no-such-folder" / "experience.json";
    auto failed = saveExperience(*loaded, nowhere);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message ==
          (copy.folder() / "no-such-folder" / ".experience.json.tmp-").string() + std::to_string(::getpid()) +
              ": cannot create: No such file or directory");
}
