// OpenAL Soft through its loopback device (ALC_SOFT_loopback): what the engine mixes is read
// back as samples, so direction, distance and the narration clock are checked without a sound
// card. The listener stands at the origin looking down -Z with +Y up (the renderer's frame).
#include <catch2/catch.hpp>

#include "AudioTestSupport.h"
#include "ScratchDirectory.h"
#include "audio/AudioEngine.h"

#include <cmath>

using namespace xrs;
using namespace xrs::audio;

namespace {

constexpr int kRate = 48000;

struct ChannelLevels {
    double left = 0.0;
    double right = 0.0;
};

ChannelLevels rms(const std::vector<float>& interleaved) {
    double left = 0.0, right = 0.0;
    const std::size_t frames = interleaved.size() / 2;
    for (std::size_t i = 0; i < frames; ++i) {
        left += static_cast<double>(interleaved[2 * i]) * interleaved[2 * i];
        right += static_cast<double>(interleaved[2 * i + 1]) * interleaved[2 * i + 1];
    }
    return {std::sqrt(left / static_cast<double>(frames)), std::sqrt(right / static_cast<double>(frames))};
}

AudioEngine loopbackEngine(bool hrtf) {
    AudioEngineOptions options;
    options.loopback = LoopbackFormat{kRate, 2};
    options.hrtf = hrtf;
    AudioEngine engine = AudioEngine::create(options);
    REQUIRE_FALSE(engine.silent());
    REQUIRE(engine.loopback());
    engine.setListener({0.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f}, {0.0f, 1.0f, 0.0f});
    return engine;
}

// Levels of a looping 440 Hz tone at `position`, after a short settling time (gain and HRTF
// changes are smoothed over the first few hundred samples).
ChannelLevels levelsAt(AudioEngine& engine, const glm::vec3& position) {
    const AudioClip tone = test::sineClip(440.0, kRate, 1.0);
    PlayOptions play;
    play.position = position;
    play.loop = true;
    const VoiceHandle voice = engine.play(tone, play);
    engine.renderLoopback(kRate / 10);
    const ChannelLevels levels = rms(engine.renderLoopback(kRate / 2));
    engine.stop(voice);
    return levels;
}

} // namespace

TEST_CASE("loopback, panning: a source on the left is louder in the left channel", "[audio][loopback]") {
    AudioEngine engine = loopbackEngine(false);
    CHECK_FALSE(engine.hrtfActive());

    const ChannelLevels left = levelsAt(engine, {-2.0f, 0.0f, 0.0f});
    INFO("left source: L " << left.left << " R " << left.right);
    CHECK(left.left > 0.05);
    CHECK(left.left > 3.0 * left.right);

    const ChannelLevels right = levelsAt(engine, {2.0f, 0.0f, 0.0f});
    INFO("right source: L " << right.left << " R " << right.right);
    CHECK(right.right > 3.0 * right.left);
    // Mirror images: the same levels with the channels swapped.
    CHECK(right.right == Approx(left.left).epsilon(0.01));
    CHECK(right.left == Approx(left.right).epsilon(0.01));

    const ChannelLevels ahead = levelsAt(engine, {0.0f, 0.0f, -2.0f});
    INFO("source ahead: L " << ahead.left << " R " << ahead.right);
    CHECK(ahead.left == Approx(ahead.right).epsilon(0.01));
}

TEST_CASE("loopback, HRTF: a source on the left is louder in the left ear", "[audio][loopback]") {
    AudioEngine engine = loopbackEngine(true);
    // OpenAL Soft 1.19 ships a built-in HRTF data set, so the request is granted.
    REQUIRE(engine.hrtfActive());

    const ChannelLevels left = levelsAt(engine, {-2.0f, 0.0f, 0.0f});
    INFO("left source: L " << left.left << " R " << left.right);
    // The head shadows the far ear: at 440 Hz the interaural level difference is several dB.
    CHECK(left.left > 1.5 * left.right);

    const ChannelLevels right = levelsAt(engine, {2.0f, 0.0f, 0.0f});
    INFO("right source: L " << right.left << " R " << right.right);
    CHECK(right.right > 1.5 * right.left);
    // The built-in data set is symmetric: the mirror case swaps the ears.
    CHECK(right.right == Approx(left.left).epsilon(0.02));
    CHECK(right.left == Approx(left.right).epsilon(0.02));
}

TEST_CASE("loopback: the listener's orientation turns the sound", "[audio][loopback]") {
    AudioEngine engine = loopbackEngine(false);
    // Facing +X, a source at -Z is on the visitor's left.
    engine.setListener({0.0f, 0.0f, 0.0f}, {1.0f, 0.0f, 0.0f}, {0.0f, 1.0f, 0.0f});
    const ChannelLevels levels = levelsAt(engine, {0.0f, 0.0f, -2.0f});
    INFO("L " << levels.left << " R " << levels.right);
    CHECK(levels.left > 3.0 * levels.right);
    // Moving the listener moves the sound: a source 2 m to the right of a listener at (5, 0, 0).
    engine.setListener({5.0f, 0.0f, 0.0f}, {0.0f, 0.0f, -1.0f}, {0.0f, 1.0f, 0.0f});
    const ChannelLevels moved = levelsAt(engine, {7.0f, 0.0f, 0.0f});
    CHECK(moved.right > 3.0 * moved.left);
}

