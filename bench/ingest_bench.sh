#!/usr/bin/env bash
# Batch ingest at corpus scale (issue 8): a generated corpus of SIZE MB
# (default 1000) ingested end to end with 1 and 2 workers into fresh stores,
# beside the extraction alone (kg ingest --dry-run: the same pipeline, no
# store) with 1 and 2 workers, and the same ingest through WriteArticles
# batches only (--no-bulk: the write path before bulk chunks, as a peer),
# each with its peak memory; then a second, smaller corpus to show that peak
# memory does not follow the corpus size, and a re-run of the finished
# ingest (everything skipped).
#
#   bash bench/ingest_bench.sh [BUILD_DIR] [SIZE_MB] [PAIRS]
#
# The scaling is also measured PAIRS times (default 5): end to end with 1
# worker, then with 2, one pair after another, each pair's ratio and their
# median printed. On a shared VM two busy threads slow each other by an
# amount that changes from minute to minute, and one pair can be off by
# 0.1x either way.
#
# Targets: end to end >= 10 MB/s on 2 cores; 1 -> 2 workers >= 1.7x; peak
# memory < 1 GB whatever the corpus size; and the ratio to the extraction-only
# rate (what the store costs). Prints one markdown table for bench/RESULTS.md.
# Needs about 2.5x SIZE of free disk under $TMPDIR (corpus and stores).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
size_mb=${2:-1000}
pairs=${3:-5}
kg="$build_dir/kg"
[[ -x $kg ]] || { echo "ingest_bench: build kg first (make)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "ingest_bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kg-ingest-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

# One run: prints "MB/s peak_MB seconds articles triples text_MB CPU_s" from
# kg's --json summary and /usr/bin/time's peak resident size and user plus
# system time (CPU seconds: the same work costing more of them with two
# workers than with one is what two threads sharing the cores lose).
measure() {  # measure LABEL ARGS...
  local label=$1
  shift
  /usr/bin/time -f '%M %U %S' -o "$work/time" "$kg" "$@" --json >"$work/out" 2>"$work/err" || {
    echo "ingest_bench: $label failed:" >&2
    cat "$work/err" >&2
    exit 1
  }
  python3 - "$work/out" "$work/time" "$label" <<'EOF'
import json, sys
out = json.load(open(sys.argv[1]))
peak_kb, user_s, system_s = open(sys.argv[2]).read().split()[-3:]
print(f"{sys.argv[3]}\t{out['mb_per_s']:.2f}\t{int(peak_kb) / 1024:.0f}\t{out['seconds']:.1f}\t"
      f"{out['articles_written'] + out['articles_skipped']}\t{out['triples_added']}\t"
      f"{out['text_bytes'] / 1e6:.1f}\t{float(user_s) + float(system_s):.1f}")
EOF
}

echo "ingest_bench: generating ${size_mb} MB of articles (seed 1) ..." >&2
"$kg" generate --seed 1 --mb "$size_mb" --files 64 --out "$work/corpus" >/dev/null
small_mb=$((size_mb / 10))
"$kg" generate --seed 2 --mb "$small_mb" --files 8 --out "$work/small" >/dev/null
corpus_bytes=$(du -sb "$work/corpus" | cut -f1)

results=()
results+=("$(measure "extract only, 1 worker" ingest --dry-run --workers 1 "$work/corpus")")
results+=("$(measure "extract only, 2 workers" ingest --dry-run --workers 2 "$work/corpus")")
results+=("$(measure "end to end, 1 worker" --db "$work/one.db" ingest --workers 1 "$work/corpus")")
rm -rf "$work/one.db"
results+=("$(measure "end to end, 2 workers" --db "$work/two.db" ingest --workers 2 "$work/corpus")")
results+=("$(measure "end to end, 2 workers, --no-bulk (batches only)" --db "$work/batches.db" ingest --workers 2 --no-bulk "$work/corpus")")
rm -rf "$work/batches.db"
results+=("$(measure "re-run of the finished ingest, 2 workers" --db "$work/two.db" ingest --workers 2 "$work/corpus")")
store_bytes=$(du -sb "$work/two.db" | cut -f1)
rm -rf "$work/two.db"
results+=("$(measure "end to end, 2 workers, ${small_mb} MB corpus" --db "$work/small.db" ingest --workers 2 "$work/small")")
rm -rf "$work/small.db"
# The scaling pairs after the first (which is in the table above).
pair_rows=()
for ((p = 2; p <= pairs; ++p)); do
  one="$(measure "pair $p, 1 worker" --db "$work/one.db" ingest --workers 1 "$work/corpus")"
  rm -rf "$work/one.db"
  two="$(measure "pair $p, 2 workers" --db "$work/two.db" ingest --workers 2 "$work/corpus")"
  rm -rf "$work/two.db"
  pair_rows+=("$(cut -f2 <<<"$one")"$'\t'"$(cut -f2 <<<"$two")")
done

echo
echo "Corpus: $((corpus_bytes / 1000000)) MB in 64 JSON Lines files (kg generate --seed 1 --mb $size_mb --files 64); store after the 2-worker run: $((store_bytes / 1000000)) MB."
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(date -u '+%Y-%m-%d %H:%M UTC')."
echo
echo "| run | MB/s | peak memory | seconds | CPU seconds | articles | triples added | text MB |"
echo "|---|---|---|---|---|---|---|---|"
for r in "${results[@]}"; do
  IFS=$'\t' read -r label rate peak secs arts triples text cpu <<<"$r"
  echo "| $label | $rate | $peak MB | $secs | $cpu | $arts | $triples | $text |"
done
python3 - "${#pair_rows[@]}" "${pair_rows[@]}" "${results[@]}" <<'EOF'
import statistics, sys
n = int(sys.argv[1])
pairs = [tuple(map(float, r.split("\t"))) for r in sys.argv[2:2 + n]]
rows = {r.split("\t")[0]: float(r.split("\t")[1]) for r in sys.argv[2 + n:]}
e1, e2 = rows["end to end, 1 worker"], rows["end to end, 2 workers"]
pairs.insert(0, (e1, e2))
if len(pairs) > 1:
    print()
    print("| scaling pair | 1 worker MB/s | 2 workers MB/s | ratio |")
    print("|---|---|---|---|")
    for i, (one, two) in enumerate(pairs, 1):
        print(f"| {i} | {one:.2f} | {two:.2f} | {two / one:.2f}x |")
x1, x2 = rows["extract only, 1 worker"], rows["extract only, 2 workers"]
print()
print(f"- end to end, 2 workers: {e2:.2f} MB/s (target >= 10)")
ratios = [two / one for one, two in pairs]
print(f"- scaling 1 -> 2 workers, end to end: {statistics.median(ratios):.2f}x, the median of {len(ratios)} "
      f"pairs ({min(ratios):.2f}x to {max(ratios):.2f}x) (target >= 1.7); extraction only: {x2 / x1:.2f}x")
print(f"- end to end / extraction only: {e1 / x1:.2f} with 1 worker, {e2 / x2:.2f} with 2 (the store's cost)")
nb = rows["end to end, 2 workers, --no-bulk (batches only)"]
print(f"- bulk chunks / batches only, 2 workers: {e2 / nb:.2f}x")
EOF
