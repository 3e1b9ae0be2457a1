#include "video/StreamProbe.h"
#include "video/FfmpegOwners.h"

#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
}

namespace xrs::video {
namespace {

// Bytes of the big-endian NAL length prefix in MP4 samples, or 0 for Annex B start codes.
int nalLengthSize(const AVCodecParameters& parameters) {
    const std::uint8_t* extra = parameters.extradata;
    const int size = parameters.extradata_size;
    if (!extra || size < 4) return 0;
    if (extra[0] == 0 && extra[1] == 0 && (extra[2] == 1 || (extra[2] == 0 && extra[3] == 1))) return 0;
    if (parameters.codec_id == AV_CODEC_ID_H264 && size >= 5) return (extra[4] & 3) + 1;   // avcC
    if (parameters.codec_id == AV_CODEC_ID_HEVC && size >= 22) return (extra[21] & 3) + 1; // hvcC
    return 0;
}

// NAL unit types of a packet's NALs, whether length-prefixed or Annex B.
std::vector<int> nalTypes(const AVPacket& packet, int lengthSize, bool hevc) {
    std::vector<int> types;
    const std::uint8_t* data = packet.data;
    const std::size_t size = static_cast<std::size_t>(packet.size);
    auto typeAt = [&](std::size_t offset) { return hevc ? (data[offset] >> 1) & 0x3f : data[offset] & 0x1f; };
    if (lengthSize > 0) {
        std::size_t offset = 0;
        while (offset + static_cast<std::size_t>(lengthSize) < size) {
            std::size_t nalSize = 0;
            for (int i = 0; i < lengthSize; ++i) nalSize = (nalSize << 8) | data[offset + static_cast<std::size_t>(i)];
            offset += static_cast<std::size_t>(lengthSize);
            if (nalSize == 0 || offset + nalSize > size) break;
            types.push_back(typeAt(offset));
            offset += nalSize;
        }
        return types;
    }
    for (std::size_t i = 0; i + 3 < size; ++i) {
        if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
            types.push_back(typeAt(i + 3));
            i += 2;
        }
    }
    return types;
}

bool startsWithIdr(const AVPacket& packet, const AVCodecParameters& parameters, int lengthSize) {
    switch (parameters.codec_id) {
    case AV_CODEC_ID_H264:
        for (int type : nalTypes(packet, lengthSize, false)) {
            if (type >= 1 && type <= 5) return type == 5;  // first VCL NAL decides
        }
        return false;
    case AV_CODEC_ID_HEVC:
        for (int type : nalTypes(packet, lengthSize, true)) {
            if (type <= 31) return type == 19 || type == 20;  // IDR_W_RADL, IDR_N_LP
        }
        return false;
    case AV_CODEC_ID_AV1:
        return true;  // a sync sample in AV1 is a key frame: nothing before it is referenced
    default:
        return false;
    }
}

} // namespace

Result<VideoStreamInfo> probeVideoStream(const std::filesystem::path& file) {
    // Probing opens decoders that announce themselves at info level; keep the console for our
    // own messages unless someone already chose a libav log level.
    if (av_log_get_level() == AV_LOG_INFO) av_log_set_level(AV_LOG_WARNING);
    const std::string name = file.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return fail(name, ": no such file");

    AVFormatContext* raw = nullptr;
    const std::string url = "file:" + name;  // never an FFmpeg protocol ("concat:", "http:")
    if (int code = avformat_open_input(&raw, url.c_str(), nullptr, nullptr); code < 0)
        return fail(name, ": not a video file (", ffmpeg::errorText(code), ")");
    std::unique_ptr<AVFormatContext, ffmpeg::InputCloser> format(raw);
    // Text files open as the "tty" (ANSI art) demuxer; that is not a video.
    if (format->iformat && std::string_view(format->iformat->name) == "tty")
        return fail(name, ": not a video file (text)");
    if (int code = avformat_find_stream_info(format.get(), nullptr); code < 0)
        return fail(name, ": not a video file (", ffmpeg::errorText(code), ")");
    const int streamIndex = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (streamIndex < 0) return fail(name, ": not a video file (no video stream)");
    const AVStream* stream = format->streams[streamIndex];
    const AVCodecParameters& parameters = *stream->codecpar;
    if (parameters.codec_id == AV_CODEC_ID_ANSI || parameters.width <= 0 || parameters.height <= 0)
        return fail(name, ": not a video file (no picture size)");

    VideoStreamInfo info;
    info.codec = avcodec_get_name(parameters.codec_id);
    info.width = parameters.width;
    info.height = parameters.height;
    AVRational rate = stream->avg_frame_rate.num > 0 ? stream->avg_frame_rate : stream->r_frame_rate;
    info.fpsNum = rate.num;
    info.fpsDen = rate.den > 0 ? rate.den : 1;
    info.timeBaseNum = stream->time_base.num;
    info.timeBaseDen = stream->time_base.den;

    const int lengthSize = nalLengthSize(parameters);
    std::unique_ptr<AVPacket, ffmpeg::PacketFreer> packet(av_packet_alloc());
    std::int64_t lastPts = AV_NOPTS_VALUE;
    while (true) {
        const int code = av_read_frame(format.get(), packet.get());
        if (code == AVERROR_EOF) break;
        if (code < 0) return fail(name, ": damaged after frame ", std::to_string(info.frameCount), " (", ffmpeg::errorText(code), ")");
        if (packet->stream_index == streamIndex) {
            if (packet->pts != AV_NOPTS_VALUE && lastPts != AV_NOPTS_VALUE && packet->pts < lastPts) info.hasBFrames = true;
            if (packet->pts != AV_NOPTS_VALUE) lastPts = packet->pts;
            if (packet->flags & AV_PKT_FLAG_KEY) {
                info.keyframes.push_back(Keyframe{info.frameCount, packet->pts, startsWithIdr(*packet, parameters, lengthSize)});
            }
            ++info.frameCount;
        }
        av_packet_unref(packet.get());
    }
    if (info.frameCount == 0) return fail(name, ": not a video file (no frames)");
    if (info.fpsNum <= 0) return fail(name, ": video has no frame rate");
    return info;
}

} // namespace xrs::video
