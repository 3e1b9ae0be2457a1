#pragma once
// The simulated OpenXR runtime's objects. The loader calls plain C entry points, so the live
// objects sit in one process-wide table (the only global of the simulator; a real runtime has
// the same shape). Handles are the objects' addresses, and every call looks its handles up in
// the table first, so a stale or foreign handle is rejected with XR_ERROR_HANDLE_INVALID instead
// of being dereferenced.
//
// Not thread-safe: the clients (hello_xr, xrshow) call OpenXR from one thread.
#define XR_NO_PROTOTYPES
#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include "Script.h"
#include "xr/OpenXrNewerExtensions.h"

#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace xrs::xrsim {

struct Session;
struct ActionSet;
struct Action;

// First predicted display time; frame f is displayed at kEpochNs + (f + 1) * period.
inline constexpr XrTime kEpochNs = 1'000'000'000;
inline constexpr XrSystemId kSystemId = 1;
inline constexpr std::uint32_t kMaxLayerCount = 16;
inline constexpr std::uint32_t kMaxSwapchainSize = 4096;
// Stage origin: on the floor below the head's starting point (LOCAL's origin).
inline constexpr float kStandingEyeHeight = 1.6f;

struct Instance {
    std::set<std::string> extensions;
    Script script;
    std::deque<XrEventDataBuffer> events;
    std::vector<std::string> paths; // XrPath p names paths[p - 1]
    std::map<std::string, XrPath> pathIds;
    bool requirementsQueried = false;
    VkInstance chosenVkInstance = VK_NULL_HANDLE;
    VkPhysicalDevice chosenPhysicalDevice = VK_NULL_HANDLE;
    // Suggested bindings per interaction profile: (action, binding path).
    std::map<XrPath, std::vector<std::pair<Action*, XrPath>>> suggestedBindings;
    bool lossPending = false; // instance-loss event queued
    bool lost = false;        // ...and delivered: from now on XR_ERROR_INSTANCE_LOST

    bool has(const char* extension) const { return extensions.count(extension) != 0; }
    XrPath path(const std::string& name);   // interns
    const std::string* pathName(XrPath path) const;
    void pushEvent(const void* event, std::size_t size);
};

struct Session {
    Instance* instance = nullptr;
    XrSessionState state = XR_SESSION_STATE_UNKNOWN;
    bool running = false;
    bool exitAfterEnd = false;        // stopping ends in EXITING (else back to READY)
    XrViewConfigurationType viewConfiguration{};

    // The application's Vulkan objects (XrGraphicsBindingVulkanKHR) and the simulator's pool on them.
    VkInstance vkInstance = VK_NULL_HANDLE;
    VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
    VkDevice device = VK_NULL_HANDLE;
    VkQueue queue = VK_NULL_HANDLE;
    std::uint32_t queueFamily = 0;
    VkCommandPool commandPool = VK_NULL_HANDLE;

    // Frame loop: frames are counted by xrWaitFrame.
    std::int64_t frameIndex = -1;
    bool waitedNotBegun = false;
    bool frameBegun = false;
    bool firstFrameEnded = false;

    std::set<ActionSet*> attachedSets;
    XrPath handProfile = XR_NULL_PATH; // current interaction profile of both hands
    XrPath eyeProfile = XR_NULL_PATH;

    XrTime predictedTime() const;
    std::int64_t frameAt(XrTime time) const;
    DeviceState deviceAt(XrTime time) const { return instance->script.stateAt(frameAt(time)); }
    // Queues a state-change event (the state changes now; the application learns it by polling).
    void setState(XrSessionState next);
    bool focused() const { return state == XR_SESSION_STATE_FOCUSED; }
};

struct Swapchain {
    Session* session = nullptr;
    XrSwapchainCreateInfo info{};
    VkImageAspectFlags aspect = 0;
    VkImageLayout layout = VK_IMAGE_LAYOUT_UNDEFINED; // where the application finds each image
    std::vector<VkImage> images;
    std::vector<VkDeviceMemory> memory;
    std::vector<bool> laidOut;       // initial layout transition done
    std::deque<std::uint32_t> acquired;
    bool frontWaited = false;        // acquired.front() has been waited on
    std::uint32_t nextAcquire = 0;
    std::int64_t lastReleased = -1;
};

struct Space {
    Session* session = nullptr;
    XrReferenceSpaceType referenceType{}; // when action == nullptr
    Action* action = nullptr;
    XrPath subactionPath = XR_NULL_PATH;
    Pose offset; // poseInReferenceSpace / poseInActionSpace
};

struct ActionSet {
    Instance* instance = nullptr;
    std::string name, localizedName;
    std::vector<Action*> actions;
    bool attached = false;
};

struct ActionState {
    XrVector2f value{0.0f, 0.0f}; // booleans and floats use x
    bool active = false;
    bool changedSinceLastSync = false;
    XrTime lastChangeTime = 0;
};

