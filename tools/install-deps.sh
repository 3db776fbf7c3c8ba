#!/usr/bin/env bash
# Installs the Debian 12 packages Stancegraph builds and tests with, skipping
# those already present. Uses sudo when not root.
set -euo pipefail

packages=(
  # build
  cmake g++ make pkg-config
  # libraries
  librocksdb-dev capnproto libcapnp-dev libboost-graph-dev nlohmann-json3-dev
  libcli11-dev libfmt-dev libutf8proc-dev libxxhash-dev libxml2-dev
  libgtest-dev libcpp-httplib-dev libedit-dev libre2-dev
  # extraction: WordNet 3.0's database, read at build time (ingest/wordnet/)
  wordnet-base
  # tests: real readers of the exports
  python3 python3-networkx graphviz libxml2-utils
  # tests: a real browser for the web viewer (tests/viewer_e2e_test.py)
  chromium chromium-driver
  # tests: Cytoscape.js (npm, installed into the build tree) reads the cyjs export;
  # the web viewer embeds it (tools/web/)
  nodejs npm
)

missing=()
for p in "${packages[@]}"; do
  # A node or npm already on PATH will do: NodeSource's nodejs bundles npm and
  # conflicts with Debian's npm package.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
