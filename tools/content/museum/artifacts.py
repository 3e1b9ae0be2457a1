"""The seven artifacts: geometry (metres, origin at the centre of the base, facing +Z) and their
procedural materials. Each builder returns [(Mesh, material name), ...] and registers its
materials in the `materials` dict it is given; `size` is the texture height in pixels."""
import math

import numpy as np

from geometry import Mesh, box, grid_surface, lathe, merge, orient, rotation_x, rotation_y, rotation_z, tube
from materials import Material
from textures import fbm, mix, normal_map, orm, smoothstep

# Linear-light colours of aged bronze (measured looks, not chemistry): cast metal where worn,
# the dark brown of cuprite under it, verdigris and the paler malachite/azurite crust.
BRONZE_METAL = np.array([0.42, 0.27, 0.13])
BRONZE_DARK = np.array([0.085, 0.055, 0.032])
VERDIGRIS = np.array([0.085, 0.20, 0.15])
MALACHITE = np.array([0.20, 0.34, 0.27])


def profile_t(profile):
    """Arc-length fraction of each profile point, as lathe() uses for v."""
    p = np.asarray(profile, np.float64)
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(p[:, 0]), np.diff(p[:, 1])))])
    return arc / arc[-1]


def rows_height(profile, rows):
    """For each texture row (top = end of profile), the profile's y and radius there."""
    p = np.asarray(profile, np.float64)
    t = profile_t(profile)
    v = (np.arange(rows) + 0.5) / rows
    tq = 1.0 - v
    return np.interp(tq, t, p[:, 1]), np.interp(tq, t, p[:, 0])


def patina(rng, height, width, relief=None, amount=0.5, cells=6):
    """Base colour, roughness and metallic images of patinated bronze.

    `relief` (0..1, high = raised) concentrates crust in the recesses and wears raised parts
    back to metal, as handling and cleaning do."""
    crust = fbm(rng, width, height, cells=cells, octaves=6, aspect=width / height)
    spots = fbm(rng, width, height, cells=cells * 3, octaves=4, aspect=width / height)
    dark = fbm(rng, width, height, cells=cells * 2, octaves=5, aspect=width / height)
    r = np.zeros((height, width)) if relief is None else relief
    green = smoothstep(0.62 - amount * 0.4, 0.85 - amount * 0.3, crust + 0.35 * (1 - r) - 0.2)
    worn = smoothstep(0.55, 0.95, r) * (1 - green)
    base = mix(BRONZE_DARK, BRONZE_DARK * 1.7, dark)
    base = mix(base, BRONZE_METAL, worn * 0.7)
    crust_colour = mix(VERDIGRIS, MALACHITE, smoothstep(0.55, 0.8, spots))
    base = mix(base, crust_colour, green)
    roughness = 0.42 + 0.45 * green - 0.12 * worn + 0.08 * (dark - 0.5)
    metallic = np.clip(0.85 * (1 - green) + 0.1 * worn, 0, 1)
    occlusion = 0.65 + 0.35 * (r if relief is not None else np.ones_like(r))
    return base, roughness, metallic, occlusion


def bronze_material(name, rng, height, width, relief=None, amount=0.5, normal_strength=6.0,
                    double_sided=False):
    base, rough, metal, occ = patina(rng, height, width, relief, amount)
    bumps = fbm(rng, width, height, cells=24, octaves=3, aspect=width / height) * 0.35
    field = bumps + (0 if relief is None else relief)
    return Material(name, base_image=base, orm_image=orm(occ, rough, metal),
                    normal_image=normal_map(field, normal_strength * height / 512.0),
                    double_sided=double_sided)


# ------------------------------------------------------------------------------------------
# Ding: a tripod cauldron with two upright handles and a belt of taotie masks on leiwen spirals.

DING_PROFILE = [(0.001, 0.29), (0.09, 0.295), (0.17, 0.32), (0.225, 0.37), (0.252, 0.44), (0.262, 0.53),
                (0.264, 0.64), (0.266, 0.71), (0.286, 0.722), (0.293, 0.74), (0.288, 0.76), (0.27, 0.764),
                (0.252, 0.745), (0.247, 0.64), (0.24, 0.5), (0.205, 0.4), (0.12, 0.355), (0.001, 0.345)]
DING_BELT = (0.575, 0.695)


