#include "audio/AudioEngine.h"

#include "core/Assert.h"
#include "core/Log.h"

#define AL_ALEXT_PROTOTYPES
#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

// Sections: [AL objects] [voices] [Impl: device, context, silence] [public API]

namespace xrs::audio {
namespace {

// ---- [AL objects] Owners of one AL name each; deleted while their engine's context is current
// (the engine makes it current before anything can die). A source dies before its buffer.

class AlBuffer {
public:
    AlBuffer() { alGenBuffers(1, &id_); }
    ~AlBuffer() {
        if (id_ != 0) alDeleteBuffers(1, &id_);
    }
    AlBuffer(const AlBuffer&) = delete;
    AlBuffer& operator=(const AlBuffer&) = delete;
    ALuint id() const { return id_; }

private:
    ALuint id_ = 0;
};

class AlSource {
public:
    AlSource() { alGenSources(1, &id_); }
    ~AlSource() {
        if (id_ == 0) return;
        alSourceStop(id_);
        alSourcei(id_, AL_BUFFER, 0);
        alDeleteSources(1, &id_);
    }
    AlSource(const AlSource&) = delete;
    AlSource& operator=(const AlSource&) = delete;
    ALuint id() const { return id_; }

private:
    ALuint id_ = 0;
};

const char* alErrorName(ALenum error) {
    switch (error) {
    case AL_INVALID_NAME: return "AL_INVALID_NAME";
    case AL_INVALID_ENUM: return "AL_INVALID_ENUM";
    case AL_INVALID_VALUE: return "AL_INVALID_VALUE";
    case AL_INVALID_OPERATION: return "AL_INVALID_OPERATION";
    case AL_OUT_OF_MEMORY: return "AL_OUT_OF_MEMORY";
    default: return "unknown AL error";
    }
}

// Uploads a clip; nullptr (and one warning) when OpenAL refuses it.
std::shared_ptr<AlBuffer> uploadClip(const AudioClip& clip) {
    alGetError();
    auto buffer = std::make_shared<AlBuffer>();
    const ALenum format = clip.channels() == 1 ? AL_FORMAT_MONO16 : AL_FORMAT_STEREO16;
    const auto bytes = static_cast<ALsizei>(clip.samples().size() * sizeof(std::int16_t));
    if (buffer->id() != 0) alBufferData(buffer->id(), format, clip.samples().data(), bytes, clip.sampleRate());
    if (ALenum e = alGetError(); e != AL_NO_ERROR || buffer->id() == 0) {
        XRS_LOG_WARN("{}: OpenAL cannot hold the clip ({}); it plays silently", clip.name(), alErrorName(e));
        return nullptr;
    }
    return buffer;
}

// ---- [voices]

struct Voice {
    std::int64_t frames = 0;
    int sampleRate = 1;
    bool loop = false;
    bool paused = false;
    bool finished = false;
    bool positional = false;
    double silentSeconds = 0.0;           // the clock without an AL source; with one, its last seen position
    std::shared_ptr<AlBuffer> buffer;     // declared before the source: the source dies first
    std::unique_ptr<AlSource> source;

    double duration() const { return static_cast<double>(frames) / sampleRate; }
};

struct CachedClip {
    std::shared_ptr<const AudioClip> clip;
    std::shared_ptr<AlBuffer> buffer;     // made on first play with a device
};

std::string cacheKey(const std::filesystem::path& path, ClipChannels channels) {
    return (channels == ClipChannels::Mono ? "mono:" : "stereo:") + path.lexically_normal().string();
}

} // namespace

// ---- [Impl: device, context, silence]

struct AudioEngine::Impl {
    ALCdevice* device = nullptr;
    ALCcontext* context = nullptr;
    bool loopbackMode = false;
    LoopbackFormat loopbackFormat;
    bool hrtf = false;
    bool directChannels = false;   // AL_SOFT_direct_channels: stereo ambience skips HRTF
    bool canDetectDisconnect = false;
    std::string silentReason;
    std::string deviceName;
    std::map<std::uint64_t, Voice> voices;
    std::uint64_t nextVoice = 1;
    bool suspended = false; // setSuspended(): every source paused, silent clocks stopped
    std::map<std::string, CachedClip> cache;

    ~Impl() {
        makeCurrent();
        voices.clear();
        cache.clear();
        closeDevice();
    }

