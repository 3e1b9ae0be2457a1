#include "video/ManifestIO.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

namespace xrs::video {
namespace {

using Json = nlohmann::json;

constexpr int kMaxGridSide = 64;
constexpr int kMaxLevels = 8;
constexpr std::size_t kMaxPathLength = 255;
constexpr std::uintmax_t kMaxManifestBytes = 16u << 20;  // a 16K 64x64 grid fits many times over

std::string toString(std::int64_t value) { return std::to_string(value); }

// Reads typed values out of the JSON tree; the first error (file, JSON pointer, cause) wins.
class JsonReader {
public:
    explicit JsonReader(const std::string& fileName) : fileName_(fileName) {}

    bool failed() const { return error_.has_value(); }
    Error takeError() { return std::move(*error_); }

    void failAt(const std::string& pointer, const std::string& cause) {
        if (!error_) error_ = fail(fileName_, ": ", pointer.empty() ? "(root)" : pointer, ": ", cause);
    }

    const Json* member(const Json& object, const std::string& pointer, const char* key) {
        if (failed()) return nullptr;
        const auto found = object.find(key);
        if (found == object.end()) {
            failAt(pointer + "/" + key, "missing");
            return nullptr;
        }
        return &*found;
    }

    const Json* object(const Json& parent, const std::string& pointer, const char* key) {
        const Json* value = member(parent, pointer, key);
        if (value && !value->is_object()) {
            failAt(pointer + "/" + key, "must be an object");
            return nullptr;
        }
        return value;
    }

    const Json* array(const Json& parent, const std::string& pointer, const char* key) {
        const Json* value = member(parent, pointer, key);
        if (value && !value->is_array()) {
            failAt(pointer + "/" + key, "must be an array");
            return nullptr;
        }
        return value;
    }

    template <class Int>
    void integer(const Json& parent, const std::string& pointer, const char* key, Int& out) {
        const Json* value = member(parent, pointer, key);
        if (!value) return;
        if (!value->is_number_integer()) {
            failAt(pointer + "/" + key, "must be an integer");
            return;
        }
        constexpr auto lowest = std::numeric_limits<Int>::lowest();
        constexpr auto highest = std::numeric_limits<Int>::max();
        if (value->is_number_unsigned()) {
            const auto raw = value->get<std::uint64_t>();
            if (raw > static_cast<std::uint64_t>(highest)) {
                failAt(pointer + "/" + key, "integer out of range");
                return;
            }
            out = static_cast<Int>(raw);
        } else {
            const auto raw = value->get<std::int64_t>();
            if (raw < static_cast<std::int64_t>(lowest) || raw > static_cast<std::int64_t>(highest)) {
                failAt(pointer + "/" + key, "integer out of range");
                return;
            }
            out = static_cast<Int>(raw);
        }
    }

    void text(const Json& parent, const std::string& pointer, const char* key, std::string& out) {
        const Json* value = member(parent, pointer, key);
        if (!value) return;
        if (!value->is_string()) {
            failAt(pointer + "/" + key, "must be a string");
            return;
        }
        out = value->get<std::string>();
    }

