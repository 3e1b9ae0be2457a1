"""The exhibition hall: room, ceiling lights, plinths, vitrines, panels and labels, and where
each artifact stands. Light the renderer cannot compute (it has one directional light, no
shadows) is baked into vertex colours: pools of light on the floor in front of each piece,
contact shadows around plinths, wall-wash scallops and darker corners."""
import math

import numpy as np

from geometry import box, merge, plane_grid, rotation_x, rotation_y
from materials import Material
from textures import fbm, mix, normal_map, orm, smoothstep

WIDTH, LENGTH, CEILING = 12.0, 24.0, 5.0        # x, z, y extents (the floor spans -6..6, -12..12)

# name: (x, z, yaw of the artifact's front, plinth (w, h, d) or None, vitrine height or None)
LAYOUT = {
    "ding":      (0.0, 3.0, 0.0, (1.3, 0.45, 1.3), None),
    "meiping":   (-4.7, 6.0, 90.0, (0.56, 1.0, 0.56), 0.6),
    "yuhuchun":  (-4.7, 1.0, 90.0, (0.5, 1.0, 0.5), 0.5),
    "bowl":      (-4.7, -4.0, 90.0, (0.5, 1.05, 0.5), 0.32),
    "bianzhong": (0.0, -9.7, 0.0, (4.9, 0.12, 1.4), None),
    "mask":      (5.2, -1.5, -90.0, None, None),
    "bi":        (4.7, 5.0, -90.0, (0.56, 1.05, 0.44), 0.5),
}
MASK_CENTRE_Y = 1.72


def artifact_base_height(name):
    plinth = LAYOUT[name][3]
    return 0.0 if plinth is None else plinth[1]


def floor_light(points):
    """Vertex colours of the floor: baked light pools and contact shadows (RGBA, max 1)."""
    x, z = points[:, 0], points[:, 2]
    light = np.full(len(points), 0.42)
    for name, (ax, az, yaw, plinth, _) in LAYOUT.items():
        # A soft pool of light on the visitor's side of each piece.
        fx, fz = -math.sin(math.radians(-yaw)) * 0.0 + math.sin(math.radians(yaw)), math.cos(math.radians(yaw))
        cx, cz = ax + fx * 0.9, az + fz * 0.9
        radius = 2.6 if name == "bianzhong" else 1.5
        light += 0.55 * np.exp(-((x - cx) ** 2 + (z - cz) ** 2) / radius ** 2)
        if plinth is not None:
            w, h, d = plinth
            if abs(yaw) == 90.0:
                w, d = d, w
            dx = np.maximum(np.abs(x - ax) - w / 2, 0)
            dz = np.maximum(np.abs(z - az) - d / 2, 0)
            dist = np.hypot(dx, dz)
            light *= 1 - 0.55 * np.exp(-dist / 0.12)
    wall = np.minimum(WIDTH / 2 - np.abs(x), LENGTH / 2 - np.abs(z))
    light *= 0.55 + 0.45 * smoothstep(0.0, 0.6, wall)
    # The bianzhong frame's feet and the mask's display wall.
    for fx in (-1.95, 1.95):
        light *= 1 - 0.5 * np.exp(-np.hypot(x - fx, z - LAYOUT["bianzhong"][1]) / 0.35)
    light = np.clip(light, 0, 1)
    return np.stack([light, light * 0.97, light * 0.92, np.ones_like(light)], axis=1)


def wall_light(points, normal_axis, sign):
    """Vertex colours of a wall: scallops of light above the pieces near it, darker corners."""
    y = points[:, 1]
    along = points[:, 2] if normal_axis == 0 else points[:, 0]
    light = 0.5 + 0.22 * np.exp(-((y - 2.0) / 1.4) ** 2)
    for name, (ax, az, yaw, plinth, _) in LAYOUT.items():
        near = (abs(ax) > 4.0 and normal_axis == 0 and math.copysign(1, ax) == -sign) or \
               (name == "bianzhong" and normal_axis == 2 and sign > 0)
        if not near:
            continue
        centre = az if normal_axis == 0 else ax
        spread = 2.4 if name == "bianzhong" else 0.75
        scallop = np.exp(-((along - centre) / spread) ** 2) * smoothstep(4.6, 2.4, y) * smoothstep(0.2, 1.6, y)
        light += 0.45 * scallop
    light *= 0.6 + 0.4 * smoothstep(0.0, 0.45, y)                # contact with the floor
    light *= 1 - 0.35 * smoothstep(3.6, 5.0, y)                  # the ceiling corner
    half = (LENGTH if normal_axis == 0 else WIDTH) / 2
    light *= 0.7 + 0.3 * smoothstep(0.0, 0.8, half - np.abs(along))
    light = np.clip(light, 0, 1)
    return np.stack([light, light * 0.97, light * 0.93, np.ones_like(light)], axis=1)


