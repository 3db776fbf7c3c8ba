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
  libgtest-dev
  # tests: real readers of the exports
  python3 python3-networkx graphviz libxml2-utils
)

missing=()
for p in "${packages[@]}"; do
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
