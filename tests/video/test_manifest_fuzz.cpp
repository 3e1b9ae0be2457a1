// Mutation fuzzing of the manifest parser: byte flips/insertions/deletions and value type swaps of
// a valid manifest must never crash or throw; each mutant either parses into a manifest that
// passes validation (and round-trips) or yields an error naming the file.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <random>

#include "test_manifest_sample.h"
#include "video/ManifestIO.h"

using namespace xrs::video;
using Json = nlohmann::json;

namespace {

struct FuzzTally {
    int accepted = 0;
    int rejected = 0;
    std::string firstProblem;
};

void checkMutant(const std::string& text, FuzzTally& tally) {
    try {
        auto parsed = parseManifest(text, "fuzz.json");
        if (!parsed) {
            ++tally.rejected;
            if (parsed.error().message.rfind("fuzz.json: ", 0) != 0 && tally.firstProblem.empty())
                tally.firstProblem = "error without file name: " + parsed.error().message;
            return;
        }
        ++tally.accepted;
        if (xrs::Status status = validateManifest(*parsed, "fuzz.json"); !status && tally.firstProblem.empty())
            tally.firstProblem = "accepted but invalid: " + status.error().message + "\n" + text;
        auto again = parseManifest(writeManifest(*parsed), "fuzz.json");
        if (!again && tally.firstProblem.empty()) tally.firstProblem = "accepted but does not round-trip: " + again.error().message;
    } catch (const std::exception& error) {
        if (tally.firstProblem.empty()) tally.firstProblem = std::string("threw: ") + error.what() + "\n" + text;
    }
}

// Every value in the tree, by JSON pointer.
void collectPointers(const Json& node, const Json::json_pointer& at, std::vector<Json::json_pointer>& out) {
    out.push_back(at);
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) collectPointers(it.value(), at / it.key(), out);
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) collectPointers(node[i], at / i, out);
    }
}

} // namespace

TEST_CASE("manifest parser survives byte mutations", "[video][manifest][fuzz]") {
    const std::string valid = writeManifest(testing::sampleManifest(StereoLayout::TopBottom));
    std::mt19937 random(20261122);
    const std::string interesting = "{}[]\",:0123456789-.eE \\/tfn";
    FuzzTally tally;
    for (int iteration = 0; iteration < 3000; ++iteration) {
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
    CHECK(tally.accepted + tally.rejected == 3000);
    CHECK(tally.rejected > 1000);  // most mutations must be caught
    CHECK(tally.accepted > 0);     // flips inside digests/whitespace keep a valid manifest
}

TEST_CASE("manifest parser survives value type swaps", "[video][manifest][fuzz]") {
    const Json valid = Json::parse(writeManifest(testing::sampleManifest(StereoLayout::Mono)));
    std::vector<Json::json_pointer> pointers;
    collectPointers(valid, Json::json_pointer(), pointers);
    const std::vector<Json> replacements = {nullptr, true, 0, -1, 1, 2, 7, 4294967296ll, -9223372036854775807ll - 1,
                                            18446744073709551615ull, 0.5, 1e308, "", "x", "../x.mp4", Json::array(),
                                            Json::array({1}), Json::object(), Json::object({{"a", 1}})};
    std::mt19937 random(7);
    FuzzTally tally;
    for (int iteration = 0; iteration < 2000; ++iteration) {
        Json mutant = valid;
        const int edits = 1 + static_cast<int>(random() % 2);
        for (int e = 0; e < edits; ++e) {
            const auto& pointer = pointers[random() % pointers.size()];
            if (!mutant.contains(pointer)) continue;
            if (random() % 5 == 0 && !pointer.empty()) {
                // Delete the member or element instead of replacing it.
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
    CHECK(tally.rejected > 1500);
}
