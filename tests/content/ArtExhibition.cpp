#include "ArtExhibition.h"

#include "ExperienceFolder.h"

namespace xrs::test {

std::filesystem::path artExhibitionFolder() { return experienceFolder("art-exhibition"); }

} // namespace xrs::test
