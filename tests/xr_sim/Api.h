#pragma once
// Every OpenXR function the simulator implements, declared from the headers' PFN types so the
// signatures cannot drift. xrGetInstanceProcAddr (Entry.cpp) hands them out by name.
#include "SimRuntime.h"

#include <type_traits>

// Functions callable without an instance.
#define XRS_SIM_GLOBAL_FUNCTIONS(X) \
    X(xrEnumerateInstanceExtensionProperties) X(xrEnumerateApiLayerProperties) X(xrCreateInstance)

#define XRS_SIM_CORE_FUNCTIONS(X)                                                                        \
    X(xrGetInstanceProcAddr) X(xrDestroyInstance) X(xrGetInstanceProperties) X(xrPollEvent)                \
    X(xrResultToString) X(xrStructureTypeToString) X(xrGetSystem) X(xrGetSystemProperties)                 \
    X(xrEnumerateEnvironmentBlendModes) X(xrCreateSession) X(xrDestroySession)                             \
    X(xrEnumerateReferenceSpaces) X(xrCreateReferenceSpace) X(xrGetReferenceSpaceBoundsRect)               \
    X(xrCreateActionSpace) X(xrLocateSpace) X(xrDestroySpace) X(xrEnumerateViewConfigurations)             \
    X(xrGetViewConfigurationProperties) X(xrEnumerateViewConfigurationViews) X(xrEnumerateSwapchainFormats) \
    X(xrCreateSwapchain) X(xrDestroySwapchain) X(xrEnumerateSwapchainImages) X(xrAcquireSwapchainImage)    \
    X(xrWaitSwapchainImage) X(xrReleaseSwapchainImage) X(xrBeginSession) X(xrEndSession)                   \
    X(xrRequestExitSession) X(xrWaitFrame) X(xrBeginFrame) X(xrEndFrame) X(xrLocateViews)                  \
    X(xrStringToPath) X(xrPathToString) X(xrCreateActionSet) X(xrDestroyActionSet) X(xrCreateAction)      \
    X(xrDestroyAction) X(xrSuggestInteractionProfileBindings) X(xrAttachSessionActionSets)                 \
    X(xrGetCurrentInteractionProfile) X(xrGetActionStateBoolean) X(xrGetActionStateFloat)                  \
    X(xrGetActionStateVector2f) X(xrGetActionStatePose) X(xrSyncActions)                                   \
    X(xrEnumerateBoundSourcesForAction) X(xrGetInputSourceLocalizedName) X(xrApplyHapticFeedback)          \
    X(xrStopHapticFeedback)

#define XRS_SIM_VULKAN_ENABLE_FUNCTIONS(X)                                                  \
    X(xrGetVulkanInstanceExtensionsKHR) X(xrGetVulkanDeviceExtensionsKHR)                   \
    X(xrGetVulkanGraphicsDeviceKHR) X(xrGetVulkanGraphicsRequirementsKHR)

#define XRS_SIM_VULKAN_ENABLE2_FUNCTIONS(X)                                                 \
    X(xrCreateVulkanInstanceKHR) X(xrCreateVulkanDeviceKHR) X(xrGetVulkanGraphicsDevice2KHR) \
    X(xrGetVulkanGraphicsRequirements2KHR)

namespace xrs::xrsim {

// XR_SUCCESS for the one system the simulator has, while its headset is connected.
inline XrResult checkSystem(const Instance& instance, XrSystemId systemId) {
    return systemId == kSystemId && instance.script.headsetConnected ? XR_SUCCESS : XR_ERROR_SYSTEM_INVALID;
}

} // namespace xrs::xrsim

namespace xrs::xrsim::api {
#define XRS_SIM_DECLARE(name) std::remove_pointer_t<PFN_##name> name;
XRS_SIM_GLOBAL_FUNCTIONS(XRS_SIM_DECLARE)
XRS_SIM_CORE_FUNCTIONS(XRS_SIM_DECLARE)
XRS_SIM_VULKAN_ENABLE_FUNCTIONS(XRS_SIM_DECLARE)
XRS_SIM_VULKAN_ENABLE2_FUNCTIONS(XRS_SIM_DECLARE)
#undef XRS_SIM_DECLARE
} // namespace xrs::xrsim::api

// Looks up an instance handle; returns the error for an invalid or lost instance.
#define XRS_SIM_INSTANCE(var, handle)                                              \
    ::xrs::xrsim::Instance* var = ::xrs::xrsim::runtime().instances.find(handle); \
    if (var == nullptr) return XR_ERROR_HANDLE_INVALID;                            \
    if (var->lost) return XR_ERROR_INSTANCE_LOST

#define XRS_SIM_SESSION(var, handle)                                             \
    ::xrs::xrsim::Session* var = ::xrs::xrsim::runtime().sessions.find(handle); \
    if (var == nullptr) return XR_ERROR_HANDLE_INVALID;                          \
    if (var->instance->lost) return XR_ERROR_INSTANCE_LOST

// A struct the application passes must carry its XrStructureType.
#define XRS_SIM_EXPECT_TYPE(ptr, structType) \
    if ((ptr) == nullptr || (ptr)->type != (structType)) return XR_ERROR_VALIDATION_FAILURE
