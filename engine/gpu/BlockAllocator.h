#pragma once
// The bookkeeping half of the Vulkan memory sub-allocator: hands out aligned byte ranges of one
// VkDeviceMemory block of fixed size. It knows nothing about Vulkan (VMA is not packaged in
// Debian and this part is pure arithmetic, so it is tested without a GPU).
//
// Policy: best fit over a free list kept sorted by offset. Among the free ranges that can hold the
// request after aligning its start, the one leaving the least space behind wins (ties: lowest
// offset), which keeps large ranges intact for large images. Freed ranges are merged with free
// neighbours immediately, so the free list never holds two adjacent ranges and an empty block is
// always one range [0, capacity). Padding skipped for alignment stays in the free list.
//
// Costs: allocate and largestFreeRange are O(free ranges); free is O(log free ranges). Blocks hold
// at most a few thousand allocations, so the scans are cheap next to a vkAllocateMemory.
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace xrs::gpu {

class BlockAllocator {
public:
    struct Range {
        std::uint64_t offset = 0;
        std::uint64_t size = 0;
        std::uint64_t end() const { return offset + size; }
        friend bool operator==(const Range&, const Range&) = default;
    };

    // A block of `capacity` bytes (> 0), all free.
    explicit BlockAllocator(std::uint64_t capacity);

    // A range of exactly `size` bytes whose offset is a multiple of `alignment`, or nullopt when no
    // free range can hold it (the caller then tries another block or allocates a new one).
    // Contract: size > 0 (Vulkan has no zero-sized resources, so a zero request is a caller bug)
    // and alignment is a power of two (as VkMemoryRequirements::alignment always is).
    std::optional<Range> allocate(std::uint64_t size, std::uint64_t alignment);

    // Returns a range previously returned by allocate(); contract: it is live (not freed twice,
    // not altered, not from another allocator).
    void free(Range range);

    std::uint64_t capacity() const { return capacity_; }
    std::uint64_t bytesUsed() const { return bytesUsed_; }
    std::uint64_t bytesFree() const { return capacity_ - bytesUsed_; }
    std::size_t allocationCount() const { return allocations_.size(); }
    bool isEmpty() const { return allocations_.empty(); }

    // The largest free range (size 0 when the block is full). An allocation of `size` with
    // alignment 1 succeeds iff size <= largestFreeRange().size.
    Range largestFreeRange() const;

    // The free ranges in offset order (for diagnostics, statistics and tests).
    std::vector<Range> freeRanges() const;

private:
    std::uint64_t capacity_;
    std::uint64_t bytesUsed_ = 0;
    std::map<std::uint64_t, std::uint64_t> freeList_; // offset -> size, sorted by offset
    std::unordered_map<std::uint64_t, std::uint64_t> allocations_; // live: offset -> size
};

} // namespace xrs::gpu