    void number(const Json& parent, const std::string& pointer, const char* key, double& out) {
        const Json* value = member(parent, pointer, key);
        if (!value) return;
        if (!value->is_number()) {
            failAt(pointer + "/" + key, "must be a number");
            return;
        }
        out = value->get<double>();
    }

private:
    const std::string& fileName_;
    std::optional<Error> error_;
};

struct TileCoordinates {
    int eye = 0;
    int row = 0;
    int col = 0;
};

void readStreamFile(JsonReader& reader, const Json& node, const std::string& pointer, StreamFile& out) {
    reader.text(node, pointer, "path", out.path);
    reader.integer(node, pointer, "bytes", out.bytes);
    reader.text(node, pointer, "sha256", out.sha256);
}

// Fills `manifest` from the tree; tile coordinates go to `coordinates` (per level, per tile) so they
// can be checked against the grid once the structure is known to be valid.
void readManifest(JsonReader& reader, const Json& root, Manifest& manifest,
                  std::vector<std::vector<TileCoordinates>>& coordinates, double& durationSeconds) {
    if (!root.is_object()) {
        reader.failAt("", "must be a JSON object");
        return;
    }
    std::string format;
    reader.text(root, "", "format", format);
    if (!reader.failed() && format != kManifestFormat) {
        reader.failAt("/format", "is \"" + format + "\", expected \"" + std::string(kManifestFormat) + "\"");
    }
    reader.integer(root, "", "version", manifest.version);
    if (!reader.failed() && manifest.version != kManifestVersion) {
        reader.failAt("/version", "unsupported version " + std::to_string(manifest.version) +
                                      " (this build reads version " + std::to_string(kManifestVersion) + ")");
    }

    if (const Json* source = reader.object(root, "", "source")) {
        reader.integer(*source, "/source", "width", manifest.sourceWidth);
        reader.integer(*source, "/source", "height", manifest.sourceHeight);
        if (const Json* fps = reader.object(*source, "/source", "fps")) {
            reader.integer(*fps, "/source/fps", "num", manifest.fpsNum);
            reader.integer(*fps, "/source/fps", "den", manifest.fpsDen);
        }
        reader.integer(*source, "/source", "frameCount", manifest.frameCount);
        reader.number(*source, "/source", "durationSeconds", durationSeconds);
        std::string layout, projection;
        reader.text(*source, "/source", "layout", layout);
        if (!reader.failed()) {
            if (auto parsed = layoutFromName(layout)) manifest.layout = *parsed;
            else reader.failAt("/source/layout", "unknown layout \"" + layout + "\" (mono, top-bottom or side-by-side)");
        }
        reader.text(*source, "/source", "projection", projection);
        if (!reader.failed()) {
            if (auto parsed = projectionFromName(projection)) manifest.projection = *parsed;
            else reader.failAt("/source/projection", "unknown projection \"" + projection + "\" (360 or 180)");
        }
    }
    reader.text(root, "", "codec", manifest.codec);
    reader.integer(root, "", "gopFrames", manifest.gopFrames);
    if (const Json* grid = reader.object(root, "", "grid")) {
        reader.integer(*grid, "/grid", "cols", manifest.gridCols);
        reader.integer(*grid, "/grid", "rows", manifest.gridRows);
    }
    if (const Json* base = reader.object(root, "", "base")) {
        reader.integer(*base, "/base", "width", manifest.baseWidth);
        reader.integer(*base, "/base", "height", manifest.baseHeight);
        readStreamFile(reader, *base, "/base", manifest.base);
    }
    const Json* levels = reader.array(root, "", "levels");
    if (!levels) return;
    if (levels->size() > kMaxLevels) {
        reader.failAt("/levels", "has " + std::to_string(levels->size()) + " levels, at most " +
                                     std::to_string(kMaxLevels) + " are allowed");
        return;
    }
    for (std::size_t i = 0; i < levels->size() && !reader.failed(); ++i) {
        const std::string levelPointer = "/levels/" + std::to_string(i);
        const Json& node = (*levels)[i];
        if (!node.is_object()) {
            reader.failAt(levelPointer, "must be an object");
            return;
        }
        Level& level = manifest.levels.emplace_back();
        auto& levelCoordinates = coordinates.emplace_back();
        reader.integer(node, levelPointer, "index", level.index);
        reader.integer(node, levelPointer, "tileWidth", level.tileWidth);
        reader.integer(node, levelPointer, "tileHeight", level.tileHeight);
        const Json* tiles = reader.array(node, levelPointer, "tiles");
        if (!tiles) return;
        const std::size_t maxTiles = 2u * kMaxGridSide * kMaxGridSide;
        if (tiles->size() > maxTiles) {
            reader.failAt(levelPointer + "/tiles", "has " + std::to_string(tiles->size()) +
                                                       " tiles, at most " + std::to_string(maxTiles) + " are allowed");
            return;
        }
        for (std::size_t t = 0; t < tiles->size() && !reader.failed(); ++t) {
            const std::string tilePointer = levelPointer + "/tiles/" + std::to_string(t);
            const Json& tileNode = (*tiles)[t];
            if (!tileNode.is_object()) {
                reader.failAt(tilePointer, "must be an object");
                return;
            }
            TileCoordinates& where = levelCoordinates.emplace_back();
            reader.integer(tileNode, tilePointer, "eye", where.eye);
            reader.integer(tileNode, tilePointer, "row", where.row);
            reader.integer(tileNode, tilePointer, "col", where.col);
            readStreamFile(reader, tileNode, tilePointer, level.tiles.emplace_back());
        }
    }
}

Status checkStreamFile(const StreamFile& file, const std::string& pointer, const std::string& name) {
    if (auto reason = unsafePackagePathReason(file.path)) return fail(name, ": ", pointer, "/path: ", *reason);
    if (file.bytes == 0) return fail(name, ": ", pointer, "/bytes: must be positive");
    const bool hexDigest = file.sha256.size() == 64 &&
                           file.sha256.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hexDigest) return fail(name, ": ", pointer, "/sha256: must be 64 lowercase hex digits");
    return {};
}

} // namespace

