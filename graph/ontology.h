// The ontology: which entity types and relation types exist, loaded from
// schemas/ontology.json (validated against schemas/ontology.schema.json) so
// that users extend it without recompiling.
#ifndef KG_GRAPH_ONTOLOGY_H_
#define KG_GRAPH_ONTOLOGY_H_

#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace kg {

struct OntologyRelation {
  std::string name;
  bool symmetric = false;
  std::string description;
};

struct OntologyEntityType {
  std::string name;
  std::string description;
};

class Ontology {
 public:
  // Loads DIR/ontology.json and validates it with DIR/ontology.schema.json.
  // Errors name the file and the offending entry.
  static Result<Ontology> LoadFromDir(const std::string& schema_dir);
  // Parses an ontology document given as text; `name` is used in messages.
  static Result<Ontology> FromJsonText(std::string_view text, const std::string& name);

  const std::vector<OntologyRelation>& relations() const { return relations_; }
  const std::vector<OntologyEntityType>& entity_types() const { return entity_types_; }
  const OntologyRelation* FindRelation(std::string_view name) const;
  const OntologyEntityType* FindEntityType(std::string_view name) const;

 private:
  std::vector<OntologyRelation> relations_;
  std::vector<OntologyEntityType> entity_types_;
};

}  // namespace kg

#endif  // KG_GRAPH_ONTOLOGY_H_
