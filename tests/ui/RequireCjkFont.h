#pragma once
// The CJK font the UI tests draw with (tools/deps.sh installs fonts-wqy-microhei).
#include "ui/CjkFont.h"
#include "ui/Font.h"

#include <catch2/catch.hpp>

namespace xrs::test {

inline ui::Font requireCjkFont() {
    auto path = ui::findCjkFont();
    INFO((path ? path->string() : path.error().message));
    REQUIRE(path.ok());
    auto font = ui::Font::load(*path);
    INFO((font ? std::string() : font.error().message));
    REQUIRE(font.ok());
    return std::move(font).value();
}

} // namespace xrs::test
