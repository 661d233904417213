#!/usr/bin/env python3
"""Generate graph-algorithm reference fixtures with NetworkX.

Writes one JSON file per test graph (scale_free_200, gnp_directed_300,
barabasi_150, small_hand) holding the edge list and reference values computed
by NetworkX: PageRank, betweenness (normalized and raw), harmonic centrality,
in/out degrees, the same centralities on the undirected view, weakly and
strongly connected component sizes, BFS distances from one source, and
shortest-path length / count / k-shortest-simple-path lengths for a few
vertex pairs.  The C++ graph algorithms are tested against these files.

Usage (from the repository root):

    python3 tests/graph/make_fixtures.py tests/graph/fixtures

Requirements: Python 3 and NetworkX (generated with 3.6.1).  Only pure-Python
NetworkX code paths are used (no numpy/scipy needed).  All graphs are built
from fixed seeds, so running the script again gives byte-identical files.

Conventions of every file:
  * vertex ids are the ints 0..n-1; no self-loops, no parallel edges;
  * "edges" is sorted ascending; for an undirected graph each edge appears
    once as [u, v] with u < v;
  * every per-vertex value is a list of n numbers indexed by vertex id;
  * graphs are rebuilt canonically before any computation: vertices added in
    id order, then edges in sorted order (so adjacency iteration order is by
    ascending neighbour id, as in a CSR built from the edge list);
  * "bfs_from" is the vertex with the highest out-degree (lowest id on ties);
    "bfs_distances" holds -1 for unreachable vertices;
  * "paths" picks up to 5 reachable pairs (s, t) with shortest length >= 2:
    first up to 3 pairs with the most distinct shortest paths (ties: longer
    length first, then smaller s, then smaller t), then the pairs with the
    longest shortest-path length (ties: smaller s, then smaller t) not
    already chosen, until 5 pairs are chosen.  For an undirected graph only
    pairs with s < t are considered.
"""

import json
import os
import sys
from collections import deque

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

PAGERANK_ALPHA = 0.85
PAGERANK_MAX_ITER = 10000
PAGERANK_TOL = 1e-13
K_SHORTEST = 5
MAX_PATHS = 5


def canonical(n, edges, directed):
    """Return a simple (Di)Graph on 0..n-1 with nodes/edges inserted in order."""
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    clean = set()
    for u, v in edges:
        if u == v:
            continue
        if not directed and u > v:
            u, v = v, u
        clean.add((u, v))
    G.add_edges_from(sorted(clean))
    return G


def build_graphs():
    graphs = []

    # Scale-free directed graph (MultiDiGraph in NetworkX): collapse parallel
    # edges and drop self-loops.  Has dangling vertices.
    sf = nx.scale_free_graph(200, seed=7)
    graphs.append(("scale_free_200", canonical(200, list(sf.edges()), True)))

    # Sparse directed G(n, p): several components, isolated vertices.
    gnp = nx.gnp_random_graph(300, 0.006, seed=11, directed=True)
    graphs.append(("gnp_directed_300", canonical(300, list(gnp.edges()), True)))

    # Undirected Barabasi-Albert graph.
    ba = nx.barabasi_albert_graph(150, 2, seed=5)
    graphs.append(("barabasi_150", canonical(150, list(ba.edges()), False)))

    # Hand-made directed graph on 8 vertices:
    #   weak component A = {0,1,2,3,4}: cycle 0->1->2->0, plus 2->3, 1->4,
    #     4->3, so 0 reaches 3 by two shortest paths (0-1-2-3, 0-1-4-3);
    #     3 is dangling (no out-edges);
    #   weak component B = {5,6}: 5->6 (6 dangling);
    #   vertex 7 is isolated.
    hand_edges = [(0, 1), (1, 2), (2, 0), (2, 3), (1, 4), (4, 3), (5, 6)]
    graphs.append(("small_hand", canonical(8, hand_edges, True)))

    return graphs


def as_list(d, n, conv=float):
    return [conv(d[v]) for v in range(n)]


def bfs_distances(G, s, n):
    dist = [-1] * n
    dist[s] = 0
    q = deque([s])
    while q:
        v = q.popleft()
        for w in G[v]:  # successors for DiGraph, neighbours for Graph
            if dist[w] < 0:
                dist[w] = dist[v] + 1
                q.append(w)
    return dist


