#include "util/schema_dir.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#ifndef KG_SOURCE_SCHEMA_DIR
#define KG_SOURCE_SCHEMA_DIR "schemas"
#endif

namespace kg {

std::string DefaultSchemaDir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("KG_SCHEMA_DIR"); env && *env) return env;
  std::error_code ec;
  if (fs::is_directory(KG_SOURCE_SCHEMA_DIR, ec)) return KG_SOURCE_SCHEMA_DIR;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate :
         {exe.parent_path() / "schemas", exe.parent_path().parent_path() / "schemas",
          exe.parent_path().parent_path() / "share/kg/schemas"}) {
      if (fs::is_directory(candidate, ec)) return candidate.string();
    }
  }
  return KG_SOURCE_SCHEMA_DIR;
}

}  // namespace kg
