#pragma once
// Shared by the runtime tests: a small experience written to a scratch folder (a model hall with
// a teleport area, a 360° courtyard, a tour), its subtitle files and clips, and a driver that
// scripts input frame by frame at a fixed 1/60 s.
#include "FakeNarration.h"
#include "ScratchDirectory.h"
#include "experience/ExperienceIO.h"
#include "runtime/ExperienceSession.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace xrs::test {

inline constexpr double kDt = 1.0 / 60.0;

inline void writeFile(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// The hall (model scene): spawn at [0, 0, 3] facing -Z; in front of it "info" (3 m) and, on the
// same line, "far" (6 m); "door" to the right leads to the courtyard, "story" to the left plays
// a narration. The courtyard (video360, initialYaw 90) has hotspots at yaw 0, 90, -90 and at
// yaw 0 pitch 45. Tour: welcome (hall, narration 4 s in the test, autoAdvance), corner (hall,
// duration 2 s, autoAdvance), courtyard (pose yaw 90).
inline const char* kMuseumJson = R"({
  "format": "xrshow-experience",
  "version": 1,
  "metadata": {"title": {"zh": "青瓷馆", "en": "Celadon Gallery"}},
  "languages": {"default": "zh", "available": ["zh", "en"]},
  "scenes": [
    {
      "id": "hall", "kind": "model", "title": {"zh": "展厅", "en": "Hall"},
      "models": [
        {"path": "models/hall.glb"},
        {"id": "vase", "path": "models/vase_broken.glb", "position": [1.5, 0.8, -2],
         "states": [{"id": "restored", "path": "models/vase_restored.glb"}]}
      ],
      "spawn": {"position": [0, 0, 3], "yaw": 0},
      "teleportAreas": [{"min": [-4, 0, -4], "max": [4, 0, 4]}]
    },
    {
      "id": "courtyard", "kind": "video360", "title": {"zh": "庭院", "en": "Courtyard"},
      "image": "images/courtyard.jpg", "initialYaw": 90
    }
  ],
  "hotspots": [
    {"id": "info", "scene": "hall", "position": [0, 1.6, 0], "icon": "info",
     "label": {"zh": "青瓷瓶", "en": "Celadon vase"}, "action": {"type": "openPanel", "panel": "vase"}},
    {"id": "far", "scene": "hall", "position": [0, 1.6, -3], "icon": "toggle",
     "label": {"zh": "修复前后", "en": "Before and after"},
     "action": {"type": "toggleModelState", "model": "vase", "state": "restored"}},
    {"id": "door", "scene": "hall", "position": [2, 1.6, 0], "icon": "link",
     "label": {"zh": "去庭院", "en": "To the courtyard"},
     "action": {"type": "goToScene", "scene": "courtyard", "view": {"yaw": 180}}},
    {"id": "story", "scene": "hall", "position": [-2, 1.6, 0], "icon": "images/story.png",
     "label": {"zh": "故事"},
     "action": {"type": "playNarration", "narration": "audio/story.ogg",
                "subtitles": {"zh": "subtitles/story.zh.vtt", "en": "subtitles/story.en.srt"}}},
    {"id": "c0", "scene": "courtyard", "yaw": 0, "action": {"type": "goToScene", "scene": "hall"}},
    {"id": "c90", "scene": "courtyard", "yaw": 90, "action": {"type": "goToScene", "scene": "hall"}},
    {"id": "cm90", "scene": "courtyard", "yaw": -90, "action": {"type": "goToScene", "scene": "hall"}},
    {"id": "c45", "scene": "courtyard", "yaw": 0, "pitch": 45, "action": {"type": "goToScene", "scene": "hall"}}
  ],
  "panels": [
    {"id": "vase", "title": {"zh": "青瓷瓶", "en": "Celadon vase"},
     "text": {"zh": "南宋。", "en": "Southern Song."}, "image": "images/vase.jpg", "width": 0.9}
  ],
  "tour": [
    {"id": "welcome", "scene": "hall", "title": {"zh": "欢迎", "en": "Welcome"},
     "pose": {"position": [1, 0, -0.5], "yaw": 20}, "narration": "audio/welcome.ogg",
     "subtitles": {"zh": "subtitles/welcome.zh.vtt", "en": "subtitles/welcome.en.vtt"}, "autoAdvance": true},
    {"id": "corner", "scene": "hall", "title": {"zh": "角落", "en": "Corner"},
     "pose": {"position": [-1, 0, 1], "yaw": -45}, "duration": 2,
     "subtitles": {"zh": "subtitles/corner.zh.vtt"}, "autoAdvance": true},
    {"scene": "courtyard", "title": {"zh": "庭院"}, "pose": {"yaw": 90}}
  ]
})";

inline const char* kWelcomeZh = "WEBVTT\n\n00:00.000 --> 00:01.500\n欢迎\n\n00:01.500 --> 00:03.000\n这是<b>青瓷馆</b>\n";
inline const char* kWelcomeEn = "WEBVTT\n\n00:00.000 --> 00:01.500\nWelcome\n\n00:01.500 --> 00:03.000\nThis is the <b>Celadon Gallery</b>\n";
inline const char* kCornerZh = "WEBVTT\n\n00:00.500 --> 00:01.000\n角落\n";
inline const char* kStoryZh = "WEBVTT\n\n00:00.000 --> 00:00.800\n很久以前\n\n00:00.800 --> 00:01.600\n有一座门\n";
inline const char* kStoryEn = "1\n00:00:00,000 --> 00:00:00,800\nLong ago\n\n2\n00:00:00,800 --> 00:00:01,600\nthere was a gate\n";