TEST_CASE("loopback: inverse distance, clamped at the reference distance", "[audio][loopback]") {
    AudioEngine engine = loopbackEngine(false);
    auto total = [](const ChannelLevels& l) { return std::sqrt(l.left * l.left + l.right * l.right); };
    const double at1 = total(levelsAt(engine, {0.0f, 0.0f, -1.0f}));
    const double at2 = total(levelsAt(engine, {0.0f, 0.0f, -2.0f}));
    const double at4 = total(levelsAt(engine, {0.0f, 0.0f, -4.0f}));
    const double atHalf = total(levelsAt(engine, {0.0f, 0.0f, -0.5f}));
    INFO("0.5 m " << atHalf << ", 1 m " << at1 << ", 2 m " << at2 << ", 4 m " << at4);
    CHECK(at2 / at1 == Approx(0.5).epsilon(0.05));
    CHECK(at4 / at1 == Approx(0.25).epsilon(0.05));
    CHECK(atHalf / at1 == Approx(1.0).epsilon(0.05));   // nearer than 1 m is not louder
}

TEST_CASE("loopback: a head-relative voice is centred and not attenuated", "[audio][loopback]") {
    AudioEngine engine = loopbackEngine(false);
    engine.setListener({10.0f, 0.0f, 10.0f}, {1.0f, 0.0f, 0.0f}, {0.0f, 1.0f, 0.0f});
    const AudioClip tone = test::sineClip(440.0, kRate, 1.0);
    PlayOptions options;
    options.loop = true;
    options.volume = 0.5f;
    const VoiceHandle voice = engine.play(tone, options);
    engine.renderLoopback(kRate / 10);
    const ChannelLevels centred = rms(engine.renderLoopback(kRate / 2));
    INFO("L " << centred.left << " R " << centred.right);
    CHECK(centred.left == Approx(centred.right).epsilon(0.01));

    engine.setVolume(voice, 0.25f);
    engine.renderLoopback(kRate / 10);
    const ChannelLevels quieter = rms(engine.renderLoopback(kRate / 2));
    CHECK(quieter.left / centred.left == Approx(0.5).epsilon(0.02));
}

TEST_CASE("loopback: the narration clock is the rendered samples", "[audio][loopback][clock]") {
    AudioEngine engine = loopbackEngine(true);
    const AudioClip narration = test::sineClip(440.0, kRate, 1.0);
    const VoiceHandle voice = engine.play(narration);
    CHECK(engine.duration(voice) == 1.0);
    CHECK(engine.seconds(voice) == 0.0);

    engine.renderLoopback(12000);
    CHECK(engine.seconds(voice) == Approx(0.25).margin(1e-4));
    engine.update(5.0);   // wall time does not move a loopback clock
    CHECK(engine.seconds(voice) == Approx(0.25).margin(1e-4));
    engine.renderLoopback(24000);
    CHECK(engine.seconds(voice) == Approx(0.75).margin(1e-4));
    CHECK_FALSE(engine.finished(voice));

    engine.pause(voice);
    engine.renderLoopback(24000);
    CHECK(engine.seconds(voice) == Approx(0.75).margin(1e-4));
    engine.resume(voice);

    engine.renderLoopback(24000);   // past the end
    CHECK(engine.finished(voice));
    CHECK(engine.seconds(voice) == 1.0);
    engine.update(0.0);             // gives the source back; the voice still answers
    CHECK(engine.finished(voice));
    CHECK(engine.seconds(voice) == 1.0);
    CHECK(engine.voiceCount() == 1);
    engine.stop(voice);
    CHECK(engine.voiceCount() == 0);
}

TEST_CASE("loopback: a suspended engine is silent and every clock holds, then goes on", "[audio][loopback][clock]") {
    AudioEngine engine = loopbackEngine(false);
    const AudioClip clip = test::sineClip(440.0, kRate, 1.0);
    const VoiceHandle narration = engine.play(clip);
    const VoiceHandle pausedAlone = engine.play(clip);
    engine.pause(pausedAlone);
    engine.renderLoopback(12000);
    CHECK(engine.seconds(narration) == Approx(0.25).margin(1e-4));

    engine.setSuspended(true);
    CHECK(engine.suspended());
    const VoiceHandle startedMeanwhile = engine.play(clip);
    const ChannelLevels off = rms(engine.renderLoopback(24000));
    CHECK(off.left < 1e-4);
    CHECK(off.right < 1e-4);
    CHECK(engine.seconds(narration) == Approx(0.25).margin(1e-4));
    CHECK(engine.seconds(startedMeanwhile) == 0.0);
    engine.resume(pausedAlone); // its own pause ends, but the engine still holds it
    engine.renderLoopback(4800);
    CHECK(engine.seconds(pausedAlone) == 0.0);
    engine.pause(pausedAlone);

    engine.setSuspended(false);
    const ChannelLevels on = rms(engine.renderLoopback(12000));
    CHECK(on.left > 0.05);
    CHECK(engine.seconds(narration) == Approx(0.5).margin(1e-4));
    CHECK(engine.seconds(startedMeanwhile) == Approx(0.25).margin(1e-4));
    CHECK(engine.seconds(pausedAlone) == 0.0); // paused on its own: stays paused
}

