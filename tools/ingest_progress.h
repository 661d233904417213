// How kg ingest shows its progress: a bar redrawn in place on a terminal,
// plain lines now and then otherwise (a log file, CI), nothing with --quiet.
#ifndef KG_TOOLS_INGEST_PROGRESS_H_
#define KG_TOOLS_INGEST_PROGRESS_H_

#include <chrono>
#include <cstdio>
#include <string>

#include "ingest/corpus_ingest.h"

namespace kg::cli {

class IngestProgressMeter {
 public:
  enum class Style { kBar, kLines, kNone };

  // Writes to `out` (standard error): kBar redraws one line about 5 times a
  // second and needs a terminal; kLines prints a line every line_interval.
  IngestProgressMeter(std::FILE* out, Style style,
                      std::chrono::seconds line_interval = std::chrono::seconds(10))
      : out_(out), style_(style), line_interval_(line_interval) {}

  // The style for standard error: a bar on a terminal, else lines.
  static Style StyleForStderr(bool quiet);

  void Update(const IngestProgress& p);
  // Ends the bar's line, so that what follows starts on a fresh one.
  void Finish();
  // Clears the bar (before printing a message above it); Update redraws.
  void Clear();

  // "12,345 docs  123.4/274.0 MB  56,789 triples  10.2 MB/s  ETA 0:13", the
  // ETA only while the total size is known.
  static std::string Describe(const IngestProgress& p);

 private:
  std::FILE* out_;
  Style style_;
  std::chrono::seconds line_interval_;
  std::chrono::steady_clock::time_point last_line_{};
  bool bar_shown_ = false;
};

// 1234567 -> "1,234,567".
std::string WithThousands(uint64_t n);

}  // namespace kg::cli

#endif  // KG_TOOLS_INGEST_PROGRESS_H_
