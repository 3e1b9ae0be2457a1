#include "GpuTest.h"

#include "gpu/FrameRing.h"

#include <catch2/catch.hpp>

using namespace xrs;

namespace {

// Counts its own destruction (moved-from instances don't count).
struct DestructionProbe {
    int* destroyed = nullptr;
    explicit DestructionProbe(int* counter) : destroyed(counter) {}
    DestructionProbe(DestructionProbe&& other) noexcept : destroyed(std::exchange(other.destroyed, nullptr)) {}
    DestructionProbe& operator=(DestructionProbe&&) = delete;
    ~DestructionProbe() {
        if (destroyed) ++*destroyed;
    }
};

} // namespace

TEST_CASE("retired objects die only after the frame that used them has finished", "[gpu][frames]") {
    XRS_GPU_TEST_CONTEXT(context);
    int destroyed = 0;
    {
        gpu::FrameRing frames(context);
        gpu::FrameContext& frame0 = frames.begin();
        CHECK(frame0.frameNumber == 0);
        frames.retire(DestructionProbe(&destroyed));
        frames.submit(frame0);
        CHECK(destroyed == 0);

        // Frame 1 uses the other slot: frame 0 may still be running, nothing is destroyed.
        gpu::FrameContext& frame1 = frames.begin();
        CHECK(frame1.slot != frame0.slot);
        CHECK(destroyed == 0);
        frames.retire(DestructionProbe(&destroyed));
        frames.submit(frame1);

        // Frame 2 reuses frame 0's slot: it waits for frame 0's fence, then destroys its objects.
        gpu::FrameContext& frame2 = frames.begin();
        CHECK(frame2.slot == frame0.slot);
        CHECK(destroyed == 1);
        frames.submit(frame2);

        frames.drain();
        CHECK(destroyed == 2);
        CHECK(frames.framesBegun() == 3);
    }
    CHECK(destroyed == 2);
    test::requireValidationClean(context);
}
