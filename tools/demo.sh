#!/usr/bin/env bash
# The main job on bundled data: import the sample triples into a fresh store,
# then show stats and a few lookups. Usage: tools/demo.sh [PATH/TO/kg]
set -euo pipefail
cd "$(dirname "$0")/.."
KG=${1:-build/kg}
DB=${KG_DEMO_DB:-build/demo.db}
rm -rf "$DB"

step() {
  echo
  echo "$ kg $(printf "%q " "$@")"
  "$KG" --db "$DB" "$@"
}

step import data/sample_triples.jsonl
step stats
step triples --relation restricts --object China
step triples --subject Huawei
step triples --subject Nvidia --relation supplies --object China --evidence
step triples --object "United States" --relation competes_with
echo
echo "The store is $DB; try: $KG --db $DB triples --help"
