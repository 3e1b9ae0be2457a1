#pragma once
// The seam between the experience runtime and whatever plays narration clips. The real one is
// the audio module's (OpenAL); tests drive a deterministic clock. The session never assumes
// sound: a clip that cannot start means silence, and the session keeps time itself so subtitles
// and auto-advance still work (see ExperienceSession.h).
#include <glm/glm.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>

namespace xrs::runtime {

using NarrationId = std::uint64_t;

class NarrationPort {
public:
    virtual ~NarrationPort() = default;

    // Starts `clip` (an absolute path inside the experience folder) from its beginning, spatialised
    // at `worldPosition` when given, otherwise head-locked (a guide's voice). nullopt when it
    // cannot play (missing or broken clip, no audio device); the port logs why.
    virtual std::optional<NarrationId> start(const std::filesystem::path& clip, std::optional<glm::vec3> worldPosition) = 0;

    // The playback position in seconds from the clip's start: the clock that drives subtitles.
    virtual double seconds(NarrationId id) const = 0;

    // True once the clip has played to its end (or was stopped).
    virtual bool finished(NarrationId id) const = 0;

    // Stops the clip and releases it; the id is not used afterwards.
    virtual void stop(NarrationId id) = 0;

    // Holds the clip where it is (its clock stops) until resume(); a tour stop's narration waits
    // like this while the visitor listens to a hotspot's.
    virtual void pause(NarrationId id) = 0;
    virtual void resume(NarrationId id) = 0;
};

} // namespace xrs::runtime
