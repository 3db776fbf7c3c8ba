#!/usr/bin/env bash
# The README's second command: install what is missing, build, run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/build.sh
# The long reliability tests (label `long`) are left out: `ctest --test-dir build -L long`.
ctest --test-dir build --output-on-failure -j"$(nproc)" -LE long "$@"
