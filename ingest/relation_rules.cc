#include "ingest/relation_rules.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <unordered_map>

#include "util/json.h"

namespace kg {

namespace {

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Short verbs ending consonant-vowel-consonant double it: ban -> banned.
bool DoublesFinalConsonant(const std::string& w) {
  if (w.size() < 3 || w.size() > 4) return false;
  const char a = w[w.size() - 3], b = w[w.size() - 2], c = w[w.size() - 1];
  return !IsVowel(a) && IsVowel(b) && !IsVowel(c) && c != 'w' && c != 'x' && c != 'y';
}

struct Inflected {
  std::string third, past, gerund;
};

Inflected InflectWord(const std::string& w) {
  Inflected out;
  const auto ends = [&](const char* suffix) {
    const size_t n = std::char_traits<char>::length(suffix);
    return w.size() >= n && w.compare(w.size() - n, n, suffix) == 0;
  };
  const bool consonant_y = w.size() >= 2 && w.back() == 'y' && !IsVowel(w[w.size() - 2]);
  if (ends("s") || ends("sh") || ends("ch") || ends("x") || ends("z") || ends("o")) {
    out.third = w + "es";
  } else if (consonant_y) {
    out.third = w.substr(0, w.size() - 1) + "ies";
  } else {
    out.third = w + "s";
  }
  if (ends("e")) {
    out.past = w + "d";
  } else if (consonant_y) {
    out.past = w.substr(0, w.size() - 1) + "ied";
  } else if (DoublesFinalConsonant(w)) {
    out.past = w + w.back() + "ed";
  } else {
    out.past = w + "ed";
  }
  if (ends("ie")) {
    out.gerund = w.substr(0, w.size() - 2) + "ying";
  } else if (ends("e") && !ends("ee") && !ends("ye") && !ends("oe") && w.size() > 2) {
    out.gerund = w.substr(0, w.size() - 1) + "ing";
  } else if (DoublesFinalConsonant(w)) {
    out.gerund = w + w.back() + "ing";
  } else {
    out.gerund = w + "ing";
  }
  return out;
}

std::string Escape(const std::string& s) {
  return RE2::QuoteMeta(s);
}

// "(?:a|b|c)" of the phrases, longest first so that RE2's leftmost-first
// alternation prefers the fuller phrase.
std::string Alternation(std::vector<std::string> phrases) {
  std::sort(phrases.begin(), phrases.end());
  phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
  std::stable_sort(phrases.begin(), phrases.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string out = "(?:";
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (i) out += "|";
    // Spaces in a phrase match the single spaces of the abstracted text.
    out += Escape(phrases[i]);
  }
  return out + ")";
}

void ReplaceAll(std::string* s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s->find(from, pos)) != std::string::npos; pos += to.size())
    s->replace(pos, from.size(), to);
}

std::vector<std::string> Strings(const rapidjson::Value& v, const char* key) {
  std::vector<std::string> out;
  auto it = v.FindMember(key);
  if (it == v.MemberEnd()) return out;
  for (const auto& s : it->value.GetArray())
    out.emplace_back(s.GetString(), s.GetStringLength());
  return out;
}

}  // namespace

namespace {

// The id of the next RelationRules made.
std::atomic<uint64_t> next_rules_id{1};

// Atoms shorter than this filter nothing ("@1", "to").
constexpr int kMinAtomLength = 3;

// The atom set's DFA holds every atom at once; with RE2's default budget
// a large set keeps discarding its state cache and crawls.
RE2::Options SetOptions() {
  RE2::Options o;
  o.set_max_mem(64 << 20);
  o.set_log_errors(false);
  return o;
}

// A slot group as the rules write it.
std::string SlotGroup(const std::string& name) {
  return "@(?P<" + name + ">[0-9]+)";
}

// Whether `p` has a '|' outside every group and class, which would make the
// whole pattern a choice; text that does not balance counts as one.
bool HasTopLevelAlternation(std::string_view p) {
  int depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      // A class: a ']' right after "[" or "[^" is a member, not the end.
      ++i;
      if (i < p.size() && p[i] == '^') ++i;
      if (i < p.size() && p[i] == ']') ++i;
      while (i < p.size() && p[i] != ']') {
        if (p[i] == '\\') ++i;
        ++i;
      }
      if (i >= p.size()) return true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth < 0) return true;
    } else if (c == '|' && depth == 0) {
      return true;
    }
  }
  return depth != 0;
}

