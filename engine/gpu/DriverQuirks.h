#pragma once
// Driver bugs we work around, in one list. Each has a comment saying what goes wrong, where it
// was seen, and an environment variable that turns the workaround off (to check whether a
// newer driver still needs it): XRS_NO_QUIRK_<NAME>=1.
#include <vulkan/vulkan.h>

namespace xrs::gpu {

struct DriverQuirks {
    // Mesa lavapipe (seen on 22.3.6): with multiview, a primitive that gets clipped loses its
    // view's layer, so the right eye's clipped triangles land in layer 0 and vanish from
    // layer 1 (anything crossing the frustum: a floor under the viewer, the fullscreen sky).
    // Its dynamic-rendering MSAA resolve also ignores the resolve view's base array layer.
    // Workaround: draw each eye in its own non-multiview pass into that eye's layer and
    // resolve MSAA with vkCmdResolveImage.
    // Off: XRS_NO_QUIRK_SPLIT_MULTIVIEW=1.
    bool splitMultiviewPasses = false;
};

DriverQuirks detectDriverQuirks(VkDriverId driver);

} // namespace xrs::gpu
