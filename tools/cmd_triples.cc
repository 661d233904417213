#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cstdio>
#include <iostream>
#include <unordered_map>

#include "graph/name_resolver.h"
#include "graph/store.h"
#include "tools/commands.h"
#include "tools/graph_options.h"

namespace kg::cli {

namespace {

std::string Confidence(double c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", c);
  return buf;
}

void WriteEvidenceJson(rapidjson::Writer<rapidjson::StringBuffer>& w, const Evidence& e) {
  w.StartObject();
  w.Key("article");
  PutString(w, e.article);
  w.Key("sentence");
  PutString(w, e.sentence);
  if (e.sentence_index >= 0) {
    w.Key("sentence_index");
    w.Int64(e.sentence_index);
  }
  if (e.span_begin >= 0) {
    w.Key("span");
    w.StartArray();
    w.Int64(e.span_begin);
    w.Int64(e.span_end);
    w.EndArray();
  }
  w.Key("modality");
  PutString(w, ModalityName(e.modality));
  w.Key("confidence");
  w.Double(e.confidence);
  if (e.date) {
    w.Key("date");
    PutString(w, FormatDate(e.date));
  }
  if (!e.qualifiers.empty()) {
    w.Key("qualifiers");
    w.StartObject();
    for (const auto& [k, v] : e.qualifiers) {
      w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()));
      PutString(w, v);
    }
    w.EndObject();
  }
  w.EndObject();
}

