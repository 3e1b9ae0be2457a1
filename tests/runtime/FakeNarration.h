#pragma once
// A NarrationPort on a scripted clock: clips play for the length the test gives them, and time
// moves only when the test calls advance(dt) (before each ExperienceSession::update, like a real
// audio clock running between frames). Clips without a length cannot play (start -> nullopt).
#include "runtime/NarrationPort.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xrs::test {

class FakeNarration final : public runtime::NarrationPort {
public:
    struct Playback {
        std::filesystem::path clip;
        std::optional<glm::vec3> position;
        double seconds = 0.0;
        double length = 0.0;
        bool stopped = false;
        bool paused = false;
    };

    // Clips are known by file name ("welcome.ogg").
    void setLength(const std::string& fileName, double seconds) { lengths_[fileName] = seconds; }

    void advance(double dtSeconds) {
        for (auto& [id, playback] : playbacks_)
            if (!playback.stopped && !playback.paused) playback.seconds = std::min(playback.length, playback.seconds + dtSeconds);
    }
    void seek(runtime::NarrationId id, double seconds) { playbacks_.at(id).seconds = seconds; }

    std::optional<runtime::NarrationId> start(const std::filesystem::path& clip, std::optional<glm::vec3> position) override {
        const auto length = lengths_.find(clip.filename().string());
        if (length == lengths_.end()) return std::nullopt;
        const runtime::NarrationId id = nextId_++;
        playbacks_[id] = {clip, position, 0.0, length->second, false, false};
        started_.push_back(id);
        return id;
    }
    double seconds(runtime::NarrationId id) const override { return playbacks_.at(id).seconds; }
    bool finished(runtime::NarrationId id) const override {
        const Playback& playback = playbacks_.at(id);
        return playback.stopped || playback.seconds >= playback.length - 1e-9;
    }
    void stop(runtime::NarrationId id) override { playbacks_.at(id).stopped = true; }
    void pause(runtime::NarrationId id) override { playbacks_.at(id).paused = true; }
    void resume(runtime::NarrationId id) override { playbacks_.at(id).paused = false; }

    const std::vector<runtime::NarrationId>& started() const { return started_; }
    const Playback& playback(runtime::NarrationId id) const { return playbacks_.at(id); }
    std::size_t playingCount() const {
        std::size_t count = 0;
        for (const auto& [id, playback] : playbacks_) count += playback.stopped || playback.paused ? 0 : 1;
        return count;
    }

private:
    std::map<std::string, double> lengths_;
    std::map<runtime::NarrationId, Playback> playbacks_;
    std::vector<runtime::NarrationId> started_;
    runtime::NarrationId nextId_ = 1;
};

} // namespace xrs::test
