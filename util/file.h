// Small file-system helpers whose errors name the path and the reason.
#ifndef KG_UTIL_FILE_H_
#define KG_UTIL_FILE_H_

#include <string>

#include "util/result.h"

namespace kg {

// The whole content of a file; "PATH: No such file or directory" on failure.
Result<std::string> ReadFileToString(const std::string& path);

// 1-based line and column of a byte offset in text (columns count bytes).
struct TextPosition {
  size_t line = 1;
  size_t column = 1;
};
TextPosition PositionOfOffset(std::string_view text, size_t offset);

}  // namespace kg

#endif  // KG_UTIL_FILE_H_
