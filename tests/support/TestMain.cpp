#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "core/Log.h"

int main(int argc, char** argv) {
    xrs::initLogging(xrs::LogLevel::Warn);
    return Catch::Session().run(argc, argv);
}
