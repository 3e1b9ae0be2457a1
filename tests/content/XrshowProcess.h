#pragma once
// Runs the built `xrshow` as a visitor's machine would, for tests of whole runs.
#include <string>

namespace xrs::test {

struct XrshowRun {
    int exitCode = -1;
    std::string output; // stdout and stderr, interleaved
};

// `arguments` and `environment` ("NAME='value' ...", may be empty) are shell text; quote paths.
XrshowRun runXrshow(const std::string& arguments, const std::string& environment = {});

} // namespace xrs::test