def hall_materials(rng, materials, size):
    s = max(size // 2, 16)
    # Floor: large dark stone tiles (1.2 m), honed: a slight gloss that catches the light pools.
    t = np.arange(s) / s
    grout_u = np.minimum(t % 0.5, 0.5 - t % 0.5) < 0.004
    grout = grout_u[None, :] | grout_u[:, None]
    stone = fbm(rng, s, s, cells=4, octaves=6)
    speck = fbm(rng, s, s, cells=32, octaves=2)
    tile = (np.floor(t * 2)[None, :] + 2 * np.floor(t * 2)[:, None]) % 4
    base = np.array([0.05, 0.044, 0.038]) * (0.85 + 0.3 * stone[..., None] + 0.05 * tile[..., None])
    base = base * (1 - 0.35 * smoothstep(0.7, 0.95, speck)[..., None])
    base = np.where(grout[..., None], np.array([0.022, 0.02, 0.018]), base)
    rough = np.where(grout, 0.9, 0.28 + 0.14 * stone)
    materials["floor"] = Material("floor", base_image=base, orm_image=orm(1.0, rough, 0.0),
                                  normal_image=normal_map(grout * -1.0 + 0.02 * stone, 2.0))
    plaster = fbm(rng, s, s, cells=8, octaves=5)
    materials["wall"] = Material("wall", base_image=np.array([0.62, 0.52, 0.40]) * (0.98 + 0.04 * plaster[..., None]),
                                 orm_image=orm(1.0, 0.85 + 0.1 * plaster, 0.0),
                                 normal_image=normal_map(plaster, 0.4))
    materials["ceiling"] = Material("ceiling", base=(0.03, 0.028, 0.026), roughness=0.9)
    materials["beam"] = Material("beam", base=(0.05, 0.042, 0.035), roughness=0.7)
    materials["light_strip"] = Material("light_strip", base=(1.0, 0.95, 0.85), roughness=0.5, emissive=(3.2, 2.75, 2.1))
    materials["cove"] = Material("cove", base=(1.0, 0.9, 0.75), roughness=0.5, emissive=(1.6, 1.25, 0.85))
    grain = fbm(rng, s, s, cells=3, octaves=6, aspect=6.0)
    materials["wood_dark"] = Material("wood_dark", base_image=np.array([0.06, 0.032, 0.018]) * (0.8 + 0.4 * grain[..., None]),
                                      orm_image=orm(1.0, 0.45 + 0.1 * grain, 0.0))
    materials["plinth"] = Material("plinth", base=(0.16, 0.14, 0.12), roughness=0.6)
    materials["plinth_top"] = Material("plinth_top", base=(0.72, 0.69, 0.63), roughness=0.45)
    materials["glass"] = Material("glass", base=(0.92, 0.96, 0.96, 0.09), roughness=0.04, alpha="BLEND")
    materials["lacquer_black"] = Material("lacquer_black", base=(0.022, 0.016, 0.014), roughness=0.3)
    materials["lacquer_red"] = Material("lacquer_red", base=(0.32, 0.03, 0.018), roughness=0.35)
    # The feature wall behind the bells: dark red with a faint large leiwen lattice.
    fw = np.arange(size) / size
    lx = (fw * 8) % 1.0 - 0.5
    ring = np.floor(np.maximum(np.abs(lx)[None, :], np.abs((fw * 4) % 1.0 - 0.5)[:, None]) * 8)
    lattice = (ring % 2 == 0).astype(float)
    feature = np.array([0.16, 0.028, 0.018]) * (0.9 + 0.2 * lattice[..., None])
    materials["feature_wall"] = Material("feature_wall", base_image=feature, orm_image=orm(1.0, 0.7 - 0.15 * lattice, 0.0))
    materials["panel"] = Material("panel", base_image=text_panel(rng, size, size * 3 // 4, 9, True),
                                  roughness=0.8, repeat=False)
    materials["title_panel"] = Material("title_panel", base_image=text_panel(rng, size, size // 2, 4, True, title=True),
                                        roughness=0.8, repeat=False)
    materials["label"] = Material("label", base_image=text_panel(rng, size // 2, size // 4, 3, False), roughness=0.7,
                                  repeat=False)


def text_panel(rng, width, height, lines, dark, title=False):
    """A graphic panel: a gold title bar and rows of pale 'text' (word-length bars)."""
    background = np.array([0.05, 0.032, 0.026]) if dark else np.array([0.6, 0.57, 0.5])
    ink = np.array([0.62, 0.58, 0.5]) if dark else np.array([0.05, 0.04, 0.03])
    image = np.tile(background, (height, width, 1)).astype(np.float64)
    margin = width // 10
    bar = max(height // 10, 2)
    top = height // 8
    image[top:top + bar, margin:width - margin - (width // 3 if not title else width // 8)] = np.array([0.55, 0.36, 0.12])
    row = top + bar * 2
    pitch = max((height - row - margin // 2) // max(lines, 1), 3)
    for _ in range(lines):
        x = margin
        end = width - margin - int(rng.integers(0, width // 4))
        while x < end:
            word = int(rng.integers(width // 40 + 1, width // 12 + 2))
            image[row:row + max(pitch // 3, 1), x:min(x + word, end)] = ink
            x += word + max(width // 80, 1)
        row += pitch
    return image


def room():
    """The shell and its fittings: [(mesh, material), ...]."""
    parts = []
    hw, hl = WIDTH / 2, LENGTH / 2
    floor = plane_grid((-hw, 0, hl), (WIDTH, 0, 0), (0, 0, -LENGTH), 60, 120, uv_scale=(WIDTH / 2.4, LENGTH / 2.4),
                       color=floor_light)
    parts.append((floor, "floor"))
    walls = [
        ((-hw, 0, hl), (0, 0, -LENGTH), (0, CEILING, 0), 0, -1.0, LENGTH),   # left wall, faces +x
        ((hw, 0, -hl), (0, 0, LENGTH), (0, CEILING, 0), 0, 1.0, LENGTH),     # right wall, faces -x
        ((-hw, 0, -hl), (WIDTH, 0, 0), (0, CEILING, 0), 2, 1.0, WIDTH),     # far wall, faces +z
        ((hw, 0, hl), (-WIDTH, 0, 0), (0, CEILING, 0), 2, -1.0, WIDTH),     # entrance wall, faces -z
    ]
    for origin, right, up, axis, sign, length in walls:
        mesh = plane_grid(origin, right, up, int(length * 4), 20, uv_scale=(length / 3.0, CEILING / 3.0),
                          color=lambda p, a=axis, s=sign: wall_light(p, a, s))
        parts.append((mesh, "wall"))
    parts.append((plane_grid((-hw, CEILING, -hl), (WIDTH, 0, 0), (0, 0, LENGTH), 2, 2), "ceiling"))
    # Skirting, cross beams, two long light slots, a lit cove along both long walls.
    skirting = [box((0.03, 0.12, LENGTH), (s * (hw - 0.015), 0.06, 0)) for s in (-1, 1)]
    skirting += [box((WIDTH, 0.12, 0.03), (0, 0.06, s * (hl - 0.015))) for s in (-1, 1)]
    parts.append((merge(skirting), "wood_dark"))
    beams = [box((WIDTH, 0.38, 0.28), (0, CEILING - 0.19, z)) for z in np.arange(-10.5, 10.6, 3.0)]
    beams += [box((0.34, 0.3, LENGTH), (x, CEILING - 0.15, 0)) for x in (-2.4, 2.4)]
    beams += [box((0.3, 0.12, LENGTH), (s * (hw - 0.15), 4.4, 0)) for s in (-1, 1)]
    parts.append((merge(beams), "beam"))
    strips = [box((0.12, 0.03, LENGTH - 0.2), (x, CEILING - 0.315, 0)) for x in (-2.4, 2.4)]
    strips += [box((0.2, 0.02, 0.2), (x, CEILING - 0.39, z)) for x in (-0.8, 0.8) for z in np.arange(-9.0, 9.1, 3.0)]
    parts.append((merge(strips), "light_strip"))
    coves = [box((0.04, 0.03, LENGTH - 0.4), (s * (hw - 0.28), 4.33, 0)) for s in (-1, 1)]
    parts.append((merge(coves), "cove"))
    # Feature wall behind the bells and a doorway at the entrance.
    parts.append((box((7.2, 3.8, 0.04), (0, 1.9 + 0.12, -hl + 0.02), uv_metres=1 / 7.2 * 1.0, skip=("-z",)),
                  "feature_wall"))
    parts.append((box((2.6, 3.2, 0.06), (0, 1.6, hl - 0.03), skip=("+z",)), "wood_dark"))
    parts.append((box((2.2, 2.9, 0.02), (0, 1.45, hl - 0.065), skip=("+z",)), "lacquer_black"))
    # Title panel at the entrance and a text panel beside each piece on a side wall.
    parts.append((box((0.03, 1.5, 3.0), (-hw + 0.02, 2.1, 9.3), skip=("-x",)).transformed(), "title_panel"))
    panels = []
    for name, (ax, az, yaw, plinth, _) in LAYOUT.items():
        if abs(ax) < 4.0 or name == "mask":
            continue
        side = math.copysign(1, ax)
        panels.append(box((0.03, 0.9, 1.2), (side * (hw - 0.02), 1.75, az + 1.25), skip=("+x" if side > 0 else "-x",)))
    parts.append((merge(panels), "panel"))
    return parts


def mounts(materials):
    """Plinths, vitrines, labels and the mask's display wall."""
    parts = []
    plinths, tops, glass, labels = [], [], [], []
    for name, (ax, az, yaw, plinth, vitrine) in LAYOUT.items():
        rot = rotation_y(yaw)
        if plinth is not None:
            w, h, d = plinth
            plinths.append(box((w, h - 0.02, d), (0, (h - 0.02) / 2, 0), skip=("-y",)).transformed(rot, (ax, 0, az)))
            top = box((w + 0.02, 0.02, d + 0.02), (0, h - 0.01, 0), skip=("-y",)).transformed(rot, (ax, 0, az))
            (plinths if name == "bianzhong" else tops).append(top)   # the bells' dais stays dark
            if vitrine:
                glass.append(box((w - 0.04, vitrine, d - 0.04), (0, h + vitrine / 2, 0), skip=("-y",))
                             .transformed(rot, (ax, 0, az)))
            if name not in ("bianzhong", "ding"):
                labels.append(box((0.26, 0.13, 0.01), (0, h - 0.14, d / 2 + 0.006), skip=("-z",))
                              .transformed(rot, (ax, 0, az)))
    # Reading-desk labels on posts for the ding and the bells.
    for name, dx, dz in (("ding", 0.0, 1.0), ("bianzhong", 1.7, 1.1)):
        ax, az = LAYOUT[name][0] + dx, LAYOUT[name][1] + dz
        labels.append(box((0.3, 0.15, 0.01), skip=("-z",)).transformed(rotation=rotation_x(-35), translation=(ax, 0.92, az)))
        plinths.append(box((0.04, 0.88, 0.04), (ax, 0.44, az - 0.03)))
    ax, az, yaw = LAYOUT["mask"][0], LAYOUT["mask"][1], LAYOUT["mask"][2]
    plinths.append(box((0.3, 3.0, 2.2), (ax + 0.3, 1.5, az), skip=("-y",)))
    labels.append(box((0.01, 0.13, 0.26), (ax + 0.144, 1.05, az + 0.75), skip=("+x",)))
    parts += [(merge(plinths), "plinth"), (merge(tops), "plinth_top"), (merge(labels), "label"),
              (merge(glass), "glass")]
    return parts
