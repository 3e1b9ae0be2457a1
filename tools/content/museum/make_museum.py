#!/usr/bin/env python3
"""Generates the museum-tour experience's media into experiences/museum-tour/generated/:

  hall.glb                       the hall and its seven artifacts (one binary glTF, textures inside)
  audio/<stop>.wav               Mandarin narration per tour stop (espeak-ng, from narration/*.txt)
  subtitles/<stop>.{zh,en}.vtt   one cue per sentence, timed from the synthesised audio

Deterministic: every random number comes from numpy Generators seeded with --seed, the GLB has
no timestamps, PNGs are encoded here, and espeak-ng output is a function of its input text.
--texture-size scales every texture (CI and the determinism test use small ones).

Usage: make_museum.py --out DIR [--seed N] [--texture-size PX] [--only model|narration]
"""
import argparse
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import artifacts  # noqa: E402
import hall  # noqa: E402
import narration  # noqa: E402
from geometry import merge, rotation_y  # noqa: E402
from gltf_builder import ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER, FLOAT, UNSIGNED_INT, GltfBuilder  # noqa: E402
from gltf_builder import quaternion_looking_along  # noqa: E402
from textures import png_bytes  # noqa: E402

TOUR_STOPS = ["welcome", "ding", "meiping", "yuhuchun", "bowl", "bianzhong", "mask", "bi"]
# The key light, the same as experience.json's sun, so `xrshow render hall.glb` lights it alike.
SUN_DIRECTION = (0.12, -1.0, -0.42)
SUN_COLOR = (1.0, 0.9, 0.78)
SUN_INTENSITY = 2.2
SAMPLER_REPEAT = {"magFilter": 9729, "minFilter": 9987, "wrapS": 10497, "wrapT": 10497}
SAMPLER_CLAMP = {"magFilter": 9729, "minFilter": 9987, "wrapS": 33071, "wrapT": 33071}


def build_parts(seed, size):
    """[(mesh, material name)] in world space and {name: Material}."""
    rng = np.random.default_rng(seed)
    materials = {}
    hall.hall_materials(rng, materials, size)
    artifacts.bronze_plain(rng, materials, size)
    parts = list(hall.room()) + list(hall.mounts(materials))
    pieces = {"ding": artifacts.ding(rng, materials, size), "mask": artifacts.mask(rng, materials, size),
              "bi": artifacts.jade(rng, materials, size), "bianzhong": artifacts.bianzhong(rng, materials, size)}
    pieces.update(artifacts.porcelain(rng, materials, size))
    for name, meshes in pieces.items():
        x, z, yaw, _, _ = hall.LAYOUT[name]
        y = hall.MASK_CENTRE_Y if name == "mask" else hall.artifact_base_height(name)
        for mesh, material in meshes:
            parts.append((mesh.transformed(rotation=rotation_y(yaw), translation=(x, y, z)), material))
    return parts, materials


def add_material(gltf, material):
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
            out.setdefault("extensions", {})["KHR_materials_emissive_strength"] = {"emissiveStrength": round(peak, 4)}
        if material.emissive_image is not None:
            out["emissiveTexture"] = {"index": gltf.buffer_texture(png_bytes(np.clip(material.emissive_image, 0, 1)),
                                                                   sampler)}
    if material.alpha:
        out["alphaMode"] = material.alpha
    if material.double_sided:
        out["doubleSided"] = True
    return gltf.material(out)


def add_mesh(gltf, name, mesh, material_index):
    positions = mesh.positions.astype("<f4")
    attributes = {
        "POSITION": gltf.raw_accessor(positions.tobytes(), FLOAT, len(positions), "VEC3", ARRAY_BUFFER,
                                      [float(v) for v in positions.min(axis=0)], [float(v) for v in positions.max(axis=0)]),
        "NORMAL": gltf.raw_accessor(mesh.normals.astype("<f4").tobytes(), FLOAT, len(positions), "VEC3", ARRAY_BUFFER),
        "TEXCOORD_0": gltf.raw_accessor(mesh.uvs.astype("<f4").tobytes(), FLOAT, len(positions), "VEC2", ARRAY_BUFFER),
    }
    if mesh.colors is not None:
        attributes["COLOR_0"] = gltf.raw_accessor(np.clip(mesh.colors, 0, 1).astype("<f4").tobytes(), FLOAT,
                                                  len(positions), "VEC4", ARRAY_BUFFER)
    indices = mesh.indices.astype("<u4")
    index_accessor = gltf.raw_accessor(indices.tobytes(), UNSIGNED_INT, len(indices), "SCALAR", ELEMENT_ARRAY_BUFFER)
    mesh_index = gltf.mesh(name, attributes, index_accessor, material_index)
    gltf.node({"name": name, "mesh": mesh_index})


def build_glb(seed, size):
    parts, materials = build_parts(seed, size)
    gltf = GltfBuilder("xrshow tools/content/museum/make_museum.py")
    material_index = {}
    by_material = {}
    for mesh, material in parts:
        by_material.setdefault(material, []).append(mesh)
    for name in by_material:                       # first-use order: deterministic
        material_index[name] = add_material(gltf, materials[name])
        add_mesh(gltf, name, merge(by_material[name]), material_index[name])
    doc = gltf.doc
    doc["extensionsUsed"] = ["KHR_lights_punctual", "KHR_materials_emissive_strength"]
    doc["extensions"] = {"KHR_lights_punctual": {"lights": [
        {"name": "Key", "type": "directional", "color": list(SUN_COLOR), "intensity": SUN_INTENSITY}]}}
    gltf.node({"name": "Key", "rotation": quaternion_looking_along(SUN_DIRECTION),
               "extensions": {"KHR_lights_punctual": {"light": 0}}})
    return gltf.to_glb()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="output folder (the experience's generated/)")
    parser.add_argument("--seed", type=int, default=20240917)
    parser.add_argument("--texture-size", type=int, default=512, help="texture height in pixels (16..2048)")
    parser.add_argument("--only", choices=["model", "narration"], help="generate only this part")
    parser.add_argument("--scripts", default=os.path.join(HERE, "..", "..", "..", "experiences", "museum-tour", "narration"))
    parser.add_argument("--espeak", default="espeak-ng")
    args = parser.parse_args()
    if not 16 <= args.texture_size <= 2048:
        parser.error("--texture-size must be 16..2048")
    os.makedirs(args.out, exist_ok=True)
    if args.only in (None, "model"):
        glb = build_glb(args.seed, args.texture_size)
        with open(os.path.join(args.out, "hall.glb"), "wb") as handle:
            handle.write(glb)
        print(f"wrote {os.path.join(args.out, 'hall.glb')} ({len(glb)} bytes)")
    if args.only in (None, "narration"):
        narration.write_all(os.path.normpath(args.scripts), TOUR_STOPS, args.out, args.espeak)
        print(f"wrote {len(TOUR_STOPS)} narration clips and their subtitles into {args.out}")


if __name__ == "__main__":
    main()
