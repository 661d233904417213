#include <charconv>
#include <cstdint>
#include <iostream>
#include <string>

#include "tools/commands.h"
#include "tools/corpus_generator.h"
#include "tools/corpus_writer.h"
#include "util/schema_dir.h"

namespace kg::cli {

namespace {

constexpr uint64_t kBytesPerMb = 1000000;  // --mb counts decimal megabytes

bool ParseUint(const std::string& v, uint64_t* out) {
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
  return ec == std::errc() && ptr == v.data() + v.size() && !v.empty();
}

// "200" or "0.5" megabytes as a byte count, exactly (no floating point, so
// that the stopping point is the same everywhere).
bool ParseMegabytes(const std::string& v, uint64_t* bytes) {
  const size_t dot = v.find('.');
  uint64_t whole = 0, fraction = 0;
  if (!ParseUint(v.substr(0, dot), &whole) || whole > (UINT64_MAX / kBytesPerMb) - 1) return false;
  if (dot != std::string::npos) {
    std::string digits = v.substr(dot + 1);
    if (digits.empty() || digits.size() > 6 || !ParseUint(digits, &fraction)) return false;
    for (size_t i = digits.size(); i < 6; ++i)
      fraction *= 10;
  }
  *bytes = whole * kBytesPerMb + fraction;
  return *bytes > 0;
}

int RunGenerate(const Args& args) {
  if (!args.positional.empty()) {
    return UsageError("generate", "unexpected argument '" + args.positional[0] + "'");
  }
  uint64_t seed = 1;
  if (args.Has("seed") && !ParseUint(args.Get("seed"), &seed)) {
    return UsageError("generate",
                      "--seed needs a non-negative integer, not '" + args.Get("seed") + "'");
  }
  if (args.Has("articles") && args.Has("mb")) {
    return UsageError("generate", "give --articles or --mb, not both");
  }
  uint64_t articles = 100, bytes = 0;
  if (args.Has("articles") && (!ParseUint(args.Get("articles"), &articles) || articles == 0)) {
    return UsageError("generate",
                      "--articles needs a positive integer, not '" + args.Get("articles") + "'");
  }
  if (args.Has("mb") && !ParseMegabytes(args.Get("mb"), &bytes)) {
    return UsageError("generate",
                      "--mb needs a positive number of megabytes (such as 200 or 0.5), "
                      "not '" +
                          args.Get("mb") + "'");
  }
  CorpusWriterOptions options;
  options.out = args.Get("out", "-");
  if (options.out.empty()) return UsageError("generate", "--out needs a path (or - for stdout)");
  options.mixed = args.Has("mixed");
  options.files = options.mixed ? 4 : 1;
  if (args.Has("files")) {
    uint64_t files = 0;
    if (!ParseUint(args.Get("files"), &files) || files == 0 || files > 100000) {
      return UsageError(
          "generate", "--files needs an integer from 1 to 100000, not '" + args.Get("files") + "'");
    }
    options.files = static_cast<size_t>(files);
  }
  if ((options.files > 1 || options.mixed) && options.out == "-") {
    return UsageError("generate", "--files and --mixed write a folder: give --out DIR");
  }
  if (args.Has("gold")) {
    options.gold_dir = args.Get("gold");
    if (options.gold_dir.empty()) return UsageError("generate", "--gold needs a folder");
  }

  auto generator = CorpusGenerator::Load(args.Get("schemas", DefaultSchemaDir()), seed);
  if (!generator.ok()) return Fail(generator.status());
  if (!(*generator)->relations_without_templates().empty()) {
    std::string names;
    for (const std::string& r : (*generator)->relations_without_templates())
      names += (names.empty() ? "" : ", ") + r;
    std::cerr << "kg: warning: no sentence templates for " << names
              << "; the corpus will not state them\n";
  }
  auto writer = CorpusWriter::Open(options);
  if (!writer.ok()) return Fail(writer.status());

  if (Status s = WriteCorpus(**generator, articles, bytes, writer->get()); !s.ok()) return Fail(s);
  if (Status s = (*writer)->Close(); !s.ok()) return Fail(s);
  // On standard error: standard output may be the corpus itself.
  std::cerr << "generated " << (*writer)->articles() << " articles (" << (*writer)->bytes()
            << " bytes)";
  if (!options.gold_dir.empty()) {
    std::cerr << " and " << (*writer)->gold_triples() << " gold triples in " << options.gold_dir;
  }
  std::cerr << "\n";
  return kExitOk;
}

}  // namespace

const Command& GenerateCommand() {
  static const Command command{
      "generate",
      "write synthetic news articles and their gold triples",
      "kg generate [options]",
      "Writes synthetic articles about the technology rivalry, built from sentence\n"
      "templates over the gazetteer: facts of every relation of the ontology (active,\n"
      "passive and nominal, with items, amounts, shares, times and places; hedged and\n"
      "negated variants; aliases; invented company names), and sentences that state\n"
      "nothing. --gold DIR writes the triples each article states in the gold format\n"
      "of kg eval. The same seed and flags give byte-identical output anywhere, and\n"
      "article N is the same whatever the split into files. Stops after --articles N\n"
      "(default 100) or once --mb N megabytes (10^6 bytes, before compression) are\n"
      "written. With --files N or --mixed, --out is a folder of shards part-NNNNN,\n"
      "filled round-robin; --mixed cycles them through .jsonl, .json (an array),\n"
      "plain text (one <id>.txt per article) and .jsonl.gz (default 4 shards).",
      {
          {"seed", "N", "random seed (default 1)"},
          {"articles", "N", "stop after N articles (default 100)"},
          {"mb", "N", "stop once N megabytes of articles are written (may be fractional)"},
          {"out", "PATH", "a .jsonl (.json, .jsonl.gz) file, - for stdout (default), or a folder"},
          {"files", "N", "split into N shards in the --out folder"},
          {"mixed", "", "shards in every format the reader takes (.jsonl, .json, .txt, .jsonl.gz)"},
          {"gold", "DIR", "write the gold triples there, one file per shard"},
          {"schemas", "DIR", "folder with the ontology, gazetteer, lexicon and relations"},
      },
      RunGenerate,
  };
  return command;
}

}  // namespace kg::cli
