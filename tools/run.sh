#!/usr/bin/env bash
# The main job: installs what is missing, builds xrshow, and shows the default scene
# (or the experience/model given as the first argument).
#   tools/run.sh [experience-or-model]
# Without a window system yet, it renders headless and prints where the images went.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/deps.sh"
bash "$root/tools/build.sh" xrshow

target="${1:-$root/tests/data/scenes/pbr_spheres.gltf}"
out_dir="$root/out"
mkdir -p "$out_dir"
name="$(basename "${target%.*}")"
echo "[run] rendering $target headless (both eyes, 1832x1920 per eye, as a headset would)"
"$root/build/bin/xrshow" render "$target" --size 1832x1920 --eye both --out "$out_dir/$name.png"
echo "[run] image: $out_dir/$name.png"
