#include "core/Assert.h"

namespace xrs::detail {

void contractFailed(const char* function, const char* condition, const char* message,
                    const char* file, int line) {
    std::fprintf(stderr, "%s: contract violated: %s (%s) at %s:%d\n", function, message, condition,
                 file, line);
    std::fflush(stderr);
    std::abort();
}

} // namespace xrs::detail
