#pragma once
// Test helpers: 16-bit PCM WAV files with known samples, sine tones, the ffmpeg program.
#include "audio/AudioClip.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace xrs::test {

inline void putLittleEndian(std::string& out, std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xffu));
}

// A canonical 44-byte-header PCM WAV. `declaredFrames` lets a test promise more data than it
// writes (a truncated file); by default it is the real count.
inline void writeWav(const std::filesystem::path& path, int sampleRate, int channels,
                     const std::vector<std::int16_t>& interleaved, std::int64_t declaredFrames = -1) {
    const auto frames = static_cast<std::uint32_t>(interleaved.size() / static_cast<std::size_t>(channels));
    const std::uint32_t promised = declaredFrames >= 0 ? static_cast<std::uint32_t>(declaredFrames) : frames;
    const auto blockAlign = static_cast<std::uint32_t>(channels * 2);
    const std::uint32_t dataBytes = promised * blockAlign;
    std::string out = "RIFF";
    putLittleEndian(out, 36 + dataBytes, 4);
    out += "WAVEfmt ";
    putLittleEndian(out, 16, 4);
    putLittleEndian(out, 1, 2);   // PCM
    putLittleEndian(out, static_cast<std::uint32_t>(channels), 2);
    putLittleEndian(out, static_cast<std::uint32_t>(sampleRate), 4);
    putLittleEndian(out, static_cast<std::uint32_t>(sampleRate) * blockAlign, 4);
    putLittleEndian(out, blockAlign, 2);
    putLittleEndian(out, 16, 2);
    out += "data";
    putLittleEndian(out, dataBytes, 4);
    for (std::int16_t sample : interleaved) putLittleEndian(out, static_cast<std::uint16_t>(sample), 2);
    std::ofstream(path, std::ios::binary).write(out.data(), static_cast<std::streamsize>(out.size()));
}

inline std::vector<std::int16_t> sineSamples(double frequency, int sampleRate, std::int64_t frames, double amplitude) {
    std::vector<std::int16_t> samples(static_cast<std::size_t>(frames));
    for (std::int64_t i = 0; i < frames; ++i)
        samples[static_cast<std::size_t>(i)] = static_cast<std::int16_t>(std::lround(
            amplitude * 32767.0 * std::sin(2.0 * M_PI * frequency * static_cast<double>(i) / sampleRate)));
    return samples;
}

inline audio::AudioClip sineClip(double frequency, int sampleRate, double seconds, double amplitude = 0.5) {
    const auto frames = static_cast<std::int64_t>(std::llround(seconds * sampleRate));
    return audio::AudioClip::fromSamples("sine", sampleRate, 1, sineSamples(frequency, sampleRate, frames, amplitude));
}

// True when the ffmpeg program exists and can encode with `encoder` (e.g. "libopus").
inline bool ffmpegCanEncode(const std::string& encoder) {
    const std::string command = "ffmpeg -hide_banner -encoders 2>/dev/null | grep -q ' " + encoder + " '";
    return std::system(command.c_str()) == 0;
}

inline bool runFfmpeg(const std::string& arguments) {
    const std::string command = "ffmpeg -nostdin -hide_banner -loglevel error -y " + arguments;
    return std::system(command.c_str()) == 0;
}

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeFile(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

} // namespace xrs::test
