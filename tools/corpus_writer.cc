#include "tools/corpus_writer.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace kg::cli {

namespace {

constexpr size_t kFlushBytes = 1 << 20;

Status IoError(const std::string& path, int error) {
  return Status::IOError(path + ": " + std::strerror(error));
}

// A file written in large blocks: a plain FILE* (standard output included)
// or a gzip stream.
class BlockFile {
 public:
  BlockFile() = default;
  BlockFile(const BlockFile&) = delete;
  BlockFile& operator=(const BlockFile&) = delete;
  ~BlockFile() { Abandon(); }

  Status Open(const std::string& path, bool gzip) {
    path_ = path;
    if (path == "-") {
      file_ = stdout;
      return Status::OK();
    }
    if (gzip) {
      errno = 0;
      gz_ = gzopen(path.c_str(), "wb1");
      if (!gz_) return IoError(path, errno ? errno : ENOMEM);
      gzbuffer(gz_, 1 << 18);
      return Status::OK();
    }
    file_ = std::fopen(path.c_str(), "wb");
    if (!file_) return IoError(path, errno);
    return Status::OK();
  }

  std::string& buffer() { return buffer_; }

  Status MaybeFlush() { return buffer_.size() >= kFlushBytes ? Flush() : Status::OK(); }

  Status Flush() {
    if (buffer_.empty()) return Status::OK();
    if (gz_) {
      const int n = gzwrite(gz_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
      if (n <= 0) {
        int code = 0;
        const char* what = gzerror(gz_, &code);
        return Status::IOError(path_ + ": " + (code == Z_ERRNO ? std::strerror(errno) : what));
      }
    } else if (file_) {
      if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
        return IoError(path_ == "-" ? "standard output" : path_, errno);
      }
    }
    buffer_.clear();
    return Status::OK();
  }

  Status Close() {
    Status s = Flush();
    if (gz_) {
      const int rc = gzclose(gz_);
      gz_ = nullptr;
      if (s.ok() && rc != Z_OK) s = Status::IOError(path_ + ": closing the gzip stream failed");
    } else if (file_ == stdout) {
      file_ = nullptr;
      if (std::fflush(stdout) != 0 && s.ok()) s = IoError("standard output", errno);
    } else if (file_) {
      const int rc = std::fclose(file_);
      file_ = nullptr;
      if (rc != 0 && s.ok()) s = IoError(path_, errno);
    }
    return s;
  }

  bool open() const { return gz_ || file_; }

 private:
  void Abandon() {
    if (gz_) gzclose(gz_);
    if (file_ && file_ != stdout) std::fclose(file_);
    gz_ = nullptr;
    file_ = nullptr;
  }

  std::string path_;
  FILE* file_ = nullptr;
  gzFile gz_ = nullptr;
  std::string buffer_;
};

const char* Extension(ArticleFormat f) {
  switch (f) {
    case ArticleFormat::kJsonLines:
      return ".jsonl";
    case ArticleFormat::kJsonArray:
      return ".json";
    case ArticleFormat::kGzipJsonLines:
      return ".jsonl.gz";
    case ArticleFormat::kText:
      return "";
  }
  return "";
}

// "corpus" for corpus.jsonl.gz, corpus.json, corpus.jsonl.
std::string Stem(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  for (const char* ext : {".gz", ".jsonl", ".json", ".ndjson"}) {
    const size_t n = std::strlen(ext);
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) name.resize(name.size() - n);
  }
  return name.empty() ? "generated" : name;
}

