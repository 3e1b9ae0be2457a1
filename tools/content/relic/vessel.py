"""A painted pottery jar (Majiayao-style 彩陶罐), fractured into shards, in two states.

The jar is a lathe surface. Its quads are split into cells (a noisy Voronoi diagram on the
unrolled surface, so break lines are jagged); each cell becomes a shard: the painted outer face,
an inner face one wall-thickness in, and the broken edges joining them. Every shard's mesh is
written in its own frame (origin at its centroid), so the two states differ only in node
transforms:

  broken    shard_NN nodes: in place (slightly loosened: cracks) or lying on the pad; lost
            cells are absent
  restored  the same shard_NN nodes back in place, plus fill_NN nodes (conservator's fills,
            paler, with the pattern only suggested) where cells were lost

Coordinates: the jar's foot centre is the origin, +Y up; the model sits on the table's pad.
"""
import math

import numpy as np

from geometry import Mesh, lathe, orient
from glb_export import Part
from materials import Material
from textures import fbm, smoothstep, value_noise

HEIGHT = 0.34
WALL = 0.007
SEGMENTS = 128
# Radius against height fraction, foot to rim (Catmull-Rom through these).
PROFILE = [(0.0, 0.066), (0.1, 0.092), (0.25, 0.128), (0.42, 0.158), (0.55, 0.166), (0.68, 0.152),
           (0.79, 0.112), (0.86, 0.082), (0.92, 0.074), (0.97, 0.078), (1.0, 0.088)]
# Rings of break cells above the foot: (arc length from the foot centre in m, cells in the ring).
RINGS = [(0.17, 4), (0.255, 5), (0.34, 5), (0.425, 4)]
# What happened to each ring's cells: counts of (lost, displaced); the rest stay in place.
FATES = [(0, 0), (1, 1), (1, 2), (2, 2)]
# Where displaced shards lie on the pad, in the jar's frame (x, z, yaw degrees, convex side up).
RESTING = [(0.30, 0.16, 35, True), (0.44, -0.06, -70, False), (-0.32, 0.17, 120, True),
           (-0.47, -0.04, 15, True), (0.17, 0.30, 200, True), (-0.16, 0.31, 80, False)]


def catmull_rom(points, samples):
    pts = np.asarray(points, np.float64)
    out = []
    for k in range(len(pts) - 1):
        p0, p1, p2, p3 = pts[max(k - 1, 0)], pts[k], pts[k + 1], pts[min(k + 2, len(pts) - 1)]
        for s in np.linspace(0, 1, samples, endpoint=False):
            out.append(0.5 * (2 * p1 + (-p0 + p2) * s + (2 * p0 - 5 * p1 + 4 * p2 - p3) * s * s
                              + (-p0 + 3 * p1 - 3 * p2 + p3) * s ** 3))
    out.append(pts[-1])
    return np.array(out)


def profile():
    """[(radius, y)] from the foot's centre across the foot, round the heel and up to the rim."""
    body = catmull_rom(PROFILE, 8)                      # (t, r) rows
    foot = [(r, 0.0) for r in (0.0, 0.018, 0.036, 0.05, 0.058)] + [(0.0625, 0.0015), (0.0648, 0.0055)]
    wall = [(r, t * HEIGHT) for t, r in body if t * HEIGHT > 0.012]
    return foot + wall


def height_of_arc(prof):
    """Arc length along the profile per row (for texture zoning and cells)."""
    p = np.asarray(prof)
    return np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(p[:, 0]), np.diff(p[:, 1])))])


# --- textures ---------------------------------------------------------------------------------

