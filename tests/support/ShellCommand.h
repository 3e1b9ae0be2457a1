#pragma once
// Runs a shell command line and captures what it prints on stdout (redirect stderr in the
// command line to capture or drop it), for tests of whole programs.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace xrs::test {

struct CommandRun {
    int exitCode = -1; // -1 when the command did not exit normally
    std::string output;
};

inline CommandRun runShellCommand(const std::string& commandLine) {
    CommandRun run;
    FILE* pipe = ::popen(commandLine.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (std::fgets(buffer, sizeof(buffer), pipe)) run.output += buffer;
    const int status = ::pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

} // namespace xrs::test
