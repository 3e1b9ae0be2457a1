"""Coordinate-hashed value noise: a pure function of (position, seed), never of array shapes.

The hand scroll is painted in vertical strips (its full size does not fit in memory), so every
field a painting uses must give the same value at a point whatever strip it is evaluated in.
Lattice values come from an integer hash of the cell coordinates instead of an rng array, and
fBm is normalised by its amplitude sum (not by the min/max of one strip). float32 throughout:
the scroll's largest strips are tens of millions of samples.
"""
import numpy as np

_M1, _M2, _M3 = np.uint32(0x27D4EB2D), np.uint32(0x165667B1), np.uint32(0x2C1B3C6D)


def _hash01(ix, iy, seed):
    """Uniform 0..1 (float32) per integer lattice point; ix, iy int64 arrays (broadcastable)."""
    with np.errstate(over="ignore"):
        h = (ix.astype(np.uint32) * _M1) ^ (iy.astype(np.uint32) * _M2) ^ np.uint32(seed & 0xFFFFFFFF)
        h ^= h >> np.uint32(15)
        h *= _M3
        h ^= h >> np.uint32(12)
        h *= _M1
        h ^= h >> np.uint32(15)
    return (h >> np.uint32(8)).astype(np.float32) * np.float32(1.0 / (1 << 24))


def value_noise(x, y, seed):
    """Smooth noise in 0..1 with unit cells; x, y float arrays that broadcast together."""
    x = np.asarray(x, np.float32)
    y = np.asarray(y, np.float32)
    if x.ndim == 2 and y.ndim == 2 and x.shape[0] == 1 and y.shape[1] == 1:
        return _separable_noise(x[0], y[:, 0], seed)
    x0, y0 = np.floor(x), np.floor(y)
    fx, fy = _fade(x - x0), _fade(y - y0)
    ix, iy = x0.astype(np.int64), y0.astype(np.int64)
    # The lattice over the bounding box only, then gathers: cheaper than hashing every pixel 4x.
    lattice, lx, ly = _lattice(ix, iy, seed)
    cx, cy = ix - lx, iy - ly
    a, b = lattice[cy, cx], lattice[cy, cx + 1]
    c, d = lattice[cy + 1, cx], lattice[cy + 1, cx + 1]
    top = a + (b - a) * fx
    bottom = c + (d - c) * fx
    return top + (bottom - top) * fy


def _fade(t):
    return t * t * (3 - 2 * t)


def _lattice(ix, iy, seed):
    lx, ly = int(ix.min()), int(iy.min())
    gx = np.arange(lx, int(ix.max()) + 2, dtype=np.int64)
    gy = np.arange(ly, int(iy.max()) + 2, dtype=np.int64)
    return _hash01(gx[None, :], gy[:, None], seed), lx, ly


def _separable_noise(x, y, seed):
    """Fast path for a grid (x per column, y per row): interpolate the lattice along x once per
    lattice row, then along y per pixel; the same values as the general path."""
    x0, y0 = np.floor(x), np.floor(y)
    fx, fy = _fade(x - x0), _fade(y - y0)
    ix, iy = x0.astype(np.int64), y0.astype(np.int64)
    lattice, lx, ly = _lattice(ix, iy, seed)
    cx, cy = ix - lx, iy - ly
    rows = lattice[:, cx] + (lattice[:, cx + 1] - lattice[:, cx]) * fx[None, :]
    top, bottom = rows[cy], rows[cy + 1]
    return top + (bottom - top) * fy[:, None]


def fbm(x, y, seed, octaves=4, gain=0.5, lacunarity=2.0):
    """Fractal sum of value noise in 0..1 (mean 0.5); frequency 1 at the first octave."""
    x = np.asarray(x, np.float32)
    y = np.asarray(y, np.float32)
    total = 0.0
    amplitude, norm, frequency = 1.0, 0.0, 1.0
    for octave in range(octaves):
        total = total + amplitude * value_noise(x * frequency, y * frequency, seed + 7919 * octave)
        norm += amplitude
        amplitude *= gain
        frequency *= lacunarity
    return total / np.float32(norm)


def fbm1(x, seed, octaves=4, gain=0.5):
    """One-dimensional fBm in 0..1 along x (ridge lines, river banks)."""
    x = np.asarray(x, np.float32)
    return fbm(x, np.zeros_like(x), seed, octaves, gain)


def smoothstep(edge0, edge1, x):
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3 - 2 * t)
