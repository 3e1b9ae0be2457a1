#include "gpu/BlockAllocator.h"

#include "core/Assert.h"

#include <iterator>
#include <limits>

namespace xrs::gpu {

BlockAllocator::BlockAllocator(std::uint64_t capacity) : capacity_(capacity) {
    XRS_EXPECT(capacity > 0, "a memory block must have a positive size");
    freeList_.emplace(0, capacity);
}

std::optional<BlockAllocator::Range> BlockAllocator::allocate(std::uint64_t size, std::uint64_t alignment) {
    XRS_EXPECT(size > 0, "zero-sized allocations are not allowed");
    XRS_EXPECT(alignment != 0 && (alignment & (alignment - 1)) == 0, "alignment must be a power of two");
    if (size > bytesFree()) return std::nullopt;

    auto best = freeList_.end();
    std::uint64_t bestPadding = 0;
    std::uint64_t bestLeftover = std::numeric_limits<std::uint64_t>::max();
    for (auto it = freeList_.begin(); it != freeList_.end(); ++it) {
        const auto [offset, freeSize] = *it;
        // Padding computed from the remainder, not by rounding offset up, so huge alignments cannot overflow.
        const std::uint64_t remainder = offset & (alignment - 1);
        const std::uint64_t padding = remainder == 0 ? 0 : alignment - remainder;
        if (padding >= freeSize || freeSize - padding < size) continue;
        const std::uint64_t leftover = freeSize - size;
        if (leftover < bestLeftover) {
            best = it;
            bestPadding = padding;
            bestLeftover = leftover;
            if (leftover == 0) break; // exact fit, nothing can beat it
        }
    }
    if (best == freeList_.end()) return std::nullopt;

    const auto [freeOffset, freeSize] = *best;
    const Range allocation{freeOffset + bestPadding, size};
    const std::uint64_t tailSize = freeSize - bestPadding - size;
    auto hint = freeList_.erase(best);
    if (tailSize > 0) hint = freeList_.emplace_hint(hint, allocation.end(), tailSize);
    if (bestPadding > 0) freeList_.emplace_hint(hint, freeOffset, bestPadding);

    allocations_.emplace(allocation.offset, allocation.size);
    bytesUsed_ += size;
    return allocation;
}

void BlockAllocator::free(Range range) {
    const auto live = allocations_.find(range.offset);
    XRS_EXPECT(live != allocations_.end() && live->second == range.size,
               "range is not a live allocation of this block (double free or foreign range?)");
    allocations_.erase(live);
    bytesUsed_ -= range.size;

    // Merge with the free neighbours so adjacent free ranges never coexist.
    Range merged = range;
    auto next = freeList_.lower_bound(range.offset);
    if (next != freeList_.begin()) {
        const auto previous = std::prev(next);
        if (previous->first + previous->second == range.offset) {
            merged.offset = previous->first;
            merged.size += previous->second;
            freeList_.erase(previous);
        }
    }
    if (next != freeList_.end() && next->first == range.end()) {
        merged.size += next->second;
        next = freeList_.erase(next);
    }
    freeList_.emplace_hint(next, merged.offset, merged.size);
}

BlockAllocator::Range BlockAllocator::largestFreeRange() const {
    Range largest;
    for (const auto& [offset, size] : freeList_)
        if (size > largest.size) largest = Range{offset, size};
    return largest;
}

std::vector<BlockAllocator::Range> BlockAllocator::freeRanges() const {
    std::vector<Range> ranges;
    ranges.reserve(freeList_.size());
    for (const auto& [offset, size] : freeList_) ranges.push_back(Range{offset, size});
    return ranges;
}

} // namespace xrs::gpu
