#include "query/row_sink.h"

#include <cmath>
#include <cstdio>

namespace kg::query {

namespace {

// Where a kind sorts: null, then numbers (int and double together), then
// text.
int KindRank(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNull:
      return 0;
    case Value::Kind::kInt:
    case Value::Kind::kDouble:
      return 1;
    case Value::Kind::kText:
      return 2;
  }
  return 0;
}

template <typename T>
int Sign(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// NaN has no place among numbers; it sorts after every other number (and
// equal to itself) so that ORDER BY stays a total order.
int CompareDoubles(double a, double b) {
  const bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return Sign(na, nb);
  return Sign(a, b);
}

// Exact: converting i to double would round above 2^53 and call
// 9007199254740993 equal to 9007199254740992.0.
int CompareIntDouble(int64_t i, double d) {
  if (std::isnan(d)) return -1;
  constexpr double kTwo63 = 9223372036854775808.0;  // 2^63, exact in a double
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  // -2^63 <= d < 2^63: its integral part is an exact int64.
  const double whole = std::trunc(d);
  const int64_t w = static_cast<int64_t>(whole);
  if (i != w) return Sign(i, w);
  return Sign(whole, d);  // i == whole; d's fraction decides
}

}  // namespace

std::string Value::ToText() const {
  switch (kind) {
    case Kind::kNull:
      return "";
    case Kind::kInt:
      return std::to_string(i);
    case Kind::kDouble: {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%.6g", d);
      return buf;
    }
    case Kind::kText:
      return s;
  }
  return "";
}

int CompareValues(const Value& a, const Value& b) {
  const int ra = KindRank(a.kind), rb = KindRank(b.kind);
  if (ra != rb) return Sign(ra, rb);
  using K = Value::Kind;
  switch (a.kind) {
    case K::kNull:
      return 0;
    case K::kText:
      // std::string compares as unsigned char: bytewise.
      return Sign(a.s.compare(b.s), 0);
    case K::kInt:
      if (b.kind == K::kInt) return Sign(a.i, b.i);
      return CompareIntDouble(a.i, b.d);
    case K::kDouble:
      if (b.kind == K::kDouble) return CompareDoubles(a.d, b.d);
      return -CompareIntDouble(b.i, a.d);
  }
  return 0;
}

}  // namespace kg::query