bool EndsWith(const std::string& s, const char* suffix) {
  const size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

std::string Canonical(const std::string& path) {
  std::error_code ec;
  const auto p = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

Status MakeDirectory(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return Status::IOError(path + ": " + ec.message());
  if (!std::filesystem::is_directory(path, ec)) {
    return Status::IOError(path + ": not a directory");
  }
  return Status::OK();
}

}  // namespace

struct CorpusWriter::Shard {
  ArticleFormat format = ArticleFormat::kJsonLines;
  std::string path;  // the file, or the folder of a text shard
  BlockFile file;
  std::string gold_path;
  BlockFile gold;
  bool first = true;  // no article yet (JSON arrays need the comma)
};

CorpusWriter::CorpusWriter() = default;
CorpusWriter::~CorpusWriter() = default;

Result<std::unique_ptr<CorpusWriter>> CorpusWriter::Open(const CorpusWriterOptions& options) {
  std::unique_ptr<CorpusWriter> w(new CorpusWriter());
  const bool folder = options.files > 1 || options.mixed;
  if (folder && options.out == "-") {
    return Status::InvalidArgument("--files and --mixed write a folder: --out DIR is required");
  }
  const size_t count = std::max<size_t>(options.files, 1);
  if (folder) KG_RETURN_IF_ERROR(MakeDirectory(options.out));
  if (!options.gold_dir.empty()) KG_RETURN_IF_ERROR(MakeDirectory(options.gold_dir));
  std::vector<std::string> article_files;
  for (size_t i = 0; i < count; ++i) {
    auto shard = std::make_unique<Shard>();
    std::string stem;
    if (folder) {
      static const ArticleFormat kCycle[] = {ArticleFormat::kJsonLines, ArticleFormat::kJsonArray,
                                             ArticleFormat::kText, ArticleFormat::kGzipJsonLines};
      shard->format = options.mixed ? kCycle[i % 4] : ArticleFormat::kJsonLines;
      char name[32];
      std::snprintf(name, sizeof name, "part-%05zu", i);
      stem = name;
      shard->path = shard->format == ArticleFormat::kText
                        ? options.out
                        : options.out + "/" + stem + Extension(shard->format);
    } else {
      shard->path = options.out;
      shard->format = EndsWith(options.out, ".gz")     ? ArticleFormat::kGzipJsonLines
                      : EndsWith(options.out, ".json") ? ArticleFormat::kJsonArray
                                                       : ArticleFormat::kJsonLines;
      stem = options.out == "-" ? "generated" : Stem(options.out);
    }
    if (shard->format != ArticleFormat::kText) {
      article_files.push_back(Canonical(shard->path));
    }
    if (!options.gold_dir.empty()) shard->gold_path = options.gold_dir + "/" + stem + ".jsonl";
    w->shards_.push_back(std::move(shard));
  }
  // A gold file must not replace an article file (--out d --gold d, or
  // --out corpus.jsonl --gold .).
  for (const auto& shard : w->shards_) {
    if (shard->gold_path.empty()) continue;
    const std::string gold = Canonical(shard->gold_path);
    for (const std::string& a : article_files) {
      if (a == gold) {
        return Status::InvalidArgument("the gold file " + shard->gold_path +
                                       " would overwrite the articles; choose another --gold DIR");
      }
    }
  }
  for (const auto& shard : w->shards_) {
    if (shard->format != ArticleFormat::kText) {
      KG_RETURN_IF_ERROR(
          shard->file.Open(shard->path, shard->format == ArticleFormat::kGzipJsonLines));
      if (shard->format == ArticleFormat::kJsonArray) shard->file.buffer() += "[\n";
    }
    if (!shard->gold_path.empty()) KG_RETURN_IF_ERROR(shard->gold.Open(shard->gold_path, false));
  }
  return w;
}

Status CorpusWriter::WriteText(Shard* shard, const GeneratedArticle& article) {
  const std::string path = shard->path + "/" + article.id + ".txt";
  scratch_.clear();
  AppendArticleText(article, &scratch_);
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return IoError(path, errno);
  const bool wrote = std::fwrite(scratch_.data(), 1, scratch_.size(), f) == scratch_.size();
  const int saved = errno;
  if (std::fclose(f) != 0 || !wrote) return IoError(path, wrote ? errno : saved);
  bytes_ += scratch_.size();
  return Status::OK();
}

Status CorpusWriter::Write(const GeneratedArticle& article) {
  Shard* shard = shards_[articles_ % shards_.size()].get();
  if (shard->format == ArticleFormat::kText) {
    KG_RETURN_IF_ERROR(WriteText(shard, article));
  } else {
    std::string& out = shard->file.buffer();
    const size_t before = out.size();
    if (shard->format == ArticleFormat::kJsonArray && !shard->first) out += ",\n";
    AppendArticleJson(article, &out);
    if (shard->format != ArticleFormat::kJsonArray) out += '\n';
    bytes_ += out.size() - before;
    KG_RETURN_IF_ERROR(shard->file.MaybeFlush());
  }
  shard->first = false;
  if (shard->gold.open()) {
    AppendGoldLines(article, &shard->gold.buffer());
    gold_triples_ += article.gold.size();
    KG_RETURN_IF_ERROR(shard->gold.MaybeFlush());
  }
  ++articles_;
  return Status::OK();
}

Status CorpusWriter::Close() {
  Status first;
  for (const auto& shard : shards_) {
    if (shard->file.open()) {
      if (shard->format == ArticleFormat::kJsonArray) shard->file.buffer() += "\n]\n";
      Status s = shard->file.Close();
      if (first.ok() && !s.ok()) first = s;
    }
    if (shard->gold.open()) {
      Status s = shard->gold.Close();
      if (first.ok() && !s.ok()) first = s;
    }
  }
  return first;
}

bool CorpusWriter::writes_gold() const {
  return !shards_.empty() && !shards_[0]->gold_path.empty();
}

std::vector<std::string> CorpusWriter::paths() const {
  std::vector<std::string> out;
  for (const auto& shard : shards_)
    out.push_back(shard->path);
  for (const auto& shard : shards_)
    if (!shard->gold_path.empty()) out.push_back(shard->gold_path);
  return out;
}

Status WriteCorpus(const CorpusGenerator& generator, uint64_t articles, uint64_t max_bytes,
                   CorpusWriter* writer) {
  GeneratedArticle article;  // reused: its buffers keep their capacity
  for (uint64_t i = 0; max_bytes ? writer->bytes() < max_bytes : i < articles; ++i) {
    generator.Generate(i, &article, writer->writes_gold());
    KG_RETURN_IF_ERROR(writer->Write(article));
  }
  return Status::OK();
}

}  // namespace kg::cli
