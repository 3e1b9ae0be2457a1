#include "gpu/MemoryAllocator.h"

#include "core/Assert.h"
#include "core/Log.h"
#include "gpu/Context.h"
#include "gpu/VkCheck.h"

#include <algorithm>

namespace xrs::gpu {
namespace {

VkMemoryPropertyFlags required(MemoryUsage usage) {
    switch (usage) {
    case MemoryUsage::GpuOnly: return VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    case MemoryUsage::Upload:
        return VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    case MemoryUsage::Readback:
        return VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    }
    return 0;
}

VkMemoryPropertyFlags preferred(MemoryUsage usage) {
    switch (usage) {
    case MemoryUsage::GpuOnly: return 0;
    case MemoryUsage::Upload: return 0; // device-local host-visible (ReBAR) would be a bonus
    case MemoryUsage::Readback: return VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
    }
    return 0;
}

} // namespace

MemoryAllocator::MemoryAllocator(Context& context, VkDeviceSize blockSize)
    : context_(context), blockSize_(blockSize),
      granularity_(context.properties().limits.bufferImageGranularity) {
    vkGetPhysicalDeviceMemoryProperties(context.physicalDevice(), &memoryProperties_);
    types_.resize(memoryProperties_.memoryTypeCount);
}

MemoryAllocator::~MemoryAllocator() {
    VkDevice device = context_.device();
    for (auto& type : types_) {
        for (auto& block : type.blocks) {
            if (!block.ranges->isEmpty())
                XRS_LOG_ERROR("MemoryAllocator: {} allocations still live at shutdown (leak)",
                              block.ranges->allocationCount());
            vkFreeMemory(device, block.memory, nullptr);
        }
    }
    if (dedicatedCount_ != 0)
        XRS_LOG_ERROR("MemoryAllocator: {} dedicated allocations still live at shutdown (leak)",
                      dedicatedCount_);
}

bool MemoryAllocator::isHostVisible(std::uint32_t type) const {
    return memoryProperties_.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT;
}

Result<std::uint32_t> MemoryAllocator::findMemoryType(std::uint32_t typeBits,
                                                      MemoryUsage usage) const {
    const VkMemoryPropertyFlags need = required(usage);
    const VkMemoryPropertyFlags want = need | preferred(usage);
    for (VkMemoryPropertyFlags flags : {want, need}) {
        for (std::uint32_t i = 0; i < memoryProperties_.memoryTypeCount; ++i) {
            if ((typeBits & (1u << i)) &&
                (memoryProperties_.memoryTypes[i].propertyFlags & flags) == flags)
                return i;
        }
    }
    return fail("no Vulkan memory type with properties ", std::to_string(need), " in type bits ",
                std::to_string(typeBits));
}

Result<VkDeviceMemory> MemoryAllocator::allocateDeviceMemory(VkDeviceSize size, std::uint32_t type,
                                                             const char* what) {
    VkMemoryAllocateInfo info{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    info.allocationSize = size;
    info.memoryTypeIndex = type;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkResult result = vkAllocateMemory(context_.device(), &info, nullptr, &memory);
    if (result != VK_SUCCESS)
        return fail("out of GPU memory allocating ", std::to_string(size >> 20), " MiB for ", what,
                    " (", resultName(result), ")");
    return memory;
}

Result<Allocation> MemoryAllocator::allocate(const VkMemoryRequirements& requirements,
                                             MemoryUsage usage, const char* what) {
    XRS_EXPECT(requirements.size > 0, "zero-sized GPU resource");
    std::lock_guard lock(mutex_);
    auto type = findMemoryType(requirements.memoryTypeBits, usage);
    if (!type) return fail(what, ": ", type.error().message);
    const bool hostVisible = isHostVisible(*type);

    Allocation allocation;
    allocation.memoryType = *type;
    allocation.size = requirements.size;

    if (requirements.size > blockSize_ / 2) {
        auto memory = allocateDeviceMemory(requirements.size, *type, what);
        if (!memory) return memory.error();
        allocation.memory = *memory;
        if (hostVisible)
            XRS_VK_CHECK(vkMapMemory(context_.device(), *memory, 0, VK_WHOLE_SIZE, 0,
                                     &allocation.mapped));
        ++dedicatedCount_;
        dedicatedBytes_ += requirements.size;
        return allocation;
    }

    const VkDeviceSize alignment = std::max(requirements.alignment, granularity_);
    auto& blocks = types_[*type].blocks;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (auto range = blocks[i].ranges->allocate(requirements.size, alignment)) {
            allocation.memory = blocks[i].memory;
            allocation.offset = range->offset;
            allocation.block = static_cast<std::int32_t>(i);
            if (blocks[i].mapped) allocation.mapped = blocks[i].mapped + range->offset;
            return allocation;
        }
    }

    auto memory = allocateDeviceMemory(blockSize_, *type, what);
    if (!memory) return memory.error();
    Block block;
    block.memory = *memory;
    block.ranges = std::make_unique<BlockAllocator>(blockSize_);
    if (hostVisible) {
        void* mapped = nullptr;
        XRS_VK_CHECK(vkMapMemory(context_.device(), *memory, 0, VK_WHOLE_SIZE, 0, &mapped));
        block.mapped = static_cast<std::byte*>(mapped);
    }
    auto range = block.ranges->allocate(requirements.size, alignment);
    XRS_EXPECT(range.has_value(), "a fresh block must hold a request of at most half its size");
    allocation.memory = block.memory;
    allocation.offset = range->offset;
    allocation.block = static_cast<std::int32_t>(blocks.size());
    if (block.mapped) allocation.mapped = block.mapped + range->offset;
    blocks.push_back(std::move(block));
    return allocation;
}

void MemoryAllocator::free(const Allocation& allocation) {
    if (!allocation.valid()) return;
    std::lock_guard lock(mutex_);
    if (allocation.block < 0) {
        vkFreeMemory(context_.device(), allocation.memory, nullptr);
        --dedicatedCount_;
        dedicatedBytes_ -= allocation.size;
        return;
    }
    auto& block = types_[allocation.memoryType].blocks[static_cast<std::size_t>(allocation.block)];
    XRS_EXPECT(block.memory == allocation.memory, "allocation freed to the wrong block");
    block.ranges->free({allocation.offset, allocation.size});
    // Empty blocks are kept: the next scene or video tile set will likely reuse them.
}

MemoryStats MemoryAllocator::stats() const {
    std::lock_guard lock(mutex_);
    MemoryStats stats;
    stats.dedicatedCount = dedicatedCount_;
    stats.bytesReserved = dedicatedBytes_;
    stats.bytesUsed = dedicatedBytes_;
    stats.allocationCount = dedicatedCount_;
    for (const auto& type : types_) {
        for (const auto& block : type.blocks) {
            ++stats.blockCount;
            stats.bytesReserved += block.ranges->capacity();
            stats.bytesUsed += block.ranges->bytesUsed();
            stats.allocationCount += block.ranges->allocationCount();
        }
    }
    return stats;
}

} // namespace xrs::gpu
