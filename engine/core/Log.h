#pragma once
// Logging goes through spdlog's default logger; initLogging() sets the pattern and level once
// at program start (xrshow main, test main). Modules just call XRS_LOG_INFO(...) etc.
#include <spdlog/spdlog.h>

namespace xrs {
enum class LogLevel { Debug, Info, Warn, Error, Off };
void initLogging(LogLevel level);
} // namespace xrs

#define XRS_LOG_DEBUG(...) ::spdlog::debug(__VA_ARGS__)
#define XRS_LOG_INFO(...) ::spdlog::info(__VA_ARGS__)
#define XRS_LOG_WARN(...) ::spdlog::warn(__VA_ARGS__)
#define XRS_LOG_ERROR(...) ::spdlog::error(__VA_ARGS__)
