#!/usr/bin/env bash
# Time and peak memory of `kg extract` on two 100 MB articles: news prose
# (the bundled sample bodies repeated, paragraph breaks kept) and one run of
# words with no punctuation and no line break at all. The point is that both
# finish, in time linear in their size and in memory about the size of the
# input, not in a multiple of it.
#
# usage: bench/big_article.sh [BUILD_DIR] [MB]   (defaults: build, 100)
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$src/build}"
mb="${2:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bytes=$((mb * 1000 * 1000))

# Prose: the bodies of the plain-text sample articles (after their header).
prose="$work/prose.txt"
printf 'title: one very long article\n\n' >"$prose"
for f in "$src"/data/sample/*.txt; do
  awk 'body { print } /^$/ && !body { body = 1 }' "$f"
  printf '\n'
done >"$work/bodies.txt"
while [ "$(stat -c %s "$prose")" -lt "$bytes" ]; do cat "$work/bodies.txt" >>"$prose"; done
head -c "$bytes" "$prose" >"$work/p" && mv "$work/p" "$prose"

# No punctuation: the same words with every mark and line break taken out.
flat="$work/flat.txt"
tr -c 'A-Za-z0-9 ' ' ' <"$prose" | tr -s ' ' >"$flat"

for f in "$prose" "$flat"; do
  echo "== $(basename "$f"): $(stat -c %s "$f") bytes"
  /usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" \
    "$build/kg" extract "$f" >"$work/out.jsonl"
  echo "facts: $(wc -l <"$work/out.jsonl")"
done
