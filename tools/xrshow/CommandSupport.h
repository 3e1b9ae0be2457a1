#pragma once
// Helpers shared by subcommands: the Vulkan context with the global flags applied, the
// validation summary, the one-line error convention, and the statistics benchmarks report.
#include "Command.h"
#include "core/Result.h"
#include "gpu/Context.h"

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

// The upper median (values[n / 2] once sorted); 0 for none.
double median(std::vector<double> values);
// The nearest-rank percentile, p in (0, 1]; 0 for none.
double percentile(std::vector<double> values, double p);

} // namespace xrs::cli
