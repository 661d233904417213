// Listing a corpus (ingest/corpus_files.h) and reading compressed input
// (ingest/input_stream.h).
#include "ingest/corpus_files.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ingest/input_stream.h"
#include "tests/test_support.h"

namespace kg {
namespace {

using testing::TempDir;

void Write(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string Gzip(const std::string& text) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, text.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::vector<std::string> Relative(const CorpusListing& listing, const std::string& root) {
  std::vector<std::string> out;
  for (const CorpusFile& f : listing.files)
    out.push_back(f.path.rfind(root, 0) == 0 ? f.path.substr(root.size() + 1) : f.path);
  return out;
}

struct ReadOutcome {
  std::string text;
  std::string error;
  bool compressed = false;
  uint64_t raw = 0;
};

ReadOutcome ReadAll(const std::string& path) {
  ReadOutcome r;
  auto input = InputStream::Open(path);
  EXPECT_TRUE(input.ok()) << input.status().ToString();
  if (!input.ok()) return r;
  r.text.assign(std::istreambuf_iterator<char>((*input)->stream()), {});
  r.error = (*input)->error();
  r.compressed = (*input)->compressed();
  r.raw = (*input)->raw_bytes_read();
  return r;
}

TEST(CorpusFilesTest, WalksDirectoriesInNameOrderTakingArticleFiles) {
  TempDir tmp;
  const std::string root = tmp.Sub("news");
  for (const char* name : {"b.jsonl", "a.txt", "c.JSON", "d.ndjson.gz", "sub/z.jsonl.GZ",
                           "sub/e.txt", "notes.md", "image.png", ".hidden.jsonl", ".git/x.jsonl"}) {
    Write(root + "/" + name, "x");
  }
  auto listing = ListCorpus({root});
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(Relative(*listing, root),
            (std::vector<std::string>{"a.txt", "b.jsonl", "c.JSON", "d.ndjson.gz", "sub/e.txt",
                                      "sub/z.jsonl.GZ"}));
  EXPECT_EQ(listing->other_files, 2u);
  EXPECT_EQ(listing->total_bytes, 6u);
  EXPECT_FALSE(listing->has_stdin);
}

TEST(CorpusFilesTest, NamedFilesAreTakenWhateverTheirNameAndListedOnce) {
  TempDir tmp;
  Write(tmp.Sub("d/notes.md"), "abc");
  Write(tmp.Sub("d/a.jsonl"), "abcd");
  auto listing =
      ListCorpus({tmp.Sub("d/notes.md"), tmp.Sub("d"), tmp.Sub("d/../d/a.jsonl"), "-", "-"});
  ASSERT_TRUE(listing.ok());
  EXPECT_EQ(Relative(*listing, tmp.path()),
            (std::vector<std::string>{"d/notes.md", "d/a.jsonl", "-"}));
  EXPECT_TRUE(listing->has_stdin);
  EXPECT_EQ(listing->total_bytes, 7u);
}

TEST(CorpusFilesTest, PatternsExpandAndDoubleStarCrossesDirectories) {
  TempDir tmp;
  for (const char* name : {"2023/jan.jsonl", "2023/feb.txt", "2024/q1/mar.jsonl", "top.jsonl"})
    Write(tmp.Sub(name), "x");
  auto shallow = ListCorpus({tmp.Sub("202?/*.jsonl")});
  ASSERT_TRUE(shallow.ok()) << shallow.status().ToString();
  EXPECT_EQ(Relative(*shallow, tmp.path()), (std::vector<std::string>{"2023/jan.jsonl"}));
  auto deep = ListCorpus({tmp.Sub("**/*.jsonl")});
  ASSERT_TRUE(deep.ok()) << deep.status().ToString();
  EXPECT_EQ(Relative(*deep, tmp.path()),
            (std::vector<std::string>{"2023/jan.jsonl", "2024/q1/mar.jsonl", "top.jsonl"}));
  // A pattern that matches a directory takes its article files.
  auto dirs = ListCorpus({tmp.Sub("2024*")});
  ASSERT_TRUE(dirs.ok());
  EXPECT_EQ(Relative(*dirs, tmp.path()), (std::vector<std::string>{"2024/q1/mar.jsonl"}));
}

TEST(CorpusFilesTest, NothingThereIsAnErrorBeforeAnythingIsRead) {
  TempDir tmp;
  auto missing = ListCorpus({tmp.Sub("nope.jsonl")});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nope.jsonl: No such file or directory"),
            std::string::npos)
      << missing.status().message();
  auto unmatched = ListCorpus({tmp.Sub("*.jsonl")});
  ASSERT_FALSE(unmatched.ok());
  EXPECT_NE(unmatched.status().message().find("matches no file"), std::string::npos);
}

TEST(CorpusFilesTest, ArticleFileNames) {
  for (const char* yes :
       {"a.txt", "a.TEXT", "a.json", "a.jsonl", "a.ndjson", "a.jsonl.gz", "x.y.JSON.GZ"})
    EXPECT_TRUE(IsArticleFileName(yes)) << yes;
  for (const char* no : {"a.gz", "a.md", "jsonl", ".jsonl.bak", "a.tar.gz", "a.txt.zip"})
    EXPECT_FALSE(IsArticleFileName(no)) << no;
}

TEST(InputStreamTest, ReadsPlainAndCompressedByContentNotName) {
  TempDir tmp;
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text += "line " + std::to_string(i) + "\n";
  Write(tmp.Sub("plain.jsonl"), text);
  Write(tmp.Sub("packed.jsonl.gz"), Gzip(text));
  Write(tmp.Sub("misnamed.jsonl"), Gzip(text));
  // Two members back to back, as `cat a.gz b.gz` makes.
  Write(tmp.Sub("two.gz"), Gzip(text) + Gzip("tail\n"));

  const ReadOutcome plain = ReadAll(tmp.Sub("plain.jsonl"));
  EXPECT_EQ(plain.text, text);
  EXPECT_FALSE(plain.compressed);
  EXPECT_EQ(plain.raw, text.size());
  for (const char* name : {"packed.jsonl.gz", "misnamed.jsonl"}) {
    const ReadOutcome r = ReadAll(tmp.Sub(name));
    EXPECT_EQ(r.text, text) << name;
    EXPECT_TRUE(r.compressed) << name;
    EXPECT_EQ(r.error, "") << name;
    EXPECT_EQ(r.raw, std::filesystem::file_size(tmp.Sub(name))) << name;
  }
  const ReadOutcome two = ReadAll(tmp.Sub("two.gz"));
  EXPECT_EQ(two.text, text + "tail\n");
  EXPECT_EQ(two.error, "");
  EXPECT_EQ(WithoutGzipSuffix("a.jsonl.GZ"), "a.jsonl");
  EXPECT_EQ(WithoutGzipSuffix("a.jsonl"), "a.jsonl");
}

TEST(InputStreamTest, BrokenCompressedDataIsAnErrorAfterWhatCameBefore) {
  TempDir tmp;
  std::string text;
  for (int i = 0; i < 50000; ++i)
    text += "row " + std::to_string(i) + "\n";
  const std::string packed = Gzip(text);
  Write(tmp.Sub("cut.gz"), packed.substr(0, packed.size() / 2));
  const ReadOutcome cut = ReadAll(tmp.Sub("cut.gz"));
  EXPECT_NE(cut.error.find("cut.gz: unexpected end of compressed data"), std::string::npos)
      << cut.error;
  EXPECT_GT(cut.text.size(), 0u);
  EXPECT_EQ(text.compare(0, cut.text.size(), cut.text), 0);  // a prefix, nothing made up

  std::string corrupt = packed;
  for (size_t i = corrupt.size() / 3; i < corrupt.size() / 3 + 64; ++i)
    corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  Write(tmp.Sub("corrupt.gz"), corrupt);
  const ReadOutcome bad = ReadAll(tmp.Sub("corrupt.gz"));
  EXPECT_NE(bad.error.find("corrupt.gz: corrupt compressed data near byte"), std::string::npos)
      << bad.error;

  auto missing = InputStream::Open(tmp.Sub("missing.gz"));
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsNotFound());
  auto dir = InputStream::Open(tmp.path());
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("is a directory"), std::string::npos);
}

}  // namespace
}  // namespace kg
