// xrshow validate <experience> [--deep]: every problem of an experience, one line each:
//   <file>:<json-pointer>: error|warning: <message>
// then a summary line. Exit 0 without errors (warnings allowed), 1 otherwise.
#include "Command.h"
#include "experience/ExperienceIO.h"
#include "experience/ExperienceValidator.h"

#include <cstdio>

namespace xrs::cli {
namespace {

struct ValidateArguments {
    std::string experience;
    bool deep = false;
};

int runValidate(const ValidateArguments& args) {
    experience::ValidateOptions options;
    options.deep = args.deep;
    const auto diagnostics = experience::validateExperience(args.experience, options);
    for (const auto& diagnostic : diagnostics) std::printf("%s\n", experience::formatDiagnostic(diagnostic).c_str());
    const std::size_t errors = experience::countErrors(diagnostics);
    const std::size_t warnings = experience::countWarnings(diagnostics);
    const std::string file = experience::experienceFileOf(args.experience).string();
    std::printf("%s: %zu error%s, %zu warning%s%s\n", file.c_str(), errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s", errors == 0 ? " (valid)" : "");
    std::fflush(stdout);
    return errors == 0 ? 0 : 1;
}

} // namespace

void registerValidateCommand(CLI::App& app, const GlobalOptions& /*global*/, int& exitCode) {
    auto* command = app.add_subcommand("validate", "Check an experience: every problem with its file and JSON pointer");
    auto args = std::make_shared<ValidateArguments>();
    command->add_option("experience", args->experience, "Experience folder or its experience.json")->required();
    command->add_flag("--deep", args->deep, "Also import every model and demux and hash every video package (slow)");
    command->callback([args, &exitCode] { exitCode = runValidate(*args); });
}

} // namespace xrs::cli
