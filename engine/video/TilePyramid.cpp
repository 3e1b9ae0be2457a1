#include "video/TilePyramid.h"

#include "core/Image.h"
#include "core/Log.h"
#include "video/ImagePlanes.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace xrs::video {
namespace {

constexpr int kMinGridTile = 16;    // px; coarser grid levels are not worth a slot

std::string str(int value) { return std::to_string(value); }

// Copies `tile` into `image` with its top-left corner at (x, y); it must fit.
void blit(ImageRGBA8& image, const ImageRGBA8& tile, int x, int y) {
    for (int row = 0; row < tile.height; ++row)
        std::copy_n(&tile.pixels[static_cast<std::size_t>(row) * tile.rowBytes()], tile.rowBytes(),
                    &image.pixels[(static_cast<std::size_t>(y + row) * image.width + x) * ImageRGBA8::kChannels]);
}

// One pyramid tile PNG, checked against the size the index promises.
Result<ImageRGBA8> readTile(const TilePyramid& pyramid, int level, int column, int row) {
    const std::filesystem::path path = pyramid.tilePath(level, column, row);
    auto image = readPng(path);
    if (!image) return image.error();
    const PyramidLevel& size = pyramid.levels[static_cast<std::size_t>(level)];
    const int width = std::min(pyramid.tileSize, size.width - column * pyramid.tileSize);
    const int height = std::min(pyramid.tileSize, size.height - row * pyramid.tileSize);
    if (image->width != width || image->height != height)
        return fail(path.string(), ": ", str(image->width), "x", str(image->height), " tile, expected ", str(width),
                    "x", str(height), " (level ", str(level), " of ", (pyramid.directory / "index.json").string(), ")");
    return image;
}

} // namespace

std::filesystem::path TilePyramid::tilePath(int level, int column, int row) const {
    return directory / std::to_string(level) / (std::to_string(column) + "_" + std::to_string(row) + ".png");
}

int TilePyramid::baseLevel() const {
    for (std::size_t level = 0; level < levels.size(); ++level)
        if (std::max(levels[level].width, levels[level].height) <= kMaxPyramidBaseSize)
            return static_cast<int>(level);
    return static_cast<int>(levels.size()) - 1;
}

Manifest TilePyramid::manifest(int maxLevels) const {
    Manifest manifest;
    manifest.sourceWidth = width;
    manifest.sourceHeight = height;
    manifest.fpsNum = 1;
    manifest.fpsDen = 1;
    manifest.frameCount = 1;
    manifest.gopFrames = 1;
    manifest.codec = "png";
    manifest.layout = StereoLayout::Mono;
    manifest.gridCols = width / tileSize;
    manifest.gridRows = height / tileSize;
    const int levelCount = std::min<int>(maxLevels, static_cast<int>(levels.size()));
    for (int level = 0; level < levelCount && (tileSize >> level) >= kMinGridTile; ++level) {
        Level& grid = manifest.levels.emplace_back();
        grid.index = level;
        grid.tileWidth = grid.tileHeight = tileSize >> level;
        grid.tiles.resize(static_cast<std::size_t>(manifest.tilesPerLevel()), StreamFile{"index.json", 0, {}});
    }
    const PyramidLevel& base = levels[static_cast<std::size_t>(baseLevel())];
    manifest.baseWidth = base.width;
    manifest.baseHeight = base.height;
    manifest.base = StreamFile{"index.json", 0, {}};
    return manifest;
}

