#!/usr/bin/env bash
# The README's second command: install what is missing, build, run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
