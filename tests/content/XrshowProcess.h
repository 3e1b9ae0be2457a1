#pragma once
// Runs the built `xrshow` as a visitor's machine would, for tests of whole runs.
#include "ShellCommand.h"

#include <string>

namespace xrs::test {

using XrshowRun = CommandRun; // stdout and stderr, interleaved

// `arguments` and `environment` ("NAME='value' ...", may be empty) are shell text; quote paths.
inline XrshowRun runXrshow(const std::string& arguments, const std::string& environment = {}) {
    return runShellCommand(environment + " " + XRS_XRSHOW_EXE + " " + arguments + " 2>&1");
}

} // namespace xrs::test
