#include <iostream>

#include "graph/bulk_loader.h"
#include "graph/ontology.h"
#include "graph/store.h"
#include "ingest/triple_reader.h"
#include "tools/commands.h"
#include "util/schema_dir.h"

namespace kg::cli {

namespace {

// Articles per atomic batch: large enough to amortize a RocksDB write, small
// enough that a batch stays a few megabytes.
constexpr size_t kArticlesPerBatch = 512;
constexpr size_t kFactsPerBatch = 20000;

int RunImport(const Args& args) {
  if (args.positional.empty()) return UsageError("import", "no input file (use - for stdin)");
  const std::string schema_dir = args.Get("schemas", DefaultSchemaDir());
  auto ontology = Ontology::LoadFromDir(schema_dir);
  if (!ontology.ok()) return Fail(ontology.status());
  auto parser = TripleLineParser::Create(schema_dir, &*ontology);
  if (!parser.ok()) return Fail(parser.status());

  // Open first: a locked or foreign store fails before any parsing work.
  auto store = Store::OpenForWrite(StorePath(args), *ontology);
  if (!store.ok()) return Fail(store.status());

  TripleFileReader reader(parser->get());
  bool failed = false;
  for (const auto& path : args.positional) {
    Status s = reader.ReadFile(path);
    if (!s.ok()) {
      Fail(s);
      failed = true;
    }
  }
  for (const auto& e : reader.errors())
    std::cerr << e.ToString() << "\n";
  failed = failed || !reader.errors().empty();

  std::vector<ArticleInput> articles = reader.TakeArticles();
  WriteSummary total;
  if ((*store)->CanBulkLoad() && !args.Has("incremental")) {
    // A first import into an empty store: sorted files ingested at once,
    // several times faster than batches (graph/bulk_loader.h), as atomic.
    auto loader = (*store)->StartBulkLoad();
    if (!loader.ok()) return Fail(loader.status());
    for (auto& a : articles) {
      if (Status s = (*loader)->Add(std::move(a)); !s.ok()) {
        Fail(s);
        failed = true;
      }
    }
    auto summary = (*loader)->Finish();
    if (!summary.ok()) return Fail(summary.status());
    total = *summary;
    articles.clear();
  }
  std::vector<ArticleInput> batch;
  size_t batch_facts = 0;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::OK();
    auto summary = (*store)->WriteArticles(std::move(batch));
    batch.clear();
    batch_facts = 0;
    if (!summary.ok()) return summary.status();
    total += *summary;
    return Status::OK();
  };
  for (auto& a : articles) {
    batch_facts += a.facts.size();
    batch.push_back(std::move(a));
    if (batch.size() >= kArticlesPerBatch || batch_facts >= kFactsPerBatch) {
      if (Status s = flush(); !s.ok()) return Fail(s);
    }
  }
  if (Status s = flush(); !s.ok()) return Fail(s);

  if (!args.Has("quiet")) {
    std::cout << "read " << reader.facts_read() << " of " << reader.lines_read() << " lines ("
              << reader.errors().size() << " bad) into " << StorePath(args) << ": "
              << total.articles_written << " articles new, " << total.articles_replaced
              << " replaced, " << total.articles_unchanged << " unchanged; " << total.evidence_added
              << " evidence added, " << total.evidence_removed << " removed; "
              << total.triples_added << " triples added, " << total.triples_removed << " removed; "
              << total.entities_created << " entities created\n";
  }
  return failed ? kExitFailure : kExitOk;
}

}  // namespace

const Command& ImportCommand() {
  static const Command command{
      "import",
      "load triples with evidence from JSON Lines files",
      "kg import [options] FILE...",
      "Loads facts in the triple format (schemas/triple.schema.json: one JSON object\n"
      "per line with subject, subject_type, relation, object, object_type, qualifiers,\n"
      "modality, confidence, article, sentence, date). Lines are grouped by article;\n"
      "each article is written atomically. Re-importing an unchanged article changes\n"
      "nothing; an article with new content replaces its earlier evidence. Bad lines\n"
      "are reported as FILE:LINE: reason and skipped; the good lines are imported and\n"
      "the exit status is 1. Use - to read standard input. Into an empty store the\n"
      "articles are bulk loaded: every index is built as sorted files and ingested\n"
      "in one atomic step, several times faster.",
      {
          {"schemas", "DIR", "folder with ontology.json and triple.schema.json"},
          {"incremental", "", "write in batches even into an empty store (no bulk load)"},
          {"quiet", "", "print nothing but errors"},
      },
      RunImport,
  };
  return command;
}

}  // namespace kg::cli
