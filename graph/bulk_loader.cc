#include "graph/bulk_loader.h"

#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>
#include <tuple>

#include "graph/article_checks.h"
#include "graph/keys.h"
#include "graph/records.h"
#include "graph/store_rep.h"
#include "util/coding.h"

namespace kg {

namespace fs = std::filesystem;

std::string BulkDir(const std::string& store_path) {
  return store_path + "/bulk-load";
}

namespace {

// One piece of evidence: its key, its encoded value in the arena, and what
// the triple's aggregates need of it. Triples are not gathered in a hash
// map while adding (a cache miss per fact): once the rows are sorted, the
// evidence of each triple is adjacent and one pass folds the aggregates.
struct EvidenceRow {
  Triple triple;
  ArticleNum article;
  uint32_t ordinal;
  PackedDate date;
  uint32_t size;
  const char* value;  // in the Arena
  double confidence;
  Modality modality;

  // The order of EvidenceKey's bytes (fixed-width big-endian fields),
  // compared as integers.
  bool operator<(const EvidenceRow& o) const {
    return std::tie(triple, article, ordinal) < std::tie(o.triple, o.article, o.ordinal);
  }
};

// How many rows ahead of the one being written the evidence loop asks for
// a value: enough to cover a memory access at the table builder's pace.
constexpr size_t kPrefetchAhead = 8;

// Append-only storage for encoded values, in blocks that never move (one
// growing string would copy everything at each doubling and fault in fresh
// pages each time). Clear keeps the blocks for the next chunk: a chunk
// fills some hundred MB of them, and fresh ones cost a page fault per 4 KB
// (a tenth of the writer's thread in a profile) and zeroing by the kernel.
class Arena {
 public:
  const char* Add(std::string_view bytes) {
    char* out;
    if (bytes.size() > kBlockSize) {
      large_.push_back(std::make_unique_for_overwrite<char[]>(bytes.size()));
      out = large_.back().get();
    } else {
      if (current_ == nullptr || used_ + bytes.size() > kBlockSize) NextBlock();
      out = current_ + used_;
      used_ += bytes.size();
    }
    std::memcpy(out, bytes.data(), bytes.size());
    stored_ += bytes.size();
    return out;
  }
  // Forgets every value; the blocks stay allocated for the values to come.
  void Clear() {
    large_.clear();
    next_block_ = 0;
    current_ = nullptr;
    used_ = 0;
    stored_ = 0;
  }
  // Bytes added: what a caller's budget counts (a block is allocated whole
  // ahead of its use).
  uint64_t stored() const { return stored_; }

 private:
  static constexpr size_t kBlockSize = 4 << 20;
  void NextBlock() {
    if (next_block_ == blocks_.size())
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
    current_ = blocks_[next_block_++].get();
    used_ = 0;
  }
  std::vector<std::unique_ptr<char[]>> blocks_;  // of kBlockSize each
  std::vector<std::unique_ptr<char[]>> large_;   // one value each, larger than a block
  size_t next_block_ = 0;
  char* current_ = nullptr;
  size_t used_ = 0;
  uint64_t stored_ = 0;
};

// Sorts on up to `threads` threads: halves sorted in parallel, then merged.
void ParallelSort(std::vector<EvidenceRow>* rows, unsigned threads) {
  if (threads < 2 || rows->size() < 100000) {
    std::sort(rows->begin(), rows->end());
    return;
  }
  const auto middle = rows->begin() + static_cast<std::ptrdiff_t>(rows->size() / 2);
  std::thread first([&] { std::sort(rows->begin(), middle); });
  std::sort(middle, rows->end());
  first.join();
  std::inplace_merge(rows->begin(), middle, rows->end());
}

// One sorted run of (key, value) pairs for a column family, written to an
// SST file by SstFileWriter.
class SstOutput {
 public:
  SstOutput(Store::Rep* rep, ColumnFamily cf, std::string file)
      : rep_(rep),
        cf_(cf),
        file_(std::move(file)),
        writer_(rocksdb::EnvOptions(), rep->db->GetOptions(rep->cf[cf]), rep->cf[cf]) {}

