// Store: the persistent knowledge graph on RocksDB.
//
// Entities, relations and articles are dictionary-encoded; each distinct
// triple is indexed three ways (SPO, POS, OSP) and keeps every sentence that
// supports it. See keys.h for the layout.
//
// Writers and readers:
//  - OpenForWrite takes RocksDB's lock: one writing process at a time; a
//    second gets a Busy status naming the path.
//  - OpenForRead never touches the live database (read-only opens of a live
//    RocksDB are unsafe, and secondary instances can serve stale or mixed
//    state across column families). Instead the writer publishes views:
//    RocksDB checkpoints (hard links of immutable files) under PATH/views/,
//    taken between batches, so each is a whole, consistent store. A reader
//    opens the newest view read-only and keeps it until Refresh(). The writer
//    publishes when it opens, at most every few seconds while it writes
//    (Store::kViewInterval), when asked (PublishView) and when it closes.
//
// Atomicity: WriteArticles and DeleteArticles write one RocksDB WriteBatch,
// so every article they name lands (or disappears) whole, with its triples,
// aggregates and counters, or not at all.
//
// A Store is not thread-safe; give each thread its own reader.
#ifndef KG_GRAPH_STORE_H_
#define KG_GRAPH_STORE_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/ontology.h"
#include "graph/types.h"
#include "util/result.h"

namespace kg {

class BulkLoader;

// Unbound positions are 0.
struct TriplePattern {
  EntityId subject = 0;
  RelationId relation = 0;
  EntityId object = 0;
};

struct TripleRow {
  Triple triple;
  TripleStats stats;  // filled unless ScanOptions::with_stats is false
};

struct ScanOptions {
  // Fill TripleRow::stats. Scans of the POS and OSP indexes need one point
  // read per row for it; turn off when only the triples are needed.
  bool with_stats = true;
  // A symmetric relation (competes_with, ...) is stored once, with the lower
  // entity id as subject. With this set, a pattern that binds the subject or
  // object also matches the stored triple the other way round, and the row is
  // reported with the bound entity where the pattern put it.
  bool mirror_symmetric = false;
};

struct WriteSummary {
  uint64_t articles_written = 0;    // new articles
  uint64_t articles_replaced = 0;   // existing id, new content
  uint64_t articles_unchanged = 0;  // existing id, same content hash: nothing written
  uint64_t articles_duplicate = 0;  // new id, but its text is stored already: nothing written
  uint64_t articles_deleted = 0;
  uint64_t evidence_added = 0;
  uint64_t evidence_removed = 0;
  uint64_t triples_added = 0;
  uint64_t triples_removed = 0;
  uint64_t entities_created = 0;

  WriteSummary& operator+=(const WriteSummary& o);
};

struct EntityCounts {
  uint64_t out_triples = 0;  // distinct triples with the entity as subject
  uint64_t in_triples = 0;   // ... as object
  uint64_t evidence = 0;     // evidence sentences of those triples
};

struct StoreStats {
  uint64_t entities = 0;             // entities in at least one triple
  uint64_t dictionary_entities = 0;  // every entity ever named (ids are never reused)
  uint64_t triples = 0;
  uint64_t evidence = 0;
  uint64_t articles = 0;
  struct RelationRow {
    RelationInfo relation;
    uint64_t triples = 0;
    uint64_t evidence = 0;
  };
  struct TypeRow {
    EntityTypeInfo type;
    uint64_t entities = 0;  // in at least one triple
    uint64_t dictionary_entities = 0;
  };
  std::vector<RelationRow> relations;  // every relation of the store, by id
  std::vector<TypeRow> types;          // every entity type of the store, by id
};

class Store {
 public:
  // Opens the store at `path` for writing. Creates it when the path does not
  // exist or is an empty directory: whole, as PATH.creating then renamed, so
  // that a crash meanwhile leaves no store, never half of one. Registers the
  // ontology's relations and
  // types that the store does not know yet (ids are never reassigned).
  // With create_if_missing false, a missing store is NotFound instead.
  // Errors: Busy (another writer), InvalidArgument (not a kg store),
  // NotSupported (another schema version), IOError, Corruption.
  static Result<std::unique_ptr<Store>> OpenForWrite(const std::string& path,
                                                     const Ontology& ontology,
                                                     bool create_if_missing = true);

  // Opens the store at `path` for reading, safe while another process
  // writes. NotFound when there is no store at the path.
  static Result<std::unique_ptr<Store>> OpenForRead(const std::string& path);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;
  bool read_only() const;

  // Reader only: moves to the newest view the writer has published.
  Status Refresh();
  // Writer only: publishes a view of everything committed so far, so that
  // readers see it without waiting for the periodic publication.
  Status PublishView();

  // How often a writer publishes a view while it writes.
  static constexpr std::chrono::seconds kViewInterval{5};

  // --- Vocabulary ---
  const std::vector<RelationInfo>& relations() const;       // by id
  const std::vector<EntityTypeInfo>& entity_types() const;  // by id
  const RelationInfo* FindRelation(std::string_view name) const;
  const RelationInfo* GetRelation(RelationId id) const;
  const EntityTypeInfo* FindEntityType(std::string_view name) const;
  const EntityTypeInfo* GetEntityType(TypeId id) const;

  // --- Writes (writer only) ---

