"""Triangle meshes for the museum generator, built with numpy.

A Mesh holds float64 positions/normals/uvs, optional RGBA vertex colours (baked light and
contact shadows) and uint32 indices. Surfaces are grids of points (rows x columns) whose normals
come from the grid's finite differences; `orient` then makes every triangle's winding agree with
its normals, so builders never have to think about counter-clockwise order.
"""
import math

import numpy as np


class Mesh:
    def __init__(self, positions, normals, uvs, indices, colors=None):
        self.positions = np.asarray(positions, np.float64).reshape(-1, 3)
        self.normals = np.asarray(normals, np.float64).reshape(-1, 3)
        self.uvs = np.asarray(uvs, np.float64).reshape(-1, 2)
        self.indices = np.asarray(indices, np.int64).reshape(-1)
        self.colors = None if colors is None else np.asarray(colors, np.float64).reshape(-1, 4)

    def copy(self):
        return Mesh(self.positions.copy(), self.normals.copy(), self.uvs.copy(), self.indices.copy(),
                    None if self.colors is None else self.colors.copy())

    def transformed(self, rotation=None, translation=(0.0, 0.0, 0.0), scale=1.0):
        """A copy rotated (3x3), scaled (scalar or per axis) and then translated."""
        m = np.eye(3) if rotation is None else np.asarray(rotation, np.float64)
        s = np.broadcast_to(np.asarray(scale, np.float64), (3,))
        linear = m @ np.diag(s)
        normal_matrix = np.linalg.inv(linear).T
        out = self.copy()
        out.positions = self.positions @ linear.T + np.asarray(translation, np.float64)
        n = self.normals @ normal_matrix.T
        out.normals = n / np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-12)
        if np.linalg.det(linear) < 0:
            out.indices = self.indices.reshape(-1, 3)[:, ::-1].reshape(-1)
        return out

    def with_color(self, rgba):
        out = self.copy()
        out.colors = np.tile(np.asarray(rgba, np.float64), (len(self.positions), 1))
        return out


def merge(meshes):
    meshes = [m for m in meshes if m is not None and len(m.indices)]
    with_colors = any(m.colors is not None for m in meshes)
    offset = 0
    indices = []
    for m in meshes:
        indices.append(m.indices + offset)
        offset += len(m.positions)
    colors = None
    if with_colors:
        colors = np.concatenate([m.colors if m.colors is not None else np.ones((len(m.positions), 4))
                                 for m in meshes])
    return Mesh(np.concatenate([m.positions for m in meshes]), np.concatenate([m.normals for m in meshes]),
                np.concatenate([m.uvs for m in meshes]), np.concatenate(indices), colors)


def orient(mesh):
    """Flip triangles whose winding disagrees with their vertices' normals (front = CCW)."""
    tri = mesh.indices.reshape(-1, 3)
    p = mesh.positions
    face = np.cross(p[tri[:, 1]] - p[tri[:, 0]], p[tri[:, 2]] - p[tri[:, 0]])
    vertex_normals = mesh.normals[tri].sum(axis=1)
    flip = (face * vertex_normals).sum(axis=1) < 0
    tri = tri.copy()
    tri[flip] = tri[flip][:, ::-1]
    mesh.indices = tri.reshape(-1)
    return mesh


def rotation_y(degrees):
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def rotation_x(degrees):
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def rotation_z(degrees):
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def grid_surface(points, uvs, wrap_columns=False, flip=False):
    """Mesh over a (rows, cols, 3) grid; normals = d/dcolumn x d/drow (negated with `flip`).

    With wrap_columns the last column repeats the first (a seam with its own uvs) and the
    differences wrap around, so a lathed surface is smooth across its seam."""
    pts = np.asarray(points, np.float64)
    rows, cols, _ = pts.shape
    if wrap_columns:
        ring = pts[:, :-1]
        d_col = np.roll(ring, -1, axis=1) - np.roll(ring, 1, axis=1)
        d_col = np.concatenate([d_col, d_col[:, :1]], axis=1)
    else:
        d_col = np.gradient(pts, axis=1)
    d_row = np.gradient(pts, axis=0)
    n = np.cross(d_col, d_row)
    if flip:
        n = -n
    length = np.linalg.norm(n, axis=2, keepdims=True)
    # Degenerate spots (a lathe's pole): borrow the neighbouring row's normal.
    bad = length[..., 0] < 1e-14
    if bad.any():
        for r in range(rows):
            if bad[r].all():
                source = r + 1 if r + 1 < rows else r - 1
                n[r] = n[source]
        length = np.linalg.norm(n, axis=2, keepdims=True)
    n = n / np.maximum(length, 1e-300)
    r_idx, c_idx = np.meshgrid(np.arange(rows - 1), np.arange(cols - 1), indexing="ij")
    a = (r_idx * cols + c_idx).reshape(-1)
    b = a + 1
    c = a + cols
    d = c + 1
    indices = np.stack([a, b, d, a, d, c], axis=1).reshape(-1)
    mesh = Mesh(pts.reshape(-1, 3), n.reshape(-1, 3), np.asarray(uvs, np.float64).reshape(-1, 2), indices)
    return orient(mesh)


