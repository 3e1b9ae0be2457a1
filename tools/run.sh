#!/usr/bin/env bash
# The main job: installs what is missing, builds xrshow and the demo content, and plays the
# default experience, the 360° video tour experiences/pre-trip-preview (or the experience/model
# given as the first argument): in a window with a simulated headset when a display exists,
# otherwise rendered headless with the image paths printed.
#   tools/run.sh [experience-or-model] [xrshow run options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/deps.sh"
# The first build renders the demo panoramas with the engine (a few minutes on 2 CPU cores);
# ninja's [done/total] counter and the capture's per-frame progress show how far it is.
bash "$root/tools/build.sh" xrshow xrs_content

target="${1:-$root/experiences/pre-trip-preview}"
shift || true
out_dir="$root/out"
mkdir -p "$out_dir"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
cd "$out_dir" # headless runs write their images here
echo "[run] xrshow run $target (window if a display exists, else headless into $out_dir)"
exec "$root/build/bin/xrshow" run "$target" --display auto "$@"
