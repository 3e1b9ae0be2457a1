// Instance, extensions, events, paths, the system and its view configurations.
#include "Api.h"

#include <algorithm>
#include <cmath>

namespace xrs::xrsim {
namespace {

const std::vector<XrExtensionProperties>& offeredExtensions() {
    static const std::vector<XrExtensionProperties> extensions = [] {
        auto make = [](const char* name, std::uint32_t version) {
            XrExtensionProperties p{XR_TYPE_EXTENSION_PROPERTIES};
            std::snprintf(p.extensionName, sizeof p.extensionName, "%s", name);
            p.extensionVersion = version;
            return p;
        };
        return std::vector<XrExtensionProperties>{
            make(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_vulkan_enable2_SPEC_VERSION),
            make(XR_KHR_VULKAN_ENABLE_EXTENSION_NAME, XR_KHR_vulkan_enable_SPEC_VERSION),
            make(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME, XR_KHR_composition_layer_depth_SPEC_VERSION),
            make(XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME, XR_EXT_eye_gaze_interaction_SPEC_VERSION),
            make(XR_VARJO_QUAD_VIEWS_EXTENSION_NAME, XR_VARJO_quad_views_SPEC_VERSION),
            make(xr::kHandInteractionExtension, 1),
            make(xr::kUserPresenceExtension, 1),
        };
    }();
    return extensions;
}

bool offers(const char* name) {
    const auto& list = offeredExtensions();
    return std::any_of(list.begin(), list.end(),
                       [&](const XrExtensionProperties& p) { return std::strcmp(p.extensionName, name) == 0; });
}

std::vector<XrViewConfigurationType> viewConfigurations(const Instance& instance) {
    std::vector<XrViewConfigurationType> types{XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    // The extension only makes the type known; a headset lists it when it has inset displays.
    if (instance.has(XR_VARJO_QUAD_VIEWS_EXTENSION_NAME) && instance.script.quadViews)
        types.push_back(XR_VIEW_CONFIGURATION_TYPE_PRIMARY_QUAD_VARJO);
    return types;
}

} // namespace

bool isViewConfigurationSupported(const Instance& instance, XrViewConfigurationType type) {
    const auto types = viewConfigurations(instance);
    return std::find(types.begin(), types.end(), type) != types.end();
}

std::uint32_t viewCount(XrViewConfigurationType type) {
    return type == XR_VIEW_CONFIGURATION_TYPE_PRIMARY_QUAD_VARJO ? 4 : 2;
}

Pose eyeInHead(XrViewConfigurationType, std::uint32_t view) {
    // 64 mm interpupillary distance; quad views 2-3 (insets) sit at the same eyes as 0-1.
    constexpr float kHalfIpd = 0.032f;
    Pose eye;
    eye.position.x = (view % 2 == 0) ? -kHalfIpd : kHalfIpd;
    return eye;
}

XrFovf eyeFov(XrViewConfigurationType, std::uint32_t view) {
    // Asymmetric like a real headset's lenses (wider toward the temple); right eye mirrored.
    XrFovf fov{-0.90f, 0.75f, 0.80f, -0.85f};
    if (view >= 2) fov = {-0.35f, 0.35f, 0.30f, -0.30f}; // focus inset
    if (view % 2 == 1) fov = {-fov.angleRight, -fov.angleLeft, fov.angleUp, fov.angleDown};
    return fov;
}

namespace {

bool isKnownViewConfiguration(XrViewConfigurationType type) {
    return type == XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO || type == XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO ||
           type == XR_VIEW_CONFIGURATION_TYPE_PRIMARY_QUAD_VARJO ||
           type == XR_VIEW_CONFIGURATION_TYPE_SECONDARY_MONO_FIRST_PERSON_OBSERVER_MSFT;
}

} // namespace

XrPath Instance::path(const std::string& name) {
    auto it = pathIds.find(name);
    if (it != pathIds.end()) return it->second;
    paths.push_back(name);
    const XrPath id = paths.size();
    pathIds.emplace(name, id);
    return id;
}

const std::string* Instance::pathName(XrPath path) const {
    if (path == XR_NULL_PATH || path > paths.size()) return nullptr;
    return &paths[path - 1];
}

void Instance::pushEvent(const void* event, std::size_t size) {
    XrEventDataBuffer buffer{};
    std::memcpy(&buffer, event, size);
    events.push_back(buffer);
}

std::vector<XrEnvironmentBlendMode> blendModes(const Instance& instance) {
    std::vector<XrEnvironmentBlendMode> modes;
    for (const auto& name : instance.script.blendModes)
        modes.push_back(name == "opaque"     ? XR_ENVIRONMENT_BLEND_MODE_OPAQUE
                        : name == "additive" ? XR_ENVIRONMENT_BLEND_MODE_ADDITIVE
                                             : XR_ENVIRONMENT_BLEND_MODE_ALPHA_BLEND);
    return modes;
}

// A valid path string: absolute, components of [a-z0-9-_.], no empty, "." or ".." components.
bool isWellFormedPath(const char* text) {
    if (text == nullptr || text[0] != '/') return false;
    const std::string s(text);
    if (s.size() >= XR_MAX_PATH_LENGTH || s.back() == '/') return false;
    std::size_t start = 1;
    while (start <= s.size()) {
        std::size_t end = s.find('/', start);
        if (end == std::string::npos) end = s.size();
        const std::string component = s.substr(start, end - start);
        if (component.empty() || component == "." || component == "..") return false;
        for (char c : component)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
                return false;
        start = end + 1;
    }
    return true;
}

namespace api {

XrResult xrEnumerateApiLayerProperties(std::uint32_t, std::uint32_t* countOutput, XrApiLayerProperties*) {
    // Layers belong to the loader; the runtime itself has none.
    if (countOutput == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    *countOutput = 0;
    return XR_SUCCESS;
}

XrResult xrEnumerateInstanceExtensionProperties(const char* layerName, std::uint32_t capacity,
                                                std::uint32_t* countOutput, XrExtensionProperties* properties) {
    if (layerName != nullptr) return XR_ERROR_API_LAYER_NOT_PRESENT;
    const auto& list = offeredExtensions();
    if (countOutput == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    *countOutput = static_cast<std::uint32_t>(list.size());
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < list.size()) return XR_ERROR_SIZE_INSUFFICIENT;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (properties[i].type != XR_TYPE_EXTENSION_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
        std::memcpy(properties[i].extensionName, list[i].extensionName, sizeof list[i].extensionName);
        properties[i].extensionVersion = list[i].extensionVersion;
    }
    return XR_SUCCESS;
}

XrResult xrCreateInstance(const XrInstanceCreateInfo* info, XrInstance* instanceOut) {
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_INSTANCE_CREATE_INFO);
    if (instanceOut == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (info->createFlags != 0) return XR_ERROR_VALIDATION_FAILURE;
    if (XR_VERSION_MAJOR(info->applicationInfo.apiVersion) != 1) return XR_ERROR_API_VERSION_UNSUPPORTED;
    if (info->applicationInfo.applicationName[0] == '\0') return XR_ERROR_NAME_INVALID;
    auto instance = std::make_unique<Instance>();
    for (std::uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
        const char* name = info->enabledExtensionNames[i];
        if (name == nullptr || !offers(name)) return XR_ERROR_EXTENSION_NOT_PRESENT;
        instance->extensions.insert(name);
    }
    Result<Script> script = loadScriptFromEnvironment();
    if (!script) {
        logSim("%s", script.error().message.c_str());
        return XR_ERROR_INITIALIZATION_FAILED;
    }
    instance->script = std::move(*script);
    *instanceOut = runtime().instances.add<XrInstance>(std::move(instance));
    return XR_SUCCESS;
}

XrResult xrDestroyInstance(XrInstance instanceHandle) {
    Instance* instance = runtime().instances.find(instanceHandle);
    if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
    for (Session* session : runtime().sessions.where([&](const Session& s) { return s.instance == instance; })) {
        destroySessionObjects(*session);
        runtime().sessions.remove(session);
    }
    for (ActionSet* set : runtime().actionSets.where([&](const ActionSet& s) { return s.instance == instance; })) {
        destroyActionSetObjects(*set);
        runtime().actionSets.remove(set);
    }
    runtime().instances.remove(instance);
    return XR_SUCCESS;
}

XrResult xrGetInstanceProperties(XrInstance instanceHandle, XrInstanceProperties* properties) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    XRS_SIM_EXPECT_TYPE(properties, XR_TYPE_INSTANCE_PROPERTIES);
    properties->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
    std::snprintf(properties->runtimeName, sizeof properties->runtimeName, "xrshow simulated runtime");
    return XR_SUCCESS;
}

XrResult xrPollEvent(XrInstance instanceHandle, XrEventDataBuffer* eventData) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    XRS_SIM_EXPECT_TYPE(eventData, XR_TYPE_EVENT_DATA_BUFFER);
    if (instance->events.empty()) return XR_EVENT_UNAVAILABLE;
    *eventData = instance->events.front();
    instance->events.pop_front();
    // Once the application has been told, the instance is gone (the loss time is "now").
    if (eventData->type == XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING) instance->lost = true;
    return XR_SUCCESS;
}

XrResult xrStringToPath(XrInstance instanceHandle, const char* pathString, XrPath* path) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (path == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (!isWellFormedPath(pathString)) return XR_ERROR_PATH_FORMAT_INVALID;
    *path = instance->path(pathString);
    return XR_SUCCESS;
}

XrResult xrPathToString(XrInstance instanceHandle, XrPath path, std::uint32_t capacity, std::uint32_t* countOutput,
                        char* buffer) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    const std::string* name = instance->pathName(path);
    if (name == nullptr) return XR_ERROR_PATH_INVALID;
    return fillString(capacity, countOutput, buffer, *name);
}

XrResult xrGetSystem(XrInstance instanceHandle, const XrSystemGetInfo* getInfo, XrSystemId* systemId) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    XRS_SIM_EXPECT_TYPE(getInfo, XR_TYPE_SYSTEM_GET_INFO);
    if (systemId == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (getInfo->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY) return XR_ERROR_FORM_FACTOR_UNSUPPORTED;
    if (getInfo->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY) return XR_ERROR_VALIDATION_FAILURE;
    if (!instance->script.headsetConnected) return XR_ERROR_FORM_FACTOR_UNAVAILABLE;
    *systemId = kSystemId;
    return XR_SUCCESS;
}

XrResult xrGetSystemProperties(XrInstance instanceHandle, XrSystemId systemId, XrSystemProperties* properties) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    XRS_SIM_EXPECT_TYPE(properties, XR_TYPE_SYSTEM_PROPERTIES);
    properties->systemId = kSystemId;
    properties->vendorId = 0;
    std::snprintf(properties->systemName, sizeof properties->systemName, "xrshow simulated headset");
    properties->graphicsProperties = {kMaxSwapchainSize, kMaxSwapchainSize, kMaxLayerCount};
    properties->trackingProperties = {XR_TRUE, XR_TRUE};
    for (auto* next = static_cast<XrBaseOutStructure*>(properties->next); next != nullptr; next = next->next) {
        if (next->type == XR_TYPE_SYSTEM_EYE_GAZE_INTERACTION_PROPERTIES_EXT &&
            instance->has(XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME))
            reinterpret_cast<XrSystemEyeGazeInteractionPropertiesEXT*>(next)->supportsEyeGazeInteraction =
                instance->script.eyeTracking ? XR_TRUE : XR_FALSE;
        if (next->type == xr::kTypeSystemUserPresenceProperties && instance->has(xr::kUserPresenceExtension))
            reinterpret_cast<xr::SystemUserPresenceProperties*>(next)->supportsUserPresence = XR_TRUE;
    }
    return XR_SUCCESS;
}

