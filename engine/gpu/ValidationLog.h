#pragma once
// Counts what the Khronos validation layer reports, so tests can fail on any error or warning
// and the CLI can print a summary. Fed by the debug messenger that Context installs.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace xrs::gpu {

class ValidationLog {
public:
    void recordError(std::string message);
    void recordWarning(std::string message);

    std::uint32_t errorCount() const { return errors_.load(); }
    std::uint32_t warningCount() const { return warnings_.load(); }
    bool clean() const { return errorCount() == 0 && warningCount() == 0; }

    // The first few messages, for test failure output.
    std::vector<std::string> firstMessages() const;

private:
    static constexpr std::size_t kKeptMessages = 16;
    std::atomic<std::uint32_t> errors_{0};
    std::atomic<std::uint32_t> warnings_{0};
    mutable std::mutex mutex_;
    std::vector<std::string> messages_;
};

} // namespace xrs::gpu
