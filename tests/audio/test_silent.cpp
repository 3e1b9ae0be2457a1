// The silent engine (no device, or output switched off): voices have clocks that update(dt)
// advances, so subtitles and tour auto-advance run exactly as with sound.
#include <catch2/catch.hpp>

#include "AudioTestSupport.h"
#include "ScratchDirectory.h"
#include "audio/AudioEngine.h"
#include "experience/Subtitles.h"

#include <cmath>

using namespace xrs;
using namespace xrs::audio;

namespace {

AudioEngine silentEngine() {
    AudioEngineOptions options;
    options.silent = true;
    AudioEngine engine = AudioEngine::create(options);
    REQUIRE(engine.silent());
    return engine;
}

} // namespace

TEST_CASE("silent engine: says why, and every call still works", "[audio][silent]") {
    AudioEngine engine = silentEngine();
    CHECK(engine.silentReason() == "audio output disabled");
    CHECK(engine.deviceName().empty());
    CHECK_FALSE(engine.hrtfActive());
    CHECK_FALSE(engine.loopback());
    engine.setListener({1.0f, 2.0f, 3.0f}, {0.0f, 0.0f, -1.0f}, {0.0f, 1.0f, 0.0f});
    PlayOptions positional;
    positional.position = glm::vec3(1.0f, 0.0f, 0.0f);
    const VoiceHandle voice = engine.play(test::sineClip(440.0, 48000, 1.0), positional);
    engine.setPosition(voice, {2.0f, 0.0f, 0.0f});
    engine.setVolume(voice, 0.5f);
    engine.update(0.25);
    CHECK(engine.seconds(voice) == 0.25);
}

TEST_CASE("silent engine: the clock advances with update(dt) and stops at the end", "[audio][silent][clock]") {
    AudioEngine engine = silentEngine();
    const VoiceHandle voice = engine.play(test::sineClip(440.0, 48000, 2.0));
    CHECK(engine.duration(voice) == 2.0);
    CHECK(engine.seconds(voice) == 0.0);
    for (int i = 0; i < 3; ++i) engine.update(0.5);
    CHECK(engine.seconds(voice) == 1.5);
    CHECK_FALSE(engine.finished(voice));

    engine.pause(voice);
    engine.update(10.0);
    CHECK(engine.seconds(voice) == 1.5);
    engine.resume(voice);

    engine.update(1.0);
    CHECK(engine.finished(voice));
    CHECK(engine.seconds(voice) == 2.0);   // clamped to the duration

    engine.stop(voice);
    CHECK(engine.finished(voice));   // forgotten handles count as finished
    CHECK(engine.seconds(voice) == 0.0);
    CHECK(engine.duration(voice) == 0.0);
    CHECK(engine.voiceCount() == 0);
}

TEST_CASE("silent engine: suspended, the clocks stand still", "[audio][silent][clock]") {
    AudioEngine engine = silentEngine();
    const VoiceHandle voice = engine.play(test::sineClip(440.0, 48000, 2.0));
    engine.update(0.5);
    engine.setSuspended(true);
    engine.update(10.0);
    CHECK(engine.seconds(voice) == 0.5);
    CHECK_FALSE(engine.finished(voice));
    engine.setSuspended(false);
    engine.update(0.5);
    CHECK(engine.seconds(voice) == 1.0);
}

TEST_CASE("silent engine: a looping clock wraps and never finishes", "[audio][silent][clock]") {
    AudioEngine engine = silentEngine();
    PlayOptions options;
    options.loop = true;
    const VoiceHandle voice = engine.play(test::sineClip(220.0, 48000, 2.0), options);
    for (int i = 0; i < 5; ++i) engine.update(0.5);
    CHECK(engine.seconds(voice) == 0.5);   // 2.5 s into a 2 s loop
    engine.update(100.25);
    CHECK(engine.seconds(voice) == Approx(0.75).margin(1e-9));
    CHECK_FALSE(engine.finished(voice));
}

TEST_CASE("silent engine: voices are independent and handles are not reused", "[audio][silent]") {
    AudioEngine engine = silentEngine();
    const VoiceHandle first = engine.play(test::sineClip(440.0, 48000, 1.0));
    engine.update(0.5);
    const VoiceHandle second = engine.play(test::sineClip(440.0, 48000, 1.0));
    CHECK(first.id != second.id);
    engine.update(0.25);
    CHECK(engine.seconds(first) == 0.75);
    CHECK(engine.seconds(second) == 0.25);
    engine.stop(first);
    const VoiceHandle third = engine.play(test::sineClip(440.0, 48000, 1.0));
    CHECK(third.id != first.id);
    CHECK(engine.voiceCount() == 2);
    CHECK_FALSE(VoiceHandle{});
}

