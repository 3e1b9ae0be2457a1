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
fi
targets=()
for t in "$@"; do targets+=(--target "$t"); done
echo "[build] building ${*:-everything} in $build_dir ($jobs jobs)"
# Ninja prints [done/total] per step: that is the progress bar.
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"
