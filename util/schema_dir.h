// Where the data files under schemas/ (ontology, JSON Schemas, later the
// extraction rules and gazetteers) are found at run time.
#ifndef KG_UTIL_SCHEMA_DIR_H_
#define KG_UTIL_SCHEMA_DIR_H_

#include <string>

namespace kg {

// In order: $KG_SCHEMA_DIR; the schemas/ folder of the source tree the binary
// was built from; schemas/ beside or above the running executable. The first
// that exists wins; if none does, the source-tree path is returned so that the
// error that follows names a sensible place.
std::string DefaultSchemaDir();

}  // namespace kg

#endif  // KG_UTIL_SCHEMA_DIR_H_
