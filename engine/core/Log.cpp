#include "core/Log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace xrs {

void initLogging(LogLevel level) {
    // Logs go to stderr so stdout stays clean for results (RESULT lines, image paths).
    auto logger = spdlog::stderr_color_mt("xrshow");
    logger->set_pattern("[%L] %v");
    switch (level) {
    case LogLevel::Debug: logger->set_level(spdlog::level::debug); break;
    case LogLevel::Info: logger->set_level(spdlog::level::info); break;
    case LogLevel::Warn: logger->set_level(spdlog::level::warn); break;
    case LogLevel::Error: logger->set_level(spdlog::level::err); break;
    case LogLevel::Off: logger->set_level(spdlog::level::off); break;
    }
    spdlog::set_default_logger(std::move(logger));
}

} // namespace xrs