    bool hasDevice() const { return context != nullptr; }

    void makeCurrent() const {
        if (context && alcGetCurrentContext() != context) alcMakeContextCurrent(context);
    }

    void closeDevice() {
        if (context) {
            if (alcGetCurrentContext() == context) alcMakeContextCurrent(nullptr);
            alcDestroyContext(context);
            context = nullptr;
        }
        if (device) {
            alcCloseDevice(device);
            device = nullptr;
        }
    }

    void beSilent(std::string reason) {
        closeDevice();
        silentReason = std::move(reason);
        deviceName.clear();
        hrtf = false;
        XRS_LOG_WARN("audio: {}; playing silently (subtitles and tour timing still run)", silentReason);
    }

    void open(const AudioEngineOptions& options) {
        loopbackMode = options.loopback.has_value();
        if (options.silent) {
            silentReason = "audio output disabled";
            XRS_LOG_INFO("audio: output disabled; playing silently (subtitles and tour timing still run)");
            return;
        }
        std::vector<ALCint> attributes;
        if (loopbackMode) {
            loopbackFormat = *options.loopback;
            XRS_EXPECT(loopbackFormat.sampleRate > 0, "a loopback device needs a positive sample rate");
            XRS_EXPECT(loopbackFormat.channels == 1 || loopbackFormat.channels == 2, "loopback devices have 1 or 2 channels");
            if (!alcIsExtensionPresent(nullptr, "ALC_SOFT_loopback"))
                return beSilent("OpenAL has no ALC_SOFT_loopback");
            device = alcLoopbackOpenDeviceSOFT(nullptr);
            if (!device) return beSilent("OpenAL could not open a loopback device");
            const ALCenum channels = loopbackFormat.channels == 1 ? ALC_MONO_SOFT : ALC_STEREO_SOFT;
            if (!alcIsRenderFormatSupportedSOFT(device, loopbackFormat.sampleRate, channels, ALC_FLOAT_SOFT))
                return beSilent("the loopback device cannot render float samples at " +
                                std::to_string(loopbackFormat.sampleRate) + " Hz");
            attributes = {ALC_FORMAT_CHANNELS_SOFT, channels, ALC_FORMAT_TYPE_SOFT, ALC_FLOAT_SOFT,
                          ALC_FREQUENCY, loopbackFormat.sampleRate};
        } else {
            device = alcOpenDevice(options.deviceName.empty() ? nullptr : options.deviceName.c_str());
            if (!device)
                return beSilent(options.deviceName.empty()
                                    ? std::string("no audio output device (OpenAL could not open the default device)")
                                    : "no audio output device (OpenAL could not open '" + options.deviceName + "')");
        }
        const bool hrtfExtension = alcIsExtensionPresent(device, "ALC_SOFT_HRTF");
        if (hrtfExtension) attributes.insert(attributes.end(), {ALC_HRTF_SOFT, options.hrtf ? ALC_TRUE : ALC_FALSE});
        attributes.push_back(0);
        context = alcCreateContext(device, attributes.data());
        if (!context) return beSilent("OpenAL could not create a context on its device");
        alcMakeContextCurrent(context);

        if (hrtfExtension) {
            ALCint status = ALC_HRTF_DISABLED_SOFT;
            alcGetIntegerv(device, ALC_HRTF_STATUS_SOFT, 1, &status);
            hrtf = status == ALC_HRTF_ENABLED_SOFT || status == ALC_HRTF_REQUIRED_SOFT;
        }
        directChannels = alIsExtensionPresent("AL_SOFT_direct_channels");
        canDetectDisconnect = alcIsExtensionPresent(device, "ALC_EXT_disconnect");
        alDistanceModel(AL_INVERSE_DISTANCE_CLAMPED);
        if (const ALCchar* name = alcGetString(device, ALC_DEVICE_SPECIFIER)) deviceName = name;
        ALCint frequency = 0;
        alcGetIntegerv(device, ALC_FREQUENCY, 1, &frequency);
        const char* hrtfName = hrtf ? alcGetString(device, ALC_HRTF_SPECIFIER_SOFT) : nullptr;
        XRS_LOG_INFO("audio: OpenAL device '{}' at {} Hz, HRTF {}{}{}", deviceName, frequency,
                     hrtf ? "on" : "off", hrtfName ? ": " : "", hrtfName ? hrtfName : "");
    }

