#include "scene/Scene.h"

namespace xrs::scene {
namespace {

// Depth-first order of the nodes reachable from the root, each visited once even if the
// hierarchy (built by hand, or by a buggy importer) contains a cycle or a shared child.
std::vector<std::uint32_t> reachableNodesDepthFirst(const Scene& scene) {
    std::vector<std::uint32_t> order;
    if (scene.nodes.empty() || scene.root >= scene.nodes.size()) return order;
    std::vector<bool> visited(scene.nodes.size(), false);
    std::vector<std::uint32_t> stack{scene.root};
    while (!stack.empty()) {
        const std::uint32_t index = stack.back();
        stack.pop_back();
        if (index >= scene.nodes.size() || visited[index]) continue;
        visited[index] = true;
        order.push_back(index);
        const auto& children = scene.nodes[index].children;
        // Reverse push so children come out in their stored order.
        for (auto child = children.rbegin(); child != children.rend(); ++child) stack.push_back(*child);
    }
    return order;
}

} // namespace

std::vector<glm::mat4> computeWorldTransforms(const Scene& scene) {
    std::vector<glm::mat4> world(scene.nodes.size(), glm::mat4(1.0f));
    std::vector<bool> placed(scene.nodes.size(), false);
    if (scene.nodes.empty() || scene.root >= scene.nodes.size()) return world;

    // Parents are always placed before their children in a depth-first walk, so one pass
    // suffices; the parent used is the node we arrived from, not Node::parent, so a hand-built
    // scene with an inconsistent parent field still gets one well-defined answer.
    struct Visit {
        std::uint32_t node;
        glm::mat4 parentWorld;
    };
    std::vector<Visit> stack{{scene.root, glm::mat4(1.0f)}};
    while (!stack.empty()) {
        const Visit visit = stack.back();
        stack.pop_back();
        if (visit.node >= scene.nodes.size() || placed[visit.node]) continue;
        placed[visit.node] = true;
        const Node& node = scene.nodes[visit.node];
        world[visit.node] = visit.parentWorld * node.localTransform;
        for (auto child = node.children.rbegin(); child != node.children.rend(); ++child)
            stack.push_back({*child, world[visit.node]});
    }
    return world;
}

std::vector<DrawItem> buildDrawList(const Scene& scene) {
    const std::vector<glm::mat4> world = computeWorldTransforms(scene);
    std::vector<DrawItem> items;
    for (const std::uint32_t nodeIndex : reachableNodesDepthFirst(scene)) {
        for (const std::uint32_t mesh : scene.nodes[nodeIndex].meshes) {
            if (mesh >= scene.meshes.size()) continue;
            items.push_back({world[nodeIndex], mesh, nodeIndex});
        }
    }
    return items;
}

Aabb computeWorldBounds(const Scene& scene) {
    Aabb bounds;
    for (const DrawItem& item : buildDrawList(scene))
        bounds.extend(scene.meshes[item.mesh].bounds.transformed(item.world));
    return bounds;
}

} // namespace xrs::scene
