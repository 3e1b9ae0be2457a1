#!/usr/bin/env python3
"""Generates the fictional Qingshi old town (青石古镇) of experiences/mr-navigation: a walled
town gate, a main street of Huizhou-style shop houses, a crossing with an old camphor tree and a
side street to the museum plaza, under a late-afternoon sun. The build captures it to 360°
video from route.VIEWPOINTS (tools/content/mr-navigation.cmake).

    make_town.py --out TOWN.gltf [--seed N] [--texture-size PX] [--ffmpeg PATH]

Deterministic for a seed (numpy's default_rng, ffmpeg's bitexact PNG of the sign atlas). Red
lanterns sway slightly ("lanterns@bobY=...", tools/xrshow/SceneAnimation.h); their period is the
captured loop's length so the video loops without a jump.
"""
import argparse
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gltf_builder import GltfBuilder, quaternion_looking_along  # noqa: E402
import shapes as S  # noqa: E402
import surfaces as SF  # noqa: E402
import town  # noqa: E402
from shapes import M  # noqa: E402
from surfaces import T  # noqa: E402

SUN_TO = (-0.62, 0.50, 0.60)   # towards the sun: late afternoon, low in the south-west
LANTERN_SWAY = "bobY=0.02:1"   # metres : seconds (= the CI loop, 4 frames at 4 fps)
REPEAT = {"magFilter": 9729, "minFilter": 9987, "wrapS": 10497, "wrapT": 10497}
CLAMP = {"magFilter": 9729, "minFilter": 9987, "wrapS": 33071, "wrapT": 33071}


def ground_plane(half, y, uv_metres, rgb):
    return S.quad([(-half, y, half), (half, y, half), (half, y, -half), (-half, y, -half)],
                  [(0, 2 * half / uv_metres), (2 * half / uv_metres, 2 * half / uv_metres),
                   (2 * half / uv_metres, 0), (0, 0)], rgb)


def hills(seed):
    """A ring of wooded hills 220..420 m out, fading into haze, so no horizon is bare."""
    segments, rings = 180, 6
    azimuth = np.linspace(0, 2 * math.pi, segments + 1)
    radius = np.linspace(220.0, 420.0, rings)
    r, a = np.meshgrid(radius, azimuth, indexing="ij")
    ridge = T.fbm(a / (2 * math.pi) * 12, r / 80.0, 4, seed, period_x=12)
    h = (r - 200.0) / 220.0 * (30.0 + 90.0 * ridge ** 1.6)
    h[0] = -2.0
    x, z = r * np.cos(a), r * np.sin(a)
    pos = np.stack([x, h, z], -1).reshape(-1, 3)
    tri = M.grid_triangles(rings, segments + 1)[:, [0, 2, 1]]
    normals = M.smooth_normals(pos, tri)
    haze = np.clip((r.reshape(-1) - 200.0) / 260.0, 0, 1)[:, None]
    colour = np.array([0.07, 0.12, 0.06]) * (1 - haze) + np.array([0.30, 0.34, 0.42]) * haze
    uv = np.stack([x / 8.0, z / 8.0], -1).reshape(-1, 2)
    return M.Mesh(pos, normals, uv, np.concatenate([colour, np.ones((len(pos), 1))], 1), tri)


def cloud_dome(sun_u, seed):
    """Scattered clouds on a flattened 1600 m dome, seen from inside (cf. the scenic spot's)."""
    radius, rings, segments = 1600.0, 16, 72
    elevation = np.radians(np.linspace(70.0, 2.0, rings + 1))
    azimuth = np.linspace(0.0, 2 * math.pi, segments + 1)
    el, az = np.meshgrid(elevation, azimuth, indexing="ij")
    d = np.stack([np.cos(el) * np.cos(az), np.sin(el), np.cos(el) * np.sin(az)], -1).reshape(-1, 3)
    uv = np.stack([az / (2 * math.pi), (np.radians(70.0) - el) / np.radians(68.0)], -1).reshape(-1, 2)
    tri = M.grid_triangles(rings + 1, segments + 1)
    return M.Mesh(d * radius * np.array([1, 0.35, 1]), -d, uv, M.colored(len(d), (1, 1, 1)), tri)


