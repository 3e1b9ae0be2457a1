// A visitor without controllers takes each built experience's tour from its first stop to its
// end through `xrshow run --until-tour-end`: headless, and on a headset (the simulated OpenXR
// runtime through the real loader, with the Khronos core validation layer). The only input is
// the gaze, which is the head's forward axis (a headset without eye tracking), and the head
// stays where each stop turns it. Whatever it rests on for a second activates (gaze dwell); the
// tour must still reach its end. Both runs step the simulation at 5 Hz so that whole tours (two
// to four minutes each) fit in CI: the session is deterministic in dt, and the 1 s dwell is five
// steps; fades (0.15-0.25 s) reach black within one or two.
#include "ScratchDirectory.h"
#include "XrshowProcess.h"
#include "experience/ExperienceValidator.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kStepHz = 5;
constexpr int kMaxFrames = kStepHz * 900; // a guard: the longest tour is a few minutes

// What the gaze is known to rest on, stop by stop (from each experience's stop poses and hotspot
// positions): the walkthrough must see these activations, in this order, among its events.
const std::map<std::string, std::vector<std::string>> kExpectedGazeActivations = {
    {"museum-tour", {"hotspotActivated 'ding-info' (gaze)", "panelOpened 'ding'"}},
    {"relic-restoration", {"hotspotActivated 'jar-listen' (gaze)", "narrationPaused 'generated/audio/welcome.wav'",
                           "narrationResumed 'generated/audio/welcome.wav'"}},
};

// The event lines ("frame N: <event>") of a run, without the frame numbers.
std::vector<std::string> eventsOf(const std::string& output) {
    std::vector<std::string> events;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("frame ", 0) != 0) continue;
        const auto colon = line.find(": ");
        if (colon != std::string::npos) events.push_back(line.substr(colon + 2));
    }
    return events;
}

// Every expected event appears, in order (others may come between).
void checkInOrder(const std::vector<std::string>& events, const std::vector<std::string>& expected) {
    auto at = events.begin();
    for (const std::string& wanted : expected) {
        at = std::find_if(at, events.end(), [&](const std::string& e) { return e.rfind(wanted, 0) == 0; });
        INFO("expected, in order: " << wanted);
        CHECK(at != events.end());
        if (at == events.end()) return;
        ++at;
    }
}

void checkWalkthrough(const std::string& name, std::size_t stops, const xrs::test::XrshowRun& run) {
    INFO(name << ":\n" << run.output);
    CHECK(run.exitCode == 0);
    const std::vector<std::string> events = eventsOf(run.output);
    std::vector<std::string> tour;
    for (std::size_t stop = 0; stop < stops; ++stop) tour.push_back("tourStopChanged #" + std::to_string(stop));
    tour.push_back("tourFinished #" + std::to_string(stops - 1));
    checkInOrder(events, tour);
    CHECK(run.output.find("tour finished at frame") != std::string::npos);
    if (const auto expected = kExpectedGazeActivations.find(name); expected != kExpectedGazeActivations.end())
        checkInOrder(events, expected->second);
    for (const std::string& event : events) {
        INFO(event);
        // Nothing but the gaze selects, and every stop's narration is heard to its end or
        // paused for a hotspot's: none is cut short.
        const bool activation = event.rfind("hotspotActivated", 0) == 0;
        CHECK((!activation || event.find("(gaze)") != std::string::npos));
        CHECK(event.find("(stopped)") == std::string::npos);
    }
}

struct BuiltExperience {
    std::filesystem::path folder;
    std::string name;
    std::size_t stops = 0;
};

std::vector<BuiltExperience> builtExperiencesWithTours() {
    std::vector<BuiltExperience> built;
    for (const auto& entry : std::filesystem::directory_iterator(XRS_EXPERIENCES_DIR)) {
        const auto folder = entry.path();
        if (!std::filesystem::exists(folder / "experience.json")) continue;
        if (!std::filesystem::exists(folder / "generated")) {
            WARN(folder.filename().string() << ": content not generated here, not walked through");
            continue;
        }
        auto loaded = xrs::experience::loadExperience(folder);
        REQUIRE(loaded.ok());
        if (loaded->tour.empty()) continue;
        built.push_back({folder, folder.filename().string(), loaded->tour.size()});
    }
    return built;
}

