#include "experience/FormatRules.h"

namespace xrs::experience {
namespace {

bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isAlphaNumeric(char c) { return isLower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

} // namespace

bool isBuiltInIcon(std::string_view icon) {
    for (std::string_view builtIn : kBuiltInIcons)
        if (icon == builtIn) return true;
    return false;
}

bool isLanguageCode(std::string_view code) {
    // primary subtag: 2-3 lower-case letters; then subtags of 2-8 letters or digits
    std::size_t at = 0;
    while (at < code.size() && isLower(code[at])) ++at;
    if (at < 2 || at > 3) return false;
    while (at < code.size()) {
        if (code[at] != '-') return false;
        const std::size_t start = ++at;
        while (at < code.size() && isAlphaNumeric(code[at])) ++at;
        if (at - start < 2 || at - start > 8) return false;
    }
    return true;
}

std::string escapePointerToken(std::string_view token) {
    std::string escaped;
    escaped.reserve(token.size());
    for (char c : token) {
        if (c == '~') escaped += "~0";
        else if (c == '/') escaped += "~1";
        else escaped += c;
    }
    return escaped;
}

} // namespace xrs::experience
