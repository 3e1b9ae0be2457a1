"""Writes the relic-restoration models as binary glTF with one named node per part.

Unlike the museum hall (one mesh per material), these models keep every shard, fill, column
and stone as its own named node with its own translation/rotation/scale: the broken and the
restored glb share those names, so a later engine feature can blend one state into the other
node by node. A node's mesh may have several primitives (a shard's painted face and its broken
edges use different materials).
"""
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "museum"))
sys.path.insert(0, os.path.dirname(HERE))

from gltf_builder import ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER, FLOAT, UNSIGNED_INT, GltfBuilder  # noqa: E402
from gltf_builder import quaternion_looking_along  # noqa: E402
from textures import png_bytes  # noqa: E402

SAMPLER_REPEAT = {"magFilter": 9729, "minFilter": 9987, "wrapS": 10497, "wrapT": 10497}
SAMPLER_CLAMP = {"magFilter": 9729, "minFilter": 9987, "wrapS": 33071, "wrapT": 33071}


def quaternion_from_matrix(m):
    """[x, y, z, w] of a 3x3 rotation matrix (Shepperd's method), rounded for stable output."""
    m = np.asarray(m, np.float64)
    trace = m[0, 0] + m[1, 1] + m[2, 2]
    if trace > 0:
        s = math.sqrt(trace + 1.0) * 2
        q = [(m[2, 1] - m[1, 2]) / s, (m[0, 2] - m[2, 0]) / s, (m[1, 0] - m[0, 1]) / s, 0.25 * s]
    elif m[0, 0] > m[1, 1] and m[0, 0] > m[2, 2]:
        s = math.sqrt(1.0 + m[0, 0] - m[1, 1] - m[2, 2]) * 2
        q = [0.25 * s, (m[0, 1] + m[1, 0]) / s, (m[0, 2] + m[2, 0]) / s, (m[2, 1] - m[1, 2]) / s]
    elif m[1, 1] > m[2, 2]:
        s = math.sqrt(1.0 + m[1, 1] - m[0, 0] - m[2, 2]) * 2
        q = [(m[0, 1] + m[1, 0]) / s, 0.25 * s, (m[1, 2] + m[2, 1]) / s, (m[0, 2] - m[2, 0]) / s]
    else:
        s = math.sqrt(1.0 + m[2, 2] - m[0, 0] - m[1, 1]) * 2
        q = [(m[0, 2] + m[2, 0]) / s, (m[1, 2] + m[2, 1]) / s, 0.25 * s, (m[1, 0] - m[0, 1]) / s]
    if q[3] < 0:
        q = [-c for c in q]
    return [round(float(c), 6) for c in q]


class Part:
    """One named node: [(mesh, material name)] in the node's local frame, and its placement."""

    def __init__(self, name, primitives, translation=(0.0, 0.0, 0.0), rotation=None, scale=1.0):
        self.name = name
        self.primitives = [(mesh, material) for mesh, material in primitives if mesh is not None and len(mesh.indices)]
        self.translation = [round(float(c), 5) for c in translation]
        self.rotation = None if rotation is None else quaternion_from_matrix(rotation)
        self.scale = float(scale)


