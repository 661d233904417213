// kg: the kg-rivalry command line. One binary with subcommands, like git.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "tools/cli.h"
#include "tools/commands.h"

namespace {

const std::vector<const kg::cli::Command*>& AllCommands() {
  static const std::vector<const kg::cli::Command*> commands = {
      &kg::cli::IngestCommand(),        &kg::cli::ExtractCommand(),    &kg::cli::EvalCommand(),
      &kg::cli::ImportCommand(),        &kg::cli::TriplesCommand(),    &kg::cli::StatsCommand(),
      &kg::cli::DeleteArticleCommand(), &kg::cli::PathCommand(),       &kg::cli::NeighborsCommand(),
      &kg::cli::RankCommand(),          &kg::cli::ComponentsCommand(), &kg::cli::ExportCommand(),
      &kg::cli::ShellCommand(),         &kg::cli::QueryCommand(),      &kg::cli::GenerateCommand(),
  };
  return commands;
}

void PrintMainHelp(std::ostream& out) {
  out << "usage: kg [--db PATH] COMMAND [options] [args]\n\n"
         "kg-rivalry builds and queries a knowledge graph of the US-China technology\n"
         "rivalry: who restricts, sanctions, funds, supplies, rivals or outperforms whom,\n"
         "each fact backed by the sentences that state it.\n\n"
         "commands:\n";
  for (const auto* c : AllCommands()) {
    out << "  " << c->name << std::string(16 - std::min<size_t>(15, c->name.size()), ' ')
        << c->summary << "\n";
  }
  out << "\nThe store is ./kg.db unless --db PATH or $KG_DB says otherwise.\n"
         "Run `kg COMMAND --help` for the options of a command.\n";
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // Global options before the command: --db PATH, --help.
  std::vector<std::string> global;
  size_t i = 0;
  while (i < args.size() && args[i].rfind("-", 0) == 0) {
    if (args[i] == "--help" || args[i] == "-h") {
      PrintMainHelp(std::cout);
      return kg::cli::kExitOk;
    }
    if (args[i] == "--db" && i + 1 < args.size()) {
      global.push_back(args[i++]);
      global.push_back(args[i++]);
    } else if (args[i].rfind("--db=", 0) == 0) {
      global.push_back(args[i++]);
    } else {
      std::cerr << "kg: unknown option '" << args[i] << "' (see `kg --help`)\n";
      return kg::cli::kExitUsage;
    }
  }
  if (i >= args.size()) {
    PrintMainHelp(std::cerr);
    return kg::cli::kExitUsage;
  }
  const std::string name = args[i++];
  if (name == "help") {
    if (i < args.size()) {
      for (const auto* c : AllCommands()) {
        if (c->name == args[i]) {
          kg::cli::PrintCommandHelp(*c, std::cout);
          return kg::cli::kExitOk;
        }
      }
    }
    PrintMainHelp(std::cout);
    return kg::cli::kExitOk;
  }
  for (const auto* c : AllCommands()) {
    if (c->name != name) continue;
    std::vector<std::string> rest(global);
    rest.insert(rest.end(), args.begin() + static_cast<long>(i), args.end());
    auto parsed = kg::cli::ParseArgs(rest, *c);
    if (!parsed.ok()) return kg::cli::UsageError(c->name, parsed.status().message());
    if (parsed->Has("help")) {
      kg::cli::PrintCommandHelp(*c, std::cout);
      return kg::cli::kExitOk;
    }
    return c->run(*parsed);
  }
  std::cerr << "kg: unknown command '" << name << "' (see `kg --help`)\n";
  return kg::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  // No exception may escape: report it as one line like any other error.
  try {
    return Main(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "kg: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "kg: internal error: " << e.what() << "\n";
  }
  return kg::cli::kExitFailure;
}
