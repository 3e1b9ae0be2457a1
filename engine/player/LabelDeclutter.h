#pragma once
// Which hotspot labels to show when they would cover each other. Close to a table of annotated
// fragments every label is near enough to show, and stacked labels read as none. Labels are
// taken in priority order (the one a pointer or the gaze is on first, then nearest the line of
// sight) and one that would overlap a label already taken, as the eye sees them, is left out;
// its icon stays, so looking at it brings its label back. Pinned quads (the caption, the
// look-down controls) are always taken first, so labels also keep clear of the caption.
#include "core/View.h"
#include "render/WorldOverlay.h"

#include <span>
#include <vector>

namespace xrs::player {

struct LabelCandidate {
    render::WorldQuad quad; // where the label would be drawn (a billboard facing the eye)
    bool hovered = false;   // a pointer or the gaze is on its hotspot: always shown
    bool pinned = false;    // always shown, before any hotspot's (the caption, look-down controls)
};

// One flag per candidate: show it. `paddingFraction` of a label's height is kept clear around it.
std::vector<bool> declutterLabels(std::span<const LabelCandidate> labels, const Pose& head,
                                  float paddingFraction = 0.15f);

} // namespace xrs::player
