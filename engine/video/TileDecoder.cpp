#include "video/TileDecoder.h"
#include "video/FfmpegOwners.h"

#include "core/Assert.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>
#include <string>

namespace xrs::video {

namespace {

// Rows are padded so SIMD converters and Vulkan buffer copies see aligned rows.
constexpr int kRowAlignment = 32;

int alignUp(int value, int alignment) { return (value + alignment - 1) / alignment * alignment; }

struct ScalerFreer {
    void operator()(SwsContext* context) const { sws_freeContext(context); }
};

ColourMatrix matrixOf(AVColorSpace space) {
    switch (space) {
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M:
    case AVCOL_SPC_FCC:
        return ColourMatrix::Bt601;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL:
        return ColourMatrix::Bt2020;
    default:
        // Untagged streams: BT.709, what encoders assume for HD and larger content. Tiles are
        // small, so a size-based guess (601 below 720p) would be wrong for them.
        return ColourMatrix::Bt709;
    }
}

bool isFullRangeFormat(int format) {
    return format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P;
}

} // namespace

struct TileDecoder::Impl {
    std::filesystem::path file;
    std::unique_ptr<AVFormatContext, ffmpeg::InputCloser> format;
    std::unique_ptr<AVCodecContext, ffmpeg::CodecContextFreer> codec;
    std::unique_ptr<AVPacket, ffmpeg::PacketFreer> packet;
    std::unique_ptr<AVFrame, ffmpeg::FrameFreer> frame;
    std::unique_ptr<SwsContext, ScalerFreer> scaler;
    int scalerFormat = -1;
    int scalerRange = -1;
    int streamIndex = -1;
    AVRational timeBase{1, 1};
    AVRational frameRate{0, 1};
    std::int64_t startPts = 0;
    std::int64_t frameCount = 0;
    std::int64_t nextIndex = 0;
    bool draining = false;
    bool hasFrame = false; // `frame` holds the picture decodeNext() returned last
    std::int64_t currentIndex = -1;
    double currentSeconds = 0.0;

    Error failure(const std::string& cause) const { return fail(file.string(), ": ", cause); }

    std::int64_t indexOfPts(std::int64_t pts) const {
        const double seconds = static_cast<double>(pts - startPts) * av_q2d(timeBase);
        return static_cast<std::int64_t>(std::llround(seconds * av_q2d(frameRate)));
    }

