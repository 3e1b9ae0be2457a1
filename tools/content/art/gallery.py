"""The gallery: a dark-walled room with five framed paintings, the hand-scroll vitrine down its
middle, track spotlights, and where everything stands.

The renderer has one directional light and no shadows, so the gallery lighting is baked into
vertex colours: each painting sits in a pool of light from its spotlight (brighter at the
centre, falling off at the edges), walls carry the light's scallop around it, the floor has
pools in front of the paintings and along the vitrine, and corners and skirting are darker.
"""
import math

import numpy as np

from geometry import box, merge, plane_grid, tube
from materials import Material
from noise import smoothstep
from textures import fbm, linear_to_srgb, normal_map, orm

WIDTH, LENGTH, CEILING = 11.0, 16.0, 4.2        # x, z, y: the floor spans -5.5..5.5, -8..8
HALF_W, HALF_L = WIDTH / 2, LENGTH / 2
MOUNT_MARGIN = 0.09                             # silk mount around the painting, metres
FRAME_WIDTH, FRAME_DEPTH = 0.06, 0.07

# name: (wall, x or z along the wall, centre height, painting width, painting height). Walls:
# far (z = -8, faces +z), left (x = -5.5, faces +x), right (x = 5.5, faces -x).
PAINTINGS = {
    "shanshui":    ("far", 0.0, 1.95, 1.1, 2.3),
    "huaniao":     ("left", -3.6, 1.65, 1.2, 1.5),
    "qinglu":      ("left", 2.6, 1.6, 2.6, 1.1),
    "calligraphy": ("right", -3.6, 1.75, 1.2, 2.0),
    "portrait":    ("right", 2.6, 1.65, 1.0, 1.5),
}

# The vitrine runs along z down the middle; the visitor reads the scroll from the -x side, so the
# scroll's top edge lies towards +x and its start (right end) towards the entrance (+z).
VITRINE_X, VITRINE_Z0, VITRINE_Z1 = 0.0, -3.5, 3.5
VITRINE_WIDTH, VITRINE_HEIGHT, GLASS_HEIGHT = 0.9, 0.86, 0.3
SCROLL_LENGTH, SCROLL_HEIGHT = 6.0, 0.3          # metres of painted silk (20:1, the scroll's aspect)
BED_TILT = 10.0                                  # degrees, the bed rises away from the reader
SCROLL_Z0 = -3.0                                 # the scroll's left end (its finish)
PAINTING_SPOT = (0.62, 0.58, 0.5)                # emissive strength of a painting's spotlight


def wall_frame(wall, along):
    """(point on the wall plane, right, normal) seen from the room; `along` is the world x for the
    far wall and the world z for the side walls."""
    if wall == "far":
        return np.array([along, 0, -HALF_L]), np.array([1.0, 0, 0]), np.array([0, 0, 1.0])
    if wall == "left":
        return np.array([-HALF_W, 0, along]), np.array([0, 0, -1.0]), np.array([1.0, 0, 0])
    return np.array([HALF_W, 0, along]), np.array([0, 0, 1.0]), np.array([-1.0, 0, 0])


def painting_centre(name):
    wall, along, y, _, _ = PAINTINGS[name]
    origin, _, normal = wall_frame(wall, along)
    return origin + np.array([0, y, 0]) + normal * (FRAME_DEPTH - 0.01)


def spotlight(points, centre, radius):
    """Baked spotlight: 1 in the middle of the pool, ~0.55 at `radius`, never below 0.35."""
    d2 = ((points - centre) ** 2).sum(axis=1)
    return 0.35 + 0.65 * np.exp(-d2 / (radius * radius * 1.7))


def grey(light, warm=(1.0, 0.96, 0.88)):
    light = np.clip(light, 0, 1)
    return np.stack([light * warm[0], light * warm[1], light * warm[2], np.ones_like(light)], axis=1)