std::string_view layoutName(StereoLayout layout) {
    switch (layout) {
    case StereoLayout::Mono: return "mono";
    case StereoLayout::TopBottom: return "top-bottom";
    case StereoLayout::SideBySide: return "side-by-side";
    }
    return "mono";
}

std::optional<StereoLayout> layoutFromName(std::string_view name) {
    if (name == "mono") return StereoLayout::Mono;
    if (name == "top-bottom") return StereoLayout::TopBottom;
    if (name == "side-by-side") return StereoLayout::SideBySide;
    return std::nullopt;
}

std::string_view projectionName(Projection projection) {
    return projection == Projection::Equirect180 ? "180" : "360";
}

std::optional<Projection> projectionFromName(std::string_view name) {
    if (name == "360") return Projection::Equirect360;
    if (name == "180") return Projection::Equirect180;
    return std::nullopt;
}

bool isSupportedCodec(std::string_view codec) { return codec == "hevc" || codec == "h264" || codec == "av1"; }

std::optional<std::string> unsafePackagePathReason(std::string_view path) {
    if (path.empty()) return "must not be empty";
    if (path.size() > kMaxPathLength) return "longer than " + std::to_string(kMaxPathLength) + " characters";
    if (path.front() == '/' || path.front() == '\\') return "must stay inside the package";
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view component = path.substr(start, end - start);
        if (component == "..") return "must stay inside the package";
        if (component.empty() || component == ".") return "must be a normalized relative path (no empty or \".\" parts)";
        for (char c : component) {
            const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                 c == '.' || c == '_' || c == '-';
            if (!allowed) {
                if (c == '\\' || c == ':') return "must stay inside the package";
                return "may only use the characters A-Z a-z 0-9 . _ - and '/'";
            }
        }
        start = end + 1;
    }
    return std::nullopt;
}

