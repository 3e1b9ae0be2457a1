#pragma once
// SHA-256 (FIPS 180-4) for package checksums. Small and dependency-free: the package only needs
// to detect corrupted or swapped tile files, and linking a TLS library for that is overkill.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "core/Result.h"

namespace xrs::video {

class Sha256 {
public:
    Sha256();
    void update(std::span<const std::uint8_t> bytes);
    // Finishes the digest; the object must not be updated afterwards.
    std::array<std::uint8_t, 32> finish();
    // Finishes and returns the digest as 64 lowercase hex characters.
    std::string finishHex();

private:
    void compressBlock(const std::uint8_t* block);

    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> pending_{};
    std::size_t pendingBytes_ = 0;
    std::uint64_t totalBytes_ = 0;
    bool finished_ = false;
};

std::string sha256Hex(std::span<const std::uint8_t> bytes);
// Hex digest of a file's bytes; the error names the file.
Result<std::string> sha256File(const std::filesystem::path& file);

} // namespace xrs::video
