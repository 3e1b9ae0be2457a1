"""Triangle meshes as numpy arrays, the shapes the scenic spot is built from, and their glTF export.

A Mesh holds float32 positions/normals (N x 3), uvs (N x 2), linear RGBA vertex colours (N x 4) and
uint32 triangles (M x 3, counter-clockwise seen from the front). Shapes are built in local space
and placed with translate/rotate_y/scale before they are merged into one mesh per material, so
the renderer has few draws.
"""
import math
import struct

import numpy as np

FLOAT = 5126
UNSIGNED_INT = 5125
ARRAY_BUFFER = 34962
ELEMENT_ARRAY_BUFFER = 34963


class Mesh:
    def __init__(self, positions, normals, uvs, colors, triangles):
        self.positions = np.asarray(positions, dtype=np.float64).reshape(-1, 3)
        self.normals = np.asarray(normals, dtype=np.float64).reshape(-1, 3)
        self.uvs = np.asarray(uvs, dtype=np.float64).reshape(-1, 2)
        self.colors = np.asarray(colors, dtype=np.float64).reshape(-1, 4)
        self.triangles = np.asarray(triangles, dtype=np.int64).reshape(-1, 3)

    def copy(self):
        return Mesh(self.positions.copy(), self.normals.copy(), self.uvs.copy(), self.colors.copy(),
                    self.triangles.copy())

    def translate(self, offset):
        self.positions += np.asarray(offset, dtype=np.float64)
        return self

    def scale(self, factors):
        f = np.broadcast_to(np.asarray(factors, dtype=np.float64), (3,))
        self.positions *= f
        self.normals /= f
        self.normals /= np.linalg.norm(self.normals, axis=1, keepdims=True)
        return self

    def rotate_y(self, angle):
        """Turn about +Y by `angle` radians (counter-clockwise seen from above)."""
        c, s = math.cos(angle), math.sin(angle)
        rot = np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])
        self.positions = self.positions @ rot.T
        self.normals = self.normals @ rot.T
        return self

    def tint(self, rgb):
        self.colors[:, :3] *= np.asarray(rgb, dtype=np.float64)
        return self


def merge(meshes):
    meshes = [m for m in meshes if len(m.triangles)]
    offsets = np.cumsum([0] + [len(m.positions) for m in meshes[:-1]])
    return Mesh(np.concatenate([m.positions for m in meshes]), np.concatenate([m.normals for m in meshes]),
                np.concatenate([m.uvs for m in meshes]), np.concatenate([m.colors for m in meshes]),
                np.concatenate([m.triangles + o for m, o in zip(meshes, offsets)]))


def smooth_normals(positions, triangles):
    p = positions
    face = np.cross(p[triangles[:, 1]] - p[triangles[:, 0]], p[triangles[:, 2]] - p[triangles[:, 0]])
    normals = np.zeros_like(p)
    for corner in range(3):
        np.add.at(normals, triangles[:, corner], face)
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    return normals / np.maximum(length, 1e-12)


def grid_triangles(rows, cols):
    """Two triangles per cell of a rows x cols vertex grid (row-major), CCW seen from +Y when
    rows run along +Z and columns along +X."""
    r, c = np.meshgrid(np.arange(rows - 1), np.arange(cols - 1), indexing="ij")
    a = (r * cols + c).ravel()
    b, d, e = a + 1, a + cols, a + cols + 1
    return np.concatenate([np.stack([a, d, b], 1), np.stack([b, d, e], 1)])


def colored(n, rgb, alpha=1.0):
    return np.tile(np.array([rgb[0], rgb[1], rgb[2], alpha], dtype=np.float64), (n, 1))


def box(size, rgb=(1, 1, 1), center=(0, 0, 0)):
    """An axis-aligned box with flat faces; uv covers each face in metres."""
    hx, hy, hz = (s / 2 for s in size)
    faces = [((1, 0, 0), (0, 0, -1), (0, 1, 0), hx, hz, hy), ((-1, 0, 0), (0, 0, 1), (0, 1, 0), hx, hz, hy),
             ((0, 1, 0), (1, 0, 0), (0, 0, -1), hy, hx, hz), ((0, -1, 0), (1, 0, 0), (0, 0, 1), hy, hx, hz),
             ((0, 0, 1), (1, 0, 0), (0, 1, 0), hz, hx, hy), ((0, 0, -1), (-1, 0, 0), (0, 1, 0), hz, hx, hy)]
    pos, nor, uv, tri = [], [], [], []
    for n, right, up, dn, dr, du in faces:
        n, right, up = np.array(n, float), np.array(right, float), np.array(up, float)
        base = len(pos)
        for sr, su in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
            pos.append(n * dn + right * dr * sr + up * du * su)
            nor.append(n)
            uv.append((dr * (sr + 1), du * (1 - su)))
        tri += [(base, base + 1, base + 2), (base, base + 2, base + 3)]
    m = Mesh(pos, nor, uv, colored(24, rgb), tri)
    return m.translate(center)


