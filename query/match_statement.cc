// MATCH and EVIDENCE: triple patterns joined on shared variables.
#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "query/binder.h"
#include "query/executor.h"
#include "query/planner.h"
#include "query/statement.h"

namespace kg::query {

namespace {

std::string VarLabel(const BoundMatch& m, int v) {
  return "?" + m.vars[v].name;
}

// EXPLAIN: the steps in the order they run.
void EmitPlan(const BoundMatch& m, const MatchPlan& plan, StatementContext& c,
              const std::string& tail) {
  c.sink->BeginTable("plan", {{"step", true},
                              {"pattern", false},
                              {"index", false},
                              {"bound", false},
                              {"est. rows", true},
                              {"joins on", false}});
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& s = plan.steps[i];
    const std::string joins = DescribeJoins(m, plan, i);
    c.sink->Row({Value::Int(static_cast<int64_t>(i + 1)), Value::Text(m.patterns[s.pattern].text),
                 Value::Text(s.index), Value::Text(s.bound), Value::Double(s.estimate),
                 Value::Text(joins)});
  }
  std::string note = "index nested-loop join, rows streamed";
  const std::string filter = m.filter.Describe(*c.store);
  if (!filter.empty()) note += "; filter on every triple: " + filter;
  if (!m.constraints.empty()) {
    note += "; " + std::to_string(m.constraints.size()) +
            " variable condition(s) checked as soon as bound";
  }
  if (plan.stop_after)
    note += "; limit pushed down: stops after " + std::to_string(plan.stop_after) + " rows";
  if (!tail.empty()) note += "; " + tail;
  c.sink->EndTable(note);
}

// The columns a MATCH returns and how to compute them.
struct OutputItem {
  ReturnItem::Kind kind = ReturnItem::Kind::kVariable;
  int var = -1;
  bool distinct = false;
  std::string label;
};

bool BuildItems(const MatchAst& ast, const BoundMatch& m, std::vector<OutputItem>* items,
                QueryError* error) {
  if (ast.items.empty()) {
    for (size_t v = 0; v < m.vars.size(); ++v)
      items->push_back({ReturnItem::Kind::kVariable, static_cast<int>(v), false,
                        VarLabel(m, static_cast<int>(v))});
    return true;
  }
  for (const ReturnItem& it : ast.items) {
    OutputItem o;
    o.kind = it.kind;
    o.distinct = it.distinct;
    o.label = it.label;
    if (!it.variable.empty()) {
      o.var = m.FindVar(it.variable.text);
      if (o.var < 0) {
        return FailAtName(it.variable, "?" + it.variable.text + " is not in any pattern", error);
      }
      if (it.kind == ReturnItem::Kind::kType && m.vars[o.var].relation) {
        return FailAtName(it.variable, "?" + it.variable.text + " is a relation: it has no type",
                          error);
      }
    }
    items->push_back(o);
  }
  return true;
}

std::string RowKey(const std::vector<Value>& row) {
  std::string key;
  for (const Value& v : row) {
    key += v.ToText();
    key += '\x1f';
  }
  return key;
}

}  // namespace

