#pragma once
// Runs a callable in a forked child and reports whether it died by a contract violation
// (XRS_EXPECT aborts), with what the child wrote to stderr, so tests can check both that a
// contract is enforced and that its message names the broken rule.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <string>

namespace xrs::test {

struct ChildOutcome {
    bool aborted = false;
    std::string stderrText;
};

template <class Body>
ChildOutcome runInChild(Body&& body) {
    int pipeFds[2];
    if (pipe(pipeFds) != 0) return {false, "pipe() failed"};
    std::fflush(nullptr); // do not duplicate buffered output into the child
    const pid_t pid = fork();
    if (pid < 0) {
        close(pipeFds[0]);
        close(pipeFds[1]);
        return {false, "fork() failed"};
    }
    if (pid == 0) {
        // The test framework's crash handler would report the expected abort as a failure.
        std::signal(SIGABRT, SIG_DFL);
        dup2(pipeFds[1], STDERR_FILENO);
        close(pipeFds[0]);
        close(pipeFds[1]);
        body();
        _exit(0);
    }
    close(pipeFds[1]);
    ChildOutcome outcome;
    char buffer[512];
    for (ssize_t n; (n = read(pipeFds[0], buffer, sizeof buffer)) > 0;)
        outcome.stderrText.append(buffer, static_cast<std::size_t>(n));
    close(pipeFds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    outcome.aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    return outcome;
}

} // namespace xrs::test