Result<TilePyramid> readTilePyramid(const std::filesystem::path& indexFile) {
    const std::string name = indexFile.string();
    std::ifstream in(indexFile, std::ios::binary);
    if (!in) return fail(name, ": cannot open the tile pyramid index");
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json index = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (index.is_discarded() || !index.is_object()) return fail(name, ": not a JSON object");

    const auto integer = [&](const nlohmann::json& object, const std::string& pointer,
                             const char* key) -> Result<int> {
        const auto found = object.find(key);
        if (found == object.end() || !found->is_number_integer() || found->get<long long>() <= 0 ||
            found->get<long long>() > (1 << 20))
            return fail(name, ": ", pointer, "/", key, ": expected a positive integer");
        return found->get<int>();
    };
    if (index.value("format", "") != "xrshow-tile-pyramid")
        return fail(name, ": /format: expected \"xrshow-tile-pyramid\"");
    if (index.value("version", 0) != 1) return fail(name, ": /version: expected 1");
    if (index.value("tileFormat", "png") != "png") return fail(name, ": /tileFormat: expected \"png\"");
    if (index.value("overlap", 0) != 0) return fail(name, ": /overlap: expected 0");

    TilePyramid pyramid;
    pyramid.directory = indexFile.parent_path();
    auto width = integer(index, "", "width");
    auto height = integer(index, "", "height");
    auto tileSize = integer(index, "", "tileSize");
    for (const auto* field : {&width, &height, &tileSize})
        if (!*field) return field->error();
    pyramid.width = *width;
    pyramid.height = *height;
    pyramid.tileSize = *tileSize;
    if (pyramid.width % pyramid.tileSize != 0 || pyramid.height % pyramid.tileSize != 0)
        return fail(name, ": ", str(pyramid.width), "x", str(pyramid.height), " is not a whole number of ",
                    str(pyramid.tileSize), " px tiles (streaming needs whole tiles)");

    const auto levels = index.find("levels");
    if (levels == index.end() || !levels->is_array() || levels->empty())
        return fail(name, ": /levels: expected a non-empty array");
    int expectedWidth = pyramid.width, expectedHeight = pyramid.height;
    for (std::size_t i = 0; i < levels->size(); ++i) {
        const std::string pointer = "/levels/" + std::to_string(i);
        const nlohmann::json& entry = (*levels)[i];
        if (!entry.is_object()) return fail(name, ": ", pointer, ": expected an object");
        PyramidLevel level;
        auto w = integer(entry, pointer, "width");
        auto h = integer(entry, pointer, "height");
        auto columns = integer(entry, pointer, "columns");
        auto rows = integer(entry, pointer, "rows");
        for (const auto* field : {&w, &h, &columns, &rows})
            if (!*field) return field->error();
        if (*w != expectedWidth || *h != expectedHeight)
            return fail(name, ": ", pointer, ": ", str(*w), "x", str(*h), ", expected ", str(expectedWidth), "x",
                        str(expectedHeight), i == 0 ? " (the image size)" : " (half the previous level, rounded up)");
        const int tile = pyramid.tileSize;
        if (*columns != (*w + tile - 1) / tile || *rows != (*h + tile - 1) / tile)
            return fail(name, ": ", pointer, ": ", str(*columns), "x", str(*rows), " tiles do not cover ", str(*w), "x",
                        str(*h), " in ", str(tile), " px tiles");
        pyramid.levels.push_back({*w, *h, *columns, *rows});
        expectedWidth = (expectedWidth + 1) / 2;
        expectedHeight = (expectedHeight + 1) / 2;
    }
    return pyramid;
}

Result<std::unique_ptr<TilePyramidSource>> TilePyramidSource::open(TilePyramid pyramid, const Manifest& manifest) {
    std::unique_ptr<TilePyramidSource> source(new TilePyramidSource(std::move(pyramid), manifest));
    const TilePyramid& p = source->pyramid_;
    const int level = p.baseLevel();
    const PyramidLevel& size = p.levels[static_cast<std::size_t>(level)];
    ImageRGBA8 base(size.width, size.height);
    for (int row = 0; row < size.rows; ++row)
        for (int column = 0; column < size.columns; ++column) {
            auto tile = readTile(p, level, column, row);
            if (!tile) return tile.error();
            blit(base, *tile, column * p.tileSize, row * p.tileSize);
        }
    source->base_ = stillPlanesOf(base);
    source->worker_ = std::thread([raw = source.get()] { raw->workerLoop(); });
    return source;
}

TilePyramidSource::TilePyramidSource(TilePyramid pyramid, const Manifest& manifest)
    : pyramid_(std::move(pyramid)), gridCols_(manifest.gridCols) {
    for (const Level& level : manifest.levels) tileSizes_.push_back(level.tileWidth);
}

