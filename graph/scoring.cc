#include "graph/scoring.h"

#include <algorithm>
#include <cstdio>

namespace kg {

Status CheckMeasure(std::string_view measure) {
  if (measure == "pagerank" || measure == "betweenness" || measure == "degree" ||
      measure == "closeness") {
    return Status::OK();
  }
  return Status::InvalidArgument("unknown measure '" + std::string(measure) +
                                 "' (pagerank, betweenness, degree or closeness)");
}

Scores ScoreBy(const ScoreQuery& query, const Projection& g, bool directed) {
  Scores out;
  if (query.measure == "pagerank") {
    PageRankOptions o = query.pagerank;
    o.directed = directed;
    PageRankResult r = PageRank(g, o);
    out.scores = std::move(r.scores);
    out.note = r.converged ? "converged in " + std::to_string(r.iterations) + " iterations"
                           : "did NOT converge in " + std::to_string(r.iterations) + " iterations";
  } else if (query.measure == "betweenness") {
    BetweennessOptions o = query.betweenness;
    o.directed = directed;
    o.cancel = query.cancel;
    out.scores = Betweenness(g, o);
    if (o.samples > 0 && o.samples < g.num_vertices()) {
      out.note = "estimated from " + std::to_string(o.samples) + " sampled sources";
    }
  } else if (query.measure == "degree") {
    out.scores = DegreeCentrality(g, query.direction, query.by_evidence);
  } else {
    out.scores = HarmonicCloseness(g, directed, query.cancel);
  }
  out.cancelled = query.cancel && query.cancel->load(std::memory_order_relaxed);
  return out;
}

std::vector<Projection::Vertex> TopScored(std::vector<Projection::Vertex> candidates,
                                          const std::vector<double>& scores, size_t n) {
  n = std::min(n, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<long>(n), candidates.end(),
                    [&](Projection::Vertex a, Projection::Vertex b) {
                      return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
                    });
  candidates.resize(n);
  return candidates;
}

std::string FormatScore(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

}  // namespace kg
