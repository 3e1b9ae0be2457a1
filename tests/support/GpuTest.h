#pragma once
// GPU test helpers. Every GPU test runs with the Khronos validation layer (synchronization
// validation included) and fails if it reported any error or warning.
#include "gpu/Context.h"

#include <memory>

namespace xrs::test {

// A validation-enabled context, or null when the machine has no Vulkan device at all (the
// reason is printed; the caller returns early). CI always has lavapipe.
std::unique_ptr<gpu::Context> makeGpuContext();

// REQUIREs that the validation layer reported nothing, printing the first messages if it did.
void requireValidationClean(gpu::Context& context);

// Goldens are pinned to one rasterizer (lavapipe; see tests/golden/README.md): other devices
// render the same scene slightly differently. False (with a printed reason) elsewhere.
bool isGoldenDevice(gpu::Context& context);

} // namespace xrs::test

// Declares `context` or ends the test case with a printed reason.
#define XRS_GPU_TEST_CONTEXT(context)                                                        \
    auto context##Owner = ::xrs::test::makeGpuContext();                                      \
    if (!context##Owner) return;                                                             \
    ::xrs::gpu::Context& context = *context##Owner
