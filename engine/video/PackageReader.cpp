#include "video/PackageReader.h"

#include "video/ManifestIO.h"
#include "video/Sha256.h"
#include "video/StreamProbe.h"

namespace xrs::video {
namespace {

namespace fs = std::filesystem;

bool isInside(const fs::path& child, const fs::path& parent) {
    auto childIt = child.begin();
    for (auto parentIt = parent.begin(); parentIt != parent.end(); ++parentIt, ++childIt) {
        if (childIt == child.end() || *childIt != *parentIt) return false;
    }
    return true;
}

} // namespace

Status checkPackageFile(const Package& package, const StreamFile& file, const std::string& what,
                        const PackageCheck& check, int width, int height) {
    const fs::path location = package.fileOf(file);
    const std::string name = location.string();
    std::error_code ec;
    if (!fs::exists(location, ec)) return fail(name, ": missing (", what, ")");
    // Symlinks are allowed only when they resolve inside the package.
    const fs::path resolved = fs::weakly_canonical(location, ec);
    const fs::path root = fs::weakly_canonical(package.directory, ec);
    if (ec || !isInside(resolved, root)) return fail(name, ": leads outside the package (", what, ")");
    if (!fs::is_regular_file(resolved, ec)) return fail(name, ": not a regular file (", what, ")");
    const auto bytes = fs::file_size(resolved, ec);
    if (ec) return fail(name, ": cannot read size (", ec.message(), ")");
    if (bytes != file.bytes)
        return fail(name, ": ", std::to_string(bytes), " bytes, the manifest says ", std::to_string(file.bytes),
                    " (truncated or replaced?)");
    if (check.checksums) {
        auto digest = sha256File(resolved);
        if (!digest) return digest.error();
        if (*digest != file.sha256) return fail(name, ": SHA-256 differs from the manifest (corrupted)");
    }
    if (check.streams) {
        auto info = probeVideoStream(resolved);
        if (!info) return fail(name, ": damaged stream: ", info.error().message);
        const Manifest& m = package.manifest;
        if (info->width != width || info->height != height)
            return fail(name, ": stream is ", std::to_string(info->width), "x", std::to_string(info->height),
                        ", the manifest says ", std::to_string(width), "x", std::to_string(height));
        if (info->frameCount != m.frameCount)
            return fail(name, ": stream has ", std::to_string(info->frameCount), " frames, the manifest says ",
                        std::to_string(m.frameCount));
        for (const Keyframe& keyframe : info->keyframes) {
            if (keyframe.frameIndex % m.gopFrames != 0 || !keyframe.idr)
                return fail(name, ": frame ", std::to_string(keyframe.frameIndex),
                            " is a keyframe off the aligned IDR grid of ", std::to_string(m.gopFrames), " frames");
        }
    }
    return {};
}

Result<Package> openPackage(const fs::path& directory, const PackageCheck& check) {
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) return fail(directory.string(), ": not a package directory");
    auto manifest = loadManifest(directory / std::string(kManifestFileName));
    if (!manifest) return manifest.error();
    Package package{directory, std::move(*manifest)};
    const Manifest& m = package.manifest;
    if (Status status = checkPackageFile(package, m.base, "base layer", check, m.baseWidth, m.baseHeight); !status)
        return status.error();
    for (const Level& level : m.levels) {
        for (std::size_t t = 0; t < level.tiles.size(); ++t) {
            const std::string what = "level " + std::to_string(level.index) + " tile " + std::to_string(t);
            if (Status status = checkPackageFile(package, level.tiles[t], what, check, level.tileWidth, level.tileHeight);
                !status)
                return status.error();
        }
    }
    return package;
}

} // namespace xrs::video
