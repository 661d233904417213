#include "graph/interchange.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <unordered_map>

namespace kg {

namespace {

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";
constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

// The next code point of UTF-8 text at i (advancing i); U+FFFD for a byte
// that does not start a well-formed sequence.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  const unsigned char c = static_cast<unsigned char>(s[*i]);
  auto cont = [&](size_t k) {
    return *i + k < s.size() && (static_cast<unsigned char>(s[*i + k]) & 0xC0) == 0x80;
  };
  auto byte = [&](size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[*i + k]) & 0x3F);
  };
  if (c < 0x80) {
    ++*i;
    return c;
  }
  if (c >= 0xC2 && c <= 0xDF && cont(1)) {
    const char32_t cp = (char32_t{c} & 0x1F) << 6 | byte(1);
    *i += 2;
    return cp;
  }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    const char32_t cp = (char32_t{c} & 0x0F) << 12 | byte(1) << 6 | byte(2);
    *i += 3;
    return cp;
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    const char32_t cp = (char32_t{c} & 0x07) << 18 | byte(1) << 12 | byte(2) << 6 | byte(3);
    *i += 4;
    return cp;
  }
  ++*i;
  return 0xFFFD;
}

std::string Iri(std::string_view ns, std::string_view local) {
  return "<" + std::string(ns) + std::string(local) + ">";
}

std::string DateLiteral(PackedDate d) {
  const std::string text = FormatDate(d);
  // YYYY-MM-DD is an xsd:date; a year or a month alone is not.
  if (text.size() == 10) return NTriplesLiteral(text) + "^^" + Iri(kXsd, "date");
  if (text.size() == 7) return NTriplesLiteral(text) + "^^" + Iri(kXsd, "gYearMonth");
  return NTriplesLiteral(text) + "^^" + Iri(kXsd, "gYear");
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string CsvField(std::string_view s) {
  bool quote = s.empty();
  std::string body;
  body.reserve(s.size());
  for (const char c : s) {
    if (c == '\n' || c == '\r') {
      body += ' ';
      continue;
    }
    if (c == '"') body += '"';
    if (c == '"' || c == ',' || c == ';') quote = true;
    body += c;
  }
  if (!body.empty() && (body.front() == ' ' || body.back() == ' ')) quote = true;
  return quote ? "\"" + body + "\"" : body;
}

Status ExportNeo4jCsv(const Store& store, const std::string& dir) {
  const std::string nodes_path = dir + "/nodes.csv";
  const std::string edges_path = dir + "/edges.csv";
  std::ofstream nodes(nodes_path, std::ios::binary);
  if (!nodes) return Status::IOError(nodes_path + ": cannot write");
  nodes << "entityId:ID,name,aliases:string[],:LABEL\n";
  Status s = store.ScanEntities([&](const Entity& e) {
    std::string aliases;
    for (const auto& a : e.aliases) {
      std::string clean;
      for (const char c : a)
        clean += (c == ';') ? ',' : c;  // ';' separates array items
      aliases += (aliases.empty() ? "" : ";") + clean;
    }
    const EntityTypeInfo* type = store.GetEntityType(e.type);
    nodes << e.id << ',' << CsvField(e.name) << ',' << CsvField(aliases) << ','
          << CsvField(type ? type->name : "entity") << '\n';
    return static_cast<bool>(nodes);
  });
  KG_RETURN_IF_ERROR(s);
  nodes.close();
  if (!nodes) return Status::IOError(nodes_path + ": write failed");

  std::ofstream edges(edges_path, std::ios::binary);
  if (!edges) return Status::IOError(edges_path + ": cannot write");
  edges << ":START_ID,:END_ID,:TYPE,evidence:int,max_confidence:double,modalities:string[],"
           "first_date,last_date\n";
  s = store.ScanTriples(TriplePattern{}, [&](const TripleRow& row) {
    const RelationInfo* rel = store.GetRelation(row.triple.relation);
    std::string modalities = ModalitySetToString(row.stats.modalities);
    for (char& c : modalities)
      if (c == ',') c = ';';
    char confidence[32];
    std::snprintf(confidence, sizeof confidence, "%.6g", row.stats.max_confidence);
    edges << row.triple.subject << ',' << row.triple.object << ','
          << CsvField(Upper(rel ? rel->name : "RELATED")) << ',' << row.stats.evidence_count << ','
          << confidence << ',' << CsvField(modalities) << ',' << FormatDate(row.stats.first_date)
          << ',' << FormatDate(row.stats.last_date) << '\n';
    return static_cast<bool>(edges);
  });
  KG_RETURN_IF_ERROR(s);
  edges.close();
  if (!edges) return Status::IOError(edges_path + ": write failed");
  return Status::OK();
}

std::string NTriplesLiteral(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = NextCodePoint(s, &i);
    switch (cp) {
      case '\\':
        out += "\\\\";
        continue;
      case '"':
        out += "\\\"";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    char buf[16];
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xFFFF)) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
      out += buf;
    } else if (cp > 0xFFFF) {
      std::snprintf(buf, sizeof buf, "\\U%08X", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out += static_cast<char>(cp);
    }
  }
  out += '"';
  return out;
}