struct Action {
    ActionSet* set = nullptr;
    std::string name, localizedName;
    XrActionType type{};
    std::vector<XrPath> subactionPaths;
    std::map<XrPath, ActionState> states; // XR_NULL_PATH: all subaction paths combined
};

template <class Object>
class Registry {
public:
    template <class Handle>
    Object* find(Handle handle) const {
        auto it = objects_.find(reinterpret_cast<Object*>(handle));
        return it == objects_.end() ? nullptr : it->second.get();
    }
    template <class Handle>
    Handle add(std::unique_ptr<Object> object) {
        Object* raw = object.get();
        objects_.emplace(raw, std::move(object));
        return reinterpret_cast<Handle>(raw);
    }
    void remove(Object* object) { objects_.erase(object); }
    template <class Pred>
    std::vector<Object*> where(Pred pred) const {
        std::vector<Object*> result;
        for (const auto& [raw, owned] : objects_)
            if (pred(*raw)) result.push_back(raw);
        return result;
    }

private:
    std::map<Object*, std::unique_ptr<Object>> objects_;
};

struct Runtime {
    Registry<Instance> instances;
    Registry<Session> sessions;
    Registry<Swapchain> swapchains;
    Registry<Space> spaces;
    Registry<ActionSet> actionSets;
    Registry<Action> actions;
};
Runtime& runtime();

// Destruction of children with their parent (the spec's handle hierarchy).
void destroySessionObjects(Session& session);
void destroySwapchainImages(Swapchain& swapchain);
void destroyActionSetObjects(ActionSet& set);

// The two-call idiom for arrays of plain values.
template <class T>
XrResult fillArray(std::uint32_t capacity, std::uint32_t* countOutput, T* output, const std::vector<T>& items) {
    if (countOutput == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    *countOutput = static_cast<std::uint32_t>(items.size());
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < items.size()) return XR_ERROR_SIZE_INSUFFICIENT;
    if (output == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    for (std::size_t i = 0; i < items.size(); ++i) output[i] = items[i];
    return XR_SUCCESS;
}
// ... and for strings (the count includes the terminating NUL).
XrResult fillString(std::uint32_t capacity, std::uint32_t* countOutput, char* buffer, const std::string& text);

inline XrPosef toXr(const Pose& pose) {
    return {{pose.orientation.x, pose.orientation.y, pose.orientation.z, pose.orientation.w},
            {pose.position.x, pose.position.y, pose.position.z}};
}
inline Pose fromXr(const XrPosef& pose) {
    return {glm::quat(pose.orientation.w, pose.orientation.x, pose.orientation.y, pose.orientation.z),
            {pose.position.x, pose.position.y, pose.position.z}};
}
// A pose whose quaternion is not unit length (within the spec's tolerance) is invalid.
bool isValidPose(const XrPosef& pose);

// Where a space is in LOCAL space at `time`, or nothing when it is not tracked.
struct Located {
    Pose pose;
    bool valid = false;
};
Located locateInLocal(const Space& space, XrTime time);
// The pose a pose action reports for one device (not valid when unbound or untracked).
Located devicePose(const Session& session, const Action& action, XrPath subactionPath, XrTime time);

// Input paths the simulated controllers and eye tracker offer, per interaction profile.
bool isKnownInteractionProfile(const Instance& instance, const std::string& profile);
bool isValidBinding(const std::string& profile, const std::string& bindingPath);

// The simulator's Vulkan work on the application's device.
VkResult allocateSwapchainImages(Swapchain& swapchain);
VkResult prepareImageLayout(Swapchain& swapchain, std::uint32_t index);
// Copies one layer/rect of a released colour image to a PNG file; returns an error text or "".
std::string captureToPng(Swapchain& swapchain, std::uint32_t image, std::uint32_t arrayLayer,
                         const XrRect2Di& rect, const std::string& path);
// Writes the depth sub-image of a released D32 image as a PFM of view distances in metres, the
// layer's depth info telling how window depth maps to distance; returns an error text or "".
std::string captureDepthToPfm(Swapchain& swapchain, std::uint32_t image, const XrCompositionLayerDepthInfoKHR& info,
                              const std::string& path);
std::vector<std::int64_t> supportedSwapchainFormats();

// Instance-level queries shared by several areas.
std::vector<XrEnvironmentBlendMode> blendModes(const Instance& instance);
bool isWellFormedPath(const char* text);
bool isViewConfigurationSupported(const Instance& instance, XrViewConfigurationType type);
std::uint32_t viewCount(XrViewConfigurationType type);
// View i of a configuration, relative to the head, and its field of view.
Pose eyeInHead(XrViewConfigurationType type, std::uint32_t view);
XrFovf eyeFov(XrViewConfigurationType type, std::uint32_t view);

void logSim(const char* format, ...) __attribute__((format(printf, 1, 2)));

} // namespace xrs::xrsim
