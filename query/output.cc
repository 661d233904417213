#include "query/output.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace kg::query {

namespace {

// ---- UTF-8 -----------------------------------------------------------------

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
constexpr char kEllipsis[] = "\xE2\x80\xA6";     // U+2026, one code point

// The length of the well-formed UTF-8 sequence at s[i] (1 to 4) and its code
// point, or 0 when the bytes there are not one (a stray continuation byte, a
// truncated sequence, an overlong form, a surrogate, past U+10FFFF).
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len;
  uint32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, min = 0x80, *cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, min = 0x800, *cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, *cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (s.size() - i < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (byte(i + k) & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
  return len;
}

// s as well-formed UTF-8: each byte that does not begin a well-formed
// sequence becomes U+FFFD. With `controls_to_space`, C0 and C1 control
// characters and DEL become a space, so that a cell holding a newline, a tab
// or an escape sequence cannot break a table's layout or drive the terminal.
std::string CleanUtf8(std::string_view s, bool controls_to_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    const size_t len = DecodeUtf8(s, i, &cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (controls_to_space && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))) {
      out += ' ';
    } else {
      out.append(s, i, len);
    }
    i += len;
  }
  return out;
}

// Code points of well-formed UTF-8: every byte but continuation bytes.
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

// s (well-formed UTF-8) cut to at most `width` code points: when it is
// longer, its first width-1 code points and "…".
std::string Truncate(const std::string& s, size_t width) {
  if (CodePoints(s) <= width) return s;
  if (width == 0) return "";
  size_t keep = width - 1, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && keep-- == 0) break;
  }
  return s.substr(0, i) + kEllipsis;
}

// ---- table -----------------------------------------------------------------

constexpr size_t kGap = 2;       // spaces between columns
constexpr size_t kMinWidth = 6;  // a cut column keeps this many code points

// Shrinks the columns whose width is above their floor so that the widths
// sum to at most `budget`, widest first: the widest are brought down to a
// common level L (never below a column's floor), the largest L that fits,
// and what is left of the budget widens some of them by one. When even the
// floors do not fit, every shrinkable column ends at its floor.
void ShrinkToFit(std::vector<size_t>* widths, const std::vector<size_t>& floor, size_t budget) {
  std::vector<size_t>& w = *widths;
  const auto total_at = [&](size_t level) {
    size_t sum = 0;
    for (size_t c = 0; c < w.size(); ++c)
      sum += w[c] > floor[c] ? std::max(floor[c], std::min(w[c], level)) : w[c];
    return sum;
  };
  const size_t widest = *std::max_element(w.begin(), w.end());
  if (total_at(widest) <= budget) return;
  size_t level = 0;
  if (total_at(0) <= budget) {
    // Largest level that fits: total_at(lo) fits, total_at(hi) does not.
    size_t lo = 0, hi = widest;
    while (hi - lo > 1) {
      const size_t mid = lo + (hi - lo) / 2;
      (total_at(mid) <= budget ? lo : hi) = mid;
    }
    level = lo;
  }
  size_t slack = budget - std::min(budget, total_at(level));
  for (size_t c = 0; c < w.size(); ++c) {
    if (w[c] <= floor[c]) continue;
    const size_t shrunk = std::max(floor[c], std::min(w[c], level));
    // Columns held at exactly `level` share the rest of the budget.
    if (slack > 0 && shrunk == level && w[c] > level) {
      w[c] = level + 1;
      --slack;
    } else {
      w[c] = shrunk;
    }
  }
}

std::string RowCount(size_t n) {
  return std::to_string(n) + (n == 1 ? " row" : " rows");
}

// The aligned table. Rows are kept as display text (control characters as
// spaces, invalid UTF-8 as U+FFFD) until EndTable, which needs every shown
// row to size the columns; past max_rows they are only counted.
//
// Fitting the terminal: numeric columns are never cut (a cut number reads as
// a different number). Text columns are shrunk widest first, first down to
// their header's width or kMinWidth code points, whichever is more, and only
// if that is not enough, down to kMinWidth, cutting the header too. A column
// never gets wider than its widest cell. When even that does not fit, lines
// stay wider than the terminal.
class TableOutput : public RowSink {
 public:
  TableOutput(std::ostream& out, const OutputOptions& options) : out_(out), options_(options) {}
  // A table still open here belongs to a statement that failed or was
  // interrupted: show what it had, marked as partial, and nothing at all when
  // it had nothing (an empty table would read as a real empty result).
  ~TableOutput() override {
    if (open_ && total_ > 0) EndTable("(partial: the statement stopped before it finished)");
  }

