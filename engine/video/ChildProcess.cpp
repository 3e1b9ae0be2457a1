#include "video/ChildProcess.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/Assert.h"

extern char** environ;

namespace xrs::video {
namespace {

constexpr std::size_t kStderrTailBytes = 8192;

// Owns one end of a pipe.
class FileDescriptor {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(FileDescriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept {
        if (this != &other) {
            reset();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() { reset(); }

    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_ = -1;
};

bool makePipe(FileDescriptor& readEnd, FileDescriptor& writeEnd) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return false;
    readEnd = FileDescriptor(fds[0]);
    writeEnd = FileDescriptor(fds[1]);
    return true;
}

} // namespace

Result<ProcessOutcome> runProcess(const std::vector<std::string>& arguments,
                                  const std::function<void(std::string_view line)>& onStdoutLine) {
    XRS_EXPECT(!arguments.empty(), "runProcess needs a program name");
    FileDescriptor stdoutRead, stdoutWrite, stderrRead, stderrWrite;
    if (!makePipe(stdoutRead, stdoutWrite) || !makePipe(stderrRead, stderrWrite))
        return fail(arguments[0], ": cannot create pipes (", std::strerror(errno), ")");

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, stdoutWrite.get(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, stderrWrite.get(), STDERR_FILENO);

    std::vector<char*> argv;
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawnError = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawnError != 0) return fail(arguments[0], ": cannot run (", std::strerror(spawnError), ")");
    stdoutWrite.reset();
    stderrWrite.reset();

    ProcessOutcome outcome;
    std::string pendingLine;
    std::array<pollfd, 2> watched{pollfd{stdoutRead.get(), POLLIN, 0}, pollfd{stderrRead.get(), POLLIN, 0}};
    char buffer[4096];
    while (watched[0].fd >= 0 || watched[1].fd >= 0) {
        if (::poll(watched.data(), watched.size(), -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (std::size_t i = 0; i < watched.size(); ++i) {
            if (watched[i].fd < 0 || watched[i].revents == 0) continue;
            const ssize_t got = ::read(watched[i].fd, buffer, sizeof(buffer));
            if (got <= 0) {
                if (got < 0 && errno == EINTR) continue;
                watched[i].fd = -1;  // EOF: the FileDescriptor still owns and closes it
                continue;
            }
            const std::string_view chunk(buffer, static_cast<std::size_t>(got));
            if (i == 0) {
                pendingLine += chunk;
                std::size_t newline;
                while ((newline = pendingLine.find('\n')) != std::string::npos) {
                    if (onStdoutLine) onStdoutLine(std::string_view(pendingLine).substr(0, newline));
                    pendingLine.erase(0, newline + 1);
                }
            } else {
                outcome.stderrTail += chunk;
                if (outcome.stderrTail.size() > 2 * kStderrTailBytes)
                    outcome.stderrTail.erase(0, outcome.stderrTail.size() - kStderrTailBytes);
            }
        }
    }
    if (!pendingLine.empty() && onStdoutLine) onStdoutLine(pendingLine);
    if (outcome.stderrTail.size() > kStderrTailBytes)
        outcome.stderrTail.erase(0, outcome.stderrTail.size() - kStderrTailBytes);

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return outcome;
}

} // namespace xrs::video
