// Status: the outcome of an operation that can fail, in the style of LevelDB.
//
// Every fallible call that crosses a module line returns a Status (or a
// Result<T>, see result.h). A Status is either OK or carries a code and a
// one-line, human-readable message that already names the context (file,
// line, key, rule), so that a command line tool can print it as it is.
// Exceptions never cross a module boundary; errors travel as values.
#ifndef KG_UTIL_STATUS_H_
#define KG_UTIL_STATUS_H_

#include <string>
#include <string_view>

namespace kg {

class [[nodiscard]] Status {
 public:
  enum class Code : unsigned char {
    kOk = 0,
    kNotFound,            // the thing asked for does not exist
    kInvalidArgument,     // the caller's input is wrong (bad line, bad name)
    kCorruption,          // stored data does not decode
    kIOError,             // the operating system or RocksDB failed to read or write
    kBusy,                // another process holds the store's writer lock
    kNotSupported,        // a store of another schema version, a missing tool
    kFailedPrecondition,  // the store or system is not in a state that allows it
    kCancelled,           // the user stopped it (Ctrl-C in the shell)
  };

  // An OK status.
  Status() = default;

  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status Busy(std::string_view msg) { return Status(Code::kBusy, msg); }
  static Status NotSupported(std::string_view msg) { return Status(Code::kNotSupported, msg); }
  static Status FailedPrecondition(std::string_view msg) {
    return Status(Code::kFailedPrecondition, msg);
  }
  static Status Cancelled(std::string_view msg) { return Status(Code::kCancelled, msg); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsIOError() const { return code_ == Code::kIOError; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  bool IsNotSupported() const { return code_ == Code::kNotSupported; }
  bool IsCancelled() const { return code_ == Code::kCancelled; }

  // The message alone, e.g. "kg.db: store is locked by another writer".
  const std::string& message() const { return message_; }

  // "OK", or the code's name followed by the message, e.g.
  // "Corruption: spo key 0x0001: truncated value". Meant for logs and tests.
  std::string ToString() const;

  // The same status with "context: " put before its message; OK stays OK.
  // Used where an error crosses a layer that knows more (a file name, a key).
  Status WithContext(std::string_view context) const;

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// The name of a code, e.g. "NotFound".
std::string_view StatusCodeName(Status::Code code);

}  // namespace kg

#endif  // KG_UTIL_STATUS_H_
