#pragma once
// What a visitor hears: the session's narration through OpenAL Soft (the NarrationPort the
// session drives), and each scene's ambience and positional sources, started when the visitor
// arrives in the scene and stopped when they leave. Without an audio device every voice is
// silent with a running clock (audio::AudioEngine), so captions and auto-advance still work.
#include "audio/AudioEngine.h"
#include "experience/Experience.h"
#include "runtime/NarrationPort.h"
#include "runtime/SessionTypes.h"

#include <optional>
#include <string>
#include <vector>

namespace xrs::player {

class SessionAudio final : public runtime::NarrationPort {
public:
    // Keeps what it needs of the experience (its folder and audio section).
    SessionAudio(const experience::Experience& experience, audio::AudioEngine engine);

    // NarrationPort
    std::optional<runtime::NarrationId> start(const std::filesystem::path& clip,
                                              std::optional<glm::vec3> worldPosition) override;
    double seconds(runtime::NarrationId id) const override;
    bool finished(runtime::NarrationId id) const override;
    void stop(runtime::NarrationId id) override;
    void pause(runtime::NarrationId id) override;
    void resume(runtime::NarrationId id) override;

    // Once per frame after the session's update: the listener follows the head, and a scene
    // change swaps the ambience and sources.
    void update(const runtime::SessionFrame& frame, double dtSeconds);

    // Everything the visitor hears holds still (see audio::AudioEngine::setSuspended).
    void setSuspended(bool suspended) { engine_.setSuspended(suspended); }

    const audio::AudioEngine& engine() const { return engine_; }

private:
    void enterScene(const std::string& sceneId);

    std::filesystem::path folder_;
    std::optional<experience::Audio> sceneAudio_;
    audio::AudioEngine engine_;
    std::optional<std::string> sceneId_;
    std::vector<audio::VoiceHandle> sceneVoices_;
};

} // namespace xrs::player
