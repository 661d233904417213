#include "ingest/article_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "test_support.h"
#include "util/schema_dir.h"

namespace kg {
namespace {

class ArticleReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = ArticleReader::Create(DefaultSchemaDir());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    reader_ = std::move(r).value();
  }

  // Reads `content` as a stream called `name`; returns the good articles.
  std::vector<ArticleText> Read(const std::string& name, const std::string& content) {
    std::istringstream in(content);
    std::vector<ArticleText> out;
    KG_EXPECT_OK(reader_->ReadStream(in, name, [&](ArticleText&& a) {
      out.push_back(std::move(a));
      return true;
    }));
    return out;
  }

  // Writes `content` to a file called `name` in a temporary directory.
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = dir_.Sub(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  std::vector<std::string> Errors() const {
    std::vector<std::string> out;
    for (const LineError& e : reader_->errors())
      out.push_back(e.ToString());
    return out;
  }

  // The one error that reading `content` as `name` gives.
  std::string OnlyError(const std::string& name, const std::string& content) {
    const size_t before = reader_->errors().size();
    const std::vector<ArticleText> articles = Read(name, content);
    EXPECT_TRUE(articles.empty()) << articles.size() << " articles read from " << content;
    if (reader_->errors().size() != before + 1) {
      ADD_FAILURE() << "expected one error, got " << reader_->errors().size() - before;
      return "";
    }
    return reader_->errors().back().ToString();
  }

  testing::TempDir dir_;
  std::unique_ptr<ArticleReader> reader_;
};

using Messages = std::vector<std::string>;

// "a-" and 16 lowercase hex digits.
bool IsDerivedId(const std::string& id) {
  if (id.size() != 18 || id.compare(0, 2, "a-") != 0) return false;
  return id.find_first_not_of("0123456789abcdef", 2) == std::string::npos;
}

constexpr char kBody[] = "Orbita Corp. said on Monday it would build a plant in Ohio.";

TEST_F(ArticleReaderTest, JsonFileWithOneArticle) {
  const auto articles = Read("feed/a.json", R"({
  "id": "orbita-ohio",
  "title": "Orbita to build Ohio plant",
  "date": "2024-03-05",
  "source": "Harbor Ledger",
  "url": "https://example.org/orbita",
  "body": "Orbita Corp. said on Monday it would build a plant in Ohio.",
  "tags": ["chips"], "wordcount": 12
})");
  ASSERT_EQ(articles.size(), 1u);
  const ArticleText& a = articles[0];
  EXPECT_EQ(a.id, "orbita-ohio");
  EXPECT_EQ(a.title, "Orbita to build Ohio plant");
  EXPECT_EQ(a.date, "2024-03-05");
  EXPECT_EQ(a.source, "Harbor Ledger");
  EXPECT_EQ(a.url, "https://example.org/orbita");
  EXPECT_EQ(a.body, kBody);
  EXPECT_EQ(a.file, "feed/a.json");
  EXPECT_EQ(a.line, 1u);
  EXPECT_TRUE(reader_->errors().empty());
  EXPECT_EQ(reader_->documents_read(), 1u);
}

TEST_F(ArticleReaderTest, JsonArrayGivesEachElementItsLine) {
  const auto articles = Read("batch.JSON",
                             "\n[\n"
                             "  {\"id\": \"one\", \"body\": \"First body.\"},\n"
                             "  {\"id\": \"two\",\n"
                             "   \"title\": \"no body\"},\n"
                             "  42,\n"
                             "  {\"id\": \"[three]\", \"body\": \"Third, with \\\"quotes\\\" and "
                             "[brackets], {braces}.\"},\n"
                             "  {\"body\": \"   \"}, {\"body\": \"Fifth.\", \"date\": \"2023\"}\n"
                             "]\n");
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0].id, "one");
  EXPECT_EQ(articles[0].line, 3u);
  EXPECT_EQ(articles[1].id, "[three]");
  EXPECT_EQ(articles[1].body, "Third, with \"quotes\" and [brackets], {braces}.");
  EXPECT_EQ(articles[1].line, 7u);
  EXPECT_EQ(articles[2].body, "Fifth.");
  EXPECT_EQ(articles[2].date, "2023");
  EXPECT_EQ(articles[2].line, 8u);
  EXPECT_EQ(Errors(), (Messages{"batch.JSON:4: missing required field 'body'",
                                "batch.JSON:6: the document: must be object, not integer",
                                "batch.JSON:8: the article body is empty"}));
  EXPECT_EQ(reader_->documents_read(), 6u);
}

