#include "player/SessionAudio.h"

#include "core/Log.h"
#include "experience/ExperiencePaths.h"

namespace xrs::player {

SessionAudio::SessionAudio(const experience::Experience& experience, audio::AudioEngine engine)
    : folder_(experience.folder), sceneAudio_(experience.audio), engine_(std::move(engine)) {}

std::optional<runtime::NarrationId> SessionAudio::start(const std::filesystem::path& clip,
                                                        std::optional<glm::vec3> worldPosition) {
    audio::PlayOptions options;
    options.position = worldPosition;
    auto voice = engine_.play(clip, options);
    if (!voice) {
        XRS_LOG_WARN("narration: {}", voice.error().message);
        return std::nullopt;
    }
    return voice->id;
}

double SessionAudio::seconds(runtime::NarrationId id) const { return engine_.seconds(audio::VoiceHandle{id}); }
bool SessionAudio::finished(runtime::NarrationId id) const { return engine_.finished(audio::VoiceHandle{id}); }
void SessionAudio::stop(runtime::NarrationId id) { engine_.stop(audio::VoiceHandle{id}); }
void SessionAudio::pause(runtime::NarrationId id) { engine_.pause(audio::VoiceHandle{id}); }
void SessionAudio::resume(runtime::NarrationId id) { engine_.resume(audio::VoiceHandle{id}); }

void SessionAudio::update(const runtime::SessionFrame& frame, double dtSeconds) {
    const Pose& head = frame.headWorld;
    engine_.setListener(head.position, head.orientation * glm::vec3(0.0f, 0.0f, -1.0f),
                        head.orientation * glm::vec3(0.0f, 1.0f, 0.0f));
    if (sceneId_ != frame.sceneId) enterScene(frame.sceneId);
    engine_.update(dtSeconds);
}

void SessionAudio::enterScene(const std::string& sceneId) {
    for (audio::VoiceHandle voice : sceneVoices_) engine_.stop(voice);
    sceneVoices_.clear();
    sceneId_ = sceneId;
    if (!sceneAudio_) return;
    auto play = [&](const std::string& relative, audio::PlayOptions options) {
        auto file = experience::resolveExperiencePath(folder_, relative);
        if (!file) {
            XRS_LOG_WARN("scene '{}' audio: {}", sceneId, file.error().message);
            return;
        }
        auto voice = engine_.play(*file, options);
        if (voice) sceneVoices_.push_back(*voice);
        else XRS_LOG_WARN("scene '{}' audio: {}", sceneId, voice.error().message);
    };
    for (const experience::Ambience& ambience : sceneAudio_->ambience) {
        if (ambience.scene != sceneId) continue;
        audio::PlayOptions options;
        options.volume = static_cast<float>(ambience.volume.value_or(1.0));
        options.loop = ambience.loop.value_or(true);
        play(ambience.path, options);
    }
    for (const experience::AudioSource& source : sceneAudio_->sources) {
        if (source.scene != sceneId) continue;
        audio::PlayOptions options;
        options.position = glm::vec3(source.position);
        options.volume = static_cast<float>(source.volume.value_or(1.0));
        options.loop = source.loop.value_or(true);
        play(source.path, options);
    }
}

} // namespace xrs::player