    // Every voice continues on the silent clock from the position update() last saw.
    void deviceLost() {
        makeCurrent();
        for (auto& [id, voice] : voices) {
            voice.source.reset();
            voice.buffer.reset();
        }
        for (auto& [key, cached] : cache) cached.buffer.reset();
        beSilent("the audio device was disconnected");
    }

    double deviceSeconds(const Voice& voice) const {
        makeCurrent();
        ALint state = AL_STOPPED;
        alGetSourcei(voice.source->id(), AL_SOURCE_STATE, &state);
        if (state == AL_STOPPED && !voice.loop) return voice.duration();
        ALint offset = 0;
        alGetSourcei(voice.source->id(), AL_SAMPLE_OFFSET, &offset);
        return std::min(static_cast<double>(offset) / voice.sampleRate, voice.duration());
    }

    double seconds(const Voice& voice) const {
        const double duration = voice.duration();
        if (voice.finished) return duration;
        if (voice.source) return deviceSeconds(voice);
        return voice.loop ? voice.silentSeconds : std::min(voice.silentSeconds, duration);
    }

    bool finished(const Voice& voice) const {
        if (voice.finished) return true;
        if (voice.loop) return false;
        if (voice.source) {
            makeCurrent();
            ALint state = AL_PLAYING;
            alGetSourcei(voice.source->id(), AL_SOURCE_STATE, &state);
            return state == AL_STOPPED;
        }
        return voice.silentSeconds >= voice.duration();
    }

    void advanceSilentClocks(double dt) {
        if (suspended) return;
        for (auto& [id, voice] : voices) {
            if (voice.source || voice.paused || voice.finished) continue;
            const double duration = voice.duration();
            voice.silentSeconds += dt;
            if (voice.loop) {
                voice.silentSeconds = duration > 0.0 ? std::fmod(voice.silentSeconds, duration) : 0.0;
            } else if (voice.silentSeconds >= duration) {
                voice.silentSeconds = duration;
                voice.finished = true;
            }
        }
    }

    Voice* find(VoiceHandle handle) {
        auto it = voices.find(handle.id);
        return it == voices.end() ? nullptr : &it->second;
    }
    const Voice* find(VoiceHandle handle) const {
        auto it = voices.find(handle.id);
        return it == voices.end() ? nullptr : &it->second;
    }

    VoiceHandle start(const AudioClip& clip, std::shared_ptr<AlBuffer> buffer, const PlayOptions& options) {
        Voice voice;
        voice.frames = clip.frames();
        voice.sampleRate = clip.sampleRate();
        voice.loop = options.loop;
        voice.positional = options.position.has_value() && clip.channels() == 1;
        if (buffer) {
            makeCurrent();
            alGetError();
            auto source = std::make_unique<AlSource>();
            if (ALenum e = alGetError(); e != AL_NO_ERROR || source->id() == 0) {
                XRS_LOG_WARN("{}: no OpenAL source left ({}); it plays silently", clip.name(), alErrorName(e));
            } else {
                configureSource(source->id(), buffer->id(), clip.channels(), voice.positional, options);
                if (!suspended) alSourcePlay(source->id()); // else it starts with setSuspended(false)
                voice.buffer = std::move(buffer);
                voice.source = std::move(source);
            }
        }
        const VoiceHandle handle{nextVoice++};
        voices.emplace(handle.id, std::move(voice));
        return handle;
    }

    void configureSource(ALuint source, ALuint buffer, int channels, bool positional, const PlayOptions& options) const {
        alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer));
        alSourcef(source, AL_GAIN, std::max(options.volume, 0.0f));
        alSourcei(source, AL_LOOPING, options.loop ? AL_TRUE : AL_FALSE);
        if (positional) {
            alSourcei(source, AL_SOURCE_RELATIVE, AL_FALSE);
            alSource3f(source, AL_POSITION, options.position->x, options.position->y, options.position->z);
            alSourcef(source, AL_REFERENCE_DISTANCE, options.referenceDistance);
            alSourcef(source, AL_ROLLOFF_FACTOR, options.rolloff);
            alSourcef(source, AL_MAX_DISTANCE, options.maxDistance);
        } else {
            // Glued to the head: no distance, no direction.
            alSourcei(source, AL_SOURCE_RELATIVE, AL_TRUE);
            alSource3f(source, AL_POSITION, 0.0f, 0.0f, 0.0f);
            alSourcef(source, AL_ROLLOFF_FACTOR, 0.0f);
            // Stereo ambience keeps its own stereo image instead of two virtual HRTF speakers.
            if (channels == 2 && directChannels) alSourcei(source, AL_DIRECT_CHANNELS_SOFT, AL_TRUE);
        }
    }
};

