"""The buildings, walls and street furniture of the Qingshi old town, as lists of meshes per
material (town.py knows where things stand; make_town.py knows how they look).

Houses are Huizhou-style shop houses: whitewashed walls, a timber shop front with lattice
windows, a small skirt roof between the floors, grey tiled gable roofs and, on some, stepped
"horse-head" fire walls. Every house is built facing +Z in its own frame (front wall at z = 0,
body towards -Z) and turned to face its street.
"""
import math

import numpy as np

import route as R
import shapes as S
import surfaces as SF
from shapes import M

# Turn a +Z-facing house so it faces: south (+Z) 0, north (-Z) pi, east (+X) pi/2, west (-X) -pi/2.
FACING = {"south": 0.0, "north": math.pi, "east": math.pi / 2, "west": -math.pi / 2}


class Parts:
    """Meshes collected per material name; placed copies are appended as they are built."""

    def __init__(self):
        self.by_material = {}

    def add(self, material, mesh):
        self.by_material.setdefault(material, []).append(mesh)

    def extend(self, other, turn, offset):
        for material, meshes in other.by_material.items():
            for mesh in meshes:
                self.add(material, mesh.copy().rotate_y(turn).translate(offset))


def scaled_uv(mesh, factor):
    mesh.uvs *= factor
    return mesh


def lantern(x, y, z, size=1.0):
    """A red silk lantern centred at (x, y, z): (body, caps and cord); the body sways, the rest not."""
    body = M.sphere(1.0, 6, 10, (0.55, 0.04, 0.02)).scale((0.26 * size, 0.34 * size, 0.26 * size))
    caps = [M.cylinder(0.12 * size, 0.12 * size, 0.06 * size, 8, (0.1, 0.08, 0.05)).translate((0, dy * size, 0))
            for dy in (0.3, -0.36)]
    cord = M.cylinder(0.012, 0.012, 0.5, 4, (0.1, 0.08, 0.05)).translate((0, 0.34 * size, 0))
    return body.translate((x, y, z)), M.merge(caps + [cord]).translate((x, y, z))


def shop_house(width, depth, height, rng, sign=None, fire_walls=False, lanterns=True):
    """One two-storey shop house in its own frame; returns (Parts, [lantern meshes])."""
    p = Parts()
    p.add("plaster", scaled_uv(M.box((width, height, depth), (1, 1, 1), (0, height / 2, -depth / 2)), 1 / 3))
    p.add("timber", scaled_uv(M.box((width - 0.5, 3.0, 0.16), (1, 1, 1), (0, 1.5, 0.06)), 0.5))
    p.add("stone", M.box((width, 0.3, depth + 0.05), (0.55, 0.55, 0.55), (0, 0.15, -depth / 2)))
    # The skirt roof between the floors and the upper lattice windows.
    p.add("tiles", M.box((width + 0.3, 0.14, 0.95), (1, 1, 1), (0, 3.25, 0.45)))
    windows = 2 if width < 7 else 3
    for k in range(windows):
        x = (k - (windows - 1) / 2) * width / windows
        p.add("window glow", M.box((1.2, 1.0, 0.06), (0.05, 0.035, 0.025), (x, 4.9, 0.02)))
        for dx in (-0.6, -0.2, 0.2, 0.6):   # lattice bars and frame
            p.add("timber", M.box((0.07, 1.1, 0.05), (0.5, 0.5, 0.5), (x + dx, 4.9, 0.07)))
        for dy in (-0.5, 0.0, 0.5):
            p.add("timber", M.box((1.27, 0.07, 0.05), (0.5, 0.5, 0.5), (x, 4.9 + dy, 0.07)))
    p.add("tiles", S.gable_roof(width, depth, 2.0 + 0.2 * rng.random(), 0.55, tile_metres=1.0)
          .translate((0, height, -depth / 2)))
    if fire_walls:
        top = height + 2.2
        for end in (-1, 1):
            for k, (z0, z1, rise) in enumerate(((0.3, -depth * 0.3, 0.2), (-depth * 0.3, -depth * 0.7, 1.0),
                                                (-depth * 0.7, -depth - 0.3, 0.2))):
                h = top + rise - height
                centre = (end * (width / 2 + 0.1), height + h / 2, (z0 + z1) / 2)
                p.add("plaster", scaled_uv(M.box((0.36, h, abs(z1 - z0)), (1, 1, 1), centre), 1 / 3))
                p.add("tiles", M.box((0.7, 0.22, abs(z1 - z0) + 0.3), (0.6, 0.6, 0.6),
                                     (centre[0], height + h + 0.1, centre[2])))
    if sign is not None:
        p.add("signs", S.sign(2.6, 0.65, SF.sign_uv(sign)).translate((0, 3.85, 0.03)))
    lights = []
    if lanterns:
        for end in (-1, 1):
            body, caps = lantern(end * (width / 2 - 1.0), 2.55, 0.75)
            lights.append(body)
            p.add("iron", caps)
    return p, lights


