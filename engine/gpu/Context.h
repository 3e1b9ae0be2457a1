#pragma once
// The Vulkan instance, the chosen physical device, the logical device with its one queue, and
// the memory allocator. Everything GPU-side receives a Context& explicitly; there is no global.
//
// Device choice: a discrete GPU, else an integrated one, else any other (virtual, then CPU:
// Mesa's lavapipe on machines without a GPU). XRS_DEVICE=<substring> picks by name.
// Requires Vulkan 1.3 (dynamic rendering, synchronization2) and multiview.
#include "core/Result.h"
#include "gpu/DriverQuirks.h"
#include "gpu/ValidationLog.h"

#include <vulkan/vulkan.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace xrs::gpu {

class MemoryAllocator;

// Lets another party create the Vulkan objects from the create infos Context built: OpenXR's
// XR_KHR_vulkan_enable2 creates the instance and device itself (adding what the runtime needs)
// and the runtime, not Context, chooses the physical device (the GPU driving the headset).
// Context still owns, and destroys, what the hooks return. Empty hooks: Context does it.
struct VulkanCreationHooks {
    std::function<Result<VkInstance>(const VkInstanceCreateInfo&)> createInstance;
    std::function<Result<VkPhysicalDevice>(VkInstance)> choosePhysicalDevice;
    std::function<Result<VkDevice>(VkPhysicalDevice, const VkDeviceCreateInfo&)> createDevice;
};

struct ContextOptions {
    // Khronos validation layer with synchronization validation; messages are counted in
    // Context::validation() and logged.
    bool validation = false;
    std::vector<std::string> instanceExtensions; // e.g. surface extensions from GLFW
    std::vector<std::string> deviceExtensions;   // e.g. VK_KHR_swapchain
    std::string preferredDeviceName;             // substring; empty: XRS_DEVICE or automatic
    VulkanCreationHooks hooks;
};

struct DeviceInfo {
    std::string name;
    std::string typeName;   // "discrete GPU", "integrated GPU", "CPU (software)", ...
    std::string apiVersion; // "1.3.230"
    std::string driverName; // from VkPhysicalDeviceDriverProperties
    std::string driverInfo;
    bool isSoftware = false;
};

class Context {
public:
    static Result<std::unique_ptr<Context>> create(const ContextOptions& options);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    VkInstance instance() const { return instance_; }
    VkPhysicalDevice physicalDevice() const { return physicalDevice_; }
    VkDevice device() const { return device_; }
    VkQueue queue() const { return queue_; }
    std::uint32_t queueFamily() const { return queueFamily_; }
    const VkPhysicalDeviceProperties& properties() const { return properties_; }
    const VkPhysicalDeviceFeatures& enabledFeatures() const { return enabledFeatures_; }
    const DeviceInfo& info() const { return info_; }
    bool validationEnabled() const { return validationEnabled_; }
    bool timestampsSupported() const { return timestampValidBits_ > 0; }
    const DriverQuirks& quirks() const { return quirks_; }

    ValidationLog& validation() { return validationLog_; }
    MemoryAllocator& allocator() { return *allocator_; }

    // Human-readable one-liner: "llvmpipe (LLVM 15.0.6) - CPU (software), Vulkan 1.3.230, llvmpipe".
    std::string describe() const;

    // Load-time helper: record with `record` into a transient command buffer, submit and wait.
    // Never used inside the frame loop (that is FrameRing's job).
    template <class Record>
    void submitImmediately(Record&& record) {
        VkCommandBuffer cmd = beginImmediate();
        record(cmd);
        endImmediate(cmd);
    }

    // Names an object for validation messages and debuggers (no-op without debug utils).
    void setName(VkObjectType type, std::uint64_t handle, const char* name) const;

private:
    Context() = default;
    Status createInstance(const ContextOptions& options);
    Status pickPhysicalDevice(const ContextOptions& options);
    Status createDevice(const ContextOptions& options);
    VkCommandBuffer beginImmediate();
    void endImmediate(VkCommandBuffer cmd);

    VkInstance instance_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    VkPhysicalDevice physicalDevice_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    std::uint32_t queueFamily_ = 0;
    std::uint32_t timestampValidBits_ = 0;
    VkCommandPool immediatePool_ = VK_NULL_HANDLE;
    VkPhysicalDeviceProperties properties_{};
    VkPhysicalDeviceFeatures enabledFeatures_{};
    DeviceInfo info_;
    DriverQuirks quirks_;
    bool validationEnabled_ = false;
    bool debugUtilsEnabled_ = false;
    PFN_vkSetDebugUtilsObjectNameEXT setObjectName_ = nullptr;
    ValidationLog validationLog_;
    std::unique_ptr<MemoryAllocator> allocator_;
};

} // namespace xrs::gpu
