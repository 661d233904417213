#include "query/session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/projection.h"
#include "graph/store.h"
#include "query/catalog.h"
#include "query/help.h"
#include "query/lexer.h"
#include "query/parser.h"
#include "query/statement.h"
#include "util/suggest.h"

namespace kg::query {

namespace {

// .read may nest, but not forever (a file that reads itself).
constexpr int kMaxReadDepth = 16;

const std::vector<std::string>& MetaCommands() {
  static const std::vector<std::string> names = {".help",    ".schema", ".stats", ".mode", ".timer",
                                                 ".maxrows", ".open",   ".read",  ".quit", ".exit"};
  return names;
}

// The text of line `line` (1-based, counted from first_line) of `text`.
std::string_view LineAt(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  begin = (begin == std::string_view::npos || (offset == 0 && text[0] != '\n')) ? 0 : begin + 1;
  if (offset > 0 && text[offset - 1] == '\n') begin = offset;
  size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  return text.substr(begin, end - begin);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsWordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '-' || u >= 0x80;
}

}  // namespace

struct Session::State {
  std::unique_ptr<Store> store;
  std::unique_ptr<EntityCatalog> catalog;
  ProjectionCache projections;
  int read_depth = 0;

  void Close() {
    catalog.reset();
    projections = ProjectionCache();
    store.reset();
  }
};

Session::Session(SessionOptions options)
    : options_(std::move(options)), state_(std::make_unique<State>()) {}

Session::~Session() = default;

namespace {

// Writes "SOURCE:LINE:COL: error: MESSAGE", the line, and a caret.
void ReportError(const QueryError& e, std::string_view text, std::string_view source,
                 const SourcePos& statement_pos, std::ostream& err) {
  if (!e.located) {
    err << source << ":" << statement_pos.line << ": error: " << e.message << "\n";
    return;
  }
  err << source << ":" << e.pos.line << ":" << e.pos.column << ": error: " << e.message << "\n";
  const std::string_view line = LineAt(text, e.pos.offset);
  if (line.empty()) return;
  std::string shown(line);
  for (char& c : shown)
    if (c == '\t') c = ' ';
  err << "  " << shown << "\n  ";
  const size_t col = static_cast<size_t>(std::max(1, e.pos.column)) - 1;
  size_t width = std::max<size_t>(e.length, 1);
  // Under the line's own text; one caret past its end for "end of input".
  width = col < line.size() ? std::min(width, line.size() - col) : 1;
  // Columns count bytes; the caret lines up under ASCII and stays on the
  // right token under UTF-8 because the prefix is copied byte for byte
  // with non-blanks turned into spaces per code point.
  for (size_t i = 0; i < col && i < line.size(); ++i) {
    const auto u = static_cast<unsigned char>(line[i]);
    if ((u & 0xC0) != 0x80) err << ' ';
  }
  err << std::string(width, '^') << "\n";
}

}  // namespace

RunResult Session::Run(std::string_view text, std::string_view source, std::ostream& out,
                       std::ostream& err, int first_line) {
  RunResult result;
  SourcePos start;
  start.line = first_line;
  for (const ScriptPart& part : SplitScript(text, start)) {
    bool ok = true;
    cancel_.store(false, std::memory_order_relaxed);
    const auto t0 = std::chrono::steady_clock::now();
    if (part.kind == ScriptPart::Kind::kMeta) {
      std::string message;
      ok = RunMeta(part.text, out, err, &result, &message);
      if (!ok) err << source << ":" << part.pos.line << ": error: " << message << "\n";
    } else {
      QueryError error;
      ok = RunOne(part, out, err, &error);
      if (!ok) ReportError(error, text, source, part.pos, err);
    }
    if (options_.timer && part.kind == ScriptPart::Kind::kStatement) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      char buf[64];
      std::snprintf(buf, sizeof buf, "Run Time: %.3f s\n", s);
      err << buf;
    }
    if (!ok) {
      ++result.errors;
      if (options_.bail) break;
      // Ctrl-C stops what was typed with the statement too, as in sqlite3.
      if (cancel_.load(std::memory_order_relaxed)) break;
    }
    if (result.quit) break;
  }
  out.flush();
  err.flush();
  return result;
}

bool Session::OpenStore(QueryError* error) {
  if (state_->store) {
    const Status s = state_->store->Refresh();
    if (!s.ok()) return FailStatus(s, error);
    state_->catalog->Sync();
    return true;
  }
  if (options_.db_path.empty()) {
    *error = {"no store is open (.open PATH)", SourcePos(), 0, false};
    return false;
  }
  auto opened = Store::OpenForRead(options_.db_path);
  if (!opened.ok()) {
    std::string message = opened.status().message();
    if (opened.status().IsNotFound()) {
      message += " (build one with `kg ingest` or `kg import`, or .open another)";
    }
    *error = {message, SourcePos(), 0, false};
    return false;
  }
  state_->store = std::move(*opened);
  state_->catalog = std::make_unique<EntityCatalog>(*state_->store);
  state_->catalog->Sync();
  return true;
}

