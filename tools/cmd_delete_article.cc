#include <iostream>

#include "graph/ontology.h"
#include "graph/store.h"
#include "tools/commands.h"
#include "util/schema_dir.h"

namespace kg::cli {

namespace {

int RunDeleteArticle(const Args& args) {
  if (args.positional.empty()) return UsageError("delete-article", "no article id given");
  auto ontology = Ontology::LoadFromDir(args.Get("schemas", DefaultSchemaDir()));
  if (!ontology.ok()) return Fail(ontology.status());
  const std::string path = StorePath(args);
  // Deleting from a store that does not exist must not create one.
  auto store = Store::OpenForWrite(path, *ontology, /*create_if_missing=*/false);
  if (!store.ok()) return Fail(store.status());

  int missing = 0;
  std::vector<std::string> present;
  for (const auto& id : args.positional) {
    auto meta = (*store)->GetArticle(id);
    if (!meta.ok()) return Fail(meta.status());
    if (!*meta) {
      Fail(Status::NotFound("no article '" + id + "' in " + path));
      ++missing;
    } else {
      present.push_back(id);
    }
  }
  auto summary = (*store)->DeleteArticles(present);
  if (!summary.ok()) return Fail(summary.status());
  std::cout << "deleted " << summary->articles_deleted << " article"
            << (summary->articles_deleted == 1 ? "" : "s") << ": " << summary->evidence_removed
            << " evidence and " << summary->triples_removed << " triples removed\n";
  return missing ? kExitFailure : kExitOk;
}

}  // namespace

const Command& DeleteArticleCommand() {
  static const Command command{
      "delete-article",
      "remove articles and the evidence they contributed",
      "kg delete-article [options] ID...",
      "Deletes the articles with these ids and all their evidence, in one atomic\n"
      "write. Triples that no other article supports disappear; counters follow.\n"
      "An id that is not in the store is reported and the exit status is 1.",
      {{"schemas", "DIR", "folder with ontology.json"}},
      RunDeleteArticle,
  };
  return command;
}

}  // namespace kg::cli
