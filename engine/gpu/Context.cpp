#include "gpu/Context.h"

#include "core/Log.h"
#include "gpu/MemoryAllocator.h"
#include "gpu/VkCheck.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace xrs::gpu {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

VKAPI_ATTR VkBool32 VKAPI_CALL onDebugMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                              VkDebugUtilsMessageTypeFlagsEXT,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data,
                                              void* userData) {
    auto* log = static_cast<ValidationLog*>(userData);
    const char* message = data && data->pMessage ? data->pMessage : "(no message)";
    if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
        XRS_LOG_ERROR("[vulkan] {}", message);
        log->recordError(message);
    } else if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
        XRS_LOG_WARN("[vulkan] {}", message);
        log->recordWarning(message);
    } else {
        XRS_LOG_DEBUG("[vulkan] {}", message);
    }
    return VK_FALSE; // never abort the call: the count decides whether a test fails
}

VkDebugUtilsMessengerCreateInfoEXT messengerInfo(ValidationLog& log) {
    VkDebugUtilsMessengerCreateInfoEXT info{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                           VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    info.pfnUserCallback = onDebugMessage;
    info.pUserData = &log;
    return info;
}

bool hasLayer(const char* name) {
    std::uint32_t count = 0;
    vkEnumerateInstanceLayerProperties(&count, nullptr);
    std::vector<VkLayerProperties> layers(count);
    vkEnumerateInstanceLayerProperties(&count, layers.data());
    return std::any_of(layers.begin(), layers.end(),
                       [&](const VkLayerProperties& l) { return std::strcmp(l.layerName, name) == 0; });
}

bool hasInstanceExtension(const char* name, const char* layer = nullptr) {
    std::uint32_t count = 0;
    vkEnumerateInstanceExtensionProperties(layer, &count, nullptr);
    std::vector<VkExtensionProperties> extensions(count);
    vkEnumerateInstanceExtensionProperties(layer, &count, extensions.data());
    return std::any_of(extensions.begin(), extensions.end(), [&](const VkExtensionProperties& e) {
        return std::strcmp(e.extensionName, name) == 0;
    });
}

// Preference order when no name is given: discrete, integrated, virtual, CPU.
int typeRank(VkPhysicalDeviceType type) {
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
    default: return 0;
    }
}

const char* typeName(VkPhysicalDeviceType type) {
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete GPU";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated GPU";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual GPU";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "CPU (software rasterizer)";
    default: return "other";
    }
}

std::string versionString(std::uint32_t v) {
    return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) +
           "." + std::to_string(VK_API_VERSION_PATCH(v));
}

// What the renderer needs from a device; an empty string means it qualifies.
std::string missingRequirement(VkPhysicalDevice device) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(device, &props);
    if (props.apiVersion < VK_API_VERSION_1_3) return "Vulkan 1.3 not supported";
    VkPhysicalDeviceVulkan13Features v13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
    VkPhysicalDeviceVulkan11Features v11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    v11.pNext = &v13;
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    features.pNext = &v11;
    vkGetPhysicalDeviceFeatures2(device, &features);
    if (!v11.multiview) return "no multiview";
    if (!v13.dynamicRendering) return "no dynamic rendering";
    if (!v13.synchronization2) return "no synchronization2";
    return {};
}

} // namespace

Result<std::unique_ptr<Context>> Context::create(const ContextOptions& options) {
    std::unique_ptr<Context> context(new Context());
    if (auto s = context->createInstance(options); !s) return s.error();
    if (auto s = context->pickPhysicalDevice(options); !s) return s.error();
    if (auto s = context->createDevice(options); !s) return s.error();
    context->allocator_ = std::make_unique<MemoryAllocator>(*context);
    return context;
}

Context::~Context() {
    if (device_) {
        vkDeviceWaitIdle(device_);
        allocator_.reset();
        if (immediatePool_) vkDestroyCommandPool(device_, immediatePool_, nullptr);
        vkDestroyDevice(device_, nullptr);
    }
    if (messenger_) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy) destroy(instance_, messenger_, nullptr);
    }
    if (instance_) vkDestroyInstance(instance_, nullptr);
}

