// Command-line plumbing shared by the `kg` subcommands: flag parsing, help
// text, error reporting, the store path and table output. tools/ only wires
// the modules to a command line; no graph logic lives here.
#ifndef KG_TOOLS_CLI_H_
#define KG_TOOLS_CLI_H_

#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace kg::cli {

enum ExitCode : int { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

struct FlagSpec {
  std::string name;        // without the leading "--"
  std::string value_name;  // empty for a boolean flag
  std::string help;
  // A one-letter alias ('e' for -e), for the few flags that scripts type
  // often and other tools spell that way (perl -e, sed -f); 0 for none.
  char short_name = 0;
};

struct Args {
  std::map<std::string, std::string> values;  // flags given, "" for booleans; the last wins
  // Every flag as given, in order and with repeats, for commands where both
  // matter (kg query -e A -f B -e C runs the three in turn).
  std::vector<std::pair<std::string, std::string>> ordered;
  std::vector<std::string> positional;
  bool Has(const std::string& flag) const { return values.count(flag) > 0; }
  std::string Get(const std::string& flag, const std::string& fallback = "") const {
    auto it = values.find(flag);
    return it == values.end() ? fallback : it->second;
  }
};

struct Command {
  std::string name;
  std::string summary;  // one line for `kg --help`
  std::string usage;    // e.g. "kg import [options] FILE..."
  std::string description;
  std::vector<FlagSpec> flags;  // the command's own flags; --db and --help are added
  int (*run)(const Args& args);
};

// Flags every command accepts.
const std::vector<FlagSpec>& CommonFlags();

// Parses `--flag value`, `--flag=value`, `-x value` for a flag with a short
// name, booleans, `--` and positionals. InvalidArgument for an unknown flag
// or a missing value.
Result<Args> ParseArgs(const std::vector<std::string>& argv, const Command& command);

void PrintCommandHelp(const Command& command, std::ostream& out);

// The store path: --db, else $KG_DB, else ./kg.db.
std::string StorePath(const Args& args);

// Prints "kg: MESSAGE" on stderr, one line, and returns kExitFailure.
int Fail(const Status& status);
// Prints "kg: MESSAGE" and a hint to use --help; returns kExitUsage.
int UsageError(const std::string& command, const std::string& message);

// A plain-text table with aligned columns (widths in UTF-8 code points).
class Table {
 public:
  explicit Table(std::vector<std::string> header, std::vector<bool> right_align = {});
  void AddRow(std::vector<std::string> row);
  void Print(std::ostream& out) const;
  size_t rows() const { return rows_.size(); }

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace kg::cli

#endif  // KG_TOOLS_CLI_H_
