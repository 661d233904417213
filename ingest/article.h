// An input article as read from a file, before extraction: its metadata and
// body text, and where it came from (for error messages and provenance).
#ifndef KG_INGEST_ARTICLE_H_
#define KG_INGEST_ARTICLE_H_

#include <cstddef>
#include <string>

namespace kg {

struct ArticleText {
  std::string id;  // given, or a stable id derived from the content
  std::string title;
  std::string date;  // "YYYY-MM-DD", "YYYY-MM", "YYYY" or empty
  std::string source;
  std::string url;
  std::string body;  // original text, UTF-8; offsets in extraction refer to it
  std::string file;  // path it was read from ("-" for standard input)
  size_t line = 0;   // 1-based line where it starts in that file
};

}  // namespace kg

#endif  // KG_INGEST_ARTICLE_H_
