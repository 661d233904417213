#include <charconv>
#include <iostream>
#include <string>
#include <string_view>

#include "query/output.h"
#include "query/session.h"
#include "tools/blocs.h"
#include "tools/commands.h"
#include "tools/query_command.h"
#include "util/file.h"

namespace kg::cli {

namespace {

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// What a run of several sources has done so far.
struct Progress {
  int errors = 0;
  bool stop = false;  // .quit, or --bail after an error
};

void Account(const query::RunResult& r, bool bail, Progress* p) {
  p->errors += r.errors;
  p->stop = r.quit || (bail && r.errors > 0);
}

// Standard input, a statement at a time: a pipe that stays open (a
// generator, a FIFO) gets each result as soon as its statement is whole,
// and a long script is never held in memory at once. Line numbers stay
// those of the whole input.
void RunStream(query::Session& session, std::istream& in, bool bail, Progress* p) {
  std::string buffer, line;
  int line_number = 0, buffer_line = 1;
  while (!p->stop && std::getline(in, line)) {
    ++line_number;
    if (buffer.empty()) buffer_line = line_number;
    buffer += line;
    buffer += '\n';
    if (!query::Session::IsComplete(buffer)) continue;
    if (!IsBlank(buffer))
      Account(session.Run(buffer, "<stdin>", std::cout, std::cerr, buffer_line), bail, p);
    buffer.clear();
  }
  // The last statement of a script may omit its ';'.
  if (!p->stop && !IsBlank(buffer))
    Account(session.Run(buffer, "<stdin>", std::cout, std::cerr, buffer_line), bail, p);
}

}  // namespace

const std::vector<FlagSpec>& OutputFlags() {
  static const std::vector<FlagSpec> flags = {
      {"mode", "MODE", "table (default), json, jsonl or csv"},
      {"maxrows", "N", "table mode: show at most N rows of a result (0: all)"},
  };
  return flags;
}

Result<query::SessionOptions> SessionOptionsFromArgs(const Args& args) {
  query::SessionOptions options;
  options.db_path = StorePath(args);
  if (args.Has("mode") && !query::ParseOutputMode(args.Get("mode"), &options.output.mode)) {
    return Status::InvalidArgument("--mode must be table, json, jsonl or csv, not '" +
                                   args.Get("mode") + "'");
  }
  if (args.Has("json")) {
    if (args.Has("mode") && options.output.mode != query::OutputMode::kJson) {
      return Status::InvalidArgument("--json and --mode " + args.Get("mode") + " disagree");
    }
    options.output.mode = query::OutputMode::kJson;
  }
  if (args.Has("maxrows")) {
    const std::string v = args.Get("maxrows");
    size_t n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || v.empty()) {
      return Status::InvalidArgument("--maxrows needs a number of rows (0: all), not '" + v + "'");
    }
    options.output.max_rows = n;
  }
  options.bail = args.Has("bail");
  options.bloc_of = BlocOf;
  return options;
}

int RunQuery(const Args& args) {
  if (!args.positional.empty()) {
    return UsageError("query", "unexpected argument '" + args.positional[0] +
                                   "' (statements go after -e, a script after -f)");
  }
  auto options = SessionOptionsFromArgs(args);
  if (!options.ok()) return UsageError("query", options.status().message());
  const bool bail = options->bail;
  query::Session session(std::move(*options));
  Progress progress;
  bool sources = false;
  for (const auto& [flag, value] : args.ordered) {
    if (progress.stop) break;
    if (flag == "execute") {
      sources = true;
      Account(session.Run(value, "-e", std::cout, std::cerr), bail, &progress);
    } else if (flag == "file") {
      sources = true;
      if (value == "-") {
        RunStream(session, std::cin, bail, &progress);
        continue;
      }
      auto text = ReadFileToString(value);
      if (!text.ok()) {
        // Like a failed statement: counted, and the end of the run with --bail.
        Fail(text.status());
        Account(query::RunResult{1, false}, bail, &progress);
        continue;
      }
      Account(session.Run(*text, value, std::cout, std::cerr), bail, &progress);
    }
  }
  if (!sources) RunStream(session, std::cin, bail, &progress);
  std::cout.flush();
  return progress.errors > 0 ? kExitFailure : kExitOk;
}

namespace {

std::vector<FlagSpec> QueryFlags() {
  std::vector<FlagSpec> flags = {
      {"execute", "TEXT", "run the statements and meta commands of TEXT", 'e'},
      {"file", "FILE", "run the script FILE (- for standard input)", 'f'},
      {"bail", "", "stop at the first statement that fails"},
      {"json", "", "print results as JSON (the same as --mode json)"},
  };
  for (const auto& f : OutputFlags())
    flags.push_back(f);
  return flags;
}

}  // namespace

const Command& QueryCommand() {
  static const Command command{
      "query",
      "run query statements from -e, a file or standard input (for scripts)",
      "kg query [options] [-e STATEMENTS]... [-f FILE]...",
      "Runs statements of the query language, and meta commands such as .schema,\n"
      "without a prompt: the text of each -e and each -f FILE in the order given, or\n"
      "else standard input. A statement ends with ';' (the last of a text may omit\n"
      "it); a line that starts with '.' is a meta command. Results go to standard\n"
      "output, errors to standard error as SOURCE:LINE:COL, where SOURCE is -e, the\n"
      "file's path or <stdin>. The store is opened for reading, so queries run while\n"
      "an ingest writes. `kg shell` is the interactive counterpart.\n"
      "\n"
      "Exit status: 0 when every statement succeeded, 1 when one failed (all the\n"
      "others still run unless --bail), 2 for a usage error.\n"
      "\n"
      "examples:\n"
      "  kg query -e 'MATCH ?a restricts ?b RETURN ?a, ?b LIMIT 3;'\n"
      "  kg query --json -e 'MATCH ?a restricts China RETURN ?a;' | python3 -m json.tool\n"
      "  kg query --bail -f report.kgq > report.txt\n"
      "  echo .stats | kg query",
      QueryFlags(),
      RunQuery,
  };
  return command;
}

}  // namespace kg::cli