def paint_mask(size, prof):
    """Where the black slip paint is (0..1), on the (height, 2 * height) texture of the lathe uvs."""
    h, w = size, size * 2
    p = np.asarray(prof)
    arc = height_of_arc(prof)
    t_rows = 1.0 - (np.arange(h) + 0.5) / h                          # v -> arc fraction
    y = np.interp(t_rows * arc[-1], arc, p[:, 1])[:, None] / HEIGHT   # height fraction per row
    r = np.interp(t_rows * arc[-1], arc, p[:, 0])[:, None]
    u = (np.arange(w) + 0.5)[None, :] / w
    x = u * 2 * math.pi * r                                         # metres around, per row
    yy = y * HEIGHT
    circ = 2 * math.pi * r

    def band(lo, hi):
        return smoothstep(lo - 0.003, lo, y) * (1 - smoothstep(hi, hi + 0.003, y))

    mask = band(0.42, 0.432) + band(0.80, 0.815) + band(0.965, 1.01)
    # Four whirl roundels on the shoulder, joined by pairs of sweeping bands.
    centre_y = 0.61 * HEIGHT
    frieze = np.zeros_like(x)
    for k in range(4):
        cx = (k + 0.5) / 4 * circ
        dx = np.abs(((x - cx) + circ / 2) % circ - circ / 2)
        d = np.hypot(dx, yy - centre_y)
        frieze = np.maximum(frieze, smoothstep(0.0075, 0.005, np.abs(d - 0.052)))
        frieze = np.maximum(frieze, smoothstep(0.0075, 0.005, np.abs(d - 0.034)))
        frieze = np.maximum(frieze, smoothstep(0.018, 0.015, d))
    outside = np.ones_like(x)
    for k in range(4):
        cx = (k + 0.5) / 4 * circ
        dx = np.abs(((x - cx) + circ / 2) % circ - circ / 2)
        outside = np.minimum(outside, smoothstep(0.058, 0.064, np.hypot(dx, yy - centre_y)))
    phase = u * 4 * 2 * math.pi
    for offset in (-0.03, 0.0, 0.03):
        wave_y = centre_y + offset + 0.045 * np.sin(phase)
        frieze = np.maximum(frieze, outside * smoothstep(0.0065, 0.004, np.abs(yy - wave_y)) * band(0.45, 0.785))
    # A net of small waves round the neck.
    neck_wave = 0.86 * HEIGHT + 0.008 * np.sin(u * 24 * 2 * math.pi)
    neck = smoothstep(0.0035, 0.002, np.abs(yy - neck_wave)) + smoothstep(0.0035, 0.002, np.abs(yy - neck_wave - 0.022))
    return np.clip(mask + frieze + neck * band(0.83, 0.95), 0, 1)


def vessel_materials(rng, materials, size):
    prof = profile()
    paint = paint_mask(size, prof)
    h, w = paint.shape
    wear = smoothstep(0.62, 0.8, fbm(rng, w, h, cells=10, octaves=4, aspect=2.0))
    clay_noise = fbm(rng, w, h, cells=6, octaves=5, aspect=2.0)
    fire = value_noise(rng, w, h, 3, 2)       # fire clouds: uneven firing colour
    clay = np.array([0.40, 0.16, 0.07]) * (0.88 + 0.2 * clay_noise[..., None]) * (0.85 + 0.25 * fire[..., None])
    ink = np.array([0.028, 0.02, 0.016])
    painted = paint * (1 - 0.6 * wear)
    base = clay * (1 - painted[..., None]) + ink * painted[..., None]
    dirt = smoothstep(0.55, 0.9, fbm(rng, w, h, cells=16, octaves=3, aspect=2.0))
    base = base * (1 - 0.25 * dirt[..., None])
    rough = 0.62 + 0.15 * clay_noise - 0.1 * painted
    materials["clay_painted"] = Material("clay_painted", base_image=base,
                                         orm_image=np.stack([np.ones_like(rough), rough, np.zeros_like(rough)], axis=2))
    # The conservator's fill: a paler, even tone; the pattern is only suggested, in a light
    # grey-brown, so a visitor can tell original from restoration (the principle of
    # distinguishability) while the jar reads as a whole.
    fill_clay = np.array([0.50, 0.31, 0.19]) * (0.97 + 0.05 * clay_noise[..., None])
    fill_ink = np.array([0.27, 0.18, 0.13])
    base_fill = fill_clay * (1 - 0.85 * paint[..., None]) + fill_ink * 0.85 * paint[..., None]
    materials["clay_fill"] = Material("clay_fill", base_image=base_fill, roughness=0.8)
    materials["clay_body"] = Material("clay_body", base=(0.27, 0.12, 0.055), roughness=0.95)
    materials["plaster"] = Material("plaster", base=(0.56, 0.48, 0.39), roughness=0.95)


# --- fracture ---------------------------------------------------------------------------------

def surface(rng):
    """The jar's lathe surface with its grid jittered along the surface, so that breaks that
    follow grid lines zigzag irregularly instead of in regular stairs."""
    prof = profile()
    surf = lathe(prof, segments=SEGMENTS)
    rows, cols = len(prof), SEGMENTS + 1
    grid = surf.positions.reshape(rows, cols, 3)
    along_u = (np.roll(grid[:, :-1], -1, axis=1) - np.roll(grid[:, :-1], 1, axis=1)) / 2
    along_v = np.gradient(grid[:, :-1], axis=0)
    du = (rng.random((rows, SEGMENTS)) - 0.5) * 0.8
    dv = (rng.random((rows, SEGMENTS)) - 0.5) * 0.8
    dv[0] = dv[-1] = 0.0                                   # keep the foot's centre and the rim level
    du[0] = 0.0
    moved = grid[:, :-1] + du[..., None] * along_u + dv[..., None] * along_v
    grid = np.concatenate([moved, moved[:, :1]], axis=1)   # the seam column repeats the first
    surf.positions = grid.reshape(-1, 3)
    return surf, prof


