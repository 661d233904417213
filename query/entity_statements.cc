// ENTITY (a card for one entity) and FIND (lookup by part of a name).
#include <algorithm>
#include <map>
#include <set>

#include "graph/keys.h"
#include "query/binder.h"
#include "query/statement.h"

namespace kg::query {

namespace {

// Its triples both ways (a symmetric fact read from either end).
struct Fact {
  bool outgoing = true;
  RelationId relation = 0;
  EntityId other = 0;
  TripleStats stats;
};

Status FactsOf(const Store& store, EntityId id, std::vector<Fact>* out) {
  ScanOptions o;
  o.mirror_symmetric = true;
  KG_RETURN_IF_ERROR(store.ScanTriples(
      {id, 0, 0},
      [&](const TripleRow& r) {
        out->push_back({true, r.triple.relation, r.triple.object, r.stats});
        return true;
      },
      o));
  return store.ScanTriples(
      {0, 0, id},
      [&](const TripleRow& r) {
        const RelationInfo* rel = store.GetRelation(r.triple.relation);
        // A symmetric fact already came as outgoing, mirrored.
        if (rel && rel->symmetric) return true;
        out->push_back({false, r.triple.relation, r.triple.subject, r.stats});
        return true;
      },
      o);
}

}  // namespace

bool RunEntity(const EntityAst& e, bool explain, StatementContext& c, QueryError* error) {
  EntityId id = 0;
  if (!BindEntity(*c.store, e.name, &id, error)) return false;
  if (explain) {
    c.sink->BeginTable("plan", {{"step", true}, {"operation", false}, {"detail", false}});
    c.sink->Row(
        {Value::Int(1), Value::Text("lookup"),
         Value::Text("names index: '" + e.name.text + "' -> entity " + std::to_string(id))});
    c.sink->Row({Value::Int(2), Value::Text("scan"),
                 Value::Text("spo prefix (as subject) and osp prefix (as object)")});
    c.sink->EndTable("");
    return true;
  }
  auto entity = c.store->GetEntity(id);
  if (!entity.ok()) return FailStatus(entity.status(), error);
  std::vector<Fact> facts;
  const Status st = FactsOf(*c.store, id, &facts);
  if (!st.ok()) return FailStatus(st, error);

  std::set<EntityId> neighbours;
  PackedDate first = 0, last = 0;
  uint64_t evidence = 0, out_facts = 0, in_facts = 0;
  std::map<std::string, int> by_relation;
  for (const Fact& f : facts) {
    neighbours.insert(f.other);
    evidence += f.stats.evidence_count;
    (f.outgoing ? out_facts : in_facts) += 1;
    if (f.stats.first_date && (!first || f.stats.first_date < first)) first = f.stats.first_date;
    if (f.stats.last_date > last) last = f.stats.last_date;
    const RelationInfo* r = c.store->GetRelation(f.relation);
    const std::string name = r ? r->name : "?";
    by_relation[(f.outgoing || (r && r->symmetric)) ? name : "(" + name + ")"] += 1;
  }
  std::string aliases;
  for (const auto& a : entity->aliases)
    aliases += (aliases.empty() ? "" : "; ") + a;
  std::string relations;
  for (const auto& [name, n] : by_relation)
    relations += (relations.empty() ? "" : ", ") + name + " " + std::to_string(n);

  c.sink->BeginTable(entity->name, {{"field", false}, {"value", false}});
  auto row = [&](const char* field, Value v) { c.sink->Row({Value::Text(field), std::move(v)}); };
  row("name", Value::Text(entity->name));
  row("type", Value::Text(c.catalog->TypeName(id)));
  row("aliases", Value::Text(aliases));
  row("degree", Value::Int(static_cast<int64_t>(neighbours.size())));
  row("facts as subject", Value::Int(static_cast<int64_t>(out_facts)));
  row("facts as object", Value::Int(static_cast<int64_t>(in_facts)));
  row("evidence", Value::Int(static_cast<int64_t>(evidence)));
  row("relations", Value::Text(relations));
  row("first seen", Value::Text(FormatDate(first)));
  row("last seen", Value::Text(FormatDate(last)));
  c.sink->EndTable("degree: distinct entities it shares a fact with; (relation): as object");

  // The strongest relations: most sentences, then best confidence.
  std::stable_sort(facts.begin(), facts.end(), [](const Fact& a, const Fact& b) {
    if (a.stats.evidence_count != b.stats.evidence_count) {
      return a.stats.evidence_count > b.stats.evidence_count;
    }
    return a.stats.max_confidence > b.stats.max_confidence;
  });
  c.sink->BeginTable("strongest relations", {{"subject", false},
                                             {"relation", false},
                                             {"object", false},
                                             {"evidence", true},
                                             {"confidence", true},
                                             {"first", false},
                                             {"last", false}});
  for (size_t i = 0; i < facts.size() && i < 10; ++i) {
    const Fact& f = facts[i];
    const std::string& me = entity->name;
    const std::string& other = c.catalog->Name(f.other);
    c.sink->Row({Value::Text(f.outgoing ? me : other),
                 Value::Text(c.catalog->RelationName(f.relation)),
                 Value::Text(f.outgoing ? other : me), Value::Int(f.stats.evidence_count),
                 Value::Double(f.stats.max_confidence), Value::Text(FormatDate(f.stats.first_date)),
                 Value::Text(FormatDate(f.stats.last_date))});
  }
  c.sink->EndTable(facts.size() > 10 ? std::to_string(facts.size()) + " facts in all" : "");
  return true;
}

bool RunFind(const FindAst& f, bool explain, StatementContext& c, QueryError* error) {
  TypeId type = 0;
  if (!f.type.empty() && !BindType(*c.store, f.type, &type, error)) return false;
  const std::string needle = NormalizeName(f.text.text);
  if (needle.empty()) return FailAtName(f.text, "nothing to look for", error);
  if (explain) {
    c.sink->BeginTable("plan", {{"step", true}, {"operation", false}, {"detail", false}});
    c.sink->Row({Value::Int(1), Value::Text("scan"),
                 Value::Text("every entity: name and aliases compared case-insensitively")});
    c.sink->EndTable("");
    return true;
  }
  struct Hit {
    int rank = 0;  // 0 exact, 1 prefix, 2 word prefix, 3 inside
    uint64_t evidence = 0;
    EntityId id = 0;
    std::string name, matched;
    uint64_t facts = 0;
  };
  auto rank_of = [&](const std::string& text) -> int {
    const std::string n = NormalizeName(text);
    if (n == needle) return 0;
    const size_t at = n.find(needle);
    if (at == std::string::npos) return -1;
    if (at == 0) return 1;
    return n[at - 1] == ' ' ? 2 : 3;
  };
  std::vector<Hit> hits;
  Status inner;
  const Status st = c.store->ScanEntities([&](const Entity& e) {
    if (c.cancel && c.cancel->load(std::memory_order_relaxed)) {
      inner = Status::Cancelled("interrupted");
      return false;
    }
    if (type && e.type != type) return true;
    Hit h;
    h.rank = rank_of(e.name);
    for (const auto& a : e.aliases) {
      const int r = rank_of(a);
      if (r >= 0 && (h.rank < 0 || r < h.rank)) {
        h.rank = r;
        h.matched = a;
      }
    }
    if (h.rank < 0) return true;
    auto counts = c.store->GetEntityCounts(e.id);
    if (!counts.ok()) {
      inner = counts.status();
      return false;
    }
    h.facts = counts->out_triples + counts->in_triples;
    if (h.facts == 0) return true;  // named once, its facts since deleted
    h.evidence = counts->evidence;
    h.id = e.id;
    h.name = e.name;
    hits.push_back(std::move(h));
    return true;
  });
  if (!st.ok()) return FailStatus(st, error);
  if (!inner.ok()) return FailStatus(inner, error);
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.evidence != b.evidence) return a.evidence > b.evidence;
    return a.name < b.name;
  });
  const size_t limit = f.limit.value_or(20);
  c.sink->BeginTable("", {{"entity", false},
                          {"type", false},
                          {"matched alias", false},
                          {"facts", true},
                          {"evidence", true}});
  for (size_t i = 0; i < hits.size() && i < limit; ++i) {
    const Hit& h = hits[i];
    if (!c.sink->Row({Value::Text(h.name), Value::Text(c.catalog->TypeName(h.id)),
                      Value::Text(h.matched), Value::Int(static_cast<int64_t>(h.facts)),
                      Value::Int(static_cast<int64_t>(h.evidence))})) {
      break;
    }
  }
  c.sink->EndTable(hits.size() > limit ? std::to_string(hits.size()) + " entities match" : "");
  return true;
}

}  // namespace kg::query
