#pragma once
// Load-time uploads (meshes, textures): data is copied into host-visible staging buffers,
// copy commands are recorded, and flush() submits them all at once and waits. Textures get
// their mip chain generated on the GPU with linear blits. Never used inside the frame loop:
// per-frame streaming (video tiles) uses the frame's own staging ring.
#include "core/Result.h"
#include "gpu/Buffer.h"
#include "gpu/Image.h"

#include <functional>
#include <span>
#include <vector>

namespace xrs::gpu {

// Records into `cmd` the copy of tightly packed texels in `source` into mip 0 of `layer`, the
// linear-blit mip chain and the final SHADER_READ_ONLY_OPTIMAL layout (the layer's previous
// content is discarded). Shared by load-time uploads and per-frame texture updates.
void recordTextureUpload(Context& context, VkCommandBuffer cmd, VkBuffer source, VkImage image,
                         const ImageDesc& desc, std::uint32_t layer = 0);

class StagingUploader {
public:
    explicit StagingUploader(Context& context) : context_(context) {}
    ~StagingUploader();
    StagingUploader(const StagingUploader&) = delete;
    StagingUploader& operator=(const StagingUploader&) = delete;

    Status uploadToBuffer(const Buffer& destination, std::span<const std::byte> bytes,
                          VkDeviceSize destinationOffset = 0);

    // Writes tightly packed texels into mip 0 of `layer`, fills the remaining mips by linear
    // blits when the format allows filtering, and leaves the whole layer in
    // SHADER_READ_ONLY_OPTIMAL for fragment shaders.
    Status uploadTexture(const Image& destination, std::span<const std::byte> texels,
                         std::uint32_t layer = 0);

    // Submits everything recorded so far and waits for it; staging memory is released.
    void flush();

private:
    Result<Buffer*> stage(std::span<const std::byte> bytes);

    Context& context_;
    std::vector<Buffer> staging_;
    std::vector<std::function<void(VkCommandBuffer)>> recorded_;
};

} // namespace xrs::gpu