def cell_of_quads(rng, prof):
    """(rows-1, SEGMENTS) cell ids, the sites' (ring, index) and each cell's ring (-1: the foot)."""
    p = np.asarray(prof)
    arc = height_of_arc(prof)
    rows = len(prof) - 1
    a = (arc[:-1] + arc[1:]) / 2                              # arc at quad centres
    r = (p[:-1, 0] + p[1:, 0]) / 2
    phi = (np.arange(SEGMENTS) + 0.5) / SEGMENTS * 2 * math.pi
    A = np.repeat(a[:, None], SEGMENTS, axis=1)
    R = np.repeat(r[:, None], SEGMENTS, axis=1)
    PHI = np.repeat(phi[None, :], rows, axis=0)
    # Domain warp (tileable round the jar) for wandering breaks, plus fine jitter for jagged ones.
    warp_a = (value_noise(rng, SEGMENTS, rows, 8, 6) - 0.5) * 0.045 + (value_noise(rng, SEGMENTS, rows, 32, 24) - 0.5) * 0.012
    warp_x = (value_noise(rng, SEGMENTS, rows, 8, 6) - 0.5) * 0.05 + (value_noise(rng, SEGMENTS, rows, 32, 24) - 0.5) * 0.012
    A = A + warp_a
    rings = [-1]
    distances = [A * 1.0]                                       # the foot: everything near the base
    for ring, (ring_arc, count) in enumerate(RINGS):
        offset = rng.random() * 2 * math.pi
        for k in range(count):
            site_phi = offset + (k + 0.25 + 0.5 * rng.random()) / count * 2 * math.pi
            site_a = ring_arc + (rng.random() - 0.5) * 0.03
            dphi = np.abs((PHI - site_phi + math.pi) % (2 * math.pi) - math.pi)
            distances.append(np.hypot(dphi * R + warp_x, A - site_a))
            rings.append(ring)
    cells = np.argmin(np.stack(distances), axis=0)
    return cells, rings


def shard_meshes(surf, cells, cell, rows):
    """(outer, inner_and_edges) meshes of one cell, in the jar's frame."""
    cols = SEGMENTS + 1
    quads = np.argwhere(cells == cell)                 # (i, j)
    q_index = quads[:, 0] * SEGMENTS + quads[:, 1]
    tris = surf.indices.reshape(-1, 6)[q_index].reshape(-1)
    used, remap = np.unique(tris, return_inverse=True)
    outer = Mesh(surf.positions[used], surf.normals[used], surf.uvs[used], remap)
    inner = Mesh(surf.positions[used] - surf.normals[used] * WALL, -surf.normals[used], surf.uvs[used],
                 remap.reshape(-1, 3)[:, ::-1].reshape(-1))
    # Broken edges: every quad side whose neighbour belongs to another cell (or is the rim).
    P, N = surf.positions, surf.normals
    wall_pos, wall_nrm, wall_idx = [], [], []
    for i, j in quads:
        centre = P[[i * cols + j, i * cols + j + 1, (i + 1) * cols + j, (i + 1) * cols + j + 1]].mean(axis=0)
        sides = ((i, j, i, j + 1, i - 1, j), (i + 1, j, i + 1, j + 1, i + 1, j),
                 (i, j, i + 1, j, i, (j - 1) % SEGMENTS), (i, j + 1, i + 1, j + 1, i, (j + 1) % SEGMENTS))
        for i0, j0, i1, j1, ni, nj in sides:
            if ni < 0:
                continue                                   # the foot's centre: no edge there
            if ni < rows and cells[ni, nj] == cell:
                continue
            v0, v1 = i0 * cols + j0, i1 * cols + j1
            o0, o1 = P[v0], P[v1]
            if np.linalg.norm(o1 - o0) < 1e-9:
                continue
            out = (o0 + o1) / 2 - centre
            surface_n = (N[v0] + N[v1]) / 2
            out = out - surface_n * np.dot(out, surface_n)
            out /= max(np.linalg.norm(out), 1e-12)
            base = len(wall_pos)
            wall_pos += [o0, o1, o1 - N[v1] * WALL, o0 - N[v0] * WALL]
            wall_nrm += [out] * 4
            wall_idx += [base, base + 1, base + 2, base, base + 2, base + 3]
    edges = orient(Mesh(wall_pos, wall_nrm, np.zeros((len(wall_pos), 2)), wall_idx))
    back = Mesh(np.concatenate([inner.positions, edges.positions]), np.concatenate([inner.normals, edges.normals]),
                np.concatenate([inner.uvs, edges.uvs]), np.concatenate([inner.indices, edges.indices + len(inner.positions)]))
    return outer, back


