"""A small temple hall (three bays by two) on a stone platform, as a ruin and as reconstructed.

Both states are written with the same node names for what they share, so a later engine feature
can blend between them: platform, kerb_NN (the platform's edge stones), step_N, base_RC (column
bases, row R front to back, column C left to right), column_RC (a broken stump in the ruin, the
full column restored), wall_back/wall_left/wall_right (low broken walls / full walls). Only the
ruin has stone_NN (fallen masonry, reused in the rebuilding); only the reconstruction has
beam_*, bracket_RC, roof and ridge. Coordinates: the platform's centre at ground level is the
origin, the front (steps) faces +Z.
"""
import math

import numpy as np

from geometry import box, grid_surface, lathe, merge, orient, rotation_x, rotation_y, tube
from glb_export import Part
from materials import Material
from textures import fbm, normal_map, orm, smoothstep

HALF_X, HALF_Z, TOP = 5.0, 3.8, 0.6          # the platform
COLUMN_X = (-3.9, -1.3, 1.3, 3.9)
COLUMN_Z = (2.6, 0.0, -2.6)                   # front row first
COLUMN_HEIGHT = 3.3
COLUMN_RADIUS = 0.2
EAVE_OVERHANG = 1.35


def pavilion_materials(rng, materials, size):
    s = max(size // 2, 16)
    stone = fbm(rng, s, s, cells=5, octaves=6)
    materials["stone"] = Material("stone", base_image=np.array([0.34, 0.32, 0.28]) * (0.75 + 0.4 * stone[..., None]),
                                  orm_image=orm(1.0, 0.75 + 0.15 * stone, 0.0), normal_image=normal_map(stone, 1.5))
    weathered = fbm(rng, s, s, cells=7, octaves=6)
    lichen = smoothstep(0.55, 0.75, fbm(rng, s, s, cells=12, octaves=4))
    old = np.array([0.3, 0.28, 0.24]) * (0.65 + 0.5 * weathered[..., None])
    old = old * (1 - 0.5 * lichen[..., None]) + np.array([0.2, 0.2, 0.08]) * 0.5 * lichen[..., None]
    materials["stone_old"] = Material("stone_old", base_image=old, orm_image=orm(1.0, 0.85 + 0.1 * weathered, 0.0),
                                      normal_image=normal_map(weathered, 2.5))
    # Brick: 0.24 x 0.06 courses in running bond.
    t = np.arange(s) / s
    course = (t * 8) % 1.0
    bond = ((t[None, :] * 2 + 0.5 * (np.floor(t * 8)[:, None] % 2)) % 1.0)
    mortar = (course[:, None] < 0.1) | (bond < 0.04)
    brick_noise = fbm(rng, s, s, cells=16, octaves=3)
    brick = np.where(mortar[..., None], np.array([0.3, 0.28, 0.25]), np.array([0.17, 0.16, 0.16]) * (0.8 + 0.4 * brick_noise[..., None]))
    materials["brick"] = Material("brick", base_image=brick, orm_image=orm(1.0, 0.85 + 0.1 * brick_noise, 0.0),
                                  normal_image=normal_map(np.where(mortar, 0.0, 1.0) + 0.1 * brick_noise, 1.2))
    earth = fbm(rng, s, s, cells=8, octaves=6)
    grass = smoothstep(0.5, 0.7, fbm(rng, s, s, cells=6, octaves=4))
    top = np.array([0.28, 0.2, 0.12]) * (0.8 + 0.3 * earth[..., None])
    top = top * (1 - grass[..., None]) + np.array([0.15, 0.16, 0.06]) * grass[..., None]
    materials["ruin_top"] = Material("ruin_top", base_image=top, orm_image=orm(1.0, 0.9 + 0.08 * earth, 0.0), normal_image=normal_map(earth, 2.0))
    tiles = (t * 4) % 1.0
    paving = np.where(((tiles[:, None] < 0.03) | (tiles[None, :] < 0.03))[..., None], np.array([0.12, 0.11, 0.1]),
                      np.array([0.3, 0.29, 0.27]) * (0.85 + 0.25 * stone[..., None]))
    materials["paving"] = Material("paving", base_image=paving, orm_image=orm(1.0, 0.75 + 0.1 * stone, 0.0))
    materials["lacquer_red"] = Material("lacquer_red", base=(0.36, 0.045, 0.025), roughness=0.45)
    materials["plaster_red"] = Material("plaster_red", base=(0.42, 0.1, 0.06), roughness=0.85)
    materials["painted_teal"] = Material("painted_teal", base=(0.04, 0.16, 0.14), roughness=0.6)
    materials["painted_blue"] = Material("painted_blue", base=(0.03, 0.07, 0.2), roughness=0.6)
    materials["timber_dark"] = Material("timber_dark", base=(0.09, 0.04, 0.025), roughness=0.7)
    materials["timber_old"] = Material("timber_old", base=(0.16, 0.1, 0.07), roughness=0.95)
    # Roof tiles: channels down the slope every 0.25 m, courses every 0.3 m.
    u = np.arange(s) / s
    channel = 0.5 + 0.5 * np.cos(u * 2 * math.pi * 4)
    courses = smoothstep(0.0, 0.15, (u * 3.33) % 1.0)
    height = channel[None, :] * (0.6 + 0.4 * courses[:, None])
    roof = np.array([0.07, 0.075, 0.08]) * (0.6 + 0.6 * height[..., None])
    materials["roof_tile"] = Material("roof_tile", base_image=roof, orm_image=orm(1.0, 0.55 + 0.2 * (1 - height), 0.0),
                                      normal_image=normal_map(height, 6.0))
    materials["ridge"] = Material("ridge", base=(0.06, 0.062, 0.065), roughness=0.5)


# --- shared pieces ----------------------------------------------------------------------------

def kerb_layout():
    """[(name, centre, size)] of the platform's edge stones, about 1.2 m each."""
    stones = []
    for side, (length, fixed, along_x) in enumerate(((2 * HALF_X, HALF_Z, True), (2 * HALF_X, -HALF_Z, True),
                                                      (2 * HALF_Z - 0.7, HALF_X, False), (2 * HALF_Z - 0.7, -HALF_X, False))):
        count = int(round(length / 1.2))
        step = length / count
        for k in range(count):
            c = -length / 2 + step * (k + 0.5)
            inset = fixed - math.copysign(0.175, fixed)
            centre = (c, TOP - 0.075, inset) if along_x else (inset, TOP - 0.075, c)
            size = (step - 0.012, 0.15, 0.35) if along_x else (0.35, 0.15, step - 0.012)
            stones.append(("kerb_%02d" % len(stones), centre, size))
    return stones


def column_base():
    plinth = box((0.72, 0.12, 0.72), (0, TOP + 0.06, 0), uv_metres=1.0, skip=("-y",))
    drum = lathe([(0.0, 0.0), (0.29, 0.0), (0.31, 0.03), (0.3, 0.07), (0.24, 0.1), (0.0, 0.1)], 28)
    return merge([plinth, drum.transformed(translation=(0, TOP + 0.12, 0))])


def column(height, rng=None):
    """A column on its base; with rng, broken off at `height` with a jagged top."""
    rows = np.linspace(0, height, 8)
    radius = COLUMN_RADIUS * (1 - 0.08 * rows / COLUMN_HEIGHT)
    prof = [(0.0, 0.0)] + [(float(r), float(y)) for r, y in zip(radius, rows)] + [(0.0, height)]
    mesh = lathe(prof, 24)
    if rng is not None:
        top = mesh.positions[:, 1] > height - 1e-6
        ring = np.abs(mesh.positions[:, 1] - height) < 1e-6
        jag = rng.random(top.sum()) * 0.18
        mesh.positions[np.where(top)[0], 1] -= jag
        mesh.positions[ring & (np.hypot(mesh.positions[:, 0], mesh.positions[:, 2]) < 1e-6), 1] = height - 0.12
    return mesh.transformed(translation=(0, TOP + 0.22, 0))


def wall_run(x0, z0, x1, z1, heights, thickness=0.42):
    """A wall from (x0, z0) to (x1, z1) as upright slices of the given heights (a broken top)."""
    length = math.hypot(x1 - x0, z1 - z0)
    n = len(heights)
    direction = np.array([(x1 - x0) / length, 0, (z1 - z0) / length])
    slices = []
    for k, h in enumerate(heights):
        if h <= 0.02:
            continue
        centre = np.array([x0, 0, z0]) + direction * length * (k + 0.5) / n
        piece = box((length / n + 0.002, h, thickness), (0, h / 2, 0), uv_metres=1 / 0.5)
        angle = math.degrees(math.atan2(-(z1 - z0), x1 - x0))
        slices.append(piece.transformed(rotation=rotation_y(angle), translation=centre + np.array([0, TOP, 0])))
    return merge(slices)


def platform(top_material):
    core = box((2 * HALF_X - 0.02, TOP, 2 * HALF_Z - 0.02), (0, TOP / 2, 0), uv_metres=1 / 1.0, skip=("+y", "-y"))
    top = box((2 * HALF_X - 0.7, 0.01, 2 * HALF_Z - 0.7), (0, TOP - 0.005, 0), uv_metres=1 / 1.0, skip=("-y",))
    return [(core, "brick"), (top, top_material)]


def steps():
    return [("step_%d" % k, box((2.6, 0.2, 0.36), (0, 0.1 + 0.2 * k, HALF_Z + 0.18 + 0.36 * (2 - k)), uv_metres=1.0))
            for k in range(3)]


# --- the two states ---------------------------------------------------------------------------

def ruin_parts(rng):
    parts = [Part("platform", platform("ruin_top"))]
    kerbs = kerb_layout()
    lost_kerbs = set(rng.choice(len(kerbs), 6, replace=False).tolist())
    fallen = []
    for index, (name, centre, size) in enumerate(kerbs):
        mesh = box(size, uv_metres=1.0)
        if index in lost_kerbs:
            # Slid off the edge: lying tilted on the ground just outside the platform.
            out = np.array([centre[0], 0, centre[2]])
            out = out / np.linalg.norm(out)
            place = np.array(centre) + out * 0.9
            place[1] = 0.1
            turn = rotation_y(float(rng.uniform(-25, 25)))
            tilt = np.array([[1, 0, 0], [0, math.cos(0.25), -math.sin(0.25)], [0, math.sin(0.25), math.cos(0.25)]])
            parts.append(Part(name, [(mesh, "stone_old")], place, turn @ tilt))
            fallen.append(place)
        else:
            sink = float(rng.uniform(-0.03, 0.0))
            parts.append(Part(name, [(mesh, "stone_old")], (centre[0], centre[1] + sink, centre[2]),
                              rotation_y(float(rng.uniform(-1.5, 1.5)))))
    for name, mesh in steps():
        worn = mesh.transformed(scale=(1.0, 1.0, 0.96))
        parts.append(Part(name, [(worn, "stone_old")]))
    base_mesh = column_base()
    stumps = {(0, 0): 1.25, (0, 3): 0.55, (2, 1): 0.9, (1, 3): 0.35}
    missing = {(1, 1), (1, 2)}
    for r, z in enumerate(COLUMN_Z):
        for c, x in enumerate(COLUMN_X):
            if (r, c) in missing:
                continue
            name = "base_%d%d" % (r, c)
            if (r, c) == (0, 2):
                # Pushed off its bed and cracked: tilted at the platform's front edge.
                tilt = np.array([[math.cos(0.3), -math.sin(0.3), 0], [math.sin(0.3), math.cos(0.3), 0], [0, 0, 1]])
                parts.append(Part(name, [(base_mesh.transformed(translation=(0, -TOP - 0.06, 0)), "stone_old")],
                                  (x + 0.3, TOP + 0.12, z + 0.6), tilt @ rotation_y(20)))
                continue
            parts.append(Part(name, [(base_mesh, "stone_old")], (x, 0, z)))
            if (r, c) in stumps:
                parts.append(Part("column_%d%d" % (r, c), [(column(stumps[(r, c)], rng), "timber_old")], (x, 0, z)))
    # The low broken walls: rammed-earth-and-brick remains, their tops eroded.
    def broken(n, low, high):
        base = np.linspace(0, 1, n)
        heights = low + (high - low) * np.abs(np.sin(base * 3.1 + rng.random() * 3)) * (0.6 + 0.4 * rng.random(n))
        heights[rng.random(n) < 0.12] *= 0.3
        return heights
    parts.append(Part("wall_back", [(wall_run(-3.9, -2.6, 3.9, -2.6, broken(32, 0.2, 1.3)), "brick")]))
    parts.append(Part("wall_left", [(wall_run(-3.9, -2.6, -3.9, 0.0, broken(10, 0.1, 0.9)), "brick")]))
    parts.append(Part("wall_right", [(wall_run(3.9, -2.6, 3.9, 0.0, broken(10, 0.0, 0.6)), "brick")]))
    # Fallen masonry on the platform and round its foot.
    for k in range(34):
        on_platform = k < 20
        if on_platform:
            x, z, y = rng.uniform(-4.4, 4.4), rng.uniform(-3.2, 3.0), TOP
        else:
            angle = rng.uniform(0, 2 * math.pi)
            x, z, y = (HALF_X + 0.8) * math.sin(angle) * rng.uniform(0.9, 1.3), (HALF_Z + 0.8) * math.cos(angle) * rng.uniform(0.9, 1.3), 0.0
            if abs(x) < 1.6 and z > 0:
                x += 3.0                                         # keep the steps clear
        size = (rng.uniform(0.2, 0.55), rng.uniform(0.1, 0.25), rng.uniform(0.18, 0.4))
        rotation = rotation_y(float(rng.uniform(0, 180))) @ rotation_x(float(rng.normal(0.0, 8.0)))
        material = "brick" if k % 3 == 0 else "stone_old"
        parts.append(Part("stone_%02d" % k, [(box(size, uv_metres=1.0), material)], (x, y + size[1] * 0.4, z), rotation))
    return parts


def roof_surface(y0, rise, half_x, half_z, lift, offset=0.0):
    """A hipped roof: rows of shrinking rectangles from the eaves (t=0) to the ridge (t=1),
    concave like a Chinese roof (shallow at the eaves, steep near the ridge) and with the eave
    corners turned up. offset lowers the surface (the soffit under the tiles)."""
    rows, per_side = 14, 24
    ts = np.linspace(0, 0.98, rows)          # the top row stays a thin rectangle under the ridge
    ring = []
    for t in ts:
        a, b = half_x - half_z * t, half_z * (1 - t)
        y = y0 + rise * (0.55 * t + 0.45 * t ** 2.2) - offset
        pts = []
        corners = [(a, b), (-a, b), (-a, -b), (a, -b)]
        for k in range(4):
            (xa, za), (xb, zb) = corners[k], corners[(k + 1) % 4]
            for s in np.linspace(0, 1, per_side, endpoint=False):
                px, pz = xa + (xb - xa) * s, za + (zb - za) * s
                corner = min(s, 1 - s) * math.hypot(xb - xa, zb - za)
                up = lift * math.exp(-corner / 1.1) * (1 - t) ** 2
                pts.append((px, y + up, pz))
        pts.append(pts[0])
        ring.append(pts)
    grid = np.array(ring)
    perimeter = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(grid[0], axis=0), axis=1))])
    slope = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(grid[:, 0], axis=0), axis=1))])
    uv = np.stack(np.meshgrid(perimeter, slope, indexing="xy"), axis=2)
    mesh = grid_surface(grid, uv, wrap_columns=True)
    if mesh.normals[:, 1].mean() < 0:
        mesh.normals = -mesh.normals
    return orient(mesh)


