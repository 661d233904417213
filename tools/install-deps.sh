#!/usr/bin/env bash
# Installs the Debian packages kg-rivalry needs to build, test and run.
# Idempotent and quiet: when every package is already present it prints nothing
# and touches nothing (no apt-get update).
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang-format
  librocksdb-dev rapidjson-dev libboost-graph-dev libre2-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libreadline-dev # kg shell: line editing, history, completion
  zlib1g-dev # kg ingest reads gzip-compressed articles
  python3  # the end-to-end test reads kg's JSON output with it
  graphviz # kg export --render, and the tests that check DOT with dot
  raptor2-utils # rapper: the tests check kg's N-Triples with it
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