    Status convert(const AVFrame& picture, DecodedFrame& out) {
        const bool fullRange = picture.color_range == AVCOL_RANGE_JPEG || isFullRangeFormat(picture.format);
        if (!scaler || scalerFormat != picture.format || scalerRange != (fullRange ? 1 : 0) ||
            out.width != picture.width || out.height != picture.height) {
            scaler.reset(sws_getContext(picture.width, picture.height, static_cast<AVPixelFormat>(picture.format),
                                        picture.width, picture.height, AV_PIX_FMT_NV12, SWS_POINT, nullptr, nullptr,
                                        nullptr));
            if (!scaler)
                return failure(std::string("cannot convert pixel format ") +
                               av_get_pix_fmt_name(static_cast<AVPixelFormat>(picture.format)) + " to NV12");
            // Keep the stream's range: the shader expands it, swscale must not.
            const int* coefficients = sws_getCoefficients(SWS_CS_DEFAULT);
            sws_setColorspaceDetails(scaler.get(), coefficients, fullRange ? 1 : 0, coefficients, fullRange ? 1 : 0, 0,
                                     1 << 16, 1 << 16);
            scalerFormat = picture.format;
            scalerRange = fullRange ? 1 : 0;
        }
        out.width = picture.width;
        out.height = picture.height;
        out.lumaStride = alignUp(picture.width, kRowAlignment);
        out.chromaStride = alignUp(2 * out.chromaWidth(), kRowAlignment);
        out.luma.resize(static_cast<std::size_t>(out.lumaStride) * static_cast<std::size_t>(out.height));
        out.chroma.resize(static_cast<std::size_t>(out.chromaStride) * static_cast<std::size_t>(out.chromaHeight()));
        std::uint8_t* planes[4] = {out.luma.data(), out.chroma.data(), nullptr, nullptr};
        const int strides[4] = {out.lumaStride, out.chromaStride, 0, 0};
        sws_scale(scaler.get(), picture.data, picture.linesize, 0, picture.height, planes, strides);
        out.matrix = matrixOf(picture.colorspace);
        out.range = fullRange ? ColourRange::Full : ColourRange::Limited;
        return {};
    }
};

TileDecoder::TileDecoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TileDecoder::TileDecoder(TileDecoder&&) noexcept = default;
TileDecoder& TileDecoder::operator=(TileDecoder&&) noexcept = default;
TileDecoder::~TileDecoder() = default;

Result<TileDecoder> TileDecoder::open(const std::filesystem::path& file, std::int64_t expectedFrameCount) {
    auto impl = std::make_unique<Impl>();
    impl->file = file;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return impl->failure("no such file");

    AVFormatContext* rawFormat = nullptr;
    if (const int code = avformat_open_input(&rawFormat, file.c_str(), nullptr, nullptr); code < 0)
        return impl->failure("cannot open as video (" + ffmpeg::errorText(code) + ")");
    impl->format.reset(rawFormat);
    if (const int code = avformat_find_stream_info(rawFormat, nullptr); code < 0)
        return impl->failure("cannot read stream info (" + ffmpeg::errorText(code) + ")");

    const AVCodec* decoder = nullptr;
    impl->streamIndex = av_find_best_stream(rawFormat, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (impl->streamIndex < 0 || !decoder)
        return impl->failure("no decodable video stream");
    const AVStream& stream = *rawFormat->streams[impl->streamIndex];

    impl->codec.reset(avcodec_alloc_context3(decoder));
    if (!impl->codec)
        return impl->failure("out of memory for the decoder");
    if (const int code = avcodec_parameters_to_context(impl->codec.get(), stream.codecpar); code < 0)
        return impl->failure("bad codec parameters (" + ffmpeg::errorText(code) + ")");
    // Parallelism comes from decoding many tiles at once; frame threads would add latency.
    impl->codec->thread_count = 1;
    if (const int code = avcodec_open2(impl->codec.get(), decoder, nullptr); code < 0)
        return impl->failure(std::string("cannot open ") + decoder->name + " decoder (" + ffmpeg::errorText(code) + ")");
    if (impl->codec->width <= 0 || impl->codec->height <= 0)
        return impl->failure("video stream has no picture size");

    impl->timeBase = stream.time_base;
    impl->frameRate = stream.avg_frame_rate.num > 0 ? stream.avg_frame_rate : stream.r_frame_rate;
    if (impl->frameRate.num <= 0 || impl->frameRate.den <= 0)
        return impl->failure("video stream has no frame rate");
    impl->startPts = stream.start_time != AV_NOPTS_VALUE ? stream.start_time : 0;
    impl->frameCount = expectedFrameCount > 0 ? expectedFrameCount : stream.nb_frames;
    impl->packet.reset(av_packet_alloc());
    impl->frame.reset(av_frame_alloc());
    if (!impl->packet || !impl->frame)
        return impl->failure("out of memory for the decoder");
    return TileDecoder(std::move(impl));
}

const std::filesystem::path& TileDecoder::file() const { return impl_->file; }
int TileDecoder::width() const { return impl_->codec->width; }
int TileDecoder::height() const { return impl_->codec->height; }
std::int64_t TileDecoder::frameCount() const { return impl_->frameCount; }
std::int64_t TileDecoder::nextFrameIndex() const { return impl_->nextIndex; }

Status TileDecoder::seekToKeyframeAtOrBefore(std::int64_t frameIndex) {
    XRS_EXPECT(frameIndex >= 0, "frame index must not be negative");
    Impl& d = *impl_;
    const double seconds = static_cast<double>(frameIndex) / av_q2d(d.frameRate);
    const std::int64_t target = d.startPts + std::llround(seconds / av_q2d(d.timeBase));
    if (const int code = av_seek_frame(d.format.get(), d.streamIndex, std::max(target, d.startPts), AVSEEK_FLAG_BACKWARD);
        code < 0)
        return d.failure("cannot seek to frame " + std::to_string(frameIndex) + " (" + ffmpeg::errorText(code) + ")");
    av_frame_unref(d.frame.get());
    d.hasFrame = false;
    avcodec_flush_buffers(d.codec.get());
    d.draining = false;
    d.nextIndex = -1;
    return {};
}

Result<DecodeStep> TileDecoder::decodeNext(std::int64_t skipUnreferencedBefore) {
    Impl& d = *impl_;
    av_frame_unref(d.frame.get());
    d.hasFrame = false;
    for (;;) {
        const int received = avcodec_receive_frame(d.codec.get(), d.frame.get());
        if (received == 0) {
            const std::int64_t pts = d.frame->best_effort_timestamp != AV_NOPTS_VALUE ? d.frame->best_effort_timestamp
                                                                                      : d.frame->pts;
            DecodeStep step;
            step.frameIndex = pts != AV_NOPTS_VALUE ? d.indexOfPts(pts) : d.nextIndex;
            step.pixels = std::int64_t{d.frame->width} * d.frame->height;
            d.nextIndex = step.frameIndex + 1;
            d.hasFrame = true;
            d.currentIndex = step.frameIndex;
            d.currentSeconds = pts != AV_NOPTS_VALUE ? static_cast<double>(pts - d.startPts) * av_q2d(d.timeBase)
                                                     : static_cast<double>(step.frameIndex) / av_q2d(d.frameRate);
            return step;
        }
        if (received == AVERROR_EOF) {
            if (d.frameCount > 0 && d.nextIndex >= 0 && d.nextIndex < d.frameCount)
                return d.failure("stream ends at frame " + std::to_string(d.nextIndex) + " of " +
                                 std::to_string(d.frameCount) + " (truncated or corrupt)");
            DecodeStep step;
            step.endOfStream = true;
            return step;
        }
        if (received != AVERROR(EAGAIN))
            return d.failure("decoding failed (" + ffmpeg::errorText(received) + ")");

        // The decoder wants input.
        const int read = av_read_frame(d.format.get(), d.packet.get());
        if (read == AVERROR_EOF) {
            if (d.draining)
                continue; // receive_frame will report EOF
            d.draining = true;
            avcodec_send_packet(d.codec.get(), nullptr);
            continue;
        }
        if (read < 0)
            return d.failure("cannot read packet (" + ffmpeg::errorText(read) + ")");
        if (d.packet->stream_index != d.streamIndex) {
            av_packet_unref(d.packet.get());
            continue;
        }
        // A damaged stream fails at its first bad packet: concealment would show a smeared
        // tile, while failing shows the clean base layer (and says which file is damaged).
        const bool flaggedCorrupt = (d.packet->flags & AV_PKT_FLAG_CORRUPT) != 0;
        // Read by the decoder while it decodes this packet (send_packet, or the next
        // receive_frame when a frame is still pending; no other packet is sent in between).
        const bool beforeTarget = d.packet->pts != AV_NOPTS_VALUE && d.indexOfPts(d.packet->pts) < skipUnreferencedBefore;
        d.codec->skip_frame = beforeTarget ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
        if (flaggedCorrupt && d.format->pb && avio_feof(d.format->pb))
            return d.failure("file ends inside frame " + std::to_string(std::max<std::int64_t>(d.nextIndex, 0)) +
                             " (truncated)");
        const int sent = flaggedCorrupt ? AVERROR_INVALIDDATA : avcodec_send_packet(d.codec.get(), d.packet.get());
        av_packet_unref(d.packet.get());
        if (sent < 0 && sent != AVERROR(EAGAIN))
            return d.failure((d.nextIndex > 0 ? "corrupt data after frame " + std::to_string(d.nextIndex - 1)
                                              : std::string("corrupt data")) +
                             " (" + ffmpeg::errorText(sent) + ")");
    }
}

Status TileDecoder::copyCurrentFrame(DecodedFrame& output) {
    Impl& d = *impl_;
    XRS_EXPECT(d.hasFrame, "copyCurrentFrame needs a frame from decodeNext()");
    if (Status converted = d.convert(*d.frame, output); !converted)
        return converted;
    output.frameIndex = d.currentIndex;
    output.ptsSeconds = d.currentSeconds;
    return {};
}

} // namespace xrs::video
