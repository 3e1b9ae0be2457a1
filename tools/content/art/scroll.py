"""The long hand scroll (手卷) "A River Journey": a procedural landscape 20 units wide, 1 tall.

A hand scroll is unrolled from right to left, so the journey starts at the right end (x = 20)
with a title section (引首) and ends at the left (x = 0) with colophons and seals (跋). Between
them a river runs the whole length: far blue-grey ranges, nearer ink peaks that come and go,
banks with villages, pines and boats, and mist between the layers.

Everything on the scroll is placed once, from the seed, in scroll units (a `Layout`); a strip of
any width at any resolution is then painted from that layout (`paint_strip`). The full-size
scroll (tens of thousands of pixels) is painted strip by strip into a tile pyramid; neighbouring
strips agree exactly because every field is a function of scroll coordinates (see noise.py).
"""
import numpy as np

import brush
from brush import INK, Canvas

LENGTH = 20.0                                      # units (the scroll is 1 unit tall)
SILK = (0.56, 0.45, 0.29)
TITLE_START, COLOPHON_END = 19.0, 1.0             # plain silk for the title and the colophons


class Layout:
    """Peaks, villages, trees and boats of the whole scroll, in scroll units."""

    def __init__(self, seed):
        rng = np.random.default_rng(seed)
        self.seed = seed
        land = (COLOPHON_END + 0.3, TITLE_START - 0.3)
        # A slow 'drama' envelope: gentle shores, then high gorges, then a wide lake, ...
        self.far = self._range(rng, land, spacing=(0.5, 0.9), height=(0.12, 0.3), width=(0.18, 0.35))
        self.middle = self._range(rng, land, spacing=(0.7, 1.4), height=(0.15, 0.42), width=(0.12, 0.25))
        # Near banks come in groups with open water between them.
        self.near = []
        x = land[0]
        while x < land[1]:
            length = rng.uniform(1.0, 2.4)
            for _ in range(int(rng.integers(2, 4))):
                self.near.append((x + rng.uniform(0.1, length), rng.uniform(0.22, 0.4), rng.uniform(0.1, 0.22)))
            x += length + rng.uniform(0.5, 1.4)
        self.near = [p for p in self.near if land[0] < p[0] < land[1]]
        self.villages = [(p[0] + rng.uniform(-0.1, 0.1), int(rng.integers(2, 5))) for p in self.near[::3]]
        self.trees = [(float(x), float(rng.uniform(0.07, 0.12))) for x in
                      np.sort(rng.uniform(land[0], land[1], int((land[1] - land[0]) * 5)))]
        self.boats = [(float(x), float(rng.uniform(0.8, 0.95)), bool(rng.random() < 0.6)) for x in
                      np.sort(rng.uniform(land[0], land[1], int((land[1] - land[0]) * 0.9)))]

    @staticmethod
    def _range(rng, span, spacing, height, width):
        peaks, x = [], span[0]
        while x < span[1]:
            peaks.append((x, rng.uniform(*height), rng.uniform(*width)))
            x += rng.uniform(*spacing)
        return peaks

    def near_ridge(self, x):
        """The top of the near banks (y), 1.2 (below the scroll) where there is open water."""
        return brush.peaks(self.near, 1.12, self.seed + 31, detail=0.01, roughness=30)(np.asarray(x, np.float32))


def paint_strip(layout, pixels_per_unit, col0, width, height):
    """Columns [col0, col0 + width) of the scroll at pixels_per_unit (= height in px)."""
    canvas = Canvas(pixels_per_unit, width, height, col0)
    seed = layout.seed
    x0, x1 = col0 / pixels_per_unit, (col0 + width) / pixels_per_unit
    brush.paper(canvas, seed, SILK, mottling=0.08, age=0.35, units_wide=LENGTH)
    haze = np.array(SILK, np.float32) * 1.04
    brush.mountain(canvas, brush.peaks(layout.far, 0.5, seed + 1, detail=0.015, roughness=14), seed + 2,
                   colour=np.array([0.1, 0.13, 0.16], np.float32), edge=0.3, body=0.22, depth=0.14)
    brush.mist(canvas, 0.5, 0.06, 0.75, seed + 3, haze)
    brush.mountain(canvas, brush.peaks(layout.middle, 0.68, seed + 4, detail=0.025, roughness=20), seed + 5,
                   colour=np.array([0.04, 0.045, 0.05], np.float32), edge=0.8, body=0.7, depth=0.22, moss=0.7)
    brush.mist(canvas, 0.69, 0.05, 0.8, seed + 6, haze)
    brush.ripples(canvas, 0.7, 1.0, seed + 7, strength=0.18)
    for i, (bx, by, sail) in enumerate(layout.boats):
        if x0 - 0.2 < bx < x1 + 0.2 and layout.near_ridge(np.float32([bx]))[0] > by + 0.02:
            brush.boat(canvas, bx, by, 0.09, np.random.default_rng(seed * 1000 + i), sail=sail)
    brush.mountain(canvas, layout.near_ridge, seed + 8, colour=INK, edge=0.95, body=0.6, depth=0.14, moss=1.0)
    for i, (tx, height_) in enumerate(layout.trees):
        ground = float(layout.near_ridge(np.float32([tx]))[0])
        if x0 - 0.2 < tx < x1 + 0.2 and ground < 0.97:
            brush.tree(canvas, tx, ground + 0.015, height_, np.random.default_rng(seed * 2000 + i),
                       "pine" if i % 3 else "leafy")
    for i, (vx, houses) in enumerate(layout.villages):
        if x0 - 0.3 < vx < x1 + 0.3:
            for k in range(houses):
                hx = vx + (k - houses / 2) * 0.06
                ground = float(layout.near_ridge(np.float32([hx]))[0])
                if ground < 0.97:
                    brush.hut(canvas, hx, ground + 0.03, 0.045)
    _title_and_colophons(canvas, seed, x0, x1)
    return canvas.rgb


def _title_and_colophons(canvas, seed, x0, x1):
    """Large title glyphs at the start (right end), small colophon columns and seals at the end."""
    if x1 > TITLE_START:
        rng = np.random.default_rng(seed + 101)
        for k in range(4):    # four large characters, read top to bottom
            brush.glyph(canvas, 19.55, 0.16 + k * 0.22, 0.19, rng, weight=0.08, dry=0.3)
        brush.seal(canvas, 19.25, 0.12, 0.07, rng)
        brush.seal(canvas, 19.25, 0.85, 0.06, rng, relief=False)
    if x0 < COLOPHON_END:
        rng = np.random.default_rng(seed + 102)
        brush.inscription(canvas, 0.85, 0.08, 0.045, 15, rng, columns=5)
        for k in range(3):
            brush.seal(canvas, 0.2 + 0.1 * k, 0.78 + 0.06 * (k % 2), 0.06, rng, relief=bool(k % 2))
