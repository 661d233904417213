#include "ingest/gazetteer.h"

#include <algorithm>
#include <filesystem>

#include "ingest/lexicon.h"
#include "util/json.h"

namespace kg {

namespace {

bool HasUpper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

unsigned char Lower(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'A' && u <= 'Z') ? static_cast<unsigned char>(u - 'A' + 'a') : u;
}

// The table key of a form or text position: its first word (the bytes up
// to the first that is not a word byte, at least one), lower-cased. A form
// can only match where the text's first word is its own.
std::string FirstWordKey(std::string_view s) {
  size_t n = 1;
  while (n < s.size() && IsWordByte(s[n]))
    ++n;
  std::string key(s.substr(0, std::min(n, s.size())));
  for (char& c : key)
    c = static_cast<char>(Lower(c));
  return key;
}

bool EqualsFolded(std::string_view text, std::string_view form) {
  if (text.size() != form.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char a = text[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    char b = form[i];
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::string StringField(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  if (it == v.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::vector<std::string> ListField(const rapidjson::Value& v, const char* key) {
  std::vector<std::string> out;
  auto it = v.FindMember(key);
  if (it == v.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& item : it->value.GetArray())
    if (item.IsString()) out.emplace_back(item.GetString(), item.GetStringLength());
  return out;
}

}  // namespace

void Gazetteer::AddForm(const std::string& text, int entry, bool demonym) {
  // The same form twice for one entry adds nothing; for two entries the
  // first keeps it (the files are read in a fixed order).
  std::vector<int>& bucket = by_first_word_[FirstWordKey(text)];
  for (int i : bucket) {
    if (forms_[i].text == text) return;
  }
  Form f;
  f.text = text;
  f.fold = !HasUpper(text);
  f.entry = entry;
  f.demonym = demonym;
  forms_.push_back(std::move(f));
  bucket.push_back(static_cast<int>(forms_.size() - 1));
}

Status Gazetteer::AddEntry(GazetteerEntry entry, const std::string& where) {
  if (by_name_.count(entry.name)) {
    return Status::InvalidArgument(where + ": entity '" + entry.name + "' is listed twice");
  }
  const int index = static_cast<int>(entries_.size());
  by_name_.emplace(entry.name, index);
  AddForm(entry.name, index, false);
  for (const auto& a : entry.aliases)
    AddForm(a, index, false);
  for (const auto& d : entry.demonyms)
    AddForm(d, index, true);
  entries_.push_back(std::move(entry));
  return Status::OK();
}

Result<Gazetteer> Gazetteer::LoadFromDir(const std::string& schema_dir,
                                         const std::vector<std::string>& known_types) {
  namespace fs = std::filesystem;
  KG_ASSIGN_OR_RETURN(auto schema, JsonSchema::LoadFile(schema_dir + "/gazetteer.schema.json"));
  const std::string dir = schema_dir + "/gazetteer";
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  }
  if (ec) return Status::IOError(dir + ": " + ec.message());
  if (files.empty()) return Status::NotFound(dir + ": no gazetteer files (*.json)");
  std::sort(files.begin(), files.end());

  Gazetteer g;
  for (const auto& file : files) {
    rapidjson::Document doc;
    KG_RETURN_IF_ERROR(ParseJsonFile(file, &doc));
    if (Status s = schema->Validate(doc); !s.ok()) return s.WithContext(file);
    size_t n = 0;
    for (const auto& v : doc["entries"].GetArray()) {
      ++n;
      GazetteerEntry e;
      e.name = StringField(v, "name");
      e.type = StringField(v, "type");
      const std::string where = file + ": entry " + std::to_string(n) + " ('" + e.name + "')";
      if (std::find(known_types.begin(), known_types.end(), e.type) == known_types.end()) {
        return Status::InvalidArgument(where + ": type '" + e.type +
                                       "' is not an entity type of the ontology");
      }
      e.aliases = ListField(v, "aliases");
      e.demonyms = ListField(v, "demonyms");
      e.bloc = StringField(v, "bloc");
      e.country = StringField(v, "country");
      e.owner = StringField(v, "owner");
      e.affiliation = StringField(v, "affiliation");
      KG_RETURN_IF_ERROR(g.AddEntry(std::move(e), where));
    }
  }
  // Longest first, so that the first form that matches is the longest.
  for (auto& [word, list] : g.by_first_word_) {
    std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
      return g.forms_[a].text.size() > g.forms_[b].text.size();
    });
  }
  return g;
}

const GazetteerEntry* Gazetteer::FindByName(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? nullptr : &entries_[it->second];
}

void Gazetteer::FindMatches(std::string_view text, std::vector<GazetteerMatch>* out) const {
  size_t i = 0;
  while (i < text.size()) {
    const bool word_start = IsWordByte(text[i]) && (i == 0 || !IsWordByte(text[i - 1]));
    if (!word_start) {
      ++i;
      continue;
    }
    const Form* best = nullptr;
    // The key (FirstWordKey) lower-cased into a buffer: most words are short.
    size_t n = 1;
    while (i + n < text.size() && IsWordByte(text[i + n]))
      ++n;
    char buffer[32];
    const std::string long_key = n > sizeof(buffer) ? FirstWordKey(text.substr(i)) : std::string();
    std::string_view key = long_key;
    if (n <= sizeof(buffer)) {
      for (size_t k = 0; k < n; ++k)
        buffer[k] = static_cast<char>(Lower(text[i + k]));
      key = std::string_view(buffer, n);
    }
    const auto bucket = by_first_word_.find(key);
    if (bucket != by_first_word_.end()) {
      for (int index : bucket->second) {
        const Form& f = forms_[index];
        if (i + f.text.size() > text.size()) continue;
        const std::string_view candidate = text.substr(i, f.text.size());
        if (f.fold ? !EqualsFolded(candidate, f.text) : candidate != f.text) continue;
        const size_t end = i + f.text.size();
        // Whole words only; a form ending in punctuation ("U.S.") ends one.
        if (end < text.size() && IsWordByte(text[end]) && IsWordByte(f.text.back())) continue;
        // "Qwen2.5-Max", "DeepSeek-R1": a hyphen then a capital or digit
        // continues the name; "China-based", "Huawei-made" do not.
        if (end + 1 < text.size() && text[end] == '-' && IsWordByte(f.text.back()) &&
            ((text[end + 1] >= 'A' && text[end + 1] <= 'Z') ||
             (text[end + 1] >= '0' && text[end + 1] <= '9'))) {
          continue;
        }
        // "Llama 3" in "Llama 3.1": a number goes on.
        if (end + 1 < text.size() && text[end] == '.' && f.text.back() >= '0' &&
            f.text.back() <= '9' && text[end + 1] >= '0' && text[end + 1] <= '9') {
          continue;
        }
        best = &f;
        break;
      }
    }
    if (!best) {
      ++i;
      continue;
    }
    GazetteerMatch m;
    m.begin = i;
    m.end = i + best->text.size();
    m.entry = best->entry;
    m.demonym = best->demonym;
    const std::string_view rest = text.substr(m.end);
    if (rest.size() >= 2 && rest[0] == '\'' && (rest[1] == 's' || rest[1] == 'S') &&
        (rest.size() == 2 || !IsWordByte(rest[2]))) {
      m.possessive = true;
    } else if (!rest.empty() && rest[0] == '\'' && (rest.size() == 1 || !IsWordByte(rest[1])) &&
               (text[m.end - 1] == 's' || text[m.end - 1] == 'S')) {
      m.possessive = true;
    }
    out->push_back(m);
    i = m.end;
  }
}

}  // namespace kg