TEST_CASE("silent engine: plays files by path (their duration is the clock's end)", "[audio][silent]") {
    xrs::test::ScratchDirectory dir("audio-silent");
    test::writeWav(dir.path() / "stop.wav", 16000, 1, test::sineSamples(440.0, 16000, 24000, 0.5));
    AudioEngine engine = silentEngine();
    auto voice = engine.play(dir.path() / "stop.wav");
    REQUIRE(voice);
    CHECK(engine.duration(*voice) == 1.5);
    engine.update(1.0);
    CHECK(engine.seconds(*voice) == 1.0);

    auto missing = engine.play(dir.path() / "gone.ogg");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message == (dir.path() / "gone.ogg").string() + ": no such file");
    CHECK(engine.voiceCount() == 1);
}

TEST_CASE("silent loopback engine: rendered frames are the clock, and they are zeros", "[audio][silent][clock]") {
    AudioEngineOptions options;
    options.silent = true;
    options.loopback = LoopbackFormat{48000, 2};
    AudioEngine engine = AudioEngine::create(options);
    REQUIRE(engine.silent());
    REQUIRE(engine.loopback());
    const VoiceHandle voice = engine.play(test::sineClip(440.0, 48000, 1.0));
    engine.update(0.9);   // not the clock in loopback mode
    CHECK(engine.seconds(voice) == 0.0);
    std::vector<float> mix(48000, 1.0f);
    engine.renderLoopback(std::span<float>(mix));   // 24000 stereo frames
    CHECK(engine.seconds(voice) == 0.5);
    CHECK(std::all_of(mix.begin(), mix.end(), [](float s) { return s == 0.0f; }));
}

TEST_CASE("the default device: sound or a silent engine, never a failure", "[audio][silent]") {
    // On this machine and in CI there is no sound card, so this is the silent path; on a
    // developer's machine it is the real device. Either way the clock runs.
    AudioEngine engine = AudioEngine::create();
    INFO("device '" << engine.deviceName() << "', silent: '" << engine.silentReason() << "'");
    CHECK(engine.silent() == !engine.silentReason().empty());
    CHECK(engine.silent() == engine.deviceName().empty());
    const VoiceHandle voice = engine.play(test::sineClip(440.0, 48000, 0.5, 0.05));
    CHECK(engine.duration(voice) == 0.5);
    if (engine.silent()) {
        engine.update(0.2);
        CHECK(engine.seconds(voice) == Approx(0.2));
    }
    engine.stop(voice);
}

TEST_CASE("subtitle cues follow the narration clock", "[audio][silent][subtitles]") {
    const std::string vtt =
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:01.000\nWelcome to the hall.\n\n"
        "00:00:01.000 --> 00:00:02.500\nThis vase was restored.\n";
    auto track = experience::parseSubtitles(vtt, experience::SubtitleFormat::WebVtt, "stop1.en.vtt");
    REQUIRE(track);

    AudioEngine engine = silentEngine();
    const VoiceHandle narration = engine.play(test::sineClip(440.0, 48000, 3.0));
    // A 64 Hz frame loop (an exact binary step, so frame n is at exactly n/64 s).
    auto shown = [&]() {
        const auto ms = static_cast<std::int64_t>(std::llround(engine.seconds(narration) * 1000.0));
        const auto cues = experience::cuesAt(*track, ms);
        return cues.empty() ? std::string("-") : cues.front()->text;
    };
    int secondCueFrame = -1, clearedFrame = -1, finishedFrame = -1;
    CHECK(shown() == "Welcome to the hall.");
    for (int frame = 1; frame <= 256 && finishedFrame < 0; ++frame) {
        engine.update(1.0 / 64.0);
        const std::string text = shown();
        if (secondCueFrame < 0 && text == "This vase was restored.") secondCueFrame = frame;
        if (secondCueFrame > 0 && clearedFrame < 0 && text == "-") clearedFrame = frame;
        if (engine.finished(narration)) finishedFrame = frame;
    }
    CHECK(secondCueFrame == 64);    // 1.000 s
    CHECK(clearedFrame == 160);     // 2.500 s
    CHECK(finishedFrame == 192);    // 3.000 s: where a tour stop with autoAdvance moves on
}
