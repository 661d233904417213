// Where kg generate puts its articles: one file, standard output, or a
// folder of shards, in the formats the article reader takes, with the gold
// beside them.
//
// Articles go to the shards round-robin, so shards grow evenly whatever the
// stopping rule. A shard is JSON Lines (.jsonl), a JSON array (.json),
// gzip-compressed JSON Lines (.jsonl.gz, compression level 1: the corpus is
// for benchmarks, and level 6 would halve the generation speed), or plain
// text, one file per article named after its id (<id>.txt, header lines,
// a blank line, the body). --mixed cycles the shards through the four.
// Each shard's gold is GOLD/<shard name>.jsonl, so that one shard can be
// scored alone (kg eval --gold GOLD/part-00001.jsonl OUT/part-00001.json).
//
// Output is buffered and written in large blocks; nothing is held per
// article, so memory does not grow with the corpus.
#ifndef KG_TOOLS_CORPUS_WRITER_H_
#define KG_TOOLS_CORPUS_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tools/corpus_generator.h"
#include "util/result.h"

namespace kg::cli {

enum class ArticleFormat { kJsonLines, kJsonArray, kText, kGzipJsonLines };

struct CorpusWriterOptions {
  // A file ("-" for standard output; a .json name gives a JSON array, a .gz
  // name gzip-compressed JSON Lines, any other JSON Lines), or a folder,
  // created if missing, when files > 1 or mixed.
  std::string out = "-";
  size_t files = 1;
  bool mixed = false;
  std::string gold_dir;  // empty: no gold
};

class CorpusWriter {
 public:
  // Creates the folders and opens every shard. IOError names the path that
  // could not be created or opened; InvalidArgument a gold file that would
  // overwrite an article file.
  static Result<std::unique_ptr<CorpusWriter>> Open(const CorpusWriterOptions& options);
  ~CorpusWriter();  // closes what is still open, ignoring errors; call Close()

  Status Write(const GeneratedArticle& article);
  // Flushes and closes every file; the first error, naming its path.
  Status Close();

  // Article bytes as written before compression (the --mb measure).
  uint64_t bytes() const { return bytes_; }
  uint64_t articles() const { return articles_; }
  uint64_t gold_triples() const { return gold_triples_; }
  bool writes_gold() const;
  // The shard files (the folder for text shards) and gold files, in order.
  std::vector<std::string> paths() const;

 private:
  struct Shard;
  CorpusWriter();
  Status WriteText(Shard* shard, const GeneratedArticle& article);

  std::vector<std::unique_ptr<Shard>> shards_;
  std::string scratch_;
  uint64_t bytes_ = 0, articles_ = 0, gold_triples_ = 0;
};

// Generates articles 0, 1, 2... into the writer until `articles` are written
// or, when max_bytes is not 0, until bytes() reaches max_bytes (so the last
// article crosses the mark: at least max_bytes, and at most one article
// more). Does not close the writer.
Status WriteCorpus(const CorpusGenerator& generator, uint64_t articles, uint64_t max_bytes,
                   CorpusWriter* writer);

}  // namespace kg::cli

#endif  // KG_TOOLS_CORPUS_WRITER_H_
