#include "gpu/BlockAllocator.h"

#include "ContractDeath.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

using xrs::gpu::BlockAllocator;
using Range = BlockAllocator::Range;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;

std::uint64_t alignUp(std::uint64_t value, std::uint64_t alignment) {
    return (value + alignment - 1) / alignment * alignment;
}

// Reference model: the live allocations alone determine the free space, because the allocator
// promises fully merged free ranges. Gaps between sorted live ranges are the free ranges.
std::vector<Range> gapsBetween(std::vector<Range> live, std::uint64_t capacity) {
    std::sort(live.begin(), live.end(), [](const Range& a, const Range& b) { return a.offset < b.offset; });
    std::vector<Range> gaps;
    std::uint64_t cursor = 0;
    for (const Range& range : live) {
        if (range.offset > cursor) gaps.push_back(Range{cursor, range.offset - cursor});
        cursor = range.end();
    }
    if (cursor < capacity) gaps.push_back(Range{cursor, capacity - cursor});
    return gaps;
}

bool someGapFits(const std::vector<Range>& gaps, std::uint64_t size, std::uint64_t alignment) {
    return std::any_of(gaps.begin(), gaps.end(), [&](const Range& gap) {
        const std::uint64_t start = alignUp(gap.offset, alignment);
        return start + size <= gap.end();
    });
}

void checkAgainstModel(const BlockAllocator& allocator, std::vector<Range> live, std::uint64_t capacity) {
    std::sort(live.begin(), live.end(), [](const Range& a, const Range& b) { return a.offset < b.offset; });
    std::uint64_t used = 0;
    for (std::size_t i = 0; i < live.size(); ++i) {
        REQUIRE(live[i].end() <= capacity);
        if (i > 0) REQUIRE(live[i - 1].end() <= live[i].offset); // no overlap
        used += live[i].size;
    }
    REQUIRE(allocator.bytesUsed() == used);
    REQUIRE(allocator.bytesFree() == capacity - used);
    REQUIRE(allocator.allocationCount() == live.size());
    REQUIRE(allocator.isEmpty() == live.empty());
    const std::vector<Range> gaps = gapsBetween(live, capacity);
    REQUIRE(allocator.freeRanges() == gaps);
    std::uint64_t largest = 0;
    for (const Range& gap : gaps) largest = std::max(largest, gap.size);
    REQUIRE(allocator.largestFreeRange().size == largest);
}

} // namespace

TEST_CASE("a new block is one free range", "[allocator]") {
    const BlockAllocator allocator(64 * kMiB);
    CHECK(allocator.capacity() == 64 * kMiB);
    CHECK(allocator.isEmpty());
    CHECK(allocator.bytesUsed() == 0);
    CHECK(allocator.allocationCount() == 0);
    CHECK(allocator.largestFreeRange() == Range{0, 64 * kMiB});
}

TEST_CASE("allocations honour every power-of-two alignment", "[allocator]") {
    BlockAllocator allocator(256 * kMiB);
    // An odd-sized first allocation puts the free range's start at an unaligned offset.
    REQUIRE(allocator.allocate(3, 1) == Range{0, 3});
    for (std::uint64_t alignment = 1; alignment <= 16 * kMiB; alignment *= 2) {
        INFO("alignment " << alignment);
        const auto range = allocator.allocate(1000, alignment);
        REQUIRE(range);
        CHECK(range->offset % alignment == 0);
        CHECK(range->size == 1000);
        // Padding left in front of an aligned range stays allocatable.
        CHECK(allocator.bytesUsed() + allocator.bytesFree() == allocator.capacity());
    }
}

TEST_CASE("the whole block can be allocated at once, and one byte more cannot", "[allocator]") {
    BlockAllocator allocator(4096);
    CHECK_FALSE(allocator.allocate(4097, 1));
    const auto all = allocator.allocate(4096, 4096);
    REQUIRE(all);
    CHECK(*all == Range{0, 4096});
    CHECK_FALSE(allocator.allocate(1, 1));
    CHECK(allocator.largestFreeRange().size == 0);
    allocator.free(*all);
    CHECK(allocator.isEmpty());
}

TEST_CASE("freed space is reused", "[allocator]") {
    BlockAllocator allocator(1024);
    const auto a = allocator.allocate(256, 256);
    const auto b = allocator.allocate(256, 256);
    const auto c = allocator.allocate(256, 256);
    REQUIRE((a && b && c));
    CHECK(b->offset == 256);
    allocator.free(*b);
    // Best fit: the 256-byte hole at 256 is a tighter fit than the 256-byte tail at 768 only by
    // offset (both leave 0 behind), so the lower offset wins.
    const auto again = allocator.allocate(200, 8);
    REQUIRE(again);
    CHECK(again->offset == 256);
}

TEST_CASE("best fit prefers the smallest hole that fits", "[allocator]") {
    BlockAllocator allocator(10000);
    std::vector<Range> ranges;
    for (std::uint64_t size : {1000u, 100u, 3000u, 100u, 500u, 100u}) ranges.push_back(*allocator.allocate(size, 1));
    allocator.free(ranges[0]); // hole of 1000 at 0
    allocator.free(ranges[4]); // hole of 500 at 4200; tail of 5100 at 4900 stays free too
    const auto fitted = allocator.allocate(400, 1);
    REQUIRE(fitted);
    CHECK(fitted->offset == 4200);
}

