#include "graph/triple_writer.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace kg {

std::string FactToJsonLine(const ArticleMeta& article, const Fact& fact) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  auto aliases = [&](const char* key, const std::vector<std::string>& list) {
    if (list.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& a : list)
      w.String(a.data(), static_cast<rapidjson::SizeType>(a.size()));
    w.EndArray();
  };
  const Evidence& e = fact.evidence;
  w.StartObject();
  str("subject", fact.subject.name);
  str("subject_type", fact.subject.type);
  aliases("subject_aliases", fact.subject.aliases);
  str("relation", fact.relation);
  str("object", fact.object.name);
  str("object_type", fact.object.type);
  aliases("object_aliases", fact.object.aliases);
  w.Key("qualifiers");
  w.StartObject();
  for (const auto& [k, v] : e.qualifiers)
    str(k.c_str(), v);
  w.EndObject();
  str("modality", std::string(ModalityName(e.modality)));
  w.Key("confidence");
  w.Double(e.confidence);
  str("article", article.id);
  str("sentence", e.sentence);
  if (e.sentence_index >= 0) {
    w.Key("sentence_index");
    w.Int64(e.sentence_index);
  }
  if (e.span_begin >= 0) {
    w.Key("span");
    w.StartArray();
    w.Int64(e.span_begin);
    w.Int64(e.span_end);
    w.EndArray();
  }
  const PackedDate date = e.date ? e.date : article.date;
  if (date) str("date", FormatDate(date));
  if (!article.title.empty()) str("title", article.title);
  if (!article.source.empty()) str("source", article.source);
  if (!article.url.empty()) str("url", article.url);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace kg