// The museum experience in its own scratch folder, with every file the runtime reads.
class MuseumFixture {
public:
    MuseumFixture() : scratch_("runtime") {
        const auto& root = scratch_.path();
        writeFile(root / "experience.json", kMuseumJson);
        writeFile(root / "subtitles/welcome.zh.vtt", kWelcomeZh);
        writeFile(root / "subtitles/welcome.en.vtt", kWelcomeEn);
        writeFile(root / "subtitles/corner.zh.vtt", kCornerZh);
        writeFile(root / "subtitles/story.zh.vtt", kStoryZh);
        writeFile(root / "subtitles/story.en.srt", kStoryEn);
        writeFile(root / "audio/welcome.ogg", "OggS");
        writeFile(root / "audio/story.ogg", "OggS");
        writeFile(root / "images/story.png", "\x89PNG");
        writeFile(root / "images/vase.jpg", "\xFF\xD8\xFF");
        narration.setLength("welcome.ogg", 4.0);
        narration.setLength("story.ogg", 2.0);
    }

    const std::filesystem::path& folder() const { return scratch_.path(); }

    experience::Experience experience() const {
        auto parsed = experience::readExperience(folder());
        for (const auto& diagnostic : parsed.diagnostics) {
            INFO(diagnostic.pointer << ": " << diagnostic.message);
            REQUIRE(diagnostic.severity != experience::Severity::Error);
        }
        return std::move(parsed.experience);
    }

    FakeNarration narration;

private:
    ScratchDirectory scratch_;
};

// A head in tracking space looking along yaw/pitch (degrees, the format's conventions).
inline Pose headAt(glm::vec3 position, float yawDegrees = 0.0f, float pitchDegrees = 0.0f) {
    const glm::quat yaw = glm::angleAxis(glm::radians(yawDegrees), glm::vec3(0, 1, 0));
    const glm::quat pitch = glm::angleAxis(glm::radians(pitchDegrees), glm::vec3(1, 0, 0));
    return {yaw * pitch, position};
}

// The tracking-space point that the session's rig puts at `world`.
inline glm::vec3 toTracking(const runtime::SessionFrame& frame, glm::vec3 world) {
    return glm::vec3(glm::inverse(frame.worldFromTracking) * glm::vec4(world, 1.0f));
}

// A pointer (tracking space) from the head through a world point.
inline runtime::Pointer pointerAt(const runtime::SessionFrame& frame, const Pose& head, glm::vec3 world, bool press) {
    return {{head.position, toTracking(frame, world) - head.position}, press};
}

inline bool hasEvent(const runtime::SessionFrame& frame, runtime::SessionEventType type, const std::string& id = {}) {
    for (const auto& event : frame.events)
        if (event.type == type && (id.empty() || event.id == id)) return true;
    return false;
}

inline std::string eventsText(const runtime::SessionFrame& frame) {
    std::string text;
    for (const auto& event : frame.events) text += runtime::describe(event) + "; ";
    return text;
}

inline const runtime::HotspotView& hotspot(const runtime::SessionFrame& frame, const std::string& id) {
    for (const auto& view : frame.hotspots)
        if (view.id == id) return view;
    FAIL("no hotspot '" << id << "' in scene '" << frame.sceneId << "'");
    return frame.hotspots.front();
}

// How far the head's world heading is from `expectedDegrees`, wrapped to 0..180.
inline float yawErrorDegrees(const runtime::SessionFrame& frame, float expectedDegrees) {
    const float actual = glm::degrees(runtime::yawOf(frame.headWorld.orientation));
    const float difference = std::fmod(std::fabs(actual - expectedDegrees), 360.0f);
    return std::min(difference, 360.0f - difference);
}

// Runs frames with the same input: the fake clock advances, then the session updates.
inline void runFrames(runtime::ExperienceSession& session, FakeNarration& narration, const runtime::VisitorInput& input,
                      int frames) {
    for (int i = 0; i < frames; ++i) {
        narration.advance(kDt);
        session.update(input, kDt);
    }
}

// Runs up to `maxFrames` updates, stopping after the first whose events include `event`; returns
// the events of all of them, concatenated.
inline std::string runUntilEvent(runtime::ExperienceSession& session, FakeNarration& narration,
                                 const runtime::VisitorInput& input, const std::string& event, int maxFrames = 600) {
    std::string events;
    for (int i = 0; i < maxFrames; ++i) {
        runFrames(session, narration, input, 1);
        const std::string text = eventsText(session.frame());
        events += text;
        if (text.find(event) != std::string::npos) break;
    }
    return events;
}

inline void checkVec(glm::vec3 actual, glm::vec3 expected, float margin = 1e-4f) {
    INFO("actual (" << actual.x << ", " << actual.y << ", " << actual.z << "), expected (" << expected.x << ", "
                    << expected.y << ", " << expected.z << ")");
    CHECK(actual.x == Approx(expected.x).margin(margin));
    CHECK(actual.y == Approx(expected.y).margin(margin));
    CHECK(actual.z == Approx(expected.z).margin(margin));
}

inline runtime::SessionSettings noTour() {
    runtime::SessionSettings settings;
    settings.startTour = false;
    return settings;
}

} // namespace xrs::test
