#!/usr/bin/env bash
# Configures and builds into build/ (incremental). Sourced by run.sh and test.sh.
#   tools/build.sh [target...]      default: everything
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XRS_BUILD_DIR:-$root/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

# CI builds from scratch every time: there a unity build (each target compiled as a few large
# sources) halves the compile, which is most of CI's time. Developers' incremental builds keep one
# object per source (XRS_UNITY_BUILD=ON to try theirs the CI way).
if [ ! -f "$build_dir/build.ninja" ]; then
  echo "[build] configuring $build_dir (the first build takes 5-10 minutes on 2 cores)"
  cmake -S "$root" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DXRS_WARNINGS_AS_ERRORS="${XRS_WARNINGS_AS_ERRORS:-${CI:+ON}}" \
    -DXRS_LINE_TABLES_ONLY="${CI:+ON}" \
    -DCMAKE_UNITY_BUILD="${XRS_UNITY_BUILD:-${CI:+ON}}" \
    ${XRS_CMAKE_ARGS:-} > "$build_dir.configure.log" 2>&1 \
    || { cat "$build_dir.configure.log"; exit 1; }
elif [ -n "${XRS_CMAKE_ARGS:-}" ]; then
  # Options for an existing build (e.g. run.sh --full-size): CMake keeps them in its cache.
  cmake -B "$build_dir" ${XRS_CMAKE_ARGS} > "$build_dir.configure.log" 2>&1 \
    || { cat "$build_dir.configure.log"; exit 1; }
fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
echo "[build] building ${*:-everything} in $build_dir ($jobs jobs)"
# Ninja's status line is the progress bar: steps done/total, percent, seconds so far. The
# panorama captures, the long steps, print their own bar and time left as they go.
export NINJA_STATUS="${NINJA_STATUS:-[%f/%t %p, %es] }"
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"
