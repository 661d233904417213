#!/usr/bin/env python3
"""kg ingest at corpus scale, end to end, through the real binary.

Proves that nothing is lost or half-written: kill -9 at random moments, a
Ctrl-C, and a write that fails (a file-size limit, RLIMIT_FSIZE, standing in
for a full disk) each leave a store that opens, holds whole articles only
(each exactly as a clean run stored it), and that a re-run completes to the
same store as the clean run. Also: directories, patterns, gzip, standard
input, duplicates, the bad-document report, --fail-fast, --json, --dry-run,
and a reader querying while the ingest writes.

Usage: ingest_test.py PATH/TO/kg SOURCE_DIR
"""
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

KG = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
WORK = tempfile.mkdtemp(prefix="kg-ingest-test-")
failures = 0
passes = 0


def check(name, condition, detail=""):
    global failures, passes
    if condition:
        passes += 1
    else:
        failures += 1
        print(f"FAIL: {name}" + (f"\n  {detail}" if detail else ""), file=sys.stderr)


def kg(*args, stdin=None, limit_fsize=None, timeout=600):
    """Runs kg; returns (rc, stdout, stderr)."""

    def limits():
        if limit_fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_fsize, limit_fsize))

    p = subprocess.run([KG, *args], input=stdin, capture_output=True, timeout=timeout,
                       preexec_fn=limits)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def start(*args):
    return subprocess.Popen([KG, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def export(db):
    """Every piece of evidence of a store, per article: {id: sorted lines}.
    With aliases dropped: an entity's aliases grow as later articles name it,
    so a partial store may list fewer of them."""
    rc, out, err = kg("--db", db, "export", "jsonl")
    if rc != 0:
        return None, err
    articles = {}
    full = []
    for line in out.splitlines():
        fact = json.loads(line)
        full.append(line)
        fact.pop("subject_aliases", None)
        fact.pop("object_aliases", None)
        articles.setdefault(fact["article"], []).append(json.dumps(fact, sort_keys=True))
    for lines in articles.values():
        lines.sort()
    return articles, sorted(full)


def recover(db):
    """Opens the store for writing once (RocksDB replays its log) and closes it,
    publishing a view of the recovered state for the readers."""
    return kg("--db", db, "delete-article", "no-such-article-id")


def whole_articles_only(name, db, clean):
    got, err = export(db)
    if got is None and "no kg store here" in err:
        # Killed before the store was made: a store is made whole (as
        # DB.creating, then renamed) or not at all.
        check(f"{name}: no half-made store", not os.path.exists(db) or not os.listdir(db), err)
        return 0
    check(f"{name}: the store opens and exports", got is not None, err)
    if got is None:
        return 0
    partial = [a for a in got if got[a] != clean.get(a)]
    check(f"{name}: every stored article is whole, as the clean run stored it", not partial,
          f"{len(partial)} differ, e.g. {partial[:3]}")
    return len(got)


try:
    # --- A synthetic corpus in mixed formats (jsonl, json, txt, .gz) ---
    corpus = os.path.join(WORK, "corpus")
    rc, out, err = kg("generate", "--seed", "11", "--articles", "3000", "--mixed", "--files", "12",
                      "--out", corpus)
    check("generate a mixed corpus", rc == 0, err)
    names = sorted(os.listdir(corpus))
    check("the corpus holds gzip files", any(n.endswith(".gz") for n in names), names)

    # --- The clean run ---
    clean_db = os.path.join(WORK, "clean.db")
    t0 = time.monotonic()
    rc, out, err = kg("--db", clean_db, "ingest", "--json", corpus)
    clean_seconds = time.monotonic() - t0
    check("clean ingest exits 0", rc == 0, err)
    summary = json.loads(out) if rc == 0 else {}
    check("clean ingest stores 3000 articles", summary.get("articles_written") == 3000, out)
    check("--json reports the rate", summary.get("mb_per_s", 0) > 0, out)
    check("--json reports the peak memory", 10 < summary.get("peak_memory_mb", 0) < 2048, out)
    clean, clean_full = export(clean_db)
    check("clean store exports", clean is not None and len(clean) > 2500)

    # Re-running skips everything without extracting it again.
    rc, out, err = kg("--db", clean_db, "ingest", "--json", corpus)
    again = json.loads(out) if rc == 0 else {}
    check("re-run skips every article", again.get("articles_skipped") == 3000, out)
    check("re-run writes nothing", again.get("batches") == 0, out)

    # The same corpus copied under other names, some bodies re-wrapped:
    # stored once (same ids: skipped).
    copy = os.path.join(WORK, "copy")
    shutil.copytree(corpus, copy)
    rc, out, err = kg("--db", clean_db, "ingest", "--json", copy)
    dup = json.loads(out) if rc == 0 else {}
    check("a copied corpus adds nothing", dup.get("articles_written") == 0 and
          dup.get("articles_skipped") == 3000, out)

    # Every article through WriteArticles batches: the same store.
    rc, out, err = kg("--db", os.path.join(WORK, "batches.db"), "ingest", "--quiet", "--no-bulk",
                      corpus)
    check("--no-bulk ingest exits 0", rc == 0, err)
    _, batches_full = export(os.path.join(WORK, "batches.db"))
    check("--no-bulk stores what the bulk chunks store", batches_full == clean_full)

    # --- kill -9 at random moments ---
    # Small chunks (many atomic ingests of sorted files), the default size
    # and batches only.
    rng = random.Random(20261123)
    modes = [["--chunk-mb", "1"], ["--chunk-mb", "1"], ["--chunk-mb", "2"], [], ["--no-bulk"]]
    for round_ in range(5):
        db = os.path.join(WORK, f"killed-{round_}.db")
        p = start("--db", db, "ingest", "--quiet", "--workers", "2", *modes[round_], corpus)
        time.sleep(rng.uniform(0.05, max(0.2, clean_seconds * 0.9)))
        p.send_signal(signal.SIGKILL)
        p.wait()
        # What a reader sees at once (the latest published view) ...
        whole_articles_only(f"kill round {round_} (reader view)", db, clean)
        # ... and the store itself once reopened.
        recover(db)
        stored = whole_articles_only(f"kill round {round_} (recovered)", db, clean)
        rc, out, err = kg("--db", db, "ingest", "--json", corpus)
        rest = json.loads(out) if rc == 0 else {}
        check(f"kill round {round_}: the re-run completes", rc == 0, err)
        check(f"kill round {round_}: the re-run skips what was stored ({stored})",
              rest.get("articles_skipped", -1) >= stored, out)
        _, full = export(db)
        check(f"kill round {round_}: the completed store equals the clean run", full == clean_full)

    # --- Ctrl-C: the batch in flight is written, exit 130 ---
    db = os.path.join(WORK, "interrupted.db")
    p = start("--db", db, "ingest", "--workers", "2", "--chunk-mb", "1", corpus)
    time.sleep(max(0.3, clean_seconds * 0.4))
    p.send_signal(signal.SIGINT)
    _, err_bytes = p.communicate(timeout=120)
    err = err_bytes.decode(errors="replace")
    check("Ctrl-C exits 130", p.returncode == 130, f"rc={p.returncode} {err[-500:]}")
    check("Ctrl-C says how to go on", "run the same command again" in err, err[-500:])
    whole_articles_only("Ctrl-C", db, clean)
    rc, out, err = kg("--db", db, "ingest", "--quiet", corpus)
    check("after Ctrl-C the re-run completes", rc == 0, err)
    _, full = export(db)
    check("after Ctrl-C the store equals the clean run", full == clean_full)

    # --- A write that fails: a file-size limit stands in for a full disk ---
    # Through batches (the write-ahead log and memtable flushes meet the
    # limit) and through bulk chunks (a chunk's sorted file meets it).
    for mode, limit in ((["--no-bulk"], 2 * 1024 * 1024), (["--chunk-mb", "1"], 256 * 1024)):
        name = " ".join(mode)
        db = os.path.join(WORK, f"full{mode[0]}.db")
        rc, out, err = kg("--db", db, "ingest", "--quiet", *mode, corpus, limit_fsize=limit)
        check(f"{name}: a full disk stops the run with exit 1", rc == 1, f"rc={rc} {err[-800:]}")
        check(f"{name}: a full disk is explained",
              "disk is full" in err and "run the same command again" in err, err[-800:])
        recover(db)
        whole_articles_only(f"{name}: full disk", db, clean)
        rc, out, err = kg("--db", db, "ingest", "--quiet", corpus)
        check(f"{name}: after the full disk the re-run completes", rc == 0, err)
        _, full = export(db)
        check(f"{name}: after the full disk the store equals the clean run", full == clean_full)

    # --- A reader while the ingest writes ---
    db = os.path.join(WORK, "shared.db")
    kg("--db", db, "ingest", "--quiet", os.path.join(corpus, names[0]))
    p = start("--db", db, "ingest", "--quiet", "--workers", "1", "--chunk-mb", "1", corpus)
    counts = []
    while p.poll() is None and len(counts) < 50:
        rc, out, err = kg("--db", db, "query", "--json", "-e", "MATCH ?a ?r ?b RETURN COUNT(*)")
        check("a query while the ingest writes succeeds", rc == 0, err)
        if rc == 0:
            counts.append(json.loads(out)[0]["count"])
        time.sleep(0.2)
    p.wait()
    check("the reader ran during the ingest", len(counts) >= 2, counts)
    check("the reader's counts never go back", counts == sorted(counts), counts)

    # --- Inputs: patterns, standard input (plain and gzip) ---
    db = os.path.join(WORK, "inputs.db")
    rc, out, err = kg("--db", db, "ingest", "--json", os.path.join(corpus, "**", "*.jsonl*"))
    pattern = json.loads(out) if rc == 0 else {}
    check("a quoted ** pattern is expanded", rc == 0 and pattern.get("files", 0) >= 1, err)
    jsonl = [n for n in names if n.endswith(".jsonl")]
    with open(os.path.join(corpus, jsonl[0]), "rb") as f:
        data = f.read()
    rc, out, err = kg("--db", os.path.join(WORK, "stdin.db"), "ingest", "--json", "-", stdin=data)
    check("standard input is read", rc == 0 and json.loads(out)["articles_written"] > 0, err)
    import gzip
    rc, out, err = kg("--db", os.path.join(WORK, "stdin-gz.db"), "ingest", "--json", "-",
                      stdin=gzip.compress(data))
    check("gzip on standard input is read", rc == 0 and json.loads(out)["articles_written"] > 0,
          err)
    rc, out, err = kg("--db", db, "ingest", os.path.join(WORK, "nowhere"))
    check("a missing input fails before reading", rc == 1 and "nowhere" in err, err)
    rc, out, err = kg("--db", db, "ingest", os.path.join(WORK, "*.none"))
    check("a pattern matching nothing fails", rc == 1 and "matches no file" in err, err)

    # --- Bad documents: reported, skipped, the run goes on ---
    bad = os.path.join(WORK, "bad")
    os.makedirs(os.path.join(bad, "dir.jsonl"))  # a directory with an article's name
    with open(os.path.join(bad, "a.jsonl"), "w") as f:
        f.write('{"id":"good-1","body":"Tokyo banned Huawei from its networks."}\n')
        f.write('{"id":"bad-1","body":\n')
        f.write('{"id":"good-2","body":"Nvidia supplies chips to Foxconn."}\n')
    with open(os.path.join(bad, "b.txt"), "wb") as f:
        f.write(b"id: latin1\n\nCaf\xe9 society banned Huawei.\n")
    with open(os.path.join(bad, "c.jsonl.gz"), "wb") as f:
        f.write(gzip.compress(b'{"id":"gz-1","body":"Huawei competes with Apple."}\n' * 50)[:-30])
    with open(os.path.join(bad, "d.json"), "wb") as f:
        f.write(bytes(range(1, 9)) * 40)  # binary, no line breaks
    open(os.path.join(bad, "e.txt"), "w").close()
    db = os.path.join(WORK, "bad.db")
    rc, out, err = kg("--db", db, "ingest", "--json", bad)
    result = json.loads(out) if out.strip() else {}
    check("bad documents make exit 1", rc == 1, err)
    check("the good documents are stored", result.get("articles_written") == 3, out)
    report = result.get("report") or ""
    check("the report is in the store folder", report == os.path.join(db, "ingest-report.tsv"), out)
    rows = open(report).read().splitlines() if os.path.exists(report) else []
    check("the report has a header", rows[:1] == ["path\tline\treason"], rows[:2])
    check("the report lists every bad document", len(rows) == 1 + 6, rows)
    where = [r.split("\t")[0].rsplit("/", 1)[-1] + ":" + r.split("\t")[1] for r in rows[1:]]
    for expected in ["a.jsonl:2", "b.txt:3", "c.jsonl.gz:2", "c.jsonl.gz:0", "d.json:1", "e.txt:1"]:
        check(f"the report lists {expected}", expected in where, where)
    check("stderr names file and line", "a.jsonl:2:" in err, err)

    rc, out, err = kg("--db", os.path.join(WORK, "ff.db"), "ingest", "--json", "--fail-fast", bad)
    ff = json.loads(out) if out.strip() else {}
    check("--fail-fast exits 1", rc == 1, err)
    check("--fail-fast stops at the first bad document",
          ff.get("stopped_at_bad_document") is True and ff.get("bad_documents") == 1 and
          ff.get("articles_written") == 1, out)

    rc, out, err = kg("ingest", "--dry-run", "--json", "--report", os.path.join(WORK, "dry.tsv"),
                      bad)
    dry = json.loads(out) if out.strip() else {}
    check("--dry-run checks without a store", dry.get("dry_run") is True and
          dry.get("bad_documents") == 6 and dry.get("store") is None and not os.path.exists(os.path.join(os.getcwd(), "kg.db")),
          out + err)
    check("--report names the report", os.path.exists(os.path.join(WORK, "dry.tsv")))
finally:
    shutil.rmtree(WORK, ignore_errors=True)

print(f"ingest_test: {passes} checks passed, {failures} failed")
sys.exit(1 if failures else 0)
