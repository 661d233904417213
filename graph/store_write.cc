// The write path of the store: one BatchWriter per WriteArticles or
// DeleteArticles call gathers every change into a single RocksDB WriteBatch,
// so that an article, its evidence, its triples' aggregates and all counters
// change together or not at all.
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <unordered_set>

#include "graph/article_checks.h"
#include "graph/records.h"
#include "graph/store.h"
#include "graph/store_rep.h"
#include "util/coding.h"

namespace kg {

namespace {

// Counter deltas, applied to the stored counters at commit.
struct Delta3 {
  int64_t v[3] = {0, 0, 0};
};

}  // namespace

class Store::BatchWriter {
 public:
  explicit BatchWriter(Rep* rep)
      : rep_(rep), next_entity_id_(rep->next_entity_id), next_article_num_(rep->next_article_num) {}

  Status AddArticle(ArticleInput article);
  // Sets *found to whether the article existed.
  Status RemoveArticle(const std::string& id, bool* found);
  Result<WriteSummary> Commit();

 private:
  struct Touched {
    TripleStats added;     // aggregates of the evidence added in this batch
    uint32_t removed = 0;  // evidence removed in this batch
    bool recompute = false;
  };

  Result<std::optional<EntityId>> FindName(const std::string& normalized);
  Result<EntityId> ResolveEntity(const EntityRef& ref);
  Result<Entity*> MutableEntity(EntityId id);
  Result<std::optional<ArticleNum>> FindArticle(const std::string& id);
  // The article that holds a body text (the "text/" meta keys), as this
  // batch leaves it.
  Result<std::optional<ArticleNum>> TextOwner(uint64_t text_hash);
  void SetTextOwner(uint64_t text_hash, std::optional<ArticleNum> num);
  // Moves the text index from an article's old text to its new one.
  Status MoveText(ArticleNum num, uint64_t old_hash, uint64_t new_hash);
  Status ClearArticleEvidence(ArticleNum num);
  Status FinishTriple(const Triple& t, const Touched& touched);
  Status ApplyCounters();

  // Queues a put for Commit, which adds each column family's puts in key order.
  void DeferPut(ColumnFamily c, std::string key, std::string value) {
    deferred_puts_[c].emplace_back(std::move(key), std::move(value));
  }

  Rep* rep_;
  rocksdb::WriteBatch batch_;
  std::map<ColumnFamily, std::vector<std::pair<std::string, std::string>>> deferred_puts_;
  WriteSummary summary_;
  EntityId next_entity_id_;
  ArticleNum next_article_num_;

  std::unordered_set<std::string> article_ids_in_batch_;
  std::unordered_map<uint64_t, std::optional<ArticleNum>> text_owners_;  // changed in this batch
  std::unordered_set<ArticleNum> cleared_articles_;
  std::unordered_map<Triple, Touched, TripleHash> touched_;
  FlatStringMap<EntityId> new_names_;          // normalized -> id, this batch
  std::map<EntityId, Entity> dirty_entities_;  // records to (re)write
  std::unordered_set<EntityId> created_entities_;

