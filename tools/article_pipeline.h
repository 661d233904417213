// What kg extract, ingest and eval share: the ontology, the extractor and the
// article reader loaded from one schemas folder, and the loop over input
// files that extracts each article and reports bad documents.
#ifndef KG_TOOLS_ARTICLE_PIPELINE_H_
#define KG_TOOLS_ARTICLE_PIPELINE_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "graph/ontology.h"
#include "ingest/article_reader.h"
#include "ingest/extractor.h"
#include "util/result.h"

namespace kg::cli {

class ArticlePipeline {
 public:
  static Result<std::unique_ptr<ArticlePipeline>> Load(const std::string& schema_dir);

  const Ontology& ontology() const { return ontology_; }

  // Reads every input (files, folders, patterns, "-" for standard input, as
  // ListCorpus takes them; gzip or not) and calls fn with each good
  // article's extraction until fn returns false. Prints each bad document
  // and unreadable file as one line on standard error. Returns whether
  // everything was read without a problem.
  bool Run(const std::vector<std::string>& paths, const std::function<bool(ArticleInput&&)>& fn);
  // As Run, but hands over each fact as it is found, never holding an
  // article's facts together (kg extract).
  bool RunEach(const std::vector<std::string>& paths,
               const std::function<bool(const ArticleMeta&, Fact&&)>& fn);

  size_t articles() const { return articles_; }
  size_t bad_documents() const { return reader_->errors().size(); }

 private:
  ArticlePipeline(Ontology ontology, std::unique_ptr<Extractor> extractor,
                  std::unique_ptr<ArticleReader> reader)
      : ontology_(std::move(ontology)),
        extractor_(std::move(extractor)),
        reader_(std::move(reader)) {}
  Ontology ontology_;
  std::unique_ptr<Extractor> extractor_;
  std::unique_ptr<ArticleReader> reader_;
  // Reads every file, giving each good article to fn until it returns false.
  bool ReadAll(const std::vector<std::string>& paths, const std::function<bool(ArticleText&&)>& fn);
  size_t articles_ = 0;
};

}  // namespace kg::cli

#endif  // KG_TOOLS_ARTICLE_PIPELINE_H_
