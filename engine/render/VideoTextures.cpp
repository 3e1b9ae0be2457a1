#include "render/VideoTextures.h"

#include "core/Assert.h"
#include "core/Log.h"
#include "gpu/Barriers.h"
#include "gpu/Context.h"
#include "gpu/VkCheck.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <tuple>

namespace xrs::render {
namespace {

constexpr VkDeviceSize kStagingAlignment = 16;

VkDeviceSize alignUp(VkDeviceSize value, VkDeviceSize alignment) {
    return (value + alignment - 1) / alignment * alignment;
}

// Upper bound of the staging bytes one decoded frame of w x h needs (strides padded to 32).
VkDeviceSize frameBytes(int width, int height) {
    const VkDeviceSize stride = alignUp(static_cast<VkDeviceSize>(width), 64);
    return stride * static_cast<VkDeviceSize>(height) + stride * static_cast<VkDeviceSize>((height + 1) / 2) +
           2 * kStagingAlignment;
}

// One plane (Y or CbCr) of the base layer (`layers` = 0: a plain 2D image) or of an atlas
// (`layers` slots, always viewed as an array, even with a single slot).
Result<gpu::Image> createPlane(gpu::Context& context, VkFormat format, int width, int height,
                               std::uint32_t layers, const char* name) {
    gpu::ImageDesc desc;
    desc.format = format;
    desc.extent = {static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height)};
    desc.layers = std::max(1u, layers);
    desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    desc.viewType = layers == 0 ? VK_IMAGE_VIEW_TYPE_2D : VK_IMAGE_VIEW_TYPE_2D_ARRAY;
    return gpu::Image::create(context, desc, name);
}

} // namespace

glm::mat4 yuvToRgbMatrix(video::ColourMatrix matrix, video::ColourRange range) {
    // Luma coefficients Kr, Kb of each standard (ITU-R BT.601, BT.709, BT.2020).
    float kr = 0.2126f, kb = 0.0722f;
    if (matrix == video::ColourMatrix::Bt601) { kr = 0.299f; kb = 0.114f; }
    if (matrix == video::ColourMatrix::Bt2020) { kr = 0.2627f; kb = 0.0593f; }
    const float kg = 1.0f - kr - kb;
    // Range: limited puts Y in [16, 235] and Cb/Cr in [16, 240] (of 255).
    const bool limited = range == video::ColourRange::Limited;
    const float yScale = limited ? 255.0f / 219.0f : 1.0f;
    const float cScale = limited ? 255.0f / 224.0f : 1.0f;
    const float yOffset = limited ? 16.0f / 255.0f : 0.0f;
    const float cOffset = 128.0f / 255.0f;
    // R = Y' + 2(1-Kr) Cr', B = Y' + 2(1-Kb) Cb', G = Y' - (2 Kb (1-Kb) Cb' + 2 Kr (1-Kr) Cr') / Kg
    const float rCr = 2.0f * (1.0f - kr);
    const float bCb = 2.0f * (1.0f - kb);
    const float gCb = -2.0f * kb * (1.0f - kb) / kg;
    const float gCr = -2.0f * kr * (1.0f - kr) / kg;
    // Columns are Y, Cb, Cr, constant (glm is column-major).
    glm::mat4 m(0.0f);
    m[0] = glm::vec4(yScale, yScale, yScale, 0.0f);
    m[1] = glm::vec4(0.0f, gCb * cScale, bCb * cScale, 0.0f);
    m[2] = glm::vec4(rCr * cScale, gCr * cScale, 0.0f, 0.0f);
    m[3] = glm::vec4(-yScale * yOffset - rCr * cScale * cOffset,
                     -yScale * yOffset - (gCb + gCr) * cScale * cOffset,
                     -yScale * yOffset - bCb * cScale * cOffset, 1.0f);
    return m;
}

