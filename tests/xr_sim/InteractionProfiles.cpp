// The interaction profiles the simulated devices answer to, with their input/output paths (OpenXR
// 1.0 spec, "Interaction Profile Paths"). Bindings outside these are XR_ERROR_PATH_UNSUPPORTED.
#include "SimRuntime.h"

#include <algorithm>

namespace xrs::xrsim {
namespace {

struct ProfileComponents {
    const char* profile;
    std::vector<std::string> both;  // under /user/hand/left and /user/hand/right
    std::vector<std::string> left;  // left hand only
    std::vector<std::string> right; // right hand only
};

const std::vector<ProfileComponents>& profiles() {
    static const std::vector<ProfileComponents> table{
        {"/interaction_profiles/khr/simple_controller",
         {"input/select/click", "input/menu/click", "input/grip/pose", "input/aim/pose", "output/haptic"}, {}, {}},
        {"/interaction_profiles/oculus/touch_controller",
         {"input/squeeze/value", "input/trigger/value", "input/trigger/touch", "input/thumbstick/x",
          "input/thumbstick/y", "input/thumbstick/click", "input/thumbstick/touch", "input/thumbstick",
          "input/thumbrest/touch", "input/grip/pose", "input/aim/pose", "output/haptic"},
         {"input/x/click", "input/x/touch", "input/y/click", "input/y/touch", "input/menu/click"},
         {"input/a/click", "input/a/touch", "input/b/click", "input/b/touch", "input/system/click"}},
        {"/interaction_profiles/htc/vive_controller",
         {"input/system/click", "input/squeeze/click", "input/menu/click", "input/trigger/click",
          "input/trigger/value", "input/trackpad/x", "input/trackpad/y", "input/trackpad/click",
          "input/trackpad/touch", "input/trackpad", "input/grip/pose", "input/aim/pose", "output/haptic"},
         {}, {}},
        {"/interaction_profiles/valve/index_controller",
         {"input/system/click", "input/system/touch", "input/a/click", "input/a/touch", "input/b/click",
          "input/b/touch", "input/squeeze/value", "input/squeeze/force", "input/trigger/click",
          "input/trigger/value", "input/trigger/touch", "input/thumbstick/x", "input/thumbstick/y",
          "input/thumbstick/click", "input/thumbstick/touch", "input/thumbstick", "input/trackpad/x",
          "input/trackpad/y", "input/trackpad/force", "input/trackpad/touch", "input/trackpad",
          "input/grip/pose", "input/aim/pose", "output/haptic"},
         {}, {}},
        {"/interaction_profiles/microsoft/motion_controller",
         {"input/menu/click", "input/squeeze/click", "input/trigger/value", "input/thumbstick/x",
          "input/thumbstick/y", "input/thumbstick/click", "input/thumbstick", "input/trackpad/x",
          "input/trackpad/y", "input/trackpad/click", "input/trackpad/touch", "input/trackpad",
          "input/grip/pose", "input/aim/pose", "output/haptic"},
         {}, {}},
    };
    return table;
}

constexpr const char* kEyeGazeProfile = "/interaction_profiles/ext/eye_gaze_interaction";

// XR_EXT_hand_interaction: tracked hands, both sides alike, nothing to vibrate.
const ProfileComponents kHandInteraction{
    xr::kHandInteractionProfile,
    {"input/aim/pose", "input/grip/pose", "input/pinch_ext/pose", "input/poke_ext/pose", "input/pinch_ext/value",
     "input/pinch_ext/ready_ext", "input/aim_activate_ext/value", "input/aim_activate_ext/ready_ext",
     "input/grasp_ext/value", "input/grasp_ext/ready_ext"},
    {},
    {}};
constexpr const char* kEyeGazePath = "/user/eyes_ext/input/gaze_ext/pose";

// `component` names an input exactly, or its identifier without the component ("input/trigger"
// for "input/trigger/value"), which the spec lets the runtime resolve.
bool matches(const std::vector<std::string>& components, const std::string& component) {
    return std::any_of(components.begin(), components.end(), [&](const std::string& c) {
        return c == component || (c.size() > component.size() && c.compare(0, component.size(), component) == 0 &&
                                  c[component.size()] == '/');
    });
}

} // namespace

bool isKnownInteractionProfile(const Instance& instance, const std::string& profile) {
    if (profile == kEyeGazeProfile) return instance.has(XR_EXT_EYE_GAZE_INTERACTION_EXTENSION_NAME);
    if (profile == kHandInteraction.profile) return instance.has(xr::kHandInteractionExtension);
    return std::any_of(profiles().begin(), profiles().end(),
                       [&](const ProfileComponents& p) { return profile == p.profile; });
}

bool isValidBinding(const std::string& profile, const std::string& binding) {
    if (profile == kEyeGazeProfile) return binding == kEyeGazePath;
    std::vector<ProfileComponents> all = profiles();
    all.push_back(kHandInteraction);
    for (const ProfileComponents& p : all) {
        if (profile != p.profile) continue;
        for (const char* hand : {"/user/hand/left/", "/user/hand/right/"}) {
            const std::string prefix(hand);
            if (binding.compare(0, prefix.size(), prefix) != 0) continue;
            const std::string component = binding.substr(prefix.size());
            const auto& handOnly = prefix == "/user/hand/left/" ? p.left : p.right;
            return matches(p.both, component) || matches(handOnly, component);
        }
    }
    return false;
}

} // namespace xrs::xrsim