def ding_relief(height, width):
    """Relief (0..1) over the ding body's lathe uv: the belt of three taotie masks."""
    y, radius = rows_height(DING_PROFILE, height)
    circumference = 2 * math.pi * 0.265
    u = (np.arange(width) + 0.5) / width
    X = u[None, :] * circumference
    Y = y[:, None] * np.ones((1, width))
    inside_belt = (Y > DING_BELT[0]) & (Y < DING_BELT[1])
    # Only the outer wall carries the belt (the profile passes these heights again inside).
    rows_t = 1.0 - (np.arange(height) + 0.5) / height
    outer = (rows_t < profile_t(DING_PROFILE)[8])[:, None]
    belt = inside_belt & outer
    relief = np.zeros((height, width))
    # Leiwen: square spirals approximated by concentric squares in 2.2 cm cells.
    cell = 0.022
    lx = (X / cell) % 1.0 - 0.5
    ly = ((Y - DING_BELT[0]) / cell) % 1.0 - 0.5
    ring = np.floor(np.maximum(np.abs(lx), np.abs(ly)) * 7.0)
    leiwen = (ring % 2 == 0).astype(float) * 0.35
    # Taotie: three masks around; each a pair of eyes, brows and a central ridge.
    motif = circumference / 3
    mx = (X % motif) - motif / 2                      # -0.28 .. 0.28 m around the motif centre
    my = Y - (DING_BELT[0] + DING_BELT[1]) / 2
    face = ((mx / 0.2) ** 2 + (my / 0.05) ** 2) < 1.0
    eye_dist = np.sqrt(((np.abs(mx) - 0.055) / 0.018) ** 2 + (my / 0.014) ** 2)
    eyes = np.clip(1.2 - eye_dist, 0, 1) ** 0.4
    brow = (np.abs(my - 0.028 + 0.1 * (np.abs(mx) - 0.06) ** 2) < 0.006) & (np.abs(mx) > 0.02) & (np.abs(mx) < 0.15)
    horn = (np.abs(np.hypot(np.abs(mx) - 0.13, my + 0.005) - 0.03) < 0.006) & (np.abs(mx) > 0.1)
    ridge = (np.abs(mx) < 0.006) & (np.abs(my) < 0.05)
    body = face * 0.55
    pattern = np.where(face, body, leiwen)
    pattern = np.maximum(pattern, brow * 0.9)
    pattern = np.maximum(pattern, horn * 0.85)
    pattern = np.maximum(pattern, ridge * 0.9)
    pattern = np.maximum(pattern, eyes)
    edge = np.minimum(np.abs(Y - DING_BELT[0]), np.abs(Y - DING_BELT[1]))
    border = (edge < 0.006).astype(float) * 0.9
    relief = np.where(belt, np.maximum(pattern * (edge >= 0.006), border), relief)
    # A raised string of bosses just above the belt as on many Western Zhou ding.
    string = (np.abs(Y - (DING_BELT[1] + 0.012)) < 0.003) & outer
    return np.maximum(relief, string * 0.7)


def ding(rng, materials, size):
    relief = ding_relief(size, size * 2)
    materials["bronze_ding"] = bronze_material("bronze_ding", rng, size, size * 2, relief, amount=0.55)
    parts = [(lathe(DING_PROFILE, segments=96), "bronze_ding")]
    plain = []
    leg_profile = [(0.044, 0.0), (0.05, 0.012), (0.04, 0.035), (0.031, 0.12), (0.03, 0.2), (0.036, 0.27),
                   (0.05, 0.31), (0.052, 0.34), (0.001, 0.35)]
    for k in range(3):
        angle = 90 + k * 120
        a = math.radians(angle)
        leg = lathe(leg_profile, segments=20)
        plain.append(leg.transformed(translation=(0.16 * math.sin(a), 0.0, 0.16 * math.cos(a))))
    for side in (-1, 1):
        # Upright loop handle on the rim: two posts and a bar, tilted slightly outwards.
        handle = merge([box((0.032, 0.16, 0.03), (0.0, 0.08, -0.055)), box((0.032, 0.16, 0.03), (0.0, 0.08, 0.055)),
                        box((0.034, 0.032, 0.14), (0.0, 0.16, 0.0))])
        handle = handle.transformed(rotation=rotation_z(-8 * side), translation=(side * 0.275, 0.745, 0.0))
        plain.append(handle)
    # Six flanges across the belt: at the mask centres and between them.
    for k in range(6):
        a = math.radians(k * 60)
        fin = box((0.012, DING_BELT[1] - DING_BELT[0], 0.028))
        plain.append(fin.transformed(rotation=rotation_y(math.degrees(a) + 90),
                                     translation=(0.272 * math.sin(a), sum(DING_BELT) / 2, 0.272 * math.cos(a))))
    parts.append((merge(plain), "bronze_plain"))
    return parts


