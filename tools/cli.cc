#include "tools/cli.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace kg::cli {

const std::vector<FlagSpec>& CommonFlags() {
  static const std::vector<FlagSpec> flags = {
      {"db", "PATH", "the store (default: $KG_DB, else ./kg.db)"},
      {"help", "", "show this help"},
  };
  return flags;
}

Result<Args> ParseArgs(const std::vector<std::string>& argv, const Command& command) {
  auto find = [&](const std::string& name) -> const FlagSpec* {
    for (const auto* list : {&command.flags, &CommonFlags()}) {
      for (const auto& f : *list) {
        if (f.name == name) return &f;
      }
    }
    return nullptr;
  };
  auto find_short = [&](char letter) -> const FlagSpec* {
    for (const auto& f : command.flags) {
      if (f.short_name == letter) return &f;
    }
    return nullptr;
  };
  Args args;
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
      args.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    if (a == "-h") {
      args.values["help"] = "";
      continue;
    }
    std::string name, value;
    bool inline_value = false;
    const FlagSpec* spec = nullptr;
    if (a.rfind("--", 0) == 0) {
      name = a.substr(2);
      const size_t eq = name.find('=');
      inline_value = eq != std::string::npos;
      if (inline_value) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      spec = find(name);
      if (!spec) return Status::InvalidArgument("unknown option '--" + name + "'");
    } else {
      // Only the exact `-x` form: bundling (-ef) and glued values (-eTEXT)
      // would make `-1` and typos parse as something.
      spec = a.size() == 2 ? find_short(a[1]) : nullptr;
      if (!spec) return Status::InvalidArgument("unknown option '" + a + "'");
      name = spec->name;
    }
    if (spec->value_name.empty()) {
      if (inline_value) return Status::InvalidArgument("option '--" + name + "' takes no value");
    } else if (!inline_value) {
      if (i + 1 >= argv.size()) {
        const std::string typed = a.rfind("--", 0) == 0 ? "--" + name : a;
        return Status::InvalidArgument("option '" + typed + "' needs a value " + spec->value_name);
      }
      value = argv[++i];
    }
    args.values[name] = value;
    args.ordered.emplace_back(name, value);
  }
  return args;
}

void PrintCommandHelp(const Command& command, std::ostream& out) {
  out << "usage: " << command.usage << "\n\n" << command.description << "\n\noptions:\n";
  size_t width = 0;
  auto label = [](const FlagSpec& f) {
    std::string l = f.short_name ? std::string("-") + f.short_name + ", " : "";
    return l + "--" + f.name + (f.value_name.empty() ? "" : " " + f.value_name);
  };
  for (const auto* list : {&command.flags, &CommonFlags()}) {
    for (const auto& f : *list)
      width = std::max(width, label(f).size());
  }
  for (const auto* list : {&command.flags, &CommonFlags()}) {
    for (const auto& f : *list) {
      const std::string l = label(f);
      out << "  " << l << std::string(width - l.size() + 2, ' ') << f.help << "\n";
    }
  }
}

std::string StorePath(const Args& args) {
  if (args.Has("db") && !args.Get("db").empty()) return args.Get("db");
  if (const char* env = std::getenv("KG_DB"); env && *env) return env;
  return "kg.db";
}

int Fail(const Status& status) {
  std::string msg = status.message();
  // One line per error, whatever the message carries.
  std::replace(msg.begin(), msg.end(), '\n', ' ');
  std::cerr << "kg: " << msg << "\n";
  return kExitFailure;
}

int UsageError(const std::string& command, const std::string& message) {
  std::cerr << "kg: " << message << " (see `kg " << command << " --help`)\n";
  return kExitUsage;
}

namespace {

size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Table::Table(std::vector<std::string> header, std::vector<bool> right_align)
    : header_(std::move(header)), right_(std::move(right_align)) {
  right_.resize(header_.size(), false);
}

void Table::AddRow(std::vector<std::string> row) {
  row.resize(header_.size());
  rows_.push_back(std::move(row));
}

void Table::Print(std::ostream& out) const {
  std::vector<size_t> width(header_.size());
  for (size_t c = 0; c < header_.size(); ++c)
    width[c] = DisplayWidth(header_[c]);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - DisplayWidth(row[c]), ' ');
      if (c > 0) line += "  ";
      line += right_[c] ? pad + row[c] : row[c] + (c + 1 < row.size() ? pad : "");
    }
    out << line << "\n";
  };
  print_row(header_);
  std::vector<std::string> rule;
  for (size_t w : width)
    rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (const auto& row : rows_)
    print_row(row);
}

}  // namespace kg::cli
