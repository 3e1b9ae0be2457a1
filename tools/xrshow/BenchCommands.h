#pragma once
// `xrshow bench` groups one subcommand per benchmark; each lives in its own file.
#include "Command.h"

namespace xrs::cli {
void registerBenchRender(CLI::App& bench, const GlobalOptions& global, int& exitCode);
void registerBenchVideo(CLI::App& bench, const GlobalOptions& global, int& exitCode);
void registerBenchXr(CLI::App& bench, const GlobalOptions& global, int& exitCode);
void registerBenchTiles(CLI::App& bench, const GlobalOptions& global, int& exitCode);
} // namespace xrs::cli