TEST_CASE("loopback: a 44.1 kHz clip keeps its own clock on a 48 kHz mix", "[audio][loopback][clock]") {
    AudioEngine engine = loopbackEngine(false);
    const AudioClip narration = test::sineClip(440.0, 44100, 2.0);
    const VoiceHandle voice = engine.play(narration);
    engine.renderLoopback(24000);   // 0.5 s of mix = 0.5 s of the clip
    CHECK(engine.seconds(voice) == Approx(0.5).margin(1e-3));
}

TEST_CASE("loopback: a looping clock wraps", "[audio][loopback][clock]") {
    AudioEngine engine = loopbackEngine(false);
    const AudioClip ambience = test::sineClip(220.0, kRate, 0.5);
    PlayOptions options;
    options.loop = true;
    const VoiceHandle voice = engine.play(ambience, options);
    engine.renderLoopback(kRate * 3 / 4);   // 0.75 s into a 0.5 s loop
    CHECK(engine.seconds(voice) == Approx(0.25).margin(1e-4));
    engine.update(0.0);
    CHECK_FALSE(engine.finished(voice));
}

TEST_CASE("loopback: clips played by path are decoded once and shared", "[audio][loopback][cache]") {
    xrs::test::ScratchDirectory dir("audio-cache");
    const auto path = dir.path() / "narration.wav";
    test::writeWav(path, kRate, 1, test::sineSamples(440.0, kRate, kRate, 0.5));
    AudioEngine engine = loopbackEngine(false);

    auto first = engine.loadClip(path, ClipChannels::Mono);
    REQUIRE(first);
    PlayOptions positional;
    positional.position = glm::vec3(-2.0f, 0.0f, 0.0f);
    auto a = engine.play(path, positional);
    REQUIRE(a);
    std::filesystem::remove(path);   // a second play needs no file: it comes from the cache
    auto b = engine.play(path, positional);
    REQUIRE(b);
    CHECK(*a != *b);
    auto again = engine.loadClip(path, ClipChannels::Mono);
    REQUIRE(again);
    CHECK(again->get() == first->get());

    engine.renderLoopback(kRate / 4);
    CHECK(engine.seconds(*a) == Approx(0.25).margin(1e-4));
    CHECK(engine.seconds(*b) == Approx(0.25).margin(1e-4));
    engine.clearCache();   // playing voices keep their buffer
    const ChannelLevels levels = rms(engine.renderLoopback(kRate / 4));
    CHECK(levels.left > 3.0 * levels.right);

    auto missing = engine.play(path, positional);   // not cached any more, and gone from disk
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message == path.string() + ": no such file");
}

TEST_CASE("loopback: stereo ambience keeps its own stereo image, even with HRTF", "[audio][loopback]") {
    AudioEngine engine = loopbackEngine(true);
    // Left channel: a tone; right channel: silence.
    const auto tone = test::sineSamples(330.0, kRate, kRate, 0.5);
    std::vector<std::int16_t> interleaved;
    for (std::int16_t s : tone) interleaved.insert(interleaved.end(), {s, std::int16_t{0}});
    const AudioClip ambience = AudioClip::fromSamples("ambience", kRate, 2, std::move(interleaved));
    PlayOptions options;
    options.loop = true;
    engine.play(ambience, options);
    engine.renderLoopback(kRate / 10);
    const ChannelLevels levels = rms(engine.renderLoopback(kRate / 2));
    INFO("L " << levels.left << " R " << levels.right);
    CHECK(levels.left > 0.1);
    CHECK(levels.right < 0.01 * levels.left);   // no HRTF crosstalk into the right ear
}

TEST_CASE("loopback: two engines keep their own contexts", "[audio][loopback]") {
    AudioEngine left = loopbackEngine(false);
    AudioEngine right = loopbackEngine(false);
    PlayOptions onLeft;
    onLeft.position = glm::vec3(-2.0f, 0.0f, 0.0f);
    onLeft.loop = true;
    PlayOptions onRight = onLeft;
    onRight.position = glm::vec3(2.0f, 0.0f, 0.0f);
    const VoiceHandle a = left.play(test::sineClip(440.0, kRate, 1.0), onLeft);
    const VoiceHandle b = right.play(test::sineClip(440.0, kRate, 1.0), onRight);

    left.renderLoopback(kRate / 10);
    const ChannelLevels fromLeft = rms(left.renderLoopback(kRate / 10));
    const ChannelLevels fromRight = rms(right.renderLoopback(kRate / 10));
    CHECK(fromLeft.left > 3.0 * fromLeft.right);
    CHECK(fromRight.right > 3.0 * fromRight.left);
    CHECK(left.seconds(a) == Approx(0.2).margin(1e-4));
    CHECK(right.seconds(b) == Approx(0.1).margin(1e-4));
}
