#!/usr/bin/env python3
"""Generates the art-exhibition experience's media into experiences/art-exhibition/generated/:

  gallery.glb                    the gallery, five framed paintings and the hand-scroll vitrine
                                 (one binary glTF, textures inside; the scroll is split into
                                 2048-px-wide segments baked from the pyramid level <= 256 px tall)
  scroll/index.json, scroll/<level>/<column>_<row>.png
                                 the hand scroll as a tile pyramid (see pyramid.py), for streaming
  images/<piece>.png             panel pictures of each painting and of the scroll's opening
  audio/<stop>.wav, subtitles/<stop>.{zh,en}.vtt
                                 Mandarin narration per tour stop (espeak-ng) and timed subtitles

Deterministic: randomness comes from numpy Generators and coordinate hashes seeded by --seed;
PNGs and the GLB are encoded here without timestamps. --scroll-height sets the pyramid's full
resolution (width = 20 x height): 1024 by default, 2048 for the full 40960x2048 scroll.

Usage: make_art.py --out DIR [--seed N] [--painting-size PX] [--scroll-height PX] [--only model|narration]
"""
import argparse
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CONTENT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(CONTENT, "museum"))   # shared mesh, texture and narration helpers
sys.path.insert(0, CONTENT)

import brush  # noqa: E402
import gallery  # noqa: E402
import paintings  # noqa: E402
import pyramid  # noqa: E402
import scroll  # noqa: E402
from geometry import merge  # noqa: E402
from gltf_builder import GltfBuilder, quaternion_looking_along  # noqa: E402
from make_museum import add_material, add_mesh  # noqa: E402
import narration  # noqa: E402
from textures import linear_to_srgb, png_bytes  # noqa: E402

TOUR_STOPS = ["welcome", "shanshui", "huaniao", "qinglu", "calligraphy", "scroll"]
# The key light, the same as experience.json's sun, so `xrshow render gallery.glb` lights it alike.
SUN_DIRECTION = (0.05, -1.0, -0.12)
SUN_COLOR = (1.0, 0.92, 0.82)
SUN_INTENSITY = 1.2
BAKED_SCROLL_HEIGHT = 256       # the glTF's scroll texture height (one pyramid level; finer
                                # levels stream where the visitor leans in)
SEGMENT_WIDTH = 2048            # ...split into textures of at most this width
PANEL_IMAGE_HEIGHT = 384


def title_panel(seed, height):
    """The exhibition's title panel at the entrance: pale pseudo-script on dark lacquer, a seal."""
    canvas = brush.Canvas(height, height * 2, height)
    canvas.rgb[:] = np.array([0.03, 0.03, 0.032], np.float32)
    rng = np.random.default_rng(seed)
    for k in range(4):
        brush.glyph(canvas, 0.35 + k * 0.42, 0.42, 0.34, rng, colour=np.array([0.7, 0.62, 0.45], np.float32),
                    weight=0.07, dry=0.3)
    brush.inscription(canvas, 1.9, 0.72, 0.06, 0, rng)
    for k in range(12):
        brush.glyph(canvas, 0.2 + k * 0.13, 0.8, 0.09, rng, colour=np.array([0.45, 0.42, 0.36], np.float32),
                    weight=0.06)
    brush.seal(canvas, 1.82, 0.42, 0.12, rng)
    return canvas.rgb


def shrink(image, height):
    """Halve (linear light) until at most `height` rows tall."""
    while image.shape[0] > height:
        image = pyramid.halve(image)
    return image


def write_png(path, image):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(png_bytes(linear_to_srgb(image)))


def build_scroll(out, seed, scroll_height):
    """The pyramid on disk; returns the baked level's image split into texture segments."""
    layout = scroll.Layout(seed + 500)
    width = int(scroll.LENGTH * scroll_height)
    meta = {"title": {"zh": "江行图（程序生成手卷）", "en": "A River Journey (procedural hand scroll)"},
            "readingDirection": "rtl",
            "physicalSize": [gallery.SCROLL_LENGTH, gallery.SCROLL_HEIGHT]}
    baked, level = pyramid.write(os.path.join(out, "scroll"), width, scroll_height,
                                 lambda col0, w: scroll.paint_strip(layout, scroll_height, col0, w, scroll_height),
                                 BAKED_SCROLL_HEIGHT, meta)
    segments = [baked[:, c:c + SEGMENT_WIDTH] for c in range(0, baked.shape[1], SEGMENT_WIDTH)]
    return segments, level, baked


