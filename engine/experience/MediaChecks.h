#pragma once
// Checks of the files an experience refers to, each reporting into a diagnostics list with the
// JSON pointer of the referring member. Internal to the experience module (used by the validator).
#include "experience/Diagnostic.h"
#include "experience/Experience.h"

#include <filesystem>
#include <string>
#include <vector>

namespace xrs::experience {

class MediaChecks {
public:
    MediaChecks(const Experience& experience, bool deep, std::vector<Diagnostic>& out);

    void model(const std::string& path, const std::string& pointer);
    void videoPackage(const std::string& path, const std::string& pointer);
    // An equirectangular panorama: a PNG with a 2:1 aspect is expected (other aspects warn).
    void equirectImage(const std::string& path, const std::string& pointer);
    void image(const std::string& path, const std::string& pointer, bool degradable);
    void audio(const std::string& path, const std::string& pointer);
    void subtitles(const std::string& path, const std::string& pointer);

private:
    // The resolved location when the path is safe and the file exists, else reports and returns {}.
    std::filesystem::path locate(const std::string& path, const std::string& pointer, const char* expected,
                                 bool degradable);
    void report(Severity severity, const std::string& pointer, std::string message, bool degradable = false);

    const Experience& experience_;
    bool deep_;
    std::vector<Diagnostic>& out_;
};

} // namespace xrs::experience