bool Session::RunOne(const ScriptPart& part, std::ostream& out, std::ostream& err,
                     QueryError* error) {
  ParseOutcome parsed = ParseStatement(part.text, part.pos);
  if (!parsed.ok) {
    *error = parsed.error;
    return false;
  }
  if (!OpenStore(error)) return false;
  auto sink = MakeOutput(out, err, options_.output);
  StatementContext c;
  c.store = state_->store.get();
  c.catalog = state_->catalog.get();
  c.projections = &state_->projections;
  c.cancel = &cancel_;
  c.sink = sink.get();
  c.bloc_of = options_.bloc_of;
  return RunStatement(parsed.statement, c, error);
}

bool Session::RunMeta(std::string_view line, std::ostream& out, std::ostream& err,
                      RunResult* result, std::string* message) {
  std::vector<std::string> words;
  {
    std::istringstream in{std::string(line)};
    std::string w;
    while (in >> w)
      words.push_back(w);
  }
  const std::string command = Lower(words[0]);
  const std::string arg = words.size() > 1 ? words[1] : "";
  // The rest of the line after the command (paths may hold spaces).
  std::string rest(line.substr(std::min(line.size(), words[0].size())));
  rest.erase(0, rest.find_first_not_of(" \t"));
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'') && rest.size() >= 2 &&
      rest.back() == rest.front()) {
    rest = rest.substr(1, rest.size() - 2);
  }
  auto usage = [&](const std::string& m) {
    *message = m;
    return false;
  };
  if (command == ".quit" || command == ".exit") {
    result->quit = true;
    return true;
  }
  if (command == ".help") {
    const std::string page = HelpText(arg);
    if (page.empty()) {
      std::string topics;
      for (const auto& t : HelpTopics())
        topics += " " + t;
      return usage("no help on '" + arg + "'; topics:" + topics);
    }
    out << page;
    return true;
  }
  if (command == ".mode") {
    OutputMode mode;
    if (!ParseOutputMode(Lower(arg), &mode)) {
      return usage(".mode takes table, json, jsonl or csv" +
                   (arg.empty() ? std::string() : ", not '" + arg + "'"));
    }
    options_.output.mode = mode;
    return true;
  }
  if (command == ".timer") {
    const std::string v = Lower(arg);
    if (v != "on" && v != "off") return usage(".timer takes on or off");
    options_.timer = v == "on";
    return true;
  }
  if (command == ".maxrows") {
    char* end = nullptr;
    const long long n = arg.empty() ? -1 : std::strtoll(arg.c_str(), &end, 10);
    if (arg.empty() || *end != '\0' || n < 0) {
      return usage(".maxrows takes a number of rows (0: show all)");
    }
    options_.output.max_rows = static_cast<size_t>(n);
    return true;
  }
  if (command == ".open") {
    if (rest.empty()) return usage(".open takes the path of a store");
    auto opened = Store::OpenForRead(rest);
    if (!opened.ok()) return usage(opened.status().message());
    state_->Close();
    state_->store = std::move(*opened);
    state_->catalog = std::make_unique<EntityCatalog>(*state_->store);
    options_.db_path = rest;
    out << "opened " << rest << "\n";
    return true;
  }
  if (command == ".read") {
    if (rest.empty()) return usage(".read takes a file of statements");
    if (state_->read_depth >= kMaxReadDepth) {
      return usage(".read nested more than " + std::to_string(kMaxReadDepth) + " deep");
    }
    std::ifstream in(rest, std::ios::binary);
    if (!in) return usage("cannot read '" + rest + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    ++state_->read_depth;
    const RunResult r = Run(buffer.str(), rest, out, err);
    --state_->read_depth;
    if (r.quit) result->quit = true;
    if (r.errors) return usage(rest + ": " + std::to_string(r.errors) + " statement(s) failed");
    return true;
  }
  if (command == ".schema" || command == ".stats") {
    QueryError error;
    if (!OpenStore(&error)) return usage(error.message);
    auto stats = state_->store->GetStats();
    if (!stats.ok()) return usage(stats.status().message());
    auto sink = MakeOutput(out, err, options_.output);
    if (command == ".schema") {
      sink->BeginTable(
          "relations",
          {{"relation", false}, {"symmetric", false}, {"triples", true}, {"evidence", true}});
      for (const auto& r : stats->relations)
        sink->Row({Value::Text(r.relation.name), Value::Text(r.relation.symmetric ? "yes" : ""),
                   Value::Int(static_cast<int64_t>(r.triples)),
                   Value::Int(static_cast<int64_t>(r.evidence))});
      sink->EndTable("");
      sink->BeginTable("entity types", {{"type", false}, {"entities", true}});
      for (const auto& t : stats->types)
        sink->Row({Value::Text(t.type.name), Value::Int(static_cast<int64_t>(t.entities))});
      sink->EndTable("");
      return true;
    }
    sink->BeginTable("", {{"measure", false}, {"value", false}});
    sink->Row({Value::Text("store"), Value::Text(state_->store->path())});
    sink->Row({Value::Text("articles"), Value::Int(static_cast<int64_t>(stats->articles))});
    sink->Row({Value::Text("entities"), Value::Int(static_cast<int64_t>(stats->entities))});
    sink->Row({Value::Text("triples"), Value::Int(static_cast<int64_t>(stats->triples))});
    sink->Row({Value::Text("evidence"), Value::Int(static_cast<int64_t>(stats->evidence))});
    auto bytes = state_->store->DiskUsageBytes();
    if (bytes.ok()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(*bytes) / 1e6);
      sink->Row({Value::Text("disk"), Value::Text(buf)});
    }
    sink->EndTable("");
    return true;
  }
  const std::string guess = ClosestMatch(command, MetaCommands());
  return usage("unknown command '" + words[0] + "'" +
               (guess.empty() ? "" : " (did you mean " + guess + "?)") + "; see .help");
}

