#!/usr/bin/env python3
"""Writes tests/data/scenes/pbr_spheres.gltf: a 5 x 5 grid of spheres for a PBR golden image.

Columns (x, left to right) vary roughnessFactor 0.1 .. 1.0; rows (y, bottom to top) vary
metallicFactor 0.0 .. 1.0. All spheres share one geometry (radius 0.4, 1 m apart, in the z = 0
plane) and differ only in their material (base colour a warm gold-ish red). A camera at
(0, 0, 7) looks down -Z with yfov 0.75 rad; a directional light comes from the upper left front.
Usage: tools/content/make_pbr_spheres.py [output path]
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gltf_builder import GltfBuilder, quaternion_looking_along  # noqa: E402

GRID = 5
SPACING = 1.0
RADIUS = 0.4
SEGMENTS = 32  # around the equator
RINGS = 16     # pole to pole
BASE_COLOR = [0.9, 0.45, 0.3, 1.0]


def uv_sphere():
    positions, normals, uvs, indices = [], [], [], []
    for ring in range(RINGS + 1):
        v = ring / RINGS
        theta = v * math.pi  # 0 at the north pole (+Y)
        for segment in range(SEGMENTS + 1):
            u = segment / SEGMENTS
            phi = u * 2 * math.pi
            normal = (math.sin(theta) * math.sin(phi), math.cos(theta), math.sin(theta) * math.cos(phi))
            normals.append(tuple(round(c, 6) for c in normal))
            positions.append(tuple(round(RADIUS * c, 6) for c in normal))
            uvs.append((round(u, 6), round(v, 6)))
    stride = SEGMENTS + 1
    for ring in range(RINGS):
        for segment in range(SEGMENTS):
            a = ring * stride + segment
            b = a + stride
            # Counter-clockwise seen from outside.
            if ring != 0:
                indices += [a, b, a + 1]
            if ring != RINGS - 1:
                indices += [a + 1, b, b + 1]
    return positions, normals, uvs, indices


def build():
    gltf = GltfBuilder("xrshow tools/content/make_pbr_spheres.py")
    doc = gltf.doc
    attributes, index_accessor = gltf.geometry(*uv_sphere())
    offset = (GRID - 1) * SPACING / 2
    for row in range(GRID):
        metallic = row / (GRID - 1)
        for column in range(GRID):
            roughness = 0.1 + 0.9 * column / (GRID - 1)
            name = f"Sphere_m{metallic:.2f}_r{roughness:.3f}"
            material = gltf.material({"name": name, "pbrMetallicRoughness": {
                "baseColorFactor": BASE_COLOR, "metallicFactor": metallic, "roughnessFactor": roughness}})
            mesh = gltf.mesh(name, attributes, index_accessor, material)
            gltf.node({"name": name, "mesh": mesh,
                       "translation": [column * SPACING - offset, row * SPACING - offset, 0.0]})

    doc["extensionsUsed"] = ["KHR_lights_punctual"]
    doc["extensions"] = {"KHR_lights_punctual": {"lights": [
        {"name": "Key", "type": "directional", "color": [1.0, 1.0, 1.0], "intensity": 3.0}]}}
    gltf.node({"name": "Key", "rotation": quaternion_looking_along((0.5, -0.6, -1.0)),
               "extensions": {"KHR_lights_punctual": {"light": 0}}})
    doc["cameras"] = [{"name": "Camera", "type": "perspective", "perspective": {
        "yfov": 0.75, "aspectRatio": 1.0, "znear": 0.1, "zfar": 50.0}}]
    gltf.node({"name": "Camera", "camera": 0, "translation": [0.0, 0.0, 7.0]})
    return gltf.to_json()


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    output = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "tests", "data", "scenes", "pbr_spheres.gltf")
    text = build()
    with open(output, "w", encoding="ascii", newline="\n") as file:
        file.write(text)
    print(f"wrote {output} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
