#include <iostream>

#include "graph/triple_writer.h"
#include "tools/article_pipeline.h"
#include "tools/commands.h"
#include "util/schema_dir.h"

namespace kg::cli {

namespace {

int RunExtract(const Args& args) {
  if (args.positional.empty()) return UsageError("extract", "no input file (use - for stdin)");
  auto pipeline = ArticlePipeline::Load(args.Get("schemas", DefaultSchemaDir()));
  if (!pipeline.ok()) return Fail(pipeline.status());
  size_t facts = 0;
  std::string out;
  // Written as found, in blocks: an article's facts are never held together.
  const bool ok = (*pipeline)->RunEach(args.positional, [&](const ArticleMeta& meta, Fact&& f) {
    out += FactToJsonLine(meta, f);
    out += '\n';
    ++facts;
    if (out.size() < (1 << 16)) return true;
    std::cout << out;
    out.clear();
    return static_cast<bool>(std::cout);
  });
  std::cout << out;
  std::cout.flush();
  if (!std::cout) return Fail(Status::IOError("standard output: write failed"));
  if (args.Has("summary")) {
    std::cerr << "extracted " << facts << " facts from " << (*pipeline)->articles() << " articles ("
              << (*pipeline)->bad_documents() << " bad documents)\n";
  }
  return ok ? kExitOk : kExitFailure;
}

}  // namespace

const Command& ExtractCommand() {
  static const Command command{
      "extract",
      "print the triples found in articles, touching no store",
      "kg extract [options] FILE...",
      "Reads articles (plain text with optional title:/date:/source:/url:/id: header\n"
      "lines, a JSON article, JSON Lines of articles, or - for standard input) and\n"
      "prints one JSON line per piece of evidence in the triple format\n"
      "(schemas/triple.schema.json), which `kg import` loads. Bad documents are\n"
      "reported as FILE:LINE: reason and skipped; the exit status is then 1.",
      {
          {"schemas", "DIR", "folder with the ontology, gazetteer, lexicon and rules"},
          {"summary", "", "print a count of articles and facts to standard error"},
      },
      RunExtract,
  };
  return command;
}

}  // namespace kg::cli
