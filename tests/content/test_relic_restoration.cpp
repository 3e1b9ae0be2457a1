// The relic-restoration experience as built by tools/content/relic-restoration.cmake: it
// validates without a single diagnostic, both toggled objects have their states and hotspots,
// the two states of each object correspond node by node (what a later blend between them needs),
// subtitles agree with the committed scripts, poses stand where a visitor may teleport, and the
// generator is deterministic for a seed.
#include "RelicRestoration.h"
#include "ScratchDirectory.h"

#include "experience/ExperienceIO.h"
#include "experience/ExperienceValidator.h"
#include "experience/Subtitles.h"
#include "scene/SceneImporter.h"
#include "video/Sha256.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace xrs;

namespace {

experience::Experience readRelicRestoration() {
    auto parsed = experience::readExperience(test::relicRestorationFolder());
    for (const auto& diagnostic : parsed.diagnostics) UNSCOPED_INFO(experience::formatDiagnostic(diagnostic));
    REQUIRE(parsed.diagnostics.empty());
    return std::move(parsed.experience);
}

// Duration of a 16-bit PCM WAV as written by tools/content/museum/narration.py (44-byte header).
std::int64_t wavDurationMs(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE(in.good());
    unsigned char header[44] = {};
    in.read(reinterpret_cast<char*>(header), sizeof header);
    REQUIRE(in.gcount() == 44);
    auto u32 = [&](int at) {
        return static_cast<std::uint32_t>(header[at]) | static_cast<std::uint32_t>(header[at + 1]) << 8 |
               static_cast<std::uint32_t>(header[at + 2]) << 16 | static_cast<std::uint32_t>(header[at + 3]) << 24;
    };
    REQUIRE(std::string(reinterpret_cast<char*>(header), 4) == "RIFF");
    REQUIRE(std::string(reinterpret_cast<char*>(header) + 36, 4) == "data");
    REQUIRE(u32(28) == 22050u * 2u);
    return static_cast<std::int64_t>(u32(40)) * 1000 / u32(28);
}

std::vector<std::string> scriptSentences(const std::filesystem::path& script, const std::string& language) {
    std::ifstream in(script);
    REQUIRE(in.good());
    std::vector<std::string> sentences;
    std::string line;
    const std::string prefix = language + ":";
    while (std::getline(in, line)) {
        if (line.rfind(prefix, 0) != 0) continue;
        sentences.push_back(line.substr(line.find_first_not_of(' ', prefix.size())));
    }
    return sentences;
}

// Named nodes with meshes: name -> (local transform, vertex count over the node's meshes).
struct NamedPart {
    glm::mat4 transform;
    std::size_t vertices = 0;
};
std::map<std::string, NamedPart> namedParts(const std::filesystem::path& file) {
    auto imported = scene::importScene(file);
    INFO(file.string());
    REQUIRE(imported.ok());
    std::map<std::string, NamedPart> parts;
    for (const auto& node : imported->nodes) {
        if (node.meshes.empty()) continue;
        NamedPart part{node.localTransform, 0};
        for (auto mesh : node.meshes) part.vertices += imported->meshes.at(mesh).vertices.size();
        // Assimp may hang a multi-primitive mesh's parts under one node or split it; sum by name.
        auto [it, inserted] = parts.emplace(node.name, part);
        if (!inserted) it->second.vertices += part.vertices;
    }
    return parts;
}

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

int runGenerator(const std::filesystem::path& out, int seed) {
    std::ostringstream command;
    command << '"' << XRS_RELIC_PYTHON << "\" \"" << XRS_RELIC_GENERATOR << "\" --only models --texture-size 32"
            << " --seed " << seed << " --out \"" << out.string() << "\" > \"" << (out / "log.txt").string()
            << "\" 2>&1";
    return std::system(command.str().c_str());
}

} // namespace

TEST_CASE("relic-restoration validates with no errors and no warnings, models imported", "[content][relic]") {
    experience::ValidateOptions options;
    options.deep = true;
    const auto diagnostics = experience::validateExperience(test::relicRestorationFolder(), options);
    for (const auto& diagnostic : diagnostics) UNSCOPED_INFO(experience::formatDiagnostic(diagnostic));
    CHECK(diagnostics.empty());
}

TEST_CASE("relic-restoration: a lab and a site, each with a toggled object and a narrated tour", "[content][relic]") {
    const auto relic = readRelicRestoration();
    REQUIRE(relic.scenes.size() == 2);
    CHECK(relic.languages.available == std::vector<std::string>{"zh", "en"});
    // Each scene: a setting plus one object with a second state, toggled by a hotspot.
    const std::map<std::string, std::pair<std::string, std::string>> toggled{{"lab", {"jar", "restored"}},
                                                                             {"site", {"hall", "reconstructed"}}};
    for (const auto& scene : relic.scenes) {
        INFO(scene.id);
        REQUIRE(scene.models.size() == 2);
        const auto& object = scene.models[1];
        REQUIRE(object.id == toggled.at(scene.id).first);
        REQUIRE(object.states.size() == 1);
        CHECK(object.states[0].id == toggled.at(scene.id).second);
        int toggles = 0;
        for (const auto& hotspot : relic.hotspots)
            if (hotspot.scene == scene.id && hotspot.action.type == experience::ActionType::ToggleModelState) {
                CHECK(hotspot.action.model == object.id);
                CHECK(hotspot.action.state == object.states[0].id);
                ++toggles;
            }
        CHECK(toggles == 1);
        REQUIRE(scene.lighting);
        CHECK(scene.lighting->sun);
        CHECK(scene.lighting->sky);
    }
    REQUIRE(relic.tour.size() == 6);
    for (const auto& stop : relic.tour) {
        INFO(stop.id.value_or("?"));
        CHECK(stop.autoAdvance == std::optional<bool>(true));
        REQUIRE(stop.narration);
        REQUIRE(stop.subtitles);
        CHECK(stop.subtitles->size() == 2);
    }
}

