// Seeded mutation fuzzing of the reader and the validator: byte edits and value/type swaps of the
// sample experience.json must never crash or throw; every mutant yields diagnostics that name the
// file, or is accepted and then round-trips through writeExperience.
#include <catch2/catch.hpp>

#include "ExperienceTestSupport.h"
#include "experience/ExperienceIO.h"
#include "experience/ExperienceValidator.h"

#include <random>

using namespace xrs::experience;

namespace {

struct FuzzTally {
    int accepted = 0;   // no errors
    int rejected = 0;
    std::string firstProblem;
};

void checkMutant(const std::string& text, FuzzTally& tally) {
    const std::string name = "fuzz.json";
    try {
        ParsedExperience parsed = parseExperience(text, name);
        parsed.experience.folder = xrs::test::sampleExperienceFolder();  // media checks read the sample's files
        parsed.experience.file = name;
        auto diagnostics = parsed.diagnostics;
        auto checks = checkExperience(parsed.experience);
        diagnostics.insert(diagnostics.end(), checks.begin(), checks.end());
        for (const Diagnostic& diagnostic : diagnostics) {
            const bool pointerOk = diagnostic.pointer.empty() || diagnostic.pointer.front() == '/';
            if ((diagnostic.file != name || !pointerOk || diagnostic.message.empty()) && tally.firstProblem.empty())
                tally.firstProblem = "malformed diagnostic: " + formatDiagnostic(diagnostic);
        }
        if (countErrors(diagnostics) > 0) {
            ++tally.rejected;
            return;
        }
        ++tally.accepted;
        // Accepted: what we write must read back without errors and write the same again.
        const std::string written = writeExperience(parsed.experience);
        ParsedExperience again = parseExperience(written, name);
        if (countErrors(again.diagnostics) > 0 || writeExperience(again.experience) != written) {
            if (tally.firstProblem.empty())
                tally.firstProblem = "accepted but does not round-trip:\n" + xrs::test::describe(again.diagnostics) + text;
        }
    } catch (const std::exception& error) {
        if (tally.firstProblem.empty()) tally.firstProblem = std::string("threw: ") + error.what() + "\n" + text;
    }
}

void collectPointers(const Json& node, const Json::json_pointer& at, std::vector<Json::json_pointer>& out) {
    out.push_back(at);
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) collectPointers(it.value(), at / it.key(), out);
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) collectPointers(node[i], at / i, out);
    }
}

} // namespace

TEST_CASE("experience reader survives byte mutations", "[experience][fuzz]") {
    const std::string valid = xrs::test::readText(xrs::test::sampleExperienceFolder() / "experience.json");
    std::mt19937 random(20261122);
    const std::string interesting = "{}[]\",:0123456789-.eE \\/tfn\xff\xc3";
    FuzzTally tally;
    constexpr int kIterations = 2500;
    for (int iteration = 0; iteration < kIterations; ++iteration) {
        std::string mutant = valid;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !mutant.empty(); ++e) {
            const std::size_t at = random() % mutant.size();
            switch (random() % 4) {
            case 0: mutant[at] = static_cast<char>(mutant[at] ^ (1 << (random() % 8))); break;
            case 1: mutant.erase(at, 1 + random() % 8); break;
            case 2: mutant.insert(at, 1, interesting[random() % interesting.size()]); break;
            default: mutant[at] = interesting[random() % interesting.size()]; break;
            }
        }
        checkMutant(mutant, tally);
    }
    INFO(tally.firstProblem);
    CHECK(tally.firstProblem.empty());
    CHECK(tally.accepted + tally.rejected == kIterations);
    CHECK(tally.rejected > kIterations / 2);  // most byte edits break the JSON or a value
    CHECK(tally.accepted > 0);                // edits inside free text keep a valid experience
}

TEST_CASE("experience reader survives value and type swaps", "[experience][fuzz]") {
    const Json valid = Json::parse(xrs::test::readText(xrs::test::sampleExperienceFolder() / "experience.json"));
    std::vector<Json::json_pointer> pointers;
    collectPointers(valid, Json::json_pointer(), pointers);
    const std::vector<Json> replacements = {
        nullptr, true, false, 0, -1, 1, 7, 4294967296ll, -9223372036854775807ll - 1, 18446744073709551615ull, 0.5,
        1e308, -1e308, "", "x", "hall", "courtyard", "bell", "vase", "restored", "../x.png", "/etc/passwd",
        "models/hall.gltf", "images/bell.png", "subtitles/stop1.zh.vtt", "zh", "video360", "model", "goToScene",
        Json::array(), Json::array({1, 2, 3}), Json::object(), Json::object({{"zh", "x"}}), Json::object({{"a", 1}})};
    std::mt19937 random(7);
    FuzzTally tally;
    constexpr int kIterations = 2500;
    for (int iteration = 0; iteration < kIterations; ++iteration) {
        Json mutant = valid;
        const int edits = 1 + static_cast<int>(random() % 3);
        for (int e = 0; e < edits; ++e) {
            const auto& pointer = pointers[random() % pointers.size()];
            if (!mutant.contains(pointer)) continue;
            if (random() % 5 == 0 && !pointer.empty()) {
                Json& parent = mutant[pointer.parent_pointer()];
                if (parent.is_object()) parent.erase(pointer.back());
                else if (parent.is_array() && !parent.empty()) parent.erase(parent.size() - 1);
                continue;
            }
            mutant[pointer] = replacements[random() % replacements.size()];
        }
        checkMutant(mutant.dump(), tally);
    }
    INFO(tally.firstProblem);
    CHECK(tally.firstProblem.empty());
    CHECK(tally.rejected > kIterations / 2);
    CHECK(tally.accepted > 0);
}