  std::map<EntityId, Delta3> entity_delta_;      // out_triples, in_triples, evidence
  std::map<RelationId, Delta3> relation_delta_;  // triples, evidence
  std::map<TypeId, Delta3> type_delta_;          // entities, dictionary entities
  int64_t global_delta_[5] = {0, 0, 0, 0, 0};  // entities, dictionary, triples, evidence, articles
};

Result<std::optional<EntityId>> Store::BatchWriter::FindName(const std::string& normalized) {
  if (const EntityId* id = new_names_.Find(normalized)) return {*id};
  return rep_->FindName(normalized);
}

Result<Entity*> Store::BatchWriter::MutableEntity(EntityId id) {
  auto it = dirty_entities_.find(id);
  if (it != dirty_entities_.end()) return &it->second;
  KG_ASSIGN_OR_RETURN(Entity e, rep_->ReadEntity(id));
  return &dirty_entities_.emplace(id, std::move(e)).first->second;
}

Result<EntityId> Store::BatchWriter::ResolveEntity(const EntityRef& ref) {
  const std::string key = NormalizeName(ref.name);
  KG_ASSIGN_OR_RETURN(auto found, FindName(key));
  EntityId id;
  if (found) {
    id = *found;
  } else {
    if (next_entity_id_ == UINT32_MAX) return Status::FailedPrecondition("entity ids exhausted");
    id = next_entity_id_++;
    Entity e;
    e.id = id;
    e.name = TrimmedCopy(ref.name);
    e.type = rep_->TypeIdOf(ref.type);
    dirty_entities_.emplace(id, std::move(e));
    created_entities_.insert(id);
    new_names_.Insert(key, id);
    ++summary_.entities_created;
    ++global_delta_[1];
    ++type_delta_[rep_->TypeIdOf(ref.type)].v[1];
  }
  for (const auto& alias : ref.aliases) {
    const std::string alias_key = NormalizeName(alias);
    if (alias_key.empty()) continue;
    KG_ASSIGN_OR_RETURN(auto alias_owner, FindName(alias_key));
    if (alias_owner) continue;  // known already, for this entity or (first come) another
    KG_ASSIGN_OR_RETURN(Entity * e, MutableEntity(id));
    e->aliases.push_back(TrimmedCopy(alias));
    new_names_.Insert(alias_key, id);
  }
  return id;
}

Result<std::optional<ArticleNum>> Store::BatchWriter::FindArticle(const std::string& id) {
  KG_ASSIGN_OR_RETURN(auto value, rep_->Get(kCfArticleIds, id));
  if (!value) return std::optional<ArticleNum>();
  if (value->size() != 4) {
    return Status::Corruption(rep_->path + ": bad article_ids entry for '" + id + "'");
  }
  return std::optional<ArticleNum>(DecodeFixed32BE(value->data()));
}

Result<std::optional<ArticleNum>> Store::BatchWriter::TextOwner(uint64_t text_hash) {
  if (auto it = text_owners_.find(text_hash); it != text_owners_.end()) return it->second;
  KG_ASSIGN_OR_RETURN(auto value, rep_->Get(kCfDefault, TextMetaKey(text_hash)));
  if (!value) return std::optional<ArticleNum>();
  if (value->size() != 4) {
    return Status::Corruption(rep_->path + ": bad text index entry " +
                              HexBytes(TextMetaKey(text_hash)));
  }
  return std::optional<ArticleNum>(DecodeFixed32BE(value->data()));
}

void Store::BatchWriter::SetTextOwner(uint64_t text_hash, std::optional<ArticleNum> num) {
  text_owners_[text_hash] = num;
  if (num) {
    std::string value;
    PutFixed32BE(&value, *num);
    batch_.Put(rep_->cf[kCfDefault], TextMetaKey(text_hash), value);
  } else {
    batch_.Delete(rep_->cf[kCfDefault], TextMetaKey(text_hash));
  }
}

Status Store::BatchWriter::MoveText(ArticleNum num, uint64_t old_hash, uint64_t new_hash) {
  if (old_hash == new_hash) return Status::OK();
  if (old_hash != 0) {
    KG_ASSIGN_OR_RETURN(auto owner, TextOwner(old_hash));
    if (owner == num) SetTextOwner(old_hash, std::nullopt);
  }
  if (new_hash != 0) {
    // A text another article holds already stays with that article.
    KG_ASSIGN_OR_RETURN(auto owner, TextOwner(new_hash));
    if (!owner) SetTextOwner(new_hash, num);
  }
  return Status::OK();
}

Status Store::BatchWriter::ClearArticleEvidence(ArticleNum num) {
  cleared_articles_.insert(num);
  const std::string prefix = ArticleKey(num);
  std::unique_ptr<rocksdb::Iterator> it(
      rep_->db->NewIterator(rocksdb::ReadOptions(), rep_->cf[kCfArticleEvidence]));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    Triple t;
    if (key.size() != 8 ||
        !DecodeSpoKey(std::string_view(it->value().data(), it->value().size()), &t)) {
      return Status::Corruption(rep_->path + ": article_evidence key " + HexBytes(key) +
                                " does not decode");
    }
    const uint32_t ordinal = DecodeFixed32BE(key.data() + 4);
    batch_.Delete(rep_->cf[kCfEvidence], EvidenceKey(t, num, ordinal));
    batch_.Delete(rep_->cf[kCfArticleEvidence], it->key());
    Touched& touched = touched_[t];
    ++touched.removed;
    touched.recompute = true;
    ++summary_.evidence_removed;
  }
  return FromRocks(it->status(), rep_->path + ": reading an article's evidence index");
}

