#pragma once
// Helpers shared by subcommands: the Vulkan context with the global flags applied, the
// validation summary, the one-line error convention, and the statistics benchmarks report.
#include "Command.h"
#include "core/Result.h"
#include "gpu/Context.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace xrs::cli {

// Creates the Vulkan context from `options` (window-system extensions, OpenXR hooks, ...) with
// validation turned on by --validate or XRS_VALIDATE=1, and logs the device.
Result<std::unique_ptr<gpu::Context>> createContext(const GlobalOptions& global,
                                                    gpu::ContextOptions options = {});

// Prints "validation: N errors, M warnings" when validation is on; false if any were reported.
bool reportValidation(gpu::Context& context);

// Prints "xrshow <command>: <message>" on stderr and returns exit code 1.
int commandFailed(const std::string& command, const std::string& message);

// "45 s", "12 min", "2 h 05 min": a duration for progress lines.
std::string formatDuration(double seconds);

// A long step's progress on stderr: "<prefix> <stage>: 12/240 [##......] 5%, 2 min left", the time
// left at the stage's mean pace so far. On a terminal the line is redrawn in place; elsewhere
// (a log, a build's captured output) a new line at most every 10 s, and always the stage's last.
class ProgressLine {
public:
    explicit ProgressLine(std::string prefix);
    ~ProgressLine(); // ends the line
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // A new `stage` ends the previous one's line and restarts the clock. total 0: no count.
    void update(const std::string& stage, std::int64_t done, std::int64_t total);

private:
    using Clock = std::chrono::steady_clock;
    std::string prefix_;
    bool terminal_;
    std::string stage_;
    Clock::time_point stageStart_;
    Clock::time_point lastPrinted_;
    bool lineOpen_ = false; // terminal: a line without its newline yet
};
// The upper median (values[n / 2] once sorted); 0 for none.
double median(std::vector<double> values);
// The nearest-rank percentile, p in (0, 1]; 0 for none.
double percentile(std::vector<double> values, double p);

} // namespace xrs::cli
