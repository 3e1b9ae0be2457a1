"""Shapes of the old town that tools/content/scenic/meshes.py does not have (gable roofs, a wall
with an arched passage, flat signs), and the glTF export of a numpy Mesh.

Shapes are built in local space with their front towards +Z and placed with Mesh.rotate_y /
translate, like the scenic-spot meshes they are merged with.
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenic"))
import meshes as M  # noqa: E402  (tools/content/scenic/meshes.py: Mesh, box, cylinder, ...)


def quad(corners, uvs, rgb=(1, 1, 1)):
    """One flat quad from four corners in counter-clockwise order seen from the front."""
    p = np.asarray(corners, dtype=np.float64)
    normal = np.cross(p[1] - p[0], p[2] - p[0])
    normal /= np.linalg.norm(normal)
    return M.Mesh(p, [normal] * 4, uvs, M.colored(4, rgb), [(0, 1, 2), (0, 2, 3)])


def sign(width, height, uv_rect, rgb=(1, 1, 1)):
    """A flat sign facing +Z, centred at the origin, showing uv_rect = (u0, v0, u1, v1) of an atlas."""
    u0, v0, u1, v1 = uv_rect
    w, h = width / 2, height / 2
    return quad([(-w, -h, 0), (w, -h, 0), (w, h, 0), (-w, h, 0)], [(u0, v1), (u1, v1), (u1, v0), (u0, v0)], rgb)


def gable_roof(length, depth, rise, overhang, rgb=(1, 1, 1), tile_metres=1.0):
    """A roof over a length (x) by depth (z) body whose wall tops are at y = 0: the ridge runs
    along x, the eaves overhang by `overhang` on every side. Two-sided slopes (the undersides
    are darker), gable triangles under the ends. uv in metres / tile_metres along the slope."""
    hx = length / 2 + overhang
    hz = depth / 2 + overhang
    drop = rise * overhang / (depth / 2)   # the eave sits below the wall top, on the slope line
    slope_length = math.hypot(hz, rise + drop)
    parts = []
    for side in (1, -1):   # +z slope, then -z slope
        eave, ridge = side * hz, 0.0
        corners = [(-hx, -drop, eave), (hx, -drop, eave), (hx, rise, ridge), (-hx, rise, ridge)]
        if side < 0:
            corners = [corners[1], corners[0], corners[3], corners[2]]
        uvs = [(0, slope_length / tile_metres), (2 * hx / tile_metres, slope_length / tile_metres),
               (2 * hx / tile_metres, 0), (0, 0)]
        top = quad(corners, uvs, rgb)
        under = quad([corners[1], corners[0], corners[3], corners[2]], uvs, tuple(c * 0.35 for c in rgb))
        under.translate((0, -0.12, 0))
        parts += [top, under]
    for end in (1, -1):    # the gable walls, plastered like the body (coloured by the caller)
        x = end * length / 2
        corners = [(x, 0, end * depth / 2), (x, 0, -end * depth / 2), (x, rise, 0)]
        normal = (end, 0, 0)
        parts.append(M.Mesh(corners, [normal] * 3, [(0, 1), (1, 1), (0.5, 0)], M.colored(3, (0.86, 0.84, 0.80)),
                            [(0, 1, 2)]))
    ridge = M.box((2 * hx, 0.32, 0.34), tuple(c * 0.8 for c in rgb), (0, rise + 0.08, 0))
    parts.append(ridge)
    return M.merge(parts)


def arched_wall(width, height, depth, opening, spring, rgb=(1, 1, 1), segments=24):
    """A wall block centred on x = 0 from y = 0 to `height`, z in [-depth/2, depth/2], pierced
    along z by a passage `opening` wide with straight jambs up to `spring` and a round arch above.
    Built from vertical strips so the arch's outline is exact at every strip edge."""
    r = opening / 2

    def arch(x):   # underside of the wall over the passage
        return spring + math.sqrt(max(r * r - x * x, 0.0))

    arch_x = [-r + opening * i / segments for i in range(segments + 1)]
    xs = [-width / 2] + arch_x + [width / 2]
    hz = depth / 2
    parts = []
    for x0, x1 in zip(xs[:-1], xs[1:]):
        over_passage = x0 >= -r - 1e-9 and x1 <= r + 1e-9
        b0, b1 = (arch(x0), arch(x1)) if over_passage else (0.0, 0.0)
        for side in (1, -1):
            z = side * hz
            corners = [(x0, b0, z), (x1, b1, z), (x1, height, z), (x0, height, z)]
            uvs = [(x0, height - b0), (x1, height - b1), (x1, 0), (x0, 0)]
            if side < 0:
                corners = [corners[1], corners[0], corners[3], corners[2]]
                uvs = [uvs[1], uvs[0], uvs[3], uvs[2]]
            parts.append(quad(corners, uvs, rgb))
        if over_passage:           # the arch's underside (intrados), facing down into the passage
            parts.append(quad([(x0, b0, -hz), (x1, b1, -hz), (x1, b1, hz), (x0, b0, hz)],
                              [(x0, 0), (x1, 0), (x1, depth), (x0, depth)], tuple(c * 0.8 for c in rgb)))
    for end in (-1, 1):            # jambs of the passage, facing inwards
        x = end * r
        corners = [(x, 0, -hz), (x, 0, hz), (x, spring, hz), (x, spring, -hz)]
        if end < 0:
            corners = [corners[1], corners[0], corners[3], corners[2]]
        parts.append(quad(corners, [(0, spring), (depth, spring), (depth, 0), (0, 0)], tuple(c * 0.85 for c in rgb)))
    parts.append(M.box((width, 0.01, depth), rgb, (0, height, 0)))   # the top, walked on by the gate tower
    for end in (-1, 1):            # outer ends of the block
        x = end * width / 2
        corners = [(x, 0, hz), (x, 0, -hz), (x, height, -hz), (x, height, hz)]
        if end < 0:
            corners = [corners[1], corners[0], corners[3], corners[2]]
        parts.append(quad(corners, [(0, height), (depth, height), (depth, 0), (0, 0)], rgb))
    return M.merge(parts)


FLOAT = 5126


def add_mesh(builder, name, mesh, material):
    """Appends `mesh` (positions, normals, uvs, vertex colours, uint32 indices) as a glTF mesh."""
    def accessor(array, kind, target, with_bounds=False):
        array = np.ascontiguousarray(array, dtype=np.float32)
        entry = {"bufferView": builder._view(array.tobytes(), target),  # noqa: SLF001 - packed numpy data
                 "componentType": FLOAT, "count": len(array), "type": kind}
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
    view = builder._view(indices.tobytes(), M.ELEMENT_ARRAY_BUFFER)  # noqa: SLF001
    builder.doc["accessors"].append({"bufferView": view, "componentType": M.UNSIGNED_INT,
                                     "count": len(indices), "type": "SCALAR"})
    return builder.mesh(name, attributes, len(builder.doc["accessors"]) - 1, material)
