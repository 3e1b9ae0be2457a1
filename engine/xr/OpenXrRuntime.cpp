#include "xr/OpenXrRuntime.h"

#include "core/Log.h"

#include <cstdlib>
#include <cstring>
#include <sstream>

namespace xrs::xr {
namespace {

std::vector<std::string> availableExtensions() {
    std::uint32_t count = 0;
    if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr))) return {};
    std::vector<XrExtensionProperties> properties(count, {XR_TYPE_EXTENSION_PROPERTIES});
    if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, properties.data()))) return {};
    std::vector<std::string> names;
    for (const auto& p : properties) names.emplace_back(p.extensionName);
    return names;
}

std::vector<std::string> splitSpaces(const std::string& text) {
    std::istringstream stream(text);
    std::vector<std::string> words;
    for (std::string word; stream >> word;) words.push_back(word);
    return words;
}

} // namespace

Result<std::unique_ptr<OpenXrRuntime>> OpenXrRuntime::create(const OpenXrOptions& options) {
    if (options.quietLoader) setenv("XR_LOADER_DEBUG", "none", /*overwrite=*/0);
    std::unique_ptr<OpenXrRuntime> runtime(new OpenXrRuntime());
    if (Status s = runtime->createInstance(options); !s) return s.error();
    if (Status s = runtime->findSystem(options.quadViews); !s) return s.error();
    return runtime;
}

OpenXrRuntime::~OpenXrRuntime() {
    if (instance_ != XR_NULL_HANDLE) xrDestroyInstance(instance_);
}

Status OpenXrRuntime::createInstance(const OpenXrOptions& options) {
    const std::vector<std::string> available = availableExtensions();
    if (available.empty())
        return fail("no OpenXR runtime is installed or active (start SteamVR or Monado, or set XR_RUNTIME_JSON)");
    auto offered = [&](const char* name) {
        for (const auto& a : available)
            if (a == name) return true;
        return false;
    };
    std::vector<const char*> extensions;
    if (offered(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME))
        extensions.push_back(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME);
    else if (offered(XR_KHR_VULKAN_ENABLE_EXTENSION_NAME))
        extensions.push_back(XR_KHR_VULKAN_ENABLE_EXTENSION_NAME);
    else
        return fail("the OpenXR runtime does not support Vulkan (neither XR_KHR_vulkan_enable2 nor XR_KHR_vulkan_enable)");
    for (const char* optional : {XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME, XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME,
                                 XR_VARJO_QUAD_VIEWS_EXTENSION_NAME, kBdControllerInteractionExtension,
                                 kHandInteractionExtension, kUserPresenceExtension})
        if (offered(optional)) extensions.push_back(optional);

    XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
    std::snprintf(info.applicationInfo.applicationName, sizeof info.applicationInfo.applicationName, "%s",
                  options.applicationName.c_str());
    info.applicationInfo.applicationVersion = 1;
    std::snprintf(info.applicationInfo.engineName, sizeof info.applicationInfo.engineName, "xrshow");
    info.applicationInfo.engineVersion = 1;
    info.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
    info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
    info.enabledExtensionNames = extensions.data();
    if (XrResult r = xrCreateInstance(&info, &instance_); XR_FAILED(r)) {
        instance_ = XR_NULL_HANDLE;
        if (r == XR_ERROR_RUNTIME_UNAVAILABLE)
            return fail("no OpenXR runtime is installed or active (start SteamVR or Monado, or set XR_RUNTIME_JSON)");
        return fail("xrCreateInstance failed: ", xrResultName(r));
    }
    for (const char* e : extensions) enabled_.insert(e);

    XrInstanceProperties properties{XR_TYPE_INSTANCE_PROPERTIES};
    XRS_XR_CHECK(xrGetInstanceProperties(instance_, &properties));
    runtimeName_ = properties.runtimeName;
    return {};
}

