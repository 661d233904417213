#!/usr/bin/env bash
# Peak memory of a batch ingest against the corpus size (issue 8: "peak
# memory under 1 GB whatever the corpus size"): generated corpora of each
# SIZE MB (seed 1), each ingested end to end with 2 workers into a fresh
# store, with the peak resident size from /usr/bin/time. The sizes run one
# after another; each needs about 1.8x its size of free disk under $TMPDIR.
#
#   bash bench/ingest_memory.sh [BUILD_DIR] [SIZE_MB ...]   (default: 250 1000 4000)
#
# Prints one markdown table for bench/RESULTS.md. Rates are shown, but a
# speed comparison belongs to ingest_bench.sh (same corpus, same run).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(250 1000 4000)
kg="$build_dir/kg"
[[ -x $kg ]] || { echo "ingest_memory: build kg first (make)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "ingest_memory: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kg-ingest-memory-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "| corpus | articles | peak memory | MB/s | store |"
echo "|---|---|---|---|---|"
for mb in "${sizes[@]}"; do
  echo "ingest_memory: generating and ingesting ${mb} MB ..." >&2
  "$kg" generate --seed 1 --mb "$mb" --files 64 --out "$work/corpus" >/dev/null
  /usr/bin/time -f '%M' -o "$work/time" "$kg" --db "$work/kg.db" ingest --workers 2 \
    "$work/corpus" --json >"$work/out" 2>"$work/err" || {
    echo "ingest_memory: the ${mb} MB ingest failed:" >&2
    cat "$work/err" >&2
    exit 1
  }
  store_mb=$(($(du -sb "$work/kg.db" | cut -f1) / 1000000))
  python3 - "$work/out" "$work/time" "$mb" "$store_mb" <<'PY'
import json, sys
out = json.load(open(sys.argv[1]))
peak_kb = int(open(sys.argv[2]).read().split()[-1])
print(f"| {sys.argv[3]} MB | {out['articles_written']} | {peak_kb / 1024:.0f} MB | "
      f"{out['mb_per_s']:.2f} | {sys.argv[4]} MB |")
PY
  rm -rf "$work/corpus" "$work/kg.db"
done
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(date -u '+%Y-%m-%d %H:%M UTC'); kg ingest --workers 2, default chunks."