bool RunMatch(const MatchAst& ast, bool explain, StatementContext& c, ExportTarget* target,
              QueryError* error) {
  BoundMatch m;
  if (!BindMatch(*c.store, ast.patterns, ast.filter, &m, error)) return false;
  std::vector<OutputItem> items;
  if (!BuildItems(ast, m, &items, error)) return false;
  const bool aggregate = std::any_of(items.begin(), items.end(), [](const OutputItem& o) {
    return o.kind == ReturnItem::Kind::kCount;
  });
  // ORDER BY keys name output columns (by label, or by the variable of a
  // plain column).
  std::vector<std::pair<size_t, bool>> order;
  for (const OrderKey& k : ast.order) {
    size_t col = items.size();
    for (size_t i = 0; i < items.size() && col == items.size(); ++i) {
      if (items[i].label == k.key.text) col = i;
    }
    for (size_t i = 0; i < items.size() && col == items.size(); ++i) {
      if (items[i].kind == ReturnItem::Kind::kVariable && VarLabel(m, items[i].var) == k.key.text) {
        col = i;
      }
    }
    if (col == items.size()) {
      std::string labels;
      for (const auto& it : items)
        labels += (labels.empty() ? "" : ", ") + it.label;
      return FailAtName(
          k.key, "ORDER BY " + k.key.text + ": not a returned column (columns: " + labels + ")",
          error);
    }
    order.push_back({col, k.descending});
  }

  auto plan = PlanMatch(*c.store, m);
  if (!plan.ok()) return FailStatus(plan.status(), error);
  const uint64_t wanted = ast.limit ? *ast.limit + ast.offset : 0;
  const bool streaming = !aggregate && order.empty() && !target;
  if (streaming && !ast.distinct && ast.limit) plan->stop_after = wanted;
  // A whole-result COUNT(*) needs the number of the last step's rows, not
  // the rows: the store's counters give it.
  const bool counts_only =
      !items.empty() && std::all_of(items.begin(), items.end(), [](const OutputItem& o) {
        return o.kind == ReturnItem::Kind::kCount && !o.distinct && o.var < 0;
      });
  if (counts_only && !ast.distinct && !target && CanCountLastStep(m, *plan))
    plan->count_last = true;
  if (explain) {
    std::string tail;
    if (aggregate) tail = "grouped and counted";
    if (plan->count_last) tail += "; the last step counted from the store's counters, not read";
    if (ast.distinct) tail += std::string(tail.empty() ? "" : ", ") + "distinct rows";
    if (!order.empty()) tail += std::string(tail.empty() ? "" : ", ") + "sorted";
    EmitPlan(m, *plan, c, tail);
    return true;
  }
  if (ast.limit && *ast.limit == 0 && !target) {
    std::vector<Column> cols;
    for (const auto& it : items)
      cols.push_back({it.label, it.kind == ReturnItem::Kind::kCount});
    c.sink->BeginTable("", cols);
    c.sink->EndTable("");
    return true;
  }

  JoinExecutor exec(*c.store, m, *plan, *c.catalog, c.cancel);
  auto value_of = [&](const OutputItem& it, const Solution& s) -> Value {
    if (it.kind == ReturnItem::Kind::kType)
      return Value::Text(c.catalog->TypeName(s.values[it.var]));
    if (m.vars[it.var].relation) {
      return Value::Text(c.catalog->RelationName(static_cast<RelationId>(s.values[it.var])));
    }
    return Value::Text(c.catalog->Name(s.values[it.var]));
  };

  if (target) {
    // EXPORT: every triple of every solution, once.
    std::unordered_set<Triple, TripleHash> seen;
    Status st = exec.Run([&](const Solution& s) {
      for (const Triple& t : s.triples)
        if (seen.insert(t).second) target->triples.push_back(t);
      return !(ast.limit && target->triples.size() >= wanted);
    });
    if (!st.ok()) return FailStatus(st, error);
    target->filter = m.filter;
    return true;
  }

  std::vector<Column> cols;
  for (const auto& it : items)
    cols.push_back({it.label, it.kind == ReturnItem::Kind::kCount});
  c.sink->BeginTable("", cols);

  std::vector<std::vector<Value>> rows;
  std::unordered_set<std::string> distinct_rows;
  uint64_t produced = 0;  // rows past DISTINCT, before OFFSET
  // Groups for COUNT: key columns -> (row, counters, distinct sets).
  struct Group {
    std::vector<Value> row;
    std::vector<int64_t> counts;
    std::vector<std::unordered_set<uint32_t>> distinct;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string, size_t> group_index;
  bool sink_full = false;

  Status st = exec.Run([&](const Solution& s) {
    if (aggregate) {
      std::vector<Value> key;
      for (const auto& it : items)
        if (it.kind != ReturnItem::Kind::kCount) key.push_back(value_of(it, s));
      const std::string k = RowKey(key);
      auto [pos, fresh] = group_index.emplace(k, groups.size());
      if (fresh) {
        Group g;
        g.counts.assign(items.size(), 0);
        g.distinct.resize(items.size());
        for (const auto& it : items)
          g.row.push_back(it.kind == ReturnItem::Kind::kCount ? Value::Int(0) : value_of(it, s));
        groups.push_back(std::move(g));
      }
      Group& g = groups[pos->second];
      for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].kind != ReturnItem::Kind::kCount) continue;
        if (items[i].distinct) {
          g.distinct[i].insert(s.values[items[i].var]);
        } else {
          g.counts[i] += static_cast<int64_t>(s.weight);
        }
      }
      return true;
    }
    std::vector<Value> row;
    row.reserve(items.size());
    for (const auto& it : items)
      row.push_back(value_of(it, s));
    if (ast.distinct && !distinct_rows.insert(RowKey(row)).second) return true;
    ++produced;
    if (!streaming) {
      rows.push_back(std::move(row));
      return true;
    }
    if (produced <= ast.offset) return true;
    if (!c.sink->Row(std::move(row))) {
      sink_full = true;
      return false;
    }
    return !(ast.limit && produced >= wanted);
  });
  if (!st.ok()) return FailStatus(st, error);

  if (aggregate) {
    for (Group& g : groups) {
      for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].kind != ReturnItem::Kind::kCount) continue;
        g.row[i] = Value::Int(items[i].distinct ? static_cast<int64_t>(g.distinct[i].size())
                                                : g.counts[i]);
      }
      rows.push_back(std::move(g.row));
    }
    // A whole-result COUNT over no rows is one row of zeros, as in SQL.
    if (groups.empty() && std::all_of(items.begin(), items.end(), [](const OutputItem& o) {
          return o.kind == ReturnItem::Kind::kCount;
        })) {
      rows.push_back(std::vector<Value>(items.size(), Value::Int(0)));
    }
  }
  if (!streaming) {
    if (!order.empty()) {
      std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
        for (const auto& [col, desc] : order) {
          const int cmp = CompareValues(a[col], b[col]);
          if (cmp != 0) return desc ? cmp > 0 : cmp < 0;
        }
        return false;
      });
    }
    const uint64_t first = std::min<uint64_t>(ast.offset, rows.size());
    uint64_t last = rows.size();
    if (ast.limit) last = std::min<uint64_t>(last, first + *ast.limit);
    for (uint64_t i = first; i < last && !sink_full; ++i)
      if (!c.sink->Row(std::move(rows[i]))) sink_full = true;
  }
  c.sink->EndTable("");
  return true;
}

