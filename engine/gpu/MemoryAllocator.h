#pragma once
// Sub-allocates buffers and images from large VkDeviceMemory blocks (64 MiB by default), one
// list of blocks per memory type; resources larger than half a block get a dedicated
// allocation. Host-visible blocks are mapped once, persistently. The range arithmetic lives in
// BlockAllocator (tested without a GPU); this class owns the VkDeviceMemory objects.
//
// Every allocation is aligned to bufferImageGranularity as well as its own alignment, so
// linear (buffers) and optimal (images) resources may share a block without aliasing pages.
#include "core/Result.h"
#include "gpu/BlockAllocator.h"

#include <vulkan/vulkan.h>

#include <memory>
#include <mutex>
#include <vector>

namespace xrs::gpu {

class Context;

enum class MemoryUsage {
    GpuOnly,  // device-local; filled by transfers
    Upload,   // host-visible + coherent, written by the CPU, read by the GPU (staging, uniforms)
    Readback, // host-visible, preferably cached, written by the GPU, read by the CPU
};

struct Allocation {
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkDeviceSize offset = 0;
    VkDeviceSize size = 0;
    void* mapped = nullptr;     // non-null for host-visible memory (already offset)
    std::uint32_t memoryType = 0;
    std::int32_t block = -1;    // index into the type's block list; -1 for dedicated
    bool valid() const { return memory != VK_NULL_HANDLE; }
};

struct MemoryStats {
    std::uint64_t blockCount = 0;
    std::uint64_t dedicatedCount = 0;
    std::uint64_t bytesReserved = 0; // sum of vkAllocateMemory sizes
    std::uint64_t bytesUsed = 0;     // sum of live sub-allocations
    std::uint64_t allocationCount = 0;
};

class MemoryAllocator {
public:
    static constexpr VkDeviceSize kDefaultBlockSize = 64ull << 20;

    explicit MemoryAllocator(Context& context, VkDeviceSize blockSize = kDefaultBlockSize);
    ~MemoryAllocator();
    MemoryAllocator(const MemoryAllocator&) = delete;
    MemoryAllocator& operator=(const MemoryAllocator&) = delete;

    Result<Allocation> allocate(const VkMemoryRequirements& requirements, MemoryUsage usage,
                                const char* what);
    void free(const Allocation& allocation);

    MemoryStats stats() const;

private:
    struct Block {
        VkDeviceMemory memory = VK_NULL_HANDLE;
        std::byte* mapped = nullptr;
        std::unique_ptr<BlockAllocator> ranges;
    };
    struct MemoryType {
        std::vector<Block> blocks;
    };

    Result<std::uint32_t> findMemoryType(std::uint32_t typeBits, MemoryUsage usage) const;
    Result<VkDeviceMemory> allocateDeviceMemory(VkDeviceSize size, std::uint32_t type,
                                                const char* what);
    bool isHostVisible(std::uint32_t type) const;

    Context& context_;
    VkDeviceSize blockSize_;
    VkDeviceSize granularity_;
    VkPhysicalDeviceMemoryProperties memoryProperties_{};
    std::vector<MemoryType> types_;
    std::uint64_t dedicatedCount_ = 0;
    std::uint64_t dedicatedBytes_ = 0;
    mutable std::mutex mutex_; // decoder threads may create staging buffers
};

} // namespace xrs::gpu