TEST_CASE("freeing in any order coalesces back to one range", "[allocator]") {
    const std::uint64_t capacity = 1 << 20;
    std::mt19937 random(7);
    for (int round = 0; round < 20; ++round) {
        BlockAllocator allocator(capacity);
        std::vector<Range> ranges;
        while (auto range = allocator.allocate(1 + random() % 5000, std::uint64_t{1} << (random() % 9)))
            ranges.push_back(*range);
        REQUIRE(ranges.size() > 10);
        std::shuffle(ranges.begin(), ranges.end(), random);
        for (const Range& range : ranges) allocator.free(range);
        CHECK(allocator.isEmpty());
        CHECK(allocator.bytesUsed() == 0);
        CHECK(allocator.freeRanges() == std::vector<Range>{Range{0, capacity}});
    }
}

TEST_CASE("fragmentation: enough free bytes in total but no range large enough", "[allocator]") {
    BlockAllocator allocator(1000);
    std::vector<Range> slots;
    for (int i = 0; i < 10; ++i) slots.push_back(*allocator.allocate(100, 1));
    for (int i = 0; i < 10; i += 2) allocator.free(slots[static_cast<std::size_t>(i)]); // every other slot
    CHECK(allocator.bytesFree() == 500);
    CHECK(allocator.largestFreeRange().size == 100);
    CHECK_FALSE(allocator.allocate(200, 1));
    CHECK(allocator.allocate(100, 1)); // but a fitting one still works
}

TEST_CASE("alignment padding can make a range unusable", "[allocator]") {
    BlockAllocator allocator(1024);
    REQUIRE(allocator.allocate(1, 1)); // free range now [1, 1024): 1023 bytes
    CHECK_FALSE(allocator.allocate(1023, 2)); // aligned start 2 leaves only 1022 bytes
    const auto fits = allocator.allocate(1022, 2);
    REQUIRE(fits);
    CHECK(*fits == Range{2, 1022});
    CHECK(allocator.freeRanges() == std::vector<Range>{Range{1, 1}}); // the padding byte stays free
}

TEST_CASE("randomized allocate/free matches a reference model", "[allocator]") {
    const std::uint64_t capacity = 8 * kMiB;
    BlockAllocator allocator(capacity);
    std::vector<Range> live;
    std::mt19937_64 random(20240601);
    int failedAllocations = 0;
    for (int op = 0; op < 10000; ++op) {
        INFO("operation " << op);
        const bool doAllocate = live.empty() || random() % 100 < 55;
        if (doAllocate) {
            // Mostly small buffers, sometimes image-sized; alignments 1 B .. 64 KiB.
            const std::uint64_t size = random() % 10 == 0 ? 1 + random() % (2 * kMiB) : 1 + random() % 20000;
            const std::uint64_t alignment = std::uint64_t{1} << (random() % 17);
            const bool shouldFit = someGapFits(gapsBetween(live, capacity), size, alignment);
            const auto range = allocator.allocate(size, alignment);
            REQUIRE(range.has_value() == shouldFit);
            if (range) {
                REQUIRE(range->offset % alignment == 0);
                REQUIRE(range->size == size);
                live.push_back(*range);
            } else {
                ++failedAllocations;
            }
        } else {
            const std::size_t index = random() % live.size();
            allocator.free(live[index]);
            live.erase(live.begin() + static_cast<std::ptrdiff_t>(index));
        }
        checkAgainstModel(allocator, live, capacity);
    }
    CHECK(failedAllocations > 0); // the sequence really exercised a full, fragmented block
    for (const Range& range : live) allocator.free(range);
    CHECK(allocator.freeRanges() == std::vector<Range>{Range{0, capacity}});
}

TEST_CASE("allocator contracts: zero size, bad alignment, double free", "[allocator][contract]") {
    const auto zeroSize = xrs::test::runInChild([] {
        BlockAllocator allocator(1024);
        (void)allocator.allocate(0, 1);
    });
    CHECK(zeroSize.aborted);
    CHECK_THAT(zeroSize.stderrText, Catch::Contains("allocate: contract violated: zero-sized allocations are not allowed"));

    const auto badAlignment = xrs::test::runInChild([] {
        BlockAllocator allocator(1024);
        (void)allocator.allocate(16, 24);
    });
    CHECK(badAlignment.aborted);
    CHECK_THAT(badAlignment.stderrText, Catch::Contains("alignment must be a power of two"));

    const auto doubleFree = xrs::test::runInChild([] {
        BlockAllocator allocator(1024);
        const auto range = allocator.allocate(16, 16);
        allocator.free(*range);
        allocator.free(*range);
    });
    CHECK(doubleFree.aborted);
    CHECK_THAT(doubleFree.stderrText, Catch::Contains("range is not a live allocation of this block"));

    const auto alteredRange = xrs::test::runInChild([] {
        BlockAllocator allocator(1024);
        auto range = allocator.allocate(16, 16);
        range->size = 8;
        allocator.free(*range);
    });
    CHECK(alteredRange.aborted);

    // A valid sequence in the same harness does not abort (the harness can tell the difference).
    const auto valid = xrs::test::runInChild([] {
        BlockAllocator allocator(1024);
        allocator.free(*allocator.allocate(16, 16));
    });
    CHECK_FALSE(valid.aborted);
}