TEST_F(ArticleReaderTest, EmptyJsonArrayHasNoArticles) {
  EXPECT_TRUE(Read("none.json", "[ ]").empty());
  EXPECT_TRUE(reader_->errors().empty());
  EXPECT_EQ(reader_->documents_read(), 0u);
}

TEST_F(ArticleReaderTest, JsonLinesSkipBlankLinesAndReportTheirLine) {
  const auto articles = Read("day.jsonl",
                             "{\"id\": \"a1\", \"body\": \"First.\"}\n"
                             "\n"
                             "   \t\n"
                             "{\"id\": \"a2\", \"body\": \"Second.\"}\r\n"
                             "{\"id\": \"a3\" \"body\": \"Third.\"}\n"
                             "{\"id\": \"a4\", \"body\": \"Fourth.\", \"date\": \"2023-02-30\"}\n"
                             "{\"id\": \"a5\", \"body\": \"Fifth.\"}");
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0].id, "a1");
  EXPECT_EQ(articles[0].line, 1u);
  EXPECT_EQ(articles[1].id, "a2");
  EXPECT_EQ(articles[1].body, "Second.");
  EXPECT_EQ(articles[1].line, 4u);
  EXPECT_EQ(articles[2].id, "a5");
  EXPECT_EQ(articles[2].line, 7u);
  EXPECT_EQ(Errors(), (Messages{"day.jsonl:5: invalid JSON: Missing a comma or '}' after an object "
                                "member at column 13",
                                "day.jsonl:6: field /date: '2023-02-30' is not a calendar date"}));
  EXPECT_EQ(reader_->documents_read(), 5u);
}

TEST_F(ArticleReaderTest, NdjsonIsJsonLines) {
  const auto articles = Read("x.ndjson", "{\"body\": \"One.\"}\n{\"body\": \"Two.\"}\n");
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[1].line, 2u);
}

TEST_F(ArticleReaderTest, TextWithHeaders) {
  const std::string body =
      "Orbita Corp. said on Monday\r\nit would build a plant.\n\n\u201CWe are ready,\u201D "
      "it said.  \n";
  const auto articles = Read("notes/orbita.txt",
                             "ID: orbita-1\n"
                             "Title:   Orbita builds  \n"
                             "date : 2024-03\n"
                             "source: Harbor Ledger\n"
                             "url: https://example.org/o\n"
                             "\n" +
                                 body);
  ASSERT_EQ(articles.size(), 1u);
  const ArticleText& a = articles[0];
  EXPECT_EQ(a.id, "orbita-1");
  EXPECT_EQ(a.title, "Orbita builds");
  EXPECT_EQ(a.date, "2024-03");
  EXPECT_EQ(a.source, "Harbor Ledger");
  EXPECT_EQ(a.url, "https://example.org/o");
  EXPECT_EQ(a.body, body);  // byte for byte
  EXPECT_EQ(a.file, "notes/orbita.txt");
  EXPECT_EQ(a.line, 1u);
  EXPECT_TRUE(reader_->errors().empty());
}

TEST_F(ArticleReaderTest, TextWithoutHeadersIsAllBody) {
  for (const std::string& text : {std::string("Orbita said so.\ntitle: not a header here\n"),
                                  std::string("Breaking: Orbita said so.\n\nMore text.\n"),
                                  std::string("\ntitle: after a blank first line\n\nBody.\n")}) {
    const auto articles = Read("plain", text);
    ASSERT_EQ(articles.size(), 1u);
    EXPECT_EQ(articles[0].body, text);
    EXPECT_EQ(articles[0].title, "");
  }
  EXPECT_TRUE(reader_->errors().empty());
  EXPECT_EQ(reader_->documents_read(), 3u);
}

