#!/usr/bin/env bash
# Configures and builds into build/ (the CLI lands at build/bin/stancegraph), or
# into $BUILD_DIR. Extra arguments go to cmake's configure step, e.g. -DSG_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${BUILD_DIR:-build}"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