TilePyramidSource::~TilePyramidSource() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    tileSettled_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void TilePyramidSource::want(std::span<const StreamId> streams) {
    {
        std::lock_guard lock(mutex_);
        wanted_.assign(streams.begin(), streams.end());
    }
    wake_.notify_all();
}

bool TilePyramidSource::useFrame(StreamId stream, std::int64_t frameIndex,
                                 const std::function<void(const DecodedFrame&)>& use) {
    if (frameIndex != 0) return false;
    if (stream.level == StreamId::kBaseLevel) {
        use(base_); // immutable after open()
        return true;
    }
    DecodedFrame frame;
    {
        std::lock_guard lock(mutex_);
        const auto found = ready_.find(stream);
        if (found == ready_.end()) return false;
        frame = std::move(found->second);
        ready_.erase(found);
        std::erase(readyOrder_, stream);
        std::erase(wanted_, stream); // the consumer has it now
    }
    wake_.notify_all(); // room for the next wanted tile
    use(frame);
    return true;
}

int TilePyramidSource::failedTiles() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(failed_.size());
}

std::uint64_t TilePyramidSource::tilesLoaded() const {
    std::lock_guard lock(mutex_);
    return loaded_;
}

std::uint64_t TilePyramidSource::pixelsLoaded() const {
    std::lock_guard lock(mutex_);
    return pixelsLoaded_;
}

Result<DecodedFrame> TilePyramidSource::load(StreamId stream) const {
    // Grid cell (column, row) at grid level L is the square of tileSize >> L px at
    // (column, row) * that size in pyramid level L, inside one pyramid tile.
    const int cell = tileSizes_[static_cast<std::size_t>(stream.level)];
    const int x = (stream.tile % gridCols_) * cell;
    const int y = (stream.tile / gridCols_) * cell;
    const int tile = pyramid_.tileSize;
    auto image = readTile(pyramid_, stream.level, x / tile, y / tile);
    if (!image) return image.error();
    if (x % tile + cell > image->width || y % tile + cell > image->height)
        return fail(pyramid_.tilePath(stream.level, x / tile, y / tile).string(), ": tile too small for grid cell");
    return stillPlanesOf(crop(*image, x % tile, y % tile, cell, cell));
}

std::optional<StreamId> TilePyramidSource::nextToLoad() {
    for (const StreamId& stream : wanted_) {
        if (ready_.contains(stream) || failed_.contains(stream)) continue;
        if (ready_.size() < kMaxReady) return stream;
        // Full: make room by dropping the oldest loaded tile nobody wants any more.
        const auto stale = std::find_if(readyOrder_.begin(), readyOrder_.end(), [&](const StreamId& held) {
            return std::find(wanted_.begin(), wanted_.end(), held) == wanted_.end();
        });
        if (stale == readyOrder_.end()) return std::nullopt; // every loaded tile is still wanted
        ready_.erase(*stale);
        readyOrder_.erase(stale);
        return stream;
    }
    return std::nullopt;
}

void TilePyramidSource::waitForWanted() {
    std::unique_lock lock(mutex_);
    tileSettled_.wait(lock, [&] {
        std::size_t settled = 0;
        for (const StreamId& stream : wanted_)
            if (ready_.contains(stream) || failed_.contains(stream)) ++settled;
        return stopping_ || settled >= std::min(wanted_.size(), kMaxReady);
    });
}

void TilePyramidSource::workerLoop() {
    std::unique_lock lock(mutex_);
    while (true) {
        std::optional<StreamId> next;
        wake_.wait(lock, [&] { return stopping_ || (next = nextToLoad()).has_value(); });
        if (stopping_) return;
        lock.unlock();
        auto frame = load(*next);
        lock.lock();
        if (frame) {
            ++loaded_;
            pixelsLoaded_ += static_cast<std::uint64_t>(frame->width) * static_cast<std::uint64_t>(frame->height);
            ready_[*next] = std::move(*frame);
            readyOrder_.push_back(*next);
        } else {
            XRS_LOG_ERROR("{}", frame.error().message);
            failed_.insert(*next);
        }
        tileSettled_.notify_all();
    }
}

} // namespace xrs::video
