#pragma once
// Decodes the luma of every frame of a video with the ffmpeg program: an independent decoder to
// check what the project's encoders and packager wrote.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace xrs::test {

inline std::vector<std::vector<std::uint8_t>> decodeLuma(const std::filesystem::path& file, int width, int height) {
    const std::string command = "ffmpeg -v error -nostdin -i '" + file.string() + "' -f rawvideo -pix_fmt gray -";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::vector<std::vector<std::uint8_t>> frames;
    std::vector<std::uint8_t> frame(static_cast<std::size_t>(width) * height);
    while (std::fread(frame.data(), 1, frame.size(), pipe) == frame.size()) frames.push_back(frame);
    ::pclose(pipe);
    return frames;
}

} // namespace xrs::test