def street_row(parts, lanterns, rng, start, end, front, facing, signs=()):
    """Houses along a street edge from `start` to `end` (coordinates along the street), their
    fronts on the line `front`. Street along z for facing east/west, along x for north/south."""
    along_z = facing in ("east", "west")
    length = abs(end - start)
    count = max(1, int(round(length / 7.5)))
    widths = rng.random(count) + 1.0
    widths = widths / widths.sum() * length
    position = min(start, end)
    signs = list(signs)
    for index, width in enumerate(widths):
        centre = position + width / 2
        position += width
        depth = 8.0 + 2.0 * rng.random()
        height = 6.6 + 1.2 * rng.random()
        sign = signs[index] if index < len(signs) else None
        house, lights = shop_house(width - 0.15, depth, height, rng, sign=sign, fire_walls=rng.random() < 0.5)
        offset = (front, 0.0, centre) if along_z else (centre, 0.0, front)
        parts.extend(house, FACING[facing], offset)
        for light in lights:
            lanterns.append(light.rotate_y(FACING[facing]).translate(offset))


def placed_sign(parts, name, position, facing, width=2.6, height=0.65):
    parts.add("signs", S.sign(width, height, SF.sign_uv(name)).rotate_y(FACING[facing]).translate(position))


def gate_and_walls(parts):
    """The town gate (an arched passage under a gate tower) in a crenellated wall running east-west."""
    stone = (1.0, 0.96, 0.9)   # times the granite texture's ~0.2 albedo
    wall_height, depth = 8.0, R.GATE_DEPTH
    parts.add("masonry", scaled_uv(S.arched_wall(16.0, wall_height, depth, 4.6, 3.4, stone), 0.5)
              .translate((0, 0, R.GATE_Z)))
    for side in (-1, 1):
        x0, x1 = side * 8.0, side * 70.0
        centre = ((x0 + x1) / 2, 3.5, R.GATE_Z)
        parts.add("masonry", scaled_uv(M.box((abs(x1 - x0), 7.0, 4.0), stone, centre), 0.5))
        for k in range(int(abs(x1 - x0) / 2.4)):
            x = x0 + side * (1.2 + 2.4 * k)
            for face in (-1, 1):
                parts.add("masonry", scaled_uv(M.box((1.2, 0.9, 0.5), stone, (x, 7.45, R.GATE_Z + face * 1.75)), 0.25))
    # Parapet on the gate and the tower on top: red columns, timber walls, an upturned hip roof.
    top = wall_height
    for face in (-1, 1):
        parts.add("masonry", scaled_uv(M.box((16.0, 1.0, 0.45), stone, (0, top + 0.5, R.GATE_Z + face * 2.78)), 0.25))
    parts.add("stone", M.box((10.4, 0.3, 4.4), (0.5, 0.5, 0.5), (0, top + 0.15, R.GATE_Z)))
    parts.add("timber", scaled_uv(M.box((9.0, 3.4, 3.2), (1, 1, 1), (0, top + 0.3 + 1.7, R.GATE_Z)), 0.5))
    for i in range(5):
        for face in (-1, 1):
            x = -4.6 + 2.3 * i
            parts.add("lacquer", M.cylinder(0.22, 0.2, 3.6, 10, (0.5, 0.05, 0.03))
                      .translate((x, top + 0.3, R.GATE_Z + face * 2.0)))
    parts.add("tiles", M.upturned_roof(5.2, 2.3, 2.6, 0.35, 0.8, (1, 1, 1)).translate((0, top + 3.9, R.GATE_Z)))
    plaque = R.FEATURES["gate-plaque"]
    parts.add("stone", M.box((3.6, 1.2, 0.1), (0.3, 0.3, 0.3), (plaque[0], plaque[1], plaque[2] - 0.06)))
    placed_sign(parts, "青石古镇", plaque, "south", width=3.2, height=0.8)