TEST_F(ArticleReaderTest, HeadersEndedByABodyLineWithoutABlankLine) {
  const auto articles = Read("a.txt", "title: Short\nThe body starts here.\n");
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "Short");
  EXPECT_EQ(articles[0].body, "The body starts here.\n");
}

TEST_F(ArticleReaderTest, BadTextHeadersNameTheirLine) {
  EXPECT_EQ(OnlyError("a.txt", "title: T\ntitle: U\n\nBody.\n"),
            "a.txt:2: header 'title' is given twice");
  EXPECT_EQ(OnlyError("b.txt", "id: x\nsource: S\ndate: 2023-02-29\n\nBody.\n"),
            "b.txt:3: header 'date': '2023-02-29' is not a calendar date");
  EXPECT_EQ(OnlyError("c.txt", "Date: March 2023\n\nBody.\n"),
            "c.txt:1: header 'date': 'March 2023' is not a date YYYY-MM-DD (or YYYY-MM, or "
            "YYYY)");
  EXPECT_EQ(OnlyError("d.txt", "title: T\nid:   \n\nBody.\n"),
            "d.txt:2: header 'id': must not be blank");
  EXPECT_EQ(OnlyError("e.txt", "title: T\n\n  \n\t\n"), "e.txt:1: the article body is empty");
  EXPECT_EQ(OnlyError("f.txt", ""), "f.txt:1: the article body is empty");
}

TEST_F(ArticleReaderTest, SniffsJsonLinesInTextFiles) {
  const auto articles = Read("feed.txt",
                             "\n  {\"id\": \"s1\", \"body\": \"One.\"}\n{\"id\": \"s2\", \"body\": "
                             "\"Two.\"}\nnot json\n");
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].id, "s1");
  EXPECT_EQ(articles[0].line, 2u);
  EXPECT_EQ(articles[1].line, 3u);
  EXPECT_EQ(Errors(), Messages{"feed.txt:4: invalid JSON: Invalid value at column 2"});
}

TEST_F(ArticleReaderTest, TextThatOnlyLooksLikeJsonIsText) {
  for (const std::string& text : {std::string("{braces} open this article.\n"),
                                  std::string("{\n  \"body\": \"pretty-printed\"\n}\n"),
                                  std::string("[{\"body\": \"an array\"}]\n")}) {
    const auto articles = Read("note", text);
    ASSERT_EQ(articles.size(), 1u);
    EXPECT_EQ(articles[0].body, text);
  }
}

TEST_F(ArticleReaderTest, StandardInput) {
  std::istringstream in("title: From a pipe\n\nPiped body.\n");
  std::streambuf* saved = std::cin.rdbuf(in.rdbuf());
  std::vector<ArticleText> articles;
  const Status s = reader_->ReadFile("-", [&](ArticleText&& a) {
    articles.push_back(std::move(a));
    return true;
  });
  std::cin.rdbuf(saved);
  KG_ASSERT_OK(s);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "From a pipe");
  EXPECT_EQ(articles[0].body, "Piped body.\n");
  EXPECT_EQ(articles[0].file, "-");

  std::istringstream bad("{\"body\": \"x\"}\n{\"body\": 5}\n");
  saved = std::cin.rdbuf(bad.rdbuf());
  const Status s2 = reader_->ReadFile("-", [](ArticleText&&) { return true; });
  std::cin.rdbuf(saved);
  KG_ASSERT_OK(s2);
  EXPECT_EQ(Errors(), Messages{"<stdin>:2: field /body: must be string, not integer; expected "
                               "the non-blank text of the article"});
}