Status OpenXrRuntime::findSystem(bool wantQuadViews) {
    XrSystemGetInfo getInfo{XR_TYPE_SYSTEM_GET_INFO};
    getInfo.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    if (XrResult r = xrGetSystem(instance_, &getInfo, &system_); XR_FAILED(r)) {
        if (r == XR_ERROR_FORM_FACTOR_UNAVAILABLE)
            return fail("OpenXR runtime '", runtimeName_, "': no headset connected");
        return fail("OpenXR runtime '", runtimeName_, "': xrGetSystem failed: ", xrResultName(r));
    }
    XrSystemEyeGazeInteractionPropertiesEXT eyeGaze{XR_TYPE_SYSTEM_EYE_GAZE_INTERACTION_PROPERTIES_EXT};
    XrSystemProperties properties{XR_TYPE_SYSTEM_PROPERTIES};
    if (enabled(XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME)) properties.next = &eyeGaze;
    XRS_XR_CHECK(xrGetSystemProperties(instance_, system_, &properties));
    systemName_ = properties.systemName;
    eyeGazeSupported_ = eyeGaze.supportsEyeGazeInteraction == XR_TRUE;

    std::uint32_t count = 0;
    XRS_XR_CHECK(xrEnumerateViewConfigurations(instance_, system_, 0, &count, nullptr));
    std::vector<XrViewConfigurationType> types(count);
    XRS_XR_CHECK(xrEnumerateViewConfigurations(instance_, system_, count, &count, types.data()));
    bool stereo = false;
    for (XrViewConfigurationType type : types) {
        stereo = stereo || type == XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        quadViewsOffered_ = quadViewsOffered_ || type == XR_VIEW_CONFIGURATION_TYPE_PRIMARY_QUAD_VARJO;
    }
    if (!stereo) return fail("OpenXR runtime '", runtimeName_, "': the headset has no stereo view configuration");
    viewConfiguration_ = wantQuadViews && quadViewsOffered_ ? XR_VIEW_CONFIGURATION_TYPE_PRIMARY_QUAD_VARJO
                                                            : XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    XRS_XR_CHECK(xrEnumerateViewConfigurationViews(instance_, system_, viewConfiguration(), 0, &count, nullptr));
    views_.assign(count, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
    XRS_XR_CHECK(xrEnumerateViewConfigurationViews(instance_, system_, viewConfiguration(), count, &count, views_.data()));
    if (views_.size() != (quadViews() ? 4u : 2u))
        return fail("OpenXR runtime '", runtimeName_, "': ", quadViews() ? "quad" : "stereo", " view configuration with ",
                    std::to_string(views_.size()), " views");

    XRS_XR_CHECK(xrEnumerateEnvironmentBlendModes(instance_, system_, viewConfiguration(), 0, &count, nullptr));
    blendModes_.resize(count);
    XRS_XR_CHECK(
        xrEnumerateEnvironmentBlendModes(instance_, system_, viewConfiguration(), count, &count, blendModes_.data()));
    XRS_LOG_INFO("OpenXR: runtime '{}', headset '{}', Vulkan via {}, eye gaze {}, quad views {}", runtimeName_,
                 systemName_, usesVulkanEnable2() ? "XR_KHR_vulkan_enable2" : "XR_KHR_vulkan_enable",
                 eyeGazeSupported_ ? "yes" : "no",
                 quadViews() ? "used" : (quadViewsOffered_ ? "offered, not used" : "no"));
    return {};
}

PFN_xrVoidFunction OpenXrRuntime::function(const char* name) const {
    PFN_xrVoidFunction fn = nullptr;
    if (XR_FAILED(xrGetInstanceProcAddr(instance_, name, &fn))) return nullptr;
    return fn;
}

XrPath OpenXrRuntime::path(const char* text) const {
    XrPath result = XR_NULL_PATH;
    XRS_XR_CHECK(xrStringToPath(instance_, text, &result));
    return result;
}

std::string OpenXrRuntime::pathString(XrPath value) const {
    char buffer[XR_MAX_PATH_LENGTH];
    std::uint32_t count = 0;
    if (XR_FAILED(xrPathToString(instance_, value, sizeof buffer, &count, buffer))) return "?";
    return buffer;
}

Status OpenXrRuntime::configureVulkan(gpu::ContextOptions& options) {
    // The graphics requirements must be queried before xrCreateSession (and before creating
    // Vulkan objects with enable2).
    XrGraphicsRequirementsVulkanKHR requirements{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN_KHR};
    const char* requirementsName =
        usesVulkanEnable2() ? "xrGetVulkanGraphicsRequirements2KHR" : "xrGetVulkanGraphicsRequirementsKHR";
    auto getRequirements = reinterpret_cast<PFN_xrGetVulkanGraphicsRequirementsKHR>(function(requirementsName));
    if (getRequirements == nullptr) return fail("OpenXR runtime '", runtimeName_, "': ", requirementsName, " missing");
    if (XrResult r = getRequirements(instance_, system_, &requirements); XR_FAILED(r))
        return fail("OpenXR runtime '", runtimeName_, "': ", requirementsName, " failed: ", xrResultName(r));
    // Vulkan 1.3 is what the renderer needs; a runtime that cannot work with it is unusable.
    if (requirements.minApiVersionSupported > XR_MAKE_VERSION(1, 3, 0))
        return fail("OpenXR runtime '", runtimeName_, "' requires a Vulkan newer than 1.3");
    requirementsChecked_ = true;

    if (usesVulkanEnable2()) {
        auto createInstance = reinterpret_cast<PFN_xrCreateVulkanInstanceKHR>(function("xrCreateVulkanInstanceKHR"));
        auto createDevice = reinterpret_cast<PFN_xrCreateVulkanDeviceKHR>(function("xrCreateVulkanDeviceKHR"));
        if (createInstance == nullptr || createDevice == nullptr)
            return fail("OpenXR runtime '", runtimeName_, "': XR_KHR_vulkan_enable2 functions missing");
        options.hooks.createInstance = [this, createInstance](const VkInstanceCreateInfo& info) -> Result<VkInstance> {
            XrVulkanInstanceCreateInfoKHR xrInfo{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
            xrInfo.systemId = system_;
            xrInfo.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
            xrInfo.vulkanCreateInfo = &info;
            VkInstance vkInstance = VK_NULL_HANDLE;
            VkResult vkResult = VK_SUCCESS;
            const XrResult r = createInstance(instance_, &xrInfo, &vkInstance, &vkResult);
            if (XR_FAILED(r)) return fail("xrCreateVulkanInstanceKHR failed: ", xrResultName(r));
            if (vkResult != VK_SUCCESS)
                return fail("xrCreateVulkanInstanceKHR: vkCreateInstance failed (VkResult ", std::to_string(vkResult), ")");
            return vkInstance;
        };
        options.hooks.createDevice = [this, createDevice](VkPhysicalDevice physicalDevice,
                                                          const VkDeviceCreateInfo& info) -> Result<VkDevice> {
            XrVulkanDeviceCreateInfoKHR xrInfo{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
            xrInfo.systemId = system_;
            xrInfo.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
            xrInfo.vulkanPhysicalDevice = physicalDevice;
            xrInfo.vulkanCreateInfo = &info;
            VkDevice device = VK_NULL_HANDLE;
            VkResult vkResult = VK_SUCCESS;
            const XrResult r = createDevice(instance_, &xrInfo, &device, &vkResult);
            if (XR_FAILED(r)) return fail("xrCreateVulkanDeviceKHR failed: ", xrResultName(r));
            if (vkResult != VK_SUCCESS)
                return fail("xrCreateVulkanDeviceKHR: vkCreateDevice failed (VkResult ", std::to_string(vkResult), ")");
            return device;
        };
    } else {
        // XR_KHR_vulkan_enable: we create instance and device with the extensions it lists.
        for (const char* name : {"xrGetVulkanInstanceExtensionsKHR", "xrGetVulkanDeviceExtensionsKHR"}) {
            auto get = reinterpret_cast<PFN_xrGetVulkanInstanceExtensionsKHR>(function(name));
            if (get == nullptr) return fail("OpenXR runtime '", runtimeName_, "': ", name, " missing");
            std::uint32_t count = 0;
            XRS_XR_CHECK(get(instance_, system_, 0, &count, nullptr));
            std::string text(count, '\0');
            XRS_XR_CHECK(get(instance_, system_, count, &count, text.data()));
            auto& list = std::strcmp(name, "xrGetVulkanInstanceExtensionsKHR") == 0 ? options.instanceExtensions
                                                                                     : options.deviceExtensions;
            for (std::string& extension : splitSpaces(text.c_str())) list.push_back(std::move(extension));
        }
    }
    options.hooks.choosePhysicalDevice = [this](VkInstance vkInstance) { return requiredPhysicalDevice(vkInstance); };
    return {};
}

Result<VkPhysicalDevice> OpenXrRuntime::requiredPhysicalDevice(VkInstance vkInstance) const {
    VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
    XrResult r = XR_SUCCESS;
    if (usesVulkanEnable2()) {
        auto get = reinterpret_cast<PFN_xrGetVulkanGraphicsDevice2KHR>(function("xrGetVulkanGraphicsDevice2KHR"));
        if (get == nullptr) return fail("xrGetVulkanGraphicsDevice2KHR missing");
        XrVulkanGraphicsDeviceGetInfoKHR info{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
        info.systemId = system_;
        info.vulkanInstance = vkInstance;
        r = get(instance_, &info, &physicalDevice);
    } else {
        auto get = reinterpret_cast<PFN_xrGetVulkanGraphicsDeviceKHR>(function("xrGetVulkanGraphicsDeviceKHR"));
        if (get == nullptr) return fail("xrGetVulkanGraphicsDeviceKHR missing");
        r = get(instance_, system_, vkInstance, &physicalDevice);
    }
    if (XR_FAILED(r) || physicalDevice == VK_NULL_HANDLE)
        return fail("OpenXR runtime '", runtimeName_, "' named no Vulkan device: ", xrResultName(r));
    return physicalDevice;
}

} // namespace xrs::xr
