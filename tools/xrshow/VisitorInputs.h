#pragma once
// A display's input as the experience session wants it (runtime::VisitorInput, tracking space).
//
// Desktop (window, headless, scripts):
//   cursor          eye gaze (gaze dwell) and the mouse pointer; left click selects
//   Z / X           snap turn left / right          T (hold, release)  aim and teleport
//   N / B           next / previous tour stop      L                  next language
//   WASD / E Q      walking counts as smooth locomotion (the comfort vignette shows it)
// Headset (OpenXR actions): either hand's aim ray and trigger select, thumbstick left/right
// snap-turns, thumbstick click aims a teleport that happens on release, eye gaze when tracked;
// the menu button measures the eye height, and held for a second recentres (seated LOCAL space:
// the visitor's current place and heading become the scene's).
#include "render/StereoViews.h"
#include "runtime/SessionTypes.h"
#include "xr/InputState.h"
#include "xr/OpenXrInput.h"
#include "xr/SimulatedHeadset.h"

#include <optional>
#include <utility>

namespace xrs::cli {

class DesktopVisitorInput {
public:
    // `views` are the frame's tracking-space eye views; `mouse` says whether the cursor is a
    // pointer this frame (a window, or a script that moves it).
    runtime::VisitorInput read(const xr::InputState& input, const xr::SimulatedHeadset& headset,
                               const render::StereoViews& views, bool mouse, float dt);

private:
    std::optional<glm::vec3> previousHead_;
    bool aimingTeleport_ = false;
};

class HeadsetVisitorInput {
public:
    static constexpr float kRecenterHoldSeconds = 1.0f;

    runtime::VisitorInput read(const xr::HeadsetInput& input, const render::StereoViews& views, float dt);
    // True once per hold of the menu button that lasted kRecenterHoldSeconds (then cleared).
    bool takeRecenterRequest() { return std::exchange(recenterRequested_, false); }

private:
    float menuHeldSeconds_ = 0.0f;
    bool recenterRequested_ = false;
    bool turnCentred_ = true;   // the thumbstick came back to the centre since the last snap turn
    bool aimingTeleport_ = false;
};

} // namespace xrs::cli