bool RunEvidence(const EvidenceAst& ast, bool explain, StatementContext& c, ExportTarget* target,
                 QueryError* error) {
  BoundMatch m;
  if (!BindMatch(*c.store, ast.patterns, ast.filter, &m, error)) return false;
  auto plan = PlanMatch(*c.store, m);
  if (!plan.ok()) return FailStatus(plan.status(), error);
  if (explain) {
    EmitPlan(m, *plan, c, "then each matched triple's sentences, read from the evidence index");
    return true;
  }
  JoinExecutor exec(*c.store, m, *plan, *c.catalog, c.cancel);
  std::unordered_set<Triple, TripleHash> seen;
  if (target) {
    Status st = exec.Run([&](const Solution& s) {
      for (const Triple& t : s.triples)
        if (seen.insert(t).second) target->triples.push_back(t);
      return true;
    });
    if (!st.ok()) return FailStatus(st, error);
    target->filter = m.filter;
    return true;
  }
  c.sink->BeginTable("", {{"subject", false},
                          {"relation", false},
                          {"object", false},
                          {"modality", false},
                          {"confidence", true},
                          {"date", false},
                          {"article", false},
                          {"title", false},
                          {"source", false},
                          {"sentence", false}});
  std::unordered_map<std::string, ArticleMeta> articles;
  uint64_t emitted = 0;
  bool done = false;
  if (ast.limit && *ast.limit == 0) {
    c.sink->EndTable("");
    return true;
  }
  Status inner;
  Status st = exec.Run([&](const Solution& s) {
    for (const Triple& t : s.triples) {
      if (!seen.insert(t).second) continue;
      inner = c.store->ScanEvidence(t, [&](const Evidence& e) {
        if (c.cancel && c.cancel->load(std::memory_order_relaxed)) {
          inner = Status::Cancelled("interrupted");
          return false;
        }
        if (!m.filter.KeepEvidence(e)) return true;
        auto it = articles.find(e.article);
        if (it == articles.end()) {
          auto meta = c.store->GetArticle(e.article);
          ArticleMeta found;
          if (meta.ok() && *meta) found = **meta;
          it = articles.emplace(e.article, std::move(found)).first;
        }
        const ArticleMeta& a = it->second;
        const PackedDate date = e.date ? e.date : a.date;
        if (!c.sink->Row({Value::Text(c.catalog->Name(t.subject)),
                          Value::Text(c.catalog->RelationName(t.relation)),
                          Value::Text(c.catalog->Name(t.object)),
                          Value::Text(std::string(ModalityName(e.modality))),
                          Value::Double(e.confidence), Value::Text(FormatDate(date)),
                          Value::Text(e.article), Value::Text(a.title), Value::Text(a.source),
                          Value::Text(e.sentence)})) {
          done = true;
        }
        ++emitted;
        if (ast.limit && emitted >= *ast.limit) done = true;
        return !done;
      });
      if (!inner.ok() || done) return false;
    }
    return true;
  });
  if (!st.ok()) return FailStatus(st, error);
  if (!inner.ok()) return FailStatus(inner, error);
  c.sink->EndTable(seen.empty() ? "no triple matches" : "");
  return true;
}

}  // namespace kg::query
