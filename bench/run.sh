#!/usr/bin/env bash
# Builds and runs the benchmarks: extraction speed (extract_bench), then the
# store (store_bench). graph_bench and query_bench are built too:
# bench/graph_vs_peers.sh runs graph_bench beside NetworkX and igraph, and
# BUILD_DIR/bench/query_bench (the query language on graph_bench's store,
# about 25 minutes on 2 cores) runs on its own.
#
#   bash bench/run.sh [BUILD_DIR] [store_bench flags...]
#
# BUILD_DIR defaults to build; it is (re)configured with -DKG_BUILD_BENCH=ON
# when it has no store_bench target yet. The results are printed, and also
# written as JSON to BUILD_DIR/store_bench.json. KG_BENCH_TRIPLES (default
# 1000000) and the other KG_BENCH_* variables of bench/store_bench.cc pass
# through, e.g. a quick smoke run:
#
#   KG_BENCH_TRIPLES=20000 bash bench/run.sh build
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-build}"
shift || true
case "$build_dir" in
  /*) ;;
  *) build_dir="$root/$build_dir" ;;
esac

if [[ ! -f "$build_dir/CMakeCache.txt" ]] || ! grep -q '^KG_BUILD_BENCH:BOOL=ON' "$build_dir/CMakeCache.txt" ||
  [[ ! -d "$build_dir/bench" ]]; then
  cmake -S "$root" -B "$build_dir" -DKG_BUILD_BENCH=ON
fi
if [[ ! -d "$build_dir/bench" ]]; then
  echo "run.sh: store_bench is not configured (is Google Benchmark installed? apt-get install libbenchmark-dev)" >&2
  exit 1
fi
cmake --build "$build_dir" --target store_bench extract_bench graph_bench query_bench -j "$(nproc 2>/dev/null || echo 2)"

echo "== extract_bench: one thread, KG_BENCH_EXTRACT_MB=${KG_BENCH_EXTRACT_MB:-20}"
"$build_dir/bench/extract_bench" --benchmark_out="$build_dir/extract_bench.json" \
  --benchmark_out_format=json

echo "== store_bench: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), KG_BENCH_TRIPLES=${KG_BENCH_TRIPLES:-1000000}"
exec "$build_dir/bench/store_bench" \
  --benchmark_out="$build_dir/store_bench.json" --benchmark_out_format=json "$@"
