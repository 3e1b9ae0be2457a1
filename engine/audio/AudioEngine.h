#pragma once
// The one owner of the OpenAL Soft device and context: positional narration and sources (mono,
// spatialised with HRTF when the device allows it), head-relative ambience, and the narration
// clock that drives subtitles and tour auto-advance.
//
// Audio is never required: when no device can be opened (no sound card, CI) create() returns a
// *silent* engine that logs one line; every voice then has a clock that update(dt) advances, so
// subtitles and auto-advance behave exactly as with sound. A lost device (unplugged headphones)
// turns the engine silent the same way, each clock continuing where it was.
//
// Coordinates are the renderer's: world space in metres, right-handed, +Y up, -Z forward.
// Sound falls off as inverse distance clamped at PlayOptions::referenceDistance (1 m: at 2 m a
// source is half as loud), which suits exhibits a visitor walks up to.
//
// Use from one thread. Voices live until stop(); a non-looping voice that has finished gives
// its AL source back at the next update() but keeps answering finished()/seconds() until stopped.
#include "audio/AudioClip.h"
#include "core/Result.h"

#include <glm/vec3.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace xrs::audio {

// An ALC_SOFT_loopback device: nothing reaches a sound card; the caller pulls the mix with
// renderLoopback() (tests, offline rendering). Samples are 32-bit float, interleaved.
struct LoopbackFormat {
    int sampleRate = 48000;
    int channels = 2;   // 1 or 2
};

struct AudioEngineOptions {
    std::optional<LoopbackFormat> loopback;   // nullopt: the output device named below
    std::string deviceName;                   // empty: the default output device
    bool hrtf = true;                         // ask for HRTF (ALC_SOFT_HRTF); the device may refuse
    bool silent = false;                      // open no device at all (--mute, tests)
};

struct PlayOptions {
    std::optional<glm::vec3> position;   // world position; nullopt: head-relative, not spatialised
    float volume = 1.0f;                 // gain at referenceDistance (or everywhere if not positional)
    bool loop = false;
    float referenceDistance = 1.0f;      // metres; nearer is not louder
    float rolloff = 1.0f;                // 1: gain halves when the distance doubles
    float maxDistance = 50.0f;           // metres; beyond it the gain stops falling
};

// Identifies one playing voice; 0 is "none". Handles are never reused within an engine.
struct VoiceHandle {
    std::uint64_t id = 0;
    explicit operator bool() const { return id != 0; }
    friend bool operator==(const VoiceHandle&, const VoiceHandle&) = default;
};

class AudioEngine {
public:
    // Never fails: without a usable device the engine is silent (see silentReason()).
    static AudioEngine create(const AudioEngineOptions& options = {});

    ~AudioEngine();
    AudioEngine(AudioEngine&&) noexcept;
    AudioEngine& operator=(AudioEngine&&) noexcept;
    AudioEngine(const AudioEngine&) = delete;
    AudioEngine& operator=(const AudioEngine&) = delete;

    bool silent() const;
    const std::string& silentReason() const;   // why it is silent; empty when it is not
    bool loopback() const;                      // clocks run with renderLoopback(), not update()
    bool hrtfActive() const;                    // the device mixes with HRTF
    const std::string& deviceName() const;      // the OpenAL device, or "" when silent

    // Once per frame, from the head pose (world space).
    void setListener(const glm::vec3& position, const glm::vec3& forward, const glm::vec3& up);
    // Once per frame: silent clocks advance by dtSeconds (not in loopback mode, where the
    // rendered samples are the clock); finished voices give back their AL sources.
    void update(double dtSeconds);
    // Loopback engines only: mixes interleaved.size() / channels frames into `interleaved`.
    // A silent loopback engine writes zeros and advances its clocks by the same number of frames.
    void renderLoopback(std::span<float> interleaved);
    std::vector<float> renderLoopback(int frames);

    // Decodes `path` once and keeps it (a tour does not decode twice); `channels` is part of the key.
    Result<std::shared_ptr<const AudioClip>> loadClip(const std::filesystem::path& path, ClipChannels channels);
    // Plays a cached clip: mono when positioned (OpenAL spatialises only mono), up to stereo when not.
    Result<VoiceHandle> play(const std::filesystem::path& path, const PlayOptions& options = {});
    // Plays a clip the caller owns; its samples are copied, so the clip may die right after.
    // A stereo clip is always played head-relative: positions need mono clips.
    VoiceHandle play(const AudioClip& clip, const PlayOptions& options = {});
    void clearCache();   // drops cached clips no voice is using

    void stop(VoiceHandle voice);    // silences and forgets the voice; unknown handles are ignored
    void pause(VoiceHandle voice);
    void resume(VoiceHandle voice);
    // The whole engine holds still (the visitor took the headset off): every voice keeps its
    // place, silent clocks stop, voices started meanwhile wait. Voices paused one by one stay
    // paused when the engine resumes.
    void setSuspended(bool suspended);
    bool suspended() const;
    void setVolume(VoiceHandle voice, float volume);
    void setPosition(VoiceHandle voice, const glm::vec3& position);   // positional voices only

    // The narration clock in seconds: the device's play position (AL_SAMPLE_OFFSET), or the
    // silent clock; in [0, duration], a looping voice wraps. 0 for unknown handles.
    double seconds(VoiceHandle voice) const;
    double duration(VoiceHandle voice) const;   // 0 for unknown handles
    bool finished(VoiceHandle voice) const;     // reached its end (never for loops); true when unknown
    std::size_t voiceCount() const;             // voices not yet stopped

private:
    struct Impl;
    explicit AudioEngine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace xrs::audio
