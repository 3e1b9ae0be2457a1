"""A tile pyramid of a very wide image, written strip by strip so the full image never has to be
in memory (the full-size scroll is 40960x2048).

Layout under the pyramid folder (see INDEX_FORMAT and the `describe` output):
  index.json                       what the runtime reads first
  <level>/<column>_<row>.png       tiles; level 0 is full resolution, each next level halves it
                                   (ceil), until the whole image fits in one tile. Tiles are
                                   TILE x TILE px except the last column/row of a level, which
                                   are cut to the image (no padding, no overlap).
Pixels are 8-bit sRGB RGB PNGs; downsampling averages 2x2 blocks in linear light.
"""
import json
import math
import os

import numpy as np

from textures import linear_to_srgb, png_bytes

INDEX_FORMAT = "xrshow-tile-pyramid"
TILE = 512


def level_sizes(width, height, tile=TILE):
    sizes = [(width, height)]
    while sizes[-1][0] > tile or sizes[-1][1] > tile:
        w, h = sizes[-1]
        sizes.append(((w + 1) // 2, (h + 1) // 2))
    return sizes


def halve(image):
    """2x2 box average in linear light; an odd last row/column is averaged with itself."""
    h, w = image.shape[:2]
    if h % 2:
        image = np.concatenate([image, image[-1:]], axis=0)
    if w % 2:
        image = np.concatenate([image, image[:, -1:]], axis=1)
    return (image[0::2, 0::2] + image[1::2, 0::2] + image[0::2, 1::2] + image[1::2, 1::2]) * np.float32(0.25)


def _write_tiles(folder, level, image, column_offset, tile):
    """Tiles of `image` (columns starting at tile column column_offset) of one level."""
    os.makedirs(os.path.join(folder, str(level)), exist_ok=True)
    for row in range(math.ceil(image.shape[0] / tile)):
        for column in range(math.ceil(image.shape[1] / tile)):
            # Encoded per tile: linear_to_srgb works in float64, too big for a whole level.
            block = linear_to_srgb(image[row * tile:(row + 1) * tile, column * tile:(column + 1) * tile])
            name = os.path.join(folder, str(level), f"{column + column_offset}_{row}.png")
            with open(name, "wb") as handle:
                handle.write(png_bytes(block))


def write(folder, width, height, paint_strip, keep_height, meta, tile=TILE):
    """Paints the image in strips of `tile` columns (paint_strip(col0, w) -> linear (height, w, 3)),
    writes every level's tiles and index.json, and returns the in-memory linear image of the first
    level whose height is <= keep_height (what the glTF gets as its texture)."""
    sizes = level_sizes(width, height, tile)
    keep = next(i for i, (_, h) in enumerate(sizes) if h <= keep_height)
    # Level 0 is written strip by strip; level 1 is accumulated whole (a quarter of the pixels,
    # float16) and the smaller levels are made from it.
    accumulated = [] if len(sizes) > 1 else None
    kept_strips = []
    for col0 in range(0, width, tile):
        strip = paint_strip(col0, min(tile, width - col0))
        _write_tiles(folder, 0, strip, col0 // tile, tile)
        if keep == 0:
            kept_strips.append(strip)
        if accumulated is not None:
            accumulated.append(halve(strip).astype(np.float16))
    kept = np.concatenate(kept_strips, axis=1) if keep == 0 else None
    if accumulated is not None:
        image = np.concatenate(accumulated, axis=1)[:, :sizes[1][0]].astype(np.float32)
        for level in range(1, len(sizes)):
            if level > 1:
                image = halve(image)
            _write_tiles(folder, level, image, 0, tile)
            if level == keep:
                kept = image
    index = describe(width, height, tile, sizes, meta)
    with open(os.path.join(folder, "index.json"), "w", encoding="utf-8", newline="\n") as handle:
        json.dump(index, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    return kept, keep


def describe(width, height, tile, sizes, meta):
    return {
        "format": INDEX_FORMAT,
        "version": 1,
        **meta,
        "width": width,
        "height": height,
        "tileSize": tile,
        "overlap": 0,
        "tileFormat": "png",
        "colorSpace": "srgb",
        "pathTemplate": "{level}/{column}_{row}.png",
        "levels": [{"level": i, "downsample": 2 ** i, "width": w, "height": h,
                    "columns": math.ceil(w / tile), "rows": math.ceil(h / tile)} for i, (w, h) in enumerate(sizes)],
    }
