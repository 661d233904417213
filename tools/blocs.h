// The two blocs of the rivalry, as pictures and queries group entities:
// a country's bloc comes from the gazetteer (schemas/gazetteer/*.json, the
// "bloc" field), shown as "China and its partners" or "United States and its
// allies". Shared by kg export (--cluster bloc) and kg query / kg shell
// (EXPORT ... CLUSTER BY bloc, through SessionOptions::bloc_of).
#ifndef KG_TOOLS_BLOCS_H_
#define KG_TOOLS_BLOCS_H_

#include <string>
#include <string_view>

namespace kg::cli {

// The label of a gazetteer bloc value: "china" gives "China and its
// partners", any other non-empty value "United States and its allies", ""
// gives "".
std::string BlocLabel(std::string_view gazetteer_bloc);

// The bloc label of the entity with this canonical name, or "" when the
// gazetteer gives it none. The gazetteer (of DefaultSchemaDir(), checked
// against the ontology's types) is loaded on the first call and kept; if it
// cannot be loaded every name gets "", since a picture without clusters is
// still a picture. Safe to call from several threads.
std::string BlocOf(const std::string& name);

}  // namespace kg::cli

#endif  // KG_TOOLS_BLOCS_H_
