// xrshow info: the Vulkan device the runtime would use, its extensions and the limits that
// matter to us (image size for 8K atlases, multiview, MSAA, timestamps, memory heaps).
#include "CommandSupport.h"

#include <cstdio>

namespace xrs::cli {
namespace {

int runInfo(const GlobalOptions& global, bool listExtensions) {
    auto context = createContext(global);
    if (!context) return commandFailed("info", context.error().message);
    gpu::Context& ctx = **context;
    const auto& info = ctx.info();
    const auto& limits = ctx.properties().limits;
    std::printf("device:            %s\n", info.name.c_str());
    std::printf("type:              %s\n", info.typeName.c_str());
    std::printf("vulkan:            %s\n", info.apiVersion.c_str());
    std::printf("driver:            %s %s\n", info.driverName.c_str(), info.driverInfo.c_str());
    std::printf("max image 2D:      %u\n", limits.maxImageDimension2D);
    std::printf("max array layers:  %u\n", limits.maxImageArrayLayers);
    std::printf("max push consts:   %u bytes\n", limits.maxPushConstantsSize);
    std::printf("msaa colour:       0x%x (sample count bits)\n", limits.framebufferColorSampleCounts);
    std::printf("timestamps:        %s (period %.3f ns)\n", ctx.timestampsSupported() ? "yes" : "no",
                static_cast<double>(limits.timestampPeriod));
    std::printf("anisotropy:        %s\n", ctx.enabledFeatures().samplerAnisotropy ? "yes" : "no");

    VkPhysicalDeviceMultiviewProperties multiview{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MULTIVIEW_PROPERTIES};
    VkPhysicalDeviceProperties2 props2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    props2.pNext = &multiview;
    vkGetPhysicalDeviceProperties2(ctx.physicalDevice(), &props2);
    std::printf("multiview views:   %u\n", multiview.maxMultiviewViewCount);

    VkPhysicalDeviceMemoryProperties memory;
    vkGetPhysicalDeviceMemoryProperties(ctx.physicalDevice(), &memory);
    for (std::uint32_t i = 0; i < memory.memoryHeapCount; ++i)
        std::printf("memory heap %u:     %llu MiB%s\n", i,
                    static_cast<unsigned long long>(memory.memoryHeaps[i].size >> 20),
                    memory.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT ? " (device local)" : "");

    std::uint32_t count = 0;
    vkEnumerateDeviceExtensionProperties(ctx.physicalDevice(), nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> extensions(count);
    vkEnumerateDeviceExtensionProperties(ctx.physicalDevice(), nullptr, &count, extensions.data());
    std::printf("device extensions: %u%s\n", count, listExtensions ? "" : " (--extensions lists them)");
    if (listExtensions)
        for (const auto& e : extensions) std::printf("  %s (rev %u)\n", e.extensionName, e.specVersion);
    return reportValidation(ctx) ? 0 : 1;
}

} // namespace

void registerInfoCommand(CLI::App& app, const GlobalOptions& global, int& exitCode) {
    auto* command = app.add_subcommand("info", "Show the Vulkan device, its extensions and limits");
    auto listExtensions = std::make_shared<bool>(false);
    command->add_flag("--extensions", *listExtensions, "List every device extension");
    command->callback([&global, &exitCode, listExtensions] {
        exitCode = runInfo(global, *listExtensions);
    });
}

} // namespace xrs::cli
