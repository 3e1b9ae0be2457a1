#include "ui/CjkFont.h"

#include <cstdlib>
#include <system_error>

namespace xrs::ui {

std::vector<std::filesystem::path> cjkFontCandidates() {
    std::vector<std::filesystem::path> candidates;
    if (const char* env = std::getenv("XRS_CJK_FONT"); env && *env) candidates.emplace_back(env);
    for (const char* path : {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                             "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
                             "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"})
        candidates.emplace_back(path);
    return candidates;
}

Result<std::filesystem::path> findCjkFont() {
    for (const auto& path : cjkFontCandidates()) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(path, ec)) return path;
    }
    return fail("no CJK font found (install fonts-wqy-microhei or fonts-noto-cjk, or set "
                "XRS_CJK_FONT); Chinese text will show as boxes");
}

} // namespace xrs::ui
