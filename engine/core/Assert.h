#pragma once
// Contract violations: always-on checks (release builds too). A failed check is a programming
// error, not bad content, so it aborts with the function name and the broken condition.
#include <cstdio>
#include <cstdlib>

namespace xrs::detail {
[[noreturn]] void contractFailed(const char* function, const char* condition, const char* message,
                                 const char* file, int line);
}

#define XRS_EXPECT(condition, message)                                                          \
    do {                                                                                       \
        if (!(condition)) [[unlikely]]                                                         \
            ::xrs::detail::contractFailed(__func__, #condition, message, __FILE__, __LINE__);  \
    } while (false)
