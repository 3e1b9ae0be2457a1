#include "CommandSupport.h"

#include "core/Log.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

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

std::string formatDuration(double seconds) {
    const long total = std::lround(std::max(seconds, 0.0));
    char text[32];
    if (total < 90) std::snprintf(text, sizeof text, "%ld s", total);
    else if (total < 5400) std::snprintf(text, sizeof text, "%ld min", (total + 30) / 60);
    else std::snprintf(text, sizeof text, "%ld h %02ld min", (total + 30) / 3600, (total + 30) / 60 % 60);
    return text;
}

ProgressLine::ProgressLine(std::string prefix)
    : prefix_(std::move(prefix)), terminal_(isatty(fileno(stderr)) != 0), stageStart_(Clock::now()),
      lastPrinted_(stageStart_) {}

ProgressLine::~ProgressLine() {
    if (lineOpen_) std::fprintf(stderr, "\n");
}

void ProgressLine::update(const std::string& stage, std::int64_t done, std::int64_t total) {
    const auto now = Clock::now();
    if (stage != stage_) {
        if (lineOpen_) std::fprintf(stderr, "\n");
        lineOpen_ = false;
        stage_ = stage;
        stageStart_ = now;
    }
    const bool last = total > 0 && done >= total;
    if (!terminal_ && !last && done > 0 && now - lastPrinted_ < std::chrono::seconds(10)) return;
    lastPrinted_ = now;
    std::string line = prefix_ + " " + stage;
    if (total > 0) {
        constexpr std::int64_t kBarWidth = 20;
        const std::int64_t filled = std::clamp<std::int64_t>(done * kBarWidth / total, 0, kBarWidth);
        line += ": " + std::to_string(done) + "/" + std::to_string(total) + " [" +
                std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(kBarWidth - filled), '.') +
                "] " + std::to_string(done * 100 / total) + "%";
        if (done > 0 && !last) {
            const double elapsed = std::chrono::duration<double>(now - stageStart_).count();
            line += ", " + formatDuration(elapsed / static_cast<double>(done) * static_cast<double>(total - done)) + " left";
        }
    }
    if (terminal_) {
        std::fprintf(stderr, "\r%s\033[K", line.c_str()); // clear what a longer line left
        lineOpen_ = !last;
        if (last) std::fprintf(stderr, "\n");
    } else {
        std::fprintf(stderr, "%s\n", line.c_str());
    }
    std::fflush(stderr);
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
