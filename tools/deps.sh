#!/usr/bin/env bash
# Installs the Debian packages xrshow needs, only the missing ones (idempotent).
# Sourced by tools/run.sh and tools/test.sh; safe to run on its own.
set -euo pipefail

XRSHOW_PACKAGES=(
  # toolchain
  g++ cmake ninja-build pkg-config git
  # Vulkan: loader, Khronos validation layer, lavapipe (CPU rasterizer), shader compiler
  libvulkan-dev vulkan-validationlayers mesa-vulkan-drivers glslc vulkan-tools
  # OpenXR loader, headers, core validation layer, hello_xr (checks our simulated runtime)
  libopenxr-dev libopenxr-loader1 openxr-layer-corevalidation libopenxr-utils
  # engine libraries
  libglm-dev libassimp-dev libimgui-dev libglfw3-dev libopenal-dev
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev ffmpeg
  nlohmann-json3-dev libcli11-dev libspdlog-dev libstb-dev
  # fonts for Chinese labels
  fonts-wqy-microhei
  # tests: Catch2 v2, real third-party models, a virtual X display and a window manager (an X
  # server without one never minimises a window)
  catch2 assimp-testmodels xvfb xauth twm
  # the experience JSON Schema is checked against our sample files
  python3-jsonschema
  # demo content generators (tools/content): geometry/textures, narration speech (zh + en)
  python3-numpy espeak-ng
)

missing=()
for pkg in "${XRSHOW_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "[deps] all ${#XRSHOW_PACKAGES[@]} Debian packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "[deps] installing ${#missing[@]} missing Debian packages (first time: a few minutes):"
echo "[deps]   ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q -o Dpkg::Progress-Fancy=0
# One progress line per 25 download/unpack/setup steps keeps logs short and shows it moving.
$SUDO apt-get install -y -q --no-install-recommends -o Dpkg::Progress-Fancy=0 "${missing[@]}" \
  | awk '/^(Get|Unpacking|Setting up)/ { n++; if (n % 25 == 0) printf "[deps] %d steps...\n", n }'
echo "[deps] done"
