"""Ink-painting primitives on a Canvas: paper and silk, layered mountains dissolving into mist,
brush strokes with dry-brush streaks, trees, pseudo-script glyphs and red seals.

A Canvas is a window onto a painting in painting units (the painting is 1 unit tall, y grows
downwards like image rows) at some pixel density. Every primitive is a function of those
coordinates and of explicit seeds, so a painting looks the same at any resolution and a strip of
the hand scroll matches its neighbours exactly. Colours are linear RGB float32.
"""
import math

import numpy as np

from noise import fbm, fbm1, smoothstep, value_noise

INK = np.array([0.018, 0.017, 0.016], np.float32)
CINNABAR = np.array([0.50, 0.035, 0.02], np.float32)      # seal paste


class Canvas:
    """Pixels [col0, col0 + width) of a painting `units_wide` x 1 drawn at `pixels_per_unit`."""

    def __init__(self, pixels_per_unit, width, height, col0=0):
        self.ppu = float(pixels_per_unit)
        self.px = 1.0 / self.ppu                                      # one pixel, in units
        self.col0 = col0
        self.x = ((np.arange(width, dtype=np.float32) + col0 + 0.5) * self.px)[None, :]
        self.y = ((np.arange(height, dtype=np.float32) + 0.5) * self.px)[:, None]
        self.rgb = np.zeros((height, width, 3), np.float32)

    def detail_octaves(self, base):
        """Octaves for a texture made for 512 px per unit, plus one per doubling beyond: the
        full-size scroll gains finer brushwork instead of magnified blur (512 px: unchanged)."""
        return base + max(int(math.log2(self.ppu / 512.0) + 1e-6), 0)

    def window(self, xmin, xmax, ymin, ymax):
        """(rows, cols, x, y) of the pixels inside a box, or None when it misses this canvas."""
        c0 = max(int(math.floor(xmin * self.ppu - 0.5)) - self.col0, 0)
        c1 = min(int(math.ceil(xmax * self.ppu + 0.5)) - self.col0 + 1, self.x.shape[1])
        r0 = max(int(math.floor(ymin * self.ppu - 0.5)), 0)
        r1 = min(int(math.ceil(ymax * self.ppu + 0.5)) + 1, self.y.shape[0])
        if c0 >= c1 or r0 >= r1:
            return None
        rows, cols = slice(r0, r1), slice(c0, c1)
        return rows, cols, self.x[:, cols], self.y[rows, :]

    def paint(self, colour, alpha, rows=slice(None), cols=slice(None)):
        """Lay a colour over the window with coverage alpha (h, w) or (h, w, 3)."""
        a = np.clip(alpha, 0.0, 1.0)
        if a.ndim == 2:
            a = a[..., None]
        target = self.rgb[rows, cols]
        target += (np.asarray(colour, np.float32) - target) * a


def coverage(distance, half_width, px):
    """Anti-aliased inside-ness of a distance field (1 inside, 0 beyond half_width)."""
    return smoothstep(half_width + px, half_width - px, distance)


def paper(canvas, seed, colour, mottling=0.06, fibres=0.03, age=0.0, units_wide=1.0):
    """Silk or paper ground: gentle mottling, fibres, and (age > 0) darker, browner edges."""
    x, y = canvas.x, canvas.y
    cloud = fbm(x * 6, y * 6, seed, 4)
    threads = value_noise(x * 420, y * 9, seed + 1)
    base = np.asarray(colour, np.float32)
    tone = 1 + mottling * (cloud - 0.5) * 2 + fibres * (threads - 0.5)
    canvas.rgb[:] = base * tone[..., None]
    if age > 0:
        edge = np.minimum(np.minimum(x, units_wide - x), np.minimum(y, 1 - y))
        darken = age * (1 - smoothstep(0.0, 0.12, edge)) + age * 0.5 * smoothstep(0.55, 0.8, cloud)
        canvas.paint(base * np.float32(0.55) * np.array([1.0, 0.85, 0.62], np.float32), darken * 0.6)


