#include "experience/MediaChecks.h"

#include "core/Image.h"
#include "experience/ExperiencePaths.h"
#include "experience/Subtitles.h"
#include "scene/SceneImporter.h"
#include "video/PackageReader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>

namespace xrs::experience {
namespace {

std::string lowerExtension(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

bool oneOf(const std::string& value, std::initializer_list<std::string_view> options) {
    return std::find(options.begin(), options.end(), value) != options.end();
}

// The first bytes of a file (fewer if it is shorter).
std::string readHead(const std::filesystem::path& file, std::size_t count) {
    std::ifstream in(file, std::ios::binary);
    std::string head(count, '\0');
    in.read(head.data(), static_cast<std::streamsize>(count));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return head;
}

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};

std::uint32_t bigEndian32(std::string_view bytes) {
    std::uint32_t value = 0;
    for (char c : bytes.substr(0, 4)) value = (value << 8) | static_cast<unsigned char>(c);
    return value;
}

} // namespace

MediaChecks::MediaChecks(const Experience& experience, bool deep, std::vector<Diagnostic>& out)
    : experience_(experience), deep_(deep), out_(out) {}

void MediaChecks::report(Severity severity, const std::string& pointer, std::string message, bool degradable) {
    out_.push_back({severity, experience_.file.string(), pointer, std::move(message), degradable});
}

std::filesystem::path MediaChecks::locate(const std::string& path, const std::string& pointer, const char* expected,
                                          bool degradable) {
    auto resolved = resolveExperiencePath(experience_.folder, path);
    if (!resolved) {
        // A path leaving the folder is never degradable: it is refused, not just missing.
        report(Severity::Error, pointer, resolved.error().message);
        return {};
    }
    std::error_code ec;
    if (!std::filesystem::exists(*resolved, ec)) {
        report(Severity::Error, pointer, "missing '" + path + "' (expected " + expected + ")", degradable);
        return {};
    }
    return *resolved;
}

void MediaChecks::model(const std::string& path, const std::string& pointer) {
    const char* expected = "a .gltf, .glb, .fbx or .obj model";
    if (!oneOf(lowerExtension(path), {".gltf", ".glb", ".fbx", ".obj"})) {
        report(Severity::Error, pointer, "'" + path + "': expected " + std::string(expected));
        return;
    }
    const auto file = locate(path, pointer, expected, false);
    if (file.empty()) return;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        report(Severity::Error, pointer, "'" + path + "' is not a file (expected " + expected + ")");
        return;
    }
    if (!deep_) return;
    auto imported = scene::importScene(file);
    if (!imported) {
        report(Severity::Error, pointer, imported.error().message);
        return;
    }
    if (imported->meshes.empty()) report(Severity::Warning, pointer, "'" + path + "' has no meshes");
    for (const std::string& warning : imported->warnings) report(Severity::Warning, pointer, warning);
}

void MediaChecks::videoPackage(const std::string& path, const std::string& pointer) {
    const char* expected = "a video package folder made by `xrshow pack`";
    const auto folder = locate(path, pointer, expected, false);
    if (folder.empty()) return;
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
        report(Severity::Error, pointer, "'" + path + "' is not a folder (expected " + expected + ")");
        return;
    }
    video::PackageCheck check;
    check.checksums = deep_;
    check.streams = deep_;
    auto package = video::openPackage(folder, check);
    if (!package) report(Severity::Error, pointer, package.error().message);
}

void MediaChecks::equirectImage(const std::string& path, const std::string& pointer) {
    image(path, pointer, false);
    const auto file = experience_.folder / path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec) || !resolveExperiencePath(experience_.folder, path)) return;
    const std::string head = readHead(file, 24);
    if (head.size() < 24 || !startsWith(head, kPngSignature)) return;  // JPEG: no size check without decoding
    const std::uint32_t width = bigEndian32(std::string_view(head).substr(16));
    const std::uint32_t height = bigEndian32(std::string_view(head).substr(20));
    if (height == 0 || width != 2 * height)
        report(Severity::Warning, pointer,
               "'" + path + "' is " + std::to_string(width) + "x" + std::to_string(height) +
                   "; an equirectangular 360° image is twice as wide as high");
}

void MediaChecks::image(const std::string& path, const std::string& pointer, bool degradable) {
    const char* expected = "a PNG or JPEG image";
    const std::string extension = lowerExtension(path);
    if (!oneOf(extension, {".png", ".jpg", ".jpeg"})) {
        report(Severity::Error, pointer, "'" + path + "': expected " + std::string(expected), degradable);
        return;
    }
    const auto file = locate(path, pointer, expected, degradable);
    if (file.empty()) return;
    const std::string head = readHead(file, 8);
    const bool png = extension == ".png";
    if (png ? !startsWith(head, kPngSignature) : !startsWith(head, "\xFF\xD8\xFF")) {
        report(Severity::Error, pointer, "'" + path + "' is not a " + (png ? "PNG" : "JPEG") + " file", degradable);
        return;
    }
    if (deep_ && png) {
        if (auto decoded = readPng(file); !decoded) report(Severity::Error, pointer, decoded.error().message, degradable);
    }
}

void MediaChecks::audio(const std::string& path, const std::string& pointer) {
    // Audio is never required: a broken clip means silence (subtitles still run), so it degrades.
    const char* expected = "an Ogg (Vorbis/Opus), WAV, FLAC or MP3 clip";
    const std::string extension = lowerExtension(path);
    if (!oneOf(extension, {".ogg", ".opus", ".oga", ".wav", ".flac", ".mp3"})) {
        report(Severity::Error, pointer, "'" + path + "': expected " + std::string(expected), true);
        return;
    }
    const auto file = locate(path, pointer, expected, true);
    if (file.empty()) return;
    const std::string head = readHead(file, 12);
    bool matches = false;
    if (oneOf(extension, {".ogg", ".opus", ".oga"})) matches = startsWith(head, "OggS");
    else if (extension == ".wav") matches = startsWith(head, "RIFF") && head.size() == 12 && head.substr(8, 4) == "WAVE";
    else if (extension == ".flac") matches = startsWith(head, "fLaC");
    else matches = startsWith(head, "ID3") || (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0xFF &&
                                               (static_cast<unsigned char>(head[1]) & 0xE0) == 0xE0);
    if (!matches)
        report(Severity::Error, pointer, "'" + path + "' does not start like a " + extension.substr(1) + " file", true);
}

void MediaChecks::subtitles(const std::string& path, const std::string& pointer) {
    const char* expected = "a WebVTT (.vtt) or SubRip (.srt) file";
    if (!oneOf(lowerExtension(path), {".vtt", ".srt"})) {
        report(Severity::Error, pointer, "'" + path + "': expected " + std::string(expected), true);
        return;
    }
    const auto file = locate(path, pointer, expected, true);
    if (file.empty()) return;
    auto track = loadSubtitles(file);
    if (!track) {
        // loadSubtitles names the file as opened (folder/path); show it as the curator wrote it.
        std::string message = track.error().message;
        if (const std::string full = file.string(); message.rfind(full, 0) == 0) message = path + message.substr(full.size());
        report(Severity::Error, pointer, std::move(message), true);
    } else if (track->cues.empty()) {
        report(Severity::Warning, pointer, "'" + path + "' has no cues");
    }
}

} // namespace xrs::experience
