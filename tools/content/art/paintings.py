"""The five hanging paintings of the gallery, each a procedural painting in a traditional genre
(none is a copy of a real work). A painting is 1 unit tall and ASPECT units wide; `paint` fills
a Canvas covering all of it.

  shanshui     ink landscape (山水): layered peaks, mist, pines, a hut and a fisherman
  huaniao      bird and flower (花鸟): a plum branch in blossom and a small bird
  qinglu       blue-green landscape (青绿山水): mineral blue and green peaks on warm silk
  calligraphy  a calligraphy-like abstract (书法意象): three columns of large dry-brush strokes
  portrait     a portrait-like abstract (仕女意象): a lady in a red robe holding a round fan
"""
import numpy as np

import brush
from brush import INK, Canvas
from noise import fbm, smoothstep

SILK = (0.60, 0.50, 0.34)         # aged silk, linear
PAPER = (0.74, 0.68, 0.55)        # xuan paper, linear
ASPECT = {"shanshui": 0.48, "huaniao": 0.8, "qinglu": 2.36, "calligraphy": 0.6, "portrait": 0.667}


def render(name, height_px, seed):
    """The painting as a linear-RGB float32 image (height_px rows)."""
    width_px = max(int(round(ASPECT[name] * height_px)), 8)
    canvas = Canvas(height_px, width_px, height_px)
    PAINTERS[name](canvas, np.random.default_rng(seed), seed)
    return canvas.rgb


def _ink(tone):
    """Ink diluted towards a warm grey: tone 1 is black ink, 0.2 a pale wash."""
    pale = np.array([0.30, 0.28, 0.25], np.float32)
    return INK * tone + pale * (1 - tone)


def shanshui(canvas, rng, seed):
    w = ASPECT["shanshui"]
    brush.paper(canvas, seed, PAPER, age=0.25, units_wide=w)
    mist_colour = np.array(PAPER, np.float32) * 1.02
    # Far peaks: pale, bluish, high up; the main massif; the foreground bank.
    brush.mountain(canvas, brush.peaks([(0.12, 0.2, 0.05), (0.33, 0.24, 0.06), (0.44, 0.12, 0.05)], 0.42, seed + 1),
                   seed + 2, colour=np.array([0.12, 0.14, 0.16], np.float32), edge=0.35, body=0.25, depth=0.12)
    brush.mist(canvas, 0.43, 0.05, 0.8, seed + 3, mist_colour)
    brush.mountain(canvas, brush.peaks([(0.2, 0.38, 0.07), (0.3, 0.26, 0.05), (0.06, 0.18, 0.05)], 0.66, seed + 4,
                                       detail=0.02),
                   seed + 5, colour=_ink(0.8), edge=0.8, body=0.55, depth=0.2, moss=0.8)
    brush.mist(canvas, 0.64, 0.05, 0.85, seed + 6, mist_colour)
    brush.mountain(canvas, brush.peaks([(0.38, 0.14, 0.09), (0.02, 0.06, 0.06)], 0.83, seed + 7),
                   seed + 8, colour=INK, edge=0.95, body=0.6, depth=0.1, moss=1.0)
    # Pines on the near bank, a hut half hidden, water with a fisherman below.
    for i, x in enumerate((0.3, 0.35, 0.41)):
        brush.tree(canvas, x, 0.76 + 0.01 * i, rng.uniform(0.1, 0.15), rng, "pine")
    brush.hut(canvas, 0.12, 0.80, 0.035)
    brush.ripples(canvas, 0.88, 1.0, seed + 9, strength=0.15)
    brush.boat(canvas, 0.17, 0.93, 0.07, rng, sail=False)
    brush.inscription(canvas, 0.44, 0.04, 0.022, 9, rng, columns=2)
    brush.seal(canvas, 0.395, 0.28, 0.026, rng)
    brush.seal(canvas, 0.04, 0.95, 0.03, rng, relief=False)


