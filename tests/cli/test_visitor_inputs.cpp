// The headset's buttons as the experience session wants them (tools/xrshow/VisitorInputs).
#include "VisitorInputs.h"

#include <catch2/catch.hpp>

using namespace xrs;

namespace {

render::StereoViews lookingAhead() {
    const Fov fov = symmetricFov(1.6f, 1.0f);
    return render::StereoViews{stereoEyes(Pose{}, 0.064f, fov, fov)};
}

} // namespace

TEST_CASE("headset menu: a press measures the height, a one-second hold recentres once", "[cli]") {
    cli::HeadsetVisitorInput visitor;
    xr::HeadsetInput input;
    input.focused = true;
    input.hands[1].menu = input.hands[1].menuPressed = true;
    CHECK(visitor.read(input, lookingAhead(), 0.4f).calibrateHeight);
    CHECK_FALSE(visitor.takeRecenterRequest());
    input.hands[1].menuPressed = false; // still held
    CHECK_FALSE(visitor.read(input, lookingAhead(), 0.4f).calibrateHeight);
    CHECK_FALSE(visitor.takeRecenterRequest()); // 0.8 s
    visitor.read(input, lookingAhead(), 0.4f);
    CHECK(visitor.takeRecenterRequest());       // 1.2 s
    CHECK_FALSE(visitor.takeRecenterRequest()); // taken
    visitor.read(input, lookingAhead(), 2.0f);
    CHECK_FALSE(visitor.takeRecenterRequest()); // once per hold
    // Released and held again: another recentre.
    input.hands[1].menu = false;
    visitor.read(input, lookingAhead(), 0.1f);
    input.hands[0].menu = true;
    visitor.read(input, lookingAhead(), 1.0f);
    CHECK(visitor.takeRecenterRequest());
    // Without focus the buttons belong to someone else: the hold starts over.
    input.focused = false;
    visitor.read(input, lookingAhead(), 0.5f);
    input.focused = true;
    visitor.read(input, lookingAhead(), 0.6f);
    CHECK_FALSE(visitor.takeRecenterRequest());
}
