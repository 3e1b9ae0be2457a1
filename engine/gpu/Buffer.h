#pragma once
// A VkBuffer and its memory: move-only, destroyed with its owner. Objects still in use by
// frames in flight are handed to FrameRing::retire() instead of being destroyed directly.
#include "core/Result.h"
#include "gpu/MemoryAllocator.h"

#include <cstring>
#include <span>

namespace xrs::gpu {

class Buffer {
public:
    Buffer() = default;
    static Result<Buffer> create(Context& context, VkDeviceSize size, VkBufferUsageFlags usage,
                                 MemoryUsage memoryUsage, const char* name);
    ~Buffer() { destroy(); }
    Buffer(Buffer&& other) noexcept { *this = std::move(other); }
    Buffer& operator=(Buffer&& other) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    VkBuffer handle() const { return buffer_; }
    VkDeviceSize size() const { return size_; }
    bool valid() const { return buffer_ != VK_NULL_HANDLE; }

    // Host-visible buffers only (Upload/Readback); null otherwise.
    std::byte* mapped() const { return static_cast<std::byte*>(allocation_.mapped); }
    void write(std::span<const std::byte> bytes, VkDeviceSize offset = 0);

private:
    void destroy();

    Context* context_ = nullptr;
    VkBuffer buffer_ = VK_NULL_HANDLE;
    VkDeviceSize size_ = 0;
    Allocation allocation_;
};

} // namespace xrs::gpu