Status Store::BatchWriter::AddArticle(ArticleInput article) {
  ArticleMeta& meta = article.meta;
  if (Trimmed(meta.id).empty()) return Status::InvalidArgument("an article has an empty id");
  if (!article_ids_in_batch_.insert(meta.id).second) {
    return Status::InvalidArgument("article '" + meta.id + "' appears twice in one write");
  }
  if (article.checked_by_store != rep_->serial) KG_RETURN_IF_ERROR(ValidateFacts(*rep_, article));
  if (meta.content_hash == 0) meta.content_hash = ArticleContentHash(article);

  KG_ASSIGN_OR_RETURN(auto existing, FindArticle(meta.id));
  ArticleNum num;
  if (existing) {
    KG_ASSIGN_OR_RETURN(auto old_value, rep_->Get(kCfArticles, ArticleKey(*existing)));
    ArticleMeta old;
    if (!old_value || !DecodeArticleMeta(*old_value, &old)) {
      return Status::Corruption(rep_->path + ": article '" + meta.id + "' has no readable record");
    }
    num = *existing;
    KG_RETURN_IF_ERROR(MoveText(num, old.text_hash, meta.text_hash));
    if (old.content_hash == meta.content_hash) {
      ++summary_.articles_unchanged;
      // The same facts from a changed document or rules: only the hashes
      // that say so change, so that the next run may skip it.
      if (old.source_hash != meta.source_hash || old.text_hash != meta.text_hash) {
        old.source_hash = meta.source_hash;
        old.text_hash = meta.text_hash;
        std::string value;
        EncodeArticleMeta(old, &value);
        batch_.Put(rep_->cf[kCfArticles], ArticleKey(num), value);
      }
      return Status::OK();
    }
    KG_RETURN_IF_ERROR(ClearArticleEvidence(num));
    ++summary_.articles_replaced;
  } else {
    if (meta.text_hash != 0) {
      KG_ASSIGN_OR_RETURN(auto owner, TextOwner(meta.text_hash));
      if (owner) {
        ++summary_.articles_duplicate;
        return Status::OK();
      }
    }
    if (next_article_num_ == UINT32_MAX) return Status::FailedPrecondition("article ids exhausted");
    num = next_article_num_++;
    ++summary_.articles_written;
    ++global_delta_[4];
    std::string num_value;
    PutFixed32BE(&num_value, num);
    batch_.Put(rep_->cf[kCfArticleIds], meta.id, num_value);
    if (meta.text_hash != 0) SetTextOwner(meta.text_hash, num);
  }

  std::string value;
  for (uint32_t ordinal = 0; ordinal < article.facts.size(); ++ordinal) {
    Fact& f = article.facts[ordinal];
    KG_ASSIGN_OR_RETURN(EntityId s, ResolveEntity(f.subject));
    KG_ASSIGN_OR_RETURN(EntityId o, ResolveEntity(f.object));
    const RelationId r = rep_->RelationIdOf(f.relation);
    Triple t{s, r, o};
    if (rep_->RelationById(r)->symmetric && t.subject > t.object) std::swap(t.subject, t.object);

    Evidence& e = f.evidence;
    NormalizeEvidence(meta, &e);
    value.clear();
    EncodeEvidence(e, &value);
    DeferPut(kCfEvidence, EvidenceKey(t, num, ordinal), value);
    batch_.Put(rep_->cf[kCfArticleEvidence], ArticleEvidenceKey(num, ordinal), SpoKey(t));
    touched_[t].added.Add(e);
    ++summary_.evidence_added;
  }

  meta.evidence_count = static_cast<uint32_t>(article.facts.size());
  meta.ingest_time = IngestTimeNow();
  value.clear();
  EncodeArticleMeta(meta, &value);
  batch_.Put(rep_->cf[kCfArticles], ArticleKey(num), value);
  return Status::OK();
}

Status Store::BatchWriter::RemoveArticle(const std::string& id, bool* found) {
  if (!article_ids_in_batch_.insert(id).second) {
    *found = false;
    return Status::OK();
  }
  KG_ASSIGN_OR_RETURN(auto existing, FindArticle(id));
  *found = existing.has_value();
  if (!existing) return Status::OK();
  KG_RETURN_IF_ERROR(ClearArticleEvidence(*existing));
  KG_ASSIGN_OR_RETURN(auto old_value, rep_->Get(kCfArticles, ArticleKey(*existing)));
  ArticleMeta old;
  if (!old_value || !DecodeArticleMeta(*old_value, &old)) {
    return Status::Corruption(rep_->path + ": article '" + id + "' has no readable record");
  }
  KG_RETURN_IF_ERROR(MoveText(*existing, old.text_hash, 0));
  batch_.Delete(rep_->cf[kCfArticles], ArticleKey(*existing));
  batch_.Delete(rep_->cf[kCfArticleIds], id);
  ++summary_.articles_deleted;
  --global_delta_[4];
  return Status::OK();
}

