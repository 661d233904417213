#include "query/binder.h"

#include <algorithm>

#include "graph/name_resolver.h"
#include "util/suggest.h"

namespace kg::query {

namespace {

constexpr ModalitySet kAllModalities = ModalityBit(Modality::kAsserted) |
                                       ModalityBit(Modality::kHedged) |
                                       ModalityBit(Modality::kNegated);

bool FailAt(const Name& at, std::string message, QueryError* error) {
  *error = {std::move(message), at.pos, at.length};
  return false;
}

bool BindRelation(const Store& store, const Name& name, RelationId* id, QueryError* error) {
  // Relation names are lower case; RESTRICTS and Restricts mean restricts.
  std::string lower = name.text;
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (const RelationInfo* r = store.FindRelation(lower)) {
    *id = r->id;
    return true;
  }
  auto r = ResolveRelationName(store, name.text);
  if (!r.ok()) return FailAt(name, r.status().message(), error);
  *id = *r;
  return true;
}

}  // namespace

bool BindEntity(const Store& store, const Name& name, EntityId* id, QueryError* error) {
  auto r = ResolveEntityName(store, name.text);
  if (!r.ok()) return FailAt(name, r.status().message(), error);
  *id = *r;
  return true;
}

bool BindType(const Store& store, const Name& name, TypeId* id, QueryError* error) {
  if (const EntityTypeInfo* t = store.FindEntityType(name.text)) {
    *id = t->id;
    return true;
  }
  std::string lower = name.text;
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (const EntityTypeInfo* t = store.FindEntityType(lower)) {
    *id = t->id;
    return true;
  }
  std::vector<std::string> names;
  for (const auto& t : store.entity_types())
    names.push_back(t.name);
  std::string message = "unknown entity type '" + name.text + "'";
  const std::string guess = ClosestMatch(name.text, names);
  if (!guess.empty()) {
    message += " (did you mean '" + guess + "'?)";
  } else {
    message += "; types are:";
    for (const auto& n : names)
      message += " " + n;
  }
  return FailAt(name, message, error);
}

bool BoundFilter::NeedsStats() const {
  return graph.min_confidence > 0 || graph.min_evidence > 1 || given_modalities || given_window;
}

bool BoundFilter::Keep(const Triple& t, const TripleStats& s, EntityCatalog& catalog) const {
  const GraphFilter& f = graph;
  if (!f.relations.empty() &&
      std::find(f.relations.begin(), f.relations.end(), t.relation) == f.relations.end()) {
    return false;
  }
  if (NeedsStats()) {
    if (s.max_confidence < f.min_confidence || s.evidence_count < f.min_evidence) return false;
    if ((s.modalities & f.modalities) == 0) return false;
    if (f.from != 0 || f.to != 0) {
      if (s.first_date == 0) return false;
      if (f.from != 0 && s.last_date < f.from) return false;
      if (f.to != 0 && s.first_date > f.to) return false;
    }
  }
  if (!f.types.empty()) {
    for (EntityId id : {t.subject, t.object}) {
      if (std::find(f.types.begin(), f.types.end(), catalog.Type(id)) == f.types.end()) {
        return false;
      }
    }
  }
  return true;
}

bool BoundFilter::KeepEvidence(const Evidence& e) const {
  if (e.confidence < graph.min_confidence) return false;
  if ((ModalityBit(e.modality) & graph.modalities) == 0) return false;
  if (graph.from != 0 || graph.to != 0) {
    if (e.date == 0) return false;
    if (graph.from != 0 && e.date < graph.from) return false;
    if (graph.to != 0 && e.date > graph.to) return false;
  }
  return true;
}

std::string BoundFilter::Describe(const Store& store) const {
  std::vector<std::string> parts;
  const GraphFilter& f = graph;
  if (!f.relations.empty()) {
    std::string s = "relation in (";
    for (size_t i = 0; i < f.relations.size(); ++i) {
      const RelationInfo* r = store.GetRelation(f.relations[i]);
      s += (i ? ", " : "") + (r ? r->name : "?");
    }
    parts.push_back(s + ")");
  }
  if (!f.types.empty()) {
    std::string s = "type in (";
    for (size_t i = 0; i < f.types.size(); ++i) {
      const EntityTypeInfo* t = store.GetEntityType(f.types[i]);
      s += (i ? ", " : "") + (t ? t->name : "?");
    }
    parts.push_back(s + ")");
  }
  if (f.min_confidence > 0) {
    char buf[64];
    snprintf(buf, sizeof buf, "confidence >= %g", f.min_confidence);
    parts.push_back(buf);
  }
  if (f.min_evidence > 1) parts.push_back("evidence >= " + std::to_string(f.min_evidence));
  if (given_modalities) parts.push_back("modality in (" + ModalitySetToString(f.modalities) + ")");
  if (f.from) parts.push_back("date >= " + FormatDate(f.from));
  if (f.to) {
    // Shown as typed: the end of a year or month reads as that year or month.
    const PackedDate shown = f.to % 10000 == 1299 ? f.to - 1299
                             : f.to % 100 == 99   ? f.to - 99
                                                  : f.to;
    parts.push_back("date <= " + FormatDate(shown));
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i)
    out += (i ? ", " : "") + parts[i];
  return out;
}

bool BindFilter(const Store& store, const FilterAst& ast, BoundFilter* out, QueryError* error) {
  GraphFilter& f = out->graph;
  for (const Name& n : ast.relations) {
    RelationId id = 0;
    if (!BindRelation(store, n, &id, error)) return false;
    f.relations.push_back(id);
  }
  for (const Name& n : ast.types) {
    TypeId id = 0;
    if (!BindType(store, n, &id, error)) return false;
    f.types.push_back(id);
  }
  if (ast.min_confidence) f.min_confidence = *ast.min_confidence;
  if (ast.min_evidence) f.min_evidence = *ast.min_evidence;
  if (ast.modalities) {
    f.modalities = ast.modalities;
    out->given_modalities = true;
  } else {
    f.modalities = kAllModalities;
  }
  f.from = ast.from;
  // "date <= 2024" means through the end of 2024, not up to its first day.
  f.to = EndOfPeriod(ast.to);
  out->given_window = f.from || f.to;
  return true;
}

int BoundMatch::FindVar(const std::string& name) const {
  for (size_t i = 0; i < vars.size(); ++i)
    if (vars[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace {

class MatchBinder {
 public:
  MatchBinder(const Store& store, BoundMatch* out, QueryError* error)
      : store_(store), out_(out), error_(error) {}

  // The variable of that name, created on first use; checks it keeps one
  // kind (entity or relation) and one type.
  bool Var(const Name& name, bool relation, const Name& type, int* index) {
    int i = out_->FindVar(name.text);
    if (i < 0) {
      i = static_cast<int>(out_->vars.size());
      out_->vars.push_back({name.text, relation, 0});
    } else if (out_->vars[i].relation != relation) {
      return FailAt(name,
                    "?" + name.text + " is used as " +
                        (relation ? "an entity earlier, and as a relation here"
                                  : "a relation earlier, and as an entity here"),
                    error_);
    }
    if (!type.empty()) {
      TypeId t = 0;
      if (!BindType(store_, type, &t, error_)) return false;
      if (out_->vars[i].type && out_->vars[i].type != t) {
        return FailAt(type, "?" + name.text + " already has another type", error_);
      }
      out_->vars[i].type = t;
    }
    *index = i;
    return true;
  }

  bool Node(const NodeTerm& n, BoundTerm* term) {
    if (n.is_variable) return Var(n.name, false, n.type, &term->var);
    return BindEntity(store_, n.name, &term->entity, error_);
  }

  bool Pattern(const PatternAst& p) {
    BoundPattern b;
    if (!Node(p.subject, &b.subject)) return false;
    if (p.relation.is_variable) {
      if (!Var(p.relation.names[0], true, Name{}, &b.relation_var)) return false;
    } else {
      for (const Name& n : p.relation.names) {
        RelationId id = 0;
        if (!BindRelation(store_, n, &id, error_)) return false;
        if (std::find(b.relations.begin(), b.relations.end(), id) == b.relations.end()) {
          b.relations.push_back(id);
        }
      }
    }
    if (!Node(p.object, &b.object)) return false;
    b.text = Text(p);
    out_->patterns.push_back(std::move(b));
    return true;
  }

  bool Constraint(const FilterAst::VarCondition& c) {
    const int var = out_->FindVar(c.variable.text);
    if (var < 0) {
      return FailAt(c.variable, "?" + c.variable.text + " is not in any pattern", error_);
    }
    VarConstraint vc;
    vc.var = var;
    vc.negated = c.negated;
    const bool relation = out_->vars[var].relation;
    for (const NodeTerm& v : c.values) {
      BoundTerm t;
      if (v.is_variable) {
        t.var = out_->FindVar(v.name.text);
        if (t.var < 0) return FailAt(v.name, "?" + v.name.text + " is not in any pattern", error_);
        if (out_->vars[t.var].relation != relation) {
          return FailAt(v.name,
                        "?" + v.name.text + " and ?" + c.variable.text +
                            " are not both entities or both relations",
                        error_);
        }
      } else if (relation) {
        RelationId id = 0;
        if (!BindRelation(store_, v.name, &id, error_)) return false;
        t.entity = id;
      } else if (!BindEntity(store_, v.name, &t.entity, error_)) {
        return false;
      }
      vc.values.push_back(t);
    }
    out_->constraints.push_back(std::move(vc));
    return true;
  }

 private:
  static std::string NodeText(const NodeTerm& n) {
    if (n.is_variable) return "?" + n.name.text + (n.type.empty() ? "" : ":" + n.type.text);
    const bool plain =
        n.name.text.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string::npos;
    return plain ? n.name.text : "\"" + n.name.text + "\"";
  }
  static std::string Text(const PatternAst& p) {
    std::string rel;
    for (size_t i = 0; i < p.relation.names.size(); ++i)
      rel += (i ? "|" : "") + std::string(p.relation.is_variable ? "?" : "") +
             p.relation.names[i].text;
    return NodeText(p.subject) + " " + rel + " " + NodeText(p.object);
  }

  const Store& store_;
  BoundMatch* out_;
  QueryError* error_;
};

}  // namespace

bool BindMatch(const Store& store, const std::vector<PatternAst>& patterns, const FilterAst& where,
               BoundMatch* out, QueryError* error) {
  MatchBinder binder(store, out, error);
  for (const PatternAst& p : patterns)
    if (!binder.Pattern(p)) return false;
  for (const auto& c : where.var_conditions)
    if (!binder.Constraint(c)) return false;
  return BindFilter(store, where, &out->filter, error);
}

}  // namespace kg::query
