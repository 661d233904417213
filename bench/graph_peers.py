#!/usr/bin/env python3
"""graph_peers: graph_bench's measures in NetworkX and python-igraph.

    graph_peers.py DIR            time the peers on DIR/edges.tsv, DIR/pairs.tsv;
                                  writes DIR/peers.json
    graph_peers.py --report DIR   print the markdown table of DIR/kg.json
                                  against DIR/peers.json (graph_vs_peers.sh)

DIR is what `graph_bench --export DIR` wrote: edges.tsv holds the projection's
simple directed adjacency (each (u, v) pair once, vertices 0..n-1), pairs.tsv
the 100 path queries (source, target, kg's hop count or -1) and kg.json kg's
figures. Each library is timed on the same graph, in the same process, with
time.perf_counter() around the measured calls only:

  construct    the graph from the edge list already in memory (not
               comparable to kg's projection, which reads RocksDB)
  paths        the shortest path of each pair, directed, unweighted
  pagerank     damping 0.85, best of 3 (NetworkX with tol 1e-6 and at most
               100 iterations as kg; igraph's PRPACK solves to 1e-10)
  betweenness  256 sampled sources (see the notes in peers.json)
  degree       out, in and all, best of 3 each
  components   weak and strong, best of 3 each

A library that is missing is skipped with a message. Results are checked
against kg's (hop counts, component counts, PageRank's top vertices) and the
differences noted in peers.json.
"""

import json
import os
import random
import statistics
import sys
import time
import warnings

REPEATS = 3
SAMPLES = 256  # betweenness sources
# NetworkX's sampled betweenness is pure Python; it runs only when a trial on
# a few sources projects it to finish within this many seconds.
NX_BETWEENNESS_LIMIT_S = float(os.environ.get("KG_PEERS_NX_BETWEENNESS_LIMIT_S", "600"))
NX_BETWEENNESS_TRIAL = 16


def log(msg):
    print("graph_peers: " + msg, file=sys.stderr, flush=True)


def best_of(fn, repeats=REPEATS):
    """The fastest of `repeats` calls of fn, in seconds, and the last result."""
    best, result = None, None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        s = time.perf_counter() - t0
        best = s if best is None else min(best, s)
    return best, result