Status Store::BatchWriter::FinishTriple(const Triple& t, const Touched& touched) {
  const std::string spo = SpoKey(t);
  KG_ASSIGN_OR_RETURN(auto old_value, rep_->Get(kCfSpo, spo));
  const bool existed = old_value.has_value();
  TripleStats stats;
  if (!touched.recompute) {
    if (existed && !DecodeTripleStats(*old_value, &stats)) {
      return Status::Corruption(rep_->path + ": spo key " + HexBytes(spo) + " does not decode");
    }
  } else {
    // Evidence was removed: rebuild the aggregates from what remains.
    KG_RETURN_IF_ERROR(rep_->ScanTripleEvidence(spo, [&](ArticleNum num, Evidence& e) {
      if (!cleared_articles_.count(num)) stats.Add(e);
      return true;
    }));
  }
  // Merge the evidence added in this batch.
  const TripleStats& a = touched.added;
  stats.Merge(a);

  const int64_t evidence_delta = int64_t{a.evidence_count} - touched.removed;
  int64_t triple_delta = 0;
  if (stats.evidence_count > 0) {
    std::string value;
    EncodeTripleStats(stats, &value);
    if (!existed || value != *old_value) batch_.Put(rep_->cf[kCfSpo], spo, value);
    if (!existed) {
      DeferPut(kCfPos, PosKey(t), "");
      DeferPut(kCfOsp, OspKey(t), "");
      triple_delta = 1;
    }
  } else if (existed) {
    batch_.Delete(rep_->cf[kCfSpo], spo);
    batch_.Delete(rep_->cf[kCfPos], PosKey(t));
    batch_.Delete(rep_->cf[kCfOsp], OspKey(t));
    triple_delta = -1;
  }
  if (triple_delta > 0) ++summary_.triples_added;
  if (triple_delta < 0) ++summary_.triples_removed;
  global_delta_[2] += triple_delta;
  global_delta_[3] += evidence_delta;
  Delta3& rel = relation_delta_[t.relation];
  rel.v[0] += triple_delta;
  rel.v[1] += evidence_delta;
  Delta3& subj = entity_delta_[t.subject];
  subj.v[0] += triple_delta;
  subj.v[2] += evidence_delta;
  Delta3& obj = entity_delta_[t.object];
  obj.v[1] += triple_delta;
  if (t.object != t.subject) obj.v[2] += evidence_delta;
  return Status::OK();
}

namespace {

Status ApplyDelta(Store::Rep* rep, rocksdb::WriteBatch* batch, const std::string& key,
                  const int64_t* delta, size_t n, uint64_t* before, uint64_t* after) {
  bool stored;
  KG_RETURN_IF_ERROR(rep->MoveCounters(key, delta, n, before, after, &stored));
  if (std::all_of(after, after + n, [](uint64_t v) { return v == 0; })) {
    if (stored) batch->Delete(rep->cf[kCfCounts], key);
  } else {
    std::string encoded;
    EncodeCounters(after, n, &encoded);
    batch->Put(rep->cf[kCfCounts], key, encoded);
  }
  return Status::OK();
}

}  // namespace

Status Store::BatchWriter::ApplyCounters() {
  for (const auto& [id, delta] : entity_delta_) {
    if (delta.v[0] == 0 && delta.v[1] == 0 && delta.v[2] == 0) continue;
    uint64_t before[3], after[3];
    KG_RETURN_IF_ERROR(ApplyDelta(rep_, &batch_, EntityCountKey(id), delta.v, 3, before, after));
    const bool was_active = before[0] + before[1] > 0;
    const bool is_active = after[0] + after[1] > 0;
    if (was_active == is_active) continue;
    TypeId type;
    if (auto it = dirty_entities_.find(id); it != dirty_entities_.end()) {
      type = it->second.type;
    } else {
      KG_ASSIGN_OR_RETURN(type, rep_->EntityType(id));
    }
    const int64_t step = is_active ? 1 : -1;
    type_delta_[type].v[0] += step;
    global_delta_[0] += step;
  }
  for (const auto& [id, delta] : relation_delta_) {
    if (delta.v[0] == 0 && delta.v[1] == 0) continue;
    uint64_t before[2], after[2];
    KG_RETURN_IF_ERROR(ApplyDelta(rep_, &batch_, RelationCountKey(id), delta.v, 2, before, after));
  }
  for (const auto& [id, delta] : type_delta_) {
    if (delta.v[0] == 0 && delta.v[1] == 0) continue;
    uint64_t before[2], after[2];
    KG_RETURN_IF_ERROR(ApplyDelta(rep_, &batch_, TypeCountKey(id), delta.v, 2, before, after));
  }
  bool global_changed = false;
  for (int64_t d : global_delta_)
    global_changed = global_changed || d != 0;
  if (global_changed) {
    uint64_t before[5], after[5];
    KG_RETURN_IF_ERROR(
        ApplyDelta(rep_, &batch_, GlobalCountKey(), global_delta_, 5, before, after));
  }
  return Status::OK();
}

