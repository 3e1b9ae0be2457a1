// The tour and narration: arrival at the stop's pose, auto-advance on the narration clock (a
// scripted fake) or the stop's duration, captions at exact cue boundaries, language switching,
// and optional assets that are missing or broken.
#include "RuntimeTestSupport.h"

#include <catch2/catch.hpp>

using namespace xrs;
using namespace xrs::runtime;

namespace {

VisitorInput trackedHead() {
    VisitorInput input;
    input.head = test::headAt({0.3f, 1.7f, -0.2f}, 50.0f, 10.0f);   // anywhere, looking anywhere
    input.gazeDirection = glm::vec3(0, 1, 0);                        // at the ceiling: no dwell
    return input;
}

} // namespace

TEST_CASE("the tour starts at its first stop's pose", "[runtime][tour]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration);
    test::runFrames(session, fixture.narration, trackedHead(), 1);
    const SessionFrame& frame = session.frame();
    CHECK(test::eventsText(frame) ==
          "sceneChanged #0 'hall'; tourStopChanged #0 'welcome'; narrationStarted 'audio/welcome.ogg'; ");
    // Feet on the pose's position, the head at its tracked height, facing the pose's yaw.
    test::checkVec(frame.headWorld.position, {1.0f, 1.7f, -0.5f});
    CHECK(test::yawErrorDegrees(frame, 20.0f) == Approx(0.0).margin(1e-4));
    CHECK(frame.tourStop == std::optional<std::size_t>(0));
    CHECK(session.currentTourStop() == std::optional<std::size_t>(0));
    CHECK(session.tourStopTitles() == std::vector<std::string>{"欢迎", "角落", "庭院"});
    // The guide's voice is not positional.
    REQUIRE(fixture.narration.started().size() == 1);
    const auto& playback = fixture.narration.playback(fixture.narration.started()[0]);
    CHECK(playback.clip == fixture.folder() / "audio/welcome.ogg");
    CHECK_FALSE(playback.position);
}

TEST_CASE("the narration clock drives captions and auto-advance", "[runtime][tour][captions]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration);
    const SessionFrame& frame = session.frame();
    const VisitorInput input = trackedHead();
    test::runFrames(session, fixture.narration, input, 1);   // update 1: narration at 0 s
    CHECK(frame.caption == "欢迎");
    test::runFrames(session, fixture.narration, input, 89);  // 89/60 s
    CHECK(frame.caption == "欢迎");
    test::runFrames(session, fixture.narration, input, 1);   // 1.5 s: the second cue, tags removed
    CHECK(frame.caption == "这是青瓷馆");
    test::runFrames(session, fixture.narration, input, 89);
    CHECK(frame.caption == "这是青瓷馆");
    test::runFrames(session, fixture.narration, input, 1);   // 3.0 s: the last cue has ended
    CHECK(frame.caption.empty());

    // The clip lasts 4 s: it ends on update 241, and the tour moves on through a teleport fade.
    test::runFrames(session, fixture.narration, input, 59);  // update 240
    CHECK(frame.events.empty());
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "narrationEnded 'audio/welcome.ogg' (finished); ");
    CHECK(fixture.narration.playingCount() == 0);
    test::runFrames(session, fixture.narration, input, 8);
    CHECK(frame.tourStop == std::optional<std::size_t>(0));
    test::runFrames(session, fixture.narration, input, 1);   // update 250, at black
    CHECK(frame.fadeAlpha == 1.0f);
    CHECK(test::eventsText(frame) == "teleported 'hall'; tourStopChanged #1 'corner'; ");
    test::checkVec(frame.headWorld.position, {-1.0f, 1.7f, 1.0f});
    CHECK(test::yawErrorDegrees(frame, -45.0f) == Approx(0.0).margin(1e-4));

    // The corner has no narration: its 2 s duration is the clock (cue 0.5 .. 1.0 s).
    test::runFrames(session, fixture.narration, input, 29);
    CHECK(frame.caption.empty());
    test::runFrames(session, fixture.narration, input, 1);   // 0.5 s
    CHECK(frame.caption == "角落");
    test::runFrames(session, fixture.narration, input, 30);  // 1.0 s
    CHECK(frame.caption.empty());
    test::runFrames(session, fixture.narration, input, 59);  // 1.983 s
    CHECK(frame.events.empty());
    test::runFrames(session, fixture.narration, input, 1);   // 2.0 s: on to the courtyard (scene fade)
    CHECK(frame.events.empty());
    test::runFrames(session, fixture.narration, input, 14);
    CHECK(frame.sceneId == "hall");
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "sceneChanged #1 'courtyard'; tourStopChanged #2; ");
    CHECK(test::yawErrorDegrees(frame, 90.0f) == Approx(0.0).margin(1e-4));

    // The last stop does not advance; next refuses, previous goes back.
    test::runFrames(session, fixture.narration, input, 600);
    CHECK(frame.tourStop == std::optional<std::size_t>(2));
    CHECK_FALSE(session.nextTourStop());
    CHECK(session.previousTourStop());
    test::runFrames(session, fixture.narration, input, 15);
    CHECK(test::eventsText(frame) == "sceneChanged #0 'hall'; tourStopChanged #1 'corner'; ");
    CHECK(session.goToTourStop(3).error().message ==
          (fixture.folder() / "experience.json").string() + ": tour stop 3 does not exist (the tour has 3 stops)");
}

