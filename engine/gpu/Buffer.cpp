#include "gpu/Buffer.h"

#include "core/Assert.h"
#include "gpu/Context.h"
#include "gpu/VkCheck.h"

namespace xrs::gpu {

Result<Buffer> Buffer::create(Context& context, VkDeviceSize size, VkBufferUsageFlags usage,
                              MemoryUsage memoryUsage, const char* name) {
    XRS_EXPECT(size > 0, "zero-sized buffer");
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = size;
    info.usage = usage;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    Buffer buffer;
    buffer.context_ = &context;
    buffer.size_ = size;
    XRS_VK_CHECK(vkCreateBuffer(context.device(), &info, nullptr, &buffer.buffer_));
    VkMemoryRequirements requirements;
    vkGetBufferMemoryRequirements(context.device(), buffer.buffer_, &requirements);
    auto allocation = context.allocator().allocate(requirements, memoryUsage, name);
    if (!allocation) return allocation.error(); // ~Buffer destroys the VkBuffer
    buffer.allocation_ = *allocation;
    XRS_VK_CHECK(vkBindBufferMemory(context.device(), buffer.buffer_, buffer.allocation_.memory,
                                    buffer.allocation_.offset));
    context.setName(VK_OBJECT_TYPE_BUFFER, reinterpret_cast<std::uint64_t>(buffer.buffer_), name);
    return buffer;
}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
    if (this != &other) {
        destroy();
        context_ = std::exchange(other.context_, nullptr);
        buffer_ = std::exchange(other.buffer_, VK_NULL_HANDLE);
        size_ = std::exchange(other.size_, 0);
        allocation_ = std::exchange(other.allocation_, {});
    }
    return *this;
}

void Buffer::write(std::span<const std::byte> bytes, VkDeviceSize offset) {
    XRS_EXPECT(mapped() != nullptr, "buffer is not host-visible");
    XRS_EXPECT(offset + bytes.size() <= size_, "write past the end of the buffer");
    std::memcpy(mapped() + offset, bytes.data(), bytes.size());
}

void Buffer::destroy() {
    if (!context_) return;
    if (buffer_) vkDestroyBuffer(context_->device(), buffer_, nullptr);
    context_->allocator().free(allocation_);
    buffer_ = VK_NULL_HANDLE;
    allocation_ = {};
    context_ = nullptr;
}

} // namespace xrs::gpu