def lathe(profile, segments=48, u_repeat=1.0, section=None, y_offset=None):
    """Surface of revolution about +Y from a profile [(radius, y), ...] listed bottom to top.

    v runs 1 at the bottom to 0 at the top (glTF: v = 0 is the image's top row) in proportion to
    arc length; u goes once around (times u_repeat). `section(phi) -> (sx, sz)` squashes the
    circle (a bell's almond shape); `y_offset(phi, t) -> dy` bends rows (a bell's arched mouth)."""
    prof = np.asarray(profile, np.float64)
    radius, height = prof[:, 0], prof[:, 1]
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(radius), np.diff(height)))])
    t = arc / arc[-1]
    phi = np.linspace(0.0, 2 * math.pi, segments + 1)
    sx, sz = (np.ones_like(phi), np.ones_like(phi)) if section is None else section(phi)
    x = radius[:, None] * np.sin(phi)[None, :] * sx[None, :]
    z = radius[:, None] * np.cos(phi)[None, :] * sz[None, :]
    y = np.repeat(height[:, None], segments + 1, axis=1)
    if y_offset is not None:
        y = y + y_offset(phi[None, :], t[:, None])
    pts = np.stack([x, y, z], axis=2)
    pts[:, -1] = pts[:, 0]
    uv = np.stack(np.meshgrid(phi / (2 * math.pi) * u_repeat, 1.0 - t, indexing="xy"), axis=2)
    return grid_surface(pts, uv, wrap_columns=True)


def box(size, center=(0.0, 0.0, 0.0), uv_metres=None, skip=()):
    """An axis-aligned box with flat faces. uv: per face 0..1, or metres * uv_metres (tiling).

    skip: face names to leave out ('+x', '-x', '+y', '-y', '+z', '-z')."""
    hx, hy, hz = (s / 2 for s in size)
    faces = {
        "+x": ((1, 0, 0), (0, 0, -1), (0, 1, 0), hx, (hz, hy)),
        "-x": ((-1, 0, 0), (0, 0, 1), (0, 1, 0), hx, (hz, hy)),
        "+y": ((0, 1, 0), (1, 0, 0), (0, 0, -1), hy, (hx, hz)),
        "-y": ((0, -1, 0), (1, 0, 0), (0, 0, 1), hy, (hx, hz)),
        "+z": ((0, 0, 1), (1, 0, 0), (0, 1, 0), hz, (hx, hy)),
        "-z": ((0, 0, -1), (-1, 0, 0), (0, 1, 0), hz, (hx, hy)),
    }
    meshes = []
    for name, (normal, right, up, distance, (half_r, half_u)) in faces.items():
        if name in skip:
            continue
        n, r, u = (np.asarray(v, np.float64) for v in (normal, right, up))
        c = np.asarray(center, np.float64) + n * distance
        corners = [c - r * half_r - u * half_u, c + r * half_r - u * half_u,
                   c + r * half_r + u * half_u, c - r * half_r + u * half_u]
        if uv_metres is None:
            uvs = [(0, 1), (1, 1), (1, 0), (0, 0)]
        else:
            w, h = 2 * half_r * uv_metres, 2 * half_u * uv_metres
            uvs = [(0, h), (w, h), (w, 0), (0, 0)]
        meshes.append(Mesh(corners, [n] * 4, uvs, [0, 1, 2, 0, 2, 3]))
    return orient(merge(meshes))


def plane_grid(origin, right, up, columns, rows, uv_scale=(1.0, 1.0), color=None):
    """A flat rectangle origin + [0,1]*right + [0,1]*up split into a grid (for vertex colours).

    Facing cross(right, up). uv = (s * uv_scale[0], (1 - t) * uv_scale[1]). color(points) -> rgba."""
    o, r, u = (np.asarray(v, np.float64) for v in (origin, right, up))
    s, t = np.meshgrid(np.linspace(0, 1, columns + 1), np.linspace(0, 1, rows + 1), indexing="xy")
    pts = o + s[..., None] * r + t[..., None] * u
    uv = np.stack([s * uv_scale[0], (1 - t) * uv_scale[1]], axis=2)
    mesh = grid_surface(pts, uv)
    normal = np.cross(r, u)
    normal /= np.linalg.norm(normal)
    mesh.normals[:] = normal
    orient(mesh)
    if color is not None:
        mesh.colors = color(mesh.positions)
    return mesh


def tube(path, radius, sides=12):
    """A round tube along a polyline path [(x, y, z), ...] (open ends), for rods and hooks."""
    pts = np.asarray(path, np.float64)
    tangents = np.gradient(pts, axis=0)
    tangents /= np.linalg.norm(tangents, axis=1, keepdims=True)
    helper = np.array([0.0, 0.0, 1.0]) if abs(tangents[0][2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    rings = []
    normal = np.cross(tangents[0], helper)
    normal /= np.linalg.norm(normal)
    for p, t in zip(pts, tangents):
        normal = normal - t * np.dot(normal, t)  # parallel transport, good enough for gentle paths
        normal /= np.linalg.norm(normal)
        binormal = np.cross(t, normal)
        angles = np.linspace(0, 2 * math.pi, sides + 1)
        rings.append(p + radius * (np.cos(angles)[:, None] * normal + np.sin(angles)[:, None] * binormal))
    grid = np.stack(rings)
    uv = np.stack(np.meshgrid(np.linspace(0, 1, sides + 1), np.linspace(0, 1, len(pts)), indexing="xy"), axis=2)
    mesh = grid_surface(grid, uv, wrap_columns=True)
    # Outward normals: from the path to the surface.
    centre = np.repeat(pts, sides + 1, axis=0)
    outward = mesh.positions - centre
    outward /= np.maximum(np.linalg.norm(outward, axis=1, keepdims=True), 1e-12)
    mesh.normals = outward
    return orient(mesh)