TEST_CASE("the tour finishes when its last stop has been heard, auto-advance or not", "[runtime][tour]") {
    test::MuseumFixture fixture;
    experience::Experience exp = fixture.experience();
    REQUIRE_FALSE(exp.tour[2].autoAdvance.value_or(false));
    exp.tour[2].durationSeconds = 1.0; // the courtyard: 1 s, then the tour is over
    ExperienceSession session(std::move(exp), fixture.narration);
    const SessionFrame& frame = session.frame();
    const VisitorInput input = trackedHead();
    test::runFrames(session, fixture.narration, input, 1);
    REQUIRE(session.goToTourStop(2).ok());
    CHECK(test::runUntilEvent(session, fixture.narration, input, "tourStopChanged") ==
          "narrationEnded 'audio/welcome.ogg' (stopped); sceneChanged #1 'courtyard'; tourStopChanged #2; ");
    test::runFrames(session, fixture.narration, input, 59);
    CHECK(frame.events.empty());
    test::runFrames(session, fixture.narration, input, 1);  // 1 s after the arrival
    CHECK(test::eventsText(frame) == "tourFinished #2; ");
    CHECK(frame.tourStop == std::optional<std::size_t>(2)); // the visitor stays where the tour ended
    test::runFrames(session, fixture.narration, input, 120);
    CHECK(frame.events.empty());                            // and it finishes once
}

TEST_CASE("captions switch exactly at cue boundaries", "[runtime][captions]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration);
    const SessionFrame& frame = session.frame();
    const VisitorInput input = trackedHead();
    test::runFrames(session, fixture.narration, input, 1);
    const NarrationId id = fixture.narration.started().at(0);
    const std::pair<double, const char*> expected[] = {
        {0.0, "欢迎"}, {1.499, "欢迎"}, {1.4994, "欢迎"}, {1.5, "这是青瓷馆"}, {2.999, "这是青瓷馆"}, {3.0, ""}, {3.5, ""},
    };
    for (const auto& [seconds, caption] : expected) {
        fixture.narration.seek(id, seconds);
        session.update(input, 0.0);
        INFO("at " << seconds << " s");
        CHECK(frame.caption == caption);
    }
    // The language switches mid-cue; the clock stays.
    fixture.narration.seek(id, 2.0);
    REQUIRE(session.setLanguage("en"));
    session.update(input, 0.0);
    CHECK(frame.caption == "This is the Celadon Gallery");
    CHECK(test::eventsText(frame) == "languageChanged 'en'; ");
}

TEST_CASE("languages: every visitor string follows the switch, unknown codes are refused", "[runtime][language]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    const SessionFrame& frame = session.frame();
    VisitorInput input = trackedHead();
    test::runFrames(session, fixture.narration, input, 20);
    CHECK(session.language() == "zh");
    REQUIRE(session.activateHotspot("info"));
    CHECK(session.setLanguage("fr").error().message ==
          (fixture.folder() / "experience.json").string() + ": language 'fr' is not available (available: zh, en)");
    CHECK(session.language() == "zh");
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "hotspotActivated 'info' (ui); panelOpened 'vase'; ");
    CHECK(frame.panel->title == "青瓷瓶");

    REQUIRE(session.setLanguage("en"));
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.sceneTitle == "Hall");
    CHECK(test::hotspot(frame, "info").label == "Celadon vase");
    CHECK(test::hotspot(frame, "story").label == "故事");   // no English: the default language
    CHECK(frame.panel->title == "Celadon vase");
    CHECK(frame.panel->text == "Southern Song.");
    CHECK(session.tourStopTitles() == std::vector<std::string>{"Welcome", "Corner", "庭院"});
    CHECK(session.activateHotspot("c0").error().message ==
          (fixture.folder() / "experience.json").string() + ": hotspot 'c0' is not in scene 'hall'");
}

