// What a statement produces: tables of typed values, streamed row by row to
// a RowSink. The executor never formats; output.h turns rows into a table,
// JSON, JSON Lines or CSV.
#ifndef KG_QUERY_ROW_SINK_H_
#define KG_QUERY_ROW_SINK_H_

#include <cstdint>
#include <string>
#include <vector>

namespace kg::query {

// One cell. Text for names, relations, dates and sentences; numbers for
// counts and scores, so that JSON keeps them numbers.
struct Value {
  enum class Kind { kNull, kInt, kDouble, kText };
  Kind kind = Kind::kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;

  static Value Null() { return Value{}; }
  static Value Int(int64_t v) { return Value{Kind::kInt, v, 0, {}}; }
  static Value Double(double v) { return Value{Kind::kDouble, 0, v, {}}; }
  static Value Text(std::string v) { return Value{Kind::kText, 0, 0, std::move(v)}; }

  // As a table or CSV shows it: "" for null, integers as is, doubles with up
  // to 6 significant digits.
  std::string ToText() const;

  friend bool operator==(const Value&, const Value&) = default;
};

// Orders values for ORDER BY: null first, then numbers by value, then text
// bytewise.
int CompareValues(const Value& a, const Value& b);

struct Column {
  std::string name;
  bool numeric = false;  // right-aligned in a table
};

// Receives the results of statements. A statement may give several tables
// (an entity card gives its fields and its strongest relations).
class RowSink {
 public:
  virtual ~RowSink() = default;
  // A table begins; `title` may be empty.
  virtual void BeginTable(const std::string& title, const std::vector<Column>& columns) = 0;
  // One row, as many values as columns. Returns false when the sink wants no
  // more rows of this table: the producer stops early.
  virtual bool Row(std::vector<Value> row) = 0;
  // The table is complete; `note` (may be empty) says something about how it
  // was computed ("converged in 31 iterations").
  virtual void EndTable(const std::string& note) = 0;
  // A line for the user that is not a table ("wrote graph.svg (12 entities)").
  virtual void Message(const std::string& text) = 0;
};

}  // namespace kg::query

#endif  // KG_QUERY_ROW_SINK_H_
