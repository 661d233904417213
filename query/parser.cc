#include "query/parser.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "util/suggest.h"

namespace kg::query {

namespace {

const std::vector<std::string>& StatementWords() {
  static const std::vector<std::string> words = {"MATCH",   "EVIDENCE",   "PATH",   "NEIGHBORS",
                                                 "RANK",    "COMPONENTS", "ENTITY", "FIND",
                                                 "EXPLAIN", "EXPORT"};
  return words;
}

std::string Lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

constexpr ModalitySet kAllModalities = ModalityBit(Modality::kAsserted) |
                                       ModalityBit(Modality::kHedged) |
                                       ModalityBit(Modality::kNegated);

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  ParseOutcome Run() {
    ParseOutcome out;
    out.statement.pos = Peek().pos;
    out.ok = ParseTop(&out.statement);
    // A whole statement followed by more: say what could have followed.
    if (out.ok && Peek().kind != TokenKind::kEnd) out.ok = Fail(Peek(), next_);
    if (!out.ok) out.error = error_;
    return out;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    const size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
    return tokens_[i];
  }
  const Token& Take() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  const Token& Last() const { return tokens_[pos_ == 0 ? 0 : pos_ - 1]; }
  bool AtWord(std::string_view keyword) const { return Peek().Is(keyword); }
  bool AcceptWord(std::string_view keyword) {
    if (!AtWord(keyword)) return false;
    Take();
    return true;
  }
  bool Accept(TokenKind kind) {
    if (Peek().kind != kind) return false;
    Take();
    return true;
  }

  // Records "expected WHAT, found TOKEN" at the token; always false.
  bool Fail(const Token& t, const std::string& expected) {
    if (t.kind == TokenKind::kError) {
      error_ = {t.text, t.pos, std::max<size_t>(t.length, 1)};
    } else {
      error_ = {"expected " + expected + ", found " + Describe(t), t.pos, t.length};
    }
    return false;
  }
  bool FailMessage(const Token& t, const std::string& message) {
    error_ = {message, t.pos, t.length};
    return false;
  }
  bool ExpectWord(std::string_view keyword, const std::string& expected) {
    if (AcceptWord(keyword)) return true;
    return Fail(Peek(), expected);
  }
  bool Expect(TokenKind kind, const std::string& expected) {
    if (Accept(kind)) return true;
    return Fail(Peek(), expected);
  }

  static Name NameOf(const Token& t) { return Name{t.text, t.pos, t.length}; }

  // A name: a word or a quoted string.
  bool ParseName(Name* name, const std::string& expected) {
    const Token& t = Peek();
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kString) {
      *name = NameOf(Take());
      if (name->text.empty()) return FailMessage(t, "an empty name");
      return true;
    }
    return Fail(t, expected);
  }

  bool ParseCount(uint64_t* n, const std::string& what, bool allow_zero = false) {
    const Token& t = Peek();
    if (t.kind != TokenKind::kInteger) return Fail(t, what);
    uint64_t v = 0;
    auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (ec != std::errc() || p != t.text.data() + t.text.size()) {
      return FailMessage(t, "the number " + t.text + " is too large");
    }
    if (v == 0 && !allow_zero) return FailMessage(t, what + " must be at least 1");
    Take();
    *n = v;
    return true;
  }

  bool ParseLimit(std::optional<uint64_t>* limit) {
    if (!AcceptWord("LIMIT")) return true;
    uint64_t n = 0;
    if (!ParseCount(&n, "a row count after LIMIT", true)) return false;
    *limit = n;
    return true;
  }

  // LIMIT n; `then` is what may follow it.
  bool ParseLimitThen(std::optional<uint64_t>* limit, const std::string& then) {
    if (!AtWord("LIMIT")) return true;
    if (!ParseLimit(limit)) return false;
    next_ = then;
    return true;
  }

