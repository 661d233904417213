#include "ingest/evaluation.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "util/json.h"

namespace kg {

namespace {

const std::set<std::string>& SymmetricRelations() {
  static const std::set<std::string> s = {"partners_with", "competes_with", "comparable_to"};
  return s;
}

}  // namespace

std::string EvalName(std::string_view in) {
  std::string s;
  s.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    // U+2018/2019 -> ', U+201C/201D -> " (UTF-8 E2 80 98/99/9C/9D).
    if (i + 2 < in.size() && static_cast<unsigned char>(in[i]) == 0xE2 &&
        static_cast<unsigned char>(in[i + 1]) == 0x80) {
      const unsigned char c = static_cast<unsigned char>(in[i + 2]);
      if (c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D) {
        s += (c == 0x98 || c == 0x99) ? '\'' : '"';
        i += 2;
        continue;
      }
    }
    s += in[i];
  }
  // Trim, lower-case, collapse whitespace.
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (out.rfind("the ", 0) == 0) out.erase(0, 4);
  if (out.size() >= 2 && out.compare(out.size() - 2, 2, "'s") == 0) {
    out.erase(out.size() - 2);
  } else if (!out.empty() && out.back() == '\'') {
    out.pop_back();
  }
  const auto trimmed = [](char c) {
    return c == ' ' || c == '.' || c == ',' || c == '"' || c == '\'';
  };
  size_t b = 0, e = out.size();
  while (b < e && trimmed(out[b]))
    ++b;
  while (e > b && trimmed(out[e - 1]))
    --e;
  return out.substr(b, e - b);
}

Status Evaluation::AddGold(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(path, ec))
      if (e.path().extension() == ".jsonl") files.push_back(e.path().string());
    if (ec) return Status::IOError(path + ": " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) return Status::NotFound(path + ": no gold files (*.jsonl)");
    for (const auto& f : files)
      KG_RETURN_IF_ERROR(AddGoldFile(f));
    return Status::OK();
  }
  return AddGoldFile(path);
}

Status Evaluation::AddGoldFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open the gold file");
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(number);
    rapidjson::Document doc;
    if (Status s = ParseJson(line, &doc); !s.ok()) return s.WithContext(where);
    auto str = [&](const rapidjson::Value& v, const char* key) -> const char* {
      auto it = v.FindMember(key);
      return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : nullptr;
    };
    auto entity = [&](const char* key, std::set<std::string>* forms, std::string* name) -> Status {
      auto it = doc.FindMember(key);
      if (it == doc.MemberEnd() || !it->value.IsObject() || !str(it->value, "name")) {
        return Status::InvalidArgument(where + ": '" + key + "' must be an object with a name");
      }
      *name = EvalName(str(it->value, "name"));
      forms->insert(*name);
      for (const char* list : {"aliases", "alt"}) {
        auto l = it->value.FindMember(list);
        if (l == it->value.MemberEnd() || !l->value.IsArray()) continue;
        for (const auto& a : l->value.GetArray())
          if (a.IsString()) forms->insert(EvalName(a.GetString()));
      }
      return Status::OK();
    };
    if (!doc.IsObject() || !str(doc, "article") || !str(doc, "relation")) {
      return Status::InvalidArgument(where + ": a gold line needs 'article' and 'relation'");
    }
    Gold g;
    g.article = str(doc, "article");
    g.relation = str(doc, "relation");
    std::string s, o;
    KG_RETURN_IF_ERROR(entity("subject", &g.subject, &s));
    KG_RETURN_IF_ERROR(entity("object", &g.object, &o));
    auto core = doc.FindMember("core");
    g.core = core != doc.MemberEnd() && core->value.IsBool() && core->value.GetBool();
    articles_.insert(g.article);
    auto key = std::make_tuple(g.article, s, g.relation, o);
    auto it = gold_.find(key);
    if (it == gold_.end()) {
      gold_.emplace(key, std::move(g));
    } else {
      it->second.subject.insert(g.subject.begin(), g.subject.end());
      it->second.object.insert(g.object.begin(), g.object.end());
      it->second.core = it->second.core || g.core;
    }
  }
  return Status::OK();
}

void Evaluation::AddPrediction(const std::string& article, const std::string& subject,
                               const std::string& relation, const std::string& object) {
  predictions_.emplace(article, EvalName(subject), relation, EvalName(object));
}

EvalReport Evaluation::Score() const {
  EvalReport r;
  std::map<std::string, std::vector<const Gold*>> by_article;
  for (const auto& [key, g] : gold_)
    by_article[g.article].push_back(&g);
  std::set<const Gold*> matched;
  size_t correct = 0, pairs = 0;
  for (const auto& [article, s, relation, o] : predictions_) {
    if (!articles_.count(article)) continue;
    ++r.predictions;
    bool hit = false, pair = false;
    for (const Gold* g : by_article[article]) {
      const bool forward = g->subject.count(s) && g->object.count(o);
      const bool reverse = g->subject.count(o) && g->object.count(s);
      pair = pair || forward || reverse;
      if (g->relation == relation &&
          (forward || (SymmetricRelations().count(relation) && reverse))) {
        matched.insert(g);
        hit = true;
      }
    }
    correct += hit;
    pairs += pair;
    auto& row = r.by_relation[relation];
    ++row.predicted;
    row.predicted_correct += hit;
  }
  size_t core = 0, core_found = 0;
  for (const auto& [key, g] : gold_) {
    auto& row = r.by_relation[g.relation];
    ++row.gold;
    const bool found = matched.count(&g) > 0;
    row.gold_found += found;
    core += g.core;
    core_found += g.core && found;
  }
  r.gold = gold_.size();
  r.precision = r.predictions ? static_cast<double>(correct) / r.predictions : 0;
  r.recall = r.gold ? static_cast<double>(matched.size()) / r.gold : 0;
  r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0;
  r.core_recall = core ? static_cast<double>(core_found) / core : 0;
  r.pair_precision = r.predictions ? static_cast<double>(pairs) / r.predictions : 0;
  return r;
}

}  // namespace kg
