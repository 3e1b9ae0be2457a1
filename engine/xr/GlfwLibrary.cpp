#include "xr/GlfwLibrary.h"

#include <GLFW/glfw3.h>

#include <cstdlib>
#include <mutex>
#include <utility>

namespace xrs::xr {
namespace {

std::mutex errorMutex;
std::string lastGlfwError;

void onGlfwError(int code, const char* description) {
    std::lock_guard lock(errorMutex);
    lastGlfwError = std::string(description ? description : "unknown error") + " (GLFW error " +
                    std::to_string(code) + ")";
}

bool environmentHasDisplay() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 && *x11) || (wayland && *wayland);
}

} // namespace

Result<GlfwLibrary> GlfwLibrary::init() {
    if (!environmentHasDisplay())
        return fail("no display: neither DISPLAY nor WAYLAND_DISPLAY is set");
    glfwSetErrorCallback(onGlfwError);
    if (glfwInit() != GLFW_TRUE)
        return fail("cannot open the display ", std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "",
                    ": ", lastError());
    GlfwLibrary library;
    library.initialised_ = true;
    if (glfwVulkanSupported() != GLFW_TRUE)
        return fail("GLFW found no Vulkan loader with surface support: ", lastError());
    return library;
}

GlfwLibrary::~GlfwLibrary() {
    if (initialised_) glfwTerminate();
}

GlfwLibrary::GlfwLibrary(GlfwLibrary&& other) noexcept
    : initialised_(std::exchange(other.initialised_, false)) {}

GlfwLibrary& GlfwLibrary::operator=(GlfwLibrary&& other) noexcept {
    if (this != &other) {
        if (initialised_) glfwTerminate();
        initialised_ = std::exchange(other.initialised_, false);
    }
    return *this;
}

std::vector<std::string> GlfwLibrary::requiredInstanceExtensions() const {
    std::uint32_t count = 0;
    const char** names = glfwGetRequiredInstanceExtensions(&count);
    std::vector<std::string> extensions;
    for (std::uint32_t i = 0; i < count; ++i) extensions.emplace_back(names[i]);
    return extensions;
}

std::string GlfwLibrary::lastError() {
    std::lock_guard lock(errorMutex);
    return lastGlfwError.empty() ? "no details from GLFW" : lastGlfwError;
}

} // namespace xrs::xr