TEST_F(ArticleReaderTest, ReadsFilesAndReportsUnreadableOnes) {
  std::vector<ArticleText> articles;
  auto sink = [&](ArticleText&& a) {
    articles.push_back(std::move(a));
    return true;
  };
  KG_ASSERT_OK(reader_->ReadFile(Write("a.jsonl", "{\"body\": \"One.\"}\n"), sink));
  KG_ASSERT_OK(reader_->ReadFile(Write("b.json", "{\"body\": \"Two.\"}"), sink));
  KG_ASSERT_OK(reader_->ReadFile(Write("c", "Three.\n"), sink));
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0].file, dir_.Sub("a.jsonl"));
  EXPECT_EQ(articles[2].body, "Three.\n");

  const Status missing = reader_->ReadFile(dir_.Sub("missing.json"), sink);
  EXPECT_TRUE(missing.IsNotFound()) << missing.ToString();
  EXPECT_NE(missing.message().find(dir_.Sub("missing.json")), std::string::npos);
  const Status directory = reader_->ReadFile(dir_.path(), sink);
  EXPECT_TRUE(directory.IsIOError()) << directory.ToString();
  EXPECT_EQ(directory.message(), dir_.path() + ": is a directory, not an article file");
  EXPECT_TRUE(reader_->errors().empty());
}

TEST_F(ArticleReaderTest, SinkCanStopReading) {
  std::istringstream in("{\"body\": \"One.\"}\n{\"body\": \"Two.\"}\n{\"body\": \"Three.\"}\n");
  int calls = 0;
  KG_ASSERT_OK(reader_->ReadStream(in, "s.jsonl", [&](ArticleText&&) { return ++calls < 2; }));
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(reader_->documents_read(), 2u);

  std::istringstream array("[{\"body\": \"One.\"}, {\"body\": \"Two.\"}]");
  calls = 0;
  KG_ASSERT_OK(reader_->ReadStream(array, "s.json", [&](ArticleText&&) { return ++calls < 1; }));
  EXPECT_EQ(calls, 1);
}

TEST_F(ArticleReaderTest, EachKindOfBadJsonSaysWhatIsWrong) {
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": "x", "title": 3})"),
            "a.jsonl:1: field /title: must be string, not integer; expected the headline of "
            "the article");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"title": "no body"})"),
            "a.jsonl:1: missing required field 'body'");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": ""})"), "a.jsonl:1: the article body is empty");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": " \n\t "})"), "a.jsonl:1: the article body is empty");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": "x", "date": "March 2023"})"),
            "a.jsonl:1: field /date: must be a date YYYY-MM-DD (or YYYY-MM, or YYYY) (got "
            "\"March 2023\")");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": "x", "date": "2023-13"})"),
            "a.jsonl:1: field /date: '2023-13' is not a calendar date");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": "x", "id": "  "})"),
            "a.jsonl:1: field /id: must be a non-blank article id (got \"  \")");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": "x", "id": ""})"),
            "a.jsonl:1: field /id: must not be empty; expected a non-blank article id");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": "x", "url": null})"),
            "a.jsonl:1: field /url: must be string, not null; expected the address the article "
            "was published at");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": "x"} {"body": "y"})"),
            "a.jsonl:1: invalid JSON: The document root must not be followed by other values at "
            "column 15");
  EXPECT_EQ(OnlyError("a.jsonl", R"({"body": "\ud800"})"),
            "a.jsonl:1: invalid JSON: The surrogate pair in string is invalid at column 11");
}

TEST_F(ArticleReaderTest, DocumentsThatAreNotObjects) {
  EXPECT_EQ(OnlyError("a.jsonl", R"([{"body": "x"}])"),
            "a.jsonl:1: the document: must be object, not array");
  EXPECT_EQ(OnlyError("a.jsonl", R"("just a string")"),
            "a.jsonl:1: the document: must be object, not string");
  EXPECT_EQ(OnlyError("a.json", "\n\n  null\n"),
            "a.json:3: the document: must be object, not null");
  EXPECT_EQ(OnlyError("a.json", R"([[{"body": "x"}]])"),
            "a.json:1: the document: must be object, not array");
}

