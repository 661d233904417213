#include "graph/types.h"

#include <algorithm>
#include <charconv>

namespace kg {

std::string_view ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kHedged:
      return "hedged";
    case Modality::kNegated:
      return "negated";
  }
  return "asserted";
}

bool ParseModality(std::string_view text, Modality* m) {
  for (int i = 0; i < kModalityCount; ++i) {
    if (text == ModalityName(static_cast<Modality>(i))) {
      *m = static_cast<Modality>(i);
      return true;
    }
  }
  return false;
}

std::string ModalitySetToString(ModalitySet set) {
  std::string out;
  for (int i = 0; i < kModalityCount; ++i) {
    if (set & ModalityBit(static_cast<Modality>(i))) {
      if (!out.empty()) out += ',';
      out += ModalityName(static_cast<Modality>(i));
    }
  }
  return out;
}

namespace {

bool ParseDigits(std::string_view text, int* out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

bool ParseDate(std::string_view text, PackedDate* date) {
  int year = 0, month = 0, day = 0;
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  if (!ParseDigits(text.substr(0, 4), &year) || year < 1000) return false;
  if (text.size() >= 7) {
    if (text[4] != '-' || !ParseDigits(text.substr(5, 2), &month) || month < 1 || month > 12) {
      return false;
    }
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !ParseDigits(text.substr(8, 2), &day) || day < 1 ||
        day > DaysInMonth(year, month)) {
      return false;
    }
  }
  *date = static_cast<PackedDate>(year * 10000 + month * 100 + day);
  return true;
}

std::string FormatDate(PackedDate date) {
  if (date == 0) return "";
  const unsigned year = date / 10000, month = date / 100 % 100, day = date % 100;
  char buf[16];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04u", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04u-%02u", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", year, month, day);
  }
  return buf;
}

void TripleStats::Add(const Evidence& e) {
  Add(e.date, e.confidence, e.modality);
}

void TripleStats::Add(PackedDate date, double confidence, Modality modality) {
  ++evidence_count;
  if (date != 0) {
    if (first_date == 0 || date < first_date) first_date = date;
    if (date > last_date) last_date = date;
  }
  max_confidence = std::max(max_confidence, confidence);
  modalities |= ModalityBit(modality);
}

void TripleStats::Merge(const TripleStats& o) {
  if (o.evidence_count == 0) return;
  evidence_count += o.evidence_count;
  if (o.first_date != 0 && (first_date == 0 || o.first_date < first_date)) {
    first_date = o.first_date;
  }
  last_date = std::max(last_date, o.last_date);
  max_confidence = std::max(max_confidence, o.max_confidence);
  modalities |= o.modalities;
}

PackedDate EndOfPeriod(PackedDate date) {
  if (date == 0) return 0;
  if (date % 10000 == 0) return date + 1299;
  if (date % 100 == 0) return date + 99;
  return date;
}

}  // namespace kg
