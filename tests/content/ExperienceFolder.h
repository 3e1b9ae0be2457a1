#pragma once
// Where a built experience lives: $XRS_SOURCE_DIR/experiences/<name> (ctest sets it), else the
// source tree known at build time.
#include "core/Paths.h"

#include <cstdlib>
#include <filesystem>
#include <string>

namespace xrs::test {

inline std::filesystem::path experienceFolder(const std::string& name) {
    const char* source = std::getenv("XRS_SOURCE_DIR");
    const std::filesystem::path root = source != nullptr && *source != '\0' ? std::filesystem::path(source)
                                                                            : sourceDirectory();
    return root / "experiences" / name;
}

} // namespace xrs::test