TEST_CASE("relic-restoration: the broken and restored jar correspond shard by shard", "[content][relic]") {
    const auto folder = test::relicRestorationFolder() / "generated";
    const auto broken = namedParts(folder / "vessel_broken.glb");
    const auto restored = namedParts(folder / "vessel_restored.glb");
    int shards = 0, fills = 0, moved = 0;
    for (const auto& [name, part] : broken) {
        INFO(name);
        REQUIRE(startsWith(name, "shard_"));
        REQUIRE(restored.count(name) == 1);
        CHECK(restored.at(name).vertices == part.vertices);   // the same mesh, only placed differently
        if (glm::length(glm::vec3(part.transform[3] - restored.at(name).transform[3])) > 0.05f) ++moved;
        ++shards;
    }
    for (const auto& [name, part] : restored) {
        INFO(name);
        if (broken.count(name)) continue;
        CHECK(startsWith(name, "fill_"));                       // restored = the shards + fills
        ++fills;
    }
    CHECK(shards >= 12);
    CHECK(fills >= 3);
    CHECK(moved >= 4);                                          // shards lying on the pad
}

TEST_CASE("relic-restoration: the ruins and the reconstructed hall share their surviving parts' names",
          "[content][relic]") {
    const auto folder = test::relicRestorationFolder() / "generated";
    const auto ruins = namedParts(folder / "pavilion_ruins.glb");
    const auto hall = namedParts(folder / "pavilion_restored.glb");
    for (const auto& [name, part] : ruins) {
        INFO(name);
        if (startsWith(name, "stone_")) CHECK(hall.count(name) == 0);   // fallen masonry, reused
        else CHECK(hall.count(name) == 1);
    }
    for (const char* name : {"platform", "base_00", "column_00", "wall_back", "roof", "ridge"}) {
        INFO(name);
        CHECK(hall.count(name) == 1);
    }
    CHECK(hall.size() > ruins.size() - 34);
}

TEST_CASE("relic-restoration subtitles match the scripts and the synthesised narration", "[content][relic]") {
    const auto relic = readRelicRestoration();
    const auto folder = test::relicRestorationFolder();
    for (const auto& stop : relic.tour) {
        INFO(stop.id.value_or("?"));
        const auto script = folder / "narration" / (stop.id.value() + ".txt");
        const std::int64_t clipMs = wavDurationMs(folder / *stop.narration);
        auto zh = experience::loadSubtitles(folder / stop.subtitles->at("zh"));
        auto en = experience::loadSubtitles(folder / stop.subtitles->at("en"));
        REQUIRE(zh.ok());
        REQUIRE(en.ok());
        const auto zhSentences = scriptSentences(script, "zh");
        const auto enSentences = scriptSentences(script, "en");
        REQUIRE(zh->cues.size() == zhSentences.size());
        REQUIRE(en->cues.size() == enSentences.size());
        for (std::size_t i = 0; i < zh->cues.size(); ++i) {
            CHECK(zh->cues[i].text == zhSentences[i]);
            CHECK(en->cues[i].text == enSentences[i]);
            CHECK(zh->cues[i].startMs == en->cues[i].startMs);
            CHECK(zh->cues[i].endMs == en->cues[i].endMs);
            if (i > 0) CHECK(zh->cues[i].startMs > zh->cues[i - 1].endMs);
        }
        CHECK(std::llabs(zh->cues.back().endMs + 800 - clipMs) <= 1);   // narration.py's tail
    }
}

TEST_CASE("relic-restoration spawn and tour poses stand inside teleport areas", "[content][relic]") {
    const auto relic = readRelicRestoration();
    auto inside = [](const experience::Scene& scene, const glm::dvec3& p) {
        for (const auto& area : scene.teleportAreas)
            if (p.x >= area.min.x && p.x <= area.max.x && p.z >= area.min.z && p.z <= area.max.z &&
                p.y == area.min.y)
                return true;
        return false;
    };
    for (const auto& scene : relic.scenes) {
        INFO(scene.id);
        REQUIRE(scene.spawn);
        CHECK(inside(scene, scene.spawn->position.value()));
        for (const auto& stop : relic.tour) {
            if (stop.scene != scene.id) continue;
            INFO(stop.id.value_or("?"));
            REQUIRE(stop.pose);
            CHECK(inside(scene, stop.pose->position.value()));
        }
    }
}

TEST_CASE("the relic generator is deterministic for a seed", "[content][relic]") {
    test::ScratchDirectory scratch("relic-generator");
    const auto first = scratch.path() / "first";
    const auto second = scratch.path() / "second";
    const auto otherSeed = scratch.path() / "other-seed";
    for (const auto& dir : {first, second, otherSeed}) std::filesystem::create_directories(dir);
    REQUIRE(runGenerator(first, 7) == 0);
    REQUIRE(runGenerator(second, 7) == 0);
    REQUIRE(runGenerator(otherSeed, 8) == 0);
    for (const char* model : {"lab.glb", "vessel_broken.glb", "vessel_restored.glb", "site.glb", "pavilion_ruins.glb",
                              "pavilion_restored.glb"}) {
        INFO(model);
        auto a = video::sha256File(first / model);
        auto b = video::sha256File(second / model);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CHECK(*a == *b);
    }
    auto a = video::sha256File(first / "site.glb");
    auto c = video::sha256File(otherSeed / "site.glb");
    REQUIRE(c.ok());
    CHECK(*a != *c);   // the seed drives textures and scatter: a generator ignoring it would pass above
}
