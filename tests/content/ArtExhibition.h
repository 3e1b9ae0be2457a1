#pragma once
// Shared by the art-exhibition content tests: where the experience lives.
#include <filesystem>

namespace xrs::test {

// $XRS_SOURCE_DIR/experiences/art-exhibition (else the source tree known at build time).
std::filesystem::path artExhibitionFolder();

} // namespace xrs::test