  Status Open() { return Check(writer_.Open(file_), "creating"); }
  Status Put(std::string_view key, std::string_view value) {
    ++entries_;
    return Check(writer_.Put(rocksdb::Slice(key.data(), key.size()),
                             rocksdb::Slice(value.data(), value.size())),
                 "writing");
  }
  // Empty outputs are dropped: SstFileWriter cannot finish a file without
  // entries, and there is nothing to ingest.
  Status Finish() {
    if (entries_ == 0) {
      std::error_code ec;
      fs::remove(file_, ec);
      return Status::OK();
    }
    return Check(writer_.Finish(), "finishing");
  }
  bool empty() const { return entries_ == 0; }
  ColumnFamily cf() const { return cf_; }
  const std::string& file() const { return file_; }

 private:
  Status Check(const rocksdb::Status& s, std::string_view doing) {
    if (s.ok()) return Status::OK();  // no message to build on the hot path
    return FromRocks(s, rep_->path + ": bulk load: " + std::string(doing) + " " + file_ + " (" +
                            kColumnFamilyNames[cf_] + ")");
  }
  Store::Rep* rep_;
  ColumnFamily cf_;
  std::string file_;
  rocksdb::SstFileWriter writer_;
  uint64_t entries_ = 0;
};

// Runs the tasks on up to `threads` threads; returns the first failure.
Status RunParallel(std::vector<std::function<Status()>>& tasks, unsigned threads) {
  std::atomic<size_t> next{0};
  std::vector<Status> results(tasks.size());
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < tasks.size();)
      results[i] = tasks[i]();
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
  for (auto& t : pool)
    t.join();
  for (auto& s : results)
    if (!s.ok()) return s;
  return Status::OK();
}

// A text hash as a key of State::text_owners: its 8 bytes, in memory order
// (the key never leaves the process).
std::string_view TextHashKey(const uint64_t& hash) {
  return std::string_view(reinterpret_cast<const char*>(&hash), sizeof hash);
}

std::string Fixed32Value(uint32_t v) {
  std::string out;
  PutFixed32BE(&out, v);
  return out;
}

}  // namespace

struct BulkLoader::State {
  Store::Rep* rep = nullptr;
  std::string dir;

  // The chunk: what was added since the last Finish. It starts at the first
  // Add after it, from the store's state then (base_*), which no other
  // write may change before the chunk's Finish.
  bool started = false;
  bool broken = false;  // a store read failed inside Add: Finish refuses the chunk
  EntityId base_entity_id = 1;
  ArticleNum base_article_num = 1;
  EntityId next_entity_id = 1;
  ArticleNum next_article_num = 1;
  FlatStringMap<EntityId> names;       // new names and aliases -> id
  std::vector<Entity> entities;        // created, in id order
  std::map<EntityId, Entity> amended;  // stored entities given new aliases
  FlatStringMap<ArticleNum> article_ids;
  std::vector<std::string> article_records;  // encoded ArticleMeta, in number order
  // The "text/" meta keys: a text hash's 8 bytes (TextHashKey) -> owner.
  FlatStringMap<ArticleNum> text_owners;
  uint64_t duplicates = 0;
  std::vector<EvidenceRow> evidence;
  Arena evidence_values;
  std::vector<std::pair<uint64_t, Triple>> article_evidence;  // (article << 32 | ordinal)
  uint64_t facts = 0;
  uint64_t name_bytes = 0;
  uint64_t amended_bytes = 0;

  // Built by WriteFiles: the chunk's triples in SPO order with their
  // aggregates merged into the stored ones, and whether each was stored.
  struct TripleRow {
    Triple triple;
    TripleStats stats;        // stored and added
    uint32_t added_evidence;  // of this chunk
    bool stored = false;
  };
  std::vector<TripleRow> triples;
  uint64_t triples_added = 0;

  // The last id that IsNew found in neither the chunk nor the store, and
  // the store's next article number then. An id absent from the store stays
  // absent until an article is added, and every added article takes a new
  // number: while the number is the same, Add need not read the store again
  // for the id its caller has just asked about.
  mutable std::string new_id;
  mutable ArticleNum new_id_checked_at = 0;
  std::string name_scratch;  // Resolve's normalized names, one buffer for all
  // The names the article being added has resolved so far, as written (an
  // article names the same few entities in fact after fact): a short scan
  // of them costs less than normalizing a name again and the hash lookups
  // behind it, a cache miss each. Views into the article; cleared by Add.
  static constexpr size_t kArticleNames = 32;
  std::vector<std::pair<std::string_view, EntityId>> article_names;
  // The aliases the article has settled so far, as written: once settled
  // (claimed, or found taken), an alias stays so, and an article gives the
  // same few again and again. Views into the article; cleared by Add.
  std::vector<std::string_view> article_aliases;