def percentile(values, p):
    """Nearest rank, as graph_bench and store_bench report it."""
    v = sorted(values)
    rank = max(1, -(-len(v) * p // 100))
    return v[min(len(v), rank) - 1]


def path_figures(ms, hops, kg_hops):
    agree = sum(1 for a, b in zip(hops, kg_hops) if a == b)
    return {
        "median_ms": statistics.median(ms),
        "p99_ms": percentile(ms, 99),
        "mean_ms": statistics.fmean(ms),
        "max_ms": max(ms),
        "found": sum(1 for h in hops if h >= 0),
        "hops_agree_with_kg": agree,
        "queries": len(ms),
    }


def top_agreement(scores, kg_top):
    """How kg's top 10 PageRank vertices compare with these scores."""
    order = sorted(range(len(scores)), key=lambda v: (-scores[v], v))[: len(kg_top)]
    return {
        "top10_same_set": set(order) == {v for v, _ in kg_top},
        "top10_same_order": order == [v for v, _ in kg_top],
        "top10_max_abs_diff": max(abs(scores[v] - s) for v, s in kg_top) if kg_top else 0.0,
    }


def read_input(d):
    with open(os.path.join(d, "kg.json")) as f:
        kg = json.load(f)
    t0 = time.perf_counter()
    edges = []
    with open(os.path.join(d, "edges.tsv")) as f:
        for line in f:
            u, v = line.split("\t")
            edges.append((int(u), int(v)))
    pairs = []
    with open(os.path.join(d, "pairs.tsv")) as f:
        for line in f:
            cols = line.split("\t")
            pairs.append((int(cols[0]), int(cols[1]), int(cols[2]) if len(cols) > 2 else None))
    log("read %d edges and %d pairs in %.1f s" % (len(edges), len(pairs), time.perf_counter() - t0))
    return kg, edges, pairs


def sample_sources(n, seed=1):
    return random.Random(seed).sample(range(n), min(SAMPLES, n))


# --- NetworkX ---


def run_networkx(kg, edges, pairs):
    import networkx as nx

    out = {"version": nx.__version__, "notes": []}
    n = kg["vertices"]
    t0 = time.perf_counter()
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    out["construct_s"] = time.perf_counter() - t0
    log("networkx %s: graph of %d nodes, %d edges in %.1f s"
        % (nx.__version__, G.number_of_nodes(), G.number_of_edges(), out["construct_s"]))

    ms, hops = [], []
    for s, t, _ in pairs:
        t0 = time.perf_counter()
        try:
            h = len(nx.shortest_path(G, s, t)) - 1
        except nx.NetworkXNoPath:
            h = -1
        ms.append((time.perf_counter() - t0) * 1e3)
        hops.append(h)
    out["paths"] = path_figures(ms, hops, [k for _, _, k in pairs])
    out["notes"].append("shortest_path: bidirectional BFS (from both ends, the smaller "
                        "frontier first), stops when the searches meet")

    # nx.pagerank is the SciPy sparse-matrix power iteration when SciPy is
    # there (NetworkX 2.8 and later), else it fails; the pure-Python one
    # would take minutes.
    try:
        import scipy  # noqa: F401

        s, pr = best_of(lambda: nx.pagerank(G, alpha=0.85, tol=1e-06, max_iter=100))
        scores = [pr[v] for v in range(n)]
        out["pagerank"] = {"s": s, "impl": "nx.pagerank (SciPy sparse power iteration, "
                           "tol 1e-6 as kg; the time includes building the sparse matrix)"}
        out["pagerank"].update(top_agreement(scores, kg["pagerank_top"]))
    except ImportError:
        out["pagerank"] = {"skipped": "SciPy is not installed (nx.pagerank needs it)"}

    # Sampled betweenness: a short trial first, so that a slow machine does
    # not spend an hour here.
    t0 = time.perf_counter()
    nx.betweenness_centrality(G, k=NX_BETWEENNESS_TRIAL, seed=1)
    trial = time.perf_counter() - t0
    projected = trial * SAMPLES / NX_BETWEENNESS_TRIAL
    if projected <= NX_BETWEENNESS_LIMIT_S:
        log("networkx: betweenness k=%d (projected %.0f s from k=%d)"
            % (SAMPLES, projected, NX_BETWEENNESS_TRIAL))
        t0 = time.perf_counter()
        nx.betweenness_centrality(G, k=SAMPLES, seed=1)
        out["betweenness"] = {"s": time.perf_counter() - t0, "impl": "betweenness_centrality("
                              "k=256, seed=1): Brandes from 256 sampled sources, pure Python"}
    else:
        out["betweenness"] = {
            "skipped": "k=%d took %.1f s: k=%d projects to %.0f s, over the %.0f s limit"
            % (NX_BETWEENNESS_TRIAL, trial, SAMPLES, projected, NX_BETWEENNESS_LIMIT_S),
            "projected_s": projected,
        }

    out["degree_out_s"], d = best_of(lambda: [k for _, k in G.out_degree()])
    out["degree_out_sum"] = sum(d)
    out["degree_in_s"], d = best_of(lambda: [k for _, k in G.in_degree()])
    out["degree_in_sum"] = sum(d)
    out["degree_both_s"], d = best_of(lambda: [k for _, k in G.degree()])
    out["degree_both_sum"] = sum(d)
    out["notes"].append("degree: G.degree() is in + out, so a pair joined both ways counts "
                        "twice (kg's 'both' counts the neighbour once)")

    out["weak_s"], c = best_of(lambda: list(nx.weakly_connected_components(G)))
    out["weak_count"], out["weak_largest"] = len(c), max(map(len, c))
    out["strong_s"], c = best_of(lambda: list(nx.strongly_connected_components(G)))
    out["strong_count"], out["strong_largest"] = len(c), max(map(len, c))
    return out


# --- python-igraph ---


def igraph_betweenness(ig, g, n):
    """Time Brandes from 256 sampled sources in igraph.

    python-igraph 0.10.5 and later take sources= (subset betweenness); older
    ones (Debian 12 has 0.10.2) only compute exact betweenness, n sources,
    here hours. For those the exact computation is run on the graph with its
    vertices renumbered so that the 256 sampled sources come first (igraph
    takes sources in vertex order) and stopped through the progress handler,
    which igraph calls once per source, when the 256th is done: the time to
    that point is igraph's cost of a 256-source Brandes.
    """
    sources = sample_sources(n)
    doc = ig.Graph.betweenness.__doc__ or ""
    if "sources" in doc:
        t0 = time.perf_counter()
        g.betweenness(directed=True, sources=sources)
        return {"s": time.perf_counter() - t0,
                "impl": "betweenness(sources=256 sampled vertices): subset Brandes"}

    # The permutation: the sampled sources first, the others after, in order.
    chosen = set(sources)
    order = sources + [v for v in range(n) if v not in chosen]
    new_id = [0] * n
    for i, v in enumerate(order):
        new_id[v] = i
    h = g.copy()
    h.permute_vertices(new_id)

    class Enough(Exception):
        pass

    state = {"done_at": None}

    def progress(message, percent):
        if message.startswith("Betweenness") and percent * n / 100.0 >= SAMPLES - 0.5:
            state["done_at"] = time.perf_counter()
            raise Enough()

    ig.set_progress_handler(progress)
    t0 = time.perf_counter()
    try:
        h.betweenness(directed=True)
    except Exception:  # Enough, as raised through igraph's C code
        pass
    finally:
        ig.set_progress_handler(None)
    if state["done_at"] is None:
        return {"skipped": "the progress handler was never called; exact betweenness not run"}
    s = state["done_at"] - t0
    return {
        "s": s,
        "impl": "exact betweenness(directed=True) stopped after its first 256 sources "
                "(python-igraph %s has no sources=; the sampled sources renumbered first)"
                % ig.__version__,
        "exact_projected_s": s * n / SAMPLES,
    }


def run_igraph(kg, edges, pairs):
    import igraph as ig

    out = {"version": ig.__version__, "notes": []}
    n = kg["vertices"]
    t0 = time.perf_counter()
    g = ig.Graph(n=n, edges=edges, directed=True)
    out["construct_s"] = time.perf_counter() - t0
    log("igraph %s: graph of %d vertices, %d edges in %.1f s"
        % (ig.__version__, g.vcount(), g.ecount(), out["construct_s"]))

    ms, hops = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Couldn't reach some vertices"
        for s, t, _ in pairs:
            t0 = time.perf_counter()
            p = g.get_shortest_paths(s, to=t, mode="out", output="vpath")[0]
            ms.append((time.perf_counter() - t0) * 1e3)
            hops.append(len(p) - 1 if p else -1)
    out["paths"] = path_figures(ms, hops, [k for _, _, k in pairs])
    out["notes"].append("get_shortest_paths(s, to=t): BFS from the source, stops once the "
                        "target is reached")

    s, pr = best_of(lambda: g.pagerank(damping=0.85, directed=True))
    out["pagerank"] = {"s": s, "impl": "Graph.pagerank (PRPACK, solved to 1e-10; the time "
                       "includes PRPACK's copy of the graph)"}
    out["pagerank"].update(top_agreement(pr, kg["pagerank_exact_top"]))

    out["betweenness"] = igraph_betweenness(ig, g, n)

    out["degree_out_s"], d = best_of(lambda: g.degree(mode="out"))
    out["degree_out_sum"] = sum(d)
    out["degree_in_s"], d = best_of(lambda: g.degree(mode="in"))
    out["degree_in_sum"] = sum(d)
    out["degree_both_s"], d = best_of(lambda: g.degree(mode="all"))
    out["degree_both_sum"] = sum(d)
    out["notes"].append("degree(mode='all') is in + out, as in NetworkX")

    components = getattr(g, "connected_components", None) or g.clusters
    out["weak_s"], c = best_of(lambda: components(mode="weak"))
    out["weak_count"], out["weak_largest"] = len(c), max(c.sizes())
    out["strong_s"], c = best_of(lambda: components(mode="strong"))
    out["strong_count"], out["strong_largest"] = len(c), max(c.sizes())
    return out


def run(d):
    kg, edges, pairs = read_input(d)
    peers = {"python": sys.version.split()[0], "executable": sys.executable}
    for name, fn, module in (("networkx", run_networkx, "networkx"),
                             ("igraph", run_igraph, "igraph")):
        try:
            __import__(module)
        except ImportError as e:
            log("%s: skipped (%s)" % (name, e))
            peers[name] = {"skipped": "not installed for %s: %s" % (sys.executable, e)}
            continue
        peers[name] = fn(kg, edges, pairs)
        log("%s: done" % name)
    with open(os.path.join(d, "peers.json"), "w") as f:
        json.dump(peers, f, indent=2)
        f.write("\n")


# --- The comparison table ---


def fmt_s(v):
    if v is None:
        return "n/a"
    if v < 0.01:
        return "%.3f ms" % (v * 1e3)
    return "%.3f s" % v


def fmt_ms(v):
    return "n/a" if v is None else "%.3f ms" % v


def ratio(peer, kg):
    """peer / kg; in bold where kg is the slower."""
    if peer is None or kg is None or kg <= 0:
        return "n/a"
    r = peer / kg
    if r >= 10:
        return "%.0fx" % r
    if r >= 1:
        return "%.2fx" % r
    return "**%.2gx**" % r


def verdict(ok):
    return "met" if ok else "**NOT met**"


def report(d):
    with open(os.path.join(d, "kg.json")) as f:
        kg = json.load(f)
    with open(os.path.join(d, "peers.json")) as f:
        peers = json.load(f)
    nx_ = peers.get("networkx", {})
    ig_ = peers.get("igraph", {})

    def get(p, *keys):
        for k in keys:
            if not isinstance(p, dict) or k not in p:
                return None
            p = p[k]
        return p

    def deg_sum(p):
        vals = [get(p, k) for k in ("degree_out_s", "degree_in_s", "degree_both_s")]
        return None if None in vals else sum(vals)

    kg_deg = kg["degree_out_s"] + kg["degree_in_s"] + kg["degree_both_s"]
    pr_peer = get(ig_, "pagerank", "s")
    rows = [
        # measure, kg, nx, igraph, formatter, comparable, target
        ("graph from storage: kg projection from RocksDB; peers: construction from the "
         "in-memory edge list", kg["projection_s"], get(nx_, "construct_s"),
         get(ig_, "construct_s"), fmt_s, False,
         "< 2 s: %s" % verdict(kg["projection_s"] < 2)),
        ("shortest path, median of %d" % kg["path_queries"], kg["path_median_ms"],
         get(nx_, "paths", "median_ms"), get(ig_, "paths", "median_ms"), fmt_ms, True,
         "< 10 ms: %s" % verdict(kg["path_median_ms"] < 10)),
        ("shortest path, p99", kg["path_p99_ms"], get(nx_, "paths", "p99_ms"),
         get(ig_, "paths", "p99_ms"), fmt_ms, True,
         "< 10 ms: %s" % verdict(kg["path_p99_ms"] < 10)),
        ("PageRank, tol 1e-6 as NetworkX (kg: %d iterations)" % kg["pagerank_iterations"],
         kg["pagerank_s"], get(nx_, "pagerank", "s"), pr_peer, fmt_s, True,
         "< 0.5 s: %s; <= igraph: %s" % (
             verdict(kg["pagerank_s"] < 0.5),
             "n/a" if pr_peer is None else verdict(kg["pagerank_s"] <= pr_peer))),
        ("PageRank to igraph's precision, L1 < 1e-10 (kg: %d iterations)"
         % kg["pagerank_exact_iterations"], kg["pagerank_exact_s"], None, pr_peer, fmt_s, True,
         "< 0.5 s: %s; <= igraph: %s" % (
             verdict(kg["pagerank_exact_s"] < 0.5),
             "n/a" if pr_peer is None else verdict(kg["pagerank_exact_s"] <= pr_peer))),
        ("betweenness, %d sampled sources" % kg["betweenness_samples"], kg["betweenness_s"],
         get(nx_, "betweenness", "s"), get(ig_, "betweenness", "s"), fmt_s, True,
         "< 30 s: %s" % verdict(kg["betweenness_s"] < 30)),
        ("degree, out + in + both", kg_deg, deg_sum(nx_), deg_sum(ig_), fmt_s, True, ""),
        ("weak components", kg["weak_s"], get(nx_, "weak_s"), get(ig_, "weak_s"), fmt_s, True,
         ""),
        ("strong components", kg["strong_s"], get(nx_, "strong_s"), get(ig_, "strong_s"), fmt_s,
         True, ""),
    ]
    print("graph: %d facts -> %d distinct triples over %d entities; projection %d vertices, "
          "%d edges, %d distinct directed pairs (what the peers get)"
          % (kg["facts"], kg["distinct_triples"], kg["entities"], kg["vertices"], kg["edges"],
             kg["simple_edges"]))
    print("peers: python %s, NetworkX %s, python-igraph %s\n"
          % (peers.get("python"), nx_.get("version", "not run"), ig_.get("version", "not run")))
    print("| measure | kg | NetworkX | igraph | NetworkX / kg | igraph / kg | target (kg) |")
    print("|---|---|---|---|---|---|---|")
    for name, k, n, i, f, comparable, target in rows:
        rn = ratio(n, k) if comparable else "(not comparable)"
        ri = ratio(i, k) if comparable else "(not comparable)"
        print("| %s | %s | %s | %s | %s | %s | %s |" % (name, f(k), f(n), f(i), rn, ri, target))

    print("\nchecks and notes:")
    for name, p in (("NetworkX", nx_), ("igraph", ig_)):
        if "skipped" in p:
            print("- %s: skipped: %s" % (name, p["skipped"]))
            continue
        if not p:
            continue
        paths = p.get("paths", {})
        print("- %s: path hop counts agree with kg on %s of %s pairs (%s found)"
              % (name, paths.get("hops_agree_with_kg"), paths.get("queries"),
                 paths.get("found")))
        print("- %s: weak components %s (largest %s), strong %s (largest %s); kg: %d (%d), "
              "%d (%d)" % (name, p.get("weak_count"), p.get("weak_largest"),
                           p.get("strong_count"), p.get("strong_largest"), kg["weak_count"],
                           kg["weak_largest"], kg["strong_count"], kg["strong_largest"]))
        print("- %s: degree sums out %s, in %s, all %s; kg: %d, %d, %d (kg's 'both' counts a "
              "neighbour once)" % (name, p.get("degree_out_sum"), p.get("degree_in_sum"),
                                   p.get("degree_both_sum"), kg["degree_out_sum"],
                                   kg["degree_in_sum"], kg["degree_both_sum"]))
        pr = p.get("pagerank", {})
        if "skipped" in pr:
            print("- %s PageRank: skipped: %s" % (name, pr["skipped"]))
        elif pr:
            print("- %s PageRank: %s; kg's top 10 the same set: %s, same order: %s, largest "
                  "score difference %.2g" % (name, pr["impl"], pr["top10_same_set"],
                                             pr["top10_same_order"], pr["top10_max_abs_diff"]))
        bc = p.get("betweenness", {})
        if "skipped" in bc:
            print("- %s betweenness: skipped: %s" % (name, bc["skipped"]))
        elif bc:
            extra = ""
            if "exact_projected_s" in bc:
                extra = "; exact (all %d sources) projects to %.0f s" % (
                    kg["vertices"], bc["exact_projected_s"])
            print("- %s betweenness: %s%s" % (name, bc["impl"], extra))
        for note in p.get("notes", []):
            print("- %s %s" % (name, note))


def main(argv):
    if len(argv) == 3 and argv[1] == "--report":
        report(argv[2])
    elif len(argv) == 2 and not argv[1].startswith("-"):
        run(argv[1])
    else:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
