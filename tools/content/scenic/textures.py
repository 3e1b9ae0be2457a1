"""Deterministic procedural images (value-noise fBm) and a numpy PNG encoder."""
import struct
import zlib

import numpy as np


def png_bytes(rgba):
    """PNG bytes of an H x W x 4 uint8 array (row 0 at the top)."""
    height, width, _ = rgba.shape
    rows = np.concatenate([np.zeros((height, 1), np.uint8), rgba.reshape(height, width * 4)], axis=1)

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows.tobytes(), 9))
            + chunk(b"IEND", b""))


def value_noise(x, y, period_x, seed, period_y=None):
    """Smooth value noise in [0, 1] at float arrays x, y (lattice spacing 1), periodic in x with
    `period_x` lattice cells and in y with `period_y` (None: not periodic)."""
    rng = np.random.default_rng(seed)
    size = 512
    lattice = rng.random((size, size))
    x0 = np.floor(x).astype(np.int64)
    y0 = np.floor(y).astype(np.int64)
    fx, fy = x - x0, y - y0
    fx = fx * fx * (3 - 2 * fx)
    fy = fy * fy * (3 - 2 * fy)

    def at(ix, iy):
        if period_x:
            ix = np.mod(ix, period_x)
        if period_y:
            iy = np.mod(iy, period_y)
        return lattice[np.mod(iy, size), np.mod(ix, size)]

    top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
    bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
    return top * (1 - fy) + bottom * fy


def fbm(x, y, octaves, seed, period_x=None, gain=0.5, period_y=None):
    """Fractal sum of value noise, normalised to about [0, 1]."""
    total = np.zeros_like(np.asarray(x, dtype=np.float64))
    amplitude, norm, frequency = 1.0, 0.0, 1.0
    for octave in range(octaves):
        period = None if period_x is None else int(period_x * frequency)
        period_v = None if period_y is None else int(period_y * frequency)
        total += amplitude * value_noise(x * frequency, y * frequency, period, seed + 101 * octave, period_v)
        norm += amplitude
        amplitude *= gain
        frequency *= 2.0
    return total / norm


def cloud_layer(width, height, seed, sun_u):
    """Sunset clouds on a dome: RGBA where rgb is the (sRGB) emitted colour and alpha the cover.
    u wraps around the horizon, v = 0 at the top of the band, 1 at its bottom (horizon).
    `sun_u` is the u of the sun's azimuth: clouds near it glow gold, the others turn pink-grey."""
    v, u = np.meshgrid((np.arange(height) + 0.5) / height, (np.arange(width) + 0.5) / width, indexing="ij")
    cells = 12
    # Stretched along u so that the clouds read as long bands near the horizon.
    n = fbm(u * cells, v * cells * 1.6, 6, seed, period_x=cells)
    wisps = fbm(u * cells * 4, v * cells * 5, 4, seed + 7, period_x=cells * 4)
    cover = np.clip((n * 0.85 + wisps * 0.3 - 0.47) * 3.2, 0.0, 1.0)
    # Fade out towards the zenith and just above the horizon.
    cover *= np.clip(v * 4.0, 0, 1) * np.clip((1.0 - v) * 6.0, 0, 1)
    du = np.minimum(np.abs(u - sun_u), 1.0 - np.abs(u - sun_u))  # 0 .. 0.5 around the horizon
    glow = np.exp(-(du / 0.16) ** 2)
    low = v  # lower clouds catch more of the low sun
    warm = np.array([1.0, 0.62, 0.30])
    pink = np.array([0.80, 0.50, 0.52])
    grey = np.array([0.42, 0.40, 0.50])
    colour = (grey[None, None] * (1 - low[..., None]) + pink[None, None] * low[..., None])
    colour = colour * (1 - glow[..., None]) + warm[None, None] * glow[..., None] * 1.25
    # Thin edges are lit through, thick cores darker: brightness from the cover gradient.
    shade = 0.75 + 0.35 * (1.0 - cover)
    colour = np.clip(colour * shade[..., None], 0, 1)
    rgba = np.concatenate([colour ** (1 / 2.2), cover[..., None] * 0.92], axis=-1)
    return (rgba * 255 + 0.5).astype(np.uint8)


def ripples(size, seed):
    """Small bright glints on the water (alpha = glint strength), tileable in both axes."""
    v, u = np.meshgrid((np.arange(size) + 0.5) / size, (np.arange(size) + 0.5) / size, indexing="ij")
    cells = 32
    a = value_noise(u * cells, v * cells, cells, seed, cells)
    b = value_noise(u * cells * 2, v * cells * 2, cells * 2, seed + 3, cells * 2)
    # Only the noise's crests make glints.
    crest = np.clip((a * 0.6 + b * 0.4 - 0.66) * 6.0, 0, 1) ** 2
    rgb = np.ones((size, size, 3)) * np.array([1.0, 0.86, 0.65])
    rgba = np.concatenate([rgb, crest[..., None] * 0.8], axis=-1)
    return (rgba * 255 + 0.5).astype(np.uint8)


def detail(size, seed):
    """A grey tileable multiplier (about 0.75 .. 1.0) that breaks up flat vertex colours."""
    v, u = np.meshgrid((np.arange(size) + 0.5) / size, (np.arange(size) + 0.5) / size, indexing="ij")
    n = fbm(u * 8, v * 8, 5, seed, period_x=8, period_y=8)
    grey = 0.72 + 0.28 * n
    rgba = np.stack([grey, grey, grey, np.ones_like(grey)], -1) ** (1 / 2.2)
    return (np.clip(rgba, 0, 1) * 255 + 0.5).astype(np.uint8)