  void StartChunk();
  void ResetChunk();
  Result<bool> IsNew(const std::string& id) const;
  Result<bool> IsNew(const ArticleInput& article) const;
  // True when the caller found the article's id and text absent from the
  // store (ArticleInput::absent_at_commit) and nothing has been committed since.
  bool KnownAbsent(const ArticleInput& article) const {
    return article.absent_at_commit == rep->commits.load(std::memory_order_relaxed);
  }
  // The entity a name belongs to, created (with this type) when none has
  // it.
  Result<EntityId> ResolveName(std::string_view name, TypeId type);
  // ResolveName for the reference's name, then its aliases claimed for the
  // entity where no other entity has them.
  Result<EntityId> Resolve(const EntityRef& ref);
  Result<Entity*> Amend(EntityId id);
  // Folds the sorted evidence into triples and merges the stored
  // aggregates of those the store holds.
  Status BuildTriples();
  // The rows of the counts column family after this chunk: every counter
  // the chunk changes, read from the store and moved by the chunk's deltas.
  Status BuildCounters(std::vector<std::pair<std::string, std::string>>* rows);
  // Writes one SST file per column family into `dir`; empty ones are
  // dropped from `outputs`.
  Status WriteFiles(std::vector<std::unique_ptr<SstOutput>>* outputs);
};

void BulkLoader::State::StartChunk() {
  started = true;
  base_entity_id = next_entity_id = rep->next_entity_id;
  base_article_num = next_article_num = rep->next_article_num;
}

void BulkLoader::State::ResetChunk() {
  State fresh;
  fresh.rep = rep;
  fresh.dir = std::move(dir);
  // The largest buffers are kept, emptied, for the next chunk, which fills
  // them again to about the same size: allocating them afresh cost a page
  // fault per 4 KB and a copy at each doubling of the vectors.
  fresh.evidence = std::move(evidence);
  fresh.evidence.clear();
  fresh.article_evidence = std::move(article_evidence);
  fresh.article_evidence.clear();
  fresh.triples = std::move(triples);
  fresh.triples.clear();
  fresh.evidence_values = std::move(evidence_values);
  fresh.evidence_values.Clear();
  *this = std::move(fresh);
}

Result<bool> BulkLoader::State::IsNew(const std::string& id) const {
  if (article_ids.contains(id)) return false;
  if (new_id_checked_at == rep->next_article_num && id == new_id) return true;
  KG_ASSIGN_OR_RETURN(auto stored, rep->Get(kCfArticleIds, id));
  if (stored) return false;
  new_id = id;
  new_id_checked_at = rep->next_article_num;
  return true;
}

Result<bool> BulkLoader::State::IsNew(const ArticleInput& article) const {
  if (KnownAbsent(article)) return !article_ids.contains(article.meta.id);
  return IsNew(article.meta.id);
}

Result<Entity*> BulkLoader::State::Amend(EntityId id) {
  if (id >= base_entity_id) return &entities[id - base_entity_id];
  auto it = amended.find(id);
  if (it == amended.end()) {
    KG_ASSIGN_OR_RETURN(Entity e, rep->ReadEntity(id));
    amended_bytes += sizeof(Entity) + e.name.size() + 64;
    it = amended.emplace(id, std::move(e)).first;
  }
  return &it->second;
}

Result<EntityId> BulkLoader::State::ResolveName(std::string_view name, TypeId type) {
  // The same rules as the incremental writer: the first entity to claim a
  // name or alias keeps it, whether it is stored or new in this chunk.
  std::string& key = name_scratch;
  NormalizeNameTo(name, &key);
  // A name is stored or new in this chunk, never both, so the order of the
  // lookups is free: the stored names that the writer has cached first,
  // which most mentions are once a chunk or two is in.
  const uint64_t hash = FlatStringMap<EntityId>::Hash(key);
  if (const EntityId* id = rep->name_cache.Find(key, hash)) return *id;
  if (const EntityId* id = names.Find(key, hash)) return *id;
  KG_ASSIGN_OR_RETURN(auto stored, rep->ReadName(key));
  if (stored) return *stored;
  const EntityId id = next_entity_id++;
  Entity e;
  e.id = id;
  e.name = TrimmedCopy(name);
  e.type = type;
  entities.push_back(std::move(e));
  name_bytes += key.size();  // the entity's copy of the name
  names.Insert(key, hash, id);
  return id;
}

