#!/usr/bin/env bash
# The main job: installs what is missing, builds xrshow and the demo content, and plays the
# default experience, the 360° video tour experiences/pre-trip-preview (or the experience/model
# given as the first argument): in a window with a simulated headset when a display exists,
# otherwise rendered headless with the image paths printed.
#   tools/run.sh [--full-size] [experience-or-model] [xrshow run options...]
# --full-size builds the demo content at full size (8K panoramas; kept for later runs) instead of
# the CI size (2048x1024): 1.5-2 hours on 2 CPU cores with the software renderer, minutes with
# a GPU.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" = "--full-size" ]; then
  shift
  export XRS_CMAKE_ARGS="${XRS_CMAKE_ARGS:-} -DXRS_CONTENT_FULL=ON"
  echo "[run] full-size content: 8K panoramas (pre-trip-preview 2 x 240 frames, mr-navigation 3 x 30);"
  echo "      ~9 s a frame at 8K with lavapipe on 2 cores (1.5-2 hours in all), minutes with a GPU"
fi
bash "$root/tools/deps.sh"
# The first build renders the demo panoramas with the engine (a few minutes on 2 CPU cores at the
# CI size); ninja's status line and the captures' own progress (bar, time left) show how far it is.
bash "$root/tools/build.sh" xrshow xrs_content

target="${1:-$root/experiences/pre-trip-preview}"
shift || true
out_dir="$root/out"
mkdir -p "$out_dir"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
cd "$out_dir" # headless runs write their images here
echo "[run] xrshow run $target (window if a display exists, else headless into $out_dir)"
exec "$root/build/bin/xrshow" run "$target" --display auto "$@"