def cylinder(radius_bottom, radius_top, height, segments=12, rgb=(1, 1, 1), caps=True):
    """A (truncated) cone along +Y from y = 0 to y = height, smooth sides."""
    angles = np.linspace(0, 2 * math.pi, segments + 1)
    slope = (radius_bottom - radius_top) / height
    pos, nor, uv = [], [], []
    for i, a in enumerate(angles):
        c, s = math.cos(a), math.sin(a)
        n = np.array([c, slope, s])
        n /= np.linalg.norm(n)
        pos += [(radius_bottom * c, 0, radius_bottom * s), (radius_top * c, height, radius_top * s)]
        nor += [n, n]
        uv += [(i / segments, 1), (i / segments, 0)]
    tri = []
    for i in range(segments):
        a, b, c2, d = 2 * i, 2 * i + 1, 2 * i + 2, 2 * i + 3
        tri += [(a, b, c2), (c2, b, d)]
    if caps:
        for y, r, ny in ((0.0, radius_bottom, -1.0), (height, radius_top, 1.0)):
            if r <= 0:
                continue
            centre = len(pos)
            pos.append((0, y, 0))
            nor.append((0, ny, 0))
            uv.append((0.5, 0.5))
            for a in angles:
                pos.append((r * math.cos(a), y, r * math.sin(a)))
                nor.append((0, ny, 0))
                uv.append((0.5 + 0.5 * math.cos(a), 0.5 + 0.5 * math.sin(a)))
            for i in range(segments):
                if ny > 0:
                    tri.append((centre, centre + 2 + i, centre + 1 + i))
                else:
                    tri.append((centre, centre + 1 + i, centre + 2 + i))
    return Mesh(pos, nor, uv, colored(len(pos), rgb), tri)


def sphere(radius, rings=8, segments=12, rgb=(1, 1, 1)):
    lat = np.linspace(-math.pi / 2, math.pi / 2, rings + 1)
    lon = np.linspace(0, 2 * math.pi, segments + 1)
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    n = np.stack([np.cos(la) * np.cos(lo), np.sin(la), np.cos(la) * np.sin(lo)], -1).reshape(-1, 3)
    uv = np.stack([lo / (2 * math.pi), 0.5 - la / math.pi], -1).reshape(-1, 2)
    # Rows go up in latitude, columns turn from +X to +Z: grid_triangles' winding faces outwards.
    tri = grid_triangles(rings + 1, segments + 1)
    return Mesh(n * radius, n, uv, colored(len(n), rgb), tri)


def upturned_roof(half_x, half_z, height, overhang, lift, rgb=(1, 1, 1), rings=8, segments=64, thickness=0.25):
    """A Chinese hip roof with upturned eaves over a half_x x half_z footprint (y = 0 at the eave
    line of the body, the roof rises to `height`). The profile is concave (steep at the top,
    flat at the eave) and the corners lift by `lift`. Two-sided: a top surface and a slightly
    lower soffit facing down."""
    t = np.linspace(0.0, 1.0, rings + 1)  # 0 at the ridge point, 1 at the eave
    theta = np.linspace(0.0, 2 * math.pi, segments + 1)
    tt, th = np.meshgrid(t, theta, indexing="ij")
    c, s = np.cos(th), np.sin(th)
    square = np.maximum(np.abs(c), np.abs(s))  # point on the unit square's boundary
    ux, uz = c / square, s / square
    corner = np.abs(np.sin(2 * th)) ** 6  # 1 at the corners (45 degrees), 0 mid-side
    reach = tt * (1.0 + overhang)
    x = ux * reach * half_x
    z = uz * reach * half_z
    y = height * (1.0 - tt) ** 1.8 - 0.12 * height * tt + lift * corner * tt ** 3
    top = np.stack([x, y, z], -1).reshape(-1, 3)
    tri = grid_triangles(rings + 1, segments + 1)
    # Rows run outwards from the apex, columns turn from +X to +Z: grid_triangles' winding would
    # face down, so flip it.
    tri = tri[:, [0, 2, 1]]
    normals = smooth_normals(top, tri)
    # The apex row is one point repeated: where all of a vertex's triangles are degenerate its
    # normal is zero (importers replace and warn); it points up (the soffit's, below, down).
    normals[np.linalg.norm(normals, axis=1) < 1e-6] = (0.0, 1.0, 0.0)
    uv = np.stack([th / (2 * math.pi) * 8, tt * 2], -1).reshape(-1, 2)
    upper = Mesh(top, normals, uv, colored(len(top), rgb), tri)
    lower = upper.copy()
    lower.positions[:, 1] -= thickness
    lower.normals = -lower.normals
    lower.triangles = lower.triangles[:, [0, 2, 1]]
    lower.colors[:, :3] *= 0.45
    return merge([upper, lower])
