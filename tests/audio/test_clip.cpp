// AudioClip decoding: WAV files with known samples come back exactly (mono, stereo, downmix),
// Opus made by the ffmpeg program keeps its duration, and every broken file gets its message.
#include <catch2/catch.hpp>

#include "AudioTestSupport.h"
#include "ScratchDirectory.h"
#include "audio/AudioClip.h"

using namespace xrs;
using namespace xrs::audio;
using xrs::test::ScratchDirectory;

TEST_CASE("a mono 16-bit WAV decodes to exactly its samples", "[audio][clip]") {
    ScratchDirectory dir("audio-clip");
    const std::vector<std::int16_t> samples = {0, 1, -1, 32767, -32768, 1234, -4321, 7, 0, 100};
    test::writeWav(dir.path() / "known.wav", 22050, 1, samples);

    auto clip = AudioClip::load(dir.path() / "known.wav");
    REQUIRE(clip);
    CHECK(clip->name() == (dir.path() / "known.wav").string());
    CHECK(clip->sampleRate() == 22050);
    CHECK(clip->channels() == 1);
    CHECK(clip->frames() == 10);
    CHECK(clip->samples() == samples);
    CHECK(clip->durationSeconds() == Approx(10.0 / 22050.0));
}

TEST_CASE("a stereo WAV is averaged to mono, or kept as stereo", "[audio][clip]") {
    ScratchDirectory dir("audio-clip");
    // Frames (L, R): averages 150, -2000, 0, 32767 (exact: every sum is even).
    const std::vector<std::int16_t> stereo = {100, 200, -1000, -3000, 32767, -32767, 32767, 32767};
    test::writeWav(dir.path() / "stereo.wav", 48000, 2, stereo);

    auto mono = AudioClip::load(dir.path() / "stereo.wav", ClipChannels::Mono);
    REQUIRE(mono);
    CHECK(mono->channels() == 1);
    CHECK(mono->frames() == 4);
    CHECK(mono->samples() == std::vector<std::int16_t>{150, -2000, 0, 32767});

    auto kept = AudioClip::load(dir.path() / "stereo.wav", ClipChannels::UpToStereo);
    REQUIRE(kept);
    CHECK(kept->channels() == 2);
    CHECK(kept->frames() == 4);
    CHECK(kept->samples() == stereo);
}

TEST_CASE("a long WAV keeps every sample", "[audio][clip]") {
    ScratchDirectory dir("audio-clip");
    const auto samples = test::sineSamples(440.0, 44100, 44100 * 3 + 17, 0.8);
    test::writeWav(dir.path() / "tone.wav", 44100, 1, samples);
    auto clip = AudioClip::load(dir.path() / "tone.wav");
    REQUIRE(clip);
    CHECK(clip->frames() == 44100 * 3 + 17);
    CHECK(clip->samples() == samples);
}

TEST_CASE("an Ogg/Opus clip made by ffmpeg keeps its duration", "[audio][clip]") {
    if (!test::ffmpegCanEncode("libopus")) {
        WARN("the ffmpeg program cannot encode Opus here; Opus decoding is not checked");
        return;
    }
    ScratchDirectory dir("audio-clip");
    const auto file = dir.path() / "tone.opus";
    REQUIRE(test::runFfmpeg("-f lavfi -i sine=frequency=440:sample_rate=48000:duration=1.5 -ac 2 -c:a libopus -b:a 96k '" +
                            file.string() + "'"));

    auto mono = AudioClip::load(file, ClipChannels::Mono);
    REQUIRE(mono);
    CHECK(mono->sampleRate() == 48000);
    CHECK(mono->channels() == 1);
    // Within one 20 ms Opus frame of what was encoded.
    CHECK(mono->durationSeconds() == Approx(1.5).margin(0.020));
    // It is the tone, not silence: lavfi's sine has amplitude 1/8, and ffmpeg's mono-to-stereo
    // upmix (-ac 2) puts it in both channels at -3 dB, which the average keeps.
    double power = 0.0;
    for (std::int16_t s : mono->samples()) power += static_cast<double>(s) * s;
    const double rms = std::sqrt(power / static_cast<double>(mono->samples().size())) / 32768.0;
    CHECK(rms == Approx(0.125 * std::sqrt(0.5) / std::sqrt(2.0)).epsilon(0.05));

    auto stereo = AudioClip::load(file, ClipChannels::UpToStereo);
    REQUIRE(stereo);
    CHECK(stereo->channels() == 2);
    CHECK(stereo->frames() == mono->frames());
}

TEST_CASE("broken clips give one message naming the file", "[audio][clip]") {
    ScratchDirectory dir("audio-clip");
    const std::string base = dir.path().string();

    SECTION("missing") {
        auto clip = AudioClip::load(dir.path() / "nowhere.ogg");
        REQUIRE_FALSE(clip);
        CHECK(clip.error().message == base + "/nowhere.ogg: no such file");
    }
    SECTION("a directory") {
        std::filesystem::create_directory(dir.path() / "folder.wav");
        auto clip = AudioClip::load(dir.path() / "folder.wav");
        REQUIRE_FALSE(clip);
        CHECK(clip.error().message == base + "/folder.wav: not a regular file");
    }
    SECTION("text, not audio") {
        // FFmpeg guesses Ogg from the name (with a low score) and then finds no page.
        std::string text;
        for (int i = 0; i < 200; ++i) text += "this is a narration script, not a recording\n";
        test::writeFile(dir.path() / "script.ogg", text);
        auto clip = AudioClip::load(dir.path() / "script.ogg");
        REQUIRE_FALSE(clip);
        CHECK(clip.error().message == base + "/script.ogg: not an audio file FFmpeg can read (End of file)");
    }
    SECTION("empty") {
        test::writeFile(dir.path() / "empty.wav", "");
        auto clip = AudioClip::load(dir.path() / "empty.wav");
        REQUIRE_FALSE(clip);
        CHECK(clip.error().message == base + "/empty.wav: not an audio file FFmpeg can read (Invalid data found when processing input)");
    }
    SECTION("a WAV header without samples") {
        test::writeWav(dir.path() / "silent.wav", 48000, 1, {});
        auto clip = AudioClip::load(dir.path() / "silent.wav");
        REQUIRE_FALSE(clip);
        CHECK(clip.error().message == base + "/silent.wav: contains no audio samples");
    }
    SECTION("a truncated WAV") {
        // The header promises one second; half of it is there.
        test::writeWav(dir.path() / "cut.wav", 48000, 1, test::sineSamples(440.0, 48000, 24000, 0.5), 48000);
        auto clip = AudioClip::load(dir.path() / "cut.wav");
        REQUIRE_FALSE(clip);
        CHECK(clip.error().message ==
              base + "/cut.wav: truncated or corrupt (the data breaks off at 0.500 s)");
    }
}