def painting_quads(name):
    """[(mesh, material)] of one framed painting: frame, silk mount and the painted surface."""
    wall, along, y, w, h = PAINTINGS[name]
    origin, right, normal = wall_frame(wall, along)
    centre = origin + np.array([0, y, 0])
    up = np.array([0, 1.0, 0])
    lit = painting_centre(name) + up * 0.15
    radius = max(w, h) * 0.75
    parts = []
    mw, mh = w + 2 * MOUNT_MARGIN, h + 2 * MOUNT_MARGIN
    # The frame: four bars standing FRAME_DEPTH off the wall.
    bars = []
    fw, fd = FRAME_WIDTH, FRAME_DEPTH
    for sign in (-1, 1):
        bars.append(_oriented_box(centre + up * sign * (mh / 2 + fw / 2) + normal * fd / 2, right, up, normal,
                                  (mw + 2 * fw, fw, fd)))
        bars.append(_oriented_box(centre + right * sign * (mw / 2 + fw / 2) + normal * fd / 2, right, up, normal,
                                  (fw, mh, fd)))
    frame = merge(bars)
    frame.colors = grey(spotlight(frame.positions, lit, radius * 1.2))
    parts.append((frame, "frame"))
    mount = plane_grid(centre - right * mw / 2 - up * mh / 2 + normal * (fd - 0.02), right * mw, up * mh, 12, 12,
                       uv_scale=(mw / 0.5, mh / 0.5), color=lambda p: grey(spotlight(p, lit, radius)))
    parts.append((mount, "mount"))
    surface = plane_grid(centre - right * w / 2 - up * h / 2 + normal * (fd - 0.015), right * w, up * h, 16, 16,
                         color=lambda p: grey(spotlight(p, lit, radius)))
    parts.append((surface, "painting_" + name))
    # A small label plate beside the frame, lower right.
    label = _oriented_box(centre + right * (mw / 2 + 0.35) - up * (mh / 2 - 0.1) + normal * 0.01, right, up, normal,
                          (0.26, 0.16, 0.012))
    label.colors = grey(spotlight(label.positions, lit, radius * 1.3))
    parts.append((label, "label"))
    return parts


def _oriented_box(centre, right, up, normal, size):
    """An axis-aligned box turned so its x, y, z axes are right, up and normal."""
    rotation = np.stack([right, up, normal], axis=1)
    return box(size).transformed(rotation=rotation, translation=centre)


def wall_light(points, wall):
    """Vertex colours of a wall: a dim base, scallops of spotlight around its paintings."""
    y = points[:, 1]
    light = 0.28 + 0.1 * np.exp(-((y - 2.2) / 1.5) ** 2)
    for name, (pwall, along, py, w, h) in PAINTINGS.items():
        if pwall != wall:
            continue
        centre = painting_centre(name)
        spread = max(w, h) * 0.55 + 0.4
        across = np.hypot(*(points[:, [0, 2]] - centre[[0, 2]]).T)
        # A cone from the ceiling: narrow above, widening and softening towards the floor.
        width = spread * (0.55 + 0.45 * smoothstep(CEILING, 0.0, y))
        scallop = np.exp(-(across / width) ** 2) * smoothstep(CEILING - 0.2, py + h * 0.3, y) ** 0.5
        light = light + 0.55 * scallop * smoothstep(0.0, 1.0, y)
    light *= 0.6 + 0.4 * smoothstep(0.0, 0.4, y)                 # contact with the floor
    light *= 1 - 0.3 * smoothstep(3.4, CEILING, y)                # the ceiling corner
    return grey(light)


def floor_light(points):
    """Vertex colours of the floor: pools before each painting and along the vitrine."""
    x, z = points[:, 0], points[:, 2]
    light = np.full(len(points), 0.32)
    for name in PAINTINGS:
        c = painting_centre(name)
        light += 0.35 * np.exp(-((x - c[0]) ** 2 + (z - c[2]) ** 2) / 2.2 ** 2)
    along = np.clip(z, VITRINE_Z0, VITRINE_Z1)
    light += 0.45 * np.exp(-((x - VITRINE_X) ** 2 + (z - along) ** 2) / 1.3 ** 2)
    # The vitrine's own contact shadow, then the walls' darker edges.
    dx = np.maximum(np.abs(x - VITRINE_X) - VITRINE_WIDTH / 2, 0)
    dz = np.maximum(np.maximum(VITRINE_Z0 - z, z - VITRINE_Z1), 0)
    light *= 1 - 0.6 * np.exp(-np.hypot(dx, dz) / 0.1)
    edge = np.minimum(HALF_W - np.abs(x), HALF_L - np.abs(z))
    light *= 0.6 + 0.4 * smoothstep(0.0, 0.7, edge)
    return grey(light)


