#!/usr/bin/env python3
"""Generates the fictional scenic spot of experiences/pre-trip-preview ("Cloudmirror Lake",
云镜湖): hills around a lake, a seven-tier pagoda on the far hill, a stone paifang gate on the
path, trees, a lakeside terrace, a boat and a golden-hour sky with a slowly turning cloud layer.

    make_scenic_spot.py OUT.gltf [--seed N]

Deterministic (the seed, default 20240611, drives every random choice; fixed float formatting). The viewpoints the build captures from are
the constants below (tools/content/pre-trip-preview.cmake repeats them): the terrace and the gate
plaza are flattened to known heights so the cameras stand on them.

Motion follows xrshow capture-pano's node naming convention (tools/xrshow/SceneAnimation.h):
"clouds@spinY=..." turns the cloud dome, egrets circle under spinning pivots, a moored boat bobs
and glints on the water turn with the ripple layer.
"""
import argparse
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gltf_builder import GltfBuilder, quaternion_looking_along  # noqa: E402
import meshes as M  # noqa: E402
import textures as T  # noqa: E402

SEED = 20240611                 # the default; --seed replaces it before anything is generated
LAKE_CENTRE = (0.0, -45.0)
LAKE_RADII = (75.0, 62.0)
TERRACE = (10.0, 21.0)          # lakeside terrace centre; its top is at y = TERRACE_TOP
TERRACE_TOP = 0.6               # viewpoint "lakeside": (10, 2.2, 21)
GATE = (-58.0, 30.0)            # the paifang; plaza at y = PLAZA_HEIGHT
PLAZA_HEIGHT = 1.0              # viewpoint "gate": (-58, 2.6, 48)
GATE_VIEW = (-58.0, 48.0)
PAGODA = (12.0, -128.0)
SUN_TO = (-0.906, 0.259, 0.334)  # direction towards the sun: low in the west-south-west
PATH = [(-60.0, 140.0), (-59.0, 60.0), (-58.0, 30.0), (-72.0, 5.0), (-92.0, -25.0), (-96.0, -80.0),
        (-70.0, -130.0), (-25.0, -160.0), (5.0, -168.0)]


def smoothstep(e0, e1, x):
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def lake_distance(x, z):
    """< 1 inside the lake ellipse, 1 on its shore."""
    return np.sqrt(((x - LAKE_CENTRE[0]) / LAKE_RADII[0]) ** 2 + ((z - LAKE_CENTRE[1]) / LAKE_RADII[1]) ** 2)


def path_distance(x, z):
    x = np.asarray(x, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64)
    best = np.full(np.broadcast(x, z).shape, 1e9)
    for (ax, az), (bx, bz) in zip(PATH[:-1], PATH[1:]):
        dx, dz = bx - ax, bz - az
        t = np.clip(((x - ax) * dx + (z - az) * dz) / (dx * dx + dz * dz), 0, 1)
        best = np.minimum(best, np.hypot(x - ax - t * dx, z - az - t * dz))
    return best


def height(x, z):
    x = np.asarray(x, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64)
    r = np.hypot(x, z + 40.0)
    rolling = (T.fbm(x / 60.0 + 50, z / 60.0 + 50, 5, SEED) - 0.45) * 7.0
    ridges = T.fbm(x / 110.0 + 10, z / 110.0 + 10, 5, SEED + 1)
    mountains = smoothstep(170.0, 420.0, r) * (40.0 + 120.0 * ridges ** 1.5)
    pagoda_hill = 14.0 * np.exp(-((x - PAGODA[0]) ** 2 + (z - PAGODA[1]) ** 2) / (2 * 30.0 ** 2))
    h = 1.4 + rolling * smoothstep(20.0, 90.0, r) + mountains + pagoda_hill + 0.6 * smoothstep(0, 40, r)
    # The lake: a basin below the water line with a gentle shore.
    d = lake_distance(x, z)
    h = h * smoothstep(1.0, 1.35, d) + (-3.0 + 3.4 * smoothstep(0.7, 1.0, d)) * (1 - smoothstep(1.0, 1.35, d))
    # Flattened places the cameras and buildings stand on.
    for (cx, cz), level, radius in ((TERRACE, 0.5, 9.0), (GATE_VIEW, PLAZA_HEIGHT, 14.0), (GATE, PLAZA_HEIGHT, 12.0)):
        w = 1 - smoothstep(radius, radius * 2.2, np.hypot(x - cx, z - cz))
        h = h * (1 - w) + level * w
    top = 14.0 + 1.4 + 0.6
    w = 1 - smoothstep(14.0, 26.0, np.hypot(x - PAGODA[0], z - PAGODA[1]))
    h = h * (1 - w) + top * w
    return h