def mountain(canvas, ridge, seed, colour=INK, edge=0.85, body=0.5, edge_width=0.012, depth=0.25,
             texture=(90.0, 10.0), moss=0.0, fill=None, fill_depth=None):
    """One range of mountains below the curve y = ridge(x) (x is (1, w) -> (1, w)).

    Ink is darkest along the ridge line, textured by vertical 'hemp-fibre' strokes (cun) in the
    body, and fades out `depth` units below the ridge: the foot of the range is lost in mist.
    `fill` = (top colour, bottom colour) paints an opaque mineral wash under the ink (blue-green
    style), reaching fill_depth below the ridge."""
    x, y = canvas.x, canvas.y
    top = ridge(x)
    below = y - top
    inside = smoothstep(-canvas.px, canvas.px, below)
    fade = 1 - smoothstep(depth * 0.35, depth, below)
    if fill is not None:
        reach = fill_depth or depth
        t = smoothstep(0.0, reach * 0.8, below)[..., None]
        wash = np.asarray(fill[0], np.float32) * (1 - t) + np.asarray(fill[1], np.float32) * t
        canvas.paint(wash, inside * (1 - smoothstep(reach * 0.8, reach * 1.2, below)) * 0.95)
    streaks = fbm(x * texture[0], y * texture[1], seed, canvas.detail_octaves(3))
    cun = smoothstep(0.4, 0.66, streaks)
    shade = fbm(x * 7, y * 7, seed + 3, 3)               # larger light and dark masses
    line = np.exp(-np.maximum(below, 0) / edge_width)
    alpha = inside * fade * (edge * line + body * cun * (0.45 + 0.8 * shade) * (1 - 0.6 * line))
    if moss > 0:   # moss dots (苔点) clustered just under the ridge
        dots = smoothstep(0.82, 0.9, value_noise(x * 160, y * 160, seed + 5))
        alpha = np.maximum(alpha, moss * dots * inside * np.exp(-np.maximum(below, 0) / (edge_width * 4)))
    canvas.paint(colour, alpha)


def peaks(specs, base, seed, detail=0.03, roughness=22.0):
    """A ridge function: base height minus bell-shaped peaks [(x, height, width), ...] plus
    fractal detail. Peaks combine with a soft maximum so summits stay distinct."""
    def ridge(x):
        lift = np.zeros_like(x)
        for px, height, width in specs:
            bump = height / (1 + ((x - px) / width) ** 2) ** 1.5   # steep, concave flanks
            lift = np.maximum(lift, bump) + 0.15 * np.minimum(lift, bump)
        wiggle = (fbm1(x * roughness, seed, 4) - 0.5) * 2 * detail * (0.4 + lift / max(base, 1e-3))
        return (base - lift + wiggle).astype(np.float32)
    return ridge


def mist(canvas, centre, thickness, strength, seed, colour):
    """A horizontal band of mist: paper colour washed over whatever is painted there."""
    x, y = canvas.x, canvas.y
    wobble = (fbm(x * 2.5, np.zeros_like(x), seed, 3) - 0.5) * thickness
    band = np.exp(-((y - centre - wobble) / thickness) ** 2)
    puff = 0.6 + 0.4 * fbm(x * 5, y * 9, seed + 1, 3)
    canvas.paint(colour, strength * band * puff)


def stroke(canvas, points, widths, colour, opacity=1.0, seed=0, dry=0.0):
    """A brush stroke along a polyline; width per point (half-widths, units); dry-brush streaks
    run along the stroke (noise across its width) when dry > 0."""
    pts = np.asarray(points, np.float32)
    wid = np.asarray(widths, np.float32)
    pad = float(wid.max()) + 2 * canvas.px
    win = canvas.window(pts[:, 0].min() - pad, pts[:, 0].max() + pad, pts[:, 1].min() - pad, pts[:, 1].max() + pad)
    if win is None:
        return
    rows, cols, x, y = win
    alpha = np.zeros((y.shape[0], x.shape[1]), np.float32)
    along = 0.0
    for i in range(len(pts) - 1):
        a, b = pts[i], pts[i + 1]
        d = b - a
        length = float(np.hypot(d[0], d[1])) or 1e-6
        t = np.clip(((x - a[0]) * d[0] + (y - a[1]) * d[1]) / (length * length), 0.0, 1.0)
        dist = np.hypot(x - (a[0] + t * d[0]), y - (a[1] + t * d[1]))
        half = wid[i] + (wid[i + 1] - wid[i]) * t
        cov = coverage(dist, half, canvas.px)
        if dry > 0:
            side = ((x - a[0]) * -d[1] + (y - a[1]) * d[0]) / length / np.maximum(half, 1e-6)
            hairs = value_noise(side * 7 + 0.5, (along + t * length) * 6.0, seed + i)
            cov = cov * (1 - dry * smoothstep(0.35, 0.7, hairs) * smoothstep(0.2, 1.0, t + along * 0.2))
        alpha = np.maximum(alpha, cov)
        along += length
    canvas.paint(colour, alpha * opacity, rows, cols)


