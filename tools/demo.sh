#!/usr/bin/env bash
# The main job on bundled data: ingest the sample corpus of articles
# (data/sample/) into a fresh store, score the extraction against the
# corpus's gold, then show stats, a few lookups, a path, a ranking and a
# neighbourhood, and a few statements of the query language.
# Usage: tools/demo.sh [PATH/TO/kg]
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

articles=(data/sample/*.txt data/sample/*.json data/sample/*.jsonl)
step ingest "${articles[@]}"
step eval --gold data/sample/gold "${articles[@]}"
step stats
step triples --relation restricts
step triples --subject Huawei
step triples --relation sanctions --evidence --limit 3
step path DeepSeek Nvidia --undirected
step rank pagerank --top 10
step neighbors Huawei --direction in --no-negated
step query -e 'MATCH ?u ?r ?x, ?x:company based_in China WHERE ?r != based_in RETURN ?u, ?r, ?x LIMIT 10;'
step query -e 'MATCH ?a ?r ?b RETURN ?r, COUNT(*) AS facts ORDER BY facts DESC LIMIT 5;'
step query -e 'EVIDENCE ?a restricts SMIC;'
step query -e 'ENTITY Huawei;'
echo
echo "The store is $DB; try: $KG --db $DB shell   (then .help)"
