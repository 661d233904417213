// The `kg` subcommands. Each lives in its own cmd_*.cc file.
#ifndef KG_TOOLS_COMMANDS_H_
#define KG_TOOLS_COMMANDS_H_

#include "tools/cli.h"

namespace kg::cli {

const Command& ImportCommand();
const Command& TriplesCommand();
const Command& StatsCommand();
const Command& DeleteArticleCommand();
const Command& ExtractCommand();
const Command& EvalCommand();
const Command& GenerateCommand();
const Command& IngestCommand();
const Command& PathCommand();
const Command& NeighborsCommand();
const Command& RankCommand();
const Command& ComponentsCommand();
const Command& ExportCommand();
const Command& QueryCommand();
const Command& ShellCommand();

}  // namespace kg::cli

#endif  // KG_TOOLS_COMMANDS_H_