// Sets how RelationRule::Match may search with pattern p (see there).
void PlanSearch(const std::string& p, const RE2::Options& options, RelationRule* rule) {
  const std::map<int, std::string>& names = rule->re->CapturingGroupNames();
  auto opens = names.find(1);
  if (opens == names.end() || HasTopLevelAlternation(p)) return;
  const std::string lead = SlotGroup(opens->second);
  if (p.compare(0, lead.size(), lead) != 0) return;
  rule->opens_with_slot = true;
  // A second and last group closing the pattern: "@(?P<A>[0-9]+) M
  // @(?P<B>[0-9]+)", where M and the closing group can match neither the
  // empty string nor anything that starts with a digit.
  auto closes = names.find(2);
  if (rule->re->NumberOfCapturingGroups() != 2 || closes == names.end()) return;
  const std::string trail = SlotGroup(closes->second);
  if (p.size() < lead.size() + trail.size() ||
      p.compare(p.size() - trail.size(), trail.size(), trail) != 0) {
    return;
  }
  const RE2 rest(p.substr(lead.size()), options);
  std::string min, max;
  if (!rest.ok() || RE2::FullMatch("", rest) || !rest.PossibleMatchRange(&min, &max, 4) ||
      max.empty() || static_cast<unsigned char>(max[0]) >= '0') {
    return;
  }
  rule->groups_at_ends = true;
}

}  // namespace

bool RelationRule::Match(const std::string& text, size_t pos, re2::StringPiece* groups) const {
  const int n = re->NumberOfCapturingGroups() + 1;
  if (!opens_with_slot) return re->Match(text, pos, text.size(), RE2::UNANCHORED, groups, n);
  // Every match starts at an '@', so the first '@' where an anchored match
  // starts is where the leftmost match starts, and the anchored search's
  // DFA gives its end too; an unanchored search needs a second, backward
  // pass for the start.
  size_t at = text.find('@', pos);
  while (at != std::string::npos && !re->Match(text, at, text.size(), RE2::ANCHOR_START, groups, 1))
    at = text.find('@', at + 1);
  if (at == std::string::npos) return false;
  const size_t end = at + groups[0].size();
  if (!groups_at_ends) {
    // The groups as RE2 finds them once it knows the match: the match read
    // again as a whole.
    return re->Match(text, at, end, RE2::ANCHOR_BOTH, groups, n);
  }
  // The opening group is the digits after the '@': had it stopped short,
  // the rest of the pattern would have matched text that starts with a
  // digit. The closing one is the digits before the end, back to its '@'.
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t lead_end = at + 1;
  while (lead_end < end && digit(text[lead_end]))
    ++lead_end;
  size_t trail_begin = end;
  while (trail_begin > at && digit(text[trail_begin - 1]))
    --trail_begin;
  groups[1] = re2::StringPiece(text.data() + at + 1, lead_end - at - 1);
  groups[2] = re2::StringPiece(text.data() + trail_begin, end - trail_begin);
  return true;
}

RelationRules::RelationRules()
    : filter_(kMinAtomLength), atoms_(SetOptions(), RE2::UNANCHORED), id_(next_rules_id++) {}

VerbForms InflectVerb(const std::string& spec) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t colon; (colon = spec.find(':', start)) != std::string::npos; start = colon + 1)
    parts.push_back(spec.substr(start, colon - start));
  parts.push_back(spec.substr(start));
  VerbForms f;
  f.base = parts[0];
  const size_t space = f.base.find(' ');
  const std::string head = f.base.substr(0, space);
  const std::string rest = space == std::string::npos ? "" : f.base.substr(space);
  const Inflected in = InflectWord(head);
  f.third = in.third + rest;
  f.gerund = in.gerund + rest;
  f.past = parts.size() > 1 ? parts[1] : in.past + rest;
  f.participle = parts.size() > 2 ? parts[2] : f.past;
  return f;
}

