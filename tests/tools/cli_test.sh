#!/usr/bin/env bash
# End-to-end test of the kg command line: usage, import of the bundled sample,
# lookups, bad input, bad stores, a held writer lock with a concurrent reader,
# and article deletion. Usage: cli_test.sh PATH/TO/kg SOURCE_DIR
set -u
KG=$1
SRC=$2
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT
failures=0
pass=0

check() {  # check NAME CONDITION...
  local name=$1
  shift
  if "$@"; then
    pass=$((pass + 1))
  else
    echo "FAIL: $name" >&2
    failures=$((failures + 1))
  fi
}

run() {  # run ARGS... : sets $out, $err, $rc
  out=$("$KG" "$@" 2>"$WORK/err")
  rc=$?
  err=$(cat "$WORK/err")
}

has() { grep -qF -- "$2" <<<"$1"; }
lines() { [ -z "$1" ] && echo 0 || wc -l <<<"$1"; }

export KG_DB="$WORK/kg.db"

# Usage and help.
run --help
check "kg --help exits 0" [ "$rc" -eq 0 ]
check "kg --help lists import" has "$out" "import"
check "kg --help lists delete-article" has "$out" "delete-article"
run import --help
check "import --help exits 0" [ "$rc" -eq 0 ]
check "import --help shows usage" has "$out" "usage: kg import"
run frobnicate
check "unknown command exits 2" [ "$rc" -eq 2 ]
check "unknown command is named" has "$err" "unknown command 'frobnicate'"
run triples --colour red
check "unknown option exits 2" [ "$rc" -eq 2 ]
check "unknown option is named" has "$err" "--colour"

# A store that does not exist yet.
run stats
check "stats on a missing store fails" [ "$rc" -eq 1 ]
check "missing store is explained" has "$err" "no kg store here"
check "reads do not create a store" [ ! -e "$KG_DB" ]

# Import the bundled sample.
run import "$SRC/data/sample_triples.jsonl"
check "import of the sample exits 0" [ "$rc" -eq 0 ]
check "import reports new articles" has "$out" "25 articles new"
run stats --json
check "stats --json counts articles" has "$out" '"articles":25'
check "stats --json counts evidence" has "$out" '"evidence":156'
run import "$SRC/data/sample_triples.jsonl"
check "re-import changes nothing" has "$out" "0 articles new, 0 replaced, 25 unchanged"
run stats --json
check "re-import keeps the evidence count" has "$out" '"evidence":156'
stats_bulk=$out

# The first import above was a bulk load (empty store); batches into a second
# store must give the same graph, evidence and counters.
run --db "$WORK/incremental.db" import --incremental "$SRC/data/sample_triples.jsonl"
check "incremental import exits 0" [ "$rc" -eq 0 ]
run --db "$WORK/incremental.db" stats --json
check "bulk and incremental imports count the same" [ "$out" = "$stats_bulk" ]
triples_incremental=$("$KG" --db "$WORK/incremental.db" triples --json --evidence 2>&1)
triples_bulk=$("$KG" triples --json --evidence 2>&1)
check "bulk and incremental imports store the same triples" [ "$triples_incremental" = "$triples_bulk" ]
check "the triple dump is not empty" [ "$(lines "$triples_bulk")" -gt 100 ]

# Lookups, by alias and in any case.
run triples --subject washington --relation restricts --object China
check "lookup by alias exits 0" [ "$rc" -eq 0 ]
check "alias resolves to the canonical name" has "$out" "United States"
run triples --subject huawei --json
check "json lookup exits 0" [ "$rc" -eq 0 ]
check "json rows name the subject" has "$out" '"subject":"Huawei"'
check "every json row is one line" [ "$(lines "$out")" -eq "$(grep -c '^{' <<<"$out")" ]
run triples --subject Huawei --relation competes_with --evidence
check "evidence is printed" has "$out" "sample-"
run triples --subject Hauwei
check "unknown entity exits 1" [ "$rc" -eq 1 ]
check "unknown entity gets a suggestion" has "$err" "did you mean 'Huawei'?"
check "an error is one line" [ "$(lines "$err")" -eq 1 ]
run triples --relation restrict
check "unknown relation suggests" has "$err" "did you mean 'restricts'?"
run triples --limit 3
check "limit stops early" has "$out" "(3 triples, limit reached)"