PAGODA_BASE = float(height(PAGODA[0], PAGODA[1]))


def terrain():
    n = 241
    s = np.linspace(-1.0, 1.0, n)
    axis = 520.0 * (0.32 * s + 0.68 * s ** 3)  # dense near the viewpoints, coarse far away
    zz, xx = np.meshgrid(axis, axis, indexing="ij")
    zz = zz - 40.0
    hh = height(xx, zz)
    pos = np.stack([xx, hh, zz], -1).reshape(-1, 3)
    tri = M.grid_triangles(n, n)
    normals = M.smooth_normals(pos, tri)
    slope = 1.0 - normals[:, 1]
    x, y, z = pos[:, 0], pos[:, 1], pos[:, 2]
    patches = T.fbm(x / 25.0, z / 25.0, 4, SEED + 5)
    grass = np.array([0.16, 0.20, 0.05]) * (0.75 + 0.5 * patches[:, None])
    dry = np.array([0.36, 0.28, 0.10])
    forest = np.array([0.035, 0.07, 0.03])
    rock = np.array([0.23, 0.21, 0.19])
    mud = np.array([0.30, 0.24, 0.16])
    colour = grass * (1 - 0.45 * smoothstep(0.55, 0.8, patches)[:, None]) + dry * 0.45 * smoothstep(0.55, 0.8, patches)[:, None]
    woods = smoothstep(0.4, 0.6, T.fbm(x / 45.0, z / 45.0, 4, SEED + 9)) * smoothstep(8.0, 30.0, y)
    colour = colour * (1 - woods[:, None]) + forest * woods[:, None]
    colour = colour * (1 - smoothstep(0.25, 0.5, slope)[:, None]) + rock * smoothstep(0.25, 0.5, slope)[:, None]
    shore = 1 - smoothstep(0.3, 0.7, y)
    colour = colour * (1 - shore[:, None]) + mud * shore[:, None]
    # Aerial perspective baked into the albedo: far hills fade towards a hazy violet-blue.
    distance = np.hypot(x - 0.0, z - 0.0)
    haze = (1 - np.exp(-distance / 520.0))[:, None] * 0.8
    colour = colour * (1 - haze) + np.array([0.30, 0.28, 0.36]) * haze
    colours = np.concatenate([colour, np.ones((len(colour), 1))], axis=1)
    uv = np.stack([x / 6.0, z / 6.0], -1)
    return M.Mesh(pos, normals, uv, colours, tri)


def ground_at(x, z):
    return float(height(x, z))


