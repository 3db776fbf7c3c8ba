#!/usr/bin/env bash
# Configures and builds into build/ (the CLI lands at build/bin/stancegraph).
# Extra arguments go to cmake's configure step, e.g. -DSG_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
cmake --build build -j"$(nproc)"
