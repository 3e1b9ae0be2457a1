#include "experience/Diagnostic.h"

#include <algorithm>

namespace xrs::experience {

std::string formatDiagnostic(const Diagnostic& diagnostic) {
    std::string line = diagnostic.file;
    if (!diagnostic.pointer.empty()) line += ":" + diagnostic.pointer;
    line += diagnostic.severity == Severity::Error ? ": error: " : ": warning: ";
    line += diagnostic.message;
    return line;
}

std::size_t countErrors(const std::vector<Diagnostic>& diagnostics) {
    return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                  [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t countWarnings(const std::vector<Diagnostic>& diagnostics) {
    return diagnostics.size() - countErrors(diagnostics);
}

} // namespace xrs::experience
