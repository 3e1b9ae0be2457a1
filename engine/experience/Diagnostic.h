#pragma once
// One problem found in an experience: where (file + JSON pointer into it) and what. The validator
// reports every problem in one pass, so a curator fixes a file in one round trip.
#include <string>
#include <vector>

namespace xrs::experience {

enum class Severity { Error, Warning };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;       // the experience.json as given (the pointer refers into it)
    std::string pointer;    // JSON pointer, e.g. "/tour/3/narration"; "" is the whole document
    std::string message;    // what was expected or what is wrong; names media files it concerns
    // An error in an optional asset (panel image, hotspot icon, subtitles, ambience): `xrshow
    // validate` counts it, but the runtime shows a placeholder (or stays silent) and runs on.
    bool degradable = false;
};

// "<file>:<pointer>: error: <message>" (no pointer part for the whole document).
std::string formatDiagnostic(const Diagnostic& diagnostic);

std::size_t countErrors(const std::vector<Diagnostic>& diagnostics);
std::size_t countWarnings(const std::vector<Diagnostic>& diagnostics);

} // namespace xrs::experience