def rotation_between(a, b):
    """The rotation taking unit vector a to unit vector b (Rodrigues)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    v = np.cross(a, b)
    c = float(np.dot(a, b))
    if np.linalg.norm(v) < 1e-9:
        return np.eye(3) if c > 0 else np.diag([1.0, -1.0, -1.0])
    k = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + k + k @ k * (1 / (1 + c))


def rotation_axis_angle(axis, degrees):
    axis = np.asarray(axis, np.float64) / np.linalg.norm(axis)
    a = math.radians(degrees)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + math.sin(a) * k + (1 - math.cos(a)) * k @ k


class Shard:
    """One cell: its meshes in its own frame, its centroid and mean outward normal in the jar."""

    def __init__(self, number, ring, fate, outer, back):
        self.number, self.ring, self.fate = number, ring, fate
        self.centroid = outer.positions.mean(axis=0)
        normal = outer.normals.mean(axis=0)
        self.normal = normal / np.linalg.norm(normal)
        for mesh in (outer, back):
            mesh.positions = mesh.positions - self.centroid
        self.outer, self.back = outer, back


def fracture(rng):
    """[Shard] with fates 'kept', 'displaced' or 'lost'."""
    surf, prof = surface(rng)
    rows = len(prof) - 1
    cells, rings = cell_of_quads(rng, prof)
    fates = ["kept"] * len(rings)
    for ring, (lost, displaced) in enumerate(FATES):
        members = [c for c, r in enumerate(rings) if r == ring]
        chosen = rng.permutation(members)
        for c in chosen[:lost]:
            fates[c] = "lost"
        for c in chosen[lost:lost + displaced]:
            fates[c] = "displaced"
    shards = []
    for cell in range(len(rings)):
        if not (cells == cell).any():
            continue
        outer, back = shard_meshes(surf, cells, cell, rows)
        shards.append(Shard(cell, rings[cell], fates[cell], outer, back))
    return shards


# --- the two states ---------------------------------------------------------------------------

RESTORED_SCALE = 0.992      # hairline joins between reassembled pieces
LOOSE_SCALE = 0.984         # the broken jar's cracks are wider


def broken_parts(rng, shards):
    parts = []
    resting = iter(RESTING)
    for shard in shards:
        name = "shard_%02d" % shard.number
        primitives = [(shard.outer, "clay_painted"), (shard.back, "clay_body")]
        if shard.fate == "kept":
            # Loosened: tipped a little outwards about the horizontal axis along the break.
            axis = np.cross(shard.normal, [0, 1, 0])
            axis = axis if np.linalg.norm(axis) > 1e-3 else np.array([1.0, 0.0, 0.0])   # the foot
            tilt = rotation_axis_angle(axis, (rng.random() - 0.3) * 3.0)
            radial = np.array([shard.normal[0], 0.0, shard.normal[2]])
            parts.append(Part(name, primitives, shard.centroid + radial * 0.0015, tilt, LOOSE_SCALE))
        elif shard.fate == "displaced":
            x, z, yaw, convex_up = next(resting)
            turn = rotation_axis_angle([0, 1, 0], yaw)
            lie = turn @ rotation_between(shard.normal, [0, 1, 0] if convex_up else [0, -1, 0])
            points = np.concatenate([shard.outer.positions, shard.back.positions]) * RESTORED_SCALE
            lowest = (points @ lie.T)[:, 1].min()
            parts.append(Part(name, primitives, (x, -lowest + 0.0004, z), lie, RESTORED_SCALE))
    return parts


def restored_parts(shards):
    parts = []
    for shard in shards:
        if shard.fate == "lost":
            parts.append(Part("fill_%02d" % shard.number, [(shard.outer, "clay_fill"), (shard.back, "plaster")],
                                    shard.centroid, None, RESTORED_SCALE))
        else:
            parts.append(Part("shard_%02d" % shard.number, [(shard.outer, "clay_painted"), (shard.back, "clay_body")],
                                    shard.centroid, None, RESTORED_SCALE))
    return parts