def blob(canvas, cx, cy, rx, ry, colour, opacity=1.0, angle=0.0, softness=0.0):
    """A filled ellipse (rotated by angle, radians); softness blurs its edge (units)."""
    r = max(rx, ry) + softness + 2 * canvas.px
    win = canvas.window(cx - r, cx + r, cy - r, cy + r)
    if win is None:
        return
    rows, cols, x, y = win
    c, s = math.cos(angle), math.sin(angle)
    u = ((x - cx) * c + (y - cy) * s) / rx
    v = (-(x - cx) * s + (y - cy) * c) / ry
    dist = (np.sqrt(u * u + v * v) - 1) * min(rx, ry)
    edge = max(canvas.px, softness)
    canvas.paint(colour, smoothstep(edge, -edge, dist) * opacity, rows, cols)


def tree(canvas, x0, y0, height, rng, kind="pine", colour=INK):
    """A tree standing at (x0, y0): a leaning trunk and foliage of ink dots or needle clusters."""
    lean = rng.uniform(-0.25, 0.25) * height
    trunk = [(x0, y0), (x0 + lean * 0.4, y0 - height * 0.5), (x0 + lean, y0 - height)]
    stroke(canvas, trunk, [height * 0.05, height * 0.035, height * 0.015], colour, 0.9)
    clusters = 5 if kind == "pine" else 7
    for i in range(clusters):
        t = 0.45 + 0.55 * i / (clusters - 1)
        cx = x0 + lean * t + rng.uniform(-0.25, 0.25) * height
        cy = y0 - height * t + rng.uniform(-0.05, 0.05) * height
        if kind == "pine":   # flat needle plates
            blob(canvas, cx, cy, height * rng.uniform(0.16, 0.24), height * 0.05, colour, 0.75,
                 angle=rng.uniform(-0.2, 0.2))
        else:                # round leaf dots
            for _ in range(4):
                blob(canvas, cx + rng.uniform(-0.08, 0.08) * height, cy + rng.uniform(-0.06, 0.06) * height,
                     height * 0.05, height * 0.04, colour, 0.55)


def hut(canvas, x0, y0, size, colour=INK, wall=(0.55, 0.5, 0.42)):
    """A small house with a dark hipped roof, its foot at (x0, y0)."""
    blob(canvas, x0, y0 - size * 0.25, size * 0.42, size * 0.25, np.asarray(wall, np.float32), 0.85)
    roof = [(x0 - size * 0.62, y0 - size * 0.48), (x0 + size * 0.62, y0 - size * 0.48)]
    stroke(canvas, roof, [size * 0.09, size * 0.09], colour, 0.95)
    stroke(canvas, [(x0 - size * 0.4, y0 - size * 0.62), (x0 + size * 0.4, y0 - size * 0.62)],
           [size * 0.12, size * 0.06], colour, 0.9)


def boat(canvas, x0, y0, size, rng, colour=INK, sail=True):
    """A river boat: a crescent hull, a boatman's stroke and perhaps a mast with a mat sail."""
    hull = [(x0 - size * 0.5, y0 - size * 0.08), (x0 - size * 0.2, y0), (x0 + size * 0.25, y0),
            (x0 + size * 0.5, y0 - size * 0.1)]
    stroke(canvas, hull, [size * 0.02, size * 0.06, size * 0.06, size * 0.02], colour, 0.9)
    stroke(canvas, [(x0 - size * 0.05, y0 - size * 0.05), (x0 + size * 0.2, y0 - size * 0.05)],
           [size * 0.07, size * 0.05], colour, 0.55)             # the cabin awning
    if sail:
        mast = x0 - size * 0.05
        stroke(canvas, [(mast, y0 - size * 0.05), (mast, y0 - size * 0.9)], [size * 0.012, size * 0.008], colour, 0.9)
        blob(canvas, mast + size * 0.13, y0 - size * 0.55, size * 0.12, size * 0.3,
             np.array([0.32, 0.27, 0.2], np.float32), 0.7, angle=rng.uniform(-0.08, 0.08))
    stroke(canvas, [(x0 + size * 0.38, y0 - size * 0.1), (x0 + size * 0.55, y0 - size * 0.45)],
           [size * 0.01, size * 0.01], colour, 0.8)             # the punt pole


