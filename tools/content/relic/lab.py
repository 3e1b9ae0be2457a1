"""The conservation lab: a warm, quiet room with a padded work table in the middle, where the
broken jar lies. Light the renderer cannot compute (one directional light, no shadows) is baked
into vertex colours: a pool of light on and around the table, its shadow on the floor, darker
corners and wall washes under the ceiling lights."""
import numpy as np

from geometry import box, lathe, merge, plane_grid, tube
from glb_export import Part
from materials import Material
from textures import fbm, normal_map, orm, smoothstep
from vessel import HEIGHT, PROFILE, catmull_rom

HALF_X, HALF_Z, CEILING = 4.5, 3.5, 3.2
TABLE_TOP = 0.84                 # the wooden top; the pad lies on it
PAD = 0.03
VESSEL_AT = (0.0, TABLE_TOP + PAD, 0.05)   # the jar's foot (experience.json places the model here)
TABLE_SIZE = (2.0, 1.0)
DOOR_Z = 1.6                     # a door in the right wall leads out to the site


def floor_light(points):
    x, z = points[:, 0], points[:, 2]
    light = 0.5 + 0.4 * np.exp(-(x ** 2 / 2.2 ** 2 + (z - 0.2) ** 2 / 1.8 ** 2))
    under = np.maximum(np.abs(x) - TABLE_SIZE[0] / 2 + 0.1, 0) + np.maximum(np.abs(z) - TABLE_SIZE[1] / 2 + 0.1, 0)
    light *= 1 - 0.45 * np.exp(-under / 0.25)
    wall = np.minimum(HALF_X - np.abs(x), HALF_Z - np.abs(z))
    light *= 0.6 + 0.4 * smoothstep(0.0, 0.9, wall)
    light += 0.25 * np.exp(-((x - HALF_X) ** 2 / 1.2 ** 2 + (z + 0.9) ** 2 / 0.9 ** 2))   # window light
    light = np.clip(light, 0, 1)
    return np.stack([light, light * 0.96, light * 0.9, np.ones_like(light)], axis=1)


def wall_light(points, along_axis):
    y = points[:, 1]
    along = points[:, along_axis]
    light = 0.55 + 0.25 * np.exp(-((y - 2.2) / 1.2) ** 2)
    for centre in (-2.4, 0.0, 2.4):
        light += 0.22 * np.exp(-((along - centre) / 0.6) ** 2) * smoothstep(3.2, 2.2, y) * smoothstep(0.6, 2.0, y)
    light *= 0.62 + 0.38 * smoothstep(0.0, 0.5, y)
    light *= 1 - 0.3 * smoothstep(2.6, 3.2, y)
    half = HALF_Z if along_axis == 2 else HALF_X
    light *= 0.72 + 0.28 * smoothstep(0.0, 0.9, half - np.abs(along))
    light = np.clip(light, 0, 1)
    return np.stack([light, light * 0.96, light * 0.9, np.ones_like(light)], axis=1)


def pad_light(points):
    """A soft pool of light from the magnifier and ceiling lights, centred on the jar."""
    x, z = points[:, 0] - VESSEL_AT[0], points[:, 2] - VESSEL_AT[2]
    light = 0.62 + 0.38 * np.exp(-(x ** 2 + z ** 2) / 0.45 ** 2)
    light *= 1 - 0.18 * np.exp(-(x ** 2 + z ** 2) / 0.09 ** 2)        # the jar's contact shadow
    return np.stack([light, light * 0.97, light * 0.92, np.ones_like(light)], axis=1)