std::string commonArguments(const BuiltExperience& experience) {
    return "--validate run '" + experience.folder.string() + "' --mute --until-tour-end --frames " +
           std::to_string(kMaxFrames) + " --samples 1 --overlay off";
}

} // namespace

TEST_CASE("a gaze-only visitor takes every tour to its end, headless", "[content][walkthrough]") {
    xrs::test::ScratchDirectory scratch("walkthrough-headless");
    // The simulated headset without eye tracking: the gaze is the head's forward axis.
    const auto script = scratch.path() / "gaze.txt";
    std::ofstream(script) << "0 gaze ahead\n";
    const auto experiences = builtExperiencesWithTours();
    for (const BuiltExperience& experience : experiences) {
        const auto run = xrs::test::runXrshow(commonArguments(experience) + " --display headless --size 96x64" +
                                              " --step-hz " + std::to_string(kStepHz) + " --script '" +
                                              script.string() + "'");
        checkWalkthrough(experience.name, experience.stops, run);
    }
    CHECK(experiences.size() >= 2);
}

TEST_CASE("a gaze-only visitor takes every tour to its end, on a simulated headset", "[content][walkthrough][xr]") {
    xrs::test::ScratchDirectory scratch("walkthrough-xr");
    // A standing visitor without eye tracking or controllers; frames 1/5 s apart. They take the
    // headset off for 10 s early in the tour: nothing may happen meanwhile.
    constexpr int kOffFrame = 20, kOnFrame = 70;
    const auto script = scratch.path() / "headset.json";
    std::ofstream(script) << R"({
  "frame_period_ns": )" << 1'000'000'000 / kStepHz << R"(,
  "view_resolution": [64, 64],
  "eye_tracking": false,
  "keyframes": [{"frame": 0, "head": {"position": [0, 1.6, 0], "orientation": [0, 0, 0, 1]},
                 "left_hand": {"tracked": false}, "right_hand": {"tracked": false}}],
  "events": [{"frame": )" << kOffFrame << R"(, "event": "headset_off"},
             {"frame": )" << kOnFrame << R"(, "event": "headset_on"}]
})";
    const auto experiences = builtExperiencesWithTours();
    for (const BuiltExperience& experience : experiences) {
        const auto report = scratch.path() / (experience.name + ".core_validation.txt");
        const std::string environment = "XR_RUNTIME_JSON='" XRS_XR_SIM_MANIFEST "' XRS_XR_SIM_SCRIPT='" +
                                        script.string() +
                                        "' XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation"
                                        " XR_CORE_VALIDATION_EXPORT_TYPE=text XR_CORE_VALIDATION_FILE_NAME='" +
                                        report.string() + "'";
        const auto run = xrs::test::runXrshow(commonArguments(experience) + " --display xr", environment);
        checkWalkthrough(experience.name, experience.stops, run);
        CHECK(run.output.find("the experience waits") != std::string::npos);
        CHECK(run.output.find("the visitor is back") != std::string::npos);
        std::istringstream lines(run.output);
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("frame ", 0) != 0) continue;
            const int frame = std::stoi(line.substr(6));
            INFO(line);
            CHECK((frame <= kOffFrame + 2 || frame >= kOnFrame)); // the event reaches us a frame late
        }
        std::ifstream reportFile(report);
        const std::string coreValidation((std::istreambuf_iterator<char>(reportFile)), std::istreambuf_iterator<char>());
        INFO(experience.name << ": OpenXR core validation:\n" << coreValidation);
        CHECK(coreValidation.empty());
    }
    CHECK(experiences.size() >= 2);
}
