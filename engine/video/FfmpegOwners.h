#pragma once
// Owners (unique_ptr deleters) of the FFmpeg objects the video module's readers and writers
// hold, and FFmpeg's text for an error code. Internal to engine/video.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
}

#include <string>

namespace xrs::video::ffmpeg {

struct InputCloser { // an AVFormatContext opened with avformat_open_input
    void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
};
struct CodecContextFreer {
    void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct PacketFreer {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct FrameFreer {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};

inline std::string errorText(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof(text));
    return text;
}

} // namespace xrs::video::ffmpeg