def lab_materials(rng, materials, size):
    s = max(size // 2, 16)
    terrazzo = fbm(rng, s, s, cells=6, octaves=5)
    chips = smoothstep(0.72, 0.8, fbm(rng, s, s, cells=40, octaves=2))
    floor = np.array([0.30, 0.27, 0.23]) * (0.92 + 0.12 * terrazzo[..., None]) * (1 - 0.25 * chips[..., None])
    materials["lab_floor"] = Material("lab_floor", base_image=floor, orm_image=orm(1.0, 0.38 + 0.1 * terrazzo, 0.0))
    plaster = fbm(rng, s, s, cells=8, octaves=5)
    materials["lab_wall"] = Material("lab_wall", base_image=np.array([0.62, 0.55, 0.45]) * (0.97 + 0.05 * plaster[..., None]),
                                     orm_image=orm(1.0, 0.85 + 0.1 * plaster, 0.0), normal_image=normal_map(plaster, 0.3))
    materials["wainscot"] = Material("wainscot", base=(0.20, 0.12, 0.07), roughness=0.55)
    materials["ceiling"] = Material("ceiling", base=(0.55, 0.52, 0.48), roughness=0.9)
    materials["ceiling_light"] = Material("ceiling_light", base=(1, 0.95, 0.85), roughness=0.5, emissive=(2.6, 2.2, 1.7))
    grain = fbm(rng, s, s, cells=3, octaves=6, aspect=8.0)
    materials["oak"] = Material("oak", base_image=np.array([0.34, 0.2, 0.1]) * (0.75 + 0.4 * grain[..., None]),
                                orm_image=orm(1.0, 0.5 + 0.1 * grain, 0.0))
    felt = fbm(rng, s, s, cells=48, octaves=3)
    materials["pad"] = Material("pad", base_image=np.array([0.05, 0.065, 0.075]) * (0.9 + 0.2 * felt[..., None]),
                                orm_image=orm(1.0, 0.9 + 0.05 * felt, 0.0), normal_image=normal_map(felt, 0.6))
    materials["steel"] = Material("steel", base=(0.55, 0.55, 0.56), metallic=1.0, roughness=0.35)
    materials["steel_dark"] = Material("steel_dark", base=(0.08, 0.08, 0.085), metallic=0.6, roughness=0.45)
    materials["box_card"] = Material("box_card", base=(0.46, 0.40, 0.30), roughness=0.85)
    materials["box_grey"] = Material("box_grey", base=(0.20, 0.21, 0.22), roughness=0.8)
    sand = fbm(rng, s, s, cells=32, octaves=4)
    materials["sand"] = Material("sand", base_image=np.array([0.36, 0.28, 0.17]) * (0.85 + 0.3 * sand[..., None]),
                                 orm_image=orm(1.0, 0.95 + 0.05 * sand, 0.0), normal_image=normal_map(sand, 1.2))
    materials["lamp_glow"] = Material("lamp_glow", base=(1, 0.97, 0.9), roughness=0.4, emissive=(3.0, 2.7, 2.2))
    materials["window_glow"] = Material("window_glow", base=(1, 0.9, 0.7), roughness=0.5, emissive=(1.3, 1.0, 0.68))
    materials["glaze_celadon"] = Material("glaze_celadon", base=(0.26, 0.38, 0.3), roughness=0.15)
    materials["clay_grey"] = Material("clay_grey", base=(0.2, 0.18, 0.16), roughness=0.8)
    materials["drawing"] = Material("drawing", base_image=drawing_sheet(size), roughness=0.85, repeat=False)
    materials["door"] = Material("door", base=(0.16, 0.09, 0.05), roughness=0.5)


def drawing_sheet(size):
    """The archaeologist's record drawing of the jar: its outline and axis on a squared sheet."""
    h, w = size // 2, size * 3 // 4
    y, x = np.mgrid[0:h, 0:w] / h
    paper = np.array([0.78, 0.74, 0.64])
    image = np.tile(paper, (h, w, 1)) * (1 - 0.05 * ((x * 20 % 1 < 0.03) | (y * 20 % 1 < 0.03)))[..., None]
    ink = np.array([0.05, 0.045, 0.04])
    body = catmull_rom(PROFILE, 16)
    cx, base_y, scale = w / h * 0.5, 0.88, 0.7 / HEIGHT      # sheet heights per metre
    line = np.zeros((h, w))
    for t, r in body:                                   # both halves of the outline
        for side in (-1, 1):
            px, py = cx + side * r * scale, base_y - t * HEIGHT * scale
            line = np.maximum(line, np.exp(-((x - px) ** 2 + (y - py) ** 2) / 0.00002))
    axis = (np.abs(x - cx) < 0.002) & ((y * 40) % 1 < 0.6)
    line = np.maximum(line, axis * 0.8)
    image = image * (1 - line[..., None]) + ink * line[..., None]
    image[int(h * 0.05):int(h * 0.09), int(w * 0.06):int(w * 0.4)] = ink
    return image


def room_parts():
    parts = []
    floor = plane_grid((-HALF_X, 0, HALF_Z), (2 * HALF_X, 0, 0), (0, 0, -2 * HALF_Z), 72, 56,
                       uv_scale=(2 * HALF_X / 2.0, 2 * HALF_Z / 2.0), color=floor_light)
    parts.append(Part("floor", [(floor, "lab_floor")]))
    walls = [((-HALF_X, 0, HALF_Z), (0, 0, -2 * HALF_Z), 2), ((HALF_X, 0, -HALF_Z), (0, 0, 2 * HALF_Z), 2),
             ((-HALF_X, 0, -HALF_Z), (2 * HALF_X, 0, 0), 0), ((HALF_X, 0, HALF_Z), (-2 * HALF_X, 0, 0), 0)]
    meshes = []
    for origin, right, axis in walls:
        length = float(np.linalg.norm(right))
        meshes.append(plane_grid(origin, right, (0, CEILING, 0), int(length * 5), 16,
                                 uv_scale=(length / 2.5, CEILING / 2.5), color=lambda p, a=axis: wall_light(p, a)))
    parts.append(Part("walls", [(merge(meshes), "lab_wall")]))
    parts.append(Part("ceiling", [(plane_grid((-HALF_X, CEILING, -HALF_Z), (2 * HALF_X, 0, 0), (0, 0, 2 * HALF_Z), 2, 2),
                                   "ceiling")]))
    lights = [box((1.2, 0.04, 0.3), (x, CEILING - 0.02, z)) for x in (-2.4, 0.0, 2.4) for z in (-1.4, 0.2)]
    parts.append(Part("ceiling_lights", [(merge(lights), "ceiling_light")]))
    skirting = [box((0.02, 0.9, 2 * HALF_Z), (s * (HALF_X - 0.01), 0.45, 0)) for s in (-1,)]
    skirting += [box((2 * HALF_X, 0.9, 0.02), (0, 0.45, s * (HALF_Z - 0.01))) for s in (-1, 1)]
    skirting += [box((0.02, 0.9, HALF_Z + DOOR_Z - 0.7), (HALF_X - 0.01, 0.45, (-HALF_Z + DOOR_Z - 0.7) / 2))]
    parts.append(Part("wainscot", [(merge(skirting), "wainscot")]))
    # A tall window on the right wall (warm evening light) and the door to the site beside it.
    window = box((0.02, 1.7, 1.3), (HALF_X - 0.02, 1.65, -0.9), skip=("+x",))
    frame = [box((0.06, 1.8, 0.06), (HALF_X - 0.03, 1.65, z)) for z in (-1.58, -0.9, -0.22)]
    frame += [box((0.06, 0.06, 1.4), (HALF_X - 0.03, y, -0.9)) for y in (0.78, 1.65, 2.52)]
    parts.append(Part("window", [(window, "window_glow"), (merge(frame), "wainscot")]))
    door = box((0.04, 2.2, 1.0), (HALF_X - 0.03, 1.1, DOOR_Z), skip=("+x",))
    door_frame = [box((0.08, 2.3, 0.08), (HALF_X - 0.04, 1.15, DOOR_Z + s * 0.54)) for s in (-1, 1)]
    door_frame += [box((0.08, 0.08, 1.16), (HALF_X - 0.04, 2.3, DOOR_Z))]
    handle = box((0.05, 0.03, 0.16), (HALF_X - 0.08, 1.05, DOOR_Z - 0.36))
    parts.append(Part("door", [(door, "door"), (merge(door_frame), "wainscot"), (handle, "steel")]))
    # The record drawing of the jar on the far wall.
    parts.append(Part("drawing", [(box((1.5, 1.0, 0.01), (0.9, 1.75, -HALF_Z + 0.012), skip=("-z",)), "drawing"),
                                  (box((1.56, 1.06, 0.01), (0.9, 1.75, -HALF_Z + 0.005)), "wainscot")]))
    return parts


def table_parts():
    w, d = TABLE_SIZE
    top = box((w, 0.04, d), (0, TABLE_TOP - 0.02, 0))
    legs = [box((0.06, TABLE_TOP - 0.04, 0.06), (sx * (w / 2 - 0.08), (TABLE_TOP - 0.04) / 2, sz * (d / 2 - 0.08)))
            for sx in (-1, 1) for sz in (-1, 1)]
    rails = [box((w - 0.2, 0.05, 0.03), (0, 0.22, sz * (d / 2 - 0.08))) for sz in (-1, 1)]
    # The pad's top is a grid so that it can carry the baked pool of lamp light round the jar.
    pad_w, pad_d = w - 0.16, d - 0.12
    pad_sides = box((pad_w, PAD, pad_d), (0, TABLE_TOP + PAD / 2, 0), uv_metres=2.0, skip=("-y", "+y"))
    pad_top = plane_grid((-pad_w / 2, TABLE_TOP + PAD, pad_d / 2), (pad_w, 0, 0), (0, 0, -pad_d), 36, 18,
                         uv_scale=(pad_w * 2.0, pad_d * 2.0), color=pad_light)
    pad = merge([pad_sides, pad_top])
    parts = [Part("table", [(top, "oak"), (merge(legs + rails), "steel_dark")]), Part("pad", [(pad, "pad")])]
    surface = TABLE_TOP + PAD
    # A sand tray that holds shards upright while adhesive sets, and a tray of tools.
    tray = [box((0.4, 0.012, 0.28), (-0.72, surface + 0.006, -0.24))]
    tray += [box((0.4, 0.05, 0.012), (-0.72, surface + 0.025, -0.24 + s * 0.134)) for s in (-1, 1)]
    tray += [box((0.012, 0.05, 0.28), (-0.72 + s * 0.194, surface + 0.025, -0.24)) for s in (-1, 1)]
    sand = box((0.38, 0.03, 0.26), (-0.72, surface + 0.027, -0.24), uv_metres=3.0, skip=("-y",))
    parts.append(Part("sand_tray", [(merge(tray), "steel"), (sand, "sand")]))
    tools = [box((0.3, 0.01, 0.16), (0.7, surface + 0.005, -0.3))]
    handles = [tube([(0.58 + 0.0 * k, surface + 0.02, -0.36 + 0.04 * k), (0.82, surface + 0.02, -0.35 + 0.04 * k)], 0.006, 8)
               for k in range(4)]
    parts.append(Part("tools", [(merge(tools), "steel_dark"), (merge(handles), "oak")]))
    # A magnifier lamp clamped to the back edge, its ring of light over the jar's left side.
    arm = tube([(0.62, TABLE_TOP, -0.48), (0.62, 1.25, -0.5), (0.45, 1.42, -0.3), (0.32, 1.36, -0.12)], 0.012, 10)
    head = lathe([(0.0, 0.0), (0.09, 0.0), (0.1, 0.02), (0.06, 0.035), (0.0, 0.04)], 32)
    head = head.transformed(translation=(0.3, 1.31, -0.1))
    ring = box((0.14, 0.004, 0.14), (0.3, 1.308, -0.1))
    parts.append(Part("magnifier_lamp", [(merge([arm, box((0.08, 0.05, 0.1), (0.62, TABLE_TOP + 0.02, -0.48))]), "steel_dark"),
                                         (head, "steel"), (ring, "lamp_glow")]))
    return parts


def furniture_parts():
    """Shelving with archive boxes and two finished pots on the far wall, and a side bench."""
    parts = []
    frame, boards, card, grey, pots_glaze, pots_clay = [], [], [], [], [], []
    x0, x1, z = -3.9, -1.1, -HALF_Z + 0.25
    for x in (x0, (x0 + x1) / 2, x1):
        frame.append(box((0.04, 2.2, 0.42), (x, 1.1, z)))
    for k, y in enumerate((0.12, 0.62, 1.12, 1.62, 2.12)):
        boards.append(box((x1 - x0 + 0.04, 0.025, 0.42), ((x0 + x1) / 2, y, z)))
        if k in (0, 1, 3):
            x = x0 + 0.08
            rng_w = (0.32, 0.28, 0.36, 0.3, 0.34, 0.28, 0.3)
            for j, bw in enumerate(rng_w):
                if x + bw > x1 - 0.05:
                    break
                (card if (j + k) % 3 else grey).append(box((bw - 0.02, 0.3, 0.36), (x + bw / 2, y + 0.165, z)))
                x += bw
    vase = lathe([(0.0, 0.0), (0.05, 0.0), (0.09, 0.06), (0.1, 0.14), (0.06, 0.24), (0.035, 0.28), (0.045, 0.3)], 32)
    bowl = lathe([(0.0, 0.0), (0.05, 0.0), (0.11, 0.05), (0.14, 0.09)], 32)
    pots_glaze.append(vase.transformed(translation=(-3.2, 1.1325, z)))
    pots_clay.append(bowl.transformed(translation=(-1.8, 1.1325, z)))
    pots_clay.append(vase.transformed(translation=(-2.4, 2.1325, z), scale=0.8))
    parts.append(Part("shelving", [(merge(frame + boards), "steel_dark"), (merge(card), "box_card"),
                                   (merge(grey), "box_grey"), (merge(pots_glaze), "glaze_celadon"),
                                   (merge(pots_clay), "clay_grey")]))
    bench = [box((0.7, 0.04, 2.4), (-HALF_X + 0.4, 0.88, 0.6))]
    bench_legs = [box((0.05, 0.86, 0.05), (-HALF_X + 0.4 + sx * 0.28, 0.43, 0.6 + sz * 1.1)) for sx in (-1, 1) for sz in (-1, 1)]
    boxes = [box((0.3, 0.18, 0.24), (-HALF_X + 0.35, 0.99, z0)) for z0 in (-0.2, 1.3)]
    parts.append(Part("side_bench", [(merge(bench), "oak"), (merge(bench_legs), "steel_dark"), (merge(boxes), "box_card")]))
    # A plan chest of shallow drawers (drawings and textiles are stored flat) under a finished
    # jar that went through the same treatment, and a stereo microscope on the side bench.
    cx, cz = 2.7, -HALF_Z + 0.5
    chest = [box((1.8, 0.86, 0.9), (cx, 0.45, cz))]
    fronts = [box((1.7, 0.12, 0.01), (cx, 0.16 + 0.145 * k, cz + 0.455)) for k in range(5)]
    pulls = [box((0.3, 0.02, 0.02), (cx, 0.19 + 0.145 * k, cz + 0.465)) for k in range(5)]
    jar = lathe([(0.0, 0.0), (0.05, 0.0), (0.09, 0.06), (0.115, 0.14), (0.08, 0.23), (0.05, 0.26), (0.058, 0.28)], 32)
    parts.append(Part("plan_chest", [(merge(chest), "box_grey"), (merge(fronts), "steel"), (merge(pulls), "steel_dark"),
                                     (jar.transformed(translation=(cx + 0.45, 0.88, cz)), "clay_body")]))
    stand = [box((0.24, 0.03, 0.3), (-HALF_X + 0.4, 0.915, 0.45)), box((0.04, 0.36, 0.04), (-HALF_X + 0.4, 1.1, 0.36))]
    optics = [tube([(-HALF_X + 0.4, 1.22, 0.38), (-HALF_X + 0.4, 1.12, 0.5)], 0.035, 12),
              tube([(-HALF_X + 0.38, 1.3, 0.34), (-HALF_X + 0.38, 1.22, 0.42)], 0.014, 8),
              tube([(-HALF_X + 0.42, 1.3, 0.34), (-HALF_X + 0.42, 1.22, 0.42)], 0.014, 8)]
    parts.append(Part("microscope", [(merge(stand), "steel_dark"), (merge(optics), "steel")]))
    return parts


def lab_parts():
    return room_parts() + table_parts() + furniture_parts()
