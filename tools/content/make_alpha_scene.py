#!/usr/bin/env python3
"""Writes tests/data/scenes/alpha_blend.gltf: the alpha-mode test scene (deterministic output).

Contents, seen from the camera at (0, 1.2, 4) looking at (0, 0.6, 0):
  - "Ground": 4 x 4 m opaque grey quad at y = 0, facing up.
  - "BlendRed/Green/Blue": three 1 x 1 m BLEND quads facing the camera at z = -0.5, 0, +0.5,
    shifted 0.4 m apart in x so they overlap; alpha 0.5, 0.6, 0.4 (sorting matters).
  - "MaskChecker": a MASK quad (cutoff 0.5) textured with a 16 x 16 orange checker whose
    alternate 4 x 4 cells have alpha 0 (nearest filtering, clamp to edge).
  - "DoubleSidedBack": a double-sided yellow quad whose front faces away from the camera, so the
    camera sees its back face (culled unless doubleSided is honoured).
  - "Sun": a KHR_lights_punctual directional light pointing down and away from the camera.
  - "Camera": perspective, yfov 0.8 rad, aspect 1.0, znear 0.05, zfar 50.
Usage: tools/content/make_alpha_scene.py [output path]
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gltf_builder import GltfBuilder, png_rgba, quad, quaternion_looking_along  # noqa: E402

CHECKER_SIZE = 16
CHECKER_CELL = 4
CHECKER_COLOR = (255, 160, 32)


def checker_texel(x, y):
    opaque = ((x // CHECKER_CELL) + (y // CHECKER_CELL)) % 2 == 0
    return (*CHECKER_COLOR, 255 if opaque else 0)


def build():
    gltf = GltfBuilder("xrshow tools/content/make_alpha_scene.py")
    doc = gltf.doc

    def add_quad(name, center, right, up, material):
        attributes, indices = gltf.geometry(*quad(center, right, up))
        gltf.node({"name": name, "mesh": gltf.mesh(name, attributes, indices, material)})

    ground = gltf.material({"name": "GroundOpaque", "pbrMetallicRoughness": {
        "baseColorFactor": [0.5, 0.5, 0.5, 1.0], "metallicFactor": 0.0, "roughnessFactor": 0.9}})
    add_quad("Ground", (0.0, 0.0, 0.0), (2.0, 0.0, 0.0), (0.0, 0.0, -2.0), ground)

    for name, color, x, z in [("BlendRed", [1.0, 0.1, 0.1, 0.5], -0.4, -0.5),
                              ("BlendGreen", [0.1, 1.0, 0.1, 0.6], 0.0, 0.0),
                              ("BlendBlue", [0.1, 0.2, 1.0, 0.4], 0.4, 0.5)]:
        material = gltf.material({"name": name, "alphaMode": "BLEND", "pbrMetallicRoughness": {
            "baseColorFactor": color, "metallicFactor": 0.0, "roughnessFactor": 0.5}})
        add_quad(name, (x, 0.7, z), (0.5, 0.0, 0.0), (0.0, 0.5, 0.0), material)

    checker = gltf.png_texture(png_rgba(CHECKER_SIZE, CHECKER_SIZE, checker_texel),
                               {"magFilter": 9728, "minFilter": 9728, "wrapS": 33071, "wrapT": 33071})
    mask = gltf.material({"name": "MaskChecker", "alphaMode": "MASK", "alphaCutoff": 0.5, "pbrMetallicRoughness": {
        "baseColorTexture": {"index": checker}, "metallicFactor": 0.0, "roughnessFactor": 0.7}})
    add_quad("MaskChecker", (1.45, 0.6, 0.0), (0.4, 0.0, 0.0), (0.0, 0.4, 0.0), mask)

    double_sided = gltf.material({"name": "DoubleSidedYellow", "doubleSided": True, "pbrMetallicRoughness": {
        "baseColorFactor": [1.0, 0.85, 0.1, 1.0], "metallicFactor": 0.0, "roughnessFactor": 0.6}})
    # right = -X, up = +Y: the front face looks down -Z, away from the camera.
    add_quad("DoubleSidedBack", (-1.45, 0.6, 0.0), (-0.4, 0.0, 0.0), (0.0, 0.4, 0.0), double_sided)

    doc["extensionsUsed"] = ["KHR_lights_punctual"]
    doc["extensions"] = {"KHR_lights_punctual": {"lights": [
        {"name": "Sun", "type": "directional", "color": [1.0, 0.95, 0.9], "intensity": 3.0}]}}
    gltf.node({"name": "Sun", "rotation": quaternion_looking_along((-0.3, -1.0, -0.5)),
               "extensions": {"KHR_lights_punctual": {"light": 0}}})

    doc["cameras"] = [{"name": "Camera", "type": "perspective", "perspective": {
        "yfov": 0.8, "aspectRatio": 1.0, "znear": 0.05, "zfar": 50.0}}]
    eye, target = (0.0, 1.2, 4.0), (0.0, 0.6, 0.0)
    forward = tuple(target[i] - eye[i] for i in range(3))
    gltf.node({"name": "Camera", "camera": 0, "translation": list(eye),
               "rotation": quaternion_looking_along(forward)})
    assert math.isclose(sum(c * c for c in forward), 16.36)
    return gltf.to_json()


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "tests", "data", "scenes", "alpha_blend.gltf")
    text = build()
    with open(output, "w", encoding="ascii", newline="\n") as file:
        file.write(text)
    print(f"wrote {output} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