  void BeginTable(const std::string& title, const std::vector<Column>& columns) override {
    if (open_) EndTable("");
    open_ = true;
    title_ = CleanUtf8(title, true);
    header_.clear();
    numeric_.clear();
    for (const Column& col : columns) {
      header_.push_back(CleanUtf8(col.name, true));
      numeric_.push_back(col.numeric);
    }
    rows_.clear();
    total_ = 0;
  }

  bool Row(std::vector<Value> row) override {
    if (!open_) return false;
    ++total_;
    if (options_.max_rows > 0 && rows_.size() >= options_.max_rows) return true;
    std::vector<std::string> cells(header_.size());
    for (size_t c = 0; c < cells.size() && c < row.size(); ++c)
      cells[c] = CleanUtf8(row[c].ToText(), true);
    rows_.push_back(std::move(cells));
    return true;
  }

  void EndTable(const std::string& note) override {
    if (!open_) return;
    open_ = false;
    if (tables_++ > 0) out_ << "\n";
    if (!title_.empty()) out_ << title_ << "\n";
    const std::vector<size_t> widths = Widths();
    PrintLine(header_, widths);
    std::vector<std::string> rule;
    for (size_t w : widths)
      rule.push_back(std::string(w, '-'));
    PrintLine(rule, widths);
    for (const auto& row : rows_)
      PrintLine(row, widths);
    if (rows_.size() < total_) {
      out_ << "showing " << rows_.size() << " of " << RowCount(total_) << " (.maxrows to change)\n";
    } else {
      out_ << RowCount(total_) << "\n";
    }
    if (!note.empty()) out_ << note << "\n";
    rows_.clear();
    rows_.shrink_to_fit();
  }

  void Message(const std::string& text) override { out_ << text << "\n"; }

 private:
  std::vector<size_t> Widths() const {
    const size_t n = header_.size();
    std::vector<size_t> widths(n);
    for (size_t c = 0; c < n; ++c)
      widths[c] = CodePoints(header_[c]);
    for (const auto& row : rows_) {
      for (size_t c = 0; c < n; ++c)
        widths[c] = std::max(widths[c], CodePoints(row[c]));
    }
    if (options_.width == 0 || n == 0) return widths;
    const size_t gaps = kGap * (n - 1);
    const size_t budget = options_.width > gaps ? options_.width - gaps : 0;
    std::vector<size_t> floor(n);
    for (size_t c = 0; c < n; ++c) {
      floor[c] = numeric_[c] ? widths[c]
                             : std::min(widths[c], std::max(kMinWidth, CodePoints(header_[c])));
    }
    ShrinkToFit(&widths, floor, budget);
    for (size_t c = 0; c < n; ++c) {
      if (!numeric_[c]) floor[c] = std::min(widths[c], kMinWidth);
    }
    ShrinkToFit(&widths, floor, budget);
    return widths;
  }

  // Cells padded to their column, two spaces apart. Lines carry no trailing
  // spaces (an empty last column, a cell that ended in a newline).
  void PrintLine(const std::vector<std::string>& cells, const std::vector<size_t>& widths) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string cell = Truncate(cells[c], widths[c]);
      const std::string pad(widths[c] - CodePoints(cell), ' ');
      if (c > 0) line.append(kGap, ' ');
      line += numeric_[c] ? pad + cell : cell + pad;
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out_ << line << "\n";
  }

  std::ostream& out_;
  const OutputOptions options_;
  bool open_ = false;
  size_t tables_ = 0;  // tables printed, for the blank line between them
  std::string title_;
  std::vector<std::string> header_;
  std::vector<bool> numeric_;
  std::vector<std::vector<std::string>> rows_;  // the shown rows, as text
  size_t total_ = 0;                            // rows received
};

// ---- JSON and JSON Lines ---------------------------------------------------

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Strings are made well-formed UTF-8 first (invalid bytes become U+FFFD), so
// the output parses under a validating reader; RapidJSON escapes quotes,
// backslashes and control characters, NUL included.
void WriteString(JsonWriter& writer, std::string_view s) {
  const std::string clean = CleanUtf8(s, false);
  writer.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

void WriteValue(JsonWriter& writer, const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      writer.Null();
      return;
    case Value::Kind::kInt:
      writer.Int64(v.i);
      return;
    case Value::Kind::kDouble:
      // JSON has no NaN or infinity; RapidJSON would refuse them.
      if (std::isfinite(v.d)) {
        writer.Double(v.d);
      } else {
        writer.Null();
      }
      return;
    case Value::Kind::kText:
      WriteString(writer, v.s);
      return;
  }
  writer.Null();
}

