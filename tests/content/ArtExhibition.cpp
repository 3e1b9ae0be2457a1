#include "ArtExhibition.h"

#include "core/Paths.h"

#include <cstdlib>

namespace xrs::test {

std::filesystem::path artExhibitionFolder() {
    const char* source = std::getenv("XRS_SOURCE_DIR");
    const std::filesystem::path root = source != nullptr && *source != '\0' ? std::filesystem::path(source)
                                                                            : sourceDirectory();
    return root / "experiences" / "art-exhibition";
}

} // namespace xrs::test