XrResult xrEnumerateViewConfigurations(XrInstance instanceHandle, XrSystemId systemId, std::uint32_t capacity,
                                       std::uint32_t* countOutput, XrViewConfigurationType* types) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    return fillArray(capacity, countOutput, types, viewConfigurations(*instance));
}

XrResult xrGetViewConfigurationProperties(XrInstance instanceHandle, XrSystemId systemId,
                                          XrViewConfigurationType type, XrViewConfigurationProperties* properties) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    XRS_SIM_EXPECT_TYPE(properties, XR_TYPE_VIEW_CONFIGURATION_PROPERTIES);
    if (!isKnownViewConfiguration(type)) return XR_ERROR_VALIDATION_FAILURE;
    if (!isViewConfigurationSupported(*instance, type)) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    properties->viewConfigurationType = type;
    properties->fovMutable = XR_TRUE;
    return XR_SUCCESS;
}

XrResult xrEnumerateViewConfigurationViews(XrInstance instanceHandle, XrSystemId systemId,
                                           XrViewConfigurationType type, std::uint32_t capacity,
                                           std::uint32_t* countOutput, XrViewConfigurationView* views) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    if (!isKnownViewConfiguration(type)) return XR_ERROR_VALIDATION_FAILURE;
    if (!isViewConfigurationSupported(*instance, type)) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    if (countOutput == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    const std::uint32_t count = viewCount(type);
    *countOutput = count;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < count) return XR_ERROR_SIZE_INSUFFICIENT;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (views[i].type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
        // Quad views: 0-1 the wide context views, 2-3 the focus insets (same pixel count, narrower fov).
        views[i].recommendedImageRectWidth = instance->script.viewWidth;
        views[i].recommendedImageRectHeight = instance->script.viewHeight;
        views[i].maxImageRectWidth = kMaxSwapchainSize;
        views[i].maxImageRectHeight = kMaxSwapchainSize;
        views[i].recommendedSwapchainSampleCount = 1;
        views[i].maxSwapchainSampleCount = 4;
    }
    return XR_SUCCESS;
}

XrResult xrEnumerateEnvironmentBlendModes(XrInstance instanceHandle, XrSystemId systemId,
                                          XrViewConfigurationType type, std::uint32_t capacity,
                                          std::uint32_t* countOutput, XrEnvironmentBlendMode* modes) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    if (XrResult r = checkSystem(*instance, systemId); r != XR_SUCCESS) return r;
    if (!isKnownViewConfiguration(type)) return XR_ERROR_VALIDATION_FAILURE;
    if (!isViewConfigurationSupported(*instance, type)) return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    return fillArray(capacity, countOutput, modes, blendModes(*instance));
}

} // namespace api
} // namespace xrs::xrsim
