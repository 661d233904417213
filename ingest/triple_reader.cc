#include "ingest/triple_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "util/suggest.h"

namespace kg {

namespace {

std::string GetString(const rapidjson::Value& obj, const char* name) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::vector<std::string> GetStrings(const rapidjson::Value& obj, const char* name) {
  std::vector<std::string> out;
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& v : it->value.GetArray()) {
    if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

template <typename Named>
std::vector<std::string> Names(const std::vector<Named>& items) {
  std::vector<std::string> out;
  for (const auto& i : items)
    out.push_back(i.name);
  return out;
}

std::string UnknownName(const char* what, const std::string& field, const std::string& name,
                        const std::vector<std::string>& known) {
  std::string msg = "field /" + field + ": unknown " + what + " '" + name + "'";
  const std::string guess = ClosestMatch(name, known);
  if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
  return msg;
}

}  // namespace

Result<std::unique_ptr<TripleLineParser>> TripleLineParser::Create(const std::string& schema_dir,
                                                                   const Ontology* ontology) {
  KG_ASSIGN_OR_RETURN(auto schema, JsonSchema::LoadFile(schema_dir + "/triple.schema.json"));
  return std::unique_ptr<TripleLineParser>(new TripleLineParser(std::move(schema), ontology));
}

Status TripleLineParser::Parse(std::string_view line, TripleLine* out) const {
  rapidjson::Document doc;
  Status s = ParseJson(line, &doc);
  if (!s.ok()) {
    // A JSON Lines line is line 1 of itself: report the column only.
    std::string msg = s.message();
    if (msg.rfind("line 1, ", 0) == 0) msg = msg.substr(8);
    return Status::InvalidArgument(msg);
  }
  KG_RETURN_IF_ERROR(schema_->Validate(doc));

  *out = TripleLine();
  Fact& f = out->fact;
  f.subject = {GetString(doc, "subject"), GetString(doc, "subject_type"),
               GetStrings(doc, "subject_aliases")};
  f.object = {GetString(doc, "object"), GetString(doc, "object_type"),
              GetStrings(doc, "object_aliases")};
  f.relation = GetString(doc, "relation");
  if (!ontology_->FindRelation(f.relation)) {
    return Status::InvalidArgument(
        UnknownName("relation", "relation", f.relation, Names(ontology_->relations())));
  }
  for (const auto& [field, type] :
       {std::pair{"subject_type", f.subject.type}, std::pair{"object_type", f.object.type}}) {
    if (!ontology_->FindEntityType(type)) {
      return Status::InvalidArgument(
          UnknownName("entity type", field, type, Names(ontology_->entity_types())));
    }
  }

  Evidence& e = f.evidence;
  e.sentence = GetString(doc, "sentence");
  if (auto it = doc.FindMember("modality"); it != doc.MemberEnd()) {
    ParseModality(it->value.GetString(), &e.modality);  // the schema checked the enum
  }
  if (auto it = doc.FindMember("confidence"); it != doc.MemberEnd()) {
    e.confidence = it->value.GetDouble();
  }
  if (auto it = doc.FindMember("sentence_index"); it != doc.MemberEnd()) {
    if (!it->value.IsInt64()) return Status::InvalidArgument("field /sentence_index: too large");
    e.sentence_index = it->value.GetInt64();
  }
  if (auto it = doc.FindMember("span"); it != doc.MemberEnd()) {
    const auto& span = it->value;
    if (!span[0].IsInt64() || !span[1].IsInt64()) {
      return Status::InvalidArgument("field /span: offsets too large");
    }
    e.span_begin = span[0].GetInt64();
    e.span_end = span[1].GetInt64();
    if (e.span_end < e.span_begin) {
      return Status::InvalidArgument("field /span: end " + std::to_string(e.span_end) +
                                     " is before begin " + std::to_string(e.span_begin));
    }
  }
  if (auto it = doc.FindMember("qualifiers"); it != doc.MemberEnd()) {
    for (auto q = it->value.MemberBegin(); q != it->value.MemberEnd(); ++q) {
      e.qualifiers.emplace_back(q->name.GetString(),
                                std::string(q->value.GetString(), q->value.GetStringLength()));
    }
    std::sort(e.qualifiers.begin(), e.qualifiers.end());
  }
  const std::string date = GetString(doc, "date");
  if (!date.empty() && !ParseDate(date, &e.date)) {
    return Status::InvalidArgument("field /date: '" + date + "' is not a calendar date");
  }

  ArticleMeta& a = out->article;
  a.id = GetString(doc, "article");
  a.title = GetString(doc, "title");
  a.source = GetString(doc, "source");
  a.url = GetString(doc, "url");
  a.date = e.date;
  return Status::OK();
}

Status TripleFileReader::AddLine(TripleLine line) {
  auto [it, inserted] = article_index_.emplace(line.article.id, articles_.size());
  if (inserted) {
    articles_.push_back(ArticleInput{line.article, {}, std::nullopt});
  } else {
    ArticleMeta& meta = articles_[it->second].meta;
    // An article's fields must agree across its lines; a line may leave them out.
    auto merge = [&](const char* field, auto& have, const auto& given, auto render) -> Status {
      using T = std::remove_cvref_t<decltype(given)>;
      if (given == T() || given == have) return Status::OK();
      if (have == T()) {
        have = given;
        return Status::OK();
      }
      return Status::InvalidArgument("field /" + std::string(field) + ": '" + render(given) +
                                     "' contradicts '" + render(have) +
                                     "' given earlier for article '" + meta.id + "'");
    };
    auto same = [](const std::string& s) { return s; };
    KG_RETURN_IF_ERROR(merge("title", meta.title, line.article.title, same));
    KG_RETURN_IF_ERROR(merge("source", meta.source, line.article.source, same));
    KG_RETURN_IF_ERROR(merge("url", meta.url, line.article.url, same));
    KG_RETURN_IF_ERROR(merge("date", meta.date, line.article.date, FormatDate));
  }
  articles_[it->second].facts.push_back(std::move(line.fact));
  ++facts_read_;
  return Status::OK();
}

Status TripleFileReader::ReadStream(std::istream& in, const std::string& file) {
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    ++lines_read_;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      --lines_read_;
      continue;
    }
    TripleLine parsed;
    Status s = parser_->Parse(line, &parsed);
    if (s.ok()) s = AddLine(std::move(parsed));
    if (!s.ok()) errors_.push_back({file, number, s.message()});
  }
  if (in.bad()) return Status::IOError(file + ": read failed after line " + std::to_string(number));
  return Status::OK();
}

Status TripleFileReader::ReadFile(const std::string& path) {
  if (path == "-") return ReadStream(std::cin, "<stdin>");
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(path + ": is a directory, not a triple file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": " + std::strerror(errno));
  return ReadStream(in, path);
}

std::vector<ArticleInput> TripleFileReader::TakeArticles() {
  article_index_.clear();
  return std::move(articles_);
}

}  // namespace kg