TEST_CASE("a hotspot narration plays at the hotspot, pauses the tour's and toggles", "[runtime][narration][tour]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration);
    const SessionFrame& frame = session.frame();
    VisitorInput input = trackedHead();
    test::runFrames(session, fixture.narration, input, 30);
    REQUIRE(session.setLanguage("en"));
    REQUIRE(session.activateHotspot("story"));
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "languageChanged 'en'; hotspotActivated 'story' (ui); narrationPaused "
                                     "'audio/welcome.ogg'; narrationStarted 'audio/story.ogg'; ");
    REQUIRE(fixture.narration.started().size() == 2);
    const auto& playback = fixture.narration.playback(fixture.narration.started()[1]);
    REQUIRE(playback.position);
    test::checkVec(*playback.position, {-2.0f, 1.6f, 0.0f});
    const auto& welcome = fixture.narration.playback(fixture.narration.started()[0]);
    CHECK(welcome.paused);
    CHECK(welcome.seconds == Approx(29.0 / 60.0));
    CHECK(fixture.narration.playingCount() == 1);
    // SubRip captions in English, on the story's clock (started one frame ago).
    CHECK(frame.caption == "Long ago");
    test::runFrames(session, fixture.narration, input, 47);   // 0.8 s
    CHECK(frame.caption == "there was a gate");
    CHECK(welcome.seconds == Approx(29.0 / 60.0));   // the tour's clock stood still
    // Selecting it again stops it; the tour's narration goes on where it was, and advances.
    REQUIRE(session.activateHotspot("story"));
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "hotspotActivated 'story' (ui); narrationEnded 'audio/story.ogg' (stopped); "
                                     "narrationResumed 'audio/welcome.ogg'; ");
    CHECK_FALSE(welcome.paused);
    CHECK(frame.caption == "Welcome");
    // 4 s - 29/60 s of the welcome are left, then the teleport fade (0.15 s to black).
    test::runFrames(session, fixture.narration, input, 211);
    CHECK(test::eventsText(frame) == "narrationEnded 'audio/welcome.ogg' (finished); ");
    test::runFrames(session, fixture.narration, input, 10);
    CHECK(frame.tourStop == std::optional<std::size_t>(1));
}

TEST_CASE("a hotspot narration that ends by itself gives the tour its voice back", "[runtime][narration][tour]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration);
    const SessionFrame& frame = session.frame();
    const VisitorInput input = trackedHead();
    test::runFrames(session, fixture.narration, input, 1);
    REQUIRE(session.activateHotspot("story"));
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.caption == "很久以前");
    test::runFrames(session, fixture.narration, input, 118);
    CHECK(fixture.narration.playingCount() == 1);
    test::runFrames(session, fixture.narration, input, 1);     // the story's 2 s are over
    CHECK(test::eventsText(frame) == "narrationEnded 'audio/story.ogg' (finished); ");
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "narrationResumed 'audio/welcome.ogg'; ");
    CHECK(frame.caption == "欢迎");
    // A tour stop while the tour's voice waits: the waiting voice is dropped, not resumed later.
    REQUIRE(session.activateHotspot("story"));
    CHECK(session.nextTourStop());
    CHECK(test::runUntilEvent(session, fixture.narration, input, "tourStopChanged") ==
          "hotspotActivated 'story' (ui); narrationPaused 'audio/welcome.ogg'; narrationStarted 'audio/story.ogg'; "
          "narrationEnded 'audio/welcome.ogg' (stopped); teleported 'hall'; tourStopChanged #1 'corner'; "
          "narrationEnded 'audio/story.ogg' (stopped); ");
    CHECK(fixture.narration.playingCount() == 0);   // the corner has a duration, no clip
    for (const auto id : fixture.narration.started()) CHECK(fixture.narration.playback(id).stopped);
}

TEST_CASE("a clip that cannot play is silent but keeps time for captions and the tour", "[runtime][narration]") {
    test::MuseumFixture fixture;
    test::FakeNarration silent;   // knows no clip: every start fails, like a machine without audio
    ExperienceSession session(fixture.experience(), silent);
    const SessionFrame& frame = session.frame();
    const VisitorInput input = trackedHead();
    test::runFrames(session, silent, input, 1);
    CHECK(test::eventsText(frame) ==
          "sceneChanged #0 'hall'; tourStopChanged #0 'welcome'; narrationStarted 'audio/welcome.ogg' (silent); ");
    CHECK(frame.caption == "欢迎");
    test::runFrames(session, silent, input, 90);
    CHECK(frame.caption == "这是青瓷馆");
    // It lasts as long as its captions: 3 s.
    test::runFrames(session, silent, input, 89);
    CHECK(frame.events.empty());
    test::runFrames(session, silent, input, 1);
    CHECK(test::eventsText(frame) == "narrationEnded 'audio/welcome.ogg' (finished); ");
    test::runFrames(session, silent, input, 9);
    CHECK(frame.tourStop == std::optional<std::size_t>(1));
    CHECK(session.assetProblems().empty());
}

