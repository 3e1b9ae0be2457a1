#include "gpu/ValidationLog.h"

namespace xrs::gpu {

void ValidationLog::recordError(std::string message) {
    errors_.fetch_add(1);
    std::lock_guard lock(mutex_);
    if (messages_.size() < kKeptMessages) messages_.push_back("error: " + std::move(message));
}

void ValidationLog::recordWarning(std::string message) {
    warnings_.fetch_add(1);
    std::lock_guard lock(mutex_);
    if (messages_.size() < kKeptMessages) messages_.push_back("warning: " + std::move(message));
}

std::vector<std::string> ValidationLog::firstMessages() const {
    std::lock_guard lock(mutex_);
    return messages_;
}

} // namespace xrs::gpu
