#pragma once
// The OpenXR instance and the headset (system) it drives: the first step of headset mode, before
// any Vulkan object exists, because the runtime decides which GPU renders and which Vulkan
// extensions it needs. Typical start-up:
//
//     auto runtime = OpenXrRuntime::create({});           // fails with a one-line reason
//     gpu::ContextOptions options;  runtime->configureVulkan(options);
//     auto context = gpu::Context::create(options);       // instance/device made the runtime's way
//     auto display = OpenXrDisplay::create(*runtime, *context, {});
//
// Vulkan: XR_KHR_vulkan_enable2 when offered (the runtime creates the VkInstance and VkDevice
// from our create infos and picks the physical device), else XR_KHR_vulkan_enable (we create
// them with the extensions the runtime lists, on the physical device it names).
#include "core/Result.h"
#include "gpu/Context.h"
#include "xr/OpenXrCheck.h"
#include "xr/OpenXrNewerExtensions.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace xrs::xr {

struct OpenXrOptions {
    std::string applicationName = "xrshow";
    // The loader prints several lines to stderr when no runtime is installed; the one-line
    // reason from create() says it better. Sets XR_LOADER_DEBUG=none unless the user set it.
    bool quietLoader = true;
    // Use the quad-view configuration (XR_VARJO_quad_views: a sharp inset inside each eye's
    // wide view) when the headset offers it.
    bool quadViews = true;
};

class OpenXrRuntime {
public:
    // Errors are one line, for `--display auto` to print before falling back, e.g.
    // "no OpenXR runtime is installed (...)" or "OpenXR runtime 'Monado': no headset connected".
    static Result<std::unique_ptr<OpenXrRuntime>> create(const OpenXrOptions& options);
    ~OpenXrRuntime();
    OpenXrRuntime(const OpenXrRuntime&) = delete;
    OpenXrRuntime& operator=(const OpenXrRuntime&) = delete;

    XrInstance instance() const { return instance_; }
    XrSystemId system() const { return system_; }
    const std::string& runtimeName() const { return runtimeName_; }
    const std::string& systemName() const { return systemName_; }
    bool enabled(const char* extension) const { return enabled_.count(extension) != 0; }
    bool usesVulkanEnable2() const { return enabled(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME); }
    bool eyeGazeSupported() const { return eyeGazeSupported_; }
    // XR_EXT_user_presence is enabled: a headset that senses its wearer says when it is put on
    // and taken off. (Its system property is not queried: Debian's 1.0.20 core validation layer
    // rejects structures it does not know in a next chain.)
    bool userPresenceEnabled() const { return enabled(kUserPresenceExtension); }

    // The view configuration the display renders: PRIMARY_QUAD_VARJO (views 0-1 wide, 2-3 the
    // insets) when offered and wanted, else PRIMARY_STEREO.
    XrViewConfigurationType viewConfiguration() const { return viewConfiguration_; }
    bool quadViews() const { return viewConfiguration_ == XR_VIEW_CONFIGURATION_TYPE_PRIMARY_QUAD_VARJO; }
    bool quadViewsOffered() const { return quadViewsOffered_; }
    const std::vector<XrViewConfigurationView>& configurationViews() const { return views_; }
    const std::vector<XrEnvironmentBlendMode>& blendModes() const { return blendModes_; }

    // Fills the hooks / extension lists so gpu::Context creates Vulkan the runtime's way.
    // The returned options must be used while this runtime lives.
    Status configureVulkan(gpu::ContextOptions& options);

    bool vulkanConfigured() const { return requirementsChecked_; }

    // Is `physicalDevice` still the one the runtime wants (checked again after session loss)?
    Result<VkPhysicalDevice> requiredPhysicalDevice(VkInstance vkInstance) const;

    // An instance-level function of an enabled extension (null if unavailable).
    PFN_xrVoidFunction function(const char* name) const;

    XrPath path(const char* text) const;
    std::string pathString(XrPath path) const;

private:
    OpenXrRuntime() = default;
    Status createInstance(const OpenXrOptions& options);
    Status findSystem(bool wantQuadViews);

    XrInstance instance_ = XR_NULL_HANDLE;
    XrSystemId system_ = XR_NULL_SYSTEM_ID;
    std::string runtimeName_;
    std::string systemName_;
    std::set<std::string> enabled_;
    bool eyeGazeSupported_ = false;
    bool quadViewsOffered_ = false;
    XrViewConfigurationType viewConfiguration_ = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    std::vector<XrViewConfigurationView> views_;
    std::vector<XrEnvironmentBlendMode> blendModes_;
    bool requirementsChecked_ = false;
};

} // namespace xrs::xr