// json: "[" at BeginTable, objects streamed as rows come, "]" and a newline at
// EndTable, so that a long result is not held in memory. jsonl: one object
// and a newline per row. Notes and messages go to `messages`, after `out` is
// flushed so that the two keep their order when they share a file.
class JsonOutput : public RowSink {
 public:
  JsonOutput(std::ostream& out, std::ostream& messages, bool lines)
      : out_(out), messages_(messages), lines_(lines) {}
  ~JsonOutput() override {
    if (open_) EndTable("");
  }

  void BeginTable(const std::string&, const std::vector<Column>& columns) override {
    if (open_) EndTable("");
    open_ = true;
    names_.clear();
    for (const Column& col : columns)
      names_.push_back(col.name);
    rows_ = 0;
    if (!lines_) out_ << "[";
  }

  bool Row(std::vector<Value> row) override {
    if (!open_) return false;
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    for (size_t c = 0; c < names_.size(); ++c) {
      WriteString(writer, names_[c]);
      WriteValue(writer, c < row.size() ? row[c] : Value::Null());
    }
    writer.EndObject();
    if (!lines_ && rows_ > 0) out_ << ",";
    out_ << buffer.GetString();
    if (lines_) out_ << "\n";
    ++rows_;
    return true;
  }

  void EndTable(const std::string& note) override {
    if (!open_) return;
    open_ = false;
    if (!lines_) out_ << "]\n";
    if (!note.empty()) Message(note);
  }

  void Message(const std::string& text) override {
    out_.flush();
    messages_ << text << "\n";
  }

 private:
  std::ostream& out_;
  std::ostream& messages_;
  const bool lines_;
  bool open_ = false;
  std::vector<std::string> names_;
  size_t rows_ = 0;
};

// ---- CSV -------------------------------------------------------------------

// RFC 4180, except that lines end with "\n": a field holding a comma, a
// quote, CR or LF is quoted, its quotes doubled. Bytes pass through as they
// are.
void WriteCsvField(std::ostream& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << s;
    return;
  }
  out << '"';
  for (char ch : s) {
    if (ch == '"') out << '"';
    out << ch;
  }
  out << '"';
}

class CsvOutput : public RowSink {
 public:
  CsvOutput(std::ostream& out, std::ostream& messages) : out_(out), messages_(messages) {}

  void BeginTable(const std::string&, const std::vector<Column>& columns) override {
    if (tables_++ > 0) out_ << "\n";
    open_ = true;
    width_ = columns.size();
    std::vector<std::string_view> names;
    for (const Column& col : columns)
      names.push_back(col.name);
    WriteLine(names);
  }

  bool Row(std::vector<Value> row) override {
    if (!open_) return false;
    std::vector<std::string> text(width_);
    for (size_t c = 0; c < width_ && c < row.size(); ++c)
      text[c] = row[c].ToText();
    WriteLine(std::vector<std::string_view>(text.begin(), text.end()));
    return true;
  }

  void EndTable(const std::string& note) override {
    open_ = false;
    if (note.empty()) return;
    out_.flush();
    messages_ << note << "\n";
  }

  void Message(const std::string& text) override { out_ << text << "\n"; }

 private:
  void WriteLine(const std::vector<std::string_view>& fields) {
    for (size_t c = 0; c < fields.size(); ++c) {
      if (c > 0) out_ << ',';
      WriteCsvField(out_, fields[c]);
    }
    out_ << "\n";
  }

  std::ostream& out_;
  std::ostream& messages_;
  bool open_ = false;
  size_t tables_ = 0;
  size_t width_ = 0;
};

}  // namespace

bool ParseOutputMode(std::string_view name, OutputMode* mode) {
  static constexpr std::pair<std::string_view, OutputMode> kModes[] = {
      {"table", OutputMode::kTable},
      {"json", OutputMode::kJson},
      {"jsonl", OutputMode::kJsonl},
      {"csv", OutputMode::kCsv},
  };
  for (const auto& [n, m] : kModes) {
    if (n == name) {
      *mode = m;
      return true;
    }
  }
  return false;
}

std::string_view OutputModeName(OutputMode mode) {
  switch (mode) {
    case OutputMode::kTable:
      return "table";
    case OutputMode::kJson:
      return "json";
    case OutputMode::kJsonl:
      return "jsonl";
    case OutputMode::kCsv:
      return "csv";
  }
  return "table";
}

std::unique_ptr<RowSink> MakeOutput(std::ostream& out, std::ostream& messages,
                                    const OutputOptions& options) {
  switch (options.mode) {
    case OutputMode::kJson:
      return std::make_unique<JsonOutput>(out, messages, false);
    case OutputMode::kJsonl:
      return std::make_unique<JsonOutput>(out, messages, true);
    case OutputMode::kCsv:
      return std::make_unique<CsvOutput>(out, messages);
    case OutputMode::kTable:
      break;
  }
  return std::make_unique<TableOutput>(out, options);
}

}  // namespace kg::query