def restored_parts():
    parts = [Part("platform", platform("paving"))]
    for name, centre, size in kerb_layout():
        parts.append(Part(name, [(box(size, uv_metres=1.0), "stone")], centre))
    for name, mesh in steps():
        parts.append(Part(name, [(mesh, "stone")]))
    base_mesh = column_base()
    full = column(COLUMN_HEIGHT)
    for r, z in enumerate(COLUMN_Z):
        for c, x in enumerate(COLUMN_X):
            parts.append(Part("base_%d%d" % (r, c), [(base_mesh, "stone")], (x, 0, z)))
            parts.append(Part("column_%d%d" % (r, c), [(full, "lacquer_red")], (x, 0, z)))
    top = TOP + 0.22 + COLUMN_HEIGHT
    # Architraves front to back and side to side, then a bracket set on every column.
    beams = [box((2 * 3.9 + 0.5, 0.42, 0.26), (0, top - 0.21, z)) for z in COLUMN_Z]
    beams += [box((0.26, 0.42, 2 * 2.6 + 0.5), (x, top - 0.21, 0)) for x in COLUMN_X]
    plates = [box((2 * 3.9 + 0.7, 0.12, 0.4), (0, top + 0.06, z)) for z in COLUMN_Z]
    parts.append(Part("beam_architraves", [(merge(beams), "painted_teal"), (merge(plates), "painted_blue")]))
    for r, z in enumerate(COLUMN_Z):
        for c, x in enumerate(COLUMN_X):
            # A bracket set: a bearing block, crossed arms, small blocks and longer arms above.
            blocks = [box((0.46, 0.16, 0.46), (0, top + 0.2, 0))]
            blocks += [box((0.9, 0.13, 0.2), (0, top + 0.345, 0)), box((0.2, 0.13, 0.9), (0, top + 0.345, 0))]
            blocks += [box((0.22, 0.1, 0.22), (s * 0.36, top + 0.46, 0)) for s in (-1, 1)]
            blocks += [box((0.22, 0.1, 0.22), (0, top + 0.46, s * 0.36)) for s in (-1, 1)]
            blocks += [box((1.25, 0.12, 0.22), (0, top + 0.57, 0)), box((0.22, 0.12, 1.25), (0, top + 0.57, 0))]
            parts.append(Part("bracket_%d%d" % (r, c), [(merge(blocks), "painted_teal")], (x, 0, z)))
    eave_y = top + 0.62
    half_x, half_z = 3.9 + EAVE_OVERHANG, 2.6 + EAVE_OVERHANG
    roof = roof_surface(eave_y, 2.5, half_x, half_z, 0.55)
    soffit = roof_surface(eave_y, 2.5, half_x, half_z, 0.55, offset=0.22)
    soffit.normals = -soffit.normals
    soffit.indices = soffit.indices.reshape(-1, 3)[:, ::-1].reshape(-1)
    soffit.uvs[:] = 0.0      # untextured; lavapipe samples metre-scale uvs seen edge-on very slowly
    parts.append(Part("roof", [(roof, "roof_tile"), (soffit, "timber_dark")]))
    ridge_y = eave_y + 2.5
    ridge = [box((2 * (half_x - half_z) + 0.4, 0.36, 0.3), (0, ridge_y + 0.12, 0))]
    ridge += [box((0.3, 0.7, 0.34), (sx * (half_x - half_z + 0.2), ridge_y + 0.3, 0)) for sx in (-1, 1)]
    # Hip ridges follow the roof's corners, from the eave's upturned tip to the main ridge.
    ts = np.linspace(0, 1, 12)
    hips = [tube([(sx * (half_x - half_z * t), eave_y + 2.5 * (0.55 * t + 0.45 * t ** 2.2) + 0.55 * (1 - t) ** 2 + 0.08,
                   sz * half_z * (1 - t)) for t in ts], 0.1, 8)
            for sx in (-1, 1) for sz in (-1, 1)]
    parts.append(Part("ridge", [(merge(ridge + hips), "ridge")]))
    # Walls: back and the rear halves of the sides, a brick dado under red plaster.
    def wall(x0, z0, x1, z1):
        dado = wall_run(x0, z0, x1, z1, [0.9] * 4, 0.44)
        upper = wall_run(x0, z0, x1, z1, [COLUMN_HEIGHT] * 4, 0.38)
        return [(dado, "brick"), (upper, "plaster_red")]
    parts.append(Part("wall_back", wall(-3.9, -2.6, 3.9, -2.6)))
    parts.append(Part("wall_left", wall(-3.9, -2.6, -3.9, 0.0)))
    parts.append(Part("wall_right", wall(3.9, -2.6, 3.9, 0.0)))
    return parts