TEST_CASE("missing or broken optional assets degrade with one logged problem each", "[runtime][assets]") {
    test::MuseumFixture fixture;
    std::filesystem::remove(fixture.folder() / "subtitles/story.en.srt");
    std::filesystem::remove(fixture.folder() / "audio/story.ogg");
    std::filesystem::remove(fixture.folder() / "images/vase.jpg");
    test::writeFile(fixture.folder() / "subtitles/corner.zh.vtt", "WEBVTT\n\n00:00.500 -> 00:01.000\n角落\n");
    ExperienceSession session(fixture.experience(), fixture.narration, test::noTour());
    const SessionFrame& frame = session.frame();
    const std::string folder = fixture.folder().string();
    REQUIRE(session.assetProblems().size() == 2);
    CHECK(session.assetProblems()[0] ==
          folder + "/subtitles/corner.zh.vtt:3: expected a cue timing line 'HH:MM:SS.mmm --> HH:MM:SS.mmm' "
                   "after '00:00.500 -> 00:01.000' (no captions)");
    CHECK(session.assetProblems()[1] == folder + "/subtitles/story.en.srt: missing (no captions)");

    VisitorInput input = trackedHead();
    test::runFrames(session, fixture.narration, input, 20);
    REQUIRE(session.setLanguage("en"));
    REQUIRE(session.activateHotspot("story"));
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) ==
          "languageChanged 'en'; hotspotActivated 'story' (ui); narrationStarted 'audio/story.ogg' (silent); ");
    CHECK(frame.caption.empty());              // no English captions
    REQUIRE(session.setLanguage("zh"));
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(frame.caption == "很久以前");          // the Chinese ones still work

    REQUIRE(session.activateHotspot("info"));
    test::runFrames(session, fixture.narration, input, 1);
    REQUIRE(frame.panel);
    CHECK_FALSE(frame.panel->image);          // the renderer shows a placeholder
    // Logged once each, however often they are used.
    REQUIRE(session.activateHotspot("story"));
    REQUIRE(session.activateHotspot("story"));
    REQUIRE(session.activateHotspot("info"));
    REQUIRE(session.activateHotspot("info"));
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(session.assetProblems() == std::vector<std::string>{
                                         session.assetProblems()[0], session.assetProblems()[1],
                                         folder + "/audio/story.ogg: missing narration clip",
                                         folder + "/images/vase.jpg: missing panel image"});
}

TEST_CASE("tour requests during a fade change where it leads", "[runtime][tour]") {
    test::MuseumFixture fixture;
    ExperienceSession session(fixture.experience(), fixture.narration);
    const SessionFrame& frame = session.frame();
    const VisitorInput input = trackedHead();
    test::runFrames(session, fixture.narration, input, 30);
    // Two quick presses: the second counts from the stop being faded to, and replaces it.
    CHECK(session.nextTourStop());
    test::runFrames(session, fixture.narration, input, 3);
    CHECK(session.nextTourStop());
    CHECK_FALSE(session.nextTourStop());
    test::runFrames(session, fixture.narration, input, 6);   // the teleport fade's pace is kept
    CHECK(frame.fadeAlpha == 1.0f);
    CHECK(test::eventsText(frame) ==
          "narrationEnded 'audio/welcome.ogg' (stopped); sceneChanged #1 'courtyard'; tourStopChanged #2; ");

    // A goToScene without a view arrives at the target's spawn.
    test::runFrames(session, fixture.narration, input, 9);
    REQUIRE(session.activateHotspot("c0"));
    test::runFrames(session, fixture.narration, input, 1);
    CHECK(test::eventsText(frame) == "hotspotActivated 'c0' (ui); ");
    test::runFrames(session, fixture.narration, input, 14);
    CHECK(test::eventsText(frame) == "sceneChanged #0 'hall'; ");
    test::checkVec(frame.headWorld.position, {0.0f, 1.7f, 3.0f});
    CHECK(test::yawErrorDegrees(frame, 0.0f) == Approx(0.0).margin(1e-4));
    CHECK(frame.tourStop == std::optional<std::size_t>(2));   // leaving the tour's scene keeps its place
}
