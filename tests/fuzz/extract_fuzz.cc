// libFuzzer target over reading and extraction: the bytes are an input file
// (JSON Lines when they start with '{', else plain text with optional
// headers), read by ArticleReader and every article extracted. Any crash,
// sanitizer report or hang is a bug: bad input must only produce errors.
//
// Built by `make fuzz` (clang with libFuzzer), which seeds it with the
// bundled sample corpus.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "graph/ontology.h"
#include "ingest/article_reader.h"
#include "ingest/extractor.h"
#include "util/schema_dir.h"

namespace {

struct Loaded {
  std::unique_ptr<kg::ArticleReader> reader;
  std::unique_ptr<kg::Extractor> extractor;
};

Loaded& Load() {
  static Loaded* loaded = [] {
    auto* l = new Loaded();
    const std::string dir = kg::DefaultSchemaDir();
    auto ontology = kg::Ontology::LoadFromDir(dir);
    auto reader = kg::ArticleReader::Create(dir);
    if (!ontology.ok() || !reader.ok()) std::abort();
    auto extractor = kg::Extractor::Create(dir, *ontology);
    if (!extractor.ok()) std::abort();
    l->reader = std::move(reader).value();
    l->extractor = std::move(extractor).value();
    return l;
  }();
  return *loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Loaded& l = Load();
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  const bool json = size > 0 && data[0] == '{';
  (void)l.reader->ReadStream(in, json ? "fuzz.jsonl" : "fuzz.txt", [&](kg::ArticleText&& a) {
    (void)l.extractor->Extract(a);
    return true;
  });
  return 0;
}
