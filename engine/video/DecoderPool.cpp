#include "video/DecoderPool.h"

#include "core/Assert.h"
#include "core/Log.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <utility>

namespace xrs::video {

namespace {

enum class SlotState { Empty, Writing, Ready };

// Without a known GOP length, a target this many frames ahead is reached faster by seeking
// to its keyframe than by decoding everything in between.
constexpr std::int64_t kSeekDistanceWithoutGop = 60;

// Below this much worker time a throughput sample is mostly timer noise.
constexpr double kMinSampleSeconds = 0.001;

// Frames from `target` forward to `frame` in display order; negative when `frame` lies behind
// it. In a looping clip frame 0 follows the last, so a frame just past the wrap, at most
// `window` frames on, counts as ahead.
std::int64_t leadOver(std::int64_t frame, std::int64_t target, std::int64_t window, std::int64_t frameCount, bool loop) {
    const std::int64_t lead = frame - target;
    return loop && lead < 0 && lead + frameCount <= window ? lead + frameCount : lead;
}

} // namespace

struct DecoderPool::Stream {
    struct Slot {
        DecodedFrame frame;
        SlotState state = SlotState::Empty;
        int leases = 0;
    };

    StreamId id;
    std::filesystem::path file;
    std::optional<TileDecoder> decoder; // used only by the worker that set `busy`
    std::vector<Slot> slots;
    std::atomic<std::int64_t> target{0}; // read by the decoding worker without the lock
    int priority = 0;
    bool wanted = false;
    int idleSubmits = 0;
    bool busy = false;
    bool opened = false;
    bool failed = false;
    bool atEnd = false;
    std::int64_t nextIndex = 0; // index the decoder returns next; -1 after a seek until known
    std::int64_t lastSeekTarget = -1;
    std::string error;
};

struct DecoderPool::State {
    std::filesystem::path packageDirectory;
    Manifest manifest;
    Config config;
    int workerCount = 0;
    // Config::loop, where the wrap is unambiguous: a frame a few frames past the end must not
    // be mistaken for one a catch-up from a keyframe leaves behind (clips longer than a GOP
    // and the ring; a shorter looping clip seeks back at its end).
    bool loopAhead = false;

    mutable std::mutex mutex;
    std::condition_variable workAvailable;
    std::condition_variable frameReady;
    std::map<StreamId, std::shared_ptr<Stream>> streams;
    bool stopping = false;
    DecoderPoolStats totals;
    std::uint64_t sampledPixels = 0;
    double sampledBusySeconds = 0.0;

    // --- helpers; all expect `mutex` held (or read only immutable state and atomics) ---

    std::int64_t ringSize(const Stream& s) const { return static_cast<std::int64_t>(s.slots.size()); }
    // How far a decoded frame lies ahead of the target: 0 .. ring size - 1 while it is in the
    // ring's window (kept), negative or beyond when it is stale.
    std::int64_t frameLead(const Stream& s, std::int64_t frame, std::int64_t target) const {
        return leadOver(frame, target, ringSize(s) - 1, manifest.frameCount, loopAhead);
    }
    // How far the decoder's next frame lies ahead of the target: negative while it catches up,
    // up to the ring size while it decodes ahead (after a wrap too).
    std::int64_t decoderLead(const Stream& s, std::int64_t next, std::int64_t target) const {
        return leadOver(next, target, ringSize(s), manifest.frameCount, loopAhead);
    }

    static int findReady(const Stream& s, std::int64_t first, std::int64_t last) {
        int best = -1;
        for (int i = 0; i < static_cast<int>(s.slots.size()); ++i) {
            const Stream::Slot& slot = s.slots[i];
            if (slot.state == SlotState::Ready && slot.frame.frameIndex >= first && slot.frame.frameIndex <= last &&
                (best < 0 || slot.frame.frameIndex > s.slots[best].frame.frameIndex))
                best = i;
        }
        return best;
    }