def materials(rng, size, painting_images, scroll_segments):
    """{name: Material} of the room, its fittings, the paintings and the scroll segments."""
    out = {}
    s = max(size, 16)
    # Floor: honey-toned oak planks, 0.2 m wide, a satin finish.
    t = np.arange(s) / s
    plank = np.floor(t * 6)                                   # six boards across a tile, along v
    grain = fbm(rng, s, s, cells=2, octaves=5, aspect=0.1)
    board = np.broadcast_to((plank * 0.37 % 1.0)[None, :], (s, s))
    side_seam = np.broadcast_to((np.abs((t * 6) % 1.0 - 0.5) > 0.47)[None, :], (s, s))
    butt = np.abs((t[:, None] + plank[None, :] * 0.31) % 1.0 - 0.5) > 0.495   # staggered board ends
    seam = side_seam | butt
    tone = 0.8 + 0.25 * grain + 0.12 * board
    base = np.array([0.3, 0.19, 0.1]) * tone[..., None]
    base = np.where(seam[..., None], base * 0.5, base)
    out["floor"] = Material("floor", base_image=base, orm_image=orm(1.0, 0.42 + 0.1 * grain, 0.0),
                            normal_image=normal_map(-1.0 * seam + 0.3 * grain, 1.5))
    plaster = fbm(rng, s, s, cells=6, octaves=5)
    out["wall"] = Material("wall", base_image=np.array([0.085, 0.1, 0.1]) * (0.95 + 0.1 * plaster[..., None]),
                           orm_image=orm(1.0, 0.85 + 0.1 * plaster, 0.0), normal_image=normal_map(plaster, 0.5))
    out["ceiling"] = Material("ceiling", base=(0.02, 0.02, 0.022), roughness=0.9)
    out["track"] = Material("track", base=(0.03, 0.03, 0.03), metallic=0.6, roughness=0.4)
    out["lamp"] = Material("lamp", base=(1, 0.95, 0.85), roughness=0.4, emissive=(4.0, 3.4, 2.6))
    wood = fbm(rng, s, s, cells=2, octaves=5, aspect=8.0)
    out["frame"] = Material("frame", base_image=np.array([0.05, 0.028, 0.016]) * (0.8 + 0.4 * wood[..., None]),
                            orm_image=orm(1.0, 0.35 + 0.1 * wood, 0.0))
    out["walnut"] = Material("walnut", base_image=np.array([0.07, 0.04, 0.022]) * (0.8 + 0.4 * wood[..., None]),
                             orm_image=orm(1.0, 0.5 + 0.1 * wood, 0.0))
    weave = fbm(rng, s // 2, s // 2, cells=32, octaves=2)
    out["mount"] = Material("mount", base_image=np.array([0.42, 0.4, 0.33]) * (0.95 + 0.1 * weave[..., None]),
                            roughness=0.75)
    out["bed"] = Material("bed", base_image=np.array([0.035, 0.05, 0.075]) * (0.95 + 0.1 * weave[..., None]),
                          roughness=0.85)
    out["scroll_border"] = Material("scroll_border", base=(0.2, 0.24, 0.26), roughness=0.7)
    out["scroll_back"] = Material("scroll_back", base=(0.55, 0.47, 0.33), roughness=0.8)
    out["bronze"] = Material("bronze", base=(0.45, 0.32, 0.18), metallic=1.0, roughness=0.35)
    out["glass"] = Material("glass", base=(0.92, 0.96, 0.96, 0.08), roughness=0.03, alpha="BLEND")
    out["label"] = Material("label", base=(0.3, 0.28, 0.24), roughness=0.7)
    for name, image in painting_images.items():
        # The spotlight on a painting is emissive: the renderer's one sun cannot light all walls.
        # The emissive texture is sRGB-encoded like a base colour (add_material writes it as is).
        out["painting_" + name] = Material("painting_" + name, base_image=image, roughness=0.8, repeat=False,
                                           emissive=PAINTING_SPOT, emissive_image=linear_to_srgb(image * spot_mask(image)))
    for index, image in enumerate(scroll_segments):
        out[f"scroll_{index}"] = Material(f"scroll_{index}", base_image=image, roughness=0.75, repeat=False)
    out["title_panel"] = Material("title_panel", base_image=painting_images["title"], roughness=0.8, repeat=False) \
        if "title" in painting_images else Material("title_panel", base=(0.1, 0.1, 0.1))
    return out


def spot_mask(image):
    """(h, w, 1) brightness of a spotlight pool over a painting: centred a little above the middle."""
    h, w = image.shape[:2]
    v = (np.arange(h)[:, None] + 0.5) / h
    u = (np.arange(w)[None, :] + 0.5) / w
    return (0.6 + 0.4 * np.exp(-((u - 0.5) ** 2 / 0.35 + (v - 0.42) ** 2 / 0.3)))[..., None]


def room():
    """Floor, walls, ceiling, skirting, spotlight tracks with their lamps, the entrance."""
    parts = []
    floor = plane_grid((-HALF_W, 0, HALF_L), (WIDTH, 0, 0), (0, 0, -LENGTH), 55, 80,
                       uv_scale=(WIDTH / 1.2, LENGTH / 1.2), color=floor_light)
    parts.append((floor, "floor"))
    walls = [((-HALF_W, 0, HALF_L), (0, 0, -LENGTH), "left"), ((HALF_W, 0, -HALF_L), (0, 0, LENGTH), "right"),
             ((-HALF_W, 0, -HALF_L), (WIDTH, 0, 0), "far"), ((HALF_W, 0, HALF_L), (-WIDTH, 0, 0), "entrance")]
    for origin, right, wall in walls:
        length = float(np.linalg.norm(right))
        mesh = plane_grid(origin, right, (0, CEILING, 0), int(length * 5), 24, uv_scale=(length / 2.0, CEILING / 2.0),
                          color=lambda p, w=wall: wall_light(p, w))
        parts.append((mesh, "wall"))
    parts.append((plane_grid((-HALF_W, CEILING, -HALF_L), (WIDTH, 0, 0), (0, 0, LENGTH), 2, 2), "ceiling"))
    skirting = [box((0.02, 0.1, LENGTH), (s * (HALF_W - 0.01), 0.05, 0)) for s in (-1, 1)]
    skirting += [box((WIDTH, 0.1, 0.02), (0, 0.05, s * (HALF_L - 0.01))) for s in (-1, 1)]
    parts.append((merge(skirting), "walnut"))
    # Two tracks along the room and one across, spotlights aimed at each painting and the vitrine.
    tracks = [box((0.05, 0.04, LENGTH - 1.0), (x, CEILING - 0.3, 0)) for x in (-3.0, 3.0)]
    tracks += [box((WIDTH - 1.0, 0.04, 0.05), (0, CEILING - 0.3, -5.5))]
    tracks += [box((0.02, 0.3, 0.02), (x, CEILING - 0.15, z)) for x in (-3.0, 3.0) for z in (-6.0, 6.0)]
    lamps = []
    targets = [(painting_centre(n), n) for n in PAINTINGS] + [(np.array([0.0, 0.9, z]), None) for z in (-2.5, 0, 2.5)]
    for target, name in targets:
        if name == "shanshui":
            mount = np.array([0.0, CEILING - 0.32, -5.5])
        elif name is None:
            mount = np.array([-3.0, CEILING - 0.32, target[2]])
        else:
            mount = np.array([math.copysign(3.0, target[0]), CEILING - 0.32, target[2]])
        aim = (target - mount) / np.linalg.norm(target - mount)
        can_end = mount + aim * 0.22
        tracks.append(tube([mount, mount + aim * 0.1, can_end], 0.05, 10))
        lamps.append(box((0.07, 0.01, 0.07), can_end + aim * 0.005))
    parts.append((merge(tracks), "track"))
    parts.append((merge(lamps), "lamp"))
    # The entrance: a dark doorway and the exhibition's title panel beside it.
    parts.append((box((1.8, 2.6, 0.04), (-2.8, 1.3, HALF_L - 0.02), skip=("+z",)), "ceiling"))
    parts.append((box((2.0, 1.0, 0.03), (1.6, 1.9, HALF_L - 0.02), skip=("+z",)), "title_panel"))
    return parts


def vitrine(segment_widths):
    """The table vitrine: walnut cabinet, tilted silk bed, the scroll in segments (each as long as
    its share of the baked texture's width), glass cover."""
    parts = []
    x0, x1 = VITRINE_X - VITRINE_WIDTH / 2, VITRINE_X + VITRINE_WIDTH / 2
    length = VITRINE_Z1 - VITRINE_Z0
    zc = (VITRINE_Z0 + VITRINE_Z1) / 2
    cabinet = box((VITRINE_WIDTH, VITRINE_HEIGHT - 0.06, length), (VITRINE_X, (VITRINE_HEIGHT - 0.06) / 2, zc),
                  uv_metres=1.0, skip=("-y",))
    cabinet.colors = grey(0.45 + 0.35 * smoothstep(0.1, VITRINE_HEIGHT, cabinet.positions[:, 1]))
    parts.append((cabinet, "walnut"))
    # The bed: tilted about z, its low edge towards the reader (-x).
    tilt = math.radians(BED_TILT)
    across = np.array([math.cos(tilt), math.sin(tilt), 0.0])
    bed_width = VITRINE_WIDTH - 0.1
    bed_origin = np.array([x0 + 0.05, VITRINE_HEIGHT - 0.05, VITRINE_Z0 + 0.05])
    bed = plane_grid(bed_origin, (0, 0, length - 0.1), across * bed_width, 40, 4, uv_scale=(length / 0.5, 1.0),
                     color=lambda p: grey(0.5 + 0.15 * np.exp(-((p[:, 2] - zc) / 3.0) ** 2)))
    parts.append((bed, "bed"))
    lift = np.array([0, 0.004, 0])
    mid = bed_origin + across * (bed_width / 2) + lift
    bottom_edge = mid - across * (SCROLL_HEIGHT / 2)
    total_width = float(sum(segment_widths))
    # Lying under the sun, the scroll needs far less baked light than the walls' paintings.
    scroll_light = lambda p: grey(0.5 + 0.1 * np.exp(-((p[:, 2] - zc) / 2.5) ** 2), (1.0, 0.97, 0.9))  # noqa: E731
    along = 0.0
    for index, width in enumerate(segment_widths):
        segment = SCROLL_LENGTH * width / total_width
        origin = bottom_edge + np.array([0, 0, SCROLL_Z0 - bed_origin[2] + along])
        mesh = plane_grid(origin, (0, 0, segment), across * SCROLL_HEIGHT, 8, 2, color=scroll_light)
        parts.append((mesh, f"scroll_{index}"))
        along += segment
    # Blue silk borders along both edges and the leading silk at the start; the rolled-up rest of
    # the scroll and its wooden roller at the finish.
    start, end = bottom_edge[2] + SCROLL_Z0 - bed_origin[2], None
    end = start + SCROLL_LENGTH
    borders = []
    for edge, sign in ((bottom_edge, -1), (bottom_edge + across * SCROLL_HEIGHT, 1)):
        borders.append(plane_grid(edge + np.array([0, 0, start - edge[2]]) + across * (0.012 * (sign - 1) / 2)
                                  - lift * 0.5, (0, 0, SCROLL_LENGTH + 0.35), across * 0.012, 2, 1, color=scroll_light))
    borders.append(plane_grid(bottom_edge + np.array([0, 0, end - bottom_edge[2]]) - lift * 0.5, (0, 0, 0.35),
                              across * SCROLL_HEIGHT, 2, 2, color=scroll_light))
    parts.append((merge(borders), "scroll_border"))
    roll_axis_low = mid - across * (SCROLL_HEIGHT / 2 + 0.02) + np.array([0, 0.03, start - mid[2] - 0.035])
    roll = tube([roll_axis_low, roll_axis_low + across * (SCROLL_HEIGHT + 0.04)], 0.03, 16)
    parts.append((roll, "scroll_back"))
    roller = tube([roll_axis_low - across * 0.03, roll_axis_low + across * (SCROLL_HEIGHT + 0.07)], 0.012, 10)
    parts.append((roller, "walnut"))
    # Glass cover on a thin bronze frame.
    glass_y = VITRINE_HEIGHT + GLASS_HEIGHT / 2 - 0.04
    parts.append((box((VITRINE_WIDTH - 0.02, GLASS_HEIGHT, length - 0.02), (VITRINE_X, glass_y, zc), skip=("-y",)),
                  "glass"))
    rails = []
    top = VITRINE_HEIGHT + GLASS_HEIGHT - 0.04
    for x in (x0 + 0.01, x1 - 0.01):
        rails.append(box((0.015, 0.015, length), (x, top, zc)))
        rails.append(box((0.015, 0.02, length), (x, VITRINE_HEIGHT - 0.04, zc)))
    for z in (VITRINE_Z0 + 0.01, VITRINE_Z1 - 0.01):
        rails.append(box((VITRINE_WIDTH, 0.015, 0.015), (VITRINE_X, top, z)))
    parts.append((merge(rails), "bronze"))
    return parts