Result<std::unique_ptr<VideoTextures>> VideoTextures::create(gpu::Context& context,
                                                              const video::Manifest& manifest,
                                                              VkDescriptorSetLayout videoLayout,
                                                              const VideoTexturesConfig& config) {
    if (manifest.levels.empty() || manifest.levels.size() > shader::kMaxVideoLevels)
        return fail("video package has ", std::to_string(manifest.levels.size()),
                    " levels; the renderer supports 1 to ", std::to_string(shader::kMaxVideoLevels));
    std::unique_ptr<VideoTextures> textures(new VideoTextures(context));
    textures->manifest_ = manifest;
    if (auto s = textures->createImages(manifest, config); !s) return s.error();
    if (auto s = textures->createDescriptors(videoLayout); !s) return s.error();
    textures->entries_.assign(static_cast<std::size_t>(manifest.tilesPerLevel()),
                              shader::VideoTileEntry{glm::uvec4(shader::kTileNotResident, 0, 0, 0)});
    return textures;
}

VideoTextures::~VideoTextures() = default;

Status VideoTextures::createImages(const video::Manifest& manifest, const VideoTexturesConfig& config) {
    const int streams = manifest.tilesPerLevel();
    VkDeviceSize maxUploadBytes = frameBytes(manifest.baseWidth, manifest.baseHeight);
    for (std::size_t l = 0; l < manifest.levels.size(); ++l) {
        const auto& level = manifest.levels[l];
        LevelAtlas atlas;
        atlas.tileWidth = level.tileWidth;
        atlas.tileHeight = level.tileHeight;
        const int slots = std::clamp(static_cast<int>(std::ceil(config.slotFractionPerLevel[l] * static_cast<float>(streams))),
                                     std::min(VideoTexturesConfig::kMinSlots, streams), streams);
        auto luma = createPlane(context_, VK_FORMAT_R8_UNORM, level.tileWidth, level.tileHeight,
                                static_cast<std::uint32_t>(slots), "video luma atlas");
        if (!luma) return luma.error();
        auto chroma = createPlane(context_, VK_FORMAT_R8G8_UNORM, (level.tileWidth + 1) / 2,
                                  (level.tileHeight + 1) / 2, static_cast<std::uint32_t>(slots),
                                  "video chroma atlas");
        if (!chroma) return chroma.error();
        atlas.luma = std::move(*luma);
        atlas.chroma = std::move(*chroma);
        atlas.slots.resize(static_cast<std::size_t>(slots));
        atlas.slotOfStream.assign(static_cast<std::size_t>(streams), -1);
        textureBytes_ += static_cast<std::uint64_t>(slots) *
                         (static_cast<std::uint64_t>(level.tileWidth) * level.tileHeight +
                          2ull * ((level.tileWidth + 1) / 2) * ((level.tileHeight + 1) / 2));
        maxUploadBytes += static_cast<VkDeviceSize>(slots) * frameBytes(level.tileWidth, level.tileHeight);
        levels_.push_back(std::move(atlas));
    }
    auto baseLuma = createPlane(context_, VK_FORMAT_R8_UNORM, manifest.baseWidth, manifest.baseHeight, 0, "video base luma");
    if (!baseLuma) return baseLuma.error();
    auto baseChroma = createPlane(context_, VK_FORMAT_R8G8_UNORM, (manifest.baseWidth + 1) / 2,
                                  (manifest.baseHeight + 1) / 2, 0, "video base chroma");
    if (!baseChroma) return baseChroma.error();
    baseLuma_ = std::move(*baseLuma);
    baseChroma_ = std::move(*baseChroma);
    textureBytes_ += static_cast<std::uint64_t>(manifest.baseWidth) * manifest.baseHeight +
                     2ull * ((manifest.baseWidth + 1) / 2) * ((manifest.baseHeight + 1) / 2);

    for (std::uint32_t i = 0; i < gpu::kFramesInFlight; ++i) {
        auto staging = gpu::Buffer::create(context_, maxUploadBytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                           gpu::MemoryUsage::Upload, "video staging");
        if (!staging) return staging.error();
        staging_[i] = std::move(*staging);
        auto table = gpu::Buffer::create(context_, sizeof(shader::VideoTileEntry) * static_cast<VkDeviceSize>(streams),
                                         VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, gpu::MemoryUsage::Upload,
                                         "video indirection");
        if (!table) return table.error();
        tileTables_[i] = std::move(*table);
        auto params = gpu::Buffer::create(context_, sizeof(shader::VideoParams), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                                          gpu::MemoryUsage::Upload, "video params");
        if (!params) return params.error();
        params_[i] = std::move(*params);
        auto patches = gpu::Buffer::create(context_, sizeof(shader::VideoPatch) * static_cast<VkDeviceSize>(streams),
                                           VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, gpu::MemoryUsage::Upload,
                                           "video sphere patches");
        if (!patches) return patches.error();
        patchLists_[i] = std::move(*patches);
    }

    // Every plane starts in SHADER_READ_ONLY (black base layer, empty slots never sampled):
    // update() then only moves between SHADER_READ_ONLY and TRANSFER_DST.
    context_.submitImmediately([&](VkCommandBuffer cmd) {
        std::vector<const gpu::Image*> images{&baseLuma_, &baseChroma_};
        for (const auto& atlas : levels_) {
            images.push_back(&atlas.luma);
            images.push_back(&atlas.chroma);
        }
        for (const gpu::Image* image : images) {
            gpu::transition(cmd, {.image = image->handle(),
                                  .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
                                  .newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                  .dstStage = VK_PIPELINE_STAGE_2_CLEAR_BIT,
                                  .dstAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT});
            // Y = 16 and CbCr = 128 is black in limited range.
            const bool chroma = image->desc().format == VK_FORMAT_R8G8_UNORM;
            const VkClearColorValue black = {{chroma ? 128.0f / 255.0f : 16.0f / 255.0f, 128.0f / 255.0f, 0.0f, 0.0f}};
            const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, VK_REMAINING_ARRAY_LAYERS};
            vkCmdClearColorImage(cmd, image->handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &black, 1, &range);
            gpu::transition(cmd, {.image = image->handle(),
                                  .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                  .newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                                  .srcStage = VK_PIPELINE_STAGE_2_CLEAR_BIT,
                                  .srcAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                  .dstStage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                                  .dstAccess = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT});
        }
    });

    auto& params = paramsTemplate_;
    const int layout = manifest.layout == video::StereoLayout::TopBottom    ? shader::kLayoutTopBottom
                       : manifest.layout == video::StereoLayout::SideBySide ? shader::kLayoutSideBySide
                                                                            : shader::kLayoutMono;
    params.grid = glm::uvec4(manifest.gridCols, manifest.gridRows, video::eyeCount(manifest.layout), layout);
    const bool is180 = manifest.projection == video::Projection::Equirect180;
    const float pi = 3.14159265358979f;
    params.projection = glm::vec4(is180 ? -0.5f * pi : -pi, is180 ? pi : 2.0f * pi, is180 ? 1.0f : 0.0f, 0.0f);
    params.yuvToRgb = yuvToRgbMatrix(video::ColourMatrix::Bt709, video::ColourRange::Limited);
    params.baseTexel = glm::vec4(1.0f / static_cast<float>(manifest.baseWidth),
                                 1.0f / static_cast<float>(manifest.baseHeight), 0.0f, 0.0f);
    // Quads of at most 2.5° on the sphere: their flat chords stray from the sphere by well under
    // a texel of an 8K source; the whole sphere is ~10k vertices whatever the grid.
    const float tileDegrees = std::max((is180 ? 180.0f : 360.0f) / static_cast<float>(manifest.gridCols),
                                       180.0f / static_cast<float>(manifest.gridRows));
    const auto n = static_cast<std::uint32_t>(std::clamp(static_cast<int>(std::ceil(tileDegrees / 2.5f)), 1, 250));
    params.patches = glm::uvec4(n, 0, 0, 0);
    return createPatchIndices(n);
}