Result<EntityId> BulkLoader::State::Resolve(const EntityRef& ref) {
  EntityId id = 0;  // ids start at 1
  for (const auto& [name, known] : article_names) {
    if (name == ref.name) {
      id = known;
      break;
    }
  }
  if (id == 0) {
    KG_ASSIGN_OR_RETURN(id, ResolveName(ref.name, rep->TypeIdOf(ref.type)));
    if (article_names.size() < kArticleNames) article_names.emplace_back(ref.name, id);
  }
  for (const auto& alias : ref.aliases) {
    if (std::find(article_aliases.begin(), article_aliases.end(), alias) != article_aliases.end())
      continue;
    if (article_aliases.size() < kArticleNames) article_aliases.emplace_back(alias);
    std::string& alias_key = name_scratch;
    NormalizeNameTo(alias, &alias_key);
    if (alias_key.empty() || names.contains(alias_key)) continue;
    KG_ASSIGN_OR_RETURN(auto stored, rep->FindName(alias_key));
    if (stored) continue;
    KG_ASSIGN_OR_RETURN(Entity * e, Amend(id));
    e->aliases.push_back(TrimmedCopy(alias));
    name_bytes += alias.size();  // the entity's copy of the alias
    names.Insert(alias_key, id);
  }
  return id;
}

BulkLoader::BulkLoader(std::unique_ptr<State> state) : state_(std::move(state)) {}

BulkLoader::~BulkLoader() {
  std::error_code ec;
  fs::remove_all(state_->dir, ec);
}

uint64_t BulkLoader::articles() const {
  return state_->article_records.size();
}
uint64_t BulkLoader::facts() const {
  return state_->facts;
}
uint64_t BulkLoader::memory_bytes() const {
  const State& s = *state_;
  return s.evidence_values.stored() + s.evidence.size() * sizeof(EvidenceRow) +
         s.article_evidence.size() * sizeof(s.article_evidence[0]) + s.names.memory_bytes() +
         s.name_bytes + s.entities.size() * sizeof(Entity) + s.amended_bytes +
         s.text_owners.memory_bytes() + s.article_ids.memory_bytes();
}

Result<bool> BulkLoader::IsNew(const std::string& id) const {
  return state_->IsNew(id);
}
Result<bool> BulkLoader::IsNew(const ArticleInput& article) const {
  return state_->IsNew(article);
}

Status BulkLoader::Add(ArticleInput* input) {
  State& s = *state_;
  ArticleInput& article = *input;
  ArticleMeta& meta = article.meta;
  if (Trimmed(meta.id).empty()) return Status::InvalidArgument("an article has an empty id");
  if (article.checked_by_store != s.rep->serial) KG_RETURN_IF_ERROR(ValidateFacts(*s.rep, article));
  KG_ASSIGN_OR_RETURN(bool is_new, s.IsNew(article));
  if (!is_new) {
    return Status::InvalidArgument("article '" + meta.id +
                                   "' is stored already or added earlier in this load");
  }
  if (!s.started) s.StartChunk();
  if (s.next_article_num == UINT32_MAX ||
      s.next_entity_id > UINT32_MAX - 2 * article.facts.size()) {
    return Status::FailedPrecondition("article or entity ids exhausted");
  }
  if (meta.content_hash == 0) meta.content_hash = ArticleContentHash(article);
  // A text stored or added already is a duplicate, as for WriteArticles.
  if (meta.text_hash != 0) {
    bool duplicate = s.text_owners.contains(TextHashKey(meta.text_hash));
    if (!duplicate && !s.KnownAbsent(article)) {
      KG_ASSIGN_OR_RETURN(auto owner, s.rep->Get(kCfDefault, TextMetaKey(meta.text_hash)));
      duplicate = owner.has_value();
    }
    if (duplicate) {
      ++s.duplicates;
      return Status::OK();
    }
  }

  // From here on a failed store read leaves the chunk half-added: Finish
  // then refuses it.
  s.broken = true;
  const ArticleNum num = s.next_article_num++;
  s.article_ids.Insert(meta.id, num);
  if (meta.text_hash != 0) s.text_owners.Insert(TextHashKey(meta.text_hash), num);
  std::string value;
  s.article_names.clear();
  s.article_aliases.clear();
  for (uint32_t ordinal = 0; ordinal < article.facts.size(); ++ordinal) {
    Fact& f = article.facts[ordinal];
    KG_ASSIGN_OR_RETURN(EntityId subject, s.Resolve(f.subject));
    KG_ASSIGN_OR_RETURN(EntityId object, s.Resolve(f.object));
    Triple t{subject, s.rep->RelationIdOf(f.relation), object};
    if (s.rep->RelationById(t.relation)->symmetric && t.subject > t.object) {
      std::swap(t.subject, t.object);
    }
    Evidence& e = f.evidence;
    NormalizeEvidence(meta, &e);

    EvidenceRow row;
    row.triple = t;
    row.article = num;
    row.ordinal = ordinal;
    row.modality = e.modality;
    row.date = e.date;
    row.confidence = e.confidence;
    value.clear();
    EncodeEvidence(e, &value);
    row.value = s.evidence_values.Add(value);
    row.size = static_cast<uint32_t>(value.size());
    s.evidence.push_back(row);
    s.article_evidence.emplace_back(uint64_t{num} << 32 | ordinal, t);
  }
  s.broken = false;
  s.facts += article.facts.size();
  value.clear();
  meta.evidence_count = static_cast<uint32_t>(article.facts.size());
  meta.ingest_time = IngestTimeNow();
  EncodeArticleMeta(meta, &value);
  s.article_records.push_back(std::move(value));
  return Status::OK();
}