int RunTriples(const Args& args) {
  if (!args.positional.empty()) {
    return UsageError("triples", "unexpected argument '" + args.positional[0] + "'");
  }
  size_t limit = 0;
  if (args.Has("limit")) {
    const std::string v = args.Get("limit");
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), limit);
    if (ec != std::errc() || ptr != v.data() + v.size() || limit == 0) {
      return UsageError("triples", "--limit needs a positive integer, not '" + v + "'");
    }
  }
  auto opened = Store::OpenForRead(StorePath(args));
  if (!opened.ok()) return Fail(opened.status());
  const Store& store = **opened;

  TriplePattern pattern;
  for (const auto& [flag, slot] :
       {std::pair{"subject", &pattern.subject}, std::pair{"object", &pattern.object}}) {
    if (!args.Has(flag)) continue;
    auto id = ResolveEntityName(store, args.Get(flag));
    if (!id.ok()) return Fail(id.status().WithContext("--" + std::string(flag)));
    *slot = *id;
  }
  if (args.Has("relation")) {
    auto id = ResolveRelationName(store, args.Get("relation"));
    if (!id.ok()) return Fail(id.status().WithContext("--relation"));
    pattern.relation = *id;
  }

  std::unordered_map<EntityId, Entity> entities;
  auto entity = [&](EntityId id) -> Result<const Entity*> {
    auto it = entities.find(id);
    if (it == entities.end()) {
      KG_ASSIGN_OR_RETURN(Entity e, store.GetEntity(id));
      it = entities.emplace(id, std::move(e)).first;
    }
    return &it->second;
  };

  const bool json = args.Has("json");
  const bool with_evidence = args.Has("evidence");
  Table table(
      {"subject", "relation", "object", "evidence", "max conf", "first", "last", "modality"},
      {false, false, false, true, true, false, false, false});
  size_t count = 0;
  Status error;
  ScanOptions options;
  options.mirror_symmetric = true;
  Status s = store.ScanTriples(
      pattern,
      [&](const TripleRow& row) {
        auto subject = entity(row.triple.subject);
        auto object = entity(row.triple.object);
        if (!subject.ok() || !object.ok()) {
          error = subject.ok() ? object.status() : subject.status();
          return false;
        }
        const RelationInfo* rel = store.GetRelation(row.triple.relation);
        const std::string relation = rel ? rel->name : "#" + std::to_string(row.triple.relation);
        std::vector<Evidence> evidence;
        if (with_evidence) {
          // Evidence is keyed by the stored orientation of a symmetric triple.
          Triple stored = row.triple;
          if (rel && rel->symmetric && stored.subject > stored.object) {
            std::swap(stored.subject, stored.object);
          }
          error = store.ScanEvidence(stored, [&](const Evidence& e) {
            evidence.push_back(e);
            return true;
          });
          if (!error.ok()) return false;
        }
        const TripleStats& st = row.stats;
        if (json) {
          rapidjson::StringBuffer sb;
          rapidjson::Writer<rapidjson::StringBuffer> w(sb);
          const auto* type_s = store.GetEntityType((*subject)->type);
          const auto* type_o = store.GetEntityType((*object)->type);
          w.StartObject();
          w.Key("subject");
          PutString(w, (*subject)->name);
          w.Key("subject_type");
          PutString(w, type_s ? type_s->name : "");
          w.Key("relation");
          PutString(w, relation);
          w.Key("object");
          PutString(w, (*object)->name);
          w.Key("object_type");
          PutString(w, type_o ? type_o->name : "");
          w.Key("evidence_count");
          w.Uint(st.evidence_count);
          w.Key("max_confidence");
          w.Double(st.max_confidence);
          w.Key("first_date");
          PutString(w, FormatDate(st.first_date));
          w.Key("last_date");
          PutString(w, FormatDate(st.last_date));
          w.Key("modalities");
          w.StartArray();
          for (int m = 0; m < kModalityCount; ++m) {
            if (st.modalities & ModalityBit(static_cast<Modality>(m))) {
              PutString(w, ModalityName(static_cast<Modality>(m)));
            }
          }
          w.EndArray();
          if (with_evidence) {
            w.Key("evidence");
            w.StartArray();
            for (const auto& e : evidence)
              WriteEvidenceJson(w, e);
            w.EndArray();
          }
          w.EndObject();
          std::cout << sb.GetString() << "\n";
        } else if (with_evidence) {
          std::cout << (*subject)->name << " -" << relation << "-> " << (*object)->name << "  ("
                    << st.evidence_count << " evidence, max confidence "
                    << Confidence(st.max_confidence) << ")\n";
          for (const auto& e : evidence) {
            std::cout << "    [" << e.article << (e.date ? ", " + FormatDate(e.date) : "") << ", "
                      << ModalityName(e.modality) << ", " << Confidence(e.confidence) << "] "
                      << e.sentence << "\n";
          }
        } else {
          table.AddRow({(*subject)->name, relation, (*object)->name,
                        std::to_string(st.evidence_count), Confidence(st.max_confidence),
                        FormatDate(st.first_date), FormatDate(st.last_date),
                        ModalitySetToString(st.modalities)});
        }
        ++count;
        return limit == 0 || count < limit;
      },
      options);
  if (!s.ok()) return Fail(s);
  if (!error.ok()) return Fail(error);
  if (!json && !with_evidence) {
    table.Print(std::cout);
    std::cout << "(" << count << (count == 1 ? " triple" : " triples")
              << (limit && count == limit ? ", limit reached" : "") << ")\n";
  }
  return kExitOk;
}

}  // namespace

const Command& TriplesCommand() {
  static const Command command{
      "triples",
      "look up triples by subject, relation and object",
      "kg triples [--subject NAME] [--relation REL] [--object NAME] [options]",
      "Lists the stored triples that match a pattern; leave a position out to match\n"
      "anything. Entities are named by canonical name or alias, case-insensitively.\n"
      "Symmetric relations (competes_with, partners_with, comparable_to) match in\n"
      "both directions. Each triple shows its evidence count, maximum confidence,\n"
      "first and last date and the modalities seen.",
      {
          {"subject", "NAME", "the subject entity"},
          {"relation", "REL", "the relation, e.g. restricts"},
          {"object", "NAME", "the object entity"},
          {"evidence", "", "print the sentences behind each triple"},
          {"limit", "N", "stop after N triples"},
          {"json", "", "one JSON object per line"},
      },
      RunTriples,
  };
  return command;
}

}  // namespace kg::cli
