#include "ingest/lexicon.h"

#include "util/json.h"

namespace kg {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Result<Lexicon> Lexicon::LoadFromDir(const std::string& schema_dir) {
  const std::string path = schema_dir + "/lexicon.json";
  KG_ASSIGN_OR_RETURN(auto schema, JsonSchema::LoadFile(schema_dir + "/lexicon.schema.json"));
  rapidjson::Document doc;
  KG_RETURN_IF_ERROR(ParseJsonFile(path, &doc));
  if (Status s = schema->Validate(doc); !s.ok()) return s.WithContext(path);

  Lexicon lex;
  auto list = [&](const char* key) {
    std::vector<std::string> out;
    for (const auto& v : doc[key].GetArray())
      out.emplace_back(v.GetString(), v.GetStringLength());
    return out;
  };
  auto set = [&](const char* key, bool fold) {
    WordSet out;
    for (auto& w : list(key))
      out.insert(fold ? AsciiLower(w) : w);
    return out;
  };
  lex.person_titles = list("person_titles");
  lex.technology_heads = list("technology_heads");
  lex.hedge_cues = list("hedge_cues");
  lex.negation_cues = list("negation_cues");
  lex.person_title_set = set("person_titles", true);
  lex.given_names = set("given_names", false);
  lex.company_suffixes = set("company_suffixes", false);
  lex.company_cues = set("company_cues", true);
  lex.government_heads = set("government_heads", false);
  lex.policy_heads = set("policy_heads", false);
  lex.organization_heads = set("organization_heads", false);
  lex.technology_head_set = set("technology_heads", true);
  lex.technology_modifiers = set("technology_modifiers", true);
  lex.clause_breaks = set("clause_breaks", true);
  lex.name_stopwords = set("name_stopwords", false);
  return lex;
}

}  // namespace kg
