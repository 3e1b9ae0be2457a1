#pragma once
// The one seam between the frame loop and where frames go: a headset (OpenXR), a desktop window
// or an offscreen image. The renderer never knows which; the display never knows what is drawn.
//
// A frame, whatever the display:
//     FrameContext& frame = frames.begin();
//     DisplayFrame shown = display.beginFrame(frame, frames, simulatedTracking);
//     if (shown.shouldRender) renderer.record(frame, frames, scene, shown.views, lighting, shown.output);
//     if (shown.inset) renderer.record(frame, frames, scene, shown.inset->views, lighting, shown.inset->output);
//     display.endFrame(frame, frames);   // final transitions, submit (with its semaphores), present
//
// beginFrame always pairs with endFrame, even when shouldRender is false (OpenXR requires
// xrEndFrame after every xrBeginFrame; a minimised window submits an empty command buffer).
#include "core/Image.h"
#include "gpu/FrameRing.h"
#include "render/SceneRenderer.h"
#include "render/StereoViews.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <optional>

namespace xrs::xr {

// What tracking reports for a frame: both eyes' views and, if the device has eye tracking, the
// gaze. A headset measures it; the window and headless displays have no sensors and show what
// the frame loop simulates (SimulatedHeadset or a fixed camera).
struct Tracking {
    render::StereoViews views;
    std::optional<glm::vec3> gazeDirection; // world space, unit length
};

struct DisplayFrame {
    Tracking tracking;           // the views to render this frame with
    render::RenderOutput output; // 2 layers (layer i = eye i), owned by the display
    // When present (and shouldRender) the frame is rendered a second time with these views into
    // this output. Only OpenXR quad views have it.
    std::optional<render::InsetViews> inset;
    bool shouldRender = false;   // false: skip rendering (minimised, headset not visible)
    // When the frame will reach the viewer's eyes (OpenXR's predictedDisplayTime); simulation
    // and animation should be evaluated at this time. Nanoseconds on the display's clock.
    std::int64_t predictedDisplayTimeNs = 0;
};

class Display {
public:
    virtual ~Display() = default;

    // Processes window-system / runtime events. Returns false once the user asked to quit.
    virtual bool pollEvents() = 0;

    // Starts a frame recorded into `frame`. Displays with their own tracking ignore `simulated`.
    // Objects the display replaces (a resized swapchain) are retired through `frames`.
    virtual DisplayFrame beginFrame(gpu::FrameContext& frame, gpu::FrameRing& frames,
                                    const Tracking& simulated) = 0;

    // Ends the frame begun with beginFrame: transitions the output for presentation, submits
    // `frame` through `frames` with the semaphores presentation needs, and presents.
    virtual void endFrame(gpu::FrameContext& frame, gpu::FrameRing& frames) = 0;

    // Asks the next endFrame to copy what is shown into host memory.
    virtual void requestScreenshot() = 0;
    // The requested screenshot, once its frame has completed (this waits for the GPU: call it
    // outside the steady frame loop). Empty if none was requested or nothing was shown.
    virtual std::optional<ImageRGBA8> collectScreenshot(gpu::FrameRing& frames) = 0;

protected:
    Display() = default;
    Display(const Display&) = default;
    Display& operator=(const Display&) = default;
    Display(Display&&) = default;
    Display& operator=(Display&&) = default;
};

} // namespace xrs::xr
