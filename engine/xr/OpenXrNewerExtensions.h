#pragma once
// Extensions newer than Debian's OpenXR 1.0.20 headers, declared from the specification (names,
// structure type values and layouts exactly as the registry defines them). Shared by xrshow and
// the simulated runtime.
#include <openxr/openxr.h>

namespace xrs::xr {

// XR_BD_controller_interaction (Pico 4 controllers): an interaction profile, no new types.
inline constexpr const char* kBdControllerInteractionExtension = "XR_BD_controller_interaction";

// XR_EXT_hand_interaction (tracked hands as an interaction profile): no new types.
inline constexpr const char* kHandInteractionExtension = "XR_EXT_hand_interaction";
inline constexpr const char* kHandInteractionProfile = "/interaction_profiles/ext/hand_interaction_ext";

// XR_EXT_user_presence (extension 471): whether someone wears the headset.
inline constexpr const char* kUserPresenceExtension = "XR_EXT_user_presence";
inline constexpr XrStructureType kTypeEventDataUserPresenceChanged = static_cast<XrStructureType>(1000470000);
inline constexpr XrStructureType kTypeSystemUserPresenceProperties = static_cast<XrStructureType>(1000470001);
struct EventDataUserPresenceChanged { // XrEventDataUserPresenceChangedEXT
    XrStructureType type;
    const void* next;
    XrSession session;
    XrBool32 isUserPresent;
};
struct SystemUserPresenceProperties { // XrSystemUserPresencePropertiesEXT
    XrStructureType type;
    void* next;
    XrBool32 supportsUserPresence;
};

} // namespace xrs::xr
