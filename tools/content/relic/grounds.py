"""The historic site's surroundings: a grassy terrace in gentle hills, a stone path to the temple
platform, cypresses and a far ring of hazy mountains. The late-afternoon sun comes from the
west-south-west (experience.json's sun); the platform's shadow is baked into the grass's vertex
colours, since the renderer draws no shadows."""
import math

import numpy as np

from geometry import box, grid_surface, lathe, merge, orient, plane_grid, tube
from glb_export import Part
from materials import Material
from textures import fbm, normal_map, orm, smoothstep, value_noise

SUN_DIRECTION = np.array([0.72, -0.42, -0.55])
EXTENT = 72.0                      # the terrain spans -EXTENT..EXTENT in x and z
FLAT_RADIUS = 11.0                 # level ground round the platform
PLATFORM_HALF = (5.0, 3.8)         # x, z (pavilion.py's platform)
PLATFORM_HEIGHT = 0.6


def terrain_height(x, z, lattice):
    d = np.hypot(x, z * 1.2)
    rise = smoothstep(FLAT_RADIUS, 45.0, d)
    return rise * (1.5 + 6.0 * lattice(x, z)) - 0.05 * (1 - rise)


def make_lattice(rng):
    grid = rng.random((12, 12))

    def sample(x, z):
        gx = (np.asarray(x) / (2 * EXTENT) + 0.5) * 11
        gz = (np.asarray(z) / (2 * EXTENT) + 0.5) * 11
        x0, z0 = np.clip(np.floor(gx).astype(int), 0, 10), np.clip(np.floor(gz).astype(int), 0, 10)
        fx, fz = gx - x0, gz - z0
        fx, fz = fx * fx * (3 - 2 * fx), fz * fz * (3 - 2 * fz)
        a, b, c, d = grid[z0, x0], grid[z0, x0 + 1], grid[z0 + 1, x0], grid[z0 + 1, x0 + 1]
        return (a + (b - a) * fx) * (1 - fz) + (c + (d - c) * fx) * fz
    return sample


def in_platform_shadow(x, z):
    """1 where the platform blocks the sun (marching from the ground toward the sun)."""
    d = SUN_DIRECTION / np.linalg.norm(SUN_DIRECTION)
    shade = np.zeros_like(x)
    for s in np.linspace(0.0, PLATFORM_HEIGHT / -d[1], 8):
        qx, qz = x - s * d[0], z - s * d[2]
        inside = (np.abs(qx) < PLATFORM_HALF[0]) & (np.abs(qz) < PLATFORM_HALF[1])
        shade = np.maximum(shade, inside.astype(float))
    return shade


def ground_colors(points, rng_noise):
    x, z = points[:, 0], points[:, 2]
    patch = rng_noise(x, z)
    grass = np.array([0.16, 0.17, 0.06])
    dry = np.array([0.34, 0.26, 0.12])
    earth = np.array([0.30, 0.21, 0.13])
    d = np.hypot(x, z * 1.2)
    worn = smoothstep(9.0, 5.0, d) * (0.5 + 0.5 * patch)
    colour = grass * (1 - patch[:, None] * 0.6) + dry * (patch[:, None] * 0.6)
    colour = colour * (1 - worn[:, None]) + earth * worn[:, None]
    path = smoothstep(1.5, 1.0, np.abs(x)) * (z > 3.5)
    colour = colour * (1 - 0.6 * path[:, None]) + earth * 0.6 * path[:, None]
    shade = in_platform_shadow(x, z)
    light = (1 - 0.55 * shade)
    # A little darkening right at the platform's foot (ambient occlusion).
    gap = np.maximum(np.abs(x) - PLATFORM_HALF[0], 0) + np.maximum(np.abs(z) - PLATFORM_HALF[1], 0)
    light *= 1 - 0.35 * np.exp(-gap / 0.35)
    colour = colour * light[:, None] / 0.34                      # scaled so the brightest grass is ~1
    return np.concatenate([np.clip(colour, 0, 1), np.ones((len(x), 1))], axis=1)