Status validateManifest(const Manifest& m, const std::string& name) {
    auto at = [&name](const std::string& pointer, const std::string& cause) { return fail(name, ": ", pointer, ": ", cause); };
    if (m.version != kManifestVersion) {
        return at("/version", "unsupported version " + std::to_string(m.version) + " (this build reads version " +
                                  std::to_string(kManifestVersion) + ")");
    }
    if (m.sourceWidth <= 0 || m.sourceWidth % 2 != 0) return at("/source/width", "must be positive and even");
    if (m.sourceHeight <= 0 || m.sourceHeight % 2 != 0) return at("/source/height", "must be positive and even");
    if (m.fpsNum <= 0) return at("/source/fps/num", "must be positive");
    if (m.fpsDen <= 0) return at("/source/fps/den", "must be positive");
    if (m.frameCount <= 0) return at("/source/frameCount", "must be positive");
    if (!isSupportedCodec(m.codec)) return at("/codec", "unsupported codec \"" + m.codec + "\" (hevc, h264 or av1)");
    if (m.gopFrames <= 0) return at("/gopFrames", "must be positive");
    if (m.gridCols < 1 || m.gridCols > kMaxGridSide) return at("/grid/cols", "must be 1.." + std::to_string(kMaxGridSide));
    if (m.gridRows < 1 || m.gridRows > kMaxGridSide) return at("/grid/rows", "must be 1.." + std::to_string(kMaxGridSide));
    if (m.layout == StereoLayout::SideBySide && m.sourceWidth % 4 != 0)
        return at("/source/width", "side-by-side frame width must be a multiple of 4 (two even eyes)");
    if (m.layout == StereoLayout::TopBottom && m.sourceHeight % 4 != 0)
        return at("/source/height", "top-bottom frame height must be a multiple of 4 (two even eyes)");

    if (m.levels.empty()) return at("/levels", "must list at least one level");
    if (m.levels.size() > kMaxLevels) return at("/levels", "at most " + std::to_string(kMaxLevels) + " levels are allowed");
    const int eyeWidth = m.eyeWidth();
    const int eyeHeight = m.eyeHeight();
    const std::size_t tilesPerLevel = static_cast<std::size_t>(m.tilesPerLevel());
    std::map<std::string, std::string, std::less<>> pointerOfPath;
    for (std::size_t i = 0; i < m.levels.size(); ++i) {
        const Level& level = m.levels[i];
        const std::string pointer = "/levels/" + std::to_string(i);
        const int levelIndex = static_cast<int>(i);
        if (level.index != levelIndex)
            return at(pointer + "/index", "is " + std::to_string(level.index) + ", expected " + std::to_string(i) +
                                              " (levels are listed finest first)");
        const int columnsAtScale = m.gridCols << levelIndex;
        const int rowsAtScale = m.gridRows << levelIndex;
        if (eyeWidth % columnsAtScale != 0 || (eyeWidth / columnsAtScale) % 2 != 0)
            return at(pointer + "/tileWidth", "eye width " + std::to_string(eyeWidth) + " does not split into " +
                                                  std::to_string(m.gridCols) + " even-width tiles at 1/" +
                                                  std::to_string(1 << levelIndex) + " scale");
        if (eyeHeight % rowsAtScale != 0 || (eyeHeight / rowsAtScale) % 2 != 0)
            return at(pointer + "/tileHeight", "eye height " + std::to_string(eyeHeight) + " does not split into " +
                                                   std::to_string(m.gridRows) + " even-height tiles at 1/" +
                                                   std::to_string(1 << levelIndex) + " scale");
        const int expectedWidth = eyeWidth / columnsAtScale;
        const int expectedHeight = eyeHeight / rowsAtScale;
        if (level.tileWidth != expectedWidth)
            return at(pointer + "/tileWidth", "is " + std::to_string(level.tileWidth) + ", expected " +
                                                  std::to_string(expectedWidth) + " (eye width " + std::to_string(eyeWidth) +
                                                  " / " + std::to_string(m.gridCols) + " columns / " +
                                                  std::to_string(1 << levelIndex) + ")");
        if (level.tileHeight != expectedHeight)
            return at(pointer + "/tileHeight", "is " + std::to_string(level.tileHeight) + ", expected " +
                                                   std::to_string(expectedHeight) + " (eye height " +
                                                   std::to_string(eyeHeight) + " / " + std::to_string(m.gridRows) +
                                                   " rows / " + std::to_string(1 << levelIndex) + ")");
        if (level.tiles.size() != tilesPerLevel)
            return at(pointer + "/tiles", "has " + std::to_string(level.tiles.size()) + " entries, expected " +
                                              std::to_string(tilesPerLevel) + " (" + std::to_string(eyeCount(m.layout)) +
                                              " eye(s) x " + std::to_string(m.gridRows) + " rows x " +
                                              std::to_string(m.gridCols) + " columns)");
        for (std::size_t t = 0; t < level.tiles.size(); ++t) {
            const std::string tilePointer = pointer + "/tiles/" + std::to_string(t);
            if (Status status = checkStreamFile(level.tiles[t], tilePointer, name); !status) return status;
            auto [it, inserted] = pointerOfPath.emplace(level.tiles[t].path, tilePointer);
            if (!inserted)
                return at(tilePointer + "/path", "\"" + level.tiles[t].path + "\" is also used by " + it->second);
        }
    }
    if (m.baseWidth <= 0 || m.baseWidth % 2 != 0 || m.baseWidth > m.sourceWidth)
        return at("/base/width", "must be positive, even and at most the source width");
    if (m.baseHeight <= 0 || m.baseHeight % 2 != 0 || m.baseHeight > m.sourceHeight)
        return at("/base/height", "must be positive, even and at most the source height");
    if (m.layout == StereoLayout::SideBySide && m.baseWidth % 4 != 0)
        return at("/base/width", "side-by-side base width must be a multiple of 4 (two even eyes)");
    if (m.layout == StereoLayout::TopBottom && m.baseHeight % 4 != 0)
        return at("/base/height", "top-bottom base height must be a multiple of 4 (two even eyes)");
    if (Status status = checkStreamFile(m.base, "/base", name); !status) return status;
    if (auto it = pointerOfPath.find(m.base.path); it != pointerOfPath.end())
        return at("/base/path", "\"" + m.base.path + "\" is also used by " + it->second);
    return {};
}

