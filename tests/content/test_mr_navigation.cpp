// The mr-navigation experience as built by tools/content/mr-navigation.cmake: it validates
// without a single diagnostic (packages demuxed and hashed), every arrow points down the street
// at the next viewpoint of the generator's route (tools/content/mrnav/route.py), every hotspot
// sits where route.py says, every panorama draws route.py's walk, the subtitles follow the scripts, and the generator is deterministic.
#include "ExperienceFolder.h"
#include "ScratchDirectory.h"

#include "experience/ExperienceIO.h"
#include "experience/ExperienceValidator.h"
#include "experience/Subtitles.h"
#include "video/Sha256.h"

#include <catch2/catch.hpp>

#include <glm/glm.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace xrs;

namespace {

std::filesystem::path experienceFolder() { return test::experienceFolder("mr-navigation"); }

experience::Experience readExperience() {
    auto parsed = experience::readExperience(experienceFolder());
    for (const auto& diagnostic : parsed.diagnostics) UNSCOPED_INFO(experience::formatDiagnostic(diagnostic));
    REQUIRE(parsed.diagnostics.empty());
    return parsed.experience;
}

// Runs route.py with `argument` and returns its output lines.
std::vector<std::string> askRoute(const std::string& argument) {
    test::ScratchDirectory scratch("mrnav-route");
    const auto out = scratch.path() / "route.txt";
    const std::string command = std::string("\"") + XRS_MRNAV_PYTHON + "\" \"" + XRS_MRNAV_TOOL_DIR +
                                "/route.py\" " + argument + " > \"" + out.string() + "\"";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream in(out);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// route.py --viewpoints: "name x y z" per line.
std::map<std::string, glm::dvec3> routeViewpoints() {
    std::map<std::string, glm::dvec3> viewpoints;
    for (const auto& line : askRoute("--viewpoints")) {
        std::istringstream in(line);
        std::string name;
        glm::dvec3 p;
        REQUIRE(in >> name >> p.x >> p.y >> p.z);
        viewpoints[name] = p;
    }
    REQUIRE(viewpoints.size() == 3);
    return viewpoints;
}

struct Direction {
    std::string scene;
    double yaw = 0.0;
    double pitch = 0.0;
};

// route.py --hotspots: "id scene yaw pitch" per line.
std::map<std::string, Direction> routeHotspots() {
    std::map<std::string, Direction> hotspots;
    for (const auto& line : askRoute("--hotspots")) {
        std::istringstream in(line);
        std::string id;
        Direction d;
        REQUIRE(in >> id >> d.scene >> d.yaw >> d.pitch);
        hotspots[id] = d;
    }
    return hotspots;
}

// experience.json's yaw convention: 0 looks down -Z, positive turns left (towards -X).
double yawFromTo(const glm::dvec3& from, const glm::dvec3& to) {
    return glm::degrees(std::atan2(-(to.x - from.x), -(to.z - from.z)));
}

double angleBetween(double a, double b) {
    const double d = std::fmod(std::fabs(a - b), 360.0);
    return d > 180.0 ? 360.0 - d : d;
}

std::vector<std::string> scriptSentences(const std::filesystem::path& script, const std::string& language) {
    std::ifstream in(script);
    REQUIRE(in.good());
    std::vector<std::string> sentences;
    const std::string prefix = language + ":";
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(prefix, 0) != 0) continue;
        sentences.push_back(line.substr(line.find_first_not_of(' ', prefix.size())));
    }
    return sentences;
}

int runGenerator(const std::filesystem::path& out, int seed) {
    std::ostringstream command;
    command << '"' << XRS_MRNAV_PYTHON << "\" \"" << XRS_MRNAV_TOOL_DIR << "/make_town.py\" --texture-size 32"
            << " --seed " << seed << " --ffmpeg \"" << XRS_MRNAV_FFMPEG << "\" --out \"" << out.string()
            << "\" > \"" << out.string() << ".log\" 2>&1";
    return std::system(command.str().c_str());
}

} // namespace

TEST_CASE("mr-navigation validates with no errors and no warnings, packages demuxed", "[content][mrnav]") {
    experience::ValidateOptions options;
    options.deep = true;
    const auto diagnostics = experience::validateExperience(experienceFolder(), options);
    for (const auto& diagnostic : diagnostics) UNSCOPED_INFO(experience::formatDiagnostic(diagnostic));
    CHECK(diagnostics.empty());
    CHECK(std::filesystem::exists(experienceFolder() / "generated" / "audio" / "museum.wav"));
}

