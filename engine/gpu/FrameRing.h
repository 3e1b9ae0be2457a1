#pragma once
// Frames in flight. Each of the kFramesInFlight slots owns a command pool and buffer, a fence,
// a pair of timestamp queries and a deferred-deletion list. begin() waits only for the slot's
// previous use (kFramesInFlight frames ago), so the CPU records frame N+1 while the GPU still
// runs frame N; objects retired during a frame are destroyed when that frame's fence signals.
#include "gpu/Context.h"

#include <memory>
#include <vector>

namespace xrs::gpu {

// One constant drives everything that cycles per frame (uniform rings, ImGui buffers, ...).
inline constexpr std::uint32_t kFramesInFlight = 2;

struct FrameContext {
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    std::uint32_t slot = 0;          // 0 .. kFramesInFlight-1
    std::uint64_t frameNumber = 0;   // monotonically increasing
};

// What a submit waits on and signals besides the slot's fence (swapchain semaphores, ...).
struct SubmitSync {
    std::vector<VkSemaphoreSubmitInfo> wait;
    std::vector<VkSemaphoreSubmitInfo> signal;
};

class FrameRing {
public:
    explicit FrameRing(Context& context);
    ~FrameRing();
    FrameRing(const FrameRing&) = delete;
    FrameRing& operator=(const FrameRing&) = delete;

    // Waits for this slot's previous submission, destroys what it retired, resets the command
    // buffer and begins recording (a GPU timestamp is written first).
    FrameContext& begin();
    // Ends recording and submits; the slot's fence signals when the GPU is done.
    void submit(FrameContext& frame, const SubmitSync& sync = {});

    // Destroy `object` once every frame submitted so far has finished on the GPU.
    template <class T>
    void retire(T&& object) {
        slots_[currentSlot_].retired.push_back(
            std::make_unique<Retired<std::decay_t<T>>>(std::forward<T>(object)));
    }

    // Waits for all slots and destroys everything retired (shutdown, resize).
    void drain();

    // GPU time of the most recently completed frame, in milliseconds (0 if unsupported).
    double lastGpuMilliseconds() const { return lastGpuMs_; }
    std::uint64_t framesBegun() const { return frameNumber_; }

private:
    struct RetiredBase {
        virtual ~RetiredBase() = default;
    };
    template <class T>
    struct Retired final : RetiredBase {
        explicit Retired(T&& o) : object(std::move(o)) {}
        T object;
    };
    struct Slot {
        VkCommandPool pool = VK_NULL_HANDLE;
        FrameContext frame;
        VkFence fence = VK_NULL_HANDLE;
        bool submitted = false;
        std::vector<std::unique_ptr<RetiredBase>> retired;
    };

    void waitForSlot(Slot& slot, std::uint32_t index);

    Context& context_;
    Slot slots_[kFramesInFlight];
    VkQueryPool timestamps_ = VK_NULL_HANDLE;
    std::uint32_t currentSlot_ = 0;
    std::uint64_t frameNumber_ = 0;
    double lastGpuMs_ = 0.0;
};

} // namespace xrs::gpu
