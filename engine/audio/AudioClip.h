#pragma once
// A decoded audio clip: interleaved 16-bit PCM at the file's own sample rate (OpenAL resamples
// while mixing). Narration and ambience are seconds to a few minutes long, so a clip is decoded
// whole (16-bit keeps a minute of 48 kHz mono under 6 MB) and clips over kMaxClipSeconds are
// refused instead of streamed.
//
// OpenAL only spatialises mono buffers, so clips for positional sources are downmixed to mono
// (the average of the channels); ambience may keep two channels.
//
// Errors name the file: "audio/stop1.ogg: no such file", "...: not an audio file (...)",
// "...: truncated or corrupt (the header promises 2.000 s, the data holds 1.250 s)", "...: corrupt audio data
// at 0.480 s (...)".
#include "core/Result.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace xrs::audio {

// Clips longer than this are refused: decoded whole they would take too much memory.
inline constexpr double kMaxClipSeconds = 600.0;

enum class ClipChannels {
    Mono,        // downmixed to one channel: what positional sources need
    UpToStereo,  // mono stays mono, stereo stays stereo, more channels are downmixed to stereo
};

class AudioClip {
public:
    // Decodes a whole file (Ogg Vorbis/Opus, WAV, FLAC, MP3: whatever FFmpeg reads).
    static Result<AudioClip> load(const std::filesystem::path& path, ClipChannels channels = ClipChannels::Mono);
    // A clip made in code (tests, generated tones): `interleaved` holds frames * channels samples.
    static AudioClip fromSamples(std::string name, int sampleRate, int channels, std::vector<std::int16_t> interleaved);

    const std::string& name() const { return name_; }   // the path it came from
    int sampleRate() const { return sampleRate_; }
    int channels() const { return channels_; }           // 1 or 2
    std::int64_t frames() const;                          // samples per channel
    double durationSeconds() const;
    const std::vector<std::int16_t>& samples() const { return samples_; } // interleaved

private:
    std::string name_;
    int sampleRate_ = 0;
    int channels_ = 0;
    std::vector<std::int16_t> samples_;
};

} // namespace xrs::audio
