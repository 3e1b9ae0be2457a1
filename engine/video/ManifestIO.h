#pragma once
// manifest.json <-> Manifest. The format is documented in docs/video-package.md.
// Every error names the file and the JSON pointer of the offending value, e.g.
//   "pkg/manifest.json: /levels/1/tiles/7/path: must stay inside the package"
// None of these functions throw.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/Result.h"
#include "video/Manifest.h"

namespace xrs::video {

inline constexpr std::string_view kManifestFormat = "xrshow-tiled-video";
inline constexpr std::string_view kManifestFileName = "manifest.json";

// Parses and validates a manifest; `nameForErrors` prefixes every message (usually the path).
Result<Manifest> parseManifest(std::string_view json, const std::string& nameForErrors);
// Reads <path> (a manifest.json, or a package directory containing one) and parses it.
Result<Manifest> loadManifest(const std::filesystem::path& path);
// Pretty-printed JSON (2-space indent, trailing newline). The manifest should be valid.
std::string writeManifest(const Manifest& manifest);

// The structural rules (sizes consistent with grid and levels, tile counts, safe relative paths,
// positive fps ...), shared by the parser and by the packager before it writes.
Status validateManifest(const Manifest& manifest, const std::string& nameForErrors);

// A package-relative path that cannot leave the package: relative, no "." or ".." components,
// only [A-Za-z0-9._-] names separated by '/'. Returns the reason when it is not.
std::optional<std::string> unsafePackagePathReason(std::string_view path);

// Names used in manifests and on the command line.
std::string_view layoutName(StereoLayout layout);          // "mono", "top-bottom", "side-by-side"
std::optional<StereoLayout> layoutFromName(std::string_view name);
std::string_view projectionName(Projection projection);    // "360", "180"
std::optional<Projection> projectionFromName(std::string_view name);
bool isSupportedCodec(std::string_view codec);             // "hevc", "h264", "av1"

} // namespace xrs::video
