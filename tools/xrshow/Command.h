#pragma once
// Each subcommand lives in its own file and registers itself on the CLI11 app. A command's
// callback stores its process exit code in `exitCode`: 0 ok, 1 bad input or failed work
// (a one-line error naming the file and the cause has been printed), 2 usage errors (CLI11).
#include <CLI/CLI.hpp>

namespace xrs::cli {

struct GlobalOptions {
    bool validate = false;  // --validate: Khronos validation layer + synchronization validation
    bool verbose = false;
};

void registerInfoCommand(CLI::App& app, const GlobalOptions& global, int& exitCode);
void registerRenderCommand(CLI::App& app, const GlobalOptions& global, int& exitCode);
void registerBenchCommand(CLI::App& app, const GlobalOptions& global, int& exitCode);
void registerPackCommand(CLI::App& app, const GlobalOptions& global, int& exitCode);
void registerGenVideoCommand(CLI::App& app, const GlobalOptions& global, int& exitCode);
void registerRunCommand(CLI::App& app, const GlobalOptions& global, int& exitCode);
void registerValidateCommand(CLI::App& app, const GlobalOptions& global, int& exitCode);
void registerListCommand(CLI::App& app, const GlobalOptions& global, int& exitCode);
void registerCapturePanoCommand(CLI::App& app, const GlobalOptions& global, int& exitCode);

} // namespace xrs::cli