def pagoda():
    tiers = 7
    body, roofs, trim, glow, gold = [], [], [], [], []
    y = PAGODA_BASE
    body.append(M.box((18, 1.6, 18), (0.42, 0.40, 0.37), (0, y + 0.8, 0)))
    body.append(M.box((14, 0.8, 14), (0.50, 0.48, 0.44), (0, y + 2.0, 0)))
    y += 2.4
    for i in range(tiers):
        half = 5.4 - 0.5 * i
        storey = 5.2 if i == 0 else 3.6 - 0.08 * i
        body.append(M.box((2 * half, storey, 2 * half), (0.62, 0.50, 0.36), (0, y + storey / 2, 0)))
        for cx in (-1, 1):
            for cz in (-1, 1):
                trim.append(M.cylinder(0.32, 0.32, storey, 8, (0.42, 0.05, 0.03)).translate((cx * half, y, cz * half)))
        for side in range(4):
            window = M.box((1.4, 1.8 if i else 2.6, 0.12), (1, 1, 1), (0, y + storey * 0.45, half + 0.02))
            glow.append(window.rotate_y(side * math.pi / 2))
        y += storey
        roof_half = half + 0.3
        roofs.append(M.upturned_roof(roof_half, roof_half, 1.9, 0.55, 1.3, (0.10, 0.15, 0.14)).translate((0, y - 0.3, 0)))
        y += 0.55
    gold.append(M.cylinder(0.5, 0.08, 6.0, 10, (0.9, 0.7, 0.3)).translate((0, y, 0)))
    for k, r in enumerate((0.55, 0.45, 0.35)):
        gold.append(M.sphere(r, 6, 10, (0.9, 0.7, 0.3)).translate((0, y + 1.2 + 1.3 * k, 0)))
    return [M.merge(part).translate((PAGODA[0], 0, PAGODA[1])) for part in (body, roofs, trim, glow, gold)]


def paifang():
    """A three-bay gate, opening along +Z before it is turned to face the path."""
    stone, red, beams, roofs, gold = [], [], [], [], []
    columns = ((-2.1, 7.2), (2.1, 7.2), (-5.2, 5.6), (5.2, 5.6))
    for cx, tall in columns:
        stone.append(M.box((1.3, 1.0, 1.6), (0.55, 0.53, 0.50), (cx, 0.5, 0)))
        red.append(M.cylinder(0.34, 0.30, tall, 12, (0.45, 0.04, 0.02)).translate((cx, 1.0, 0)))
    beams.append(M.box((5.2, 0.55, 0.5), (0.07, 0.16, 0.15), (0, 6.1, 0)))
    beams.append(M.box((5.0, 0.35, 0.45), (0.45, 0.05, 0.03), (0, 5.2, 0)))
    gold.append(M.box((2.2, 0.9, 0.56), (0.8, 0.6, 0.2), (0, 7.0, 0)))
    beams.append(M.box((1.9, 0.7, 0.6), (0.05, 0.09, 0.12), (0, 7.0, 0)))
    for side in (-1, 1):
        beams.append(M.box((3.3, 0.45, 0.45), (0.07, 0.16, 0.15), (side * 3.65, 4.7, 0)))
        beams.append(M.box((3.2, 0.3, 0.4), (0.45, 0.05, 0.03), (side * 3.65, 4.1, 0)))
        roofs.append(M.upturned_roof(1.7, 0.7, 0.8, 0.35, 0.55, (0.10, 0.15, 0.14)).translate((side * 3.65, 5.2, 0)))
    roofs.append(M.upturned_roof(2.6, 0.85, 1.2, 0.4, 0.75, (0.10, 0.15, 0.14)).translate((0, 8.2, 0)))
    parts = []
    for part in (stone, red, beams, roofs, gold):
        mesh = M.merge(part)
        mesh.translate((GATE[0], PLAZA_HEIGHT, GATE[1]))
        parts.append(mesh)
    return parts


def terrace():
    parts = [M.box((10, 1.2, 7), (0.62, 0.50, 0.36), (TERRACE[0], TERRACE_TOP - 0.6, TERRACE[1]))]
    posts = []
    for i in range(9):
        x = TERRACE[0] - 4.6 + i * 1.15
        posts.append(M.box((0.22, 0.9, 0.22), (0.62, 0.60, 0.56), (x, TERRACE_TOP + 0.45, TERRACE[1] - 3.3)))
    posts.append(M.box((9.6, 0.14, 0.26), (0.62, 0.60, 0.56), (TERRACE[0], TERRACE_TOP + 0.95, TERRACE[1] - 3.3)))
    return M.merge(parts + posts)