Status BulkLoader::State::BuildTriples() {
  triples.clear();
  triples_added = 0;
  for (const EvidenceRow& row : evidence) {
    const Triple& t = row.triple;
    if (triples.empty() || triples.back().triple != t)
      triples.push_back(TripleRow{t, {}, 0, false});
    triples.back().stats.Add(row.date, row.confidence, row.modality);
    ++triples.back().added_evidence;
  }
  // A store that held nothing before this chunk has none of them.
  if (base_entity_id == 1 && base_article_num == 1) {
    triples_added = triples.size();
    return Status::OK();
  }
  // The stored aggregates, read in sorted runs: one MultiGet per run costs
  // much less than a Get per triple (most of them new, so each Get would
  // consult every level's filter on its own).
  constexpr size_t kRun = 512;
  std::vector<std::string> keys;
  std::vector<rocksdb::Slice> slices;
  std::vector<rocksdb::PinnableSlice> values(kRun);
  std::vector<rocksdb::Status> statuses(kRun);
  for (size_t begin = 0; begin < triples.size(); begin += kRun) {
    const size_t n = std::min(kRun, triples.size() - begin);
    keys.clear();
    slices.clear();
    for (size_t i = 0; i < n; ++i)
      keys.push_back(SpoKey(triples[begin + i].triple));
    for (const std::string& k : keys)
      slices.emplace_back(k);
    for (size_t i = 0; i < n; ++i)
      values[i].Reset();  // unpins what the last run read
    rep->db->MultiGet(rocksdb::ReadOptions(), rep->cf[kCfSpo], n, slices.data(), values.data(),
                      statuses.data(), /*sorted_input=*/true);
    for (size_t i = 0; i < n; ++i) {
      TripleRow& row = triples[begin + i];
      if (statuses[i].IsNotFound()) {
        ++triples_added;
        continue;
      }
      if (!statuses[i].ok()) {
        return FromRocks(statuses[i], rep->path + ": reading spo key " + HexBytes(keys[i]));
      }
      TripleStats stored;
      if (!DecodeTripleStats(std::string_view(values[i].data(), values[i].size()), &stored)) {
        return Status::Corruption(rep->path + ": spo key " + HexBytes(keys[i]) +
                                  " does not decode");
      }
      stored.Merge(row.stats);
      row.stats = stored;
      row.stored = true;
    }
  }
  return Status::OK();
}

