#include "tools/article_pipeline.h"

#include <iostream>

#include "ingest/corpus_files.h"
#include "tools/cli.h"

namespace kg::cli {

Result<std::unique_ptr<ArticlePipeline>> ArticlePipeline::Load(const std::string& schema_dir) {
  KG_ASSIGN_OR_RETURN(Ontology ontology, Ontology::LoadFromDir(schema_dir));
  KG_ASSIGN_OR_RETURN(auto extractor, Extractor::Create(schema_dir, ontology));
  KG_ASSIGN_OR_RETURN(auto reader, ArticleReader::Create(schema_dir));
  return std::unique_ptr<ArticlePipeline>(
      new ArticlePipeline(std::move(ontology), std::move(extractor), std::move(reader)));
}

bool ArticlePipeline::Run(const std::vector<std::string>& paths,
                          const std::function<bool(ArticleInput&&)>& fn) {
  return ReadAll(paths, [&](ArticleText&& article) { return fn(extractor_->Extract(article)); });
}

bool ArticlePipeline::RunEach(const std::vector<std::string>& paths,
                              const std::function<bool(const ArticleMeta&, Fact&&)>& fn) {
  return ReadAll(paths, [&](ArticleText&& article) {
    bool go_on = true;
    extractor_->ExtractEach(article, [&](const ArticleMeta& meta, Fact&& f) {
      go_on = fn(meta, std::move(f));
      return go_on;
    });
    return go_on;
  });
}

bool ArticlePipeline::ReadAll(const std::vector<std::string>& paths,
                              const std::function<bool(ArticleText&&)>& fn) {
  bool ok = true;
  // Folders, patterns and compressed files as kg ingest takes them.
  auto corpus = ListCorpus(paths);
  if (!corpus.ok()) {
    Fail(corpus.status());
    return false;
  }
  for (const LineError& problem : corpus->problems) {
    std::cerr << problem.ToString() << "\n";
    ok = false;
  }
  const size_t errors_before = reader_->errors().size();
  for (const CorpusFile& file : corpus->files) {
    const std::string& path = file.path;
    bool go_on = true;
    Status s = reader_->ReadFile(path, [&](ArticleText&& article) {
      ++articles_;
      go_on = fn(std::move(article));
      return go_on;
    });
    if (!s.ok()) {
      Fail(s);
      ok = false;
    }
    if (!go_on) break;
  }
  const auto& errors = reader_->errors();
  for (size_t i = errors_before; i < errors.size(); ++i)
    std::cerr << errors[i].ToString() << "\n";
  return ok && errors.size() == errors_before;
}

}  // namespace kg::cli
