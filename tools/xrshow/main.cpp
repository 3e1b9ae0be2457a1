// xrshow: the command-line entry of the exhibition runtime.
#include "Command.h"
#include "core/Log.h"

int main(int argc, char** argv) {
    CLI::App app{"xrshow - immersive exhibition runtime (Vulkan + OpenXR, foveated 8K video)"};
    app.require_subcommand(1);
    xrs::cli::GlobalOptions global;
    app.add_flag("--validate", global.validate,
                 "Enable the Khronos validation layer (with synchronization validation)");
    app.add_flag("-v,--verbose", global.verbose, "Verbose logging");
    app.parse_complete_callback([&] {
        xrs::initLogging(global.verbose ? xrs::LogLevel::Debug : xrs::LogLevel::Info);
    });

    int exitCode = 0;
    xrs::cli::registerInfoCommand(app, global, exitCode);
    xrs::cli::registerRenderCommand(app, global, exitCode);
    xrs::cli::registerBenchCommand(app, global, exitCode);
    xrs::cli::registerPackCommand(app, global, exitCode);
    xrs::cli::registerGenVideoCommand(app, global, exitCode);
    xrs::cli::registerRunCommand(app, global, exitCode);
    xrs::cli::registerValidateCommand(app, global, exitCode);
    xrs::cli::registerListCommand(app, global, exitCode);
    xrs::cli::registerCapturePanoCommand(app, global, exitCode);

    CLI11_PARSE(app, argc, argv);
    return exitCode;
}
