#include <cstdio>
#include <iostream>

#include "ingest/evaluation.h"
#include "tools/article_pipeline.h"
#include "tools/commands.h"
#include "util/schema_dir.h"

namespace kg::cli {

namespace {

std::string Fixed3(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

int RunEval(const Args& args) {
  if (!args.Has("gold")) return UsageError("eval", "--gold DIR is required");
  if (args.positional.empty()) return UsageError("eval", "no article file");
  auto pipeline = ArticlePipeline::Load(args.Get("schemas", DefaultSchemaDir()));
  if (!pipeline.ok()) return Fail(pipeline.status());
  Evaluation eval;
  if (Status s = eval.AddGold(args.Get("gold", "")); !s.ok()) return Fail(s);
  const bool ok = (*pipeline)->Run(args.positional, [&](ArticleInput&& extracted) {
    for (const Fact& f : extracted.facts)
      eval.AddPrediction(extracted.meta.id, f.subject.name, f.relation, f.object.name);
    return true;
  });

  const EvalReport r = eval.Score();
  if (args.Has("json")) {
    std::cout << "{\"predictions\":" << r.predictions << ",\"gold\":" << r.gold
              << ",\"precision\":" << Fixed3(r.precision) << ",\"recall\":" << Fixed3(r.recall)
              << ",\"f1\":" << Fixed3(r.f1) << ",\"core_recall\":" << Fixed3(r.core_recall)
              << ",\"pair_precision\":" << Fixed3(r.pair_precision) << ",\"by_relation\":{";
    bool first = true;
    for (const auto& [rel, row] : r.by_relation) {
      std::cout << (first ? "" : ",") << "\"" << rel << "\":{\"pred\":" << row.predicted
                << ",\"pred_ok\":" << row.predicted_correct << ",\"gold\":" << row.gold
                << ",\"gold_found\":" << row.gold_found << "}";
      first = false;
    }
    std::cout << "}}\n";
  } else {
    std::cout << "predictions: " << r.predictions << "\ngold: " << r.gold
              << "\nprecision: " << Fixed3(r.precision) << "\nrecall: " << Fixed3(r.recall)
              << "\nf1: " << Fixed3(r.f1) << "\ncore_recall: " << Fixed3(r.core_recall)
              << "\npair_precision: " << Fixed3(r.pair_precision) << "\n";
    Table table({"relation", "predicted", "correct", "gold", "found"});
    for (const auto& [rel, row] : r.by_relation) {
      table.AddRow({rel, std::to_string(row.predicted), std::to_string(row.predicted_correct),
                    std::to_string(row.gold), std::to_string(row.gold_found)});
    }
    table.Print(std::cout);
  }
  return ok ? kExitOk : kExitFailure;
}

}  // namespace

const Command& EvalCommand() {
  static const Command command{
      "eval",
      "score extraction against hand-labelled gold triples",
      "kg eval --gold DIR [options] FILE...",
      "Extracts the articles in FILE... and scores the triples against the gold\n"
      "files (*.jsonl) in DIR: precision, recall, F1, core recall and pair\n"
      "precision, and a row per relation. The rule: distinct (article, subject,\n"
      "relation, object); names compared case-insensitively after dropping a\n"
      "leading 'the' and a trailing possessive; a gold entity's aliases and alt\n"
      "names count; symmetric relations match either way round.",
      {
          {"gold", "DIR", "folder of gold *.jsonl files (or one file)"},
          {"json", "", "print one JSON object"},
          {"schemas", "DIR", "folder with the ontology, gazetteer, lexicon and rules"},
      },
      RunEval,
  };
  return command;
}

}  // namespace kg::cli