Result<std::unique_ptr<RelationRules>> RelationRules::LoadFromDir(
    const std::string& schema_dir, const std::vector<std::string>& relations,
    const std::vector<std::string>& types) {
  const std::string path = schema_dir + "/relations.json";
  KG_ASSIGN_OR_RETURN(auto schema, JsonSchema::LoadFile(schema_dir + "/relations.schema.json"));
  rapidjson::Document doc;
  KG_RETURN_IF_ERROR(ParseJsonFile(path, &doc));
  if (Status s = schema->Validate(doc); !s.ok()) return s.WithContext(path);

  struct Template {
    std::string name, pattern;
    double confidence;
    bool shared = false;
    std::vector<std::string> subject_types, object_types;  // empty: the relation's
  };
  auto read_template = [](const rapidjson::Value& t, const std::string& fallback) {
    Template out;
    out.name = t.HasMember("name") ? t["name"].GetString() : fallback;
    out.pattern = t["pattern"].GetString();
    out.confidence = t.HasMember("confidence") ? t["confidence"].GetDouble() : 0.7;
    out.subject_types = Strings(t, "subject_types");
    out.object_types = Strings(t, "object_types");
    return out;
  };
  std::vector<Template> shared;
  for (const auto& t : doc["templates"].GetArray()) {
    shared.push_back(read_template(t, "template " + std::to_string(shared.size() + 1)));
    shared.back().shared = true;
  }

  std::unique_ptr<RelationRules> rules(new RelationRules());
  for (const auto& r : doc["relations"].GetArray()) {
    const std::string relation = r["relation"].GetString();
    const std::string where = path + ": relation '" + relation + "'";
    if (std::find(relations.begin(), relations.end(), relation) == relations.end()) {
      return Status::InvalidArgument(where + ": not a relation of the ontology");
    }
    std::unordered_set<std::string> subject_types, object_types;
    for (const char* key : {"subject_types", "object_types"}) {
      for (const auto& t : Strings(r, key)) {
        if (std::find(types.begin(), types.end(), t) == types.end()) {
          return Status::InvalidArgument(where + ": " + key + ": '" + t +
                                         "' is not an entity type of the ontology");
        }
        (std::string(key) == "subject_types" ? subject_types : object_types).insert(t);
      }
    }
    std::vector<std::string> any, base, participle;
    for (const auto& spec : Strings(r, "verbs")) {
      const VerbForms f = InflectVerb(spec);
      any.insert(any.end(), {f.base, f.third, f.past, f.participle, f.gerund});
      for (const std::string* form : {&f.base, &f.third, &f.past, &f.participle, &f.gerund})
        rules->verb_words_.insert(form->substr(0, form->find(' ')));
      base.push_back(f.base);
      participle.push_back(f.participle);
    }
    const std::vector<std::string> nouns = Strings(r, "nouns");

    std::vector<Template> templates = shared;
    if (r.HasMember("phrases")) {
      for (const auto& t : r["phrases"].GetArray())
        templates.push_back(
            read_template(t, "phrase " + std::to_string(templates.size() - shared.size() + 1)));
    }
    for (const Template& t : templates) {
      std::string p = t.pattern;
      const bool uses_verbs = p.find("{V") != std::string::npos;
      const bool uses_nouns = p.find("{N}") != std::string::npos;
      if ((uses_verbs && any.empty()) || (uses_nouns && nouns.empty())) continue;
      // Each slot once: a second {O} would be a second group RE2 accepts
      // under the same name and never reports.
      for (const char* slot : {"{S}", "{O}", "{X}"}) {
        const size_t first = p.find(slot);
        if (first != std::string::npos && p.find(slot, first + 1) != std::string::npos) {
          return Status::InvalidArgument(where + ", " + t.name + ": " + slot +
                                         " appears more than once");
        }
      }
      ReplaceAll(&p, "{S}", "@(?P<S>[0-9]+)");
      ReplaceAll(&p, "{O}", "@(?P<O>[0-9]+)");
      ReplaceAll(&p, "{X}", "@(?P<X>[0-9]+)");
      if (uses_verbs) {
        ReplaceAll(&p, "{VBASE}", Alternation(base));
        ReplaceAll(&p, "{VPP}", Alternation(participle));
        ReplaceAll(&p, "{V}", Alternation(any));
      }
      if (uses_nouns) ReplaceAll(&p, "{N}", Alternation(nouns));
      // A gap: plain words only, never a mention (@), a clause break (#)
      // or a comma.
      ReplaceAll(&p, "{POSSGAP}",
                 "(?:(?:'s|')(?: [a-z0-9$%.'\"-]+){1,5}?|(?: [a-z0-9$%.'\"-]+){0,5}?)");
      ReplaceAll(&p, "{GAP}", "(?: [a-z0-9$%.'\"-]+){0,5}?");
      ReplaceAll(&p, "{GAP2}", "(?: [a-z0-9$%.'\"-]+){0,4}?");

      RelationRule rule;
      rule.relation = relation;
      rule.name = relation + "/" + t.name;
      rule.confidence = t.confidence;
      rule.shared = t.shared;
      rule.active = t.shared && t.name == "active";
      rule.subject_types = subject_types;
      rule.object_types = object_types;
      for (const auto* list : {&t.subject_types, &t.object_types}) {
        for (const auto& type : *list) {
          if (std::find(types.begin(), types.end(), type) == types.end()) {
            return Status::InvalidArgument(where + ", " + t.name + ": '" + type +
                                           "' is not an entity type of the ontology");
          }
        }
      }
      if (!t.subject_types.empty()) {
        rule.subject_types = {t.subject_types.begin(), t.subject_types.end()};
      }
      if (!t.object_types.empty()) {
        rule.object_types = {t.object_types.begin(), t.object_types.end()};
      }
      RE2::Options options = SetOptions();
      rule.re = std::make_unique<RE2>(p, options);
      if (!rule.re->ok()) {
        return Status::InvalidArgument(where + ", " + t.name +
                                       ": RE2 rejects the pattern: " + rule.re->error());
      }
      const auto& groups = rule.re->NamedCapturingGroups();
      auto group = [&](const char* n) {
        auto it = groups.find(n);
        return it == groups.end() ? 0 : it->second;
      };
      PlanSearch(p, options, &rule);
      rule.subject_group = group("S");
      rule.object_group = group("O");
      rule.item_group = group("X");
      if (!rule.subject_group || !rule.object_group) {
        return Status::InvalidArgument(where + ", " + t.name + ": needs both {S} and {O}");
      }
      int id = -1;
      if (rules->filter_.Add(p, options, &id) != RE2::NoError ||
          id != static_cast<int>(rules->rules_.size())) {
        return Status::InvalidArgument(where + ", " + t.name + ": the rule filter rejects it");
      }
      rules->rules_.push_back(std::move(rule));
    }
  }
  // The literal strings some rule needs ("restrict", "tariffs on"); a rule
  // none of whose needs occur in a sentence is never run on it.
  std::vector<std::string> atoms;
  rules->filter_.Compile(&atoms);
  for (const std::string& atom : atoms) {
    std::string error;
    if (rules->atoms_.Add(RE2::QuoteMeta(atom), &error) < 0) {
      return Status::InvalidArgument(path + ": rule filter atom '" + atom + "': " + error);
    }
  }
  if (!atoms.empty() && !rules->atoms_.Compile()) {
    return Status::InvalidArgument(path + ": the rule filter does not compile (RE2 memory limit)");
  }
  rules->has_atoms_ = !atoms.empty();
  return rules;
}