  // Writes the articles in one atomic batch. Per article: a new id is added;
  // an existing id with the same content hash is left alone; an existing id
  // with a new hash has all its old evidence replaced, and triples left with
  // no evidence disappear. A new id whose ArticleMeta::text_hash (when not 0)
  // is the text of an article already stored, or written earlier in the same
  // call, is a duplicate and is skipped; a stored id is always updated. Entities are resolved by
  // name or alias (case- and whitespace-insensitive) and created when unknown. Symmetric triples
  // are stored with the lower entity id as subject. InvalidArgument (nothing written) for an
  // unknown relation or type, an empty name or sentence, a confidence outside [0, 1], a repeated
  // id.
  Result<WriteSummary> WriteArticles(std::vector<ArticleInput> articles);
  // The InvalidArgument that WriteArticles would give for this article on
  // its own (an empty id, a fact it would reject), or OK: a caller that
  // batches many articles checks each first, so that one bad article does
  // not fail a batch. On OK the article is also made ready to write: what
  // both write paths would otherwise do to it on the writer's one thread
  // (its content hash when it has none, its evidence normalized as stored)
  // is done here, on the caller's. It is then stored exactly as it would
  // have been, and this store's writers do not check its facts again
  // (ArticleInput::checked_by_store). Safe from any thread, like GetArticle.
  Status PrepareArticle(ArticleInput* article) const;

  // True for a writer on a store that has never held an article or entity
  // (a first import may then bulk load everything, see bulk_loader.h).
  bool CanBulkLoad() const;
  // A loader that adds new articles much faster than WriteArticles, in
  // chunks (bulk_loader.h). FailedPrecondition for a store opened for
  // reading.
  Result<std::unique_ptr<BulkLoader>> StartBulkLoad();

  // Deletes the articles and their evidence in one atomic batch; triples left
  // with no evidence disappear. Ids not in the store are skipped; the summary
  // counts those deleted.
  Result<WriteSummary> DeleteArticles(const std::vector<std::string>& ids);

  // --- Reads ---

  // The entity a name or alias denotes, compared as NormalizeName does.
  Result<std::optional<EntityId>> LookupEntity(std::string_view name) const;
  Result<Entity> GetEntity(EntityId id) const;  // NotFound for an unknown id
  // Calls fn for every entity in id order until fn returns false.
  Status ScanEntities(const std::function<bool(const Entity&)>& fn) const;

  Result<std::optional<ArticleMeta>> GetArticle(std::string_view id) const;
  // The id of the stored article that holds the body text with this
  // ArticleMeta::text_hash, or nullopt.
  Result<std::optional<std::string>> FindArticleByText(uint64_t text_hash) const;
  // GetArticle and FindArticleByText, unlike the rest of a Store, may be
  // called from several threads at once, also while one other thread writes
  // (the ingest workers check what is stored while its writer commits); they
  // see committed state.
  Status ScanArticles(const std::function<bool(const ArticleMeta&)>& fn) const;
  // How many writes this handle has committed (articles written or
  // deleted, bulk load chunks). Safe from any thread. What GetArticle and
  // FindArticleByText found absent after it read N is still absent while it
  // reads N: a caller that checks articles ahead of the writer passes that
  // on (ArticleInput::absent_at_commit), sparing the writer's one thread the
  // same two reads.
  uint64_t CommitCount() const;

  // Stats of one triple, or nullopt when it is not stored.
  Result<std::optional<TripleStats>> GetTriple(const Triple& t) const;

  // How many rows ScanTriples({e, 0, 0}) (as_subject) or ({0, 0, e}) gives
  // with ScanOptions::mirror_symmetric, without reading them: the entity's
  // triple counter on that side, plus its symmetric triples on the other
  // side, self-loops excepted (one prefix scan per symmetric relation). A
  // COUNT(*) over a last hop needs no more.
  Result<uint64_t> CountTriplesAt(EntityId e, bool as_subject) const;

  // Calls fn for every stored triple that matches the pattern, until fn
  // returns false. Each combination of bound positions is one prefix scan of
  // the SPO, POS or OSP index.
  Status ScanTriples(const TriplePattern& pattern, const std::function<bool(const TripleRow&)>& fn,
                     const ScanOptions& options = ScanOptions()) const;
  // The index ScanTriples reads for a pattern: "spo", "pos", "osp", or
  // "get" (every position bound: one point read). For query plans.
  static std::string_view IndexFor(const TriplePattern& pattern);

  // Calls fn for every piece of evidence an article holds, in the order the
  // article gave its facts, with the stored triple (a symmetric one with the
  // lower entity id first) and Evidence::article set. NotFound for an
  // unknown article id.
  Status ScanArticleEvidence(std::string_view article_id,
                             const std::function<bool(const Triple&, const Evidence&)>& fn) const;

  // Calls fn for every piece of evidence of a triple, in (article, ordinal)
  // order, with Evidence::article set to the article's id.
  Status ScanEvidence(const Triple& t, const std::function<bool(const Evidence&)>& fn) const;

  // Maintained counters: no scan of the triples.
  Result<StoreStats> GetStats() const;
  // A number that changes whenever what this Store shows changes (a write,
  // a delete, a newer view after Refresh): for caches of derived data.
  uint64_t Generation() const;
  Result<EntityCounts> GetEntityCounts(EntityId id) const;

  // Bytes of the store's files on disk.
  Result<uint64_t> DiskUsageBytes() const;
  // Writer only: flushes memtables and compacts every index (benchmarks,
  // maintenance).
  Status CompactAll();

  // Opaque state, defined in store_rep.h for the store's own files.
  struct Rep;

 private:
  class BatchWriter;
  explicit Store(std::unique_ptr<Rep> rep);
  // OpenForWrite once the path is checked: opens (or with create, makes)
  // the RocksDB database at path.
  static Result<std::unique_ptr<Store>> OpenWriterAt(const std::string& path,
                                                     const Ontology& ontology, bool create);
  std::unique_ptr<Rep> rep_;
};

}  // namespace kg

#endif  // KG_GRAPH_STORE_H_