Status BulkLoader::State::BuildCounters(std::vector<std::pair<std::string, std::string>>* rows) {
  // Deltas: a new triple counts for its ends and relation, evidence always.
  std::map<EntityId, std::array<int64_t, 3>> per_entity;  // out, in, evidence
  std::map<RelationId, std::array<int64_t, 2>> per_relation;
  std::map<TypeId, std::array<int64_t, 2>> per_type;  // entities with triples, dictionary
  std::array<int64_t, 5> global = {0, 0, 0, 0, 0};
  for (const TripleRow& row : triples) {
    const Triple& t = row.triple;
    const int64_t added = row.stored ? 0 : 1;
    auto& subject = per_entity[t.subject];
    subject[0] += added;
    subject[2] += row.added_evidence;
    auto& object = per_entity[t.object];
    object[1] += added;
    if (t.object != t.subject) object[2] += row.added_evidence;
    auto& rel = per_relation[t.relation];
    rel[0] += added;
    rel[1] += row.added_evidence;
    global[2] += added;
    global[3] += row.added_evidence;
  }
  global[4] = static_cast<int64_t>(article_records.size());
  for (const Entity& e : entities) {
    ++per_type[e.type][1];
    ++global[1];
  }

  // Each counter read, moved and written whole, exactly as the incremental
  // writer keeps them (store_write.cc). Nothing here goes down, so none
  // becomes all zero.
  std::string value;
  auto apply = [&](const std::string& key, const int64_t* delta, size_t n,
                   uint64_t* before) -> Status {
    uint64_t after[5];
    bool stored;
    KG_RETURN_IF_ERROR(rep->MoveCounters(key, delta, n, before, after, &stored));
    value.clear();
    EncodeCounters(after, n, &value);
    rows->emplace_back(key, value);
    return Status::OK();
  };
  for (const auto& [id, delta] : per_entity) {
    uint64_t before[3];
    KG_RETURN_IF_ERROR(apply(EntityCountKey(id), delta.data(), 3, before));
    // An entity with its first triple joins its type's and the global count
    // of entities with triples.
    if (before[0] + before[1] == 0 && delta[0] + delta[1] > 0) {
      TypeId type;
      if (id >= base_entity_id) {
        type = entities[id - base_entity_id].type;
      } else {
        KG_ASSIGN_OR_RETURN(type, rep->EntityType(id));
      }
      ++per_type[type][0];
      ++global[0];
    }
  }
  for (const auto& [id, delta] : per_relation) {
    uint64_t before[2];
    KG_RETURN_IF_ERROR(apply(RelationCountKey(id), delta.data(), 2, before));
  }
  for (const auto& [id, delta] : per_type) {
    uint64_t before[2];
    KG_RETURN_IF_ERROR(apply(TypeCountKey(id), delta.data(), 2, before));
  }
  uint64_t before[5];
  KG_RETURN_IF_ERROR(apply(GlobalCountKey(), global.data(), 5, before));
  std::sort(rows->begin(), rows->end());
  return Status::OK();
}

