// xrshow list [dir]: the experiences under a folder (default: experiences/ in the working
// directory, else in the source tree): name, kind of the first scene, thumbnail, title in Chinese
// and English.
#include "Command.h"
#include "CommandSupport.h"
#include "core/Paths.h"
#include "experience/ExperienceIO.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace xrs::cli {
namespace {

std::filesystem::path defaultExperienceFolder() {
    std::error_code ec;
    if (std::filesystem::is_directory("experiences", ec)) return "experiences";
    return sourceDirectory() / "experiences";
}

int runList(const std::string& folderArgument) {
    const std::filesystem::path folder = folderArgument.empty() ? defaultExperienceFolder() : std::filesystem::path(folderArgument);
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) return commandFailed("list", folder.string() + ": not a folder");
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        std::error_code entryError;
        if (entry.is_directory(entryError) &&
            std::filesystem::is_regular_file(entry.path() / experience::kExperienceFileName, entryError))
            found.push_back(entry.path());
    }
    if (ec) return commandFailed("list", folder.string() + ": " + ec.message());
    std::sort(found.begin(), found.end());

    // Titles go last: CJK text is wider than its byte count, so nothing is aligned after it.
    std::printf("%-24s %-10s %-26s %s\n", "NAME", "FIRST", "THUMBNAIL", "TITLE (zh / en)");
    for (const auto& path : found) {
        const std::string name = path.filename().string();
        auto parsed = experience::readExperience(path);
        const std::size_t errors = experience::countErrors(parsed.diagnostics);
        const auto& data = parsed.experience;
        const std::string kind = data.scenes.empty() ? "-" : std::string(experience::sceneKindName(data.scenes.front().kind));
        auto title = [&](const char* language) {
            auto it = data.metadata.title.find(language);
            return it == data.metadata.title.end() ? std::string("-") : it->second;
        };
        std::string thumbnail = data.metadata.thumbnail.value_or("-");
        if (data.metadata.thumbnail && !std::filesystem::is_regular_file(path / *data.metadata.thumbnail, ec))
            thumbnail += " (missing)";
        std::string titles = title("zh") + " / " + title("en");
        if (errors > 0)
            titles += " (" + std::to_string(errors) + " error" + (errors == 1 ? "" : "s") + ": xrshow validate " + path.string() + ")";
        std::printf("%-24s %-10s %-26s %s\n", name.c_str(), kind.c_str(), thumbnail.c_str(), titles.c_str());
    }
    std::printf("%zu experience%s in %s\n", found.size(), found.size() == 1 ? "" : "s", folder.c_str());
    return 0;
}

} // namespace

void registerListCommand(CLI::App& app, const GlobalOptions& /*global*/, int& exitCode) {
    auto* command = app.add_subcommand("list", "List the experiences in a folder (default: experiences/)");
    auto folder = std::make_shared<std::string>();
    command->add_option("folder", *folder, "Folder holding one sub-folder per experience");
    command->callback([folder, &exitCode] { exitCode = runList(*folder); });
}

} // namespace xrs::cli
