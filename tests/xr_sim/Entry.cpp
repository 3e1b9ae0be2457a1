// The loader's way in: xrNegotiateLoaderRuntimeInterface (the only exported symbol) and
// xrGetInstanceProcAddr, which hands out the functions of the core and of enabled extensions.
#include "Api.h"

#include <openxr/openxr_reflection.h>

#include <cstdarg>
#include <cstdio>

namespace xrs::xrsim {

// The loader-runtime interface (OpenXR loader specification, "Runtime Interface Negotiation");
// Debian's 1.0.20 headers do not ship loader_interfaces.h, so the two structs are declared here.
enum XrLoaderInterfaceStructs {
    XR_LOADER_INTERFACE_STRUCT_UNINTIALIZED = 0,
    XR_LOADER_INTERFACE_STRUCT_LOADER_INFO = 1,
    XR_LOADER_INTERFACE_STRUCT_API_LAYER_REQUEST = 2,
    XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST = 3,
};
struct XrNegotiateLoaderInfo {
    XrLoaderInterfaceStructs structType;
    std::uint32_t structVersion;
    std::size_t structSize;
    std::uint32_t minInterfaceVersion;
    std::uint32_t maxInterfaceVersion;
    XrVersion minApiVersion;
    XrVersion maxApiVersion;
};
struct XrNegotiateRuntimeRequest {
    XrLoaderInterfaceStructs structType;
    std::uint32_t structVersion;
    std::size_t structSize;
    std::uint32_t runtimeInterfaceVersion;
    XrVersion runtimeApiVersion;
    PFN_xrGetInstanceProcAddr getInstanceProcAddr;
};
constexpr std::uint32_t kLoaderRuntimeInterfaceVersion = 1;

Runtime& runtime() {
    static Runtime instance;
    return instance;
}

void logSim(const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    std::fputs("xrs_xr_sim: ", stderr);
    std::vfprintf(stderr, format, args);
    std::fputc('\n', stderr);
    va_end(args);
}

XrResult fillString(std::uint32_t capacity, std::uint32_t* countOutput, char* buffer, const std::string& text) {
    if (countOutput == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    *countOutput = static_cast<std::uint32_t>(text.size() + 1);
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < text.size() + 1) return XR_ERROR_SIZE_INSUFFICIENT;
    if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    std::memcpy(buffer, text.c_str(), text.size() + 1);
    return XR_SUCCESS;
}

namespace {

struct Entry {
    const char* name;
    PFN_xrVoidFunction function;
    const char* extension; // nullptr: core
};

#define XRS_SIM_ENTRY(name) Entry{#name, reinterpret_cast<PFN_xrVoidFunction>(&api::name), nullptr},
const Entry kGlobalEntries[] = {XRS_SIM_GLOBAL_FUNCTIONS(XRS_SIM_ENTRY)};
const Entry kCoreEntries[] = {XRS_SIM_CORE_FUNCTIONS(XRS_SIM_ENTRY)};
#undef XRS_SIM_ENTRY
#define XRS_SIM_ENTRY_V1(name) \
    Entry{#name, reinterpret_cast<PFN_xrVoidFunction>(&api::name), XR_KHR_VULKAN_ENABLE_EXTENSION_NAME},
#define XRS_SIM_ENTRY_V2(name) \
    Entry{#name, reinterpret_cast<PFN_xrVoidFunction>(&api::name), XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME},
const Entry kExtensionEntries[] = {XRS_SIM_VULKAN_ENABLE_FUNCTIONS(XRS_SIM_ENTRY_V1)
                                       XRS_SIM_VULKAN_ENABLE2_FUNCTIONS(XRS_SIM_ENTRY_V2)};
#undef XRS_SIM_ENTRY_V1
#undef XRS_SIM_ENTRY_V2

template <std::size_t N>
const Entry* lookup(const Entry (&entries)[N], const char* name) {
    for (const Entry& entry : entries)
        if (std::strcmp(entry.name, name) == 0) return &entry;
    return nullptr;
}

} // namespace

namespace api {

XrResult xrGetInstanceProcAddr(XrInstance instanceHandle, const char* name, PFN_xrVoidFunction* function) {
    if (name == nullptr || function == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    *function = nullptr;
    if (const Entry* entry = lookup(kGlobalEntries, name)) {
        *function = entry->function;
        return XR_SUCCESS;
    }
    if (instanceHandle == XR_NULL_HANDLE) {
        // Only the global functions (and this one) may be queried without an instance.
        if (std::strcmp(name, "xrGetInstanceProcAddr") == 0) {
            *function = reinterpret_cast<PFN_xrVoidFunction>(&api::xrGetInstanceProcAddr);
            return XR_SUCCESS;
        }
        return XR_ERROR_HANDLE_INVALID;
    }
    Instance* instance = runtime().instances.find(instanceHandle);
    if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (const Entry* entry = lookup(kCoreEntries, name)) {
        *function = entry->function;
        return XR_SUCCESS;
    }
    if (const Entry* entry = lookup(kExtensionEntries, name); entry != nullptr && instance->has(entry->extension)) {
        *function = entry->function;
        return XR_SUCCESS;
    }
    return XR_ERROR_FUNCTION_UNSUPPORTED;
}

XrResult xrResultToString(XrInstance instanceHandle, XrResult value, char buffer[XR_MAX_RESULT_STRING_SIZE]) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    (void)instance;
    if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    const char* name = nullptr;
#define XRS_SIM_RESULT_NAME(enumName, enumValue) \
    if (value == (enumValue)) name = #enumName;
    XR_LIST_ENUM_XrResult(XRS_SIM_RESULT_NAME)
#undef XRS_SIM_RESULT_NAME
    if (name != nullptr)
        std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "%s", name);
    else
        std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "XR_UNKNOWN_%s_%d", value >= 0 ? "SUCCESS" : "FAILURE",
                      static_cast<int>(value));
    return XR_SUCCESS;
}

XrResult xrStructureTypeToString(XrInstance instanceHandle, XrStructureType value,
                                 char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
    XRS_SIM_INSTANCE(instance, instanceHandle);
    (void)instance;
    if (buffer == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    const char* name = nullptr;
#define XRS_SIM_TYPE_NAME(enumName, enumValue) \
    if (value == (enumValue)) name = #enumName;
    XR_LIST_ENUM_XrStructureType(XRS_SIM_TYPE_NAME)
#undef XRS_SIM_TYPE_NAME
    if (name != nullptr)
        std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "%s", name);
    else
        std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "XR_UNKNOWN_STRUCTURE_TYPE_%d", static_cast<int>(value));
    return XR_SUCCESS;
}

} // namespace api
} // namespace xrs::xrsim