bool Session::IsComplete(std::string_view text) {
  const auto parts = SplitScript(text);
  if (parts.empty()) return true;
  const ScriptPart& last = parts.back();
  return last.kind == ScriptPart::Kind::kMeta || last.terminated;
}

std::vector<std::string> Session::Complete(std::string_view line) {
  // The word being typed: from an unclosed quote, else the trailing run of
  // word characters (with a leading '?' or '.').
  size_t start = line.size();
  bool quoted = false;
  {
    char open = 0;
    size_t at = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if (open) {
        if (line[i] == open) open = 0;
      } else if (line[i] == '"' || line[i] == '\'') {
        open = line[i];
        at = i;
      }
    }
    if (open) {
      start = at;
      quoted = true;
    } else {
      while (start > 0 && IsWordByte(line[start - 1]))
        --start;
      if (start > 0 && (line[start - 1] == '?' || line[start - 1] == '.')) --start;
    }
  }
  const std::string word(line.substr(start));
  std::vector<std::string> out;
  auto starts_with = [](std::string_view s, std::string_view prefix) {
    if (prefix.size() > s.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s[i])) !=
          std::tolower(static_cast<unsigned char>(prefix[i])))
        return false;
    return true;
  };
  const bool first_word = line.substr(0, start).find_first_not_of(" \t") == std::string_view::npos;
  if (!quoted && !word.empty() && word[0] == '.') {
    if (first_word) {
      for (const auto& m : MetaCommands())
        if (starts_with(m, word)) out.push_back(m);
    }
    return out;
  }
  if (!quoted && !word.empty() && word[0] == '?') {
    // Variables already typed in the line.
    for (size_t i = 0; i < start; ++i) {
      if (line[i] != '?') continue;
      size_t j = i + 1;
      while (j < line.size() && IsWordByte(line[j]) && line[j] != '-')
        ++j;
      const std::string v(line.substr(i, j - i));
      if (v.size() > 1 && starts_with(v, word) &&
          std::find(out.begin(), out.end(), v) == out.end()) {
        out.push_back(v);
      }
    }
    return out;
  }
  const std::string prefix = quoted ? word.substr(1) : word;
  if (!quoted) {
    for (const auto& k : Keywords())
      if (starts_with(k, prefix)) out.push_back(k);
  }
  QueryError ignored;
  if (!OpenStore(&ignored)) return out;
  const Store& store = *state_->store;
  if (!quoted) {
    for (const auto& r : store.relations())
      if (starts_with(r.name, prefix)) out.push_back(r.name);
    for (const auto& t : store.entity_types())
      if (starts_with(t.name, prefix)) out.push_back(t.name);
  }
  if (prefix.empty() && !quoted) return out;
  // Entity names: a scan of the dictionary, capped; good for the stores a
  // person browses (a million entities take a moment).
  const char q = quoted ? word[0] : '"';
  size_t found = 0;
  const Status s = store.ScanEntities([&](const Entity& e) {
    if (!starts_with(e.name, prefix)) return true;
    const bool plain = !quoted && std::all_of(e.name.begin(), e.name.end(), [](char ch) {
      return IsWordByte(ch);
    }) && !std::isdigit(static_cast<unsigned char>(e.name[0]));
    out.push_back(plain ? e.name : std::string(1, q) + e.name + q);
    return ++found < 200;
  });
  (void)s;  // completion is best effort
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace kg::query
