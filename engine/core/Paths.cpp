#include "core/Paths.h"

#include <cstdlib>
#include <system_error>

namespace xrs {

std::filesystem::path executableDirectory() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::current_path() : exe.parent_path();
}

std::filesystem::path shaderDirectory() {
    if (const char* dir = std::getenv("XRS_SHADER_DIR"); dir && *dir) return dir;
    auto nextToExe = executableDirectory() / ".." / "shaders";
    if (std::filesystem::is_directory(nextToExe)) return nextToExe.lexically_normal();
    return XRS_BUILD_SHADER_DIR;
}

std::filesystem::path sourceDirectory() { return XRS_SOURCE_DIR; }

} // namespace xrs
