// Spaces: VIEW / LOCAL / STAGE reference spaces and action (pose) spaces, all located through
// LOCAL, where the script's poses live.
#include "Api.h"

#include <algorithm>
#include <cmath>

namespace xrs::xrsim {

bool isValidPose(const XrPosef& pose) {
    const XrQuaternionf& q = pose.orientation;
    const float norm = std::sqrt(q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w);
    return std::fabs(norm - 1.0f) <= 0.01f; // the spec's tolerance for "unit length"
}

Located locateInLocal(const Space& space, XrTime time) {
    const Session& session = *space.session;
    if (space.action != nullptr) {
        Located device = devicePose(session, *space.action, space.subactionPath, time);
        device.pose = device.pose * space.offset;
        return device;
    }
    switch (space.referenceType) {
    case XR_REFERENCE_SPACE_TYPE_VIEW: {
        const DeviceState state = session.deviceAt(time);
        return {state.head.pose * space.offset, state.head.tracked};
    }
    case XR_REFERENCE_SPACE_TYPE_STAGE: {
        Pose stage;
        stage.position.y = -kStandingEyeHeight;
        return {stage * space.offset, true};
    }
    default: return {space.offset, true}; // LOCAL
    }
}

namespace api {

XrResult xrEnumerateReferenceSpaces(XrSession handle, std::uint32_t capacity, std::uint32_t* countOutput,
                                    XrReferenceSpaceType* spaces) {
    XRS_SIM_SESSION(session, handle);
    return fillArray(capacity, countOutput, spaces,
                     std::vector<XrReferenceSpaceType>{XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL,
                                                       XR_REFERENCE_SPACE_TYPE_STAGE});
}

XrResult xrCreateReferenceSpace(XrSession handle, const XrReferenceSpaceCreateInfo* info, XrSpace* spaceOut) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
    if (spaceOut == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    const XrReferenceSpaceType type = info->referenceSpaceType;
    if (type != XR_REFERENCE_SPACE_TYPE_VIEW && type != XR_REFERENCE_SPACE_TYPE_LOCAL &&
        type != XR_REFERENCE_SPACE_TYPE_STAGE)
        return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
    if (!isValidPose(info->poseInReferenceSpace)) return XR_ERROR_POSE_INVALID;
    auto space = std::make_unique<Space>();
    space->session = session;
    space->referenceType = type;
    space->offset = fromXr(info->poseInReferenceSpace);
    space->offset.orientation = glm::normalize(space->offset.orientation);
    *spaceOut = runtime().spaces.add<XrSpace>(std::move(space));
    return XR_SUCCESS;
}

XrResult xrGetReferenceSpaceBoundsRect(XrSession handle, XrReferenceSpaceType type, XrExtent2Df* bounds) {
    XRS_SIM_SESSION(session, handle);
    if (bounds == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    if (type != XR_REFERENCE_SPACE_TYPE_VIEW && type != XR_REFERENCE_SPACE_TYPE_LOCAL &&
        type != XR_REFERENCE_SPACE_TYPE_STAGE)
        return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
    if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
        *bounds = {0.0f, 0.0f};
        return XR_SPACE_BOUNDS_UNAVAILABLE;
    }
    *bounds = {3.0f, 3.0f}; // a 3 m x 3 m play area
    return XR_SUCCESS;
}

XrResult xrCreateActionSpace(XrSession handle, const XrActionSpaceCreateInfo* info, XrSpace* spaceOut) {
    XRS_SIM_SESSION(session, handle);
    XRS_SIM_EXPECT_TYPE(info, XR_TYPE_ACTION_SPACE_CREATE_INFO);
    if (spaceOut == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    Action* action = runtime().actions.find(info->action);
    if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (action->type != XR_ACTION_TYPE_POSE_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
    if (info->subactionPath != XR_NULL_PATH) {
        if (session->instance->pathName(info->subactionPath) == nullptr) return XR_ERROR_PATH_INVALID;
        if (std::find(action->subactionPaths.begin(), action->subactionPaths.end(), info->subactionPath) ==
            action->subactionPaths.end())
            return XR_ERROR_PATH_UNSUPPORTED;
    }
    if (!isValidPose(info->poseInActionSpace)) return XR_ERROR_POSE_INVALID;
    auto space = std::make_unique<Space>();
    space->session = session;
    space->action = action;
    space->subactionPath = info->subactionPath;
    space->offset = fromXr(info->poseInActionSpace);
    *spaceOut = runtime().spaces.add<XrSpace>(std::move(space));
    return XR_SUCCESS;
}

XrResult xrDestroySpace(XrSpace handle) {
    Space* space = runtime().spaces.find(handle);
    if (space == nullptr) return XR_ERROR_HANDLE_INVALID;
    runtime().spaces.remove(space);
    return XR_SUCCESS;
}

XrResult xrLocateSpace(XrSpace spaceHandle, XrSpace baseHandle, XrTime time, XrSpaceLocation* location) {
    const Space* space = runtime().spaces.find(spaceHandle);
    const Space* base = runtime().spaces.find(baseHandle);
    if (space == nullptr || base == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (space->session->instance->lost) return XR_ERROR_INSTANCE_LOST;
    if (space->session != base->session) return XR_ERROR_VALIDATION_FAILURE;
    XRS_SIM_EXPECT_TYPE(location, XR_TYPE_SPACE_LOCATION);
    if (time <= 0) return XR_ERROR_TIME_INVALID;
    const Located a = locateInLocal(*space, time);
    const Located b = locateInLocal(*base, time);
    const bool valid = a.valid && b.valid;
    location->locationFlags = valid ? XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
                                          XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT |
                                          XR_SPACE_LOCATION_POSITION_TRACKED_BIT
                                    : 0;
    location->pose = valid ? toXr(b.pose.inverse() * a.pose) : XrPosef{{0, 0, 0, 1}, {0, 0, 0}};
    for (auto* next = static_cast<XrBaseOutStructure*>(location->next); next != nullptr; next = next->next)
        if (next->type == XR_TYPE_SPACE_VELOCITY)
            reinterpret_cast<XrSpaceVelocity*>(next)->velocityFlags = 0; // the simulator reports no velocities
    return XR_SUCCESS;
}

} // namespace api
} // namespace xrs::xrsim