Status Context::createInstance(const ContextOptions& options) {
    std::vector<const char*> layers;
    std::vector<const char*> extensions;
    for (const auto& e : options.instanceExtensions) extensions.push_back(e.c_str());

    if (options.validation) {
        if (!hasLayer(kValidationLayer))
            return fail("Vulkan validation requested but ", kValidationLayer,
                        " is not installed (Debian package vulkan-validationlayers)");
        layers.push_back(kValidationLayer);
        validationEnabled_ = true;
    }
    debugUtilsEnabled_ = hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME) ||
                         (validationEnabled_ &&
                          hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME, kValidationLayer));
    if (debugUtilsEnabled_) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);

    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "xrshow";
    app.applicationVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
    app.pEngineName = "xrshow";
    app.engineVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
    app.apiVersion = VK_API_VERSION_1_3;

    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pApplicationInfo = &app;
    info.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
    info.ppEnabledLayerNames = layers.data();

    // Synchronization validation catches missing barriers that lavapipe would forgive.
    const VkValidationFeatureEnableEXT enables[] = {
        VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
    VkValidationFeaturesEXT features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
    features.enabledValidationFeatureCount = 1;
    features.pEnabledValidationFeatures = enables;
    // The messenger in pNext also reports problems in vkCreateInstance/vkDestroyInstance.
    VkDebugUtilsMessengerCreateInfoEXT messenger = messengerInfo(validationLog_);
    if (validationEnabled_) {
        if (hasInstanceExtension(VK_EXT_VALIDATION_FEATURES_EXTENSION_NAME, kValidationLayer)) {
            extensions.push_back(VK_EXT_VALIDATION_FEATURES_EXTENSION_NAME);
            features.pNext = debugUtilsEnabled_ ? &messenger : nullptr;
            info.pNext = &features;
        } else if (debugUtilsEnabled_) {
            info.pNext = &messenger;
        }
    }
    info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();

    if (options.hooks.createInstance) {
        Result<VkInstance> created = options.hooks.createInstance(info);
        if (!created) return created.error();
        instance_ = *created;
    } else {
        VkResult result = vkCreateInstance(&info, nullptr, &instance_);
        if (result != VK_SUCCESS)
            return fail("vkCreateInstance failed: ", resultName(result),
                        " (is a Vulkan driver installed? Debian: mesa-vulkan-drivers)");
    }

    if (debugUtilsEnabled_ && validationEnabled_) {
        auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
        if (create) XRS_VK_CHECK(create(instance_, &messenger, nullptr, &messenger_));
    }
    if (debugUtilsEnabled_)
        setObjectName_ = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
            vkGetInstanceProcAddr(instance_, "vkSetDebugUtilsObjectNameEXT"));
    return {};
}

Status Context::pickPhysicalDevice(const ContextOptions& options) {
    std::uint32_t count = 0;
    vkEnumeratePhysicalDevices(instance_, &count, nullptr);
    std::vector<VkPhysicalDevice> devices(count);
    vkEnumeratePhysicalDevices(instance_, &count, devices.data());
    if (devices.empty())
        return fail("no Vulkan device found (install mesa-vulkan-drivers for the lavapipe CPU device)");

    std::string wanted = options.preferredDeviceName;
    if (wanted.empty())
        if (const char* env = std::getenv("XRS_DEVICE")) wanted = env;

    if (options.hooks.choosePhysicalDevice) {
        // Someone else (the OpenXR runtime) decides; the device must still qualify.
        Result<VkPhysicalDevice> chosen = options.hooks.choosePhysicalDevice(instance_);
        if (!chosen) return chosen.error();
        devices = {*chosen};
    }

    int bestRank = -1;
    std::string rejected;
    for (VkPhysicalDevice device : devices) {
        VkPhysicalDeviceProperties props;
        vkGetPhysicalDeviceProperties(device, &props);
        if (std::string why = missingRequirement(device); !why.empty()) {
            rejected += std::string(rejected.empty() ? "" : "; ") + props.deviceName + ": " + why;
            continue;
        }
        int rank = typeRank(props.deviceType);
        if (!wanted.empty() && std::string(props.deviceName).find(wanted) != std::string::npos)
            rank += 100;
        if (rank > bestRank) {
            bestRank = rank;
            physicalDevice_ = device;
        }
    }
    if (!physicalDevice_) return fail("no usable Vulkan device: ", rejected);

    vkGetPhysicalDeviceProperties(physicalDevice_, &properties_);
    VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceProperties2 props2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    props2.pNext = &driver;
    vkGetPhysicalDeviceProperties2(physicalDevice_, &props2);
    info_.name = properties_.deviceName;
    info_.typeName = typeName(properties_.deviceType);
    info_.apiVersion = versionString(properties_.apiVersion);
    info_.driverName = driver.driverName;
    info_.driverInfo = driver.driverInfo;
    info_.isSoftware = properties_.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
    quirks_ = detectDriverQuirks(driver.driverID);
    return {};
}