def flagstones(rng):
    stones = []
    for (ax, az), (bx, bz) in zip(PATH[:-1], PATH[1:]):
        length = math.hypot(bx - ax, bz - az)
        angle = math.atan2(bx - ax, bz - az)
        for k in range(int(length / 1.15)):
            t = (k + 0.5) * 1.15 / length
            x, z = ax + (bx - ax) * t, az + (bz - az) * t
            shade = 0.50 + 0.14 * rng.random()
            stone = M.box((2.0, 0.2, 1.0), (shade, shade * 0.86, shade * 0.68))
            stone.rotate_y(angle + (rng.random() - 0.5) * 0.06)
            stones.append(stone.translate((x, ground_at(x, z) + 0.0, z)))
    return M.merge(stones)


def trees(rng):
    trunks, leaves = [], []
    placed = 0
    attempts = 0
    while placed < 650 and attempts < 20000:
        attempts += 1
        r = 25.0 + 330.0 * rng.random() ** 0.7
        a = rng.random() * 2 * math.pi
        x, z = r * math.sin(a), -40.0 + r * math.cos(a)
        y = ground_at(x, z)
        if lake_distance(x, z) < 1.12 or y < 0.8 or path_distance(x, z) < 4.0:
            continue
        if math.hypot(x - PAGODA[0], z - PAGODA[1]) < 22 or math.hypot(x - GATE[0], z - GATE[1]) < 14:
            continue
        if math.hypot(x - GATE_VIEW[0], z - GATE_VIEW[1]) < 9 or math.hypot(x - TERRACE[0], z - TERRACE[1]) < 8:
            continue
        size = 0.7 + 0.7 * rng.random()
        hue = rng.random()
        if rng.random() < 0.55:  # pine
            trunks.append(M.cylinder(0.25 * size, 0.15 * size, 3.0 * size, 6, (0.16, 0.10, 0.06)).translate((x, y, z)))
            green = (0.03 + 0.02 * hue, 0.075 + 0.03 * hue, 0.035)
            for k in range(3):
                cone = M.cylinder((2.6 - 0.6 * k) * size, 0.05, (3.2 - 0.4 * k) * size, 8, green, caps=False)
                leaves.append(cone.translate((x, y + (2.0 + 1.9 * k) * size, z)))
        else:  # broadleaf, some already turning gold
            trunks.append(M.cylinder(0.3 * size, 0.2 * size, 3.2 * size, 6, (0.18, 0.12, 0.08)).translate((x, y, z)))
            autumn = rng.random() < 0.35
            green = (0.30, 0.17, 0.03) if autumn else (0.07 + 0.05 * hue, 0.13 + 0.05 * hue, 0.03)
            for k in range(3):
                ox, oz = (rng.random() - 0.5) * 2.0 * size, (rng.random() - 0.5) * 2.0 * size
                blob = M.sphere((1.8 + 0.6 * rng.random()) * size, 5, 8, green).scale((1, 0.8, 1))
                leaves.append(blob.translate((x + ox, y + (3.8 + 0.8 * k) * size, z + oz)))
        placed += 1
    return M.merge(trunks), M.merge(leaves)


def boat():
    hull = M.box((1.3, 0.5, 5.0), (0.25, 0.14, 0.07), (0, 0.15, 0))
    canopy = M.cylinder(0.8, 0.8, 2.0, 10, (0.30, 0.22, 0.10), caps=False).scale((1, 1, 1))
    canopy.positions = canopy.positions[:, [0, 2, 1]] * np.array([1, 1, 1]) + np.array([0, 0.4, -1.0])
    canopy.normals = canopy.normals[:, [0, 2, 1]]
    canopy.triangles = canopy.triangles[:, [0, 2, 1]]
    return M.merge([hull, canopy])


