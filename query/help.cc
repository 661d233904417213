#include "query/help.h"

#include <cctype>
#include <map>

namespace kg::query {

namespace {

const char kOverview[] = R"(Statements end with ';' and may span lines. Names are case-insensitive;
quote a name with spaces: "United States". Variables start with '?'.

  MATCH ?a restricts ?b;                                  triple patterns, joined
  MATCH ?c:company based_in China, ?u supplies ?c RETURN DISTINCT ?c;
  EVIDENCE Huawei supplies ?x WHERE modality = hedged;    the sentences behind facts
  PATH Huawei TO "United States" UNDIRECTED;              how two entities connect
  NEIGHBORS China DEPTH 2 LIMIT 20;                       who is around an entity
  RANK BY pagerank FOR company LIMIT 10;                  the most central entities
  COMPONENTS;                                             the connected parts
  ENTITY Huawei;                                          one entity's card
  FIND hua;                                               entities by part of a name
  EXPLAIN MATCH ...;                                      the plan, not the rows
  EXPORT svg TO 'huawei.svg' NEIGHBORS Huawei;            write a picture or JSON Lines

Meta commands (one line, no ';'):
  .help [TOPIC]   this text, or one of: match where return graph evidence entity
                  export explain meta
  .schema         relations and entity types, with counts
  .stats          the size of the store
  .mode MODE      table, json, jsonl or csv
  .timer on|off   time each statement
  .maxrows N      rows shown per table (0: all)
  .open PATH      use another store
  .read FILE      run the statements in FILE
  .quit           leave (also .exit or Ctrl-D)
The full grammar is in query/GRAMMAR.md.
)";

const std::map<std::string, std::string>& Pages() {
  static const std::map<std::string, std::string> pages = {
      {"match",
       R"(MATCH pattern {, pattern} [WHERE ...] [RETURN ...] [ORDER BY ...] [LIMIT n [OFFSET m]]

A pattern is subject relation object. Subject and object are entity names
(Huawei, "United States", aliases work too) or ?variables, optionally typed:
?c:company. The relation is a name, a choice of names (restricts|sanctions),
or a ?variable. Patterns that share a variable are joined on it.

  MATCH ?a restricts ?b;
  MATCH ?c:company based_in China, ?u:company based_in "United States", ?u supplies ?c;
  MATCH Huawei ?r ?x RETURN ?r, COUNT(*) ORDER BY count DESC;
  MATCH ?a restricts|sanctions China RETURN DISTINCT ?a LIMIT 5;
A symmetric relation (competes_with, ...) has no direction: it matches either
way round, so one such fact gives two rows, (a, b) and (b, a).
See also: .help where, .help return)"},
      {"where", R"(WHERE condition {AND condition}

Filters on every fact a statement reads (MATCH, EVIDENCE and the graph statements):
  confidence >= 0.8                the fact's best sentence reaches it
  evidence >= 2                    at least 2 supporting sentences
  modality = asserted              or: modality IN (asserted, hedged), modality != negated
  date >= 2023-01                  facts with a dated sentence in the window
  date <= 2024                     (a year or month means all of it)
  date BETWEEN 2023 AND 2024-06
  relation IN (restricts, sanctions)
  type IN (company, government)    both ends of the fact
Conditions on variables (MATCH and EVIDENCE):
  ?a != ?b     ?a = Huawei     ?x IN (Nvidia, AMD)     ?r NOT IN (based_in)
In EVIDENCE, modality, confidence and date also pick the sentences shown.)"},
      {"return",
       R"(RETURN [DISTINCT] item {, item}; ORDER BY column [ASC|DESC] {, ...}; LIMIT n [OFFSET m]

Items: ?v (its name), TYPE(?v), COUNT(*), COUNT(?v), COUNT(DISTINCT ?v), each
optionally AS name. With a COUNT, rows are grouped by the other items.
Without RETURN every variable is returned in order of appearance.
ORDER BY names a returned column: ?v, COUNT(*) (or count), or an AS name.
  MATCH ?a ?r China RETURN ?r, COUNT(DISTINCT ?a) AS actors ORDER BY actors DESC;
A LIMIT without ORDER BY, DISTINCT or COUNT stops reading as soon as it is met.)"},
      {"graph", R"(Graph statements run the graph module over the facts the WHERE filters keep.

  PATH [FROM] a TO b [K n] [UNDIRECTED] [WEIGHTED] [WHERE ...]
      shortest path(s); K n gives the n shortest (Yen); WEIGHTED prefers
      well-evidenced facts; UNDIRECTED walks facts either way.
  NEIGHBORS x [DEPTH n] [DIRECTION out|in|both] [WHERE ...] [LIMIT n]
      entities within n hops, with the facts that reach them.
  RANK BY pagerank|degree|betweenness|closeness [FOR type] [UNDIRECTED]
      [SAMPLES n] [WHERE ...] [LIMIT n]
      the most central entities (default 20); SAMPLES estimates betweenness.
  COMPONENTS [STRONG|WEAK] [WHERE ...] [LIMIT n]
      connected components, largest first.)"},
      {"evidence", R"(EVIDENCE [FOR] pattern {, pattern} [WHERE ...] [LIMIT n]

The sentences behind every fact the patterns match, with modality,
confidence, date, article id, title and source.
  EVIDENCE "United States" restricts China WHERE date >= 2024 LIMIT 10;
  EVIDENCE ?c:company based_in China, Nvidia supplies ?c;)"},
      {"entity", R"(ENTITY name          a card: type, aliases, degree, facts, relations, first and
                     last seen, and its strongest relations.
FIND text [TYPE t] [LIMIT n]
                     entities whose name or alias contains text (case-insensitive),
                     exact matches first, then prefixes, then the rest.)"},
      {"export", R"(EXPORT format TO 'file' [CLUSTER BY bloc|type] [TITLE 'text'] statement

format: dot, svg, png, pdf (through Graphviz) or jsonl (the triple format,
one line per sentence, as `kg import` reads). The statement is a MATCH,
EVIDENCE, PATH, NEIGHBORS, RANK or COMPONENTS; its facts (or its subgraph)
are written.
  EXPORT svg TO 'chips.svg' CLUSTER BY bloc MATCH ?a restricts ?b;
  EXPORT jsonl TO 'huawei.jsonl' EVIDENCE Huawei ?r ?x;)"},
      {"explain", R"(EXPLAIN statement

Shows the plan instead of running it. For MATCH and EVIDENCE: the order of the
patterns, the index each reads (spo, pos or osp by the positions bound when it
runs, or get for a point read), the expected rows and the variables each joins
on. The order is the one with the least estimated work; each pattern shares
a variable with those before it, except a cartesian product of two small
sides that the next pattern closes with point reads ("closed by step N").)"},
      {"meta", R"(.help [topic]  .schema  .stats  .mode table|json|jsonl|csv  .timer on|off
.maxrows N  .open PATH  .read FILE  .quit (.exit)

In the shell: Tab completes keywords, relations, types and entity names;
Up/Down and Ctrl-R search the history (~/.kg_history); Ctrl-C stops a running
statement, or clears the line at the prompt; Ctrl-D leaves.)"},
  };
  return pages;
}

}  // namespace

std::string HelpText(std::string_view topic) {
  std::string t;
  for (char c : topic)
    if (c != '.') t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t.empty()) return kOverview;
  if (t == "path" || t == "neighbors" || t == "rank" || t == "components") t = "graph";
  if (t == "find") t = "entity";
  if (t == "order" || t == "limit" || t == "count") t = "return";
  auto it = Pages().find(t);
  return it == Pages().end() ? "" : it->second + "\n";
}

const std::vector<std::string>& HelpTopics() {
  static const std::vector<std::string> topics = {
      "match", "where", "return", "graph", "evidence", "entity", "export", "explain", "meta"};
  return topics;
}

}  // namespace kg::query