namespace {

// Which rules a set of found literals allows depends on nothing else, and
// sentences find the same few sets again and again, while working it out
// (FilteredRE2::AllPotentials) walks the filter's whole tree. So each
// thread remembers the answers for the rules it used last.
struct PotentialsCache {
  struct Hash {
    size_t operator()(const std::vector<int>& atoms) const {
      size_t h = atoms.size();
      for (int a : atoms)
        h = h * 1000003 + static_cast<size_t>(a);
      return h;
    }
  };
  uint64_t owner = 0;  // RelationRules::id_ of the answers below
  std::unordered_map<std::vector<int>, std::vector<int>, Hash> hits;
};

// Bounds the memory of a thread's cache; it starts again when full.
constexpr size_t kMaxCachedAtomSets = 4096;

}  // namespace

std::vector<int> RelationRules::Candidates(std::string_view text) const {
  std::vector<int> found_atoms;
  if (has_atoms_) atoms_.Match(text, &found_atoms);
  // The same set in any order is the same key.
  std::sort(found_atoms.begin(), found_atoms.end());
  thread_local PotentialsCache cache;
  if (cache.owner != id_ || cache.hits.size() >= kMaxCachedAtomSets) {
    cache.hits.clear();
    cache.owner = id_;
  }
  auto it = cache.hits.find(found_atoms);
  if (it != cache.hits.end()) return it->second;
  std::vector<int> hits;
  filter_.AllPotentials(found_atoms, &hits);
  std::sort(hits.begin(), hits.end());
  cache.hits.emplace(std::move(found_atoms), hits);
  return hits;
}

}  // namespace kg