Status BulkLoader::State::WriteFiles(std::vector<std::unique_ptr<SstOutput>>* outputs) {
  const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  ParallelSort(&evidence, threads);
  KG_RETURN_IF_ERROR(BuildTriples());
  // The counters read the store: done here, before the writing threads.
  std::vector<std::pair<std::string, std::string>> counter_rows;
  KG_RETURN_IF_ERROR(BuildCounters(&counter_rows));

  std::vector<std::unique_ptr<SstOutput>>& owned = *outputs;
  auto output = [&](ColumnFamily cf) {
    owned.push_back(std::make_unique<SstOutput>(
        rep, cf, dir + "/" + std::string(kColumnFamilyNames[cf]) + ".sst"));
    return owned.back().get();
  };
  std::vector<std::function<Status()>> tasks;

  // Largest first, so that the small files fill in around it.
  SstOutput* evidence_out = output(kCfEvidence);
  tasks.push_back([this, evidence_out]() -> Status {
    KG_RETURN_IF_ERROR(evidence_out->Open());
    for (size_t i = 0; i < evidence.size(); ++i) {
      // Sorted by key, the rows visit their values in the arena at random:
      // each value was a cache and TLB miss when the table builder copied
      // it. Asking for one a few rows ahead overlaps those misses.
      if (i + kPrefetchAhead < evidence.size()) {
        const EvidenceRow& ahead = evidence[i + kPrefetchAhead];
        __builtin_prefetch(ahead.value);
        __builtin_prefetch(ahead.value + ahead.size - 1);
      }
      const EvidenceRow& row = evidence[i];
      KG_RETURN_IF_ERROR(evidence_out->Put(EvidenceKey(row.triple, row.article, row.ordinal),
                                           std::string_view(row.value, row.size)));
    }
    return evidence_out->Finish();
  });

  SstOutput* spo_out = output(kCfSpo);
  tasks.push_back([this, spo_out]() -> Status {
    KG_RETURN_IF_ERROR(spo_out->Open());
    std::string value;
    for (const TripleRow& row : triples) {
      value.clear();
      EncodeTripleStats(row.stats, &value);
      KG_RETURN_IF_ERROR(spo_out->Put(SpoKey(row.triple), value));
    }
    return spo_out->Finish();
  });
  // POS and OSP of the new triples: the keys' bytewise order is their order.
  for (ColumnFamily cf : {kCfPos, kCfOsp}) {
    SstOutput* out = output(cf);
    tasks.push_back([this, out, cf]() -> Status {
      std::vector<std::array<char, kTripleKeySize>> keys;
      keys.reserve(triples_added);
      for (const TripleRow& row : triples) {
        if (row.stored) continue;
        const std::string key = cf == kCfPos ? PosKey(row.triple) : OspKey(row.triple);
        auto& k = keys.emplace_back();
        std::memcpy(k.data(), key.data(), kTripleKeySize);
      }
      // Bytewise (unsigned) order, as RocksDB compares keys.
      std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
        return std::memcmp(a.data(), b.data(), kTripleKeySize) < 0;
      });
      KG_RETURN_IF_ERROR(out->Open());
      for (const auto& k : keys)
        KG_RETURN_IF_ERROR(out->Put(std::string_view(k.data(), k.size()), ""));
      return out->Finish();
    });
  }

  SstOutput* article_evidence_out = output(kCfArticleEvidence);
  tasks.push_back([this, article_evidence_out]() -> Status {
    KG_RETURN_IF_ERROR(article_evidence_out->Open());
    for (const auto& [pos, t] : article_evidence) {
      KG_RETURN_IF_ERROR(article_evidence_out->Put(
          ArticleEvidenceKey(static_cast<ArticleNum>(pos >> 32), static_cast<uint32_t>(pos)),
          SpoKey(t)));
    }
    return article_evidence_out->Finish();
  });

  SstOutput* articles_out = output(kCfArticles);
  SstOutput* article_ids_out = output(kCfArticleIds);
  tasks.push_back([this, articles_out, article_ids_out]() -> Status {
    KG_RETURN_IF_ERROR(articles_out->Open());
    for (size_t i = 0; i < article_records.size(); ++i) {
      KG_RETURN_IF_ERROR(articles_out->Put(
          ArticleKey(base_article_num + static_cast<ArticleNum>(i)), article_records[i]));
    }
    KG_RETURN_IF_ERROR(articles_out->Finish());
    std::vector<std::pair<std::string_view, ArticleNum>> ids;
    ids.reserve(article_ids.size());
    article_ids.ForEach([&](std::string_view id, ArticleNum num) { ids.emplace_back(id, num); });
    std::sort(ids.begin(), ids.end());
    KG_RETURN_IF_ERROR(article_ids_out->Open());
    for (const auto& [id, num] : ids)
      KG_RETURN_IF_ERROR(article_ids_out->Put(id, Fixed32Value(num)));
    return article_ids_out->Finish();
  });

  SstOutput* names_out = output(kCfNames);
  SstOutput* entities_out = output(kCfEntities);
  tasks.push_back([this, names_out, entities_out]() -> Status {
    std::vector<std::pair<std::string_view, EntityId>> sorted;
    sorted.reserve(names.size());
    names.ForEach([&](std::string_view name, EntityId id) { sorted.emplace_back(name, id); });
    std::sort(sorted.begin(), sorted.end());
    KG_RETURN_IF_ERROR(names_out->Open());
    for (const auto& [name, id] : sorted)
      KG_RETURN_IF_ERROR(names_out->Put(name, Fixed32Value(id)));
    KG_RETURN_IF_ERROR(names_out->Finish());
    KG_RETURN_IF_ERROR(entities_out->Open());
    std::string value;
    // Stored entities (lower ids) first, then the new ones: id order.
    for (const auto& [id, e] : amended) {
      value.clear();
      EncodeEntity(e, &value);
      KG_RETURN_IF_ERROR(entities_out->Put(EntityKey(id), value));
    }
    for (const Entity& e : entities) {
      value.clear();
      EncodeEntity(e, &value);
      KG_RETURN_IF_ERROR(entities_out->Put(EntityKey(e.id), value));
    }
    return entities_out->Finish();
  });

  SstOutput* counts_out = output(kCfCounts);
  SstOutput* meta_out = output(kCfDefault);
  tasks.push_back([this, counts_out, meta_out, &counter_rows]() -> Status {
    KG_RETURN_IF_ERROR(counts_out->Open());
    for (const auto& [k, v] : counter_rows)
      KG_RETURN_IF_ERROR(counts_out->Put(k, v));
    KG_RETURN_IF_ERROR(counts_out->Finish());

    std::vector<std::pair<std::string, std::string>> meta = {
        {std::string(kMetaNextEntityId), Fixed32Value(next_entity_id)},
        {std::string(kMetaNextArticleNum), Fixed32Value(next_article_num)}};
    meta.reserve(meta.size() + text_owners.size());
    text_owners.ForEach([&](std::string_view key, ArticleNum num) {
      uint64_t hash;
      std::memcpy(&hash, key.data(), sizeof hash);
      meta.emplace_back(TextMetaKey(hash), Fixed32Value(num));
    });
    std::sort(meta.begin(), meta.end());
    KG_RETURN_IF_ERROR(meta_out->Open());
    for (const auto& [k, v] : meta)
      KG_RETURN_IF_ERROR(meta_out->Put(k, v));
    return meta_out->Finish();
  });

  KG_RETURN_IF_ERROR(RunParallel(tasks, threads));
  std::erase_if(owned, [](const auto& o) { return o->empty(); });
  return Status::OK();
}

