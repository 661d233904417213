// Output formats of the shell and of `kg query`: rows from a RowSink shown
// as an aligned table that fits the terminal, a JSON array, JSON Lines or
// CSV.
#ifndef KG_QUERY_OUTPUT_H_
#define KG_QUERY_OUTPUT_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "query/row_sink.h"

namespace kg::query {

enum class OutputMode { kTable, kJson, kJsonl, kCsv };

// "table", "json", "jsonl", "csv"; false for anything else.
bool ParseOutputMode(std::string_view name, OutputMode* mode);
std::string_view OutputModeName(OutputMode mode);

struct OutputOptions {
  OutputMode mode = OutputMode::kTable;
  // Table mode: rows shown at most (0: all). The rest are counted, not
  // shown, and a note says how many there were.
  size_t max_rows = 0;
  // Table mode: the terminal's width in columns (0: no limit). Wide cells
  // are cut with "…" so that every line fits.
  size_t width = 0;
};

// A sink that writes to `out` in the chosen format.
//  - table: a title line when there is one, a header, a rule, aligned rows
//    (numbers right-aligned; widths in UTF-8 code points), then a footer
//    "N rows" (or "showing M of N rows (.maxrows to change)"), and the
//    table's note.
//  - json: each table one JSON array of objects keyed by column name, on
//    one line; numbers stay numbers, null is null.
//  - jsonl: each row one JSON object on its own line.
//  - csv: RFC 4180 with a header line; a blank line between tables.
// Messages go to `out` as plain lines in table and csv mode; in json and
// jsonl mode they go to `messages` (standard error) so the data stays
// parseable.
std::unique_ptr<RowSink> MakeOutput(std::ostream& out, std::ostream& messages,
                                    const OutputOptions& options);

}  // namespace kg::query

#endif  // KG_QUERY_OUTPUT_H_
