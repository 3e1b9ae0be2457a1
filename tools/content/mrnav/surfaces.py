"""Procedural textures of the old town (paving, plaster, timber shop fronts, roof tiles) and the
atlas of its signboards, whose Chinese characters ffmpeg's drawtext renders with the CJK font the
project already depends on (fonts-wqy-microhei, tools/deps.sh).

Images are H x W x 4 uint8 sRGB arrays; noise comes from tools/content/scenic/textures.py.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenic"))
import textures as T  # noqa: E402  (fbm, value_noise, png_bytes)

SIGN_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SIGN_ROW_PIXELS = 128
SIGN_ATLAS_WIDTH = 512
# Row order of the atlas; town.py places signs by these names.
SIGNS = ["青石古镇", "售票处", "洗手间", "茶馆", "古镇博物馆", "客栈", "药铺", "书局"]


def _grid(size):
    v, u = np.meshgrid((np.arange(size) + 0.5) / size, (np.arange(size) + 0.5) / size, indexing="ij")
    return u, v


def _to_rgba(linear_rgb):
    rgb = np.clip(linear_rgb, 0, 1) ** (1 / 2.2)
    alpha = np.ones(rgb.shape[:2] + (1,))
    return (np.concatenate([rgb, alpha], -1) * 255 + 0.5).astype(np.uint8)


def paving(size, seed):
    """Granite flagstones, tileable, covering 4 x 4 m: 8 rows of 0.5 m, stones 0.7..1.3 m long in
    running bond, each its own shade, with dark joints and fine grain."""
    u, v = _grid(size)
    rows = 8
    rng = np.random.default_rng(seed)
    row = np.floor(v * rows).astype(np.int64)
    offsets = rng.random(rows)
    # Joints across a row every 1/4 of the texture (1 m), shifted per row.
    along = (u * 4 + offsets[row]) % 1.0
    stone_id = row * 8 + np.floor((u * 4 + offsets[row]) % 4).astype(np.int64)
    shades = 0.75 + 0.5 * rng.random(rows * 8)
    tints = rng.random(rows * 8)
    joint_v = np.minimum((v * rows) % 1.0, 1 - (v * rows) % 1.0)
    joint_u = np.minimum(along, 1 - along) * 2   # in half-metres like the rows
    joint = np.clip(np.minimum(joint_u, joint_v) / 0.035, 0, 1)
    grain = T.fbm(u * 64, v * 64, 3, seed + 1, period_x=64, period_y=64)
    wear = T.fbm(u * 8, v * 8, 4, seed + 2, period_x=8, period_y=8)
    base = np.array([0.20, 0.18, 0.15])
    blue = np.array([0.15, 0.155, 0.16])
    t = tints[stone_id][..., None]
    colour = (base * (1 - t) + blue * t) * shades[stone_id][..., None]
    colour = colour * (0.8 + 0.35 * grain[..., None]) * (0.85 + 0.3 * wear[..., None])
    colour = colour * (0.25 + 0.75 * joint[..., None])
    return _to_rgba(colour)


def plaster(size, seed):
    """Whitewash with rain streaks running down and a grey damp band near the ground (v = 1)."""
    u, v = _grid(size)
    blotch = T.fbm(u * 6, v * 6, 5, seed, period_x=6, period_y=6)
    streak = T.fbm(u * 48, v * 3, 3, seed + 1, period_x=48, period_y=3)
    grey = 0.80 * (0.88 + 0.16 * blotch) * (1 - 0.18 * np.clip((streak - 0.45) * 3, 0, 1))
    colour = np.stack([grey * 1.0, grey * 0.97, grey * 0.92], -1)
    return _to_rgba(colour)


def timber(size, seed):
    """Shop-front boards: vertical planks with grain and a lattice of dark strips, 2 x 2 m."""
    u, v = _grid(size)
    planks = 10
    plank = np.floor(u * planks)
    rng = np.random.default_rng(seed)
    shade = (0.8 + 0.4 * rng.random(planks))[plank.astype(np.int64)]
    grain = T.fbm(u * planks * 4, v * 2, 4, seed + 1, period_x=planks * 4, period_y=2)
    seam = np.clip(np.minimum((u * planks) % 1, 1 - (u * planks) % 1) / 0.05, 0, 1)
    colour = np.array([0.20, 0.09, 0.04]) * (shade * (0.7 + 0.5 * grain) * (0.5 + 0.5 * seam))[..., None]
    lattice_u = np.minimum((u * 8) % 1, 1 - (u * 8) % 1) < 0.06
    lattice_v = np.minimum((v * 8) % 1, 1 - (v * 8) % 1) < 0.06
    upper = v < 0.5   # lattice windows in the upper half, plain boards below
    colour[(lattice_u | lattice_v) & upper] *= 0.45
    return _to_rgba(colour)


def roof_tiles(size, seed):
    """Rows of curved grey tiles running down the slope (v), 1 x 1 m: channels of light and shade."""
    u, v = _grid(size)
    ribs = 5
    across = (u * ribs) % 1.0
    curve = 0.55 + 0.45 * np.sin(across * np.pi)
    courses = ((v * 4) % 1.0) < 0.08
    noise = T.fbm(u * 16, v * 16, 3, seed, period_x=16, period_y=16)
    grey = 0.11 * curve * (0.8 + 0.4 * noise) * np.where(courses, 0.6, 1.0)
    return _to_rgba(np.stack([grey, grey * 1.02, grey * 1.08], -1))


def sign_uv(name):
    """(u0, v0, u1, v1) of a sign's row in the atlas (v = 0 at the top, as glTF)."""
    row = SIGNS.index(name)
    rows = len(SIGNS)
    inset = 0.5 / (rows * SIGN_ROW_PIXELS)
    return (0.0, row / rows + inset, 1.0, (row + 1) / rows - inset)


def sign_atlas_png(ffmpeg="ffmpeg"):
    """PNG bytes of the signboard atlas: gilt characters in a gilt frame on dark lacquer."""
    height = SIGN_ROW_PIXELS * len(SIGNS)
    filters = []
    for row, text in enumerate(SIGNS):
        top = row * SIGN_ROW_PIXELS
        filters.append(f"drawbox=x=8:y={top + 8}:w={SIGN_ATLAS_WIDTH - 16}:h={SIGN_ROW_PIXELS - 16}"
                       f":color=0xC8A050:t=5")
        filters.append(f"drawtext=fontfile={SIGN_FONT}:text={text}:fontsize=80:fontcolor=0xF0CD78"
                       f":x=(w-text_w)/2:y={top}+({SIGN_ROW_PIXELS}-text_h)/2")
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "signs.png")
        subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                        f"color=c=0x24140C:s={SIGN_ATLAS_WIDTH}x{height}", "-frames:v", "1",
                        "-vf", ",".join(filters), "-pix_fmt", "rgb24", "-fflags", "+bitexact",
                        "-flags:v", "+bitexact", out], check=True)
        with open(out, "rb") as png:
            return png.read()