# The query language for scripts: kg query runs -e texts and -f files in
# order, or else standard input.
hasnt() { ! has "$@"; }
Q='MATCH ?a restricts ?b RETURN ?a, ?b LIMIT 3;'
run query -e "$Q"
check "query -e exits 0" [ "$rc" -eq 0 ]
check "query -e prints the rows" has "$out" "3 rows"
check "query -e finds a known fact" has "$out" "United States"
run query -e ".schema" -e ".stats"
check "several -e exit 0" [ "$rc" -eq 0 ]
check "the first -e runs (.schema)" has "$out" "restricts"
check "the second -e runs (.stats)" has "$out" "articles"
check "-e texts run in order" [ "$(grep -n restricts <<<"$out" | head -n 1 | cut -d: -f1)" -lt "$(grep -n articles <<<"$out" | head -n 1 | cut -d: -f1)" ]
printf '%s\n.schema\n' "$Q" >"$WORK/script.kgq"
run query -f "$WORK/script.kgq"
check "query -f exits 0" [ "$rc" -eq 0 ]
check "query -f runs the statement" has "$out" "3 rows"
check "query -f runs the meta command" has "$out" "imposes_tariffs_on"
out=$(printf 'MATCH ?a restricts\n  ?b RETURN ?a LIMIT 2;\n.stats\n' | "$KG" query 2>"$WORK/err")
rc=$?
err=$(cat "$WORK/err")
check "query on piped input exits 0" [ "$rc" -eq 0 ]
check "a statement over two lines of standard input" has "$out" "2 rows"
check "a meta command from standard input" has "$out" "articles"
out=$(printf '.stats\n' | "$KG" shell 2>&1)
check "kg shell on piped input runs it as a script" has "$out" "articles"
run query -e 'MATCH ?a restrcts ?b;' -e '.stats'
check "a failing statement makes query exit 1" [ "$rc" -eq 1 ]
check "an unknown relation gets a suggestion" has "$err" "did you mean 'restricts'"
check "the error names source, line and column" has "$err" "-e:1:10: error:"
check "without --bail the next statement runs" has "$out" "articles"
run query --bail -e 'MATCH ?a restrcts ?b;' -e '.stats'
check "query --bail exits 1" [ "$rc" -eq 1 ]
check "--bail stops at the first error (-e)" hasnt "$out" "articles"
run query --bail -e $'MATCH ?a restrcts ?b;\n.stats'
check "--bail stops at the first error (one text)" hasnt "$out" "articles"
out=$(printf 'MATCH ?a restrcts ?b;\n.stats\n' | "$KG" query 2>"$WORK/err")
rc=$?
err=$(cat "$WORK/err")
check "a failing statement on standard input exits 1" [ "$rc" -eq 1 ]
check "standard input is named <stdin>" has "$err" "<stdin>:1:10: error:"
check "without --bail standard input goes on" has "$out" "articles"
out=$(printf 'MATCH ?a restrcts ?b;\n.stats\n' | "$KG" query --bail 2>/dev/null)
check "--bail stops at the first error (standard input)" hasnt "$out" "articles"
run query --json -e "$Q"
check "query --json exits 0" [ "$rc" -eq 0 ]
check "query --json prints one JSON array of the rows" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert len(d) == 3 and all(len(r) == 2 for r in d)' "$out"
run query --mode jsonl -e "$Q"
check "query --mode jsonl prints a JSON object per row" python3 -c 'import json,sys; rows=[json.loads(l) for l in sys.argv[1].splitlines()]; assert len(rows) == 3 and all(isinstance(r, dict) for r in rows)' "$out"
run query -f "$WORK/no-such-script.kgq"
check "a missing -f file exits 1" [ "$rc" -eq 1 ]
check "a missing -f file is named" has "$err" "no-such-script.kgq"
run query --mode yaml -e "$Q"
check "a bad --mode is a usage error" [ "$rc" -eq 2 ]
run query -e
check "-e without a text is a usage error" [ "$rc" -eq 2 ]
run query stray
check "a stray argument is a usage error" [ "$rc" -eq 2 ]

