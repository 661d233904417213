// Session: what the shell and `kg query` talk to. It holds the open store,
// the output settings (.mode, .maxrows, .timer) and the projections it has
// built, and runs text made of statements and meta commands.
//
//   Session s(options);
//   RunResult r = s.Run("MATCH ?a restricts ?b;\n.mode json\n", "<stdin>", out, err);
//
// Statements end with ';' (the last one of a script may omit it); a line
// that starts with '.' is a meta command and ends at the end of the line.
// Errors print as "SOURCE:LINE:COL: error: MESSAGE", then the line and a
// caret under the token at fault.
//
// The store is opened for reading (Store::OpenForRead): it is safe while a
// batch ingest writes, and each statement first moves to the newest view the
// writer has published, so a statement sees one consistent state.
#ifndef KG_QUERY_SESSION_H_
#define KG_QUERY_SESSION_H_

#include <atomic>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "query/lexer.h"
#include "query/output.h"
#include "query/parser.h"
#include "util/status.h"

namespace kg::query {

struct SessionOptions {
  std::string db_path;  // opened on first use; "" until .open
  OutputOptions output;
  bool timer = false;
  // Stop a Run at the first failing statement (kg query --bail).
  bool bail = false;
  // EXPORT ... CLUSTER BY bloc: the bloc label of an entity by name, or ""
  // (tools/ builds it from the gazetteer; query/ does not read ingest data).
  std::function<std::string(const std::string& name)> bloc_of;
};

struct RunResult {
  int errors = 0;     // statements or meta commands that failed
  bool quit = false;  // .quit (or .exit) was run
};

class Session {
 public:
  explicit Session(SessionOptions options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs every statement and meta command of `text`. Results go to `out`
  // in the current mode, errors and notes to `err`. `source` names the text
  // in error messages ("<stdin>", a file path, "-e"); `first_line` is the
  // line number of the text's first line there.
  RunResult Run(std::string_view text, std::string_view source, std::ostream& out,
                std::ostream& err, int first_line = 1);

  // True when `text` holds only whole statements and meta commands: the
  // shell reads more lines until it is (a ';' outside quotes and comments
  // ends a statement; a meta command ends with its line; blank text and
  // comments are complete).
  static bool IsComplete(std::string_view text);

  // Tab completion of the word that ends `line_before_cursor`: keywords,
  // meta commands, relation names, entity types and entity names of the
  // open store that start with it (case-insensitively). Entity names with a
  // space or other non-word character come quoted ("United States").
  std::vector<std::string> Complete(std::string_view line_before_cursor);

  // Asks the running statement to stop (from a SIGINT handler: only sets an
  // atomic flag). The statement ends with "interrupted"; the session goes on.
  void Cancel() { cancel_.store(true, std::memory_order_relaxed); }

  const SessionOptions& options() const { return options_; }
  void set_output(const OutputOptions& output) { options_.output = output; }

 private:
  struct State;
  // Opens the store on first use; later, moves it to the newest view.
  bool OpenStore(QueryError* error);
  bool RunOne(const ScriptPart& part, std::ostream& out, std::ostream& err, QueryError* error);
  bool RunMeta(std::string_view line, std::ostream& out, std::ostream& err, RunResult* result,
               std::string* message);

  SessionOptions options_;
  std::atomic<bool> cancel_{false};
  std::unique_ptr<State> state_;
};

}  // namespace kg::query

#endif  // KG_QUERY_SESSION_H_
