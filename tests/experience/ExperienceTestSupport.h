#pragma once
// Shared by the experience tests: the sample experience in tests/data, copies of it to break,
// and lookups in diagnostic lists.
#include "core/Paths.h"
#include "core/TempDirectory.h"
#include "experience/Diagnostic.h"
#include "experience/Experience.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace xrs::test {

inline std::filesystem::path sourceRoot() {
    if (const char* dir = std::getenv("XRS_SOURCE_DIR"); dir && *dir) return dir;
    return xrs::sourceDirectory();
}

inline std::filesystem::path sampleExperienceFolder() { return sourceRoot() / "tests/data/experiences/sample"; }

inline std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// A copy of the sample experience in a fresh temporary folder (removed with the object).
class SampleCopy {
public:
    SampleCopy() : temp_("experience") {
        std::filesystem::copy(sampleExperienceFolder(), folder(), std::filesystem::copy_options::recursive);
    }
    std::filesystem::path folder() const { return temp_.path() / "sample"; }
    std::filesystem::path file() const { return folder() / "experience.json"; }

private:
    TempDirectory temp_;
};

// The diagnostics as formatted lines, for readable failure output.
inline std::string describe(const std::vector<experience::Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& diagnostic : diagnostics) text += experience::formatDiagnostic(diagnostic) + "\n";
    return text;
}

} // namespace xrs::test
