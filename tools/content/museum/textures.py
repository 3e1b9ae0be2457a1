"""Procedural textures (numpy): tileable value-noise fBm, PNG encoding, height -> normal map.

Every function takes its randomness from a numpy Generator the caller seeds, so a texture is a
pure function of (seed, size). Arrays are (height, width) or (height, width, channels) floats in
0..1, row 0 at the top of the image (glTF's v = 0).
"""
import struct
import zlib

import numpy as np


def png_bytes(image):
    """PNG (8-bit RGB or RGBA) from floats in 0..1, shape (h, w, 3|4)."""
    data = np.clip(np.round(np.asarray(image) * 255.0), 0, 255).astype(np.uint8)
    height, width, channels = data.shape
    color_type = {3: 2, 4: 6}[channels]
    rows = np.concatenate([np.zeros((height, 1), np.uint8), data.reshape(height, width * channels)], axis=1)

    def chunk(tag, payload):
        return struct.pack(">I", len(payload)) + tag + payload + struct.pack(">I", zlib.crc32(tag + payload) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows.tobytes(), 6))
            + chunk(b"IEND", b""))


def srgb_to_linear(c):
    c = np.asarray(c, np.float64)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(c):
    c = np.clip(np.asarray(c, np.float64), 0.0, 1.0)
    return np.where(c <= 0.0031308, c * 12.92, 1.055 * c ** (1 / 2.4) - 0.055)


def value_noise(rng, width, height, cells_x, cells_y):
    """Tileable smooth noise in 0..1: random lattice values, bicubic-smoothstep interpolation."""
    lattice = rng.random((cells_y, cells_x))
    x = np.arange(width) * cells_x / width
    y = np.arange(height) * cells_y / height
    x0, y0 = np.floor(x).astype(int), np.floor(y).astype(int)
    fx, fy = x - x0, y - y0
    fx, fy = fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)
    x1, y1 = (x0 + 1) % cells_x, (y0 + 1) % cells_y
    a = lattice[np.ix_(y0, x0)]
    b = lattice[np.ix_(y0, x1)]
    c = lattice[np.ix_(y1, x0)]
    d = lattice[np.ix_(y1, x1)]
    top = a + (b - a) * fx[None, :]
    bottom = c + (d - c) * fx[None, :]
    return top + (bottom - top) * fy[:, None]


def fbm(rng, width, height, cells=4, octaves=5, aspect=1.0, gain=0.5):
    """Fractal sum of value noise, normalised to 0..1. aspect = cells_x / cells_y."""
    total = np.zeros((height, width))
    amplitude, norm = 1.0, 0.0
    cx, cy = max(1, int(round(cells * aspect))), cells
    for _ in range(octaves):
        total += amplitude * value_noise(rng, width, height, min(cx, width), min(cy, height))
        norm += amplitude
        amplitude *= gain
        cx, cy = cx * 2, cy * 2
    total /= norm
    low, high = total.min(), total.max()
    return (total - low) / max(high - low, 1e-9)


def smoothstep(edge0, edge1, x):
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def normal_map(height, strength, wrap=True):
    """Tangent-space normal map (RGB 0..1) from a height field; strength = height units per texel.

    +X right, +Y up in the image (the importer's convention, see scene/SceneImporter.cpp)."""
    if wrap:
        dx = (np.roll(height, -1, axis=1) - np.roll(height, 1, axis=1)) * 0.5
        dy = (np.roll(height, 1, axis=0) - np.roll(height, -1, axis=0)) * 0.5
    else:
        dx = np.gradient(height, axis=1)
        dy = -np.gradient(height, axis=0)
    n = np.stack([-dx * strength, -dy * strength, np.ones_like(height)], axis=2)
    n /= np.linalg.norm(n, axis=2, keepdims=True)
    return n * 0.5 + 0.5


def orm(occlusion, roughness, metallic):
    """glTF packs occlusion (R), roughness (G), metallic (B); one texture serves both slots."""
    shape = np.shape(roughness)
    return np.stack([np.broadcast_to(occlusion, shape), roughness, np.broadcast_to(metallic, shape)], axis=2)


def mix(a, b, t):
    """Per-pixel colour mix: a, b colours (3,) or images, t (h, w)."""
    t = np.asarray(t)[..., None]
    return np.asarray(a) * (1 - t) + np.asarray(b) * t