TEST_F(ArticleReaderTest, JsonFileSyntaxErrors) {
  EXPECT_EQ(OnlyError("trailing.json", "{\n  \"body\": \"x\",\n}\n"),
            "trailing.json:3: invalid JSON: Missing a name for object member at column 1");
  EXPECT_EQ(OnlyError("array.json", "[\n{\"body\": \"x\"},\n]"),
            "array.json:3: invalid JSON: Invalid value at column 1");
  EXPECT_EQ(OnlyError("empty.json", ""),
            "empty.json:1: invalid JSON: The document is empty at column 1");
  EXPECT_EQ(OnlyError("two.json", "{\"body\": \"x\"}\n{\"body\": \"y\"}\n"),
            "two.json:2: invalid JSON: The document root must not be followed by other values at "
            "column 1");
}

TEST_F(ArticleReaderTest, DeepNestingIsRejectedWithoutCrashing) {
  auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  // 63 levels under the article object is 64 in all: accepted.
  EXPECT_EQ(Read("ok.jsonl", "{\"body\": \"x\", \"extra\": " + nested(63) + "}").size(), 1u);
  EXPECT_EQ(OnlyError("deep.jsonl", "{\"body\": \"x\", \"extra\": " + nested(64) + "}"),
            "deep.jsonl:1: JSON nested deeper than 64 levels at column 87");
  EXPECT_EQ(OnlyError("deep.json", nested(200000)),
            "deep.json:1: JSON nested deeper than 64 levels at column 65");
  EXPECT_EQ(OnlyError("open.json", std::string(200000, '{')),
            "open.json:1: invalid JSON: Missing a name for object member at column 2");
  EXPECT_EQ(OnlyError("open.jsonl", std::string(200000, '[')),
            "open.jsonl:1: invalid JSON: Invalid value at column 200001");
  // Brackets inside strings do not count.
  EXPECT_EQ(Read("s.jsonl", "{\"body\": \"" + nested(100) + "\"}").size(), 1u);
}