  bool ParseTop(Statement* s) {
    if (AcceptWord("EXPLAIN")) s->explain = true;
    if (AtWord("EXPORT")) {
      if (s->explain) return FailMessage(Peek(), "EXPLAIN goes after EXPORT ... TO 'file'");
      Take();
      ExportAst e;
      const Token& f = Peek();
      if (!(f.Is("dot") || f.Is("svg") || f.Is("png") || f.Is("pdf") || f.Is("jsonl"))) {
        return Fail(f, "an export format (dot, svg, png, pdf or jsonl)");
      }
      e.format = NameOf(Take());
      e.format.text = Lower(e.format.text);
      if (!ExpectWord("TO", "TO 'file'")) return false;
      if (Peek().kind != TokenKind::kString) {
        return Fail(Peek(), "a quoted file path, as in TO 'graph.svg'");
      }
      e.path = NameOf(Take());
      if (e.path.text.empty()) return FailMessage(Last(), "an empty file path");
      while (true) {
        if (AcceptWord("CLUSTER")) {
          if (!ExpectWord("BY", "BY after CLUSTER")) return false;
          if (!AtWord("bloc") && !AtWord("type")) return Fail(Peek(), "bloc or type");
          e.cluster = NameOf(Take());
          e.cluster.text = Lower(e.cluster.text);
        } else if (AcceptWord("TITLE")) {
          if (Peek().kind != TokenKind::kString) return Fail(Peek(), "a quoted title");
          e.title = NameOf(Take());
        } else {
          break;
        }
      }
      s->export_to = e;
      if (AcceptWord("EXPLAIN")) s->explain = true;
    }
    return ParseQuery(s);
  }

  bool ParseQuery(Statement* s) {
    const Token& t = Peek();
    if (s->export_to && (t.Is("ENTITY") || t.Is("FIND"))) {
      return FailMessage(t,
                         "EXPORT takes MATCH, EVIDENCE, PATH, NEIGHBORS, RANK or COMPONENTS; "
                         "ENTITY and FIND give tables (write them with .mode csv or json)");
    }
    if (AcceptWord("MATCH")) return ParseMatch(s);
    if (AcceptWord("EVIDENCE")) return ParseEvidence(s);
    if (AcceptWord("PATH")) return ParsePath(s);
    if (AcceptWord("NEIGHBORS") || AcceptWord("NEIGHBOURS")) return ParseNeighbors(s);
    if (AcceptWord("RANK")) return ParseRank(s);
    if (AcceptWord("COMPONENTS")) return ParseComponents(s);
    if (AcceptWord("ENTITY")) {
      EntityAst e;
      if (!ParseName(&e.name, "an entity name after ENTITY")) return false;
      next_ = "';' (quote a name that has spaces: ENTITY \"United States\")";
      s->query = e;
      return true;
    }
    if (AcceptWord("FIND")) return ParseFind(s);
    const std::string expected =
        s->export_to ? "a statement to export (MATCH, EVIDENCE, PATH, NEIGHBORS, RANK or "
                       "COMPONENTS)"
                     : "a statement (MATCH, EVIDENCE, PATH, NEIGHBORS, RANK, COMPONENTS, "
                       "ENTITY, FIND, EXPLAIN or EXPORT)";
    Fail(t, expected);
    if (t.kind == TokenKind::kWord) {
      // A typo of a statement word; not the word itself (EXPLAIN EXPLAIN).
      const std::string guess = ClosestMatch(t.text, StatementWords());
      if (!guess.empty() && Lower(guess) != Lower(t.text)) {
        error_.message += " (did you mean " + guess + "?)";
      }
    }
    return false;
  }

