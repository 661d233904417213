#include "graph/article_checks.h"

#include <algorithm>
#include <chrono>

#include "graph/keys.h"
#include "graph/records.h"
#include "util/hash.h"

namespace kg {

uint64_t ArticleContentHash(const ArticleInput& a) {
  ContentHasher h;
  h.UpdateField(a.meta.id);
  h.UpdateField(a.meta.title);
  h.UpdateField(a.meta.source);
  h.UpdateField(a.meta.url);
  h.UpdateField(FormatDate(a.meta.date));
  std::string buf;
  for (const auto& f : a.facts) {
    for (const EntityRef* ref : {&f.subject, &f.object}) {
      h.UpdateField(ref->name);
      h.UpdateField(ref->type);
      for (const auto& alias : ref->aliases)
        h.UpdateField(alias);
      h.UpdateField("|");
    }
    h.UpdateField(f.relation);
    buf.clear();
    EncodeEvidence(f.evidence, &buf);
    h.UpdateField(buf);
  }
  return h.Finish();
}

std::string_view Trimmed(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && space(s.back()))
    s.remove_suffix(1);
  return s;
}

std::string TrimmedCopy(std::string_view s) {
  return std::string(Trimmed(s));
}

namespace {

Status ValidateFact(const Store::Rep& rep, const ArticleInput& a, size_t index, const Fact& f) {
  // Every fact of every article passes here: the message is built only
  // for a fact that fails.
  auto invalid = [&](std::string_view what) {
    return Status::InvalidArgument("article '" + a.meta.id + "', fact " +
                                   std::to_string(index + 1) + ": " + std::string(what));
  };
  if (!rep.relation_ids.contains(f.relation)) {
    return invalid("unknown relation '" + f.relation + "'");
  }
  for (const EntityRef* ref : {&f.subject, &f.object}) {
    if (NormalizesToEmpty(ref->name)) return invalid("an entity name is empty");
    if (!rep.type_ids.contains(ref->type))
      return invalid("unknown entity type '" + ref->type + "'");
  }
  const Evidence& e = f.evidence;
  if (e.sentence.find_first_not_of(" \t\n\r") == std::string::npos)
    return invalid("empty sentence");
  if (!(e.confidence >= 0.0 && e.confidence <= 1.0)) {
    return invalid("confidence must be within [0, 1]");
  }
  if ((e.span_begin < 0) != (e.span_end < 0) || e.span_end < e.span_begin) {
    return invalid("span must be [begin, end) with begin <= end");
  }
  if (static_cast<int>(e.modality) >= kModalityCount) return invalid("bad modality");
  return Status::OK();
}

}  // namespace

Status ValidateFacts(const Store::Rep& rep, const ArticleInput& a) {
  for (size_t i = 0; i < a.facts.size(); ++i)
    KG_RETURN_IF_ERROR(ValidateFact(rep, a, i, a.facts[i]));
  return Status::OK();
}

void NormalizeEvidence(const ArticleMeta& meta, Evidence* e) {
  e->article.clear();
  // A sentence that is trimmed already (the usual case, and always the
  // second time) is not copied.
  if (const std::string_view t = Trimmed(e->sentence); t.size() != e->sentence.size()) {
    e->sentence = std::string(t);
  }
  if (e->date == 0) e->date = meta.date;
  if (!std::is_sorted(e->qualifiers.begin(), e->qualifiers.end()))
    std::sort(e->qualifiers.begin(), e->qualifiers.end());
}

int64_t IngestTimeNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace kg
