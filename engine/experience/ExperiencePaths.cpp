#include "experience/ExperiencePaths.h"

#include <algorithm>
#include <string>

namespace xrs::experience {

Result<std::filesystem::path> resolveExperiencePath(const std::filesystem::path& folder, std::string_view relative) {
    const std::string quoted = "'" + std::string(relative) + "'";
    if (relative.empty()) return fail("expected a path, got an empty string");
    const bool driveLetter = relative.size() >= 2 && relative[1] == ':';
    if (relative.front() == '/' || relative.front() == '\\' || driveLetter)
        return fail("absolute path ", quoted, " is refused: paths are relative to the experience folder");
    if (relative.find('\\') != std::string_view::npos)
        return fail("path ", quoted, " uses '\\'; separate folders with '/'");
    if (relative.find('\0') != std::string_view::npos) return fail("path contains a NUL character");
    std::size_t start = 0;
    while (start <= relative.size()) {
        const std::size_t end = std::min(relative.find('/', start), relative.size());
        if (relative.substr(start, end - start) == "..")
            return fail("path ", quoted, " leaves the experience folder ('..' is refused)");
        start = end + 1;
    }

    const std::filesystem::path full = folder / std::filesystem::path(std::string(relative));
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(full, ec))) return full;
    // The file (or a dangling link) exists: where does it really lead?
    const std::filesystem::path real = std::filesystem::weakly_canonical(full, ec);
    if (ec) return fail("path ", quoted, ": cannot resolve: ", ec.message());
    const std::filesystem::path realFolder = std::filesystem::weakly_canonical(folder, ec);
    if (ec) return fail(folder.string(), ": cannot resolve: ", ec.message());
    const auto mismatch = std::mismatch(realFolder.begin(), realFolder.end(), real.begin(), real.end());
    if (mismatch.first != realFolder.end())
        return fail("path ", quoted, " leads outside the experience folder (through a symbolic link to ", real.string(), ")");
    return full;
}

} // namespace xrs::experience