def build_glb(images, segments, baked_level, seed, room_texture_size):
    rng = np.random.default_rng(seed)
    mats = gallery.materials(rng, room_texture_size, images, segments)
    parts = list(gallery.room())
    for name in gallery.PAINTINGS:
        parts += gallery.painting_quads(name)
    parts += gallery.vitrine([segment.shape[1] for segment in segments])
    gltf = GltfBuilder("xrshow tools/content/art/make_art.py")
    by_material = {}
    for mesh, material in parts:
        by_material.setdefault(material, []).append(mesh)
    total = sum(s.shape[1] for s in segments)
    start = 0
    for name in by_material:                       # first-use order: deterministic
        add_mesh(gltf, name, merge(by_material[name]), add_material(gltf, mats[name]))
        if name.startswith("scroll_") and name[7:].isdigit():
            # Where this segment's texture sits in the pyramid: the renderer streams finer tiles
            # over it (scene::TiledImageLink).
            width = segments[int(name[7:])].shape[1]
            gltf.doc["nodes"][-1]["extras"] = {"xrsTilePyramid": {
                "index": "scroll/index.json", "level": baked_level,
                "u": [round(start / total, 6), round((start + width) / total, 6)]}}
            start += width
    doc = gltf.doc
    doc["extensionsUsed"] = ["KHR_lights_punctual", "KHR_materials_emissive_strength"]
    doc["extensions"] = {"KHR_lights_punctual": {"lights": [
        {"name": "Key", "type": "directional", "color": list(SUN_COLOR), "intensity": SUN_INTENSITY}]}}
    gltf.node({"name": "Key", "rotation": quaternion_looking_along(SUN_DIRECTION),
               "extensions": {"KHR_lights_punctual": {"light": 0}}})
    return gltf.to_glb()


def build_model(out, seed, painting_size, scroll_height, room_texture_size):
    started = time.time()
    images = {name: paintings.render(name, painting_size, seed + 10 * i)
              for i, name in enumerate(paintings.ASPECT)}
    images["title"] = title_panel(seed + 99, max(painting_size // 3, 16))
    segments, level, baked = build_scroll(out, seed, scroll_height)
    for name in paintings.ASPECT:
        write_png(os.path.join(out, "images", name + ".png"), shrink(images[name], PANEL_IMAGE_HEIGHT))
    opening = baked[:, -baked.shape[0] * 4:]         # the scroll's start: its right end, 4:1
    write_png(os.path.join(out, "images", "scroll.png"), shrink(opening, PANEL_IMAGE_HEIGHT // 2))
    glb = build_glb(images, segments, level, seed, room_texture_size)
    with open(os.path.join(out, "gallery.glb"), "wb") as handle:
        handle.write(glb)
    print(f"wrote {os.path.join(out, 'gallery.glb')} ({len(glb)} bytes), scroll pyramid "
          f"{int(scroll.LENGTH * scroll_height)}x{scroll_height} in {time.time() - started:.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="output folder (the experience's generated/)")
    parser.add_argument("--seed", type=int, default=20250301)
    parser.add_argument("--painting-size", type=int, default=768, help="painting texture height (16..4096)")
    parser.add_argument("--scroll-height", type=int, default=1024,
                        help="scroll pyramid full-resolution height (16..4096; width is 20x)")
    parser.add_argument("--room-texture-size", type=int, default=256)
    parser.add_argument("--only", choices=["model", "narration"], help="generate only this part")
    parser.add_argument("--scripts", default=os.path.join(HERE, "..", "..", "..", "experiences", "art-exhibition",
                                                          "narration"))
    parser.add_argument("--espeak", default="espeak-ng")
    args = parser.parse_args()
    for option in ("painting_size", "scroll_height"):
        if not 16 <= getattr(args, option) <= 4096:
            parser.error(f"--{option.replace('_', '-')} must be 16..4096")
    os.makedirs(args.out, exist_ok=True)
    if args.only in (None, "model"):
        build_model(args.out, args.seed, args.painting_size, args.scroll_height, args.room_texture_size)
    if args.only in (None, "narration"):
        narration.write_all(os.path.normpath(args.scripts), TOUR_STOPS, args.out, args.espeak)
        print(f"wrote {len(TOUR_STOPS)} narration clips and their subtitles into {args.out}")


if __name__ == "__main__":
    main()