// ---- [public API]

AudioEngine::AudioEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AudioEngine::~AudioEngine() = default;
AudioEngine::AudioEngine(AudioEngine&&) noexcept = default;
AudioEngine& AudioEngine::operator=(AudioEngine&&) noexcept = default;

AudioEngine AudioEngine::create(const AudioEngineOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->open(options);
    return AudioEngine(std::move(impl));
}

bool AudioEngine::silent() const { return !impl_->hasDevice(); }
const std::string& AudioEngine::silentReason() const { return impl_->silentReason; }
bool AudioEngine::loopback() const { return impl_->loopbackMode; }
bool AudioEngine::hrtfActive() const { return impl_->hrtf; }
const std::string& AudioEngine::deviceName() const { return impl_->deviceName; }

void AudioEngine::setListener(const glm::vec3& position, const glm::vec3& forward, const glm::vec3& up) {
    XRS_EXPECT(glm::length(forward) > 0.0f && glm::length(up) > 0.0f, "the listener needs a forward and an up direction");
    if (!impl_->hasDevice()) return;
    impl_->makeCurrent();
    const ALfloat orientation[6] = {forward.x, forward.y, forward.z, up.x, up.y, up.z};
    alListener3f(AL_POSITION, position.x, position.y, position.z);
    alListenerfv(AL_ORIENTATION, orientation);
    alListener3f(AL_VELOCITY, 0.0f, 0.0f, 0.0f);   // no Doppler: visitors walk, nothing races by
}

void AudioEngine::update(double dtSeconds) {
    Impl& impl = *impl_;
    if (impl.hasDevice()) {
        impl.makeCurrent();
        ALCint connected = ALC_TRUE;
        if (impl.canDetectDisconnect && !impl.loopbackMode) alcGetIntegerv(impl.device, ALC_CONNECTED, 1, &connected);
        if (!connected) {
            impl.deviceLost();   // voices go on from where the previous update() saw them
        } else {
            for (auto& [id, voice] : impl.voices) {
                if (!voice.source || voice.paused) continue;
                if (impl.finished(voice)) {
                    voice.finished = true;
                    voice.source.reset();   // the source goes back to OpenAL's pool
                    voice.buffer.reset();
                } else {
                    // Where a lost device leaves the voice (a disconnected device stops its sources).
                    voice.silentSeconds = impl.deviceSeconds(voice);
                }
            }
        }
    }
    if (!impl.loopbackMode) impl.advanceSilentClocks(std::max(dtSeconds, 0.0));
}

void AudioEngine::renderLoopback(std::span<float> interleaved) {
    Impl& impl = *impl_;
    XRS_EXPECT(impl.loopbackMode, "renderLoopback needs an engine created with options.loopback");
    const auto channels = static_cast<std::size_t>(impl.loopbackFormat.channels);
    XRS_EXPECT(interleaved.size() % channels == 0, "renderLoopback needs whole frames");
    const auto frames = interleaved.size() / channels;
    if (impl.hasDevice()) {
        impl.makeCurrent();
        alcRenderSamplesSOFT(impl.device, interleaved.data(), static_cast<ALCsizei>(frames));
    } else {
        std::fill(interleaved.begin(), interleaved.end(), 0.0f);
        impl.advanceSilentClocks(static_cast<double>(frames) / impl.loopbackFormat.sampleRate);
    }
}

std::vector<float> AudioEngine::renderLoopback(int frames) {
    XRS_EXPECT(frames >= 0, "renderLoopback needs a frame count >= 0");
    std::vector<float> samples(static_cast<std::size_t>(frames) * static_cast<std::size_t>(impl_->loopbackFormat.channels));
    renderLoopback(std::span<float>(samples));
    return samples;
}