    // A slot the next decoded frame may overwrite: empty, or holding a frame the consumer has
    // moved past (or, after a backward jump, one too far ahead to matter), and not leased.
    int reservableSlot(const Stream& s) const {
        const std::int64_t target = s.target.load();
        // A decoder that must seek back decodes every frame from the keyframe again, so frames
        // kept for later are worth nothing (a clip as short as the ring would otherwise fill it
        // with frames "needed soon" and never get a slot to seek into).
        const bool seekingBack = s.opened && s.nextIndex >= 0 && decoderLead(s, s.nextIndex, target) > 0 && needsSeek(s);
        int best = -1;
        for (int i = 0; i < static_cast<int>(s.slots.size()); ++i) {
            const Stream::Slot& slot = s.slots[i];
            if (slot.state == SlotState::Empty)
                return i;
            if (slot.state != SlotState::Ready || slot.leases > 0)
                continue; // being written (read no further: a worker owns it) or shown
            const std::int64_t lead = frameLead(s, slot.frame.frameIndex, target);
            const bool stale = seekingBack || lead < 0 || lead > ringSize(s);
            if (stale && (best < 0 || slot.frame.frameIndex < s.slots[best].frame.frameIndex))
                best = i;
        }
        return best;
    }

    bool needsSeek(const Stream& s) const {
        const std::int64_t target = s.target.load();
        if (s.nextIndex < 0)
            return false; // catching up from a keyframe already
        // Past the target (a seek back, a loop) without it. Once per target: a stream that
        // lacks that frame must not seek forever.
        if (decoderLead(s, s.nextIndex, target) > 0)
            return findReady(s, target, target) < 0 && s.lastSeekTarget != target;
        const int gop = manifest.gopFrames;
        if (gop > 0)
            return target / gop * gop > s.nextIndex; // the target's keyframe is ahead of us
        return target - s.nextIndex > kSeekDistanceWithoutGop;
    }

    int bufferedAhead(const Stream& s) const {
        const std::int64_t target = s.target.load();
        int count = 0;
        for (const Stream::Slot& slot : s.slots)
            count += slot.state == SlotState::Ready && frameLead(s, slot.frame.frameIndex, target) >= 0 ? 1 : 0;
        return count;
    }

    bool hasWork(const Stream& s) const {
        if (!s.wanted || s.busy || s.failed || reservableSlot(s) < 0)
            return false;
        if (!s.opened || needsSeek(s))
            return true;
        const std::int64_t lookahead = ringSize(s) - 1;
        const std::int64_t target = s.target.load();
        if (s.atEnd) { // nothing past the end; looping, frame 0 comes next (else a target before it seeks)
            const std::int64_t firstFrameLead = frameLead(s, 0, target);
            return loopAhead && firstFrameLead >= 0 && firstFrameLead <= lookahead;
        }
        return s.nextIndex < 0 || decoderLead(s, s.nextIndex, target) <= lookahead;
    }

    std::shared_ptr<Stream> pickWork() const {
        std::shared_ptr<Stream> best;
        int bestBuffered = 0;
        for (const auto& [id, stream] : streams) {
            if (!hasWork(*stream))
                continue;
            const int buffered = bufferedAhead(*stream);
            if (!best || buffered < bestBuffered || (buffered == bestBuffered && stream->priority < best->priority)) {
                best = stream;
                bestBuffered = buffered;
            }
        }
        return best;
    }