std::string NamedIri(std::string_view base, std::string_view kind, std::string_view name) {
  std::string out = "<";
  out += base;
  out += kind;
  out += '/';
  for (const char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    }
  }
  out += '>';
  return out;
}

Status ExportNTriples(const Store& store, std::string_view base, std::ostream& out) {
  const std::string type = Iri(kRdf, "type");
  // Entities: type, label, aliases.
  std::unordered_map<EntityId, std::string> iri_cache;
  Status s = store.ScanEntities([&](const Entity& e) {
    const std::string iri = NamedIri(base, "entity", e.name);
    const EntityTypeInfo* t = store.GetEntityType(e.type);
    out << iri << ' ' << type << ' ' << NamedIri(base, "type", t ? t->name : "entity") << " .\n";
    out << iri << ' ' << Iri(kRdfs, "label") << ' ' << NTriplesLiteral(e.name) << " .\n";
    for (const auto& a : e.aliases)
      out << iri << ' ' << Iri(kSkos, "altLabel") << ' ' << NTriplesLiteral(a) << " .\n";
    return static_cast<bool>(out);
  });
  KG_RETURN_IF_ERROR(s);
  // Names by id, looked up as the triples need them (bounded).
  auto entity_iri = [&](EntityId id) -> Result<std::string> {
    auto it = iri_cache.find(id);
    if (it != iri_cache.end()) return it->second;
    if (iri_cache.size() > 100000) iri_cache.clear();
    KG_ASSIGN_OR_RETURN(Entity e, store.GetEntity(id));
    return iri_cache[id] = NamedIri(base, "entity", e.name);
  };
  const std::string v = std::string(base) + "vocab/";
  uint64_t statement = 0;
  Status error;
  s = store.ScanTriples(TriplePattern{}, [&](const TripleRow& row) {
    auto subject = entity_iri(row.triple.subject);
    auto object = entity_iri(row.triple.object);
    if (!subject.ok() || !object.ok()) {
      error = subject.ok() ? object.status() : subject.status();
      return false;
    }
    const RelationInfo* rel = store.GetRelation(row.triple.relation);
    const std::string predicate = NamedIri(base, "relation", rel ? rel->name : "related");
    out << *subject << ' ' << predicate << ' ' << *object << " .\n";
    error = store.ScanEvidence(row.triple, [&](const Evidence& e) {
      const std::string node = "_:s" + std::to_string(++statement);
      out << node << ' ' << type << ' ' << Iri(kRdf, "Statement") << " .\n";
      out << node << ' ' << Iri(kRdf, "subject") << ' ' << *subject << " .\n";
      out << node << ' ' << Iri(kRdf, "predicate") << ' ' << predicate << " .\n";
      out << node << ' ' << Iri(kRdf, "object") << ' ' << *object << " .\n";
      out << node << ' ' << Iri(v, "sentence") << ' ' << NTriplesLiteral(e.sentence) << " .\n";
      out << node << ' ' << Iri(v, "article") << ' ' << NamedIri(base, "article", e.article)
          << " .\n";
      out << node << ' ' << Iri(v, "modality") << ' ' << NTriplesLiteral(ModalityName(e.modality))
          << " .\n";
      char confidence[32];
      std::snprintf(confidence, sizeof confidence, "%.6g", e.confidence);
      out << node << ' ' << Iri(v, "confidence") << ' ' << NTriplesLiteral(confidence) << "^^"
          << Iri(kXsd, "double") << " .\n";
      if (e.date) out << node << ' ' << Iri(v, "date") << ' ' << DateLiteral(e.date) << " .\n";
      for (const auto& [key, value] : e.qualifiers)
        out << node << ' ' << Iri(v, key) << ' ' << NTriplesLiteral(value) << " .\n";
      return static_cast<bool>(out);
    });
    return error.ok() && static_cast<bool>(out);
  });
  KG_RETURN_IF_ERROR(s);
  KG_RETURN_IF_ERROR(error);
  if (!out) return Status::IOError("N-Triples output: write failed");
  return Status::OK();
}

}  // namespace kg
