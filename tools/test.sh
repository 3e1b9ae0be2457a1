#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test (ctest), then the
# sanitizer (ASan+UBSan) build of the tests. Used by .ci/run.
#   tools/test.sh            all tests + sanitizer pass
#   tools/test.sh -L video   only a label (no sanitizer pass); any ctest arguments work
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Each phase says how long it took: CI has a time budget, and this is where it goes.
phase_started=$SECONDS
took() { echo "[test] $1 took $((SECONDS - phase_started)) s"; phase_started=$SECONDS; }
bash "$root/tools/deps.sh"
took "installing dependencies"
bash "$root/tools/build.sh"
took "the build (with the demo content)"

# Golden images are pinned to lavapipe with a fixed thread count (see tests/golden/README.md).
export LP_NUM_THREADS=2
jobs="$(nproc 2>/dev/null || echo 2)"
echo "[test] running the test suite"
ctest --test-dir "$root/build" --output-on-failure --timeout 600 -j "$jobs" "$@"
took "the test suite"

if [ $# -eq 0 ] && [ "${XRS_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "[test] sanitizer build (ASan+UBSan) of the tests in build-asan/"
  # A unity build: each module and test executable compiles as a few large sources, which
  # halves the instrumented compile of the many small ones.
  XRS_BUILD_DIR="$root/build-asan" XRS_UNITY_BUILD=ON XRS_CMAKE_ARGS="-DXRS_SANITIZE=ON" \
    bash "$root/tools/build.sh" xrs_sanitizer_tests
  took "the sanitizer build"
  # Slow golden renders (label "slow") are neither built nor run under the sanitizers; ctest
  # lists unbuilt executables as <name>_NOT_BUILT, hence the -E.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0" \
    ctest --test-dir "$root/build-asan" --output-on-failure --timeout 900 -j "$jobs" -LE slow -E '_NOT_BUILT'
  took "the sanitizer test suite"
fi
echo "[test] all tests passed"
