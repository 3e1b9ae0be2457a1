#pragma once
// GLFW, initialised once for the process's windows: move-only, glfwTerminate on destruction.
// Probing it is how `xrshow run --display auto` decides whether a window can be opened.
#include "core/Result.h"

#include <string>
#include <vector>

namespace xrs::xr {

class GlfwLibrary {
public:
    // Fails with one line when there is no display ($DISPLAY / $WAYLAND_DISPLAY unset) or GLFW
    // cannot connect to it or has no Vulkan support.
    static Result<GlfwLibrary> init();
    ~GlfwLibrary();
    GlfwLibrary(GlfwLibrary&& other) noexcept;
    GlfwLibrary& operator=(GlfwLibrary&& other) noexcept;
    GlfwLibrary(const GlfwLibrary&) = delete;
    GlfwLibrary& operator=(const GlfwLibrary&) = delete;

    // The instance extensions a Vulkan surface needs on this window system.
    std::vector<std::string> requiredInstanceExtensions() const;

    // The last error GLFW reported (empty if none).
    static std::string lastError();

private:
    GlfwLibrary() = default;
    bool initialised_ = false;
};

} // namespace xrs::xr