def egret():
    """A gliding egret heading -Z: neck drawn back into the shoulders, legs trailing, wings
    (1.7 m span) in two panels each, the inner raised, the outer swept back and drooping."""
    body = M.box((0.14, 0.13, 0.55), (1.0, 1.0, 1.0), (0, 0, 0.0))
    neck = M.box((0.09, 0.10, 0.16), (1.0, 1.0, 1.0), (0, 0.05, -0.32))
    beak = M.box((0.025, 0.025, 0.16), (0.85, 0.65, 0.15), (0, 0.05, -0.48))
    legs = M.box((0.04, 0.03, 0.42), (0.12, 0.12, 0.12), (0, -0.03, 0.48))

    def panel(points):
        p = np.array(points, dtype=np.float64)
        normal = np.cross(p[1] - p[0], p[2] - p[0])
        normal /= np.linalg.norm(normal)
        quad = np.concatenate([p, p])  # both faces: front winding and reversed
        normals = np.concatenate([np.tile(normal, (4, 1)), np.tile(-normal, (4, 1))])
        return M.Mesh(quad, normals, np.zeros((8, 2)), M.colored(8, (1.0, 1.0, 1.0)),
                      [[0, 1, 2], [0, 2, 3], [4, 6, 5], [4, 7, 6]])

    wings = []
    for side in (-1.0, 1.0):
        # Inner panel: shoulder (front, back) to the wrist, raised; outer: wrist to the swept tip.
        wings.append(panel([[0.0, 0.03, -0.12], [0.42 * side, 0.13, -0.06], [0.40 * side, 0.13, 0.16],
                            [0.0, 0.03, 0.16]]))
        wings.append(panel([[0.42 * side, 0.13, -0.06], [0.85 * side, 0.05, 0.18], [0.80 * side, 0.05, 0.30],
                            [0.40 * side, 0.13, 0.16]]))
    return M.merge([body, neck, beak, legs] + wings)


def flock(birds):
    """Egrets on a circle about the local origin, each (radius, height, angle degrees), heading
    along the circle for a pivot that turns counter-clockwise seen from above (+Y)."""
    meshes = []
    for radius, height, angle in birds:
        a = math.radians(angle)
        # At angle 0 the bird sits on +X and a +Y turn carries it towards -Z: it heads -Z there.
        meshes.append(egret().rotate_y(a).translate((radius * math.cos(a), height, -radius * math.sin(a))))
    return M.merge(meshes)


def cloud_dome():
    """A cap of a 1600 m sphere from 1.5 to 75 degrees of elevation, seen from inside."""
    radius = 1600.0
    rings, segments = 24, 96
    elevation = np.radians(np.linspace(75.0, 1.5, rings + 1))  # v = 0 at the top of the band
    azimuth = np.linspace(0.0, 2 * math.pi, segments + 1)
    el, az = np.meshgrid(elevation, azimuth, indexing="ij")
    d = np.stack([np.cos(el) * np.cos(az), np.sin(el), np.cos(el) * np.sin(az)], -1).reshape(-1, 3)
    uv = np.stack([az / (2 * math.pi), (np.radians(75.0) - el) / np.radians(73.5)], -1).reshape(-1, 2)
    tri = M.grid_triangles(rings + 1, segments + 1)
    # Rows go down in elevation, columns turn from +X to +Z: this winding faces inwards.
    return M.Mesh(d * radius * np.array([1, 0.35, 1]), -d, uv, M.colored(len(d), (1, 1, 1)), tri)


def water_disc(radius, repeats):
    segments = 64
    a = np.linspace(0, 2 * math.pi, segments + 1)[:-1]
    pos = [(0.0, 0.0, 0.0)] + [(radius * math.cos(t), 0.0, radius * math.sin(t)) for t in a]
    uv = [(p[0] / (2 * radius) * repeats, p[2] / (2 * radius) * repeats) for p in pos]
    tri = [(0, 1 + (i + 1) % segments, 1 + i) for i in range(segments)]
    return M.Mesh(pos, [(0, 1, 0)] * len(pos), uv, M.colored(len(pos), (1, 1, 1)), tri)