class GlbWriter:
    def __init__(self, generator, materials):
        self.gltf = GltfBuilder(generator)
        self.materials = materials          # {name: museum materials.Material}
        self.material_index = {}

    def _material(self, name):
        if name in self.material_index:
            return self.material_index[name]
        material = self.materials[name]
        gltf = self.gltf
        sampler = SAMPLER_REPEAT if material.repeat else SAMPLER_CLAMP
        pbr = {"baseColorFactor": [round(c, 4) for c in material.base], "metallicFactor": material.metallic,
               "roughnessFactor": material.roughness}
        out = {"name": material.name, "pbrMetallicRoughness": pbr}
        if material.base_image is not None:
            pbr["baseColorTexture"] = {"index": gltf.buffer_texture(png_bytes(material.srgb_base()), sampler)}
        if material.orm_image is not None:
            texture = gltf.buffer_texture(png_bytes(material.orm_image), sampler)
            pbr["metallicRoughnessTexture"] = {"index": texture}
            pbr["metallicFactor"] = 1.0
            pbr["roughnessFactor"] = 1.0
            out["occlusionTexture"] = {"index": texture}
        if material.normal_image is not None:
            out["normalTexture"] = {"index": gltf.buffer_texture(png_bytes(material.normal_image), sampler),
                                    "scale": material.normal_scale}
        if material.emissive is not None:
            peak = max(material.emissive)
            out["emissiveFactor"] = [round(c / max(peak, 1.0), 4) for c in material.emissive]
            if peak > 1.0:
                out["extensions"] = {"KHR_materials_emissive_strength": {"emissiveStrength": round(peak, 4)}}
        if material.alpha:
            out["alphaMode"] = material.alpha
        if material.double_sided:
            out["doubleSided"] = True
        self.material_index[name] = gltf.material(out)
        return self.material_index[name]

    def _primitive(self, mesh, material):
        gltf = self.gltf
        positions = mesh.positions.astype("<f4")
        count = len(positions)
        attributes = {
            "POSITION": gltf.raw_accessor(positions.tobytes(), FLOAT, count, "VEC3", ARRAY_BUFFER,
                                          [float(v) for v in positions.min(axis=0)],
                                          [float(v) for v in positions.max(axis=0)]),
            "NORMAL": gltf.raw_accessor(mesh.normals.astype("<f4").tobytes(), FLOAT, count, "VEC3", ARRAY_BUFFER),
            "TEXCOORD_0": gltf.raw_accessor(mesh.uvs.astype("<f4").tobytes(), FLOAT, count, "VEC2", ARRAY_BUFFER),
        }
        if mesh.colors is not None:
            attributes["COLOR_0"] = gltf.raw_accessor(np.clip(mesh.colors, 0, 1).astype("<f4").tobytes(), FLOAT,
                                                      count, "VEC4", ARRAY_BUFFER)
        indices = mesh.indices.astype("<u4")
        index = gltf.raw_accessor(indices.tobytes(), UNSIGNED_INT, len(indices), "SCALAR", ELEMENT_ARRAY_BUFFER)
        return {"attributes": attributes, "indices": index, "material": self._material(material)}

    def add(self, part):
        doc = self.gltf.doc
        doc["meshes"].append({"name": part.name, "primitives": [self._primitive(m, mat) for m, mat in part.primitives]})
        node = {"name": part.name, "mesh": len(doc["meshes"]) - 1}
        if any(part.translation):
            node["translation"] = part.translation
        if part.rotation is not None and part.rotation != [0.0, 0.0, 0.0, 1.0]:
            node["rotation"] = part.rotation
        if part.scale != 1.0:
            node["scale"] = [round(part.scale, 5)] * 3
        self.gltf.node(node)

    def add_sun(self, direction, color, intensity):
        """A directional light matching experience.json's sun, so `xrshow render` lights alike."""
        doc = self.gltf.doc
        doc.setdefault("extensionsUsed", []).append("KHR_lights_punctual")
        doc.setdefault("extensions", {})["KHR_lights_punctual"] = {"lights": [
            {"name": "Sun", "type": "directional", "color": list(color), "intensity": intensity}]}
        self.gltf.node({"name": "Sun", "rotation": quaternion_looking_along(direction),
                        "extensions": {"KHR_lights_punctual": {"light": 0}}})

    def glb(self):
        doc = self.gltf.doc
        if any("extensions" in m for m in doc["materials"]):
            doc.setdefault("extensionsUsed", []).append("KHR_materials_emissive_strength")
        return self.gltf.to_glb()


def write_parts(path, generator, materials, parts, sun=None):
    writer = GlbWriter(generator, materials)
    for part in parts:
        writer.add(part)
    if sun is not None:
        writer.add_sun(*sun)
    data = writer.glb()
    with open(path, "wb") as handle:
        handle.write(data)
    return len(data)
