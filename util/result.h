// Result<T>: a value of type T, or the Status that explains why there is none.
//
// The companion of Status for calls that produce something. A Result built
// from an OK Status is a programming error and is turned into an Internal-like
// FailedPrecondition so that it can never be mistaken for a value.
#ifndef KG_UTIL_RESULT_H_
#define KG_UTIL_RESULT_H_

#include <cassert>
#include <utility>
#include <variant>

#include "util/status.h"

namespace kg {

template <typename T>
class [[nodiscard]] Result {
 public:
  // Implicit on purpose, so that functions can `return value;` or
  // `return Status::NotFound(...);`.
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(data_).ok()) {
      data_ = Status::FailedPrecondition("Result constructed from an OK status without a value");
    }
  }

  bool ok() const { return std::holds_alternative<T>(data_); }

  // The error; OK when the Result holds a value.
  Status status() const { return ok() ? Status::OK() : std::get<Status>(data_); }

  // The value. Only valid when ok().
  T& value() & {
    assert(ok());
    return std::get<T>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(data_));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<Status, T> data_;
};

namespace internal {
inline Status ToStatus(const Status& s) {
  return s;
}
template <typename T>
Status ToStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace kg

#define KG_CONCAT_INNER_(a, b) a##b
#define KG_CONCAT_(a, b) KG_CONCAT_INNER_(a, b)

// Evaluates `expr` (a Status or a Result) and returns its Status from the
// calling function when it is not OK.
#define KG_RETURN_IF_ERROR(expr)                                \
  do {                                                          \
    ::kg::Status kg_status_ = ::kg::internal::ToStatus((expr)); \
    if (!kg_status_.ok()) return kg_status_;                    \
  } while (false)

// `KG_ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value, or returns
// F()'s Status from the calling function.
#define KG_ASSIGN_OR_RETURN(lhs, expr) \
  KG_ASSIGN_OR_RETURN_IMPL_(KG_CONCAT_(kg_result_, __LINE__), lhs, expr)
#define KG_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                              \
  if (!result.ok()) return result.status();          \
  lhs = std::move(result).value()

#endif  // KG_UTIL_RESULT_H_
