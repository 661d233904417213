#include "tools/blocs.h"

#include <memory>

#include "graph/ontology.h"
#include "ingest/gazetteer.h"
#include "util/schema_dir.h"

namespace kg::cli {

namespace {

// nullptr when the schemas cannot be read.
std::unique_ptr<Gazetteer> LoadGazetteer() {
  const std::string dir = DefaultSchemaDir();
  auto ontology = Ontology::LoadFromDir(dir);
  if (!ontology.ok()) return nullptr;
  std::vector<std::string> types;
  for (const auto& t : ontology->entity_types())
    types.push_back(t.name);
  auto gazetteer = Gazetteer::LoadFromDir(dir, types);
  if (!gazetteer.ok()) return nullptr;
  return std::make_unique<Gazetteer>(std::move(*gazetteer));
}

}  // namespace

std::string BlocLabel(std::string_view gazetteer_bloc) {
  if (gazetteer_bloc.empty()) return "";
  return gazetteer_bloc == "china" ? "China and its partners" : "United States and its allies";
}

std::string BlocOf(const std::string& name) {
  // Loaded once, on first use: most commands and most statements never ask.
  static const std::unique_ptr<Gazetteer> gazetteer = LoadGazetteer();
  if (!gazetteer) return "";
  const GazetteerEntry* e = gazetteer->FindByName(name);
  return e ? BlocLabel(e->bloc) : "";
}

}  // namespace kg::cli