Status VideoTextures::createPatchIndices(std::uint32_t quadsPerSide) {
    const std::uint32_t n = quadsPerSide, row = n + 1;
    std::vector<std::uint32_t> indices;
    indices.reserve(6ull * n * n);
    for (std::uint32_t y = 0; y < n; ++y)
        for (std::uint32_t x = 0; x < n; ++x) {
            const std::uint32_t a = y * row + x, b = a + 1, c = a + row + 1, d = a + row;
            indices.insert(indices.end(), {a, b, c, a, c, d});
        }
    auto buffer = gpu::Buffer::create(context_, indices.size() * sizeof(std::uint32_t), VK_BUFFER_USAGE_INDEX_BUFFER_BIT,
                                      gpu::MemoryUsage::Upload, "video sphere patch indices");
    if (!buffer) return buffer.error();
    patchIndices_ = std::move(*buffer);
    patchIndices_.write(std::as_bytes(std::span(indices)));
    indicesPerPatch_ = static_cast<std::uint32_t>(indices.size());
    return {};
}

Status VideoTextures::createDescriptors(VkDescriptorSetLayout videoLayout) {
    VkDevice device = context_.device();
    VkSamplerCreateInfo info{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    info.magFilter = VK_FILTER_LINEAR;
    info.minFilter = VK_FILTER_LINEAR;
    info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
    info.addressModeU = info.addressModeV = info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    VkSampler sampler = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreateSampler(device, &info, nullptr, &sampler));
    tileSampler_ = gpu::SamplerHandle(device, sampler);
    // The base layer wraps around in longitude (360° mono and top-bottom), so filtering across
    // the ±180° seam blends both sides instead of clamping to one.
    const bool wraps = manifest_.projection == video::Projection::Equirect360 &&
                       manifest_.layout != video::StereoLayout::SideBySide;
    info.addressModeU = wraps ? VK_SAMPLER_ADDRESS_MODE_REPEAT : VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    XRS_VK_CHECK(vkCreateSampler(device, &info, nullptr, &sampler));
    baseSampler_ = gpu::SamplerHandle(device, sampler);

    const VkDescriptorPoolSize sizes[] = {
        {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, gpu::kFramesInFlight * (2 * shader::kMaxVideoLevels + 2)},
        {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2 * gpu::kFramesInFlight},
        {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, gpu::kFramesInFlight}};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = gpu::kFramesInFlight;
    poolInfo.poolSizeCount = 3;
    poolInfo.pPoolSizes = sizes;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool));
    descriptorPool_ = gpu::DescriptorPoolHandle(device, pool);

    std::array<VkDescriptorImageInfo, shader::kMaxVideoLevels> luma{}, chroma{};
    for (std::uint32_t l = 0; l < shader::kMaxVideoLevels; ++l) {
        // Unused levels repeat the coarsest one: every binding must be valid.
        const LevelAtlas& atlas = levels_[std::min<std::size_t>(l, levels_.size() - 1)];
        luma[l] = {tileSampler_, atlas.luma.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
        chroma[l] = {tileSampler_, atlas.chroma.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    }
    const VkDescriptorImageInfo baseLuma{baseSampler_, baseLuma_.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    const VkDescriptorImageInfo baseChroma{baseSampler_, baseChroma_.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    for (std::uint32_t i = 0; i < gpu::kFramesInFlight; ++i) {
        VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        alloc.descriptorPool = pool;
        alloc.descriptorSetCount = 1;
        alloc.pSetLayouts = &videoLayout;
        XRS_VK_CHECK(vkAllocateDescriptorSets(device, &alloc, &sets_[i]));
        const VkDescriptorBufferInfo table{tileTables_[i].handle(), 0, VK_WHOLE_SIZE};
        const VkDescriptorBufferInfo params{params_[i].handle(), 0, VK_WHOLE_SIZE};
        const VkDescriptorBufferInfo patches{patchLists_[i].handle(), 0, VK_WHOLE_SIZE};
        VkWriteDescriptorSet writes[7];
        auto imageWrite = [&](std::uint32_t binding, std::uint32_t count, const VkDescriptorImageInfo* images) {
            VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
            w.dstSet = sets_[i];
            w.dstBinding = binding;
            w.descriptorCount = count;
            w.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
            w.pImageInfo = images;
            return w;
        };
        auto bufferWrite = [&](std::uint32_t binding, VkDescriptorType type, const VkDescriptorBufferInfo* buffer) {
            VkWriteDescriptorSet w{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
            w.dstSet = sets_[i];
            w.dstBinding = binding;
            w.descriptorCount = 1;
            w.descriptorType = type;
            w.pBufferInfo = buffer;
            return w;
        };
        writes[0] = imageWrite(shader::kVideoLumaBinding, shader::kMaxVideoLevels, luma.data());
        writes[1] = imageWrite(shader::kVideoChromaBinding, shader::kMaxVideoLevels, chroma.data());
        writes[2] = imageWrite(shader::kVideoBaseLumaBinding, 1, &baseLuma);
        writes[3] = imageWrite(shader::kVideoBaseChromaBinding, 1, &baseChroma);
        writes[4] = bufferWrite(shader::kVideoTilesBinding, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &table);
        writes[5] = bufferWrite(shader::kVideoParamsBinding, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, &params);
        writes[6] = bufferWrite(shader::kVideoPatchesBinding, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, &patches);
        vkUpdateDescriptorSets(device, 7, writes, 0, nullptr);
    }
    return {};
}

bool VideoTextures::uploadTile(gpu::FrameContext& frame, video::FrameSource& source, int level, int stream,
                               std::int64_t shown, std::span<const video::TileChoice> choices, bool mayTakeSlot,
                               VideoFrameUpload& stats) {
    LevelAtlas& atlas = levels_[static_cast<std::size_t>(level)];
    const int held = atlas.slotOfStream[static_cast<std::size_t>(stream)];
    if (held >= 0 && atlas.slots[static_cast<std::size_t>(held)].frame == shown) return true;
    if (held < 0 && !mayTakeSlot) return false;
    bool uploaded = false;
    source.useFrame({level, stream}, shown, [&](const video::DecodedFrame& decoded) {
        const int slot =
            decoded.width == atlas.tileWidth && decoded.height == atlas.tileHeight ? slotFor(level, stream, choices) : -1;
        if (slot >= 0 && stage(decoded, atlas.luma.handle(), atlas.chroma.handle(), static_cast<std::uint32_t>(slot),
                               frame.slot, stats)) {
            atlas.slots[static_cast<std::size_t>(slot)].frame = shown;
            ++stats.tilesUploaded;
            uploaded = true;
        }
    });
    return uploaded;
}

int VideoTextures::slotFor(int level, int stream, std::span<const video::TileChoice> choices) {
    LevelAtlas& atlas = levels_[static_cast<std::size_t>(level)];
    int& current = atlas.slotOfStream[static_cast<std::size_t>(stream)];
    if (current >= 0) return current;
    // A free slot, else the one whose tile matters least now: not wanted at this level, then out
    // of view and not coming into view (kept by the hysteresis, or left behind), then farthest
    // from the gaze, then least recently shown. A tile not in view yet takes only a slot no tile
    // in view or coming into view wants (else it would evict a tile it must then wait for, or
    // one that is loaded again when it arrives); no tile takes one this update has
    // already shown (tiles are visited nearest the gaze first, so those matter more). Recency
    // alone cannot choose: every resident tile is in the indirection table every frame.
    const int gridTiles = manifest_.gridCols * manifest_.gridRows;
    const bool inView = choices[static_cast<std::size_t>(stream % gridTiles)].visible;
    const auto importance = [&](const Slot& slot) {
        const video::TileChoice& choice = choices[static_cast<std::size_t>(slot.stream % gridTiles)];
        return std::make_tuple(choice.level == level, choice.visible, choice.prefetch, -choice.eccentricityRad, slot.lastUsed);
    };
    int victim = -1;
    for (std::size_t s = 0; s < atlas.slots.size(); ++s) {
        const Slot& slot = atlas.slots[s];
        if (slot.stream < 0) { victim = static_cast<int>(s); break; }
        if (slot.lastUsed == updateCount_) continue;
        const video::TileChoice& holder = choices[static_cast<std::size_t>(slot.stream % gridTiles)];
        if (!inView && holder.level == level && (holder.visible || holder.prefetch)) continue;
        if (victim < 0 || importance(slot) < importance(atlas.slots[static_cast<std::size_t>(victim)]))
            victim = static_cast<int>(s);
    }
    if (victim < 0) return -1; // every slot is shown this frame: the tile uses another level or the base
    Slot& slot = atlas.slots[static_cast<std::size_t>(victim)];
    if (slot.stream >= 0) atlas.slotOfStream[static_cast<std::size_t>(slot.stream)] = -1;
    slot = Slot{stream, -1, updateCount_};
    current = victim;
    return victim;
}

bool VideoTextures::stage(const video::DecodedFrame& decoded, VkImage luma, VkImage chroma,
                          std::uint32_t layer, std::uint32_t frameSlot, VideoFrameUpload& stats) {
    gpu::Buffer& staging = staging_[frameSlot];
    const VkDeviceSize lumaBytes = decoded.luma.size();
    const VkDeviceSize chromaBytes = decoded.chroma.size();
    const VkDeviceSize lumaOffset = alignUp(stagingUsed_, kStagingAlignment);
    const VkDeviceSize chromaOffset = alignUp(lumaOffset + lumaBytes, kStagingAlignment);
    if (chromaOffset + chromaBytes > staging.size()) {
        XRS_LOG_WARN("video staging full this frame; tile upload deferred");
        return false;
    }
    std::memcpy(staging.mapped() + lumaOffset, decoded.luma.data(), lumaBytes);
    std::memcpy(staging.mapped() + chromaOffset, decoded.chroma.data(), chromaBytes);
    stagingUsed_ = chromaOffset + chromaBytes;

    VkBufferImageCopy region{};
    region.bufferOffset = lumaOffset;
    region.bufferRowLength = static_cast<std::uint32_t>(decoded.lumaStride);
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
    region.imageExtent = {static_cast<std::uint32_t>(decoded.width), static_cast<std::uint32_t>(decoded.height), 1};
    pending_.push_back({luma, region});
    region.bufferOffset = chromaOffset;
    region.bufferRowLength = static_cast<std::uint32_t>(decoded.chromaStride / 2); // CbCr pairs
    region.imageExtent = {static_cast<std::uint32_t>(decoded.chromaWidth()),
                          static_cast<std::uint32_t>(decoded.chromaHeight()), 1};
    pending_.push_back({chroma, region});
    stats.bytesUploaded += lumaBytes + chromaBytes;
    return true;
}

VideoFrameUpload VideoTextures::update(gpu::FrameContext& frame, video::FrameSource& source,
                                       std::span<const video::TileChoice> choices,
                                       std::int64_t targetFrame) {
    const int gridTiles = manifest_.gridCols * manifest_.gridRows;
    XRS_EXPECT(static_cast<int>(choices.size()) == gridTiles, "one TileChoice per grid tile");
    ++updateCount_;
    stagingUsed_ = 0;
    pending_.clear();
    VideoFrameUpload stats;

    // The base layer decides which video frame this display frame shows (a still's only
    // frame is uploaded once).
    if (baseFrame_ != targetFrame) {
        source.useFrame({video::StreamId::kBaseLevel, 0}, targetFrame, [&](const video::DecodedFrame& decoded) {
            if (decoded.width == manifest_.baseWidth && decoded.height == manifest_.baseHeight &&
                stage(decoded, baseLuma_.handle(), baseChroma_.handle(), 0, frame.slot, stats)) {
                baseFrame_ = targetFrame;
                stats.baseUploaded = true;
                paramsTemplate_.yuvToRgb = yuvToRgbMatrix(decoded.matrix, decoded.range);
            }
        });
    }
    const std::int64_t shown = baseFrame_;
    stats.displayedFrame = shown;

    // Tiles in view first, closest to the gaze first: when a level's slots run out, the fovea
    // has already got its own, and tiles coming into view get what is left.
    std::vector<int> order(static_cast<std::size_t>(gridTiles));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const video::TileChoice& ca = choices[static_cast<std::size_t>(a)];
        const video::TileChoice& cb = choices[static_cast<std::size_t>(b)];
        if (ca.visible != cb.visible) return ca.visible;
        return ca.eccentricityRad < cb.eccentricityRad;
    });
    const int eyes = video::eyeCount(manifest_.layout);
    for (int tile : order) {
        for (int eye = 0; eye < eyes; ++eye) {
            const int stream = eye * gridTiles + tile;
            const int wanted = choices[static_cast<std::size_t>(tile)].level;
            if (wanted >= 0 && shown >= 0) {
                ++stats.tilesWanted;
                if (!uploadTile(frame, source, wanted, stream, shown, choices, /*mayTakeSlot=*/true, stats)) {
                    // Make before break: until the wanted level has this frame (a stream
                    // catching up), the level the tile showed last frame goes on in the slot it
                    // still holds (VideoPlayer keeps it decoding), so a tile turning finer or
                    // coarser does not drop to the base layer in between.
                    const std::uint32_t before = entries_[static_cast<std::size_t>(stream)].entry.x;
                    if (before != shader::kTileNotResident && static_cast<int>(before) != wanted)
                        uploadTile(frame, source, static_cast<int>(before), stream, shown, choices,
                                   /*mayTakeSlot=*/false, stats);
                }
            }
            // Show the finest level whose slot holds exactly the shown frame.
            shader::VideoTileEntry entry{glm::uvec4(shader::kTileNotResident, 0, 0, 0)};
            for (std::size_t level = 0; level < levels_.size() && shown >= 0; ++level) {
                const int slot = levels_[level].slotOfStream[static_cast<std::size_t>(stream)];
                if (slot < 0) continue;
                Slot& held = levels_[level].slots[static_cast<std::size_t>(slot)];
                if (held.frame != shown) continue;
                held.lastUsed = updateCount_;
                entry.entry = glm::uvec4(level, slot, static_cast<std::uint32_t>(shown), 0);
                ++stats.tilesResident;
                if (wanted >= 0 && static_cast<int>(level) <= wanted) ++stats.wantedResident;
                break;
            }
            entries_[static_cast<std::size_t>(stream)] = entry;
            if (wanted >= 0 && shown >= 0 && choices[static_cast<std::size_t>(tile)].visible) {
                ++stats.visibleWanted;
                stats.visibleFromBase += entry.entry.x == shader::kTileNotResident ? 1 : 0;
            }
        }
    }

    finishFrame(frame, shown, choices);
    return stats;
}

void VideoTextures::updateStill(gpu::FrameContext& frame, const video::DecodedFrame* base) {
    ++updateCount_;
    stagingUsed_ = 0;
    pending_.clear();
    VideoFrameUpload stats;
    if (base && base->width == manifest_.baseWidth && base->height == manifest_.baseHeight &&
        stage(*base, baseLuma_.handle(), baseChroma_.handle(), 0, frame.slot, stats)) {
        baseFrame_ = 0;
        paramsTemplate_.yuvToRgb = yuvToRgbMatrix(base->matrix, base->range);
    }
    std::fill(entries_.begin(), entries_.end(), shader::VideoTileEntry{glm::uvec4(shader::kTileNotResident, 0, 0, 0)});
    finishFrame(frame, baseFrame_, {});
}

void VideoTextures::finishFrame(gpu::FrameContext& frame, std::int64_t shown,
                                std::span<const video::TileChoice> choices) {
    recordCopies(frame.cmd, staging_[frame.slot].handle());
    tileTables_[frame.slot].write(std::as_bytes(std::span(entries_)));
    shader::VideoParams params = paramsTemplate_;
    params.frame = glm::uvec4(static_cast<std::uint32_t>(std::max<std::int64_t>(shown, 0)), 0, 0, 0);
    params_[frame.slot].write(std::as_bytes(std::span(&params, 1)));
    writePatches(frame.slot, params.frame.x, choices);
}

void VideoTextures::writePatches(std::uint32_t frameSlot, std::uint32_t shownFrame,
                                 std::span<const video::TileChoice> choices) {
    // A tile is drawn from its level's atlas only when its slot holds the shown frame; every
    // other tile (not resident, or holding another time) is drawn from the base layer. Tiles
    // no view sees are left out: TileGrid::isVisible never calls a tile the frustum touches
    // invisible, and insets look inside the views the choices were made for.
    auto drawn = [&](std::size_t tile) { return choices.empty() || choices[tile % choices.size()].visible; };
    auto sourceOf = [&](const shader::VideoTileEntry& e) {
        const bool current = e.entry.x < shader::kMaxVideoLevels && e.entry.z == shownFrame;
        return current ? e.entry.x : shader::kVideoSourceBase;
    };
    auto& ranges = patchRanges_[frameSlot];
    ranges = {};
    const std::size_t firstEyeTiles = static_cast<std::size_t>(manifest_.gridCols) * manifest_.gridRows;
    for (std::size_t tile = 0; tile < entries_.size(); ++tile) {
        if (!drawn(tile)) continue;
        auto& range = ranges[sourceOf(entries_[tile])];
        ++range.count;
        if (tile < firstEyeTiles) ++range.firstEyeCount; // eye-major: the first eye's come first
    }
    for (std::uint32_t source = 1; source < shader::kVideoSourceCount; ++source)
        ranges[source].first = ranges[source - 1].first + ranges[source - 1].count;
    patchScratch_.resize(ranges.back().first + ranges.back().count);
    std::array<std::uint32_t, shader::kVideoSourceCount> next{};
    for (std::uint32_t tile = 0; tile < entries_.size(); ++tile) {
        if (!drawn(tile)) continue;
        const std::uint32_t source = sourceOf(entries_[tile]);
        patchScratch_[ranges[source].first + next[source]++] = shader::VideoPatch{tile, entries_[tile].entry.y};
    }
    if (!patchScratch_.empty()) patchLists_[frameSlot].write(std::as_bytes(std::span(patchScratch_)));
}

void VideoTextures::recordCopies(VkCommandBuffer cmd, VkBuffer staging) {
    if (pending_.empty()) return;
    std::vector<VkImage> images;
    for (const auto& copy : pending_)
        if (std::find(images.begin(), images.end(), copy.image) == images.end()) images.push_back(copy.image);

    // Earlier frames may still sample these planes: the barrier waits for their fragment
    // shaders; layers not written keep their contents (no UNDEFINED old layout).
    std::vector<VkImageMemoryBarrier2> barriers;
    for (VkImage image : images)
        barriers.push_back(gpu::toBarrier({.image = image,
                                           .oldLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                                           .newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                           .srcStage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                                           .srcAccess = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT,
                                           .dstStage = VK_PIPELINE_STAGE_2_COPY_BIT,
                                           .dstAccess = VK_ACCESS_2_TRANSFER_WRITE_BIT}));
    VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dependency.imageMemoryBarrierCount = static_cast<std::uint32_t>(barriers.size());
    dependency.pImageMemoryBarriers = barriers.data();
    vkCmdPipelineBarrier2(cmd, &dependency);

    for (const auto& copy : pending_)
        vkCmdCopyBufferToImage(cmd, staging, copy.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &copy.region);

    for (auto& barrier : barriers) {
        barrier.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
        barrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
        barrier.dstStageMask = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
        barrier.dstAccessMask = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT;
        barrier.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
        barrier.newLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    }
    vkCmdPipelineBarrier2(cmd, &dependency);
}

bool VideoTextures::holds(video::StreamId stream, std::int64_t frameIndex) const {
    if (stream.level == video::StreamId::kBaseLevel) return baseFrame_ == frameIndex;
    if (stream.level < 0 || stream.level >= static_cast<int>(levels_.size())) return false;
    const LevelAtlas& atlas = levels_[static_cast<std::size_t>(stream.level)];
    const int slot = atlas.slotOfStream[static_cast<std::size_t>(stream.tile)];
    return slot >= 0 && atlas.slots[static_cast<std::size_t>(slot)].frame == frameIndex;
}

VideoBackground VideoTextures::background(const gpu::FrameContext& frame) const {
    VideoBackground background;
    background.set = sets_[frame.slot];
    background.bySource = patchRanges_[frame.slot];
    background.patchIndices = patchIndices_.handle();
    background.indicesPerPatch = indicesPerPatch_;
    return background;
}

} // namespace xrs::render
