#pragma once
// Move-only owner of a simple device-level Vulkan object (pipeline, sampler, layout, view...)
// destroyed with vkDestroyX(device, handle, nullptr). Buffers and images carry memory and have
// their own classes.
#include <vulkan/vulkan.h>

#include <utility>

namespace xrs::gpu {

template <class T, void (*Destroy)(VkDevice, T, const VkAllocationCallbacks*)>
class DeviceHandle {
public:
    DeviceHandle() = default;
    DeviceHandle(VkDevice device, T handle) : device_(device), handle_(handle) {}
    ~DeviceHandle() { reset(); }
    DeviceHandle(DeviceHandle&& other) noexcept
        : device_(other.device_), handle_(std::exchange(other.handle_, T{})) {}
    DeviceHandle& operator=(DeviceHandle&& other) noexcept {
        if (this != &other) {
            reset();
            device_ = other.device_;
            handle_ = std::exchange(other.handle_, T{});
        }
        return *this;
    }
    DeviceHandle(const DeviceHandle&) = delete;
    DeviceHandle& operator=(const DeviceHandle&) = delete;

    T get() const { return handle_; }
    operator T() const { return handle_; }
    explicit operator bool() const { return handle_ != T{}; }
    void reset() {
        if (handle_ != T{}) Destroy(device_, handle_, nullptr);
        handle_ = T{};
    }

private:
    VkDevice device_ = VK_NULL_HANDLE;
    T handle_{};
};

using PipelineHandle = DeviceHandle<VkPipeline, vkDestroyPipeline>;
using PipelineLayoutHandle = DeviceHandle<VkPipelineLayout, vkDestroyPipelineLayout>;
using DescriptorSetLayoutHandle = DeviceHandle<VkDescriptorSetLayout, vkDestroyDescriptorSetLayout>;
using DescriptorPoolHandle = DeviceHandle<VkDescriptorPool, vkDestroyDescriptorPool>;
using SamplerHandle = DeviceHandle<VkSampler, vkDestroySampler>;
using ImageViewHandle = DeviceHandle<VkImageView, vkDestroyImageView>;
using ShaderModuleHandle = DeviceHandle<VkShaderModule, vkDestroyShaderModule>;
using SemaphoreHandle = DeviceHandle<VkSemaphore, vkDestroySemaphore>;

} // namespace xrs::gpu