Result<std::shared_ptr<const AudioClip>> AudioEngine::loadClip(const std::filesystem::path& path, ClipChannels channels) {
    const std::string key = cacheKey(path, channels);
    if (auto it = impl_->cache.find(key); it != impl_->cache.end()) return it->second.clip;
    Result<AudioClip> clip = AudioClip::load(path, channels);
    if (!clip) return clip.error();
    auto shared = std::make_shared<const AudioClip>(std::move(clip).value());
    impl_->cache.emplace(key, CachedClip{shared, nullptr});
    return shared;
}

Result<VoiceHandle> AudioEngine::play(const std::filesystem::path& path, const PlayOptions& options) {
    const ClipChannels channels = options.position ? ClipChannels::Mono : ClipChannels::UpToStereo;
    Result<std::shared_ptr<const AudioClip>> clip = loadClip(path, channels);
    if (!clip) return clip.error();
    CachedClip& cached = impl_->cache.at(cacheKey(path, channels));
    if (impl_->hasDevice() && !cached.buffer) {
        impl_->makeCurrent();
        cached.buffer = uploadClip(**clip);
    }
    return impl_->start(**clip, impl_->hasDevice() ? cached.buffer : nullptr, options);
}

VoiceHandle AudioEngine::play(const AudioClip& clip, const PlayOptions& options) {
    std::shared_ptr<AlBuffer> buffer;
    if (impl_->hasDevice()) {
        impl_->makeCurrent();
        buffer = uploadClip(clip);
    }
    return impl_->start(clip, std::move(buffer), options);
}

void AudioEngine::clearCache() {
    impl_->makeCurrent();
    // Voices hold their own reference to the buffer, so playing clips keep sounding.
    impl_->cache.clear();
}

void AudioEngine::stop(VoiceHandle voice) {
    impl_->makeCurrent();
    impl_->voices.erase(voice.id);
}

void AudioEngine::pause(VoiceHandle handle) {
    Voice* voice = impl_->find(handle);
    if (!voice || voice->paused) return;
    voice->paused = true;
    if (voice->source) {
        impl_->makeCurrent();
        alSourcePause(voice->source->id());
    }
}

void AudioEngine::resume(VoiceHandle handle) {
    Voice* voice = impl_->find(handle);
    if (!voice || !voice->paused) return;
    voice->paused = false;
    if (voice->source && !impl_->suspended) {
        impl_->makeCurrent();
        alSourcePlay(voice->source->id());
    }
}

void AudioEngine::setSuspended(bool suspended) {
    Impl& impl = *impl_;
    if (impl.suspended == suspended) return;
    impl.suspended = suspended;
    if (!impl.hasDevice()) return;
    impl.makeCurrent();
    for (auto& [id, voice] : impl.voices) {
        if (!voice.source || voice.paused || voice.finished) continue;
        if (suspended) {
            alSourcePause(voice.source->id());
        } else {
            alSourcePlay(voice.source->id()); // from where it was paused (or the start, if new)
        }
    }
}

bool AudioEngine::suspended() const { return impl_->suspended; }

void AudioEngine::setVolume(VoiceHandle handle, float volume) {
    Voice* voice = impl_->find(handle);
    if (!voice || !voice->source) return;
    impl_->makeCurrent();
    alSourcef(voice->source->id(), AL_GAIN, std::max(volume, 0.0f));
}

void AudioEngine::setPosition(VoiceHandle handle, const glm::vec3& position) {
    Voice* voice = impl_->find(handle);
    if (!voice || !voice->source || !voice->positional) return;
    impl_->makeCurrent();
    alSource3f(voice->source->id(), AL_POSITION, position.x, position.y, position.z);
}

double AudioEngine::seconds(VoiceHandle handle) const {
    const Voice* voice = impl_->find(handle);
    return voice ? impl_->seconds(*voice) : 0.0;
}

double AudioEngine::duration(VoiceHandle handle) const {
    const Voice* voice = impl_->find(handle);
    return voice ? voice->duration() : 0.0;
}

bool AudioEngine::finished(VoiceHandle handle) const {
    const Voice* voice = impl_->find(handle);
    return voice ? impl_->finished(*voice) : true;
}

std::size_t AudioEngine::voiceCount() const { return impl_->voices.size(); }

} // namespace xrs::audio