Result<WriteSummary> BulkLoader::Finish() {
  State& s = *state_;
  WriteSummary summary;
  summary.articles_duplicate = s.duplicates;
  if (!s.started || s.article_records.empty()) {
    s.ResetChunk();
    return summary;
  }
  // Whatever happens below, the next Add starts a new chunk.
  struct Reset {
    State* s;
    ~Reset() { s->ResetChunk(); }
  } reset{&s};
  if (s.broken) {
    return Status::FailedPrecondition(s.rep->path +
                                      ": a store read failed during the bulk load; the articles "
                                      "added since the last Finish were not loaded");
  }
  if (s.rep->next_entity_id != s.base_entity_id || s.rep->next_article_num != s.base_article_num) {
    return Status::FailedPrecondition(s.rep->path +
                                      ": the store was written during a bulk load; the articles "
                                      "added since the last Finish were not loaded");
  }

  std::error_code ec;
  fs::remove_all(s.dir, ec);
  if (!fs::create_directories(s.dir, ec) || ec) {
    return Status::IOError(s.dir + ": cannot create the bulk-load folder: " + ec.message());
  }
  std::vector<std::unique_ptr<SstOutput>> outputs;
  KG_RETURN_IF_ERROR(s.WriteFiles(&outputs));

  // One call for every column family: RocksDB ingests them atomically. Files
  // whose keys fall among stored ones go to level 0, with a sequence number
  // above every stored key, so that their values win.
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (const auto& o : outputs) {
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = s.rep->cf[o->cf()];
    arg.external_files = {o->file()};
    arg.options.move_files = true;
    args.push_back(std::move(arg));
  }
  const rocksdb::Status ingested = s.rep->db->IngestExternalFiles(args);
  s.rep->commits.fetch_add(1, std::memory_order_release);
  KG_RETURN_IF_ERROR(FromRocks(ingested, s.rep->path + ": bulk load: ingesting the sorted files"));
  fs::remove_all(s.dir, ec);

  // Committed: the writer's state moves on as after a WriteArticles.
  s.rep->next_entity_id = s.next_entity_id;
  s.rep->next_article_num = s.next_article_num;
  s.rep->CacheCommittedNames(s.names);
  if (s.rep->entity_type_cache.size() < s.next_entity_id) {
    s.rep->entity_type_cache.resize(s.next_entity_id, 0);
  }
  for (const Entity& e : s.entities)
    s.rep->entity_type_cache[e.id] = e.type;

  summary.articles_written = s.article_records.size();
  summary.evidence_added = s.facts;
  summary.triples_added = s.triples_added;
  summary.entities_created = s.entities.size();
  Status published = s.rep->PublishView();
  if (!published.ok()) {
    return published.WithContext("loaded, but the view for readers was not published");
  }
  return summary;
}

bool Store::CanBulkLoad() const {
  return !rep_->read_only && rep_->next_entity_id == 1 && rep_->next_article_num == 1;
}

Result<std::unique_ptr<BulkLoader>> Store::StartBulkLoad() {
  if (rep_->read_only) {
    return Status::FailedPrecondition(rep_->path + ": opened for reading; cannot bulk load");
  }
  auto state = std::make_unique<BulkLoader::State>();
  state->rep = rep_.get();
  state->dir = BulkDir(rep_->path);
  return std::unique_ptr<BulkLoader>(new BulkLoader(std::move(state)));
}

}  // namespace kg
