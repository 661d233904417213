// InputStream: an article file opened for ArticleReader, plain or
// gzip-compressed, with the bytes taken from the disk counted.
//
// Compression is recognized by the gzip magic bytes, not by the name, so
// standard input and misnamed files work too; concatenated gzip members (as
// `cat a.gz b.gz` makes) read as one stream. The name a reader should use to
// pick the format is the path without its ".gz" (FormatName).
//
// A compressed stream that is corrupt or cut short ends early: the stream
// then reports end of input, and error() says what was wrong and where, so
// that the caller can report the file after the reader has taken whatever
// whole documents came before.
//
//   auto input = InputStream::Open("news/2024.jsonl.gz");
//   if (!input.ok()) ...;                       // NotFound, IOError
//   reader->ReadStream((*input)->stream(), (*input)->name(), sink);
//   if (!(*input)->error().empty()) ...;        // "news/2024.jsonl.gz: ..."
#ifndef KG_INGEST_INPUT_STREAM_H_
#define KG_INGEST_INPUT_STREAM_H_

#include <atomic>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "util/result.h"

namespace kg {

class InputStream {
 public:
  // Opens a file, or standard input for "-". NotFound, or IOError naming the
  // path (a directory, no permission).
  static Result<std::unique_ptr<InputStream>> Open(const std::string& path);

  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // The text, decompressed when the file is compressed.
  std::istream& stream() { return *stream_; }
  // The path as given ("-" for standard input).
  const std::string& name() const { return name_; }
  bool compressed() const;
  // Bytes read from the file so far (compressed bytes for a compressed
  // file): progress against the file's size. Any thread may read it.
  uint64_t raw_bytes_read() const { return raw_bytes_.load(std::memory_order_relaxed); }
  // Empty, or "PATH: what went wrong reading it" (a read error, corrupt or
  // truncated compressed data).
  std::string error() const;

 private:
  class CountingBuf;
  class GzipBuf;
  explicit InputStream(std::string name);

  std::string name_;
  std::atomic<uint64_t> raw_bytes_{0};
  std::unique_ptr<CountingBuf> counting_;
  std::unique_ptr<GzipBuf> gzip_;
  std::unique_ptr<std::istream> stream_;
};

// The name without a trailing ".gz" (any case): what picks the format of a
// compressed file.
std::string_view WithoutGzipSuffix(std::string_view name);

}  // namespace kg

#endif  // KG_INGEST_INPUT_STREAM_H_
