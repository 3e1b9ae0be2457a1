#include "audio/AudioClip.h"

#include "core/Assert.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string_view>
#include <system_error>

namespace xrs::audio {
namespace {

struct FormatCloser {
    void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct CodecFreer {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct PacketFreer {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct FrameFreer {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct ResamplerFreer {
    void operator()(SwrContext* s) const { swr_free(&s); }
};

std::string averror(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof(text));
    return text;
}

std::string secondsText(double seconds) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.3f s", seconds);
    return text;
}

std::int16_t toInt16(float sample) {
    const float scaled = std::round(sample * 32768.0f);
    return static_cast<std::int16_t>(std::clamp(scaled, -32768.0f, 32767.0f));
}

// A layout with a known channel order: some WAV files declare only a channel count.
AVChannelLayout orderedLayout(const AVChannelLayout& layout) {
    AVChannelLayout result{};
    if (layout.order == AV_CHANNEL_ORDER_UNSPEC) av_channel_layout_default(&result, layout.nb_channels);
    else av_channel_layout_copy(&result, &layout);
    return result;
}

// FFmpeg decodes a cut-off Ogg file without complaint (it reads the duration from the last page
// that is there), so the file's end is checked: a complete Ogg stream ends exactly with a whole
// page that carries the end-of-stream flag. Returns what is wrong, or "" when the end is sound.
std::string oggEndProblem(const std::string& name) {
    std::ifstream file(name, std::ios::binary | std::ios::ate);
    const std::streamoff size = file.tellg();
    constexpr std::streamoff kMaxPage = 27 + 255 + 255 * 255;   // header + lacing + body
    const std::streamoff start = std::max<std::streamoff>(0, size - kMaxPage);
    std::string tail(static_cast<std::size_t>(size - start), '\0');
    file.seekg(start);
    file.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    if (!file) return "cannot read its end";
    // The last capture pattern (with stream structure version 0) that starts a page running
    // exactly to the end of the file.
    for (std::size_t searchFrom = std::string::npos;;) {
        const std::size_t at = tail.rfind("OggS", searchFrom);
        if (at == std::string::npos) break;
        searchFrom = at == 0 ? 0 : at - 1;
        if (tail.size() - at < 27 || tail[at + 4] != 0) {
            if (at == 0) break;
            continue;
        }
        const auto segments = static_cast<unsigned char>(tail[at + 26]);
        std::size_t pageEnd = at + 27 + segments;
        if (pageEnd > tail.size()) return "its last Ogg page is cut off";
        for (std::size_t i = 0; i < segments; ++i) pageEnd += static_cast<unsigned char>(tail[at + 27 + i]);
        if (pageEnd > tail.size()) return "its last Ogg page is cut off";
        if (pageEnd == tail.size()) {
            const bool endOfStream = (static_cast<unsigned char>(tail[at + 5]) & 0x04u) != 0;
            return endOfStream ? "" : "its last Ogg page does not end the stream";
        }
        if (at == 0) break;   // a page followed by bytes that are no page
    }
    return "it does not end with an Ogg page";
}

// Decodes one audio stream into interleaved 16-bit samples, converting every decoded frame to
// float with swresample (which also downmixes more than two channels to stereo); the mono
// downmix of stereo is the plain average so that it is exact and predictable.
class ClipDecoder {
public:
    ClipDecoder(std::string name, ClipChannels channels) : name_(std::move(name)), wanted_(channels) {}

    Result<AudioClip> run();

private:
    Status open();
    Status configureResampler(const AVFrame& frame);
    Status appendFrame(const AVFrame& frame);
    Status drainDecoder();
    double decodedSeconds() const {
        return sampleRate_ > 0 ? static_cast<double>(frames_) / sampleRate_ : 0.0;
    }

    std::string name_;
    ClipChannels wanted_;
    std::unique_ptr<AVFormatContext, FormatCloser> format_;
    std::unique_ptr<AVCodecContext, CodecFreer> decoder_;
    std::unique_ptr<SwrContext, ResamplerFreer> resampler_;
    std::unique_ptr<AVFrame, FrameFreer> frame_{av_frame_alloc()};
    int stream_ = -1;
    double declaredSeconds_ = 0.0;   // 0 when the container does not say
    int sampleRate_ = 0;
    int inputChannels_ = 0;
    int inputFormat_ = -1;
    int convertedChannels_ = 0;      // what swresample produces: 1 or 2
    int outputChannels_ = 0;         // what the clip keeps: 1 or 2
    std::int64_t frames_ = 0;
    std::vector<float> converted_;
    std::vector<std::int16_t> samples_;
};

Status ClipDecoder::open() {
    AVFormatContext* rawFormat = nullptr;
    if (int e = avformat_open_input(&rawFormat, name_.c_str(), nullptr, nullptr); e < 0)
        return fail(name_, ": not an audio file FFmpeg can read (", averror(e), ")");
    format_.reset(rawFormat);
    if (int e = avformat_find_stream_info(format_.get(), nullptr); e < 0)
        return fail(name_, ": not an audio file (no stream information: ", averror(e), ")");
    stream_ = av_find_best_stream(format_.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (stream_ == AVERROR_DECODER_NOT_FOUND) return fail(name_, ": no decoder for its audio codec");
    if (stream_ < 0) return fail(name_, ": not an audio file (no audio stream)");
    const AVStream* stream = format_->streams[stream_];
    const AVCodecParameters* parameters = stream->codecpar;

    // A duration guessed from the bit rate (MP3 without a Xing header) is too rough to call a
    // shorter file truncated, so only real durations are kept.
    if (format_->duration_estimation_method != AVFMT_DURATION_FROM_BITRATE) {
        if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0)
            declaredSeconds_ = static_cast<double>(stream->duration) * av_q2d(stream->time_base);
        else if (format_->duration != AV_NOPTS_VALUE && format_->duration > 0)
            declaredSeconds_ = static_cast<double>(format_->duration) / AV_TIME_BASE;
    }
    if (std::string_view(format_->iformat->name) == "ogg")
        if (std::string problem = oggEndProblem(name_); !problem.empty())
            return fail(name_, ": truncated (", problem, ")");
    if (declaredSeconds_ > kMaxClipSeconds)
        return fail(name_, ": ", secondsText(declaredSeconds_), " long; clips longer than ",
                    secondsText(kMaxClipSeconds), " are not supported (they are decoded whole)");

    const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
    if (!codec) return fail(name_, ": no decoder for ", avcodec_get_name(parameters->codec_id));
    decoder_.reset(avcodec_alloc_context3(codec));
    if (!decoder_) return fail(name_, ": out of memory for the decoder");
    if (int e = avcodec_parameters_to_context(decoder_.get(), parameters); e < 0)
        return fail(name_, ": invalid audio parameters (", averror(e), ")");
    if (int e = avcodec_open2(decoder_.get(), codec, nullptr); e < 0)
        return fail(name_, ": cannot open the ", codec->name, " decoder (", averror(e), ")");
    if (decoder_->sample_rate <= 0 || decoder_->ch_layout.nb_channels <= 0)
        return fail(name_, ": invalid audio parameters (", std::to_string(decoder_->sample_rate), " Hz, ",
                    std::to_string(decoder_->ch_layout.nb_channels), " channels)");
    if (declaredSeconds_ > 0.0)
        samples_.reserve(static_cast<std::size_t>(declaredSeconds_ * decoder_->sample_rate + 1.0) *
                         (wanted_ == ClipChannels::Mono ? 1u : 2u));
    return {};
}

Status ClipDecoder::configureResampler(const AVFrame& frame) {
    const int channels = frame.ch_layout.nb_channels;
    if (resampler_) {
        if (frame.sample_rate != sampleRate_ || channels != inputChannels_ || frame.format != inputFormat_)
            return fail(name_, ": the audio format changes at ", secondsText(decodedSeconds()),
                        " (", std::to_string(frame.sample_rate), " Hz, ", std::to_string(channels),
                        " channels); clips must keep one format");
        return {};
    }
    if (frame.sample_rate <= 0 || channels <= 0)
        return fail(name_, ": invalid audio parameters (", std::to_string(frame.sample_rate), " Hz, ",
                    std::to_string(channels), " channels)");
    sampleRate_ = frame.sample_rate;
    inputChannels_ = channels;
    inputFormat_ = frame.format;
    convertedChannels_ = std::min(channels, 2);
    outputChannels_ = wanted_ == ClipChannels::Mono ? 1 : convertedChannels_;

    AVChannelLayout inLayout = orderedLayout(frame.ch_layout);
    AVChannelLayout outLayout{};
    if (channels <= 2) av_channel_layout_copy(&outLayout, &inLayout);
    else av_channel_layout_default(&outLayout, 2);
    SwrContext* raw = nullptr;
    const int e = swr_alloc_set_opts2(&raw, &outLayout, AV_SAMPLE_FMT_FLT, sampleRate_, &inLayout,
                                      static_cast<AVSampleFormat>(frame.format), sampleRate_, 0, nullptr);
    av_channel_layout_uninit(&inLayout);
    av_channel_layout_uninit(&outLayout);
    resampler_.reset(raw);
    if (e < 0 || !resampler_) return fail(name_, ": cannot convert its samples (", averror(e), ")");
    if (int ie = swr_init(resampler_.get()); ie < 0)
        return fail(name_, ": cannot convert its samples (", averror(ie), ")");
    return {};
}

Status ClipDecoder::appendFrame(const AVFrame& frame) {
    if (Status s = configureResampler(frame); !s) return s;
    if (frame.nb_samples <= 0) return {};
    // Same rate in and out: swresample converts the whole frame at once, nothing stays buffered.
    converted_.resize(static_cast<std::size_t>(frame.nb_samples) * convertedChannels_);
    auto* out = reinterpret_cast<std::uint8_t*>(converted_.data());
    const int produced = swr_convert(resampler_.get(), &out, frame.nb_samples,
                                     const_cast<const std::uint8_t**>(frame.extended_data), frame.nb_samples);
    if (produced < 0) return fail(name_, ": cannot convert its samples (", averror(produced), ")");

    if (static_cast<double>(frames_ + produced) / sampleRate_ > kMaxClipSeconds)
        return fail(name_, ": longer than ", secondsText(kMaxClipSeconds),
                    "; longer clips are not supported (they are decoded whole)");
    const auto count = static_cast<std::size_t>(produced);
    if (outputChannels_ == convertedChannels_) {
        for (std::size_t i = 0; i < count * static_cast<std::size_t>(convertedChannels_); ++i)
            samples_.push_back(toInt16(converted_[i]));
    } else {
        for (std::size_t i = 0; i < count; ++i)
            samples_.push_back(toInt16(0.5f * (converted_[2 * i] + converted_[2 * i + 1])));
    }
    frames_ += produced;
    return {};
}

Status ClipDecoder::drainDecoder() {
    for (;;) {
        const int e = avcodec_receive_frame(decoder_.get(), frame_.get());
        if (e == AVERROR(EAGAIN) || e == AVERROR_EOF) return {};
        if (e < 0) return fail(name_, ": corrupt audio data at ", secondsText(decodedSeconds()), " (", averror(e), ")");
        Status appended = appendFrame(*frame_);
        av_frame_unref(frame_.get());
        if (!appended) return appended;
    }
}

Result<AudioClip> ClipDecoder::run() {
    if (Status s = open(); !s) return s.error();
    std::unique_ptr<AVPacket, PacketFreer> packet(av_packet_alloc());
    if (!packet || !frame_) return fail(name_, ": out of memory while decoding");
    for (;;) {
        const int read = av_read_frame(format_.get(), packet.get());
        if (read == AVERROR_EOF) break;
        if (read < 0)
            return fail(name_, ": corrupt audio data at ", secondsText(decodedSeconds()), " (", averror(read), ")");
        if (packet->stream_index == stream_) {
            // A short read (a WAV whose data chunk promises more than the file holds) comes
            // flagged corrupt: decode what is there, then report where the data breaks off.
            const bool corrupt = (packet->flags & AV_PKT_FLAG_CORRUPT) != 0;
            const int sent = avcodec_send_packet(decoder_.get(), packet.get());
            av_packet_unref(packet.get());
            if (sent < 0 && sent != AVERROR(EAGAIN))
                return fail(name_, ": corrupt audio data at ", secondsText(decodedSeconds()), " (", averror(sent), ")");
            if (Status s = drainDecoder(); !s) return s.error();
            if (corrupt)
                return fail(name_, ": truncated or corrupt (the data breaks off at ", secondsText(decodedSeconds()), ")");
        } else {
            av_packet_unref(packet.get());
        }
    }
    avcodec_send_packet(decoder_.get(), nullptr);
    if (Status s = drainDecoder(); !s) return s.error();

    if (frames_ == 0) return fail(name_, ": contains no audio samples");
    // The container said how long it is: noticeably less data means the file was cut short or
    // damaged pages were skipped (Ogg drops pages whose checksum fails). Codec delay and padding
    // stay far below this tolerance.
    constexpr double kTruncationToleranceSeconds = 0.1;
    if (declaredSeconds_ > 0.0 && decodedSeconds() < declaredSeconds_ - kTruncationToleranceSeconds)
        return fail(name_, ": truncated or corrupt (the header promises ", secondsText(declaredSeconds_),
                    ", the data holds ", secondsText(decodedSeconds()), ")");
    samples_.shrink_to_fit();
    return AudioClip::fromSamples(name_, sampleRate_, outputChannels_, std::move(samples_));
}

} // namespace

Result<AudioClip> AudioClip::load(const std::filesystem::path& path, ClipChannels channels) {
    const std::string name = path.string();
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status)) return fail(name, ": no such file");
    if (!std::filesystem::is_regular_file(status)) return fail(name, ": not a regular file");
    return ClipDecoder(name, channels).run();
}

AudioClip AudioClip::fromSamples(std::string name, int sampleRate, int channels, std::vector<std::int16_t> interleaved) {
    XRS_EXPECT(sampleRate > 0, "a clip needs a positive sample rate");
    XRS_EXPECT(channels == 1 || channels == 2, "clips have one or two channels");
    XRS_EXPECT(interleaved.size() % static_cast<std::size_t>(channels) == 0, "samples must hold whole frames");
    AudioClip clip;
    clip.name_ = std::move(name);
    clip.sampleRate_ = sampleRate;
    clip.channels_ = channels;
    clip.samples_ = std::move(interleaved);
    return clip;
}

std::int64_t AudioClip::frames() const {
    return channels_ > 0 ? static_cast<std::int64_t>(samples_.size()) / channels_ : 0;
}

double AudioClip::durationSeconds() const {
    return sampleRate_ > 0 ? static_cast<double>(frames()) / sampleRate_ : 0.0;
}

} // namespace xrs::audio
