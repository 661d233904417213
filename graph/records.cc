#include "graph/records.h"

#include "util/coding.h"

namespace kg {

namespace {

// -1 (unknown) is stored as 0, n as n + 1.
void PutOptionalIndex(std::string* out, int64_t v) {
  PutVarint64(out, v < 0 ? 0 : uint64_t(v) + 1);
}

bool GetOptionalIndex(std::string_view* in, int64_t* v) {
  uint64_t raw;
  if (!GetVarint64(in, &raw) || raw > uint64_t{INT64_MAX}) return false;
  *v = raw == 0 ? -1 : static_cast<int64_t>(raw - 1);
  return true;
}

bool GetString(std::string_view* in, std::string* s) {
  std::string_view view;
  if (!GetLengthPrefixed(in, &view)) return false;
  s->assign(view.data(), view.size());
  return true;
}

}  // namespace

void EncodeEntity(const Entity& e, std::string* out) {
  PutVarint64(out, e.type);
  PutLengthPrefixed(out, e.name);
  PutVarint64(out, e.aliases.size());
  for (const auto& a : e.aliases)
    PutLengthPrefixed(out, a);
}

bool DecodeEntity(std::string_view in, Entity* e) {
  uint32_t type, n;
  if (!GetVarint32(&in, &type) || type > UINT16_MAX || !GetString(&in, &e->name) ||
      !GetVarint32(&in, &n) || n > in.size()) {
    return false;
  }
  e->type = static_cast<TypeId>(type);
  e->aliases.resize(n);
  for (auto& a : e->aliases) {
    if (!GetString(&in, &a)) return false;
  }
  return in.empty();
}

void EncodeTripleStats(const TripleStats& s, std::string* out) {
  PutVarint64(out, s.evidence_count);
  PutVarint64(out, s.first_date);
  PutVarint64(out, s.last_date);
  PutDouble(out, s.max_confidence);
  out->push_back(static_cast<char>(s.modalities));
}

bool DecodeTripleStats(std::string_view in, TripleStats* s) {
  return GetVarint32(&in, &s->evidence_count) && GetVarint32(&in, &s->first_date) &&
         GetVarint32(&in, &s->last_date) && GetDouble(&in, &s->max_confidence) &&
         GetByte(&in, &s->modalities) && in.empty();
}

void EncodeEvidence(const Evidence& e, std::string* out) {
  PutOptionalIndex(out, e.sentence_index);
  PutOptionalIndex(out, e.span_begin);
  PutOptionalIndex(out, e.span_end);
  PutLengthPrefixed(out, e.sentence);
  out->push_back(static_cast<char>(e.modality));
  PutDouble(out, e.confidence);
  PutVarint64(out, e.date);
  PutVarint64(out, e.qualifiers.size());
  for (const auto& [key, value] : e.qualifiers) {
    PutLengthPrefixed(out, key);
    PutLengthPrefixed(out, value);
  }
}

bool DecodeEvidence(std::string_view in, Evidence* e) {
  uint8_t modality;
  uint32_t nq;
  if (!GetOptionalIndex(&in, &e->sentence_index) || !GetOptionalIndex(&in, &e->span_begin) ||
      !GetOptionalIndex(&in, &e->span_end) || !GetString(&in, &e->sentence) ||
      !GetByte(&in, &modality) || modality >= kModalityCount || !GetDouble(&in, &e->confidence) ||
      !GetVarint32(&in, &e->date) || !GetVarint32(&in, &nq) || nq > in.size()) {
    return false;
  }
  e->modality = static_cast<Modality>(modality);
  e->qualifiers.resize(nq);
  for (auto& [key, value] : e->qualifiers) {
    if (!GetString(&in, &key) || !GetString(&in, &value)) return false;
  }
  return in.empty();
}

void EncodeArticleMeta(const ArticleMeta& a, std::string* out) {
  PutLengthPrefixed(out, a.id);
  PutLengthPrefixed(out, a.title);
  PutLengthPrefixed(out, a.source);
  PutLengthPrefixed(out, a.url);
  PutVarint64(out, a.date);
  PutFixed64BE(out, a.content_hash);
  PutVarint64(out, static_cast<uint64_t>(a.ingest_time < 0 ? 0 : a.ingest_time));
  PutVarint64(out, a.evidence_count);
  PutFixed64BE(out, a.source_hash);
  PutFixed64BE(out, a.text_hash);
}

bool DecodeArticleMeta(std::string_view in, ArticleMeta* a) {
  uint64_t ingest_time;
  if (!GetString(&in, &a->id) || !GetString(&in, &a->title) || !GetString(&in, &a->source) ||
      !GetString(&in, &a->url) || !GetVarint32(&in, &a->date) ||
      !GetFixed64BE(&in, &a->content_hash) || !GetVarint64(&in, &ingest_time) ||
      ingest_time > uint64_t{INT64_MAX} || !GetVarint32(&in, &a->evidence_count)) {
    return false;
  }
  a->ingest_time = static_cast<int64_t>(ingest_time);
  // Records written before the two hashes existed end here: both unknown.
  a->source_hash = a->text_hash = 0;
  if (in.empty()) return true;
  return GetFixed64BE(&in, &a->source_hash) && GetFixed64BE(&in, &a->text_hash) && in.empty();
}

void EncodeCounters(const uint64_t* values, size_t n, std::string* out) {
  for (size_t i = 0; i < n; ++i)
    PutVarint64(out, values[i]);
}

bool DecodeCounters(std::string_view in, uint64_t* values, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    values[i] = 0;
    if (!in.empty() && !GetVarint64(&in, &values[i])) return false;
  }
  return true;
}

}  // namespace kg
