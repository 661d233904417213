#include "graph/ontology.h"

#include <set>

#include "util/file.h"
#include "util/json.h"

namespace kg {

namespace {

std::string StringMember(const rapidjson::Value& obj, const char* name) {
  auto it = obj.FindMember(name);
  return it != obj.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

Result<Ontology> Ontology::FromJsonText(std::string_view text, const std::string& name) {
  rapidjson::Document doc;
  Status s = ParseJson(text, &doc);
  if (!s.ok()) return s.WithContext(name);
  if (!doc.IsObject())
    return Status::InvalidArgument(name + ": the ontology must be a JSON object");

  Ontology ontology;
  std::set<std::string> seen;
  auto types = doc.FindMember("entity_types");
  auto relations = doc.FindMember("relations");
  if (types == doc.MemberEnd() || !types->value.IsArray() || relations == doc.MemberEnd() ||
      !relations->value.IsArray()) {
    return Status::InvalidArgument(name + ": needs arrays 'entity_types' and 'relations'");
  }
  for (const auto& t : types->value.GetArray()) {
    if (!t.IsObject()) return Status::InvalidArgument(name + ": an entity type is not an object");
    OntologyEntityType type{StringMember(t, "name"), StringMember(t, "description")};
    if (type.name.empty()) return Status::InvalidArgument(name + ": an entity type has no name");
    if (!seen.insert("type:" + type.name).second) {
      return Status::InvalidArgument(name + ": entity type '" + type.name + "' is listed twice");
    }
    ontology.entity_types_.push_back(std::move(type));
  }
  for (const auto& r : relations->value.GetArray()) {
    if (!r.IsObject()) return Status::InvalidArgument(name + ": a relation is not an object");
    OntologyRelation relation{StringMember(r, "name"), false, StringMember(r, "description")};
    if (relation.name.empty()) return Status::InvalidArgument(name + ": a relation has no name");
    auto sym = r.FindMember("symmetric");
    relation.symmetric = sym != r.MemberEnd() && sym->value.IsTrue();
    if (!seen.insert("relation:" + relation.name).second) {
      return Status::InvalidArgument(name + ": relation '" + relation.name + "' is listed twice");
    }
    ontology.relations_.push_back(std::move(relation));
  }
  return ontology;
}

Result<Ontology> Ontology::LoadFromDir(const std::string& schema_dir) {
  const std::string path = schema_dir + "/ontology.json";
  const std::string schema_path = schema_dir + "/ontology.schema.json";
  KG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  KG_ASSIGN_OR_RETURN(auto schema, JsonSchema::LoadFile(schema_path));
  rapidjson::Document doc;
  Status s = ParseJson(text, &doc);
  if (!s.ok()) return s.WithContext(path);
  s = schema->Validate(doc);
  if (!s.ok()) return s.WithContext(path);
  return FromJsonText(text, path);
}

const OntologyRelation* Ontology::FindRelation(std::string_view name) const {
  for (const auto& r : relations_) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

const OntologyEntityType* Ontology::FindEntityType(std::string_view name) const {
  for (const auto& t : entity_types_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

}  // namespace kg