def add_mesh(builder, name, mesh, material):
    def view(array, target):
        return builder._view(array.tobytes(), target)  # noqa: SLF001 - packed numpy data

    def accessor(array, kind, target, with_bounds=False):
        array = np.ascontiguousarray(array, dtype=np.float32)
        entry = {"bufferView": view(array, target), "componentType": FLOAT, "count": len(array), "type": kind}
        if with_bounds:
            entry["min"] = [float(v) for v in array.min(axis=0)]
            entry["max"] = [float(v) for v in array.max(axis=0)]
        builder.doc["accessors"].append(entry)
        return len(builder.doc["accessors"]) - 1

    attributes = {"POSITION": accessor(mesh.positions, "VEC3", M.ARRAY_BUFFER, True),
                  "NORMAL": accessor(mesh.normals, "VEC3", M.ARRAY_BUFFER),
                  "TEXCOORD_0": accessor(mesh.uvs, "VEC2", M.ARRAY_BUFFER),
                  "COLOR_0": accessor(np.clip(mesh.colors, 0, 1), "VEC4", M.ARRAY_BUFFER)}
    indices = np.ascontiguousarray(mesh.triangles.reshape(-1), dtype=np.uint32)
    builder.doc["accessors"].append({"bufferView": view(indices, M.ELEMENT_ARRAY_BUFFER),
                                     "componentType": M.UNSIGNED_INT, "count": len(indices), "type": "SCALAR"})
    return builder.mesh(name, attributes, len(builder.doc["accessors"]) - 1, material)


FLOAT = M.FLOAT