def ripples(canvas, top, bottom, seed, colour=INK, strength=0.22):
    """Faint horizontal ripple strokes on open water between two y values."""
    x, y = canvas.x, canvas.y
    lines = smoothstep(0.86, 0.97, value_noise(x * 9, y * 260, seed))
    band = smoothstep(top, top + 0.02, y) * (1 - smoothstep(bottom - 0.02, bottom, y))
    canvas.paint(colour, strength * lines * band)


# Pseudo-script: strokes in a unit cell (x right, y down), combined into glyphs that read as
# writing from across the room without being any real character.
_STROKES = {
    "heng": [(0.15, 0.5), (0.5, 0.47), (0.85, 0.5)],
    "shu": [(0.5, 0.1), (0.5, 0.5), (0.5, 0.9)],
    "pie": [(0.55, 0.15), (0.45, 0.5), (0.15, 0.85)],
    "na": [(0.4, 0.2), (0.6, 0.55), (0.9, 0.85)],
    "dian": [(0.45, 0.2), (0.55, 0.3)],
    "gou": [(0.2, 0.3), (0.8, 0.3), (0.75, 0.8), (0.6, 0.7)],
}


def glyph(canvas, cx, cy, size, rng, colour=INK, weight=0.07, dry=0.0, opacity=0.95):
    """One pseudo-character of 3..6 strokes in a size x size cell centred at (cx, cy)."""
    names = list(_STROKES)
    for _ in range(int(rng.integers(3, 7))):
        name = names[int(rng.integers(len(names)))]
        shift = rng.uniform(-0.28, 0.28, 2)
        scale = rng.uniform(0.55, 1.0)
        pts = [(cx + ((px - 0.5) * scale + shift[0]) * size, cy + ((py - 0.5) * scale + shift[1]) * size)
               for px, py in _STROKES[name]]
        w = weight * size * rng.uniform(0.7, 1.2)
        widths = [w * 1.2] + [w] * (len(pts) - 2) + [w * (0.35 if name in ("pie", "shu") else 0.9)]
        stroke(canvas, pts, widths, colour, opacity, seed=int(rng.integers(1 << 30)), dry=dry)


def inscription(canvas, x, y_top, size, characters, rng, colour=INK, columns=1):
    """Columns of small glyphs read top to bottom, columns right to left, starting at x."""
    for column in range(columns):
        for row in range(characters):
            glyph(canvas, x - column * size * 1.25, y_top + (row + 0.5) * size * 1.1, size * 0.9, rng, colour,
                  weight=0.06)


def seal(canvas, cx, cy, size, rng, relief=True):
    """A square red seal: cinnabar with carved white strokes (relief=False: red strokes on white)."""
    half = size / 2
    win = canvas.window(cx - half, cx + half, cy - half, cy + half)
    if win is None:
        return
    rows, cols, x, y = win
    edge = np.maximum(np.abs(x - cx), np.abs(y - cy))
    worn = value_noise(x * 900 / max(size * 40, 1e-3), y * 900 / max(size * 40, 1e-3), int(rng.integers(1 << 30)))
    square = coverage(edge, half * 0.97, canvas.px) * (0.75 + 0.25 * worn)
    if not relief:
        ring = coverage(np.abs(edge - half * 0.9), half * 0.07, canvas.px)
        square = np.maximum(ring, square * 0.0)
    canvas.paint(CINNABAR, square * 0.92, rows, cols)
    # Seal-script strokes: straight bars on a 3x3 grid, carved out (or inked in).
    ink = np.array([0.62, 0.55, 0.45], np.float32) if relief else CINNABAR
    for _ in range(int(rng.integers(5, 9))):
        horizontal = rng.random() < 0.5
        a, b = sorted(rng.integers(0, 4, 2))
        if a == b:
            b = a + 1
        at = rng.integers(0, 3)
        step = size * 0.24
        if horizontal:
            pts = [(cx - half * 0.75 + a * step, cy - half * 0.6 + at * step * 1.25),
                   (cx - half * 0.75 + b * step, cy - half * 0.6 + at * step * 1.25)]
        else:
            pts = [(cx - half * 0.6 + at * step * 1.25, cy - half * 0.75 + a * step),
                   (cx - half * 0.6 + at * step * 1.25, cy - half * 0.75 + b * step)]
        stroke(canvas, pts, [size * 0.045, size * 0.045], ink, 0.85)