  bool ParseNode(NodeTerm* n, const std::string& role) {
    const Token& t = Peek();
    if (t.kind == TokenKind::kVariable) {
      n->is_variable = true;
      n->name = NameOf(Take());
      if (Accept(TokenKind::kColon)) {
        if (!ParseName(&n->type, "an entity type after ':' (company, country, ...)")) return false;
      }
      return true;
    }
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kString) {
      return ParseName(&n->name, "");
    }
    return Fail(t, "the " + role + ": an entity name or a ?variable");
  }

  bool ParsePattern(PatternAst* p) {
    if (!ParseNode(&p->subject, "subject")) return false;
    const Token& r = Peek();
    if (r.kind == TokenKind::kVariable) {
      p->relation.is_variable = true;
      p->relation.names.push_back(NameOf(Take()));
    } else if (r.kind == TokenKind::kWord) {
      p->relation.names.push_back(NameOf(Take()));
      while (Accept(TokenKind::kBar)) {
        if (Peek().kind != TokenKind::kWord) return Fail(Peek(), "a relation name after '|'");
        p->relation.names.push_back(NameOf(Take()));
      }
    } else {
      return Fail(r, "a relation (restricts, supplies, ...) or a ?variable");
    }
    return ParseNode(&p->object, "object");
  }

  bool ParsePatterns(std::vector<PatternAst>* patterns) {
    do {
      PatternAst p;
      if (!ParsePattern(&p)) return false;
      patterns->push_back(std::move(p));
    } while (Accept(TokenKind::kComma));
    return true;
  }

  bool ParseDate(PackedDate* date) {
    const Token& t = Peek();
    if (t.kind == TokenKind::kDate || t.kind == TokenKind::kInteger ||
        t.kind == TokenKind::kString) {
      if (!kg::ParseDate(t.text, date)) {
        return FailMessage(t, "'" + t.text + "' is not a date YYYY, YYYY-MM or YYYY-MM-DD");
      }
      Take();
      return true;
    }
    return Fail(t, "a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  }

  bool ParseNameList(std::vector<Name>* names, const std::string& what) {
    if (Accept(TokenKind::kLeftParen)) {
      do {
        Name n;
        if (!ParseName(&n, what)) return false;
        names->push_back(n);
      } while (Accept(TokenKind::kComma));
      return Expect(TokenKind::kRightParen, "',' or ')'");
    }
    Name n;
    if (!ParseName(&n, what + " or a list in parentheses")) return false;
    names->push_back(n);
    return true;
  }

  // relation IN (...) or type IN (...): a second such condition (joined by
  // AND) keeps only the names both list.
  bool ParseNarrowingList(std::vector<Name>* names, const std::string& what, const Token& start,
                          const std::string& noun) {
    std::vector<Name> listed;
    if (!ParseNameList(&listed, what)) return false;
    if (names->empty()) {
      *names = std::move(listed);
      return true;
    }
    std::vector<Name> kept;
    for (const Name& n : *names)
      for (const Name& m : listed)
        if (Lower(n.text) == Lower(m.text)) kept.push_back(n);
    if (kept.empty()) return FailMessage(start, "these conditions leave no " + noun);
    *names = std::move(kept);
    return true;
  }

  bool ParseModalities(ModalitySet* set) {
    std::vector<Name> names;
    if (!ParseNameList(&names, "a modality (asserted, hedged or negated)")) return false;
    for (const Name& n : names) {
      Modality m;
      if (!ParseModality(Lower(n.text), &m)) {
        error_ = {"'" + n.text + "' is not a modality (asserted, hedged or negated)", n.pos,
                  n.length};
        return false;
      }
      *set |= ModalityBit(m);
    }
    return true;
  }

  // One condition. Conditions joined by AND all hold: a second condition on
  // the same thing narrows the first (the later start of two date windows,
  // the higher of two confidences, the modalities both allow). When nothing
  // is left, the caret goes under the condition that emptied it.
  bool ParseCondition(FilterAst* f, bool allow_variables) {
    const Token& t = Peek();
    if (t.Is("confidence")) {
      Take();
      if (!Expect(TokenKind::kGreaterEqual, "'>=' after confidence")) return false;
      const Token& n = Peek();
      if (n.kind != TokenKind::kDecimal && n.kind != TokenKind::kInteger) {
        return Fail(n, "a confidence from 0 to 1");
      }
      const double x = std::strtod(n.text.c_str(), nullptr);
      if (x < 0 || x > 1) return FailMessage(n, "a confidence is from 0 to 1, not " + n.text);
      Take();
      f->min_confidence = std::max(x, f->min_confidence.value_or(0));
      return true;
    }
    if (t.Is("evidence")) {
      Take();
      if (!Expect(TokenKind::kGreaterEqual, "'>=' after evidence")) return false;
      uint64_t n = 0;
      if (!ParseCount(&n, "a number of sentences")) return false;
      f->min_evidence = std::max(static_cast<uint32_t>(std::min<uint64_t>(n, UINT32_MAX)),
                                 f->min_evidence.value_or(0));
      return true;
    }
    if (t.Is("modality")) {
      Take();
      const ModalitySet before = f->modalities ? f->modalities : kAllModalities;
      ModalitySet listed = 0;
      if (Accept(TokenKind::kEqual) || AcceptWord("IN")) {
        if (!ParseModalities(&listed)) return false;
        f->modalities = static_cast<ModalitySet>(before & listed);
      } else if (Accept(TokenKind::kNotEqual) || (AtWord("NOT") && Peek(1).Is("IN"))) {
        if (AcceptWord("NOT")) Take();
        if (!ParseModalities(&listed)) return false;
        f->modalities = static_cast<ModalitySet>(before & ~listed);
      } else {
        return Fail(Peek(), "'=', '!=', IN or NOT IN after modality");
      }
      if (f->modalities == 0) return FailMessage(t, "these conditions leave no modality");
      return true;
    }
    if (t.Is("date")) {
      Take();
      PackedDate from = 0, to = 0;
      if (Accept(TokenKind::kGreaterEqual)) {
        if (!ParseDate(&from)) return false;
      } else if (Accept(TokenKind::kLessEqual)) {
        if (!ParseDate(&to)) return false;
      } else if (AcceptWord("BETWEEN")) {
        if (!ParseDate(&from)) return false;
        if (!ExpectWord("AND", "AND between the two dates")) return false;
        if (!ParseDate(&to)) return false;
      } else {
        return Fail(Peek(), "'>=', '<=' or BETWEEN after date");
      }
      if (from && from > f->from) f->from = from;
      if (to && (!f->to || EndOfPeriod(to) < EndOfPeriod(f->to))) f->to = to;
      // "date <= 2024" runs through the end of 2024.
      if (f->from && f->to && f->from > EndOfPeriod(f->to)) {
        return FailMessage(t, "the date window ends before it begins");
      }
      return true;
    }
    if (t.Is("relation")) {
      Take();
      if (!AcceptWord("IN") && !Accept(TokenKind::kEqual)) {
        return Fail(Peek(), "IN or '=' after relation");
      }
      return ParseNarrowingList(&f->relations, "a relation name", t, "relation");
    }
    if (t.Is("type")) {
      Take();
      if (!AcceptWord("IN") && !Accept(TokenKind::kEqual)) {
        return Fail(Peek(), "IN or '=' after type");
      }
      return ParseNarrowingList(&f->types, "an entity type", t, "entity type");
    }
    if (t.kind == TokenKind::kVariable && allow_variables) {
      FilterAst::VarCondition c;
      c.variable = NameOf(Take());
      bool list = false;
      if (Accept(TokenKind::kEqual)) {
      } else if (Accept(TokenKind::kNotEqual)) {
        c.negated = true;
      } else if (AcceptWord("IN")) {
        list = true;
      } else if (AtWord("NOT") && Peek(1).Is("IN")) {
        Take();
        Take();
        c.negated = true;
        list = true;
      } else {
        return Fail(Peek(), "'=', '!=', IN or NOT IN after " + Describe(Last()));
      }
      auto value = [&]() -> bool {
        NodeTerm v;
        const Token& vt = Peek();
        if (vt.kind == TokenKind::kVariable) {
          v.is_variable = true;
          v.name = NameOf(Take());
        } else if (!ParseName(&v.name, "an entity name or a ?variable")) {
          return false;
        }
        c.values.push_back(std::move(v));
        return true;
      };
      if (list) {
        if (!Expect(TokenKind::kLeftParen, "'(' to open the list")) return false;
        do {
          if (!value()) return false;
        } while (Accept(TokenKind::kComma));
        if (!Expect(TokenKind::kRightParen, "',' or ')'")) return false;
      } else if (!value()) {
        return false;
      }
      f->var_conditions.push_back(std::move(c));
      return true;
    }
    return Fail(t, allow_variables
                       ? "a condition (confidence, evidence, modality, date, relation, type or "
                         "a ?variable)"
                       : "a condition (confidence, evidence, modality, date, relation or type)");
  }

  // WHERE and its conditions; `then` is what may follow them.
  bool ParseWhere(FilterAst* f, bool allow_variables, const std::string& then) {
    if (!AcceptWord("WHERE")) return true;
    do {
      if (!ParseCondition(f, allow_variables)) return false;
    } while (AcceptWord("AND"));
    next_ = "AND, " + then;
    return true;
  }

  // COUNT(*), COUNT(?v), COUNT(DISTINCT ?v), TYPE(?v) or ?v; with AS name
  // when `allow_alias` (a RETURN item, not an ORDER BY key).
  bool ParseItem(ReturnItem* item, bool allow_alias) {
    const Token& t = Peek();
    item->pos = t.pos;
    if (t.kind == TokenKind::kVariable) {
      item->kind = ReturnItem::Kind::kVariable;
      item->variable = NameOf(Take());
      item->label = "?" + item->variable.text;
    } else if (t.Is("COUNT") && Peek(1).kind == TokenKind::kLeftParen) {
      Take();
      Take();
      item->kind = ReturnItem::Kind::kCount;
      if (Accept(TokenKind::kStar)) {
        item->label = "count";
      } else {
        if (AcceptWord("DISTINCT")) item->distinct = true;
        if (Peek().kind != TokenKind::kVariable) {
          return Fail(Peek(), item->distinct ? "a ?variable" : "'*' or a ?variable");
        }
        item->variable = NameOf(Take());
        item->label = std::string("count(") + (item->distinct ? "distinct " : "") + "?" +
                      item->variable.text + ")";
      }
      if (!Expect(TokenKind::kRightParen, "')'")) return false;
    } else if (t.Is("TYPE") && Peek(1).kind == TokenKind::kLeftParen) {
      Take();
      Take();
      item->kind = ReturnItem::Kind::kType;
      if (Peek().kind != TokenKind::kVariable) return Fail(Peek(), "a ?variable");
      item->variable = NameOf(Take());
      item->label = "type(?" + item->variable.text + ")";
      if (!Expect(TokenKind::kRightParen, "')'")) return false;
    } else {
      return Fail(t, "a ?variable, COUNT(...) or TYPE(?variable)");
    }
    item->length = Last().pos.offset + Last().length - item->pos.offset;
    if (allow_alias && AcceptWord("AS")) {
      Name alias;
      if (!ParseName(&alias, "a column name after AS")) return false;
      item->label = alias.text;
    }
    return true;
  }

  bool ParseMatch(Statement* s) {
    MatchAst m;
    if (!ParsePatterns(&m.patterns)) return false;
    next_ = "',', WHERE, RETURN, ORDER BY, LIMIT, OFFSET or ';'";
    if (!ParseWhere(&m.filter, true, "RETURN, ORDER BY, LIMIT, OFFSET or ';'")) return false;
    if (AcceptWord("RETURN")) {
      if (AcceptWord("DISTINCT")) m.distinct = true;
      do {
        ReturnItem item;
        if (!ParseItem(&item, true)) return false;
        m.items.push_back(std::move(item));
      } while (Accept(TokenKind::kComma));
      next_ = "',', AS, ORDER BY, LIMIT, OFFSET or ';'";
    }
    if (AcceptWord("ORDER")) {
      if (!ExpectWord("BY", "BY after ORDER")) return false;
      do {
        OrderKey key;
        const Token& t = Peek();
        if (t.kind == TokenKind::kVariable) {
          key.key = NameOf(Take());
          key.key.text = "?" + key.key.text;
        } else if ((t.Is("COUNT") || t.Is("TYPE")) && Peek(1).kind == TokenKind::kLeftParen) {
          ReturnItem item;
          if (!ParseItem(&item, false)) return false;
          key.key = Name{item.label, item.pos, item.length};
        } else if (t.kind == TokenKind::kWord || t.kind == TokenKind::kString) {
          key.key = NameOf(Take());
        } else {
          return Fail(t, "a column to order by (?variable, COUNT(*) or a name given with AS)");
        }
        next_ = "',', ASC, DESC, LIMIT, OFFSET or ';'";
        if (AcceptWord("DESC")) {
          key.descending = true;
          next_ = "',', LIMIT, OFFSET or ';'";
        } else if (AcceptWord("ASC")) {
          next_ = "',', LIMIT, OFFSET or ';'";
        }
        m.order.push_back(std::move(key));
      } while (Accept(TokenKind::kComma));
    }
    if (!ParseLimitThen(&m.limit, "OFFSET or ';'")) return false;
    if (AcceptWord("OFFSET")) {
      if (!ParseCount(&m.offset, "a row count after OFFSET", true)) return false;
      next_ = "';'";
    }
    s->query = std::move(m);
    return true;
  }

  bool ParseEvidence(Statement* s) {
    EvidenceAst e;
    AcceptWord("FOR");
    if (!ParsePatterns(&e.patterns)) return false;
    next_ = "',', WHERE, LIMIT or ';'";
    if (!ParseWhere(&e.filter, true, "LIMIT or ';'")) return false;
    if (!ParseLimitThen(&e.limit, "';'")) return false;
    s->query = std::move(e);
    return true;
  }

  bool ParsePath(Statement* s) {
    PathAst p;
    AcceptWord("FROM");
    if (!ParseName(&p.from, "the entity the path starts from")) return false;
    if (!ExpectWord("TO", "TO and the entity the path leads to")) return false;
    if (!ParseName(&p.to, "the entity the path leads to")) return false;
    while (true) {
      if (AcceptWord("K")) {
        if (!ParseCount(&p.k, "a number of paths after K")) return false;
        if (p.k > 100) return FailMessage(Last(), "K is at most 100");
      } else if (AcceptWord("UNDIRECTED")) {
        p.undirected = true;
      } else if (AcceptWord("WEIGHTED")) {
        p.weighted = true;
      } else {
        break;
      }
    }
    next_ = "K, UNDIRECTED, WEIGHTED, WHERE or ';'";
    if (!ParseWhere(&p.filter, false, "';'")) return false;
    s->query = std::move(p);
    return true;
  }

  bool ParseNeighbors(Statement* s) {
    NeighborsAst n;
    if (!ParseName(&n.center, "the entity whose neighbours to list")) return false;
    while (true) {
      if (AcceptWord("DEPTH")) {
        if (!ParseCount(&n.depth, "a number of hops after DEPTH")) return false;
      } else if (AcceptWord("DIRECTION")) {
        if (!AtWord("out") && !AtWord("in") && !AtWord("both")) {
          return Fail(Peek(), "out, in or both after DIRECTION");
        }
        n.direction = NameOf(Take());
        n.direction.text = Lower(n.direction.text);
      } else {
        break;
      }
    }
    next_ = "DEPTH, DIRECTION, WHERE, LIMIT or ';'";
    if (!ParseWhere(&n.filter, false, "LIMIT or ';'")) return false;
    if (!ParseLimitThen(&n.limit, "';'")) return false;
    s->query = std::move(n);
    return true;
  }

  bool ParseRank(Statement* s) {
    RankAst r;
    if (!ExpectWord("BY", "BY and a measure (pagerank, degree, betweenness or closeness)")) {
      return false;
    }
    const Token& m = Peek();
    if (!(m.Is("pagerank") || m.Is("degree") || m.Is("betweenness") || m.Is("closeness"))) {
      return Fail(m, "a measure (pagerank, degree, betweenness or closeness)");
    }
    r.measure = NameOf(Take());
    r.measure.text = Lower(r.measure.text);
    while (true) {
      if (AcceptWord("FOR")) {
        if (!ParseName(&r.type, "an entity type after FOR")) return false;
      } else if (AcceptWord("UNDIRECTED")) {
        r.undirected = true;
      } else if (AcceptWord("SAMPLES")) {
        if (!ParseCount(&r.samples, "a number of sampled sources after SAMPLES")) return false;
      } else {
        break;
      }
    }
    next_ = "FOR, UNDIRECTED, SAMPLES, WHERE, LIMIT or ';'";
    if (!ParseWhere(&r.filter, false, "LIMIT or ';'")) return false;
    if (!ParseLimitThen(&r.limit, "';'")) return false;
    s->query = std::move(r);
    return true;
  }

  bool ParseComponents(Statement* s) {
    ComponentsAst c;
    next_ = "STRONG, WEAK, WHERE, LIMIT or ';'";
    if (AcceptWord("STRONG")) {
      c.strong = true;
      next_ = "WHERE, LIMIT or ';'";
    } else if (AcceptWord("WEAK")) {
      next_ = "WHERE, LIMIT or ';'";
    }
    if (!ParseWhere(&c.filter, false, "LIMIT or ';'")) return false;
    if (!ParseLimitThen(&c.limit, "';'")) return false;
    s->query = std::move(c);
    return true;
  }

  bool ParseFind(Statement* s) {
    FindAst f;
    if (!ParseName(&f.text, "part of a name to look for")) return false;
    next_ = "TYPE, LIMIT or ';'";
    if (AcceptWord("TYPE")) {
      if (!ParseName(&f.type, "an entity type after TYPE")) return false;
      next_ = "LIMIT or ';'";
    }
    if (!ParseLimitThen(&f.limit, "';'")) return false;
    s->query = std::move(f);
    return true;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  QueryError error_;
  // What may follow the part of the statement read so far.
  std::string next_ = "';'";
};

}  // namespace

ParseOutcome ParseStatement(std::string_view text, SourcePos start) {
  return Parser(Tokenize(text, start)).Run();
}

const std::vector<std::string>& Keywords() {
  static const std::vector<std::string> words = {
      "MATCH",     "WHERE",      "RETURN",   "DISTINCT",  "COUNT",      "TYPE",      "AS",
      "ORDER",     "BY",         "ASC",      "DESC",      "LIMIT",      "OFFSET",    "AND",
      "IN",        "NOT",        "EVIDENCE", "FOR",       "PATH",       "FROM",      "TO",
      "K",         "UNDIRECTED", "WEIGHTED", "NEIGHBORS", "DEPTH",      "DIRECTION", "RANK",
      "SAMPLES",   "COMPONENTS", "STRONG",   "WEAK",      "ENTITY",     "FIND",      "EXPLAIN",
      "EXPORT",    "CLUSTER",    "TITLE",    "BETWEEN",   "confidence", "modality",  "date",
      "relation",  "asserted",   "hedged",   "negated",   "pagerank",   "degree",    "betweenness",
      "closeness", "dot",        "svg",      "png",       "pdf",        "jsonl",     "bloc",
      "out",       "both"};
  return words;
}

}  // namespace kg::query