Result<Manifest> parseManifest(std::string_view json, const std::string& nameForErrors) {
    try {
        Json root;
        try {
            root = Json::parse(json.begin(), json.end());
        } catch (const Json::parse_error& error) {
            std::string what = error.what();
            // Drop nlohmann's "[json.exception.parse_error.101] " tag; keep line/column and cause.
            if (auto close = what.find("] "); what.starts_with("[json.exception") && close != std::string::npos)
                what = what.substr(close + 2);
            return fail(nameForErrors, ": not valid JSON: ", what);
        }
        JsonReader reader(nameForErrors);
        Manifest manifest;
        std::vector<std::vector<TileCoordinates>> coordinates;
        double durationSeconds = 0.0;
        readManifest(reader, root, manifest, coordinates, durationSeconds);
        if (reader.failed()) return reader.takeError();
        if (Status status = validateManifest(manifest, nameForErrors); !status) return status.error();

        for (std::size_t i = 0; i < coordinates.size(); ++i) {
            for (std::size_t t = 0; t < coordinates[i].size(); ++t) {
                const TileCoordinates& where = coordinates[i][t];
                const int index = static_cast<int>(t);
                const int expectedEye = index / (manifest.gridRows * manifest.gridCols);
                const int expectedRow = index / manifest.gridCols % manifest.gridRows;
                const int expectedCol = index % manifest.gridCols;
                const std::string pointer = "/levels/" + std::to_string(i) + "/tiles/" + std::to_string(t);
                auto mismatch = [&](const char* key, int actual, int expected) {
                    return fail(nameForErrors, ": ", pointer, "/", key, ": is ", std::to_string(actual), ", expected ",
                                std::to_string(expected), " (tiles are listed eye-major, then row-major)");
                };
                if (where.eye != expectedEye) return mismatch("eye", where.eye, expectedEye);
                if (where.row != expectedRow) return mismatch("row", where.row, expectedRow);
                if (where.col != expectedCol) return mismatch("col", where.col, expectedCol);
            }
        }
        const double expectedDuration = manifest.durationSeconds();
        const double frameDuration = static_cast<double>(manifest.fpsDen) / manifest.fpsNum;
        if (!std::isfinite(durationSeconds) || std::abs(durationSeconds - expectedDuration) > frameDuration) {
            std::ostringstream cause;
            cause << "is " << durationSeconds << " s, but frameCount / fps gives " << expectedDuration << " s";
            return fail(nameForErrors, ": /source/durationSeconds: ", cause.str());
        }
        return manifest;
    } catch (const std::exception& error) {
        return fail(nameForErrors, ": cannot read manifest: ", error.what());
    }
}

Result<Manifest> loadManifest(const std::filesystem::path& path) {
    std::error_code ec;
    const std::filesystem::path file =
        std::filesystem::is_directory(path, ec) ? path / std::string(kManifestFileName) : path;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return fail(file.string(), ": cannot read (", ec.message(), ")");
    if (size > kMaxManifestBytes) return fail(file.string(), ": ", toString(static_cast<std::int64_t>(size)), " bytes is too large for a manifest");
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(file.string(), ": cannot open for reading");
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) return fail(file.string(), ": short read");
    return parseManifest(text, file.string());
}

std::string writeManifest(const Manifest& m) {
    using Ordered = nlohmann::ordered_json;
    auto streamFile = [](Ordered& node, const StreamFile& file) {
        node["path"] = file.path;
        node["bytes"] = file.bytes;
        node["sha256"] = file.sha256;
    };
    Ordered root;
    root["format"] = kManifestFormat;
    root["version"] = m.version;
    Ordered& source = root["source"];
    source["width"] = m.sourceWidth;
    source["height"] = m.sourceHeight;
    source["fps"] = Ordered{{"num", m.fpsNum}, {"den", m.fpsDen}};
    source["frameCount"] = m.frameCount;
    source["durationSeconds"] = m.durationSeconds();
    source["layout"] = layoutName(m.layout);
    source["projection"] = projectionName(m.projection);
    root["codec"] = m.codec;
    root["gopFrames"] = m.gopFrames;
    root["grid"] = Ordered{{"cols", m.gridCols}, {"rows", m.gridRows}};
    Ordered& base = root["base"];
    base["width"] = m.baseWidth;
    base["height"] = m.baseHeight;
    streamFile(base, m.base);
    Ordered& levels = root["levels"] = Ordered::array();
    for (const Level& level : m.levels) {
        Ordered node;
        node["index"] = level.index;
        node["tileWidth"] = level.tileWidth;
        node["tileHeight"] = level.tileHeight;
        Ordered& tiles = node["tiles"] = Ordered::array();
        for (std::size_t t = 0; t < level.tiles.size(); ++t) {
            const int index = static_cast<int>(t);
            const int perEye = std::max(1, m.gridRows * m.gridCols);
            const int cols = std::max(1, m.gridCols);
            Ordered tile;
            tile["eye"] = index / perEye;
            tile["row"] = index / cols % std::max(1, m.gridRows);
            tile["col"] = index % cols;
            streamFile(tile, level.tiles[t]);
            tiles.push_back(std::move(tile));
        }
        levels.push_back(std::move(node));
    }
    return root.dump(2, ' ', false, Ordered::error_handler_t::replace) + "\n";
}

} // namespace xrs::video
