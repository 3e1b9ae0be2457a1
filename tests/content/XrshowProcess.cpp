#include "XrshowProcess.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>

namespace xrs::test {

XrshowRun runXrshow(const std::string& arguments, const std::string& environment) {
    XrshowRun run;
    const std::string command = environment + " " + XRS_XRSHOW_EXE + " " + arguments + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (std::fgets(buffer, sizeof(buffer), pipe)) run.output += buffer;
    const int status = ::pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

} // namespace xrs::test