TEST_CASE("a truncated or damaged Opus clip is an error", "[audio][clip]") {
    if (!test::ffmpegCanEncode("libopus")) {
        WARN("the ffmpeg program cannot encode Opus here; broken Opus files are not checked");
        return;
    }
    ScratchDirectory dir("audio-clip");
    const auto file = dir.path() / "tone.opus";
    REQUIRE(test::runFfmpeg("-f lavfi -i sine=frequency=440:sample_rate=48000:duration=2 -c:a libopus '" + file.string() + "'"));
    const std::string bytes = test::readFile(file);
    REQUIRE(bytes.size() > 4000);

    SECTION("cut in half") {
        test::writeFile(dir.path() / "half.opus", bytes.substr(0, bytes.size() / 2));
        auto clip = AudioClip::load(dir.path() / "half.opus");
        REQUIRE_FALSE(clip);
        CHECK(clip.error().message == dir.path().string() + "/half.opus: truncated (its last Ogg page is cut off)");
    }
    SECTION("cut after a whole page") {
        // The start of the last page is the end of the one before it.
        const std::size_t lastPage = bytes.rfind("OggS");
        REQUIRE(lastPage != std::string::npos);
        test::writeFile(dir.path() / "pages.opus", bytes.substr(0, lastPage));
        auto clip = AudioClip::load(dir.path() / "pages.opus");
        REQUIRE_FALSE(clip);
        CHECK(clip.error().message == dir.path().string() + "/pages.opus: truncated (its last Ogg page does not end the stream)");
    }
    SECTION("a few bytes short") {
        test::writeFile(dir.path() / "short.opus", bytes.substr(0, bytes.size() - 3));
        auto clip = AudioClip::load(dir.path() / "short.opus");
        REQUIRE_FALSE(clip);
        CHECK(clip.error().message == dir.path().string() + "/short.opus: truncated (its last Ogg page is cut off)");
    }
    SECTION("garbage in the middle") {
        std::string damaged = bytes;
        for (std::size_t i = damaged.size() / 3; i < damaged.size() / 3 + 1500; ++i) damaged[i] = static_cast<char>(i * 31);
        test::writeFile(dir.path() / "damaged.opus", damaged);
        auto clip = AudioClip::load(dir.path() / "damaged.opus");
        REQUIRE_FALSE(clip);
        // Ogg drops the pages whose checksum fails, so less audio comes out than the stream's
        // last timestamp promises (2 s plus the encoder's padding).
        const std::string& message = clip.error().message;
        INFO(message);
        CHECK(message.rfind(dir.path().string() + "/damaged.opus: truncated or corrupt (the header promises 2.0", 0) == 0);
        CHECK(message.find(" s, the data holds 1.") != std::string::npos);
    }
}

TEST_CASE("damaged bytes anywhere give a clip or an error naming the file", "[audio][clip]") {
    // Deterministic damage at many places of a WAV and (when ffmpeg can make one) an Opus file:
    // each load either decodes or fails with a message that starts with the file (and the
    // sanitizer pass checks that nothing reads out of bounds on the way).
    ScratchDirectory dir("audio-clip");
    std::vector<std::filesystem::path> originals;
    test::writeWav(dir.path() / "tone.wav", 16000, 2, test::sineSamples(440.0, 16000, 8000, 0.5));
    originals.push_back(dir.path() / "tone.wav");
    if (test::ffmpegCanEncode("libopus") &&
        test::runFfmpeg("-f lavfi -i sine=frequency=440:sample_rate=48000:duration=0.5 -c:a libopus '" +
                        (dir.path() / "tone.opus").string() + "'"))
        originals.push_back(dir.path() / "tone.opus");

    int failures = 0;
    for (const auto& original : originals) {
        const std::string bytes = test::readFile(original);
        for (std::size_t step = 0; step < 24; ++step) {
            std::string damaged = bytes;
            const std::size_t at = step < 12 ? step * 4 : (bytes.size() * step) / 24;   // headers, then all over
            for (std::size_t i = at; i < std::min(bytes.size(), at + 8); ++i) damaged[i] = static_cast<char>(0xA5 ^ (i * 7));
            const auto path = dir.path() / ("damaged" + std::to_string(step) + original.extension().string());
            test::writeFile(path, damaged);
            auto clip = AudioClip::load(path);
            if (clip) {
                CHECK(clip->frames() > 0);
                CHECK(clip->channels() == 1);
            } else {
                ++failures;
                CHECK(clip.error().message.rfind(path.string() + ": ", 0) == 0);
            }
        }
    }
    CHECK(failures > 0);   // damaged headers are noticed
}
