#include "video/TestVideoGenerator.h"
#include "video/FfmpegOwners.h"

#include <cmath>
#include <memory>

#include "video/TestPatternPainter.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/opt.h>
}

namespace xrs::video {
namespace {

// Closes the file (if open) and frees the muxer.
struct OutputContextCloser {
    void operator()(AVFormatContext* context) const {
        if (context->pb && !(context->oformat->flags & AVFMT_NOFILE)) avio_closep(&context->pb);
        avformat_free_context(context);
    }
};

// Moves every packet the encoder has ready into the file.
int drainEncoder(AVCodecContext& encoder, AVFormatContext& muxer, AVStream& stream, AVPacket& packet) {
    while (true) {
        int code = avcodec_receive_packet(&encoder, &packet);
        if (code == AVERROR(EAGAIN) || code == AVERROR_EOF) return 0;
        if (code < 0) return code;
        av_packet_rescale_ts(&packet, encoder.time_base, stream.time_base);
        packet.stream_index = stream.index;
        code = av_interleaved_write_frame(&muxer, &packet);
        if (code < 0) return code;
    }
}

} // namespace

Status generateTestVideo(const TestVideoOptions& options,
                         const std::function<void(std::int64_t, std::int64_t)>& onProgress) {
    const std::string name = options.output.string();
    const bool stereoTall = options.layout == StereoLayout::TopBottom;
    const bool stereoWide = options.layout == StereoLayout::SideBySide;
    if (options.width < 64 || options.height < 32 || options.width % (stereoWide ? 4 : 2) != 0 ||
        options.height % (stereoTall ? 4 : 2) != 0)
        return fail(name, ": size ", std::to_string(options.width), "x", std::to_string(options.height),
                    " must be at least 64x32 with even eyes");
    if (options.fpsNum <= 0 || options.fpsDen <= 0) return fail(name, ": frame rate must be positive");
    if (!(options.seconds > 0.0)) return fail(name, ": duration must be positive");
    const char* encoderName = options.codec == "hevc" ? "libx265" : options.codec == "h264" ? "libx264" : nullptr;
    if (!encoderName) return fail(name, ": unsupported codec \"", options.codec, "\" (hevc or h264)");
    const std::int64_t frameCount =
        std::max<std::int64_t>(1, std::llround(options.seconds * options.fpsNum / options.fpsDen));
    const int gop = options.gopFrames > 0 ? options.gopFrames
                                          : std::max(1, static_cast<int>(std::lround(static_cast<double>(options.fpsNum) / options.fpsDen)));

    // x264/x265 report their settings at info level through av_log; keep the console for our
    // progress unless someone already chose a log level.
    if (av_log_get_level() == AV_LOG_INFO) av_log_set_level(AV_LOG_WARNING);

    AVFormatContext* rawMuxer = nullptr;
    if (int code = avformat_alloc_output_context2(&rawMuxer, nullptr, nullptr, name.c_str()); code < 0 || !rawMuxer)
        return fail(name, ": cannot choose a container from the file name (", ffmpeg::errorText(code), ")");
    std::unique_ptr<AVFormatContext, OutputContextCloser> muxer(rawMuxer);

    const AVCodec* codec = avcodec_find_encoder_by_name(encoderName);
    if (!codec) return fail(name, ": this FFmpeg has no ", encoderName, " encoder");
    std::unique_ptr<AVCodecContext, ffmpeg::CodecContextFreer> encoder(avcodec_alloc_context3(codec));
    encoder->width = options.width;
    encoder->height = options.height;
    encoder->pix_fmt = AV_PIX_FMT_YUV420P;
    encoder->time_base = AVRational{options.fpsDen, options.fpsNum};
    encoder->framerate = AVRational{options.fpsNum, options.fpsDen};
    encoder->gop_size = gop;
    encoder->keyint_min = gop;
    encoder->max_b_frames = 0;
    encoder->color_primaries = AVCOL_PRI_BT709;
    encoder->color_trc = AVCOL_TRC_BT709;
    encoder->colorspace = AVCOL_SPC_BT709;
    encoder->color_range = AVCOL_RANGE_MPEG;
    if (muxer->oformat->flags & AVFMT_GLOBALHEADER) encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;

    AVDictionary* settings = nullptr;
    av_dict_set(&settings, "preset", options.preset.c_str(), 0);
    if (options.crf > 0) av_dict_set(&settings, "crf", std::to_string(options.crf).c_str(), 0);
    const std::string g = std::to_string(gop);
    if (options.codec == "hevc") {
        av_dict_set(&settings, "x265-params",
                    ("keyint=" + g + ":min-keyint=" + g + ":scenecut=0:open-gop=0:bframes=0:log-level=error").c_str(), 0);
    } else {
        // cpu-independent: x264's float SIMD paths (mbtree) differ by CPU; content must not.
        av_dict_set(&settings, "x264-params",
                    ("keyint=" + g + ":min-keyint=" + g + ":scenecut=0:bframes=0:cpu-independent=1").c_str(), 0);
    }
    const int openCode = avcodec_open2(encoder.get(), codec, &settings);
    av_dict_free(&settings);
    if (openCode < 0) return fail(name, ": cannot open the ", encoderName, " encoder (", ffmpeg::errorText(openCode), ")");

    AVStream* stream = avformat_new_stream(muxer.get(), nullptr);
    if (!stream) return fail(name, ": cannot add a video stream");
    if (int code = avcodec_parameters_from_context(stream->codecpar, encoder.get()); code < 0)
        return fail(name, ": ", ffmpeg::errorText(code));
    stream->time_base = encoder->time_base;
    stream->avg_frame_rate = encoder->framerate;
    // Players (and Apple's) expect 'hvc1' (parameter sets in the sample description) for HEVC in MP4.
    const std::string_view containerName = muxer->oformat->name;
    if (options.codec == "hevc" && (containerName.find("mp4") != std::string_view::npos || containerName.find("mov") != std::string_view::npos))
        stream->codecpar->codec_tag = MKTAG('h', 'v', 'c', '1');

    if (!(muxer->oformat->flags & AVFMT_NOFILE)) {
        const std::string url = "file:" + name;  // never an FFmpeg protocol
        if (int code = avio_open(&muxer->pb, url.c_str(), AVIO_FLAG_WRITE); code < 0)
            return fail(name, ": cannot create (", ffmpeg::errorText(code), ")");
    }
    if (int code = avformat_write_header(muxer.get(), nullptr); code < 0)
        return fail(name, ": cannot write the header (", ffmpeg::errorText(code), ")");

    std::unique_ptr<AVFrame, ffmpeg::FrameFreer> frame(av_frame_alloc());
    frame->width = options.width;
    frame->height = options.height;
    frame->format = AV_PIX_FMT_YUV420P;
    frame->color_primaries = AVCOL_PRI_BT709;
    frame->color_trc = AVCOL_TRC_BT709;
    frame->colorspace = AVCOL_SPC_BT709;
    frame->color_range = AVCOL_RANGE_MPEG;
    if (int code = av_frame_get_buffer(frame.get(), 0); code < 0) return fail(name, ": out of memory for a frame (", ffmpeg::errorText(code), ")");
    std::unique_ptr<AVPacket, ffmpeg::PacketFreer> packet(av_packet_alloc());

    const TestPatternPainter painter(TestPatternSpec{options.width, options.height, options.layout, options.projection});
    for (std::int64_t index = 0; index < frameCount; ++index) {
        // The encoder may still hold references to the previous buffer.
        if (int code = av_frame_make_writable(frame.get()); code < 0) return fail(name, ": ", ffmpeg::errorText(code));
        painter.paint(index, PlaneView{frame->data[0], frame->linesize[0], options.width, options.height},
                      PlaneView{frame->data[1], frame->linesize[1], options.width / 2, options.height / 2},
                      PlaneView{frame->data[2], frame->linesize[2], options.width / 2, options.height / 2});
        frame->pts = index;
        if (int code = avcodec_send_frame(encoder.get(), frame.get()); code < 0)
            return fail(name, ": encoding frame ", std::to_string(index), " failed (", ffmpeg::errorText(code), ")");
        if (int code = drainEncoder(*encoder, *muxer, *stream, *packet); code < 0)
            return fail(name, ": writing frame ", std::to_string(index), " failed (", ffmpeg::errorText(code), ")");
        if (onProgress) onProgress(index + 1, frameCount);
    }
    if (int code = avcodec_send_frame(encoder.get(), nullptr); code < 0) return fail(name, ": ", ffmpeg::errorText(code));
    if (int code = drainEncoder(*encoder, *muxer, *stream, *packet); code < 0)
        return fail(name, ": finishing the stream failed (", ffmpeg::errorText(code), ")");
    if (int code = av_write_trailer(muxer.get()); code < 0) return fail(name, ": cannot finish the file (", ffmpeg::errorText(code), ")");
    return {};
}

} // namespace xrs::video