def materials(b, texture_size, seed, ffmpeg):
    def texture(image):
        return b.png_texture(T.png_bytes(image), REPEAT)

    def pbr(name, roughness, texture_index=None, metallic=0.0, emissive=None, double=False, blend=False):
        material = {"name": name, "pbrMetallicRoughness": {"metallicFactor": metallic, "roughnessFactor": roughness}}
        if texture_index is not None:
            material["pbrMetallicRoughness"]["baseColorTexture"] = {"index": texture_index}
        if emissive is not None:
            material["emissiveFactor"] = list(emissive[0])
            if emissive[1] is not None:
                material["emissiveTexture"] = {"index": emissive[1]}
        if double:
            material["doubleSided"] = True
        if blend:
            material["alphaMode"] = "BLEND"
        return b.material(material)

    size = texture_size
    paving = texture(SF.paving(size, seed + 1))
    plaster = texture(SF.plaster(size, seed + 2))
    timber = texture(SF.timber(size, seed + 3))
    tiles = texture(SF.roof_tiles(size // 2, seed + 4))
    detail = texture(T.detail(max(size // 4, 16), seed + 5))
    signs = b.png_texture(SF.sign_atlas_png(ffmpeg), CLAMP)
    sun_u = (math.atan2(SUN_TO[2], SUN_TO[0]) / (2 * math.pi)) % 1.0
    clouds = b.png_texture(T.png_bytes(T.cloud_layer(512, 128, seed + 6, sun_u)),
                           {"magFilter": 9729, "minFilter": 9987, "wrapS": 10497, "wrapT": 33071})
    return {
        "paving": pbr("granite paving", 0.75, paving),
        "masonry": pbr("town wall masonry", 0.85, paving),
        "plaster": pbr("whitewash", 0.9, plaster),
        "timber": pbr("shop-front timber", 0.6, timber),
        "tiles": pbr("grey roof tiles", 0.55, tiles, double=True),
        "stone": pbr("stone", 0.8, detail),
        "lacquer": pbr("red lacquer", 0.35),
        "iron": pbr("dark iron", 0.45, metallic=0.8),
        "door": pbr("dark doorway", 0.9),
        "signs": pbr("signboards", 0.5, signs, emissive=([0.25, 0.25, 0.25], signs)),
        "lantern": pbr("red lanterns", 0.6, emissive=([1.3, 0.16, 0.05], None)),
        "lamp": pbr("lamp glow", 0.6, emissive=([2.6, 1.7, 0.8], None)),
        "window glow": pbr("warm windows", 0.8, emissive=([0.5, 0.32, 0.14], None)),
        "bark": pbr("bark", 0.9, detail),
        "foliage": pbr("foliage", 0.8, detail),
        "grass": pbr("grass", 0.95, detail),
        "hills": pbr("far hills", 1.0, detail),
        "clouds": b.material({"name": "clouds", "alphaMode": "BLEND", "doubleSided": True,
                              "pbrMetallicRoughness": {"baseColorFactor": [0.0, 0.0, 0.0, 1.0],
                                                       "baseColorTexture": {"index": clouds},
                                                       "metallicFactor": 0.0, "roughnessFactor": 1.0},
                              "emissiveFactor": [1.5, 1.5, 1.5], "emissiveTexture": {"index": clouds}}),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20241122)
    parser.add_argument("--texture-size", type=int, default=256)
    parser.add_argument("--ffmpeg", default="ffmpeg")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    b = GltfBuilder("xrshow tools/content/mrnav/make_town.py")
    mat = materials(b, args.texture_size, args.seed, args.ffmpeg)

    def place(name, mesh, material, parent=None):
        index = b.node({"name": name, "mesh": S.add_mesh(b, name, mesh, mat[material])}, root=parent is None)
        if parent is not None:
            b.doc["nodes"][parent].setdefault("children", []).append(index)
        return index

    parts, lanterns, lamps = town.build(rng)
    place("streets and plazas", ground_plane(75.0, 0.0, 3.0, (1, 1, 1)), "paving")
    place("fields", ground_plane(600.0, -0.05, 3.0, (0.10, 0.14, 0.05)), "grass")
    place("hills", hills(args.seed + 7), "hills")
    for material, meshes in parts.by_material.items():
        place(material, M.merge(meshes), material)
    place("lamps", M.merge(lamps), "lamp")
    place(f"lanterns@{LANTERN_SWAY}", M.merge(lanterns), "lantern")
    place("clouds", cloud_dome(0.0, args.seed), "clouds")
    # The sun (KHR_lights_punctual); the sky's colours are capture-pano options in the build.
    b.doc.setdefault("extensionsUsed", []).append("KHR_lights_punctual")
    b.doc["extensions"] = {"KHR_lights_punctual": {"lights": [
        {"name": "sun", "type": "directional", "color": [1.0, 0.86, 0.68], "intensity": 2.4}]}}
    b.node({"name": "sun", "rotation": quaternion_looking_along([-c for c in SUN_TO]),
            "extensions": {"KHR_lights_punctual": {"light": 0}}})
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(b.to_json())


if __name__ == "__main__":
    main()