def choose_paths(G, n):
    # All reachable pairs with shortest length >= 2, with path counts.
    cands = []  # (s, t, L, count)
    for s in range(n):
        # BFS with shortest-path counting (exact, integers).
        dist = {s: 0}
        sigma = {s: 1}
        q = deque([s])
        while q:
            v = q.popleft()
            for w in G[v]:
                if w not in dist:
                    dist[w] = dist[v] + 1
                    sigma[w] = 0
                    q.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
        for t in sorted(dist):
            if not G.is_directed() and t < s:
                continue  # undirected: each unordered pair once, as s < t
            if dist[t] >= 2:
                cands.append((s, t, dist[t], sigma[t]))

    chosen = []
    by_count = sorted(cands, key=lambda c: (-c[3], -c[2], c[0], c[1]))
    for c in by_count[:3]:
        chosen.append(c)
    by_len = sorted(cands, key=lambda c: (-c[2], c[0], c[1]))
    for c in by_len:
        if len(chosen) >= MAX_PATHS:
            break
        if c not in chosen:
            chosen.append(c)

    out = []
    for s, t, L, cnt in chosen:
        nx_len = nx.shortest_path_length(G, s, t)
        nx_cnt = len(list(nx.all_shortest_paths(G, s, t)))
        assert nx_len == L and nx_cnt == cnt, (s, t, L, cnt, nx_len, nx_cnt)
        ks = []
        for path in nx.shortest_simple_paths(G, s, t):
            ks.append(len(path) - 1)
            if len(ks) >= K_SHORTEST:
                break
        out.append({
            "source": s,
            "target": t,
            "length": L,
            "count_shortest": cnt,
            "k_shortest_lengths": ks,
        })
    return out


def pagerank(G):
    return _pagerank_python(
        G, alpha=PAGERANK_ALPHA, max_iter=PAGERANK_MAX_ITER, tol=PAGERANK_TOL
    )


def compute(name, G):
    n = G.number_of_nodes()
    assert sorted(G.nodes()) == list(range(n))
    assert nx.number_of_selfloops(G) == 0
    directed = G.is_directed()

    edges = sorted([min(u, v), max(u, v)] if not directed else [u, v]
                   for u, v in G.edges())

    rec = {}
    rec["name"] = name
    rec["directed"] = directed
    rec["n"] = n
    rec["edges"] = edges

    rec["pagerank"] = as_list(pagerank(G), n)
    rec["betweenness"] = as_list(nx.betweenness_centrality(G, normalized=True), n)
    rec["betweenness_raw"] = as_list(
        nx.betweenness_centrality(G, normalized=False), n)
    rec["harmonic"] = as_list(nx.harmonic_centrality(G), n)
    if directed:
        rec["degree_in"] = [G.in_degree(v) for v in range(n)]
        rec["degree_out"] = [G.out_degree(v) for v in range(n)]
    else:
        rec["degree_in"] = [G.degree(v) for v in range(n)]
        rec["degree_out"] = [G.degree(v) for v in range(n)]

    if directed:
        U = G.to_undirected()
        rec["betweenness_undirected"] = as_list(
            nx.betweenness_centrality(U, normalized=True), n)
        rec["harmonic_undirected"] = as_list(nx.harmonic_centrality(U), n)
        rec["pagerank_undirected"] = as_list(pagerank(U), n)
        rec["wcc_sizes"] = sorted(
            (len(c) for c in nx.weakly_connected_components(G)), reverse=True)
        rec["scc_sizes"] = sorted(
            (len(c) for c in nx.strongly_connected_components(G)), reverse=True)
    else:
        rec["betweenness_undirected"] = list(rec["betweenness"])
        rec["harmonic_undirected"] = list(rec["harmonic"])
        rec["pagerank_undirected"] = list(rec["pagerank"])
        rec["wcc_sizes"] = sorted(
            (len(c) for c in nx.connected_components(G)), reverse=True)
        rec["scc_sizes"] = list(rec["wcc_sizes"])

    outdeg = rec["degree_out"]
    src = min(range(n), key=lambda v: (-outdeg[v], v))
    rec["bfs_from"] = src
    dist = bfs_distances(G, src, n)
    nx_dist = nx.single_source_shortest_path_length(G, src)
    assert all(dist[v] == nx_dist.get(v, -1) for v in range(n))
    rec["bfs_distances"] = dist

    rec["paths"] = choose_paths(G, n)
    rec["networkx_version"] = nx.__version__
    return rec


def dump(rec):
    lines = ["%s: %s" % (json.dumps(k), json.dumps(v)) for k, v in rec.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: %s OUTPUT_DIR\n" % argv[0])
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    for name, G in build_graphs():
        rec = compute(name, G)
        pr_sum = sum(rec["pagerank"])
        pru_sum = sum(rec["pagerank_undirected"])
        assert abs(pr_sum - 1.0) < 1e-9, (name, pr_sum)
        assert abs(pru_sum - 1.0) < 1e-9, (name, pru_sum)
        text = dump(rec)
        assert len(text.encode()) < 200 * 1024, name
        path = os.path.join(outdir, name + ".json")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        dangling = sum(1 for d in rec["degree_out"] if d == 0)
        print("%s: n=%d m=%d directed=%s dangling=%d wcc=%d scc=%d "
              "pagerank_sum=%.15f bfs_from=%d paths=%d bytes=%d"
              % (name, rec["n"], len(rec["edges"]), rec["directed"], dangling,
                 len(rec["wcc_sizes"]), len(rec["scc_sizes"]), pr_sum,
                 rec["bfs_from"], len(rec["paths"]), len(text.encode())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