TEST_F(ArticleReaderTest, StrictUtf8Validation) {
  EXPECT_EQ(FindInvalidUtf8(""), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("plain ASCII"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("caf\u00E9 \u534E\u4E3A \U0001F600 \U0010FFFF \uFFFF \u07FF"),
            std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ab\x80"), 2u);             // stray continuation byte
  EXPECT_EQ(FindInvalidUtf8("a\xC0\x80"), 1u);          // overlong NUL
  EXPECT_EQ(FindInvalidUtf8("a\xC1\xBF"), 1u);          // overlong 2-byte
  EXPECT_EQ(FindInvalidUtf8("ab\xE0\x80\x80"), 2u);     // overlong 3-byte
  EXPECT_EQ(FindInvalidUtf8("\xF0\x80\x80\x80"), 0u);   // overlong 4-byte
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);      // surrogate U+D800
  EXPECT_EQ(FindInvalidUtf8("x\xED\xBF\xBF"), 1u);      // surrogate U+DFFF
  EXPECT_EQ(FindInvalidUtf8("x\xF4\x90\x80\x80"), 1u);  // U+110000
  EXPECT_EQ(FindInvalidUtf8("x\xF5\x80\x80\x80"), 1u);  // lead byte past U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xFF"), 0u);
  EXPECT_EQ(FindInvalidUtf8("ok \xE2\x82"), 3u);   // truncated at the end
  EXPECT_EQ(FindInvalidUtf8("ok \xE2\x82x"), 3u);  // truncated before ASCII
  EXPECT_EQ(FindInvalidUtf8("\xF0\x9F\x98"), 0u);  // truncated 4-byte
  EXPECT_EQ(FindInvalidUtf8("\xC3"), 0u);
  // Past runs of ASCII that the check takes eight bytes at a time, at each
  // offset of the bad byte within a word.
  for (size_t ascii = 0; ascii < 40; ++ascii) {
    const std::string run(ascii, 'a');
    EXPECT_EQ(FindInvalidUtf8(run + "\xC3\x28" + run), ascii) << ascii;
    EXPECT_EQ(FindInvalidUtf8(run + "\xC3\xA9" + run + "\x80"), 2 * ascii + 2) << ascii;
    EXPECT_EQ(FindInvalidUtf8(run + "\xE2\x80\x9C" + run), std::string_view::npos) << ascii;
  }
}

TEST_F(ArticleReaderTest, InvalidUtf8InEachFormat) {
  EXPECT_EQ(OnlyError("a.jsonl", "{\"body\": \"caf\xC3\x28\"}"),
            "a.jsonl:1: invalid UTF-8 at byte offset 13");
  EXPECT_EQ(OnlyError("a.jsonl", "{\"body\": \"x\", \"note\": \"\xED\xA0\x80\"}"),
            "a.jsonl:1: invalid UTF-8 at byte offset 23");
  EXPECT_EQ(OnlyError("b.json", "{\n\"title\": \"ok\",\n\"body\": \"bad \xE0\x80\xAF\"\n}"),
            "b.json:3: invalid UTF-8 at byte offset 30");
  EXPECT_EQ(OnlyError("c.txt", "title: T\n\nFine line.\nBad \xF4\x90\x80\x80 line.\n"),
            "c.txt:4: invalid UTF-8 at byte offset 25");
  EXPECT_EQ(OnlyError("d.txt", "Truncated at the end \xE2\x80"),
            "d.txt:1: invalid UTF-8 at byte offset 21");
}

TEST_F(ArticleReaderTest, NulBytesAreInvalidJson) {
  // A NUL would otherwise end the text early: what follows it was ignored.
  EXPECT_EQ(OnlyError("a.jsonl", std::string("{\"body\": \"x\"}\0 and more", 24)),
            "a.jsonl:1: invalid JSON: a NUL byte (written \\u0000 inside a string) at column 14");
  EXPECT_EQ(OnlyError("b.jsonl", std::string("{\"body\": \"x\0y\"}", 15)),
            "b.jsonl:1: invalid JSON: a NUL byte (written \\u0000 inside a string) at column 12");
  EXPECT_EQ(OnlyError("c.json", std::string("{\n\"body\": \"x\"}\n\0", 17)),
            "c.json:3: invalid JSON: a NUL byte (written \\u0000 inside a string) at column 1");
  const auto escaped = Read("d.jsonl", "{\"body\": \"x\\u0000y\"}\n");
  ASSERT_EQ(escaped.size(), 1u);
  EXPECT_EQ(escaped[0].body, std::string("x\0y", 3));
}

TEST_F(ArticleReaderTest, StringsOfEveryLengthWithEscapesAnywhere) {
  // The parser copies strings in blocks of 16 bytes from an aligned
  // address: escapes, multibyte characters and the closing quote at every
  // position of a block, in bodies of every length around a few blocks.
  std::string lines;
  std::vector<std::string> expected;
  for (size_t length = 1; length < 70; ++length) {
    std::string body, json;
    for (size_t i = 0; i < length; ++i) {
      switch ((i * 7 + length) % 11) {
        case 0:
          body += '"';
          json += "\\\"";
          break;
        case 1:
          body += '\\';
          json += "\\\\";
          break;
        case 2:
          body += '\n';
          json += "\\n";
          break;
        case 3:
          body += "\u00E9";
          json += "\\u00e9";
          break;
        case 4:
          body += "\u201C";
          json += "\u201C";
          break;
        default:
          body += static_cast<char>('a' + i % 26);
          json += body.back();
      }
    }
    lines += "{\"id\": \"s" + std::to_string(length) + "\", \"body\": \"" + json + "\"}\n";
    expected.push_back(body);
  }
  const auto articles = Read("s.jsonl", lines);
  EXPECT_TRUE(Errors().empty()) << Errors().front();
  ASSERT_EQ(articles.size(), expected.size());
  for (size_t i = 0; i < articles.size(); ++i)
    EXPECT_EQ(articles[i].body, expected[i]) << "length " << i + 1;
}

TEST_F(ArticleReaderTest, ByteOrderMarksAreSkipped) {
  auto a = Read("bom.txt", "\xEF\xBB\xBFtitle: T\n\nBody.\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].title, "T");
  EXPECT_EQ(a[0].body, "Body.\n");
  a = Read("bom.jsonl", "\xEF\xBB\xBF{\"body\": \"B1\"}\n");
  ASSERT_EQ(a.size(), 1u);
  a = Read("bom.json", "\xEF\xBB\xBF{\"body\": \"B2\"}");
  ASSERT_EQ(a.size(), 1u);
  a = Read("bom", "\xEF\xBB\xBF{\"body\": \"B3\"}\n");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].body, "B3");
  EXPECT_EQ(OnlyError("bom.jsonl", "\xEF\xBB\xBF{\"body\": 1}"),
            "bom.jsonl:1: field /body: must be string, not integer; expected the non-blank text "
            "of the article");
  EXPECT_EQ(OnlyError("bom.jsonl", "\xEF\xBB\xBF{\"body\" 1}"),
            "bom.jsonl:1: invalid JSON: Missing a colon after a name of object member at column "
            "12");
}