def site_materials(rng, materials, size):
    s = max(size // 2, 16)
    blades = fbm(rng, s, s, cells=24, octaves=4)
    materials["ground"] = Material("ground", base_image=np.full((s, s, 3), 0.34) * (0.7 + 0.6 * blades[..., None]),
                                   orm_image=orm(1.0, 0.9 + 0.08 * blades, 0.0), normal_image=normal_map(blades, 1.5))
    coarse = fbm(rng, s, s, cells=6, octaves=5)
    materials["ground_far"] = Material("ground_far", base_image=np.full((s, s, 3), 0.34) * (0.8 + 0.4 * coarse[..., None]),
                                       orm_image=orm(1.0, 0.9 + 0.08 * coarse, 0.0))
    slab = fbm(rng, s, s, cells=6, octaves=5)
    materials["path_stone"] = Material("path_stone", base_image=np.array([0.32, 0.3, 0.27]) * (0.8 + 0.35 * slab[..., None]),
                                       orm_image=orm(1.0, 0.75 + 0.1 * slab, 0.0), normal_image=normal_map(slab, 1.0))
    materials["mountains"] = Material("mountains", base=(0.16, 0.2, 0.3), roughness=1.0)
    materials["cypress"] = Material("cypress", base=(0.025, 0.05, 0.025), roughness=0.9)
    materials["bark"] = Material("bark", base=(0.08, 0.05, 0.035), roughness=0.95)


NEAR = 18.0                        # the finely textured patch round the temple


def height_field(origin, size, quads, uv_per_metre, lattice, patches):
    """A square of terrain with height-derived normals and baked vertex colours."""
    ground = plane_grid((origin[0], 0, origin[1] + size), (size, 0, 0), (0, 0, -size), quads, quads,
                        uv_scale=(size * uv_per_metre, size * uv_per_metre))
    p = ground.positions
    p[:, 1] = terrain_height(p[:, 0], p[:, 2], lattice)
    grid = p.reshape(quads + 1, quads + 1, 3)
    n = np.cross(np.gradient(grid, axis=0), np.gradient(grid, axis=1)).reshape(-1, 3)
    n *= np.sign(n[:, 1:2])
    ground.normals = n / np.linalg.norm(n, axis=1, keepdims=True)
    ground.colors = ground_colors(p, lambda x, z: smoothstep(0.3, 0.7, patches(x, z)))
    return orient(ground)


def terrain(rng):
    """Fine texture near the temple, a coarse one beyond: lavapipe (the golden tests' renderer)
    slows down enormously on densely tiled textures seen edge-on towards the horizon."""
    lattice = make_lattice(rng)
    patches = make_lattice(rng)
    near = height_field((-NEAR, -NEAR), 2 * NEAR, 72, 1 / 3.0, lattice, patches)
    far = height_field((-EXTENT, -EXTENT), 2 * EXTENT, 96, 1 / 36.0, lattice, patches)
    tri = far.indices.reshape(-1, 3)
    centre = far.positions[tri].mean(axis=1)
    outside = (np.abs(centre[:, 0]) > NEAR) | (np.abs(centre[:, 2]) > NEAR)
    far.indices = tri[outside].reshape(-1)
    return near, far, lattice


def path_stones(rng):
    stones = []
    z = 4.6
    while z < 16.0:
        w = 0.9 + 0.3 * rng.random()
        depth = 0.5 + 0.25 * rng.random()
        stones.append(box((2.0 * w, 0.06, depth), (0.1 * (rng.random() - 0.5), 0.0, z + depth / 2), uv_metres=0.5))
        z += depth + 0.06
    return merge(stones)


def cypress(x, z, height, y0):
    crown = lathe([(0.0, 0.0), (0.55, 0.15), (0.75, 0.3), (0.8, 0.45), (0.6, 0.75), (0.3, 0.92), (0.0, 1.0)], 14)
    crown = crown.transformed(translation=(x, y0 + height * 0.06, z), scale=(height * 0.15, height * 0.94, height * 0.15))
    trunk = tube([(x, y0 - 0.2, z), (x, y0 + height * 0.2, z)], 0.1 + 0.015 * height, 8)
    return crown, trunk


def mountain_ring(rng):
    segments = 160
    phi = np.linspace(0, 2 * math.pi, segments + 1)
    ridge = 14 + 22 * value_noise(rng, segments, 1, 10, 1)[0] + 8 * value_noise(rng, segments, 1, 40, 1)[0]
    ridge = np.concatenate([ridge, ridge[:1]])
    radius = 260.0
    bottom = np.stack([radius * np.sin(phi), np.full_like(phi, -2.0), -radius * np.cos(phi)], axis=1)
    top = bottom.copy()
    top[:, 1] = ridge
    pts = np.stack([bottom, top])
    uv = np.zeros((2, segments + 1, 2))
    mesh = grid_surface(pts, uv, wrap_columns=True)
    mesh.normals = -np.concatenate([bottom, top]) * np.array([1, 0, 1]) / radius   # facing the site
    shade = np.concatenate([np.full(segments + 1, 0.75), np.full(segments + 1, 1.0)])
    mesh.colors = np.stack([shade, shade, shade, np.ones_like(shade)], axis=1)
    return orient(mesh)


def site_parts(rng):
    near, far, lattice = terrain(rng)
    parts = [Part("terrain", [(near, "ground"), (far, "ground_far")]), Part("path", [(path_stones(rng), "path_stone")]),
             Part("mountains", [(mountain_ring(rng), "mountains")])]
    crowns, trunks = [], []
    for k in range(34):
        angle = rng.random() * 2 * math.pi
        distance = 16 + 26 * rng.random()
        x, z = distance * math.sin(angle), -distance * math.cos(angle)
        if z > 6 and abs(x) < 9:
            continue                                    # keep the approach open
        y0 = float(terrain_height(np.array([x]), np.array([z]), lattice)[0])
        crown, trunk = cypress(x, z, 5 + 5 * rng.random(), y0)
        crowns.append(crown)
        trunks.append(trunk)
    parts.append(Part("cypresses", [(merge(crowns), "cypress"), (merge(trunks), "bark")]))
    return parts
