// Evaluation of extracted triples against hand-labelled gold, by the scoring
// rule of the project's reference gold (see README, "Extraction quality"):
//  - scoring is on distinct (article, subject, relation, object), among
//    predictions and among gold;
//  - a prediction is correct when a gold triple of the same article has the
//    same relation and its subject and object each match the gold entity's
//    name, one of its aliases or one of its alt names; symmetric relations
//    (partners_with, competes_with, comparable_to) match either way round;
//  - names compare after EvalName(): lower case, curly quotes made straight,
//    whitespace runs collapsed, a leading "the " and a trailing "'s" or "'"
//    dropped, and dots, commas and quotes trimmed at both ends.
// Gold files are JSON Lines: article, subject {name, aliases, alt}, relation,
// object {...}, core.
#ifndef KG_INGEST_EVALUATION_H_
#define KG_INGEST_EVALUATION_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace kg {

std::string EvalName(std::string_view name);

struct EvalReport {
  size_t predictions = 0;
  size_t gold = 0;
  double precision = 0, recall = 0, f1 = 0, core_recall = 0, pair_precision = 0;
  struct Row {
    size_t predicted = 0, predicted_correct = 0, gold = 0, gold_found = 0;
  };
  std::map<std::string, Row> by_relation;
};

class Evaluation {
 public:
  // Loads one gold file, or every *.jsonl file of a folder (name order).
  // Errors name the file and line.
  Status AddGold(const std::string& path);
  // Predictions of articles without gold are ignored, as the rule says.
  void AddPrediction(const std::string& article, const std::string& subject,
                     const std::string& relation, const std::string& object);
  EvalReport Score() const;
  size_t gold_articles() const { return articles_.size(); }

 private:
  struct Gold {
    std::string article, relation;
    std::set<std::string> subject, object;  // EvalName'd forms
    bool core = false;
  };
  Status AddGoldFile(const std::string& path);
  std::map<std::tuple<std::string, std::string, std::string, std::string>, Gold> gold_;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> predictions_;
  std::set<std::string> articles_;
};

}  // namespace kg

#endif  // KG_INGEST_EVALUATION_H_