# Bad lines are reported with file and line, good ones are imported.
cat >"$WORK/bad.jsonl" <<'JSONL'
{"subject":"Testland","subject_type":"country","relation":"restricts","object":"China","object_type":"country","article":"cli-bad","sentence":"Testland curbed tool exports."}
{"subject":"Japan","subject_type":"country","relation":"restricts","object":"China","object_type":"country","article":"cli-bad"}
{"subject":"Japan" "relation":"x"}
{"subject":"Korea","subject_type":"country","relation":"supplys","object":"China","object_type":"country","article":"cli-bad","sentence":"Korea ships memory."}
JSONL
run import "$WORK/bad.jsonl"
check "bad lines make import exit 1" [ "$rc" -eq 1 ]
check "missing field names file and line" has "$err" "bad.jsonl:2: missing required field 'sentence'"
check "invalid JSON names file and line" has "$err" "bad.jsonl:3: column"
check "unknown relation names file and line" has "$err" "bad.jsonl:4: field /relation: unknown relation 'supplys'"
run triples --subject Testland --relation restricts --object China --json
check "the good line was imported" has "$out" '"subject":"Testland"'
run import "$WORK/no-such-file.jsonl"
check "missing input file fails" [ "$rc" -eq 1 ]
check "missing input file is named" has "$err" "no-such-file.jsonl"

# Stores that are not stores.
mkdir -p "$WORK/notastore" && echo hi >"$WORK/notastore/readme"
run --db "$WORK/notastore" stats
check "foreign directory is refused" has "$err" "not a kg store"
run --db "$WORK/notastore" import "$SRC/data/sample_triples.jsonl"
check "import refuses a foreign directory" [ "$rc" -eq 1 ]
check "foreign directory is untouched" [ ! -e "$WORK/notastore/CURRENT" ]

# A writer holds the lock (import waiting on stdin): a second writer is
# refused, a reader works.
mkfifo "$WORK/fifo"
"$KG" import - <"$WORK/fifo" >"$WORK/held.out" 2>&1 &
holder=$!
exec 9>"$WORK/fifo"
sleep 1
run import "$SRC/data/sample_triples.jsonl"
check "a second writer exits 1" [ "$rc" -eq 1 ]
check "a second writer is told the store is locked" has "$err" "locked by another writer"
run stats --json
check "a reader works while a writer holds the lock" [ "$rc" -eq 0 ]
head -n 1 "$SRC/data/sample_triples.jsonl" | sed 's/"article":"[^"]*"/"article":"cli-stdin"/' >&9
exec 9>&-
wait $holder
check "the held import finishes" [ $? -eq 0 ]
run triples --subject "United States" --json
check "standard input was imported" [ "$rc" -eq 0 ]

# Deleting articles.
run delete-article cli-bad
check "delete exits 0" [ "$rc" -eq 0 ]
check "delete reports what went" has "$out" "deleted 1 article"
run triples --subject Testland --relation restricts --object China
check "the deleted article's entity is still named" [ "$rc" -eq 0 ]
check "no rows remain" has "$out" "(0 triples)"
run delete-article cli-bad
check "deleting a missing article exits 1" [ "$rc" -eq 1 ]
check "the missing article is named" has "$err" "no article 'cli-bad'"
run --db "$WORK/other.db" delete-article x
check "delete on a missing store does not create it" [ ! -e "$WORK/other.db" ]