def lamp_post(parts, lamps, x, z):
    iron = (0.035, 0.033, 0.03)
    parts.add("iron", M.cylinder(0.09, 0.06, 3.3, 8, iron).translate((x, 0, z)))
    parts.add("iron", M.box((0.5, 0.06, 0.5), iron, (x, 3.3, z)))
    parts.add("iron", M.cylinder(0.36, 0.02, 0.3, 4, iron).translate((x, 3.78, z)))
    lamps.append(M.box((0.3, 0.42, 0.3), (1, 1, 1), (x, 3.55, z)))


def old_tree(parts, x, z, rng):
    """The old camphor tree: a thick trunk, four spreading limbs and a wide, low crown of blobs."""
    bark = (0.26, 0.20, 0.15)
    parts.add("bark", M.cylinder(0.95, 0.6, 3.6, 12, bark).translate((x, 0, z)))
    parts.add("stone", M.cylinder(2.4, 2.4, 0.45, 24, (0.36, 0.35, 0.33)).translate((x, 0, z)))
    for k in range(4):
        a = 2 * math.pi * k / 4 + 0.4
        limb = M.cylinder(0.45, 0.2, 3.8, 8, bark)
        lean = np.array([[1, 0, 0], [0.8 * math.cos(a), 1, 0.8 * math.sin(a)], [0, 0, 1]])
        limb.positions = limb.positions @ lean
        parts.add("bark", limb.translate((x, 3.2, z)))
    for k in range(22):
        a = rng.random() * 2 * math.pi
        r = 4.2 * math.sqrt(rng.random())
        radius = 1.8 + 1.0 * rng.random()
        green = (0.06 + 0.03 * rng.random(), 0.12 + 0.04 * rng.random(), 0.04)
        blob = M.sphere(radius, 6, 10, green).scale((1, 0.7, 1))
        parts.add("foliage", blob.translate((x + r * math.cos(a), 6.0 + 2.2 * rng.random() - 0.25 * r,
                                             z + r * math.sin(a))))


def small_tree(parts, x, z, rng):
    parts.add("bark", M.cylinder(0.22, 0.14, 3.0, 6, (0.22, 0.16, 0.11)).translate((x, 0, z)))
    for k in range(3):
        blob = M.sphere(1.4 + 0.5 * rng.random(), 5, 8, (0.08, 0.14 + 0.04 * rng.random(), 0.04))
        parts.add("foliage", blob.translate((x + rng.random() - 0.5, 3.5 + 0.9 * k, z + rng.random() - 0.5)))


def guardian_lion(parts, x, z, facing):
    """A stone lion on a plinth, roughly blocked out: seated body, head, mane and front legs."""
    stone = (0.22, 0.21, 0.2)
    lion = [M.box((1.1, 1.0, 1.6), stone, (0, 0.5, 0)), M.box((0.9, 0.7, 1.1), stone, (0, 1.35, -0.15)),
            M.sphere(0.55, 6, 10, stone).scale((1, 1.05, 0.9)).translate((0, 2.05, 0.25)),
            M.sphere(0.32, 5, 8, stone).translate((0, 1.95, 0.7)),
            M.box((0.25, 0.8, 0.25), stone, (-0.25, 1.4, 0.45)), M.box((0.25, 0.8, 0.25), stone, (0.25, 1.4, 0.45))]
    parts.add("stone", M.merge(lion).rotate_y(FACING[facing]).translate((x, 0, z)))