TEST_F(ArticleReaderTest, StableIdsDependOnContentOnly) {
  const auto text =
      Read("one/x.txt",
           "title: Orbita builds\ndate: 2024-03-05\nsource: HL\nurl: u\n\n" + std::string(kBody));
  const auto json =
      Read("two/y.jsonl", R"({"title": "Orbita builds", "date": "2024-03-05", "source": "HL", )"
                          R"("url": "u", "body": ")" +
                              std::string(kBody) + "\"}\n");
  ASSERT_EQ(text.size(), 1u);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_TRUE(IsDerivedId(text[0].id)) << text[0].id;
  EXPECT_EQ(text[0].id, json[0].id);
  EXPECT_EQ(text[0].id, DeriveArticleId(text[0]));

  ArticleText a = text[0];
  const std::string id = DeriveArticleId(a);
  a.file = "elsewhere";
  a.line = 99;
  a.id = "ignored";
  EXPECT_EQ(DeriveArticleId(a), id);
  for (std::string ArticleText::*field :
       {&ArticleText::title, &ArticleText::date, &ArticleText::source, &ArticleText::url,
        &ArticleText::body}) {
    ArticleText changed = text[0];
    changed.*field += "!";
    EXPECT_NE(DeriveArticleId(changed), id);
  }
  // Fields are length-prefixed: moving text from one field to the next
  // changes the id.
  ArticleText x, y;
  x.title = "ab";
  x.source = "c";
  x.body = "b";
  y.title = "a";
  y.source = "bc";
  y.body = "b";
  EXPECT_NE(DeriveArticleId(x), DeriveArticleId(y));
  // The value is part of the store's format: it must never change.
  ArticleText fixed;
  fixed.title = "Orbita builds";
  fixed.date = "2024-03-05";
  fixed.body = "Body.";
  EXPECT_EQ(DeriveArticleId(fixed), "a-35118a2203a8fb55");
}

TEST_F(ArticleReaderTest, MissingSchemaIsAnError) {
  auto r = ArticleReader::Create(dir_.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("article.schema.json"), std::string::npos);
}

TEST_F(ArticleReaderTest, ArbitraryBytesNeverCrash) {
  std::mt19937 rng(20240305);
  const std::string alphabet = "{}[]\":,\\ \n\r\tabu0123456789.-e\xC3\xA9\xE2\x80\x9C\xFF\xED";
  const std::vector<std::string> seeds = {
      R"({"body": "x", "id": "y", "date": "2024-01-02", "more": [1, {"a": null}]})",
      "title: T\ndate: 2024-02-30\n\nBody.", "[{\"body\": \"a\"}, {\"body\": \"b\"}]"};
  size_t articles = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string input = seeds[round % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !input.empty(); ++e) {
      const size_t at = rng() % input.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          input[at] = c;
          break;
        case 1:
          input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        default:
          input.erase(at, 1);
      }
    }
    for (const char* name : {"f.json", "f.jsonl", "f.txt"}) {
      std::istringstream in(input);
      KG_ASSERT_OK(reader_->ReadStream(in, name, [&](ArticleText&& a) {
        EXPECT_FALSE(a.id.empty());
        EXPECT_EQ(FindInvalidUtf8(a.body), std::string_view::npos);
        ++articles;
        return true;
      }));
    }
  }
  EXPECT_GT(articles, 0u);
  EXPECT_FALSE(reader_->errors().empty());
}

}  // namespace
}  // namespace kg
