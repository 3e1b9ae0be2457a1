#pragma once
// Where the runtime finds files it ships with (compiled shaders, bundled assets).
#include <filesystem>

namespace xrs {

// Directory holding compiled SPIR-V: $XRS_SHADER_DIR if set, else <exe dir>/../shaders
// (build/bin/xrshow -> build/shaders), else the build directory known at compile time.
std::filesystem::path shaderDirectory();

// Directory of the running executable (from /proc/self/exe).
std::filesystem::path executableDirectory();

// The source tree's root, known at compile time (assets/, experiences/, tests/data/).
std::filesystem::path sourceDirectory();

} // namespace xrs