    std::filesystem::path fileOf(StreamId id) const {
        if (id.level == StreamId::kBaseLevel) {
            XRS_EXPECT(id.tile == 0, "the base layer is stream tile 0");
            return packageDirectory / manifest.base.path;
        }
        XRS_EXPECT(id.level >= 0 && id.level < static_cast<int>(manifest.levels.size()), "level outside the manifest");
        const Level& level = manifest.levels[static_cast<std::size_t>(id.level)];
        XRS_EXPECT(id.tile >= 0 && id.tile < static_cast<int>(level.tiles.size()), "tile outside the level");
        return packageDirectory / level.tiles[static_cast<std::size_t>(id.tile)].path;
    }
};

// ---------------------------------------------------------------------------------------------
// FrameLease

DecoderPool::FrameLease::FrameLease(std::shared_ptr<State> state, std::shared_ptr<Stream> stream, int slot)
    : state_(std::move(state)), stream_(std::move(stream)), slot_(slot) {}

DecoderPool::FrameLease::FrameLease(FrameLease&& other) noexcept
    : state_(std::move(other.state_)), stream_(std::move(other.stream_)), slot_(std::exchange(other.slot_, -1)) {}

DecoderPool::FrameLease& DecoderPool::FrameLease::operator=(FrameLease&& other) noexcept {
    if (this != &other) {
        release();
        state_ = std::move(other.state_);
        stream_ = std::move(other.stream_);
        slot_ = std::exchange(other.slot_, -1);
    }
    return *this;
}

DecoderPool::FrameLease::~FrameLease() { release(); }

void DecoderPool::FrameLease::release() {
    if (slot_ < 0 || !state_)
        return;
    {
        const std::lock_guard lock(state_->mutex);
        --stream_->slots[static_cast<std::size_t>(slot_)].leases;
    }
    state_->workAvailable.notify_one(); // the slot may be reusable now
    slot_ = -1;
    stream_.reset();
    state_.reset();
}

const DecodedFrame& DecoderPool::FrameLease::frame() const {
    XRS_EXPECT(slot_ >= 0, "lease was moved from");
    return stream_->slots[static_cast<std::size_t>(slot_)].frame;
}

StreamId DecoderPool::FrameLease::stream() const {
    XRS_EXPECT(slot_ >= 0, "lease was moved from");
    return stream_->id;
}

// ---------------------------------------------------------------------------------------------
// DecoderPool

DecoderPool::DecoderPool(std::filesystem::path packageDirectory, Manifest manifest)
    : DecoderPool(std::move(packageDirectory), std::move(manifest), Config{}) {}

DecoderPool::DecoderPool(std::filesystem::path packageDirectory, Manifest manifest, Config config)
    : state_(std::make_shared<State>()) {
    XRS_EXPECT(config.framesPerStream >= 2, "a stream needs two frames: one shown, one being decoded");
    XRS_EXPECT(config.workerCount >= 0 && config.idleSubmitsBeforeClose >= 0, "negative pool configuration");
    state_->packageDirectory = std::move(packageDirectory);
    state_->manifest = std::move(manifest);
    state_->config = config;
    const std::int64_t gop = state_->manifest.gopFrames;
    const std::int64_t longestCatchUp = gop > 0 ? gop : kSeekDistanceWithoutGop;
    state_->loopAhead = config.loop && state_->manifest.frameCount > longestCatchUp + config.framesPerStream + 1;
    const int workers = config.workerCount > 0 ? config.workerCount
                                               : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    state_->workerCount = workers;
    state_->totals.workerCount = workers;
    workers_.reserve(static_cast<std::size_t>(workers));
    for (int i = 0; i < workers; ++i)
        workers_.emplace_back([this] { workerLoop(); });
}

DecoderPool::~DecoderPool() {
    {
        const std::lock_guard lock(state_->mutex);
        state_->stopping = true;
    }
    state_->workAvailable.notify_all();
    state_->frameReady.notify_all();
    for (std::thread& worker : workers_)
        worker.join();
}

void DecoderPool::submit(std::span<const StreamRequest> wanted) {
    State& st = *state_;
    {
        const std::lock_guard lock(st.mutex);
        for (auto& [id, stream] : st.streams)
            stream->wanted = false;
        int priority = 0;
        for (const StreamRequest& request : wanted) {
            XRS_EXPECT(request.frameIndex >= 0, "frame index must not be negative");
            std::shared_ptr<Stream>& stream = st.streams[request.stream];
            if (!stream) {
                stream = std::make_shared<Stream>();
                stream->id = request.stream;
                stream->file = st.fileOf(request.stream);
                stream->slots.resize(static_cast<std::size_t>(st.config.framesPerStream));
            }
            const std::int64_t last = st.manifest.frameCount > 0 ? st.manifest.frameCount - 1 : request.frameIndex;
            const std::int64_t target = std::min(request.frameIndex, last);
            if (stream->target.exchange(target) != target)
                stream->lastSeekTarget = -1;
            stream->wanted = true;
            stream->idleSubmits = 0;
            stream->priority = priority++;
        }
        // Free decoders nobody wanted for a while. Failed streams stay (small once their
        // decoder is gone) so the failure is reported, not retried and logged again.
        for (auto it = st.streams.begin(); it != st.streams.end();) {
            Stream& stream = *it->second;
            const bool leased = std::any_of(stream.slots.begin(), stream.slots.end(),
                                            [](const Stream::Slot& slot) { return slot.leases > 0; });
            if (!stream.wanted && !stream.failed && ++stream.idleSubmits > st.config.idleSubmitsBeforeClose &&
                !stream.busy && !leased)
                it = st.streams.erase(it);
            else
                ++it;
        }
    }
    st.workAvailable.notify_all();
}

std::optional<DecoderPool::FrameLease> DecoderPool::tryAcquire(StreamId stream, std::int64_t frameIndex,
                                                               std::int64_t maxAgeFrames) {
    XRS_EXPECT(maxAgeFrames >= 0, "maxAgeFrames must not be negative");
    const std::lock_guard lock(state_->mutex);
    const auto it = state_->streams.find(stream);
    if (it == state_->streams.end() || it->second->failed)
        return std::nullopt;
    const int slot = State::findReady(*it->second, frameIndex - maxAgeFrames, frameIndex);
    if (slot < 0)
        return std::nullopt;
    ++it->second->slots[static_cast<std::size_t>(slot)].leases;
    return FrameLease(state_, it->second, slot);
}

bool DecoderPool::useFrame(StreamId stream, std::int64_t frameIndex,
                           const std::function<void(const DecodedFrame&)>& use) {
    auto lease = tryAcquire(stream, frameIndex);
    if (!lease) return false;
    use(lease->frame());
    return true;
}

bool DecoderPool::waitFor(StreamId stream, std::int64_t frameIndex, std::chrono::milliseconds timeout) {
    std::unique_lock lock(state_->mutex);
    bool ready = false;
    state_->frameReady.wait_for(lock, timeout, [&] {
        const auto it = state_->streams.find(stream);
        if (state_->stopping || it == state_->streams.end() || it->second->failed)
            return true;
        ready = State::findReady(*it->second, frameIndex, frameIndex) >= 0;
        return ready;
    });
    return ready;
}

StreamStatus DecoderPool::status(StreamId stream) const {
    const std::lock_guard lock(state_->mutex);
    const auto it = state_->streams.find(stream);
    if (it == state_->streams.end())
        return {};
    const Stream& s = *it->second;
    if (s.failed)
        return {StreamState::Failed, s.error};
    return {s.opened ? StreamState::Decoding : StreamState::Opening, {}};
}

std::filesystem::path DecoderPool::streamFile(StreamId stream) const { return state_->fileOf(stream); }

DecoderPoolStats DecoderPool::stats() const {
    const std::lock_guard lock(state_->mutex);
    DecoderPoolStats stats = state_->totals;
    stats.openStreams = 0;
    stats.failedStreams = 0;
    for (const auto& [id, stream] : state_->streams) {
        stats.openStreams += stream->decoder ? 1 : 0;
        stats.failedStreams += stream->failed ? 1 : 0;
    }
    return stats;
}

std::optional<DecoderPool::ThroughputSample> DecoderPool::takeThroughputSample() {
    const std::lock_guard lock(state_->mutex);
    State& st = *state_;
    const auto sample = throughputSample(st.totals.busySeconds - st.sampledBusySeconds,
                                         st.totals.pixelsDecoded - st.sampledPixels, st.workerCount);
    if (sample) {
        st.sampledBusySeconds = st.totals.busySeconds;
        st.sampledPixels = st.totals.pixelsDecoded;
    }
    return sample;
}

std::optional<DecoderPool::ThroughputSample> DecoderPool::throughputSample(double busySeconds, std::uint64_t pixels,
                                                                          int workers) {
    if (busySeconds < kMinSampleSeconds || pixels == 0)
        return std::nullopt;
    return ThroughputSample{static_cast<double>(pixels) / busySeconds * workers, busySeconds / workers};
}

void DecoderPool::workerLoop() {
    State& st = *state_;
    std::unique_lock lock(st.mutex);
    while (!st.stopping) {
        const std::shared_ptr<Stream> stream = st.pickWork();
        if (!stream) {
            st.workAvailable.wait(lock);
            continue;
        }
        // Claim the stream and a slot, then decode without the lock.
        Stream& s = *stream;
        s.busy = true;
        const int slotIndex = st.reservableSlot(s);
        Stream::Slot& slot = s.slots[static_cast<std::size_t>(slotIndex)];
        slot.state = SlotState::Writing;
        const bool mustOpen = !s.opened;
        bool mustSeek = s.opened && st.needsSeek(s);
        // A looping clip's stream at its end starts again at frame 0 (a keyframe), ahead of
        // the target.
        const bool mustWrap = s.opened && !mustSeek && s.atEnd && st.loopAhead;
        const std::int64_t expectedFrames = st.manifest.frameCount;
        const int gop = st.manifest.gopFrames;
        lock.unlock();

        const auto started = std::chrono::steady_clock::now();
        std::optional<Error> failure;
        bool delivered = false;
        bool ended = false;
        std::uint64_t pixels = 0;
        std::uint64_t dropped = 0;
        if (mustOpen) {
            Result<TileDecoder> opened = TileDecoder::open(s.file, expectedFrames);
            if (opened) {
                s.decoder.emplace(std::move(opened).value());
                mustSeek = s.target.load() > 0;
            } else {
                failure = opened.error();
            }
        }
        std::int64_t seekTarget = -1;
        if (!failure && mustSeek) {
            seekTarget = s.target.load();
            if (Status sought = s.decoder->seekToKeyframeAtOrBefore(seekTarget); !sought)
                failure = sought.error();
        }
        if (!failure && mustWrap) {
            if (Status sought = s.decoder->seekToKeyframeAtOrBefore(0); !sought)
                failure = sought.error();
        }
        while (!failure && !delivered && !ended) {
            // Catching up (the decoder behind the target, or just sought to the target's
            // keyframe), frames before the target that nothing references are skipped.
            const std::int64_t next = s.decoder->nextFrameIndex();
            const std::int64_t wantedFirst = s.target.load();
            const bool catchingUp = !mustWrap && (next < 0 || st.decoderLead(s, next, wantedFirst) < 0);
            Result<DecodeStep> step = s.decoder->decodeNext(catchingUp ? wantedFirst : -1);
            if (!step) {
                failure = step.error();
                break;
            }
            if (step->endOfStream) {
                ended = true;
                break;
            }
            pixels += static_cast<std::uint64_t>(step->pixels);
            const std::int64_t target = s.target.load();
            if (st.frameLead(s, step->frameIndex, target) < 0) {
                ++dropped; // catch-up: decoded for its references, never shown
                // The consumer may have jumped ahead past the next keyframe meanwhile.
                if (gop > 0 && target / gop * gop > step->frameIndex + 1)
                    break;
                continue;
            }
            if (Status copied = s.decoder->copyCurrentFrame(slot.frame); !copied)
                failure = copied.error();
            else
                delivered = true;
        }
        const double busySeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

        lock.lock();
        s.busy = false;
        s.opened = s.opened || mustOpen;
        st.totals.pixelsDecoded += pixels;
        st.totals.framesDropped += dropped;
        st.totals.busySeconds += busySeconds;
        if (failure) {
            slot.state = SlotState::Empty;
            s.failed = true;
            s.error = failure->message;
            s.decoder.reset();
            for (Stream::Slot& held : s.slots)
                if (held.leases == 0)
                    held = Stream::Slot{}; // frees the buffers; the base layer shows from now on
            XRS_LOG_ERROR("video: tile stream failed, showing the base layer instead: {}", s.error);
        } else {
            s.nextIndex = s.decoder->nextFrameIndex();
            s.lastSeekTarget = seekTarget >= 0 ? seekTarget : s.lastSeekTarget;
            s.atEnd = ended;
            slot.state = delivered ? SlotState::Ready : SlotState::Empty;
            if (delivered) {
                // After a seek back the same frame may still sit in another slot: keep one.
                for (Stream::Slot& other : s.slots)
                    if (&other != &slot && other.state == SlotState::Ready && other.leases == 0 &&
                        other.frame.frameIndex == slot.frame.frameIndex)
                        other.state = SlotState::Empty;
            }
            st.totals.framesDelivered += delivered ? 1 : 0;
        }
        if (delivered || failure)
            st.frameReady.notify_all();
    }
}

} // namespace xrs::video
