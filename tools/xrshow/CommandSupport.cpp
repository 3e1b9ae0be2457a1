#include "CommandSupport.h"

#include "core/Log.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace xrs::cli {

Result<std::unique_ptr<gpu::Context>> createContext(const GlobalOptions& global,
                                                    gpu::ContextOptions options) {
    const char* env = std::getenv("XRS_VALIDATE");
    options.validation = global.validate || (env && std::strcmp(env, "1") == 0);
    auto context = gpu::Context::create(options);
    if (!context) return context.error();
    XRS_LOG_INFO("Vulkan device: {}", (*context)->describe());
    if ((*context)->info().isSoftware)
        XRS_LOG_INFO("no GPU found: rendering on the CPU (Mesa lavapipe); expect low frame rates");
    return context;
}

bool reportValidation(gpu::Context& context) {
    if (!context.validationEnabled()) return true;
    const auto& log = context.validation();
    std::fprintf(stderr, "validation: %u errors, %u warnings\n", log.errorCount(), log.warningCount());
    return log.clean();
}

int commandFailed(const std::string& command, const std::string& message) {
    std::fprintf(stderr, "xrshow %s: %s\n", command.c_str(), message.c_str());
    return 1;
}

double median(std::vector<double> values) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())) - 1.0);
    return values[std::min(index, values.size() - 1)];
}

} // namespace xrs::cli