# Extraction: kg extract prints the triple format, kg import loads it.
ARTICLES=("$SRC"/data/sample/*.txt "$SRC"/data/sample/*.json "$SRC"/data/sample/*.jsonl)
run extract "${ARTICLES[@]}"
check "extract exits 0" [ "$rc" -eq 0 ]
check "extract finds facts" [ "$(lines "$out")" -gt 50 ]
check "extract names the article" has "$out" '"article":"sample-entity-list-huawei-2019"'
printf '%s\n' "$out" >"$WORK/extracted.jsonl"
run --db "$WORK/extracted.db" import "$WORK/extracted.jsonl"
check "kg import loads what kg extract prints" [ "$rc" -eq 0 ]
printf 'title: Test\ndate: 2025-01-02\n\nTokyo banned Huawei from its networks.\n' >"$WORK/one.txt"
run extract "$WORK/one.txt"
check "plain text with a header" has "$out" '"relation":"bans","object":"Huawei"'
check "the capital stands for its country" has "$out" '"subject":"Japan"'
check "the header date is used" has "$out" '"date":"2025-01-02"'
run extract - <"$WORK/one.txt"
check "extract reads standard input" has "$out" '"relation":"bans"'

# Bad documents are reported with file and line; the good ones go on.
printf '{"id":"ok-1","body":"Tokyo banned Huawei."}\n{"id":"bad-1","body":\n{"id":"empty-1","body":"   "}\n' >"$WORK/mixed.jsonl"
run --db "$WORK/ingest.db" ingest "$WORK/mixed.jsonl"
check "ingest with bad documents exits 1" [ "$rc" -eq 1 ]
check "invalid JSON names file and line" has "$err" "mixed.jsonl:2: invalid JSON"
check "an empty body names file and line" has "$err" "mixed.jsonl:3: the article body is empty"
check "the good document was ingested" has "$out" "1 new"
run --db "$WORK/ingest.db" ingest "$WORK/mixed.jsonl"
check "re-ingest changes nothing" has "$out" "0 new, 0 replaced, 1 unchanged"

# Quality on the bundled corpus and its gold: fails when it drops below the
# figures recorded in the README (kept a little under them).
run eval --gold "$SRC/data/sample/gold" --json "${ARTICLES[@]}"
check "eval exits 0" [ "$rc" -eq 0 ]
precision=$(sed -n 's/.*"precision":\([0-9.]*\).*/\1/p' <<<"$out")
recall=$(sed -n 's/.*"recall":\([0-9.]*\).*/\1/p' <<<"$out")
check "sample precision >= 0.72 (got $precision)" awk -v v="$precision" 'BEGIN { exit !(v >= 0.72) }'
check "sample recall >= 0.30 (got $recall)" awk -v v="$recall" 'BEGIN { exit !(v >= 0.30) }'

# kg generate: a synthetic corpus with its gold, the same for the same seed,
# ingested and scored; the floors sit well under what it measured (precision
# 0.794, recall 0.612 on these 50 articles).
run --help
check "kg --help lists generate" has "$out" "generate"
run generate --seed 3 --articles 50 --out "$WORK/gen.jsonl" --gold "$WORK/gen-gold"
check "generate exits 0" [ "$rc" -eq 0 ]
check "generate writes 50 articles" [ "$(wc -l <"$WORK/gen.jsonl")" -eq 50 ]
check "generate writes the gold" [ -s "$WORK/gen-gold/gen.jsonl" ]
check "generate reports what it wrote" has "$err" "generated 50 articles"
run generate --seed 3 --articles 50
check "the same seed gives the same bytes on stdout" [ "$out" == "$(cat "$WORK/gen.jsonl")" ]
run generate --seed 4 --articles 50
check "another seed gives other articles" [ "$out" != "$(cat "$WORK/gen.jsonl")" ]
run --db "$WORK/gen.db" ingest "$WORK/gen.jsonl"
check "the generated corpus ingests cleanly" [ "$rc" -eq 0 ]
run eval --gold "$WORK/gen-gold" --json "$WORK/gen.jsonl"
check "eval of the generated corpus exits 0" [ "$rc" -eq 0 ]
check "every gold relation is scored" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert len(d["by_relation"]) >= 20, d["by_relation"].keys()' "$out"
precision=$(sed -n 's/.*"precision":\([0-9.]*\).*/\1/p' <<<"$out")
recall=$(sed -n 's/.*"recall":\([0-9.]*\).*/\1/p' <<<"$out")
check "generated precision >= 0.65 (got $precision)" awk -v v="$precision" 'BEGIN { exit !(v >= 0.65) }'
check "generated recall >= 0.45 (got $recall)" awk -v v="$recall" 'BEGIN { exit !(v >= 0.45) }'
run generate --mixed --articles 20 --out "$WORK/gen-mixed" --gold "$WORK/gen-mixed-gold"
check "generate --mixed exits 0" [ "$rc" -eq 0 ]
check "--mixed writes .jsonl, .json and .jsonl.gz shards" test -s "$WORK/gen-mixed/part-00000.jsonl" -a -s "$WORK/gen-mixed/part-00001.json" -a -s "$WORK/gen-mixed/part-00003.jsonl.gz"
check "--mixed writes a .txt file per article of its text shard" [ "$(ls "$WORK"/gen-mixed/*.txt | wc -l)" -eq 5 ]
run extract --summary "$WORK"/gen-mixed/*
check "kg extract reads every --mixed file" [ "$rc" -eq 0 ]
check "kg extract reads all 20 --mixed articles" has "$err" "from 20 articles (0 bad documents)"
run generate --mb 0.2 --out "$WORK/gen-mb.jsonl"
check "generate --mb 0.2 writes at least 200000 bytes" [ "$(wc -c <"$WORK/gen-mb.jsonl")" -ge 200000 ]
check "generate --mb 0.2 stops soon after" [ "$(wc -c <"$WORK/gen-mb.jsonl")" -lt 220000 ]
run generate --articles 5 --mb 1
check "--articles with --mb is a usage error" [ "$rc" -eq 2 ]
run generate --files 3
check "--files without --out DIR is a usage error" [ "$rc" -eq 2 ]
run generate --articles 0
check "--articles 0 is a usage error" [ "$rc" -eq 2 ]
run generate --out "$WORK/no-such-dir/x.jsonl"
check "an unwritable --out exits 1" [ "$rc" -eq 1 ]
check "an unwritable --out is named" has "$err" "no-such-dir/x.jsonl"

# Graph analytics over the ingested sample.
G="$WORK/graph.db"
run --db "$G" ingest "${ARTICLES[@]}"
check "ingest for the graph exits 0" [ "$rc" -eq 0 ]
run --db "$G" path deepseek NVIDIA --undirected
check "path exits 0" [ "$rc" -eq 0 ]
check "path names both ends" has "$out" "DeepSeek"
check "path gives a sentence per hop" has "$out" "\""
run --db "$G" path DeepSeek Nvidia --undirected --k 3 --json
check "k paths as JSON" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert len(d["paths"]) == 3; assert all(s["sentence"] for p in d["paths"] for s in p["steps"])' "$out"
run --db "$G" path Hauwei China
check "unknown entity exits 1" [ "$rc" -eq 1 ]
check "unknown entity gets a suggestion" has "$err" "did you mean 'Huawei'"
run --db "$G" path Huawei China --relations restricts,sanctions --types country
check "an entity the filters leave without edges is explained" has "$err" "no facts that pass the filters"
run --db "$G" rank pagerank --top 5 --json
check "rank pagerank exits 0" [ "$rc" -eq 0 ]
check "pagerank ranks China first" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["ranking"][0]["name"] == "China"; assert len(d["ranking"]) == 5' "$out"
run --db "$G" rank betweenness --type company --top 3
check "rank --type lists only that type" [ "$(grep -c ' company ' <<<"$out")" -eq 3 ]
run --db "$G" rank degree --relations restrict
check "unknown relation in a filter exits 1" [ "$rc" -eq 1 ]
check "unknown relation gets a suggestion" has "$err" "did you mean 'restricts'"
run --db "$G" neighbors Huawei --depth 2 --json
check "neighbors as JSON" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["center"] == "Huawei"; assert max(e["distance"] for e in d["entities"]) == 2' "$out"
run --db "$G" components --json
check "components as JSON" python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["components"] > 1; s=[c["size"] for c in d["largest"]]; assert s == sorted(s, reverse=True)' "$out"
run --db "$G" components --min-evidence 2 --strong
check "components with filters exits 0" [ "$rc" -eq 0 ]

# Pictures.
run --db "$G" export dot --around Huawei --depth 2 --cluster bloc
check "export dot exits 0" [ "$rc" -eq 0 ]
printf '%s\n' "$out" >"$WORK/around.dot"
check "Graphviz reads the DOT" dot -Tsvg -o "$WORK/around.svg" "$WORK/around.dot"
run --db "$G" export dot --top 10 --by betweenness --render svg --out "$WORK/top.svg"
check "export --render svg exits 0" [ "$rc" -eq 0 ]
check "the picture is an SVG" grep -q "<svg" "$WORK/top.svg"
run --db "$G" export dot --path DeepSeek Nvidia --undirected --k 2
check "export of paths exits 0" [ "$rc" -eq 0 ]
check "the paths' ends are drawn" has "$out" "label=\"Nvidia\""
run --db "$G" export dot --render gif --out "$WORK/x.gif"
check "an unknown picture format is a usage error" [ "$rc" -eq 2 ]
out=$(PATH=/nonexistent "$KG" --db "$G" export dot --top 5 --render svg --out "$WORK/none.svg" 2>&1)
rc=$?
check "render without Graphviz fails" [ "$rc" -eq 1 ]
check "render without Graphviz says what to install" has "$out" "apt-get install graphviz"
run --db "$G" export dot --around Hauwei
check "export names a misspelt entity" has "$err" "did you mean 'Huawei'"

# Interchange: JSON Lines out, into an empty store, out again: the same bytes.
run --db "$G" export jsonl --out "$WORK/first.jsonl"
check "export jsonl exits 0" [ "$rc" -eq 0 ]
evidence=$("$KG" --db "$G" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["evidence"])')
check "export jsonl writes every piece of evidence" [ "$(wc -l <"$WORK/first.jsonl")" -eq "$evidence" ]
run --db "$WORK/again.db" import "$WORK/first.jsonl"
check "the export imports" [ "$rc" -eq 0 ]
check "every exported line passes the triple schema" has "$out" "(0 bad)"
run --db "$WORK/again.db" export jsonl
check "export, import, export gives the same bytes" [ "$out" == "$(cat "$WORK/first.jsonl")" ]

run --db "$G" export csv --out "$WORK/neo4j"
check "export csv exits 0" [ "$rc" -eq 0 ]
check "Neo4j headers" grep -q '^:START_ID,:END_ID,:TYPE' "$WORK/neo4j/edges.csv"
check "one node per entity" [ "$(($(wc -l <"$WORK/neo4j/nodes.csv") - 1))" -eq "$("$KG" --db "$G" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["dictionary_entities"])')" ]
run --db "$G" export ntriples --base "https://example.org/kg/" --out "$WORK/g.nt"
check "export ntriples exits 0" [ "$rc" -eq 0 ]
check "rapper reads the N-Triples" rapper -q -i ntriples -c "$WORK/g.nt"
run --db "$G" export ntriples --base "not an iri"
check "a bad --base is a usage error" [ "$rc" -eq 2 ]

echo "cli: $pass passed, $failures failed"
[ "$failures" -eq 0 ]
