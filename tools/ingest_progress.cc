#include "tools/ingest_progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace kg::cli {

namespace {

std::string Mb(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / 1e6);
  return buf;
}

std::string Duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const uint64_t s = static_cast<uint64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%llu:%02llu:%02llu", static_cast<unsigned long long>(s / 3600),
                  static_cast<unsigned long long>(s / 60 % 60),
                  static_cast<unsigned long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%llu:%02llu", static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  }
  return buf;
}

int TerminalWidth() {
  struct winsize ws {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

std::string WithThousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

IngestProgressMeter::Style IngestProgressMeter::StyleForStderr(bool quiet) {
  if (quiet) return Style::kNone;
  return isatty(STDERR_FILENO) ? Style::kBar : Style::kLines;
}

std::string IngestProgressMeter::Describe(const IngestProgress& p) {
  std::string s = WithThousands(p.documents) + " docs  " + Mb(p.bytes_read);
  if (p.bytes_total > 0) s += "/" + Mb(p.bytes_total);
  s += " MB  " + WithThousands(p.triples_added) + " triples";
  const double rate = p.seconds > 0 ? static_cast<double>(p.bytes_read) / 1e6 / p.seconds : 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "  %.1f MB/s", rate);
  s += buf;
  if (p.bytes_total > 0 && rate > 0 && p.bytes_read < p.bytes_total) {
    s += "  ETA " + Duration(static_cast<double>(p.bytes_total - p.bytes_read) / 1e6 / rate);
  }
  if (p.articles_skipped > 0) s += "  " + WithThousands(p.articles_skipped) + " unchanged";
  if (p.bad_documents > 0) s += "  " + WithThousands(p.bad_documents) + " bad";
  return s;
}

void IngestProgressMeter::Update(const IngestProgress& p) {
  if (style_ == Style::kNone) return;
  if (style_ == Style::kLines) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_line_ < line_interval_) return;
    last_line_ = now;
    std::fprintf(out_, "kg ingest: %s\n", Describe(p).c_str());
    std::fflush(out_);
    return;
  }
  std::string text = Describe(p);
  const int width = TerminalWidth();
  // A bar of the bytes when the total is known, else just the counts.
  if (p.bytes_total > 0) {
    const double done =
        std::min(1.0, static_cast<double>(p.bytes_read) / static_cast<double>(p.bytes_total));
    char pct[8];
    std::snprintf(pct, sizeof pct, "%3d%% ", static_cast<int>(done * 100));
    const int bar = std::clamp(width - static_cast<int>(text.size()) - 9, 0, 30);
    if (bar >= 10) {
      const int filled = static_cast<int>(done * bar);
      text = "[" + std::string(filled, '#') + std::string(bar - filled, '.') + "] " + pct + text;
    } else {
      text = pct + text;
    }
  }
  if (static_cast<int>(text.size()) >= width) text.resize(std::max(0, width - 1));
  std::fprintf(out_, "\r%s\x1b[K", text.c_str());
  std::fflush(out_);
  bar_shown_ = true;
}

void IngestProgressMeter::Clear() {
  if (style_ != Style::kBar || !bar_shown_) return;
  std::fprintf(out_, "\r\x1b[K");
  std::fflush(out_);
  bar_shown_ = false;
}

void IngestProgressMeter::Finish() {
  if (style_ != Style::kBar || !bar_shown_) return;
  std::fprintf(out_, "\n");
  std::fflush(out_);
  bar_shown_ = false;
}

}  // namespace kg::cli
