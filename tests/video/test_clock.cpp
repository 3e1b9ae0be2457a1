// The master video clock: frame indices, fixed steps, looping, pause and seek.
#include "video/VideoClock.h"

#include <catch2/catch.hpp>

using xrs::video::VideoClock;

TEST_CASE("fixed-step clock moves whole frames without drift, even at 30000/1001", "[video][clock]") {
    VideoClock clock(30000, 1001, 100000);
    clock.setFixedStep(1);
    for (int i = 0; i < 1001; ++i)
        clock.advance(123.0); // the wall time is ignored in fixed-step mode
    CHECK(clock.frameIndex() == 1001);
    CHECK(clock.seconds() == Approx(1001.0 * 1001.0 / 30000.0));
    CHECK(clock.frameSeconds(30) == Approx(30.0 * 1001.0 / 30000.0));
}

TEST_CASE("real-time clock maps seconds to frames", "[video][clock]") {
    VideoClock clock(30, 1, 300);
    clock.advance(0.5);
    CHECK(clock.frameIndex() == 15);
    clock.advance(1.0 / 60.0);
    CHECK(clock.frameIndex() == 15); // half a frame later: same frame
    clock.advance(1.0 / 60.0);
    CHECK(clock.frameIndex() == 16);
    CHECK(clock.durationSeconds() == Approx(10.0));
}

TEST_CASE("clock loops, or stops at the last frame", "[video][clock]") {
    VideoClock looping(30, 1, 10);
    looping.setFixedStep(4);
    looping.advance();
    looping.advance();
    CHECK(looping.frameIndex() == 8);
    CHECK(looping.discontinuities() == 0);
    looping.advance(); // 12 -> 2
    CHECK(looping.frameIndex() == 2);
    CHECK(looping.discontinuities() == 1);
    CHECK_FALSE(looping.ended());

    VideoClock once(30, 1, 10, false);
    once.setFixedStep(4);
    for (int i = 0; i < 5; ++i)
        once.advance();
    CHECK(once.frameIndex() == 9);
    CHECK(once.ended());
    once.seekFrame(3);
    CHECK_FALSE(once.ended());
    CHECK(once.frameIndex() == 3);
}

TEST_CASE("pause holds the frame, seek clamps and counts as a discontinuity", "[video][clock]") {
    VideoClock clock(60, 1, 600);
    clock.advance(1.0);
    CHECK(clock.frameIndex() == 60);
    clock.pause();
    clock.advance(5.0);
    CHECK(clock.frameIndex() == 60);
    clock.resume();
    clock.advance(0.5);
    CHECK(clock.frameIndex() == 90);

    clock.seekSeconds(2.0);
    CHECK(clock.frameIndex() == 120);
    CHECK(clock.discontinuities() == 1);
    clock.seekSeconds(99.0);
    CHECK(clock.frameIndex() == 599);
    clock.seekSeconds(-3.0);
    CHECK(clock.frameIndex() == 0);
}
