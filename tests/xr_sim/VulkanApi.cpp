// XR_KHR_vulkan_enable2 and XR_KHR_vulkan_enable: graphics requirements, the physical device the
// runtime chooses, and (enable2) the VkInstance/VkDevice created on the application's behalf.
#include "Api.h"

namespace xrs::xrsim {
namespace {

XrResult fillRequirements(Instance& instance, XrGraphicsRequirementsVulkanKHR* requirements) {
    XRS_SIM_EXPECT_TYPE(requirements, XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN_KHR);
    requirements->minApiVersionSupported = XR_MAKE_VERSION(1, 0, 0);
    requirements->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
    instance.requirementsQueried = true;
    return XR_SUCCESS;
}

// The runtime's choice: the first physical device (a real runtime picks the one driving the
// headset; on a machine with only lavapipe there is one).
XrResult choosePhysicalDevice(Instance& instance, VkInstance vkInstance, VkPhysicalDevice* physicalDevice) {
    if (vkInstance == VK_NULL_HANDLE || physicalDevice == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    std::uint32_t count = 0;
    if (vkEnumeratePhysicalDevices(vkInstance, &count, nullptr) != VK_SUCCESS || count == 0)
        return XR_ERROR_RUNTIME_FAILURE;
    std::vector<VkPhysicalDevice> devices(count);
    vkEnumeratePhysicalDevices(vkInstance, &count, devices.data());
    instance.chosenVkInstance = vkInstance;
    instance.chosenPhysicalDevice = devices.front();
    *physicalDevice = devices.front();
    return XR_SUCCESS;
}

} // namespace

namespace api {

XrResult xrGetVulkanGraphicsRequirements2KHR(XrInstance instanceHandle, XrSystemId systemId,
                                             XrGraphicsRequirementsVulkanKHR* requirements) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    return fillRequirements(*instance, requirements);
}

XrResult xrGetVulkanGraphicsRequirementsKHR(XrInstance instanceHandle, XrSystemId systemId,
                                            XrGraphicsRequirementsVulkanKHR* requirements) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    return fillRequirements(*instance, requirements);
}

XrResult xrCreateVulkanInstanceKHR(XrInstance instanceHandle, const XrVulkanInstanceCreateInfoKHR* createInfo,
                                   VkInstance* vulkanInstance, VkResult* vulkanResult) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    XRS_SIM_EXPECT_TYPE(createInfo, XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR);
    if (XrResult r = checkSystem(*instance, createInfo->systemId); r != XR_SUCCESS) return r;
    if (createInfo->createFlags != 0 || createInfo->pfnGetInstanceProcAddr == nullptr ||
        createInfo->vulkanCreateInfo == nullptr || vulkanInstance == nullptr || vulkanResult == nullptr)
        return XR_ERROR_VALIDATION_FAILURE;
    // The simulator needs no instance extensions of its own, so the application's request is
    // passed through unchanged.
    auto create = reinterpret_cast<PFN_vkCreateInstance>(
        createInfo->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
    if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
    *vulkanResult = create(createInfo->vulkanCreateInfo, createInfo->vulkanAllocator, vulkanInstance);
    return XR_SUCCESS;
}

XrResult xrGetVulkanGraphicsDevice2KHR(XrInstance instanceHandle, const XrVulkanGraphicsDeviceGetInfoKHR* getInfo,
                                       VkPhysicalDevice* physicalDevice) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    XRS_SIM_EXPECT_TYPE(getInfo, XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR);
    if (XrResult r = checkSystem(*instance, getInfo->systemId); r != XR_SUCCESS) return r;
    return choosePhysicalDevice(*instance, getInfo->vulkanInstance, physicalDevice);
}

XrResult xrGetVulkanGraphicsDeviceKHR(XrInstance instanceHandle, XrSystemId systemId, VkInstance vkInstance,
                                      VkPhysicalDevice* physicalDevice) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    return choosePhysicalDevice(*instance, vkInstance, physicalDevice);
}

XrResult xrCreateVulkanDeviceKHR(XrInstance instanceHandle, const XrVulkanDeviceCreateInfoKHR* createInfo,
                                 VkDevice* vulkanDevice, VkResult* vulkanResult) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    XRS_SIM_EXPECT_TYPE(createInfo, XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR);
    if (XrResult r = checkSystem(*instance, createInfo->systemId); r != XR_SUCCESS) return r;
    if (createInfo->createFlags != 0 || createInfo->pfnGetInstanceProcAddr == nullptr ||
        createInfo->vulkanCreateInfo == nullptr || vulkanDevice == nullptr || vulkanResult == nullptr)
        return XR_ERROR_VALIDATION_FAILURE;
    // The device must be created on the physical device this runtime chose.
    if (instance->chosenPhysicalDevice == VK_NULL_HANDLE ||
        createInfo->vulkanPhysicalDevice != instance->chosenPhysicalDevice)
        return XR_ERROR_VALIDATION_FAILURE;
    // The instance is the one the physical device was chosen from (xrGetVulkanGraphicsDevice2KHR).
    auto create = reinterpret_cast<PFN_vkCreateDevice>(
        createInfo->pfnGetInstanceProcAddr(instance->chosenVkInstance, "vkCreateDevice"));
    if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
    *vulkanResult = create(createInfo->vulkanPhysicalDevice, createInfo->vulkanCreateInfo,
                           createInfo->vulkanAllocator, vulkanDevice);
    return XR_SUCCESS;
}

XrResult xrGetVulkanInstanceExtensionsKHR(XrInstance instanceHandle, XrSystemId systemId, std::uint32_t capacity,
                                          std::uint32_t* countOutput, char* buffer) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    return fillString(capacity, countOutput, buffer, ""); // none needed
}

XrResult xrGetVulkanDeviceExtensionsKHR(XrInstance instanceHandle, XrSystemId systemId, std::uint32_t capacity,
                                        std::uint32_t* countOutput, char* buffer) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    return fillString(capacity, countOutput, buffer, "");
}

} // namespace api
} // namespace xrs::xrsim