def bronze_plain(rng, materials, size):
    materials["bronze_plain"] = bronze_material("bronze_plain", rng, size // 2, size // 2, None, amount=0.5)


# ------------------------------------------------------------------------------------------
# Porcelain: a blue-and-white meiping, a celadon yuhuchun vase and a lotus bowl.

MEIPING_PROFILE = [(0.001, 0.0), (0.052, 0.0), (0.058, 0.006), (0.058, 0.03), (0.063, 0.08), (0.077, 0.16),
                   (0.098, 0.24), (0.116, 0.3), (0.122, 0.33), (0.117, 0.352), (0.095, 0.372), (0.058, 0.388),
                   (0.032, 0.396), (0.028, 0.41), (0.034, 0.416), (0.034, 0.428), (0.024, 0.428),
                   (0.02, 0.41), (0.001, 0.4)]
YUHUCHUN_PROFILE = [(0.001, 0.0), (0.036, 0.0), (0.04, 0.004), (0.04, 0.014), (0.052, 0.022), (0.072, 0.045),
                    (0.084, 0.075), (0.083, 0.1), (0.072, 0.13), (0.052, 0.16), (0.034, 0.19), (0.026, 0.215),
                    (0.025, 0.235), (0.03, 0.258), (0.042, 0.28), (0.054, 0.298), (0.056, 0.303),
                    (0.05, 0.303), (0.04, 0.29), (0.028, 0.27), (0.021, 0.24), (0.001, 0.225)]
BOWL_PROFILE = [(0.001, 0.006), (0.028, 0.006), (0.03, 0.0), (0.036, 0.0), (0.038, 0.01), (0.05, 0.015),
                (0.068, 0.032), (0.08, 0.052), (0.087, 0.07), (0.088, 0.076), (0.085, 0.079), (0.082, 0.074),
                (0.075, 0.055), (0.06, 0.033), (0.035, 0.018), (0.001, 0.015)]
GLAZE_WHITE = np.array([0.70, 0.74, 0.75])
COBALT = np.array([0.018, 0.04, 0.24])
CELADON = np.array([0.26, 0.44, 0.33])
IRON_FOOT = np.array([0.30, 0.13, 0.06])


def line(distance, width, pixel):
    """Antialiased coverage of a line `width` wide at `distance` (same units as pixel)."""
    return 1.0 - smoothstep(width / 2 - pixel, width / 2 + pixel, np.abs(distance))


def meiping_material(rng, size):
    height, width = size, size * 2
    y, radius = rows_height(MEIPING_PROFILE, height)
    Y = y[:, None] * np.ones((1, width))
    u = (np.arange(width) + 0.5) / width
    U = np.ones((height, 1)) * u[None, :]
    px = 0.0015 * 512 / size
    blue = np.zeros((height, width))
    for yl in (0.032, 0.038, 0.104, 0.11, 0.3, 0.306, 0.375, 0.381):
        blue = np.maximum(blue, line(Y - yl, 0.0025, px))
    # Lotus panels at the foot: pointed arches, outlined, lightly washed inside.
    pu = (U * 12) % 1.0 - 0.5
    arch_top = 0.098 - 0.055 * np.abs(pu) ** 1.3 * 2
    inside = (Y > 0.04) & (Y < arch_top)
    blue = np.maximum(blue, line(Y - arch_top, 0.0025, px) * (Y > 0.04))
    blue = np.maximum(blue, line(pu * 0.03, 0.0022, px) * (Y > 0.04) * (Y < arch_top - 0.012))
    blue = np.maximum(blue, inside * 0.25)
    # Main zone: a peony scroll, vine plus blossoms and leaves.
    vine_y = 0.205 + 0.05 * np.sin(2 * math.pi * 4 * U)
    blue = np.maximum(blue, line(Y - vine_y, 0.003, px) * (Y > 0.12) * (Y < 0.29))
    for k in range(8):
        cu = (k + 0.25) / 8
        cy = 0.205 + 0.05 * math.sin(2 * math.pi * 4 * cu) * (1 if k % 2 == 0 else -1) * 0 + \
            (0.245 if k % 2 == 0 else 0.165)
        du = ((U - cu + 0.5) % 1.0 - 0.5) * 2 * math.pi * np.interp(cy, y[::-1], radius[::-1])
        dy = Y - cy
        r = np.hypot(du, dy)
        angle = np.arctan2(dy, du)
        petals = 0.03 * (0.75 + 0.25 * np.cos(angle * 8))
        blossom = (r < petals).astype(float)
        rings = line(r - 0.018, 0.002, px) + line(r - 0.009, 0.002, px)
        blue = np.maximum(blue, np.clip(blossom * 0.85 - rings * 0.8 + (r < 0.005), 0, 1))
        for leaf_side in (-1, 1):
            lu = du - leaf_side * 0.05
            ly = dy + 0.012 * leaf_side
            leaf = ((lu / 0.022) ** 2 + (ly / 0.009) ** 2) < 1
            blue = np.maximum(blue, leaf * 0.9)
    # Shoulder: a cloud collar of four pointed lappets filled with waves.
    lappet = 0.372 - 0.058 * (0.5 + 0.5 * np.cos(2 * math.pi * 4 * U)) ** 0.45
    in_collar = (Y > lappet) & (Y < 0.372)
    waves = line(np.sin((Y * 260 + 0.6 * np.sin(U * 2 * math.pi * 24)) * math.pi), 0.8, 0.15)
    blue = np.maximum(blue, in_collar * (0.95 - 0.7 * waves))
    blue = np.maximum(blue, line(Y - lappet, 0.003, px) * (Y > 0.31))
    # Neck bands.
    blue = np.maximum(blue, ((Y > 0.394) & (Y < 0.402)) * 0.9)
    heaped = fbm(rng, width, height, cells=12, octaves=4, aspect=2)
    cobalt = mix(COBALT * 1.5, COBALT * 0.45, smoothstep(0.45, 0.85, heaped))   # "heaped and piled" dark spots
    glaze_tint = fbm(rng, width, height, cells=5, octaves=3, aspect=2)
    base = mix(GLAZE_WHITE * (0.97 + 0.05 * glaze_tint[..., None]), cobalt, np.clip(blue, 0, 1))
    foot = Y < 0.005
    base = np.where(foot[..., None], np.array([0.55, 0.45, 0.36]), base)
    rough = np.where(foot, 0.8, 0.1 + 0.03 * glaze_tint)
    return Material("porcelain_blue_white", base_image=base, orm_image=orm(1.0, rough, 0.0))


def celadon_material(rng, name, profile, size, foot_height, petals=0):
    height, width = size, size * 2
    y, radius = rows_height(profile, height)
    Y = y[:, None] * np.ones((1, width))
    U = np.ones((height, 1)) * ((np.arange(width) + 0.5) / width)[None, :]
    cloud = fbm(rng, width, height, cells=6, octaves=4, aspect=2)
    relief = np.zeros((height, width))
    if petals:
        rows_t = 1.0 - (np.arange(height) + 0.5) / height
        outer = (rows_t < profile_t(profile)[9])[:, None]
        pu = (U * petals) % 1.0 - 0.5
        py = np.clip((Y - 0.012) / 0.05, 0, 1.2)
        outline = 0.5 * (1 - np.clip(py, 0, 1) ** 2.2) + 0.02
        petal = np.clip(1 - np.abs(pu) / outline, 0, 1)
        carved = (1 - smoothstep(0.0, 0.18, petal)) * (py < 1.0) * (Y > 0.012)
        rib = line(pu, 0.05, 0.02) * (py < 0.85) * (Y > 0.015)
        relief = np.where(outer, 0.6 * petal ** 0.5 - 0.5 * carved + 0.25 * rib, 0.0)
    # Thick glaze reads darker where it pools (recesses, the lower body).
    pooling = np.clip(0.5 - relief, 0, 1) * 0.5 + 0.25 * (1 - smoothstep(0.0, 0.12, Y))
    base = CELADON * (0.9 + 0.18 * cloud[..., None]) * (1 - 0.35 * pooling[..., None])
    foot = Y < foot_height
    base = np.where(foot[..., None], IRON_FOOT, base)
    rough = np.where(foot, 0.75, 0.14 + 0.04 * cloud)
    occlusion = np.clip(0.8 + 0.2 * relief / 0.6, 0.6, 1.0)
    return Material(name, base_image=base, orm_image=orm(occlusion, rough, 0.0),
                    normal_image=normal_map(relief, 3.0 * size / 512.0) if petals else None)


def porcelain(rng, materials, size):
    materials["porcelain_blue_white"] = meiping_material(rng, size)
    materials["celadon_vase"] = celadon_material(rng, "celadon_vase", YUHUCHUN_PROFILE, size, 0.004)
    materials["celadon_bowl"] = celadon_material(rng, "celadon_bowl", BOWL_PROFILE, size, 0.004, petals=14)
    return {
        "meiping": [(lathe(MEIPING_PROFILE, segments=72), "porcelain_blue_white")],
        "yuhuchun": [(lathe(YUHUCHUN_PROFILE, segments=64), "celadon_vase")],
        "bowl": [(lathe(BOWL_PROFILE, segments=64), "celadon_bowl")],
    }


# ------------------------------------------------------------------------------------------
# Jade bi: a disc with a grain pattern of raised dots, on a dark wooden stand.

BI_OUTER, BI_INNER, BI_HALF = 0.135, 0.045, 0.0075


def bi_profile():
    """Closed cross-section (r, y) of the disc, rounded edges; lathed about Y, then stood up."""
    points = [(BI_INNER, -BI_HALF + 0.002)]
    for r in np.linspace(BI_INNER + 0.003, BI_OUTER - 0.003, 24):
        points.append((float(r), -BI_HALF))
    for a in np.linspace(-90, 90, 9):
        points.append((BI_OUTER - 0.003 + 0.003 * math.cos(math.radians(a)) + 0.0015 * math.cos(math.radians(a)),
                       BI_HALF * math.sin(math.radians(a))))
    for r in np.linspace(BI_OUTER - 0.003, BI_INNER + 0.003, 24):
        points.append((float(r), BI_HALF))
    for a in np.linspace(90, 270, 9):
        points.append((BI_INNER + 0.0035 * math.cos(math.radians(a)), BI_HALF * math.sin(math.radians(a))))
    return points[1:]


def jade(rng, materials, size):
    profile = bi_profile()
    height, width = size, size * 2
    y, radius = rows_height(profile, height)
    R = radius[:, None] * np.ones((1, width))
    U = np.ones((height, 1)) * ((np.arange(width) + 0.5) / width)[None, :]
    # Grain pattern (guwen): rows of domes every 9 mm in radius and around.
    spacing = 0.009
    ring = np.round((R - BI_INNER) / spacing)
    r_centre = BI_INNER + ring * spacing
    count = np.maximum(np.round(2 * math.pi * r_centre / spacing), 1)
    offset = (ring % 2) * 0.5
    around = ((U * count + offset) % 1.0 - 0.5) * spacing
    d = np.hypot(R - r_centre, around)
    faces = (R > BI_INNER + 0.008) & (R < BI_OUTER - 0.008) & (np.abs(y[:, None]) > BI_HALF * 0.9)
    domes = np.where(faces, np.clip(1 - d / 0.0032, 0, 1) ** 0.6, 0.0)
    cloud = fbm(rng, width, height, cells=4, octaves=5, aspect=2)
    veins = fbm(rng, width, height, cells=10, octaves=4, aspect=2)
    jade_green = np.array([0.2, 0.3, 0.18])
    base = jade_green * (0.8 + 0.4 * cloud[..., None])
    base = mix(base, np.array([0.42, 0.48, 0.32]), smoothstep(0.6, 0.9, veins) * 0.6)
    calcified = smoothstep(0.72, 0.9, fbm(rng, width, height, cells=3, octaves=4, aspect=2))
    base = mix(base, np.array([0.42, 0.26, 0.12]), calcified * 0.8)
    rough = 0.16 + 0.1 * calcified + 0.06 * (1 - domes)
    materials["jade"] = Material(
        "jade", base_image=base, orm_image=orm(0.85 + 0.15 * domes, rough, 0.0),
        normal_image=normal_map(domes * 0.6, 4.0 * size / 512.0),
        emissive=(0.05, 0.08, 0.045), emissive_image=base / base.max())  # light scattered in the stone
    disc = lathe(profile, segments=96).transformed(rotation=rotation_x(90), translation=(0, BI_OUTER + 0.055, 0))
    stand = merge([box((0.34, 0.035, 0.13), (0, 0.0175, 0)),
                   box((0.05, 0.06, 0.05), (-0.075, 0.06, 0)), box((0.05, 0.06, 0.05), (0.075, 0.06, 0))])
    return [(disc, "jade"), (stand, "wood_dark")]


# ------------------------------------------------------------------------------------------
# Bronze mask with protruding eyes, after the great mask from Sanxingdui pit 2.

MASK_RADIUS = 0.62   # the face curves back around a cylinder this wide


def mask_height(x, y):
    """Forward relief (metres) of the face over its base cylinder."""
    h = 0.025 * (1 - (x / 0.5) ** 2)
    ax = np.abs(x)
    # Brows: long blades rising outwards.
    brow_y = 0.125 + 0.12 * (ax - 0.06)
    h += 0.028 * np.exp(-((y - brow_y) / 0.016) ** 2) * ((ax > 0.05) & (ax < 0.38))
    # Eye sockets: slanted almond rims around the protruding pupils.
    ex, ey = ax - 0.2, y - 0.04 - 0.1 * (ax - 0.2)
    almond = (ex / 0.13) ** 2 + (ey / 0.045) ** 2
    h += 0.018 * np.exp(-((np.sqrt(almond) - 1.0) / 0.18) ** 2) - 0.01 * (almond < 1)
    # Nose: a long ridge ending in broad hooked wings.
    h += 0.04 * np.exp(-(x / 0.03) ** 2) * np.clip((0.12 - y) / 0.16, 0, 1) * (y > -0.06)
    h += 0.05 * np.exp(-((x / 0.075) ** 2 + ((y + 0.04) / 0.03) ** 2))
    # Mouth: a wide, thin-lipped line turning up at the corners.
    mouth_y = -0.135 + 0.25 * (ax / 0.3) ** 4 * 0.1
    lips = np.exp(-((np.abs(y - mouth_y) - 0.013) / 0.007) ** 2) * (ax < 0.3)
    h += 0.016 * lips - 0.012 * np.exp(-((y - mouth_y) / 0.004) ** 2) * (ax < 0.3)
    # Jaw: a firm rounded chin line.
    h += 0.015 * np.exp(-((y + 0.2) / 0.03) ** 2) * (ax < 0.35)
    return h


def mask(rng, materials, size):
    cols, rows = 120, 64
    xs = np.linspace(-0.46, 0.46, cols + 1)
    s = np.linspace(0.0, 1.0, rows + 1)
    X, S = np.meshgrid(xs, s, indexing="xy")
    bottom = -0.245 + 0.07 * (X / 0.46) ** 2
    top = 0.235 - 0.015 * (X / 0.46) ** 2
    Y = bottom + S * (top - bottom)
    h = mask_height(X, Y)
    a = X / MASK_RADIUS
    outward = np.stack([np.sin(a), np.zeros_like(a), np.cos(a)], axis=2)
    pts = np.stack([MASK_RADIUS * np.sin(a), Y, MASK_RADIUS * np.cos(a) - MASK_RADIUS], axis=2) + outward * h[..., None]
    uv = np.stack([(X + 0.5), 1 - (Y + 0.3) / 0.6], axis=2)
    face = grid_surface(pts, uv)
    # Keep the normals facing forward (+Z): the grid's winding is arbitrary.
    if face.normals[len(face.normals) // 2][2] < 0:
        face.normals = -face.normals
        orient(face)
    # Relief texture: the face's own height drives the patina so recesses hold the crust.
    th, tw = size, size
    tx = (np.arange(tw) + 0.5) / tw - 0.5
    ty = 0.3 - (np.arange(th) + 0.5) / th * 0.6
    TX, TY = np.meshgrid(tx, ty, indexing="xy")
    relief = mask_height(TX, TY)
    relief = (relief - relief.min()) / (relief.max() - relief.min())
    materials["bronze_mask"] = bronze_material("bronze_mask", rng, th, tw, relief, amount=0.7, normal_strength=3.0,
                                               double_sided=True)
    parts = [(face, "bronze_mask")]
    plain = []
    for side in (-1, 1):
        # Pupils: cylinders 16 cm long with a bulging ring halfway, pointing straight out.
        eye = lathe([(0.001, 0.0), (0.042, 0.0), (0.04, 0.05), (0.05, 0.075), (0.04, 0.1), (0.037, 0.16),
                     (0.03, 0.17), (0.001, 0.172)], segments=28)
        ex = side * 0.2
        base_z = MASK_RADIUS * math.cos(ex / MASK_RADIUS) - MASK_RADIUS + float(mask_height(np.array(ex), np.array(0.04)))
        plain.append(eye.transformed(rotation=rotation_x(90), translation=(MASK_RADIUS * math.sin(ex / MASK_RADIUS),
                                                                            0.04, base_z - 0.02)))
        # Ears: broad leaf shapes flaring outwards and a little back.
        outline = [(0.0, -0.1), (0.07, -0.13), (0.15, -0.08), (0.2, 0.02), (0.22, 0.14), (0.17, 0.2),
                   (0.09, 0.17), (0.03, 0.09), (0.0, 0.05)]
        plain.append(slab(outline, 0.018).transformed(
            rotation=rotation_y(-25 * side) if side > 0 else rotation_y(25) @ np.diag([-1, 1, 1]),
            translation=(side * 0.44, 0.0, -0.12)))
    parts.append((merge(plain), "bronze_plain"))
    return parts


def slab(outline, thickness):
    """A flat plate (in the XY plane, `thickness` along Z) from a star-shaped outline."""
    pts = np.asarray(outline, np.float64)
    centre = pts.mean(axis=0)
    n = len(pts)
    meshes = []
    for z, normal in ((thickness / 2, 1.0), (-thickness / 2, -1.0)):
        positions = [(centre[0], centre[1], z)] + [(p[0], p[1], z) for p in pts]
        indices = []
        for i in range(n):
            indices += [0, 1 + i, 1 + (i + 1) % n]
        uvs = [(p[0] * 2, p[1] * 2) for p in [centre] + list(pts)]
        meshes.append(orient(Mesh(positions, [(0, 0, normal)] * (n + 1), uvs, indices)))
    for i in range(n):
        a, b = pts[i], pts[(i + 1) % n]
        edge = b - a
        normal = np.array([edge[1], -edge[0], 0.0])
        normal /= np.linalg.norm(normal)
        if np.dot(normal[:2], (a + b) / 2 - centre) < 0:
            normal = -normal
        quad = [(a[0], a[1], -thickness / 2), (b[0], b[1], -thickness / 2), (b[0], b[1], thickness / 2),
                (a[0], a[1], thickness / 2)]
        meshes.append(orient(Mesh(quad, [normal] * 4, [(0, 0), (1, 0), (1, 1), (0, 1)], [0, 1, 2, 0, 2, 3])))
    return merge(meshes)


# ------------------------------------------------------------------------------------------
# Bianzhong: two tiers of yongzhong bells on a lacquered frame.

def bell_surface(height, t, phi):
    """Point on a bell of `height`: t 0 at the mouth .. 1 at the top; almond cross-section."""
    half_width = height * (0.36 - 0.1 * t) * (1 + 0.04 * np.sin(math.pi * t))
    c = np.cos(phi)
    x = half_width * np.sin(phi)
    z = half_width * 0.64 * np.sign(c) * np.abs(c) ** 1.35
    y = height * t + height * 0.13 * c ** 2 * (1 - t) ** 6
    return np.stack([x, y, z], axis=-1)


def bell(height, segments=40, rows=18):
    t = np.linspace(0.0, 1.0, rows + 1)
    phi = np.linspace(0, 2 * math.pi, segments + 1)
    T, P = np.meshgrid(t, phi, indexing="ij")
    pts = bell_surface(height, T, P)
    pts[:, -1] = pts[:, 0]
    uv = np.stack([P / (2 * math.pi), 1 - T], axis=2)
    body = grid_surface(pts, uv, wrap_columns=True)
    # Outward normals (the grid's own winding decides nothing).
    centre = np.stack([np.zeros(len(body.positions)), body.positions[:, 1], np.zeros(len(body.positions))], axis=1)
    if np.mean(np.sum(body.normals * (body.positions - centre), axis=1)) < 0:
        body.normals = -body.normals
        orient(body)
    # Flat top: a fan from the axis to the body's top ring.
    ring = pts[-1]
    cap = grid_surface(np.stack([np.repeat([[0.0, height, 0.0]], len(ring), axis=0), ring]),
                       np.stack([uv[-1], uv[-1]]), wrap_columns=True)
    cap.normals[:] = (0, 1, 0)
    orient(cap)
    shank = lathe([(height * 0.07, height), (height * 0.055, height * 1.42), (height * 0.07, height * 1.44),
                   (height * 0.07, height * 1.48), (0.001, height * 1.49)], segments=16)
    bosses = []
    boss = lathe([(height * 0.022, 0.0), (height * 0.018, height * 0.03), (height * 0.008, height * 0.06),
                  (0.001, height * 0.065)], segments=10)
    for front in (0.0, math.pi):
        for column in (-1, 1):
            for row in range(3):
                for k in range(3):
                    phi_b = front + column * (0.35 + 0.22 * k)
                    t_b = 0.6 + 0.12 * row
                    p = bell_surface(height, np.array(t_b), np.array(phi_b))
                    dp = bell_surface(height, np.array(t_b), np.array(phi_b + 1e-3)) - p
                    dt = bell_surface(height, np.array(t_b + 1e-3), np.array(phi_b)) - p
                    n = np.cross(dp, dt)
                    n = n / np.linalg.norm(n)
                    if np.dot(n, [p[0], 0, p[2]]) < 0:
                        n = -n
                    bosses.append(boss.transformed(rotation=rotation_from_y(n), translation=p))
    return merge([body, cap, shank]), merge(bosses)


def rotation_from_y(direction):
    """Rotation taking +Y to `direction`."""
    d = np.asarray(direction, np.float64)
    d = d / np.linalg.norm(d)
    y = np.array([0.0, 1.0, 0.0])
    v = np.cross(y, d)
    c = float(np.dot(y, d))
    if np.linalg.norm(v) < 1e-9:
        return np.eye(3) if c > 0 else np.diag([1.0, -1.0, -1.0])
    k = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + k + k @ k * (1 / (1 + c))


def bell_relief(height, width):
    """Raised bands framing the boss panels and a scroll field on the striking area."""
    t = 1 - (np.arange(height) + 0.5) / height
    u = (np.arange(width) + 0.5) / width
    T, U = np.meshgrid(t, u, indexing="ij")
    phi = (U * 2 * math.pi) % math.pi          # both faces alike
    a = np.abs(phi - math.pi / 2)              # 0 at the face centre... pi/2 at the sides
    face = np.abs(phi - math.pi / 2) < 1.25
    relief = np.zeros_like(T)
    relief = np.maximum(relief, line(T - 0.52, 0.02, 0.004) * face)
    relief = np.maximum(relief, line(T - 0.97, 0.02, 0.004) * face)
    relief = np.maximum(relief, (line(a - 0.2, 0.025, 0.005) + line(a - 1.1, 0.025, 0.005)) * (T > 0.52) * face)
    swirl = 0.5 + 0.5 * np.sin(U * 2 * math.pi * 16 + np.sin(T * 40) * 1.5) * np.sin(T * 60)
    relief = np.maximum(relief, (T < 0.42) * (T > 0.1) * face * (np.abs(a) < 0.8) * smoothstep(0.6, 0.9, swirl) * 0.5)
    return relief


def bianzhong(rng, materials, size):
    relief = bell_relief(size, size)
    materials["bronze_bell"] = bronze_material("bronze_bell", rng, size, size, relief, amount=0.35, normal_strength=4.0)
    bells, bosses, hooks = [], [], []
    tiers = [(2.2, np.linspace(0.3, 0.2, 8), 3.4), (1.42, np.linspace(0.56, 0.38, 6), 3.4)]
    for beam_y, heights, span in tiers:
        xs = np.linspace(-span / 2 + 0.25, span / 2 - 0.25, len(heights))
        for x, h in zip(xs, heights):
            body, studs = bell(float(h))
            top = beam_y - 0.06 - 0.06
            y0 = top - h * 1.49
            bells.append(body.transformed(translation=(x, y0, 0.0)))
            bosses.append(studs.transformed(translation=(x, y0, 0.0)))
            hooks.append(tube([(x, beam_y - 0.06, 0.0), (x, top + 0.01, 0.0)], 0.008, sides=8))
    frame = []
    for x in (-1.95, 1.95):
        frame.append(box((0.16, 2.5, 0.18), (x, 1.25, 0.0)))
        frame.append(box((0.5, 0.08, 0.5), (x, 0.04, 0.0)))
    for beam_y, _, _ in tiers:
        frame.append(box((4.3, 0.13, 0.15), (0.0, beam_y, 0.0)))
    red = [box((4.31, 0.025, 0.152), (0.0, y, 0.0)) for y, _, _ in tiers]
    red += [box((0.162, 0.03, 0.182), (x, y, 0.0)) for x in (-1.95, 1.95) for y in (0.5, 0.56)]
    caps = [box((0.1, 0.2, 0.2), (x, y, 0.0)) for x in (-2.2, 2.2) for y, _, _ in tiers]
    return [(merge(bells), "bronze_bell"), (merge(bosses + hooks + caps), "bronze_plain"),
            (merge(frame), "lacquer_black"), (merge(red), "lacquer_red")]