TEST_CASE("mr-navigation is three 360° viewpoints of route.py, linked both ways by arrows", "[content][mrnav]") {
    const auto experience = readExperience();
    const auto viewpoints = routeViewpoints();
    REQUIRE(experience.scenes.size() == viewpoints.size());
    for (const auto& scene : experience.scenes) {
        INFO(scene.id);
        CHECK(scene.kind == experience::SceneKind::Video360);
        CHECK(viewpoints.count(scene.id) == 1);
        CHECK(scene.video == std::optional<std::string>("generated/video/" + scene.id));
    }
    // Entrance -> crossing -> museum and back: four arrows, each pointing at its target viewpoint.
    std::set<std::pair<std::string, std::string>> links;
    for (const auto& hotspot : experience.hotspots) {
        if (hotspot.action.type != experience::ActionType::GoToScene) continue;
        INFO(hotspot.id);
        CHECK(hotspot.icon == std::optional<std::string>("arrow"));
        REQUIRE(hotspot.yawDegrees);
        const auto& from = viewpoints.at(hotspot.scene);
        const auto& to = viewpoints.at(hotspot.action.scene.value());
        CHECK(angleBetween(*hotspot.yawDegrees, yawFromTo(from, to)) < 0.06);   // JSON keeps 0.1 degrees
        // On the street ahead: below the horizon, where the arrow would lie on the paving.
        CHECK(hotspot.pitchDegrees.value_or(0.0) < -5.0);
        CHECK(hotspot.pitchDegrees.value_or(0.0) > -25.0);
        links.insert({hotspot.scene, *hotspot.action.scene});
    }
    CHECK(links == std::set<std::pair<std::string, std::string>>{
                       {"entrance", "crossing"}, {"crossing", "museum"}, {"crossing", "entrance"}, {"museum", "crossing"}});
}

TEST_CASE("mr-navigation hotspots sit where route.py points", "[content][mrnav]") {
    const auto experience = readExperience();
    const auto expected = routeHotspots();
    REQUIRE(expected.size() == experience.hotspots.size());
    for (const auto& hotspot : experience.hotspots) {
        INFO(hotspot.id);
        REQUIRE(expected.count(hotspot.id) == 1);
        const Direction& direction = expected.at(hotspot.id);
        CHECK(hotspot.scene == direction.scene);
        CHECK(angleBetween(hotspot.yawDegrees.value_or(0.0), direction.yaw) < 0.051);
        CHECK(std::fabs(hotspot.pitchDegrees.value_or(0.0) - direction.pitch) < 0.051);
    }
}

TEST_CASE("mr-navigation draws route.py's walk on the street of every panorama", "[content][mrnav]") {
    const auto experience = readExperience();
    // route.py --routes: "scene x0 z0 x1 z1 ..." from that viewpoint's camera.
    std::map<std::string, std::vector<glm::dvec2>> walks;
    for (const auto& line : askRoute("--routes")) {
        std::istringstream in(line);
        std::string scene;
        REQUIRE(in >> scene);
        for (glm::dvec2 point; in >> point.x >> point.y;) walks[scene].push_back(point);
    }
    REQUIRE(walks.size() == experience.scenes.size());
    for (const auto& scene : experience.scenes) {
        INFO(scene.id);
        REQUIRE(scene.route);
        const auto& walk = walks.at(scene.id);
        REQUIRE(scene.route->points.size() == walk.size());
        for (std::size_t i = 0; i < walk.size(); ++i) {
            CHECK(scene.route->points[i].x == Approx(walk[i].x).margin(0.006));
            CHECK(scene.route->points[i].y == Approx(walk[i].y).margin(0.006));
        }
        // The panoramas were captured 1.6 m above the paving.
        CHECK(scene.route->groundBelowEyeMetres == std::optional<double>(1.6));
    }
}

TEST_CASE("mr-navigation tour follows the route with narration in zh and en", "[content][mrnav]") {
    const auto experience = readExperience();
    const auto folder = experienceFolder();
    REQUIRE(experience.tour.size() == 3);
    const std::vector<std::string> route{"entrance", "crossing", "museum"};
    for (std::size_t i = 0; i < route.size(); ++i) {
        const auto& stop = experience.tour[i];
        INFO(route[i]);
        CHECK(stop.scene == route[i]);
        CHECK(stop.autoAdvance.value_or(false) == (i + 1 < route.size()));
        REQUIRE(stop.narration);
        REQUIRE(stop.subtitles);
        const auto script = folder / "narration" / (route[i] + ".txt");
        for (const std::string language : {"zh", "en"}) {
            auto subtitles = experience::loadSubtitles(folder / stop.subtitles->at(language));
            REQUIRE(subtitles.ok());
            const auto sentences = scriptSentences(script, language);
            REQUIRE(subtitles->cues.size() == sentences.size());
            for (std::size_t k = 0; k < sentences.size(); ++k) CHECK(subtitles->cues[k].text == sentences[k]);
        }
    }
}

TEST_CASE("the mr-navigation town generator is deterministic for a seed", "[content][mrnav]") {
    test::ScratchDirectory scratch("mrnav-generator");
    const auto first = scratch.path() / "first.gltf";
    const auto second = scratch.path() / "second.gltf";
    const auto otherSeed = scratch.path() / "other-seed.gltf";
    REQUIRE(runGenerator(first, 7) == 0);
    REQUIRE(runGenerator(second, 7) == 0);
    REQUIRE(runGenerator(otherSeed, 8) == 0);
    auto a = video::sha256File(first);
    auto b = video::sha256File(second);
    auto c = video::sha256File(otherSeed);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    CHECK(*a == *b);
    CHECK(*a != *c);   // the seed drives houses and textures: a generator ignoring it would pass above
}