def main():
    global SEED
    parser = argparse.ArgumentParser(description="Generates the Cloudmirror Lake scene (glTF).")
    parser.add_argument("out", help="the .gltf to write")
    parser.add_argument("--seed", type=int, default=SEED, help="terrain, trees, textures (default %(default)s)")
    args = parser.parse_args()
    SEED = args.seed
    rng = np.random.default_rng(SEED)
    b = GltfBuilder("xrshow tools/content/scenic/make_scenic_spot.py")
    repeat = {"magFilter": 9729, "minFilter": 9987, "wrapS": 10497, "wrapT": 10497}
    detail = b.png_texture(T.png_bytes(T.detail(256, SEED + 11)), repeat)
    sun_u = (math.atan2(SUN_TO[2], SUN_TO[0]) / (2 * math.pi)) % 1.0
    clouds = b.png_texture(T.png_bytes(T.cloud_layer(1024, 256, SEED + 21, sun_u)),
                           {"magFilter": 9729, "minFilter": 9987, "wrapS": 10497, "wrapT": 33071})
    glints = b.png_texture(T.png_bytes(T.ripples(256, SEED + 31)), repeat)

    def pbr(name, roughness, metallic=0.0, texture=None, emissive=None, blend=False, double=False):
        material = {"name": name, "pbrMetallicRoughness": {"metallicFactor": metallic, "roughnessFactor": roughness}}
        if texture is not None:
            material["pbrMetallicRoughness"]["baseColorTexture"] = {"index": texture}
        if emissive is not None:
            material["emissiveFactor"] = list(emissive[0])
            if emissive[1] is not None:
                material["emissiveTexture"] = {"index": emissive[1]}
        if blend:
            material["alphaMode"] = "BLEND"
        if double:
            material["doubleSided"] = True
        return b.material(material)

    ground = pbr("ground", 0.95, texture=detail)
    stone = pbr("stone", 0.8, texture=detail)
    plaster = pbr("plaster", 0.7)
    lacquer = pbr("red lacquer", 0.35)
    tiles = pbr("glazed roof tiles", 0.4, double=True)
    glow = pbr("lantern glow", 0.6, emissive=([2.2, 1.2, 0.45], None))
    gilt = pbr("gilt", 0.3, metallic=1.0)
    bark = pbr("bark", 0.9)
    foliage = pbr("foliage", 0.75, texture=detail)
    water = b.material({"name": "lake water", "pbrMetallicRoughness": {
        "baseColorFactor": [0.015, 0.035, 0.04, 1.0], "metallicFactor": 0.0, "roughnessFactor": 0.07}})
    glint = pbr("water glints", 0.2, texture=glints, emissive=([0.9, 0.7, 0.45], glints), blend=True)
    cloud = b.material({"name": "clouds", "alphaMode": "BLEND", "doubleSided": True,
                        "pbrMetallicRoughness": {"baseColorFactor": [0.0, 0.0, 0.0, 1.0], "baseColorTexture": {"index": clouds},
                                                 "metallicFactor": 0.0, "roughnessFactor": 1.0},
                        "emissiveFactor": [1.6, 1.6, 1.6], "emissiveTexture": {"index": clouds}})

    def place(name, mesh, material, parent=None, translation=None):
        node = {"name": name, "mesh": add_mesh(b, name, mesh, material)}
        if translation is not None:
            node["translation"] = list(translation)
        index = b.node(node, root=parent is None)
        if parent is not None:
            b.doc["nodes"][parent].setdefault("children", []).append(index)
        return index

    place("terrain", terrain(), ground)
    place("lake", water_disc(95.0, 1).translate((LAKE_CENTRE[0], 0.0, LAKE_CENTRE[1])), water)
    body, roofs, trim, windows, finial = pagoda()
    place("pagoda body", body, plaster)
    place("pagoda roofs", roofs, tiles)
    place("pagoda columns", trim, lacquer)
    place("pagoda lanterns", windows, glow)
    place("pagoda finial", finial, gilt)
    g_stone, g_red, g_beams, g_roofs, g_gold = paifang()
    place("gate plinths", g_stone, stone)
    place("gate columns", g_red, lacquer)
    place("gate beams", g_beams, lacquer)
    place("gate roofs", g_roofs, tiles)
    place("gate plaque", g_gold, gilt)
    place("terrace", terrace(), stone)
    place("path", flagstones(rng), stone)
    trunks, leaves = trees(rng)
    place("tree trunks", trunks, bark)
    place("tree crowns", leaves, foliage)
    # Motion (tools/xrshow/SceneAnimation.h): a moored boat rocks on the water, glints drift,
    # clouds turn, egrets circle. The full-size loop is 8 s: what repeats within it loops without
    # a jump (the boat's 4 s bob, the egrets' quarter turn onto a four-fold symmetric flock); the
    # clouds (4 degrees) and glints (12 degrees) turn on too slowly to see the seam.
    place("boat@bobY=0.06:4", boat(), bark, translation=[LAKE_CENTRE[0] + 28.0, 0.0, LAKE_CENTRE[1] + 14.0])
    ripple_pivot = b.node({"name": "ripples@spinY=1.5", "translation": [LAKE_CENTRE[0], 0.03, LAKE_CENTRE[1]]})
    place("glints", water_disc(90.0, 36), glint, parent=ripple_pivot)
    place("clouds@spinY=0.5", cloud_dome(), cloud)
    # Egrets circling over the lake and over the gate: the motion a short loop shows. Each flock
    # is one group repeated every 90 degrees and turns a quarter circle in 8 s.
    feathers = pbr("egret feathers", 0.8, double=True)

    def four_fold(group):
        return [(radius, height, angle + quarter) for quarter in (0.0, 90.0, 180.0, 270.0)
                for radius, height, angle in group]

    lake_flock = b.node({"name": "egrets over the lake@spinY=11.25", "translation": [4.0, 0.0, -8.0]})
    place("lake egrets", flock(four_fold([(11.0, 9.0, 0.0), (12.5, 9.8, 14.0)])), feathers, parent=lake_flock)
    gate_flock = b.node({"name": "egrets over the gate@spinY=11.25",
                         "translation": [GATE[0] + 3.0, PLAZA_HEIGHT, GATE[1] - 6.0]})
    place("gate egrets", flock(four_fold([(8.5, 10.2, 30.0)])), feathers, parent=gate_flock)
    # The low sun (KHR_lights_punctual; xrshow maps lux loosely to its exposure).
    b.doc.setdefault("extensionsUsed", []).append("KHR_lights_punctual")
    b.doc["extensions"] = {"KHR_lights_punctual": {"lights": [
        {"name": "sun", "type": "directional", "color": [1.0, 0.72, 0.46], "intensity": 3.4}]}}
    b.node({"name": "sun", "rotation": quaternion_looking_along([-c for c in SUN_TO]),
            "extensions": {"KHR_lights_punctual": {"light": 0}}})
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(b.to_json())


if __name__ == "__main__":
    main()