def museum(parts, lanterns):
    """The town museum (an old ancestral hall) on a stone platform, facing west onto the plaza."""
    x0, z = R.MUSEUM_FRONT_X, R.MUSEUM_Z
    plinth = 0.9
    parts.add("masonry", scaled_uv(M.box((16.0, plinth, 24.0), (0.7, 0.68, 0.64), (x0 + 8.0, plinth / 2, z)), 0.25))
    for k in range(3):  # steps up to the platform, in front of the door
        parts.add("stone", M.box((0.45, plinth * (k + 1) / 4, 7.0), (0.42, 0.41, 0.39),
                                 (x0 - 1.35 + 0.45 * k, plinth * (k + 1) / 8, z)))
    body_x = x0 + 2.0
    parts.add("plaster", scaled_uv(M.box((10.0, 6.4, 18.0), (1, 1, 1), (body_x + 5.0, plinth + 3.2, z)), 1 / 3))
    parts.add("timber", scaled_uv(M.box((0.12, 4.4, 12.0), (1, 1, 1), (body_x - 0.02, plinth + 2.2, z)), 0.5))
    door = R.FEATURES["museum-door"]
    parts.add("door", M.box((0.1, 3.2, 2.4), (0.03, 0.025, 0.02), (body_x - 0.1, plinth + 1.6, door[2])))
    for i in range(6):
        parts.add("lacquer", M.cylinder(0.26, 0.24, 5.8, 12, (0.52, 0.05, 0.03))
                  .translate((x0 + 0.7, plinth, z - 7.5 + 3.0 * i)))
    parts.add("tiles", M.upturned_roof(6.4, 10.6, 3.6, 0.28, 1.0, (1, 1, 1)).translate((body_x + 5.0 - 0.6, plinth + 6.4, z)))
    plaque = R.FEATURES["museum-plaque"]
    placed_sign(parts, "古镇博物馆", plaque, "west", width=3.4, height=0.85)
    for side in (-1, 1):   # guardian lions before the steps, big lanterns under the eaves
        guardian_lion(parts, x0 - 2.4, z + side * 4.6, "west")
        body, caps = lantern(x0 + 0.7, plinth + 4.6, z + side * 3.0, size=1.6)
        lanterns.append(body)
        parts.add("iron", caps)


def build(rng):
    """All static parts, plus the lantern bodies (animated) and lamp heads (emissive)."""
    parts, lanterns, lamps = Parts(), [], []
    gate_and_walls(parts)
    for side in (-1, 1):
        guardian_lion(parts, side * 4.2, R.GATE_Z + R.GATE_DEPTH / 2 + 1.6, "south")
    inner = R.GATE_Z - R.GATE_DEPTH / 2 - 0.2
    hw = R.STREET_HALF_WIDTH
    north, south = R.SIDE_STREET_Z
    # The main street: east side broken by the side street, west side by the old tree's square.
    street_row(parts, lanterns, rng, inner, south, hw, "west", signs=["客栈", None, "药铺"])
    street_row(parts, lanterns, rng, north, -46.0, hw, "west")
    street_row(parts, lanterns, rng, inner, south, -hw, "east", signs=[None, "书局"])
    street_row(parts, lanterns, rng, north, -46.0, -hw, "east")
    street_row(parts, lanterns, rng, -12.0, 12.0, -48.0, "south")                 # closes the street's end
    street_row(parts, lanterns, rng, north - 0.5, south + 0.5, -13.0, "east")     # behind the old tree
    # The teahouse on the crossing's north-east corner (its sign is a route feature).
    teahouse = R.FEATURES["teahouse"]
    placed_sign(parts, "茶馆", teahouse, "west", width=2.0)
    # The side street east to the plaza, then the plaza's sides.
    street_row(parts, lanterns, rng, hw + 0.2, 21.0, north, "south")
    street_row(parts, lanterns, rng, hw + 0.2, 21.0, south, "north")
    street_row(parts, lanterns, rng, 21.0, 56.0, -36.0, "south")
    street_row(parts, lanterns, rng, 21.0, 56.0, 4.0, "north")
    museum(parts, lanterns)
    # Outside the gate: the ticket office (right) and the restrooms (left), facing the forecourt.
    for name, feature, facing, width in (("售票处", "ticket-office", "west", 8.0), ("洗手间", "restrooms", "east", 6.0)):
        house, lights = shop_house(width, 6.0, 6.2, rng, sign=name, lanterns=False)
        x, _, z = R.FEATURES[feature]
        parts.extend(house, FACING[facing], (round(x), 0.0, z))   # the sign hangs 3 cm before the front
    # Lamp posts along the streets and trees outside the wall and on the plaza.
    for z in (14.0, 2.0, -8.0, -26.0, -38.0):
        for side in (-1, 1):
            lamp_post(parts, lamps, side * (hw - 0.6), z + side * 3.0)
    for x in (12.0, 20.0):
        lamp_post(parts, lamps, x, north + 0.6)
    tree_x, _, tree_z = R.FEATURES["old-tree"]
    old_tree(parts, tree_x, tree_z, rng)
    for x, z in ((-18.0, 34.0), (-26.0, 44.0), (20.0, 48.0), (28.0, 36.0), (-36.0, 56.0), (40.0, 60.0),
                 (24.0, -30.0), (24.0, -2.0)):
        small_tree(parts, x, z, rng)
    return parts, lanterns, lamps
