#!/usr/bin/env bash
# The graph analytics of kg beside NetworkX and python-igraph, on the same
# graph in the same run: builds graph_bench, runs it (it builds or reuses a
# store of ~1M triples over ~100k entities, see bench/graph_bench.cc) with
# --export, times the same measures in both peers (bench/graph_peers.py) and
# prints one markdown table with the ratios and the targets.
#
#   bash bench/graph_vs_peers.sh [BUILD_DIR] [graph_bench flags...]
#
# BUILD_DIR defaults to build-bench; it is (re)configured with
# -DKG_BUILD_BENCH=ON when it has no bench targets yet. The peers run under
# /usr/bin/python3 with Debian's python3-networkx, python3-igraph,
# python3-scipy and python3-numpy, installed with apt-get (as root) when that
# Python cannot import them. When it still cannot import NetworkX the
# python3 on PATH is used instead; a library neither has is skipped.
#
# kg.json and peers.json (every figure) are copied to BUILD_DIR/graph_bench/.
# The run takes about 10 minutes on 2 cores, most of it NetworkX's
# betweenness (pure Python; KG_PEERS_NX_BETWEENNESS_LIMIT_S, default 600,
# skips it when a short trial projects it to take longer).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-build-bench}"
shift || true
case "$build_dir" in
  /*) ;;
  *) build_dir="$root/$build_dir" ;;
esac

# --- The peers' Python ---
py=/usr/bin/python3
modules="networkx, igraph, scipy, numpy"
if ! "$py" -c "import $modules" 2>/dev/null; then
  echo "== installing python3-networkx python3-igraph python3-scipy python3-numpy (apt-get)"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && apt-get install -y -qq python3-networkx python3-igraph python3-scipy \
      python3-numpy >/dev/null ||
      echo "graph_vs_peers.sh: apt-get failed; going on with what is installed" >&2
  else
    echo "graph_vs_peers.sh: not root, cannot apt-get install; going on with what is installed" >&2
  fi
fi
if ! "$py" -c "import networkx" 2>/dev/null && command -v python3 >/dev/null; then
  echo "graph_vs_peers.sh: $py has no NetworkX; using $(command -v python3)" >&2
  py="$(command -v python3)"
fi

# --- graph_bench ---
if [[ ! -f "$build_dir/CMakeCache.txt" ]] || ! grep -q '^KG_BUILD_BENCH:BOOL=ON' "$build_dir/CMakeCache.txt" ||
  [[ ! -d "$build_dir/bench" ]]; then
  cmake -S "$root" -B "$build_dir" -DKG_BUILD_BENCH=ON
fi
if [[ ! -d "$build_dir/bench" ]]; then
  echo "graph_vs_peers.sh: graph_bench is not configured (is Google Benchmark installed? apt-get install libbenchmark-dev)" >&2
  exit 1
fi
cmake --build "$build_dir" --target graph_bench -j "$(nproc 2>/dev/null || echo 2)"

work="$(mktemp -d /tmp/kg-graph-vs-peers-XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "== graph_bench: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$build_dir/bench/graph_bench" --export "$work" "$@"

echo
echo "== peers: $py ($("$py" --version 2>&1))"
"$py" "$root/bench/graph_peers.py" "$work"

mkdir -p "$build_dir/graph_bench"
cp "$work/kg.json" "$work/peers.json" "$build_dir/graph_bench/"

echo
echo "== kg vs NetworkX vs igraph (times; ratio = peer time / kg time, above 1: kg is faster)"
echo
"$py" "$root/bench/graph_peers.py" --report "$work"
