#include <iostream>

#include "graph/store.h"
#include "tools/article_pipeline.h"
#include "tools/commands.h"
#include "util/schema_dir.h"

namespace kg::cli {

namespace {

// Articles per atomic write: each article lands whole either way; a batch
// amortizes the RocksDB write.
constexpr size_t kArticlesPerBatch = 256;

int RunIngest(const Args& args) {
  if (args.positional.empty()) return UsageError("ingest", "no input file (use - for stdin)");
  auto pipeline = ArticlePipeline::Load(args.Get("schemas", DefaultSchemaDir()));
  if (!pipeline.ok()) return Fail(pipeline.status());
  auto store = Store::OpenForWrite(StorePath(args), (*pipeline)->ontology());
  if (!store.ok()) return Fail(store.status());

  WriteSummary total;
  std::vector<ArticleInput> batch;
  Status write_error;
  auto flush = [&]() {
    if (batch.empty() || !write_error.ok()) return;
    auto summary = (*store)->WriteArticles(std::move(batch));
    batch.clear();
    if (summary.ok()) {
      total += *summary;
    } else {
      write_error = summary.status();
    }
  };
  const bool ok = (*pipeline)->Run(args.positional, [&](ArticleInput&& extracted) {
    batch.push_back(std::move(extracted));
    if (batch.size() >= kArticlesPerBatch) flush();
    return write_error.ok();
  });
  flush();
  if (!write_error.ok()) return Fail(write_error);
  if (!args.Has("quiet")) {
    std::cout << "ingested " << (*pipeline)->articles() << " articles ("
              << (*pipeline)->bad_documents() << " bad documents skipped) into " << StorePath(args)
              << ": " << total.articles_written << " new, " << total.articles_replaced
              << " replaced, " << total.articles_unchanged << " unchanged; " << total.evidence_added
              << " evidence added, " << total.evidence_removed << " removed; "
              << total.triples_added << " triples added; " << total.entities_created
              << " entities created\n";
  }
  return ok ? kExitOk : kExitFailure;
}

}  // namespace

const Command& IngestCommand() {
  static const Command command{
      "ingest",
      "extract triples from articles and store them",
      "kg ingest [options] FILE...",
      "Reads articles (plain text with optional header lines, JSON, JSON Lines, or -\n"
      "for standard input), extracts their triples and writes each article\n"
      "atomically: re-ingesting an unchanged article changes nothing, a changed one\n"
      "replaces its earlier evidence. Bad documents are reported as FILE:LINE: reason\n"
      "and skipped; the exit status is then 1.",
      {
          {"schemas", "DIR", "folder with the ontology, gazetteer, lexicon and rules"},
          {"quiet", "", "print nothing but errors"},
      },
      RunIngest,
  };
  return command;
}

}  // namespace kg::cli