Result<WriteSummary> Store::BatchWriter::Commit() {
  // Sorted, so that reads and writes walk the index in key order.
  std::vector<std::pair<Triple, Touched>> triples(touched_.begin(), touched_.end());
  std::sort(triples.begin(), triples.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [t, touched] : triples)
    KG_RETURN_IF_ERROR(FinishTriple(t, touched));
  KG_RETURN_IF_ERROR(ApplyCounters());

  std::string value;
  for (const auto& [id, entity] : dirty_entities_) {
    value.clear();
    EncodeEntity(entity, &value);
    batch_.Put(rep_->cf[kCfEntities], EntityKey(id), value);
  }
  new_names_.ForEach([&](std::string_view name, EntityId id) {
    value.clear();
    PutFixed32BE(&value, id);
    DeferPut(kCfNames, std::string(name), value);
  });
  if (next_entity_id_ != rep_->next_entity_id) {
    value.clear();
    PutFixed32BE(&value, next_entity_id_);
    batch_.Put(rep_->cf[kCfDefault], kMetaNextEntityId, value);
  }
  if (next_article_num_ != rep_->next_article_num) {
    value.clear();
    PutFixed32BE(&value, next_article_num_);
    batch_.Put(rep_->cf[kCfDefault], kMetaNextArticleNum, value);
  }
  // Puts whose keys arrive in random order go in last, sorted: inserting
  // sorted keys into the memtable skiplist is much cheaper. Deletes were
  // added before them, so a delete and a put of one key (an article's
  // evidence replaced) still end with the put.
  for (auto& puts : deferred_puts_) {
    std::sort(puts.second.begin(), puts.second.end());
    for (const auto& [key, v] : puts.second)
      batch_.Put(rep_->cf[puts.first], key, v);
  }
  if (batch_.Count() > 0) {
    const rocksdb::Status written = rep_->db->Write(rocksdb::WriteOptions(), &batch_);
    // Moved even when the write failed: a stale "absent" must never pass.
    rep_->commits.fetch_add(1, std::memory_order_release);
    KG_RETURN_IF_ERROR(FromRocks(written, rep_->path + ": writing a batch"));
  }
  // Committed: advance the writer's state and caches.
  rep_->next_entity_id = next_entity_id_;
  rep_->next_article_num = next_article_num_;
  rep_->CacheCommittedNames(new_names_);
  for (EntityId id : created_entities_) {
    if (rep_->entity_type_cache.size() <= id) rep_->entity_type_cache.resize(id + 1024, 0);
    rep_->entity_type_cache[id] = dirty_entities_.at(id).type;
  }
  if (std::chrono::steady_clock::now() - rep_->last_publish >= Store::kViewInterval) {
    Status s = rep_->PublishView();
    if (!s.ok()) return s.WithContext("written, but the view for readers was not published");
  }
  return summary_;
}

Status Store::PrepareArticle(ArticleInput* article) const {
  if (Trimmed(article->meta.id).empty()) {
    return Status::InvalidArgument("an article has an empty id");
  }
  KG_RETURN_IF_ERROR(ValidateFacts(*rep_, *article));
  article->checked_by_store = rep_->serial;
  // The writers hash before they normalize (AddArticle, BulkLoader::Add):
  // so does this, so that the hash is the one they would have stored.
  if (article->meta.content_hash == 0) article->meta.content_hash = ArticleContentHash(*article);
  for (Fact& f : article->facts)
    NormalizeEvidence(article->meta, &f.evidence);
  return Status::OK();
}

Result<WriteSummary> Store::WriteArticles(std::vector<ArticleInput> articles) {
  if (rep_->read_only) {
    return Status::FailedPrecondition(rep_->path + ": opened for reading; cannot write");
  }
  BatchWriter writer(rep_.get());
  for (auto& a : articles)
    KG_RETURN_IF_ERROR(writer.AddArticle(std::move(a)));
  return writer.Commit();
}

Result<WriteSummary> Store::DeleteArticles(const std::vector<std::string>& ids) {
  if (rep_->read_only) {
    return Status::FailedPrecondition(rep_->path + ": opened for reading; cannot delete");
  }
  BatchWriter writer(rep_.get());
  for (const auto& id : ids) {
    bool found;
    KG_RETURN_IF_ERROR(writer.RemoveArticle(id, &found));
  }
  return writer.Commit();
}

}  // namespace kg