def huaniao(canvas, rng, seed):
    w = ASPECT["huaniao"]
    brush.paper(canvas, seed, SILK, age=0.3, units_wide=w)
    # The old branch enters from the lower left; a thin new shoot reaches up right.
    main = [(-0.02, 0.95), (0.18, 0.78), (0.3, 0.62), (0.46, 0.52), (0.62, 0.5), (0.76, 0.38)]
    brush.stroke(canvas, main, [0.035, 0.03, 0.024, 0.018, 0.012, 0.006], INK, 0.92, seed + 1, dry=0.55)
    twigs = [[(0.3, 0.62), (0.26, 0.45), (0.3, 0.3)], [(0.46, 0.52), (0.52, 0.66), (0.6, 0.74)],
             [(0.18, 0.78), (0.1, 0.66), (0.12, 0.55)], [(0.62, 0.5), (0.68, 0.3), (0.66, 0.16)]]
    blossoms = []
    for i, twig in enumerate(twigs):
        brush.stroke(canvas, twig, [0.01, 0.006, 0.003], INK, 0.85, seed + 2 + i, dry=0.3)
        blossoms += [twig[-1], twig[1]]
    for p in main[1:]:
        blossoms.append(p)
    petal = np.array([0.75, 0.42, 0.42], np.float32)
    for bx, by in blossoms:
        for _ in range(2):
            cx, cy = bx + rng.uniform(-0.03, 0.03), by + rng.uniform(-0.03, 0.03)
            r = rng.uniform(0.012, 0.02)
            for k in range(5):
                a = k * 2 * np.pi / 5 + rng.uniform(0, 1)
                brush.blob(canvas, cx + np.cos(a) * r * 0.9, cy + np.sin(a) * r * 0.9, r * 0.75, r * 0.75, petal, 0.85)
            brush.blob(canvas, cx, cy, r * 0.35, r * 0.35, np.array([0.6, 0.45, 0.08], np.float32), 0.9)
    _bird(canvas, 0.47, 0.48, 0.09)
    brush.inscription(canvas, 0.72, 0.62, 0.024, 7, rng, columns=2)
    brush.seal(canvas, 0.67, 0.9, 0.028, rng)


def _bird(canvas, x, y, size):
    """A small bird perched facing left: ochre back, pale breast, ink head, tail and eye."""
    back = np.array([0.32, 0.2, 0.09], np.float32)
    brush.stroke(canvas, [(x + size * 0.4, y - size * 0.1), (x + size * 1.0, y + size * 0.2)],
                 [size * 0.09, size * 0.04], INK, 0.9)                                    # tail
    brush.blob(canvas, x + size * 0.1, y - size * 0.2, size * 0.42, size * 0.25, back, 0.95, angle=0.35)
    brush.blob(canvas, x, y - size * 0.1, size * 0.3, size * 0.18, np.array([0.7, 0.62, 0.5], np.float32), 0.9,
               angle=0.2)                                                                  # breast
    brush.blob(canvas, x - size * 0.28, y - size * 0.42, size * 0.17, size * 0.15, INK, 0.95)  # head
    brush.stroke(canvas, [(x - size * 0.42, y - size * 0.43), (x - size * 0.56, y - size * 0.4)],
                 [size * 0.04, size * 0.005], INK, 0.95)                                   # beak
    brush.blob(canvas, x - size * 0.3, y - size * 0.45, size * 0.035, size * 0.035,
               np.array([0.8, 0.72, 0.5], np.float32), 1.0)                               # eye
    brush.stroke(canvas, [(x + size * 0.05, y - size * 0.25), (x + size * 0.45, y - size * 0.1)],
                 [size * 0.05, size * 0.02], INK, 0.7)                                     # wing
    for dx in (-0.05, 0.08):
        brush.stroke(canvas, [(x + size * dx, y + size * 0.02), (x + size * dx, y + size * 0.12)],
                     [size * 0.012, size * 0.01], INK, 0.9)                                # feet


def qinglu(canvas, rng, seed):
    w = ASPECT["qinglu"]
    brush.paper(canvas, seed, (0.55, 0.42, 0.24), age=0.35, units_wide=w)
    azurite = np.array([0.05, 0.16, 0.34], np.float32)
    malachite = np.array([0.07, 0.3, 0.2], np.float32)
    ochre = np.array([0.45, 0.3, 0.12], np.float32)
    outline = np.array([0.05, 0.04, 0.03], np.float32)
    far = [(0.3, 0.25, 0.12), (0.9, 0.3, 0.15), (1.5, 0.22, 0.12), (2.05, 0.32, 0.14)]
    brush.mountain(canvas, brush.peaks(far, 0.5, seed + 1, detail=0.015), seed + 2, colour=outline, edge=0.7,
                   body=0.12, depth=0.3, fill=(azurite, malachite), fill_depth=0.3)
    brush.mist(canvas, 0.55, 0.06, 0.85, seed + 3, np.array([0.66, 0.56, 0.38], np.float32))
    near = [(0.15, 0.32, 0.1), (0.55, 0.42, 0.12), (1.25, 0.28, 0.1), (1.85, 0.4, 0.13), (2.3, 0.25, 0.08)]
    brush.mountain(canvas, brush.peaks(near, 0.82, seed + 4, detail=0.02), seed + 5, colour=outline, edge=0.85,
                   body=0.18, depth=0.35, fill=(malachite * 0.9 + azurite * 0.4, malachite * 0.55 + ochre * 0.35), fill_depth=1.0, moss=0.6)
    # Gold-outlined clouds drifting across the valleys, pines and a pavilion.
    for cx, cy in ((0.75, 0.58), (1.6, 0.5), (2.2, 0.62)):
        for k in range(4):
            brush.blob(canvas, cx + k * 0.05, cy + (k % 2) * 0.02, 0.05, 0.025,
                       np.array([0.75, 0.7, 0.58], np.float32), 0.85)
    for x in np.linspace(0.2, 2.2, 9):
        brush.tree(canvas, float(x + rng.uniform(-0.05, 0.05)), 0.92, rng.uniform(0.08, 0.12), rng,
                   "pine", colour=np.array([0.03, 0.08, 0.05], np.float32))
    brush.hut(canvas, 1.05, 0.9, 0.05, wall=(0.5, 0.12, 0.06))
    brush.inscription(canvas, 2.3, 0.05, 0.028, 6, rng, columns=3)
    brush.seal(canvas, 2.12, 0.3, 0.032, rng)


