// ListCorpus: the files that command-line inputs name, for a batch ingest.
//
// Each input is
//   "-"          standard input;
//   a file       taken whatever its name;
//   a directory  walked recursively, in name order, taking the article files
//                (IsArticleFileName) and leaving out hidden entries (a name
//                starting with '.') and symbolic links to directories (which
//                could loop);
//   a pattern    with * ? or [...] when no such path exists (quoted, so that
//                the shell left it alone): the paths glob(3) matches, each
//                taken as above; "**" also matches across directories
//                ("news/**/*.jsonl").
// A file named twice (by two inputs, or by a pattern and a directory) is
// listed once, where it is first named.
//
// A path that names nothing, or a pattern that matches nothing, is an
// InvalidArgument error before anything is read: a typo should not start an
// hour-long run on half the corpus. A directory that cannot be read in the
// middle of a walk is listed in `problems` and the walk goes on.
#ifndef KG_INGEST_CORPUS_FILES_H_
#define KG_INGEST_CORPUS_FILES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/triple_reader.h"  // LineError
#include "util/result.h"

namespace kg {

struct CorpusFile {
  std::string path;   // "-" for standard input
  uint64_t size = 0;  // bytes on disk; 0 for standard input
};

struct CorpusListing {
  std::vector<CorpusFile> files;
  uint64_t total_bytes = 0;         // of the files with a known size
  bool has_stdin = false;           // its size is unknown
  uint64_t other_files = 0;         // files in walked directories that are not articles
  std::vector<LineError> problems;  // unreadable directories (line 0)
};

Result<CorpusListing> ListCorpus(const std::vector<std::string>& inputs);

// Whether a name ends in .txt, .text, .json, .jsonl or .ndjson, or one of
// them and .gz (any case): the files a directory walk takes.
bool IsArticleFileName(std::string_view name);

}  // namespace kg

#endif  // KG_INGEST_CORPUS_FILES_H_