extern "C" __attribute__((visibility("default"))) XrResult
xrNegotiateLoaderRuntimeInterface(const xrs::xrsim::XrNegotiateLoaderInfo* loaderInfo,
                                  xrs::xrsim::XrNegotiateRuntimeRequest* runtimeRequest) {
    using namespace xrs::xrsim;
    if (loaderInfo == nullptr || runtimeRequest == nullptr ||
        loaderInfo->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO || loaderInfo->structVersion != 1 ||
        loaderInfo->structSize != sizeof(XrNegotiateLoaderInfo) ||
        runtimeRequest->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
        runtimeRequest->structVersion != 1 || runtimeRequest->structSize != sizeof(XrNegotiateRuntimeRequest))
        return XR_ERROR_INITIALIZATION_FAILED;
    if (loaderInfo->minInterfaceVersion > kLoaderRuntimeInterfaceVersion ||
        loaderInfo->maxInterfaceVersion < kLoaderRuntimeInterfaceVersion ||
        XR_VERSION_MAJOR(loaderInfo->minApiVersion) > 1 || XR_VERSION_MAJOR(loaderInfo->maxApiVersion) < 1)
        return XR_ERROR_INITIALIZATION_FAILED;
    runtimeRequest->runtimeInterfaceVersion = kLoaderRuntimeInterfaceVersion;
    runtimeRequest->runtimeApiVersion = XR_CURRENT_API_VERSION;
    runtimeRequest->getInstanceProcAddr = &api::xrGetInstanceProcAddr;
    return XR_SUCCESS;
}
