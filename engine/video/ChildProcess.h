#pragma once
// Runs a helper program (the `ffmpeg` encoder) to completion: its stdout is handed over line by
// line (progress), the tail of its stderr is kept for the error message.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"

namespace xrs::video {

struct ProcessOutcome {
    int exitCode = 0;          // the program's exit status; 128 + signal when it was killed
    std::string stderrTail;    // the last few KiB the program wrote to stderr
};

// Fails only when the program cannot be started (not found, not executable).
Result<ProcessOutcome> runProcess(const std::vector<std::string>& arguments,
                                  const std::function<void(std::string_view line)>& onStdoutLine);

} // namespace xrs::video