Status Context::createDevice(const ContextOptions& options) {
    std::uint32_t familyCount = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice_, &familyCount, nullptr);
    std::vector<VkQueueFamilyProperties> families(familyCount);
    vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice_, &familyCount, families.data());
    bool found = false;
    for (std::uint32_t i = 0; i < familyCount; ++i) {
        const VkQueueFlags needed = VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT;
        if ((families[i].queueFlags & needed) == needed) {
            queueFamily_ = i;
            timestampValidBits_ = families[i].timestampValidBits;
            found = true;
            break;
        }
    }
    if (!found) return fail(info_.name, ": no graphics+compute queue family");

    VkPhysicalDeviceFeatures available;
    vkGetPhysicalDeviceFeatures(physicalDevice_, &available);
    enabledFeatures_.samplerAnisotropy = available.samplerAnisotropy;
    enabledFeatures_.fillModeNonSolid = available.fillModeNonSolid; // wireframe debug view
    enabledFeatures_.shaderStorageImageWriteWithoutFormat =
        available.shaderStorageImageWriteWithoutFormat;

    VkPhysicalDeviceVulkan13Features v13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
    v13.dynamicRendering = VK_TRUE;
    v13.synchronization2 = VK_TRUE;
    VkPhysicalDeviceVulkan12Features v12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    v12.pNext = &v13;
    v12.hostQueryReset = VK_TRUE;
    VkPhysicalDeviceVulkan11Features v11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    v11.pNext = &v12;
    v11.multiview = VK_TRUE;
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    features.pNext = &v11;
    features.features = enabledFeatures_;

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queueInfo.queueFamilyIndex = queueFamily_;
    queueInfo.queueCount = 1;
    queueInfo.pQueuePriorities = &priority;

    std::vector<const char*> extensions;
    for (const auto& e : options.deviceExtensions) extensions.push_back(e.c_str());

    VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    info.pNext = &features;
    info.queueCreateInfoCount = 1;
    info.pQueueCreateInfos = &queueInfo;
    info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    if (options.hooks.createDevice) {
        Result<VkDevice> created = options.hooks.createDevice(physicalDevice_, info);
        if (!created) return created.error();
        device_ = *created;
    } else {
        VkResult result = vkCreateDevice(physicalDevice_, &info, nullptr, &device_);
        if (result != VK_SUCCESS) return fail(info_.name, ": vkCreateDevice failed: ", resultName(result));
    }
    vkGetDeviceQueue(device_, queueFamily_, 0, &queue_);

    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    poolInfo.queueFamilyIndex = queueFamily_;
    XRS_VK_CHECK(vkCreateCommandPool(device_, &poolInfo, nullptr, &immediatePool_));
    return {};
}

std::string Context::describe() const {
    return info_.name + " - " + info_.typeName + ", Vulkan " + info_.apiVersion + ", driver " +
           info_.driverName + (info_.driverInfo.empty() ? "" : " " + info_.driverInfo);
}

VkCommandBuffer Context::beginImmediate() {
    VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    alloc.commandPool = immediatePool_;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkAllocateCommandBuffers(device_, &alloc, &cmd));
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    XRS_VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
    return cmd;
}

void Context::endImmediate(VkCommandBuffer cmd) {
    XRS_VK_CHECK(vkEndCommandBuffer(cmd));
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence = VK_NULL_HANDLE;
    XRS_VK_CHECK(vkCreateFence(device_, &fenceInfo, nullptr, &fence));
    VkCommandBufferSubmitInfo cmdInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
    cmdInfo.commandBuffer = cmd;
    VkSubmitInfo2 submit{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
    submit.commandBufferInfoCount = 1;
    submit.pCommandBufferInfos = &cmdInfo;
    XRS_VK_CHECK(vkQueueSubmit2(queue_, 1, &submit, fence));
    XRS_VK_CHECK(vkWaitForFences(device_, 1, &fence, VK_TRUE, UINT64_MAX));
    vkDestroyFence(device_, fence, nullptr);
    vkFreeCommandBuffers(device_, immediatePool_, 1, &cmd);
}

void Context::setName(VkObjectType type, std::uint64_t handle, const char* name) const {
    if (!setObjectName_) return;
    VkDebugUtilsObjectNameInfoEXT info{VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT};
    info.objectType = type;
    info.objectHandle = handle;
    info.pObjectName = name;
    setObjectName_(device_, &info);
}

} // namespace xrs::gpu
