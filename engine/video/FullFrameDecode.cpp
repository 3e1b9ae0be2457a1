#include "video/FullFrameDecode.h"
#include "video/FfmpegOwners.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <chrono>
#include <memory>
#include <thread>

namespace xrs::video {
Result<FullDecodeThroughput> measureFullFrameDecode(const std::filesystem::path& file, std::int64_t maxFrames) {
    const std::string name = file.string();
    AVFormatContext* rawFormat = nullptr;
    if (int e = avformat_open_input(&rawFormat, name.c_str(), nullptr, nullptr); e < 0)
        return fail(name, ": cannot open (", ffmpeg::errorText(e), ")");
    std::unique_ptr<AVFormatContext, ffmpeg::InputCloser> format(rawFormat);
    if (int e = avformat_find_stream_info(format.get(), nullptr); e < 0)
        return fail(name, ": no stream information (", ffmpeg::errorText(e), ")");
    const int stream = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (stream < 0) return fail(name, ": no video stream");
    const AVCodecParameters* parameters = format->streams[stream]->codecpar;
    const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
    if (!codec) return fail(name, ": no decoder for ", avcodec_get_name(parameters->codec_id));
    std::unique_ptr<AVCodecContext, ffmpeg::CodecContextFreer> decoder(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(decoder.get(), parameters);
    // All cores, both threading kinds the decoder offers: the strongest full-frame peer.
    const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    decoder->thread_count = threads;
    decoder->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    if (int e = avcodec_open2(decoder.get(), codec, nullptr); e < 0)
        return fail(name, ": cannot open the decoder (", ffmpeg::errorText(e), ")");

    std::unique_ptr<AVPacket, ffmpeg::PacketFreer> packet(av_packet_alloc());
    std::unique_ptr<AVFrame, ffmpeg::FrameFreer> frame(av_frame_alloc());
    FullDecodeThroughput result;
    result.width = parameters->width;
    result.height = parameters->height;
    result.threads = threads;
    const auto start = std::chrono::steady_clock::now();
    auto drain = [&]() {
        while (avcodec_receive_frame(decoder.get(), frame.get()) == 0) {
            ++result.frames;
            av_frame_unref(frame.get());
        }
    };
    bool done = false;
    while (!done && av_read_frame(format.get(), packet.get()) >= 0) {
        if (packet->stream_index == stream) {
            if (int e = avcodec_send_packet(decoder.get(), packet.get()); e < 0 && e != AVERROR(EAGAIN)) {
                av_packet_unref(packet.get());
                return fail(name, ": decoding failed at frame ", std::to_string(result.frames), " (", ffmpeg::errorText(e), ")");
            }
            drain();
            done = maxFrames > 0 && result.frames >= maxFrames;
        }
        av_packet_unref(packet.get());
    }
    avcodec_send_packet(decoder.get(), nullptr); // flush the frames still in the threads
    drain();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (result.frames == 0) return fail(name, ": no frame decoded");
    return result;
}

} // namespace xrs::video
