#!/usr/bin/env python3
"""Generates the relic-restoration experience's media into experiences/relic-restoration/generated/:

  lab.glb                  the conservation lab (room, padded table, lamp, shelving)
  vessel_broken.glb        the painted jar as found: loosened shards, shards on the pad, gaps
  vessel_restored.glb      the same shards back in place plus paler conservator's fills
  site.glb                 the historic site's terrain, path, cypresses and far hills
  pavilion_ruins.glb       the temple platform's ruins (column bases, stumps, low walls, stones)
  pavilion_restored.glb    the reconstructed hall on the same platform
  thumbnail_scene.glb      site + reconstructed hall in one file, only for the lobby thumbnail
                           (`xrshow render` draws one model file)
  audio/<stop>.wav, subtitles/<stop>.{zh,en}.vtt   narration per tour stop (espeak-ng)

The two states of each object share node names (see vessel.py and pavilion.py) so that a blend
between them can match parts by name. Deterministic: numpy Generators seeded from --seed drive
the textures and scatter; the jar's break pattern has its own fixed seed because
experience.json's hotspots point at its fills. --texture-size scales every texture.

Usage: make_relic.py --out DIR [--seed N] [--texture-size PX] [--only models|narration]
"""
import argparse
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
# Our modules, the museum's (geometry, textures, materials, narration) and gltf_builder.
for folder in (os.path.dirname(HERE), os.path.join(os.path.dirname(HERE), "museum"), HERE):
    sys.path.insert(0, folder)

import grounds  # noqa: E402
import lab  # noqa: E402
import narration  # noqa: E402  (tools/content/museum/narration.py)
import pavilion  # noqa: E402
import vessel  # noqa: E402
from glb_export import write_parts  # noqa: E402

TOUR_STOPS = ["welcome", "fragments", "fills", "site", "ruins", "reconstruction"]
FRACTURE_SEED = 20250311
# Suns as in experience.json, so `xrshow render` of a single file is lit alike.
LAB_SUN = ((0.18, -1.0, -0.42), (1.0, 0.84, 0.66), 2.4)
SITE_SUN = (tuple(grounds.SUN_DIRECTION), (1.0, 0.74, 0.48), 3.4)
GENERATOR = "xrshow tools/content/relic/make_relic.py"


def build_models(out, seed, size):
    rng = np.random.default_rng(seed)
    materials = {}
    vessel.vessel_materials(rng, materials, size)
    lab.lab_materials(rng, materials, size)
    grounds.site_materials(rng, materials, size)
    pavilion.pavilion_materials(rng, materials, size)
    shards = vessel.fracture(np.random.default_rng(FRACTURE_SEED))
    site_parts = grounds.site_parts(np.random.default_rng([seed, 1]))
    hall_parts = pavilion.restored_parts()
    outputs = {
        "lab.glb": (lab.lab_parts(), LAB_SUN),
        "vessel_broken.glb": (vessel.broken_parts(np.random.default_rng(FRACTURE_SEED + 1), shards), None),
        "vessel_restored.glb": (vessel.restored_parts(shards), None),
        "site.glb": (site_parts, SITE_SUN),
        "pavilion_ruins.glb": (pavilion.ruin_parts(np.random.default_rng([seed, 2])), None),
        "pavilion_restored.glb": (hall_parts, None),
        "thumbnail_scene.glb": (site_parts + hall_parts, SITE_SUN),
    }
    for name, (parts, sun) in outputs.items():
        size_bytes = write_parts(os.path.join(out, name), GENERATOR, materials, parts, sun)
        print(f"wrote {os.path.join(out, name)} ({size_bytes} bytes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="output folder (the experience's generated/)")
    parser.add_argument("--seed", type=int, default=20250311)
    parser.add_argument("--texture-size", type=int, default=512, help="texture height in pixels (16..2048)")
    parser.add_argument("--only", choices=["models", "narration"], help="generate only this part")
    parser.add_argument("--scripts", default=os.path.join(HERE, "..", "..", "..", "experiences", "relic-restoration",
                                                          "narration"))
    parser.add_argument("--espeak", default="espeak-ng")
    args = parser.parse_args()
    if not 16 <= args.texture_size <= 2048:
        parser.error("--texture-size must be 16..2048")
    os.makedirs(args.out, exist_ok=True)
    if args.only in (None, "models"):
        build_models(args.out, args.seed, args.texture_size)
    if args.only in (None, "narration"):
        narration.write_all(os.path.normpath(args.scripts), TOUR_STOPS, args.out, args.espeak)
        print(f"wrote {len(TOUR_STOPS)} narration clips and their subtitles into {args.out}")


if __name__ == "__main__":
    main()