def calligraphy(canvas, rng, seed):
    w = ASPECT["calligraphy"]
    brush.paper(canvas, seed, PAPER, age=0.15, units_wide=w)
    # Three columns right to left, characters growing and running together like cursive script.
    for column, (x, count) in enumerate(((0.47, 4), (0.3, 5), (0.13, 3))):
        y = 0.08
        for _ in range(count):
            size = rng.uniform(0.13, 0.2)
            brush.glyph(canvas, x + rng.uniform(-0.02, 0.02), y + size / 2, size * 0.85, rng, weight=0.055,
                        dry=0.45, opacity=0.97)
            y += size * rng.uniform(0.95, 1.1)
            if y > 0.85:
                break
        # A connecting 'ligature' stroke sweeping down the column, as brushes do in cursive.
        sweep = [(x + 0.04, 0.1), (x - 0.03, 0.35), (x + 0.03, 0.6), (x - 0.02, min(y, 0.9))]
        brush.stroke(canvas, sweep, [0.004, 0.008, 0.005, 0.002], INK, 0.7, seed + column, dry=0.7)
    brush.inscription(canvas, 0.06, 0.6, 0.02, 8, rng)
    brush.seal(canvas, 0.06, 0.8, 0.03, rng)
    brush.seal(canvas, 0.06, 0.85, 0.03, rng, relief=False)


def portrait(canvas, rng, seed):
    w = ASPECT["portrait"]
    brush.paper(canvas, seed, SILK, age=0.35, units_wide=w)
    robe = np.array([0.42, 0.06, 0.04], np.float32)
    sash = np.array([0.1, 0.22, 0.3], np.float32)
    skin = np.array([0.72, 0.6, 0.5], np.float32)
    cx = 0.36
    # The robe: a tall bell of red with a blue sash, then ink fold lines ('iron-wire' strokes).
    x, y = canvas.x, canvas.y
    half = 0.07 + 0.18 * smoothstep(0.25, 0.95, y) + 0.01 * np.sin(y * 40)
    body = smoothstep(0.002, -0.002, np.abs(x - cx - 0.03 * (y - 0.3)) - half) * smoothstep(0.24, 0.26, y) \
        * smoothstep(0.96, 0.94, y)
    canvas.paint(robe, body * (0.75 + 0.25 * fbm(x * 12, y * 12, seed, 3)))
    brush.stroke(canvas, [(cx - 0.09, 0.42), (cx + 0.1, 0.44)], [0.015, 0.015], sash, 0.9)
    brush.stroke(canvas, [(cx + 0.02, 0.44), (cx + 0.05, 0.7), (cx + 0.02, 0.9)], [0.01, 0.008, 0.004], sash, 0.9)
    for k in range(6):
        fx = cx - 0.15 + k * 0.06
        brush.stroke(canvas, [(fx + 0.05, 0.5), (fx + 0.02, 0.72), (fx - 0.01, 0.94)], [0.002, 0.002, 0.0015],
                     INK, 0.8)
    # Head, hair piled high with a hairpin, a round fan held across the robe.
    brush.blob(canvas, cx, 0.2, 0.045, 0.058, skin, 0.95)
    brush.blob(canvas, cx + 0.005, 0.13, 0.06, 0.05, INK, 0.95)
    brush.blob(canvas, cx + 0.02, 0.085, 0.035, 0.035, INK, 0.95)
    brush.stroke(canvas, [(cx - 0.05, 0.09), (cx + 0.07, 0.07)], [0.003, 0.002], np.array([0.6, 0.45, 0.1]), 1.0)
    brush.stroke(canvas, [(cx - 0.02, 0.21), (cx - 0.005, 0.21)], [0.002, 0.002], INK, 0.8)
    brush.blob(canvas, cx - 0.1, 0.47, 0.07, 0.07, np.array([0.65, 0.6, 0.48], np.float32), 0.95)
    brush.stroke(canvas, [(cx - 0.1, 0.54), (cx - 0.07, 0.66)], [0.004, 0.003], np.array([0.2, 0.1, 0.03]), 1.0)
    brush.tree(canvas, cx - 0.1, 0.5, 0.05, rng, "leafy", colour=_ink(0.6))   # a sprig painted on the fan
    brush.inscription(canvas, 0.62, 0.06, 0.022, 10, rng, columns=2)
    brush.seal(canvas, 0.58, 0.36, 0.028, rng)


PAINTERS = {"shanshui": shanshui, "huaniao": huaniao, "qinglu": qinglu, "calligraphy": calligraphy,
            "portrait": portrait}
