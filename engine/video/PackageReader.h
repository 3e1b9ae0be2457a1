#pragma once
// Opens a package directory written by `xrshow pack`: parses and validates manifest.json, then
// checks that every stream file exists inside the package (no symlink leading out), has the
// declared size and, on request, the declared SHA-256 and a demuxable stream of the declared
// picture size and frame count. Errors name the offending file:
//   "pkg/L0/t1_3.mp4: missing (level 0 tile 11)"
//   "pkg/L1/t0_0.mp4: 1234 bytes, the manifest says 5678 (truncated or replaced?)"
#include <filesystem>
#include <string>

#include "core/Result.h"
#include "video/Manifest.h"

namespace xrs::video {

struct PackageCheck {
    bool checksums = false;     // hash every file (reads the whole package)
    bool streams = false;       // demux every stream: size, frame count, IDR keyframes
};

struct Package {
    std::filesystem::path directory;
    Manifest manifest;

    // Absolute location of a manifest path (StreamFile::path) inside this package.
    std::filesystem::path fileOf(const StreamFile& file) const { return directory / file.path; }
};

Result<Package> openPackage(const std::filesystem::path& directory, const PackageCheck& check = {});

// Checks one stream file of an opened package (the same checks as openPackage) so a caller can
// drop a single damaged tile and keep playing. `what` names it in errors ("level 0 tile 11").
Status checkPackageFile(const Package& package, const StreamFile& file, const std::string& what,
                        const PackageCheck& check, int width, int height);

} // namespace xrs::video
