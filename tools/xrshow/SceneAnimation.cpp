#include "SceneAnimation.h"

#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <charconv>
#include <cmath>
#include <string_view>

namespace xrs::pano {
namespace {

bool parseFloat(std::string_view text, float& value) {
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && ptr == end && std::isfinite(value);
}

} // namespace

Result<std::vector<NodeMotion>> findNodeMotions(const scene::Scene& scene) {
    std::vector<NodeMotion> motions;
    for (std::uint32_t index = 0; index < scene.nodes.size(); ++index) {
        const std::string& name = scene.nodes[index].name;
        const auto at = name.find('@');
        if (at == std::string::npos) continue;
        NodeMotion motion;
        motion.node = index;
        motion.restLocal = scene.nodes[index].localTransform;
        auto bad = [&](std::string_view why) {
            return fail(scene.sourcePath.string(), ": node '", name, "': ", why,
                        " (expected @spinY=<deg/s> and/or bobY=<metres>:<seconds>, joined by ';')");
        };
        std::string_view rest = std::string_view(name).substr(at + 1);
        while (!rest.empty()) {
            const auto semicolon = rest.find(';');
            const std::string_view item = rest.substr(0, semicolon);
            rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
            if (item.rfind("spinY=", 0) == 0) {
                if (!parseFloat(item.substr(6), motion.spinDegreesPerSecond)) return bad("spinY is not a number");
            } else if (item.rfind("bobY=", 0) == 0) {
                const std::string_view value = item.substr(5);
                const auto colon = value.find(':');
                if (colon == std::string_view::npos || !parseFloat(value.substr(0, colon), motion.bobAmplitude) ||
                    !parseFloat(value.substr(colon + 1), motion.bobPeriodSeconds) || motion.bobPeriodSeconds <= 0.0f)
                    return bad("bobY needs <metres>:<period seconds > 0>");
            } else {
                return bad("unknown motion '" + std::string(item) + "'");
            }
        }
        motions.push_back(motion);
    }
    return motions;
}

void applyNodeMotions(scene::Scene& scene, const std::vector<NodeMotion>& motions, double timeSeconds) {
    for (const NodeMotion& motion : motions) {
        const double angle = glm::radians(static_cast<double>(motion.spinDegreesPerSecond)) * timeSeconds;
        const double lift = static_cast<double>(motion.bobAmplitude) *
                            std::sin(2.0 * glm::pi<double>() * timeSeconds / motion.bobPeriodSeconds);
        glm::mat4 local = glm::translate(motion.restLocal, glm::vec3(0.0f, static_cast<float>(lift), 0.0f));
        local = glm::rotate(local, static_cast<float>(angle), glm::vec3(0.0f, 1.0f, 0.0f));
        scene.nodes[motion.node].localTransform = local;
    }
}

} // namespace xrs::pano
