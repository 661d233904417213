// What kg query and kg shell share: the session options the command line
// asks for, and the non-interactive run (kg query, and kg shell when its
// standard input is not a terminal).
#ifndef KG_TOOLS_QUERY_COMMAND_H_
#define KG_TOOLS_QUERY_COMMAND_H_

#include <vector>

#include "query/session.h"
#include "tools/cli.h"
#include "util/result.h"

namespace kg::cli {

// --mode and --maxrows, which both commands take.
const std::vector<FlagSpec>& OutputFlags();

// The store (--db, $KG_DB), the output (--mode, --json, --maxrows), --bail,
// and the gazetteer's blocs for EXPORT ... CLUSTER BY bloc. InvalidArgument
// names the flag at fault.
Result<query::SessionOptions> SessionOptionsFromArgs(const Args& args);

// Runs each -e text and -f file in the order given, or else standard input,
// and returns the exit status: kExitOk when every statement succeeded,
// kExitFailure when one failed or a file could not be read, kExitUsage for
// bad flags.
int RunQuery(const Args& args);

}  // namespace kg::cli

#endif  // KG_TOOLS_QUERY_COMMAND_H_
