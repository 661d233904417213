#include "graph/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <system_error>
#include <thread>

#include "graph/records.h"
#include "graph/store_rep.h"
#include "util/coding.h"

namespace kg {

namespace fs = std::filesystem;

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::OK();
  std::string msg(context);
  msg += ": ";
  msg += s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsNoSpace())
    return Status::IOError(std::string(context) + ": disk full (" + s.ToString() + ")");
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
    return Status::Busy(std::string(context) +
                        ": the store is locked by another writer (a running kg import or "
                        "delete); wait for it to finish, or use a read-only command");
  }
  if (s.IsNotSupported()) return Status::NotSupported(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  return Status::IOError(msg);
}

WriteSummary& WriteSummary::operator+=(const WriteSummary& o) {
  articles_written += o.articles_written;
  articles_replaced += o.articles_replaced;
  articles_unchanged += o.articles_unchanged;
  articles_duplicate += o.articles_duplicate;
  articles_deleted += o.articles_deleted;
  evidence_added += o.evidence_added;
  evidence_removed += o.evidence_removed;
  triples_added += o.triples_added;
  triples_removed += o.triples_removed;
  entities_created += o.entities_created;
  return *this;
}

void Store::Rep::CloseDb() {
  if (!db) return;
  for (auto* h : cf) {
    if (h) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  cf.clear();
  db->Close().PermitUncheckedError();
  db.reset();
}

Store::Rep::~Rep() {
  // A writer leaves a view of its final state for readers. A failure here
  // cannot be reported; the previous view stays readable.
  if (db && !read_only) (void)PublishView();
  CloseDb();
}

namespace {

constexpr std::string_view kViewPrefix = "view-";

std::string ViewsDir(const std::string& path) {
  return path + "/views";
}

// The name of the newest published view, from PATH/views/LATEST.
Result<std::string> ReadLatestView(const std::string& path) {
  std::ifstream in(ViewsDir(path) + "/LATEST");
  std::string name;
  if (!in || !std::getline(in, name) || name.rfind(kViewPrefix, 0) != 0) {
    return Status::NotFound(path +
                            ": no view published for readers yet (open the store once "
                            "for writing, e.g. with kg import)");
  }
  return name;
}

uint64_t ViewNumber(const std::string& name) {
  if (name.rfind(kViewPrefix, 0) != 0) return 0;
  return std::strtoull(name.c_str() + kViewPrefix.size(), nullptr, 10);
}

// RocksDB's info log is of no use to a reader and must not be written into
// a view that other readers share.
class NullLogger : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

// The writer's info log, STORE/LOG (STORE/LOG.old before it), for whoever
// debugs a store. RocksDB's own file logger asserts (in Debian's build,
// which keeps assertions) on its next line once a write to LOG has failed,
// so a full disk or a file-size limit that LOG meets first would abort
// the process; this one drops the lines it cannot write instead. It
// rolls over at kMaxBytes, so that it stays small.
class DroppingFileLogger : public rocksdb::Logger {
 public:
  explicit DroppingFileLogger(std::string path)
      : rocksdb::Logger(rocksdb::InfoLogLevel::INFO_LEVEL), path_(std::move(path)) {}
  ~DroppingFileLogger() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    char line[1024];
    const int n = std::vsnprintf(line, sizeof line, format, ap);
    if (n < 0) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (file_ == nullptr || written_ >= kMaxBytes) {
      if (file_ != nullptr) {
        std::fclose(file_);
        std::error_code ec;
        fs::rename(path_, path_ + ".old", ec);
      }
      file_ = std::fopen(path_.c_str(), "a");
      written_ = 0;
      if (file_ == nullptr) return;
    }
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ ", &tm);
    const size_t length = std::min<size_t>(static_cast<size_t>(n), sizeof line - 1);
    written_ += std::fwrite(stamp, 1, std::strlen(stamp), file_);
    written_ += std::fwrite(line, 1, length, file_);
    if (length == 0 || line[length - 1] != '\n') written_ += std::fwrite("\n", 1, 1, file_);
    // A failed write leaves the stream in error: clear it, the line is lost.
    if (std::fflush(file_) != 0) std::clearerr(file_);
  }

 private:
  static constexpr size_t kMaxBytes = size_t{1} << 20;
  const std::string path_;
  std::mutex mu_;
  std::FILE* file_ = nullptr;
  size_t written_ = 0;
};

}  // namespace

Status Store::Rep::PublishView() {
  std::error_code ec;
  const std::string views = ViewsDir(path);
  fs::create_directories(views, ec);
  if (ec) return Status::IOError(views + ": " + ec.message());
  const uint64_t number = last_view_number + 1;
  const std::string name = std::string(kViewPrefix) + std::to_string(number);
  const std::string dir = views + "/" + name;
  fs::remove_all(dir, ec);  // a leftover of an interrupted publication
  rocksdb::Checkpoint* raw = nullptr;
  KG_RETURN_IF_ERROR(FromRocks(rocksdb::Checkpoint::Create(db.get(), &raw), path + ": checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // log_size_for_flush 0: flush first, so the view is self-contained SSTs.
  KG_RETURN_IF_ERROR(
      FromRocks(checkpoint->CreateCheckpoint(dir, 0), path + ": publishing view " + name));
  {
    std::ofstream out(views + "/LATEST.tmp", std::ios::trunc);
    out << name << "\n";
    out.flush();
    if (!out) return Status::IOError(views + "/LATEST.tmp: write failed");
  }
  fs::rename(views + "/LATEST.tmp", views + "/LATEST", ec);
  if (ec) return Status::IOError(views + "/LATEST: " + ec.message());
  last_view_number = number;
  last_publish = std::chrono::steady_clock::now();
  // Drop a view once its successor is older than kViewGrace: a reader that
  // read LATEST just before the switch has had ample time to open it, and a
  // reader that has it open keeps reading its open files. The newest two
  // always stay.
  constexpr auto kViewGrace = std::chrono::seconds(30);
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(views, ec)) {
    const std::string entry_name = entry.path().filename().string();
    const uint64_t n = ViewNumber(entry_name);
    const bool stale_tmp = entry_name.size() > 4 &&
                           entry_name.compare(entry_name.size() - 4, 4, ".tmp") == 0 &&
                           entry_name != "LATEST.tmp";
    bool superseded_long_ago = false;
    if (n > 0 && n + 1 < number) {
      std::error_code time_ec;
      const auto successor = fs::last_write_time(
          views + "/" + std::string(kViewPrefix) + std::to_string(n + 1), time_ec);
      superseded_long_ago = time_ec || now - successor > kViewGrace;
    }
    if (superseded_long_ago || stale_tmp) fs::remove_all(entry.path(), ec);
  }
  return Status::OK();
}

Result<std::optional<std::string>> Store::Rep::Get(ColumnFamily c, std::string_view key) const {
  std::string value;
  rocksdb::Status s =
      db->Get(rocksdb::ReadOptions(), cf[c], rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) {
    return FromRocks(s, path + ": reading " + kColumnFamilyNames[c] + " key " + HexBytes(key));
  }
  return std::optional<std::string>(std::move(value));
}

Status Store::Rep::ScanTripleEvidence(const std::string& spo,
                                      const std::function<bool(ArticleNum, Evidence&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf[kCfEvidence]));
  for (it->Seek(spo); it->Valid() && it->key().starts_with(spo); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    Triple decoded;
    ArticleNum num;
    uint32_t ordinal;
    Evidence e;
    if (!DecodeEvidenceKey(key, &decoded, &num, &ordinal) ||
        !DecodeEvidence(std::string_view(it->value().data(), it->value().size()), &e)) {
      return Status::Corruption(path + ": evidence key " + HexBytes(key) + " does not decode");
    }
    if (!fn(num, e)) break;
  }
  return FromRocks(it->status(), path + ": scanning evidence");
}

Status Store::Rep::LoadVocabulary() {
  relations.clear();
  types.clear();
  relation_ids.Clear();
  type_ids.Clear();
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf[kCfDefault]));
  for (it->Seek(std::string(kMetaRelationPrefix));
       it->Valid() && it->key().starts_with(
                          rocksdb::Slice(kMetaRelationPrefix.data(), kMetaRelationPrefix.size()));
       it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    std::string_view value(it->value().data(), it->value().size());
    key.remove_prefix(kMetaRelationPrefix.size());
    RelationInfo r;
    uint8_t symmetric;
    std::string_view name;
    if (!GetFixed16BE(&key, &r.id) || !GetByte(&value, &symmetric) ||
        !GetLengthPrefixed(&value, &name)) {
      return Status::Corruption(path + ": bad relation entry in the store's vocabulary");
    }
    r.symmetric = symmetric != 0;
    r.name = std::string(name);
    relation_ids.Insert(r.name, r.id);
    relations.push_back(std::move(r));
  }
  for (it->Seek(std::string(kMetaTypePrefix));
       it->Valid() &&
       it->key().starts_with(rocksdb::Slice(kMetaTypePrefix.data(), kMetaTypePrefix.size()));
       it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    std::string_view value(it->value().data(), it->value().size());
    key.remove_prefix(kMetaTypePrefix.size());
    EntityTypeInfo t;
    std::string_view name;
    if (!GetFixed16BE(&key, &t.id) || !GetLengthPrefixed(&value, &name)) {
      return Status::Corruption(path + ": bad entity type entry in the store's vocabulary");
    }
    t.name = std::string(name);
    type_ids.Insert(t.name, t.id);
    types.push_back(std::move(t));
  }
  return FromRocks(it->status(), path + ": reading the vocabulary");
}

Result<std::optional<EntityId>> Store::Rep::FindName(const std::string& normalized) {
  if (const EntityId* id = name_cache.Find(normalized)) return {*id};
  return ReadName(normalized);
}

Result<std::optional<EntityId>> Store::Rep::ReadName(const std::string& normalized) {
  KG_ASSIGN_OR_RETURN(auto value, Get(kCfNames, normalized));
  if (!value) return std::optional<EntityId>();
  if (value->size() != 4) {
    return Status::Corruption(path + ": bad names entry for '" + normalized + "'");
  }
  const EntityId id = DecodeFixed32BE(value->data());
  if (name_cache.size() >= kNameCacheEntries) name_cache.Clear();
  name_cache.Insert(normalized, id);
  return std::optional<EntityId>(id);
}

void Store::Rep::CacheCommittedNames(const FlatStringMap<EntityId>& names) {
  if (name_cache.size() + names.size() > kNameCacheEntries) name_cache.Clear();
  if (names.size() > kNameCacheEntries) return;
  names.ForEach([&](std::string_view name, EntityId id) { name_cache.Insert(name, id); });
}

Status Store::Rep::MoveCounters(const std::string& key, const int64_t* delta, size_t n,
                                uint64_t* before, uint64_t* after, bool* stored) const {
  KG_ASSIGN_OR_RETURN(auto value, Get(kCfCounts, key));
  *stored = value.has_value();
  if (!value) {
    std::fill(before, before + n, 0);
  } else if (!DecodeCounters(*value, before, n)) {
    return Status::Corruption(path + ": counter " + HexBytes(key) + " does not decode");
  }
  for (size_t i = 0; i < n; ++i) {
    const int64_t v = static_cast<int64_t>(before[i]) + delta[i];
    if (v < 0)
      return Status::Corruption(path + ": counter " + HexBytes(key) + " would go negative");
    after[i] = static_cast<uint64_t>(v);
  }
  return Status::OK();
}

Result<Entity> Store::Rep::ReadEntity(EntityId id) const {
  KG_ASSIGN_OR_RETURN(auto value, Get(kCfEntities, EntityKey(id)));
  Entity e;
  if (!value || !DecodeEntity(*value, &e)) {
    return Status::Corruption(path + ": entity " + std::to_string(id) +
                              " is named but its record is missing or unreadable");
  }
  e.id = id;
  return e;
}

Result<TypeId> Store::Rep::EntityType(EntityId id) {
  if (id < entity_type_cache.size() && entity_type_cache[id] != 0) return entity_type_cache[id];
  KG_ASSIGN_OR_RETURN(auto value, Get(kCfEntities, EntityKey(id)));
  Entity e;
  if (!value || !DecodeEntity(*value, &e)) {
    return Status::Corruption(path + ": entity " + std::to_string(id) +
                              " is missing or unreadable");
  }
  if (entity_type_cache.size() <= id) entity_type_cache.resize(id + 1024, 0);
  entity_type_cache[id] = e.type;
  return e.type;
}

namespace {

rocksdb::ColumnFamilyOptions IndexOptions(bool point_lookups, bool universal) {
  rocksdb::ColumnFamilyOptions o;
  o.OptimizeLevelStyleCompaction();
  // OptimizeLevelStyleCompaction merges two memtables per flush; with that,
  // RocksDB 7's manual flush (which a checkpoint, hence PublishView, makes)
  // can wait forever for a memtable it never schedules (RocksDB issue
  // 13280): a 1 GB `kg ingest --no-bulk` hung so at its final view.
  o.min_write_buffer_number_to_merge = 1;
  // Smaller memtables than the 128 MB above: inserts into a skiplist that
  // fits the CPU caches better are faster (bench/RESULTS.md), and flushes
  // run on the second core.
  o.write_buffer_size = 32 << 20;
  o.max_write_buffer_number = 4;
  rocksdb::BlockBasedTableOptions t;
  // One block cache for every column family of every store in the process,
  // and all the memory that table files cost: their indexes and filters are
  // cached blocks too (by default each open file keeps its own outside any
  // limit, a few MB per GB stored, without bound). Level 0's stay pinned,
  // and index and filter blocks go into the cache's high-priority half.
  // Partitioned indexes and filters would load less per lookup once they
  // outgrow that half (beyond some 25 GB of articles), but cost the ingest
  // writer's thread 13% more time on 1 GB (bench/RESULTS.md).
  //
  // Few shards (8 of 32 MB): a block larger than its shard's share cannot
  // stay cached, and with RocksDB's default for 256 MB (64 shards of 4 MB)
  // the full filter of a large table file of article ids (a few MB at 10
  // bits per key) was read from its file again for each lookup once the
  // store passed a few GB: 1.5 GB/s of reads, half the workers' time, and
  // the ingest rate fell from 15 to 6 MB/s (bench/RESULTS.md). The threads
  // that share the cache are few, so fewer shards cost little contention.
  static const std::shared_ptr<rocksdb::Cache> cache =
      rocksdb::NewLRUCache(256 << 20, /*num_shard_bits=*/3, false, /*high_pri_pool_ratio=*/0.5);
  t.block_cache = cache;
  t.cache_index_and_filter_blocks = true;
  t.cache_index_and_filter_blocks_with_high_priority = true;
  t.pin_l0_filter_and_index_blocks_in_cache = true;
  if (point_lookups) t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  t.block_size = 16 * 1024;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  const auto supported = rocksdb::GetSupportedCompressions();
  if (std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) != supported.end()) {
    o.compression = rocksdb::kLZ4Compression;
  }
  // OptimizeLevelStyleCompaction leaves levels 0 and 1 uncompressed through
  // compression_per_level, which overrides `compression`; a store of a few
  // hundred MB lives mostly in those levels. LZ4 everywhere: it costs
  // little and halves the evidence on disk.
  o.compression_per_level.clear();
  if (universal) {
    // Size-tiered ("universal") compaction. A bulk chunk's file of such a
    // column family spans the whole key space (evidence is keyed by triple,
    // and every chunk has evidence for old triples), so under leveled
    // compaction each chunk was merged with all of level 1 (up to 512 MB),
    // then on down the levels: on a 6 GB corpus compaction took 200 CPU-s,
    // a fifth of the ingest and more the larger the store. Tiered merges
    // runs of similar size and rewrites each byte a few times, not some ten
    // times per level: 94 CPU-s (bench/RESULTS.md). Reads pay with a few
    // more sorted runs to look in. A store made under leveled compaction
    // opens as it is: universal takes each of its levels as a sorted run.
    o.compaction_style = rocksdb::kCompactionStyleUniversal;
    o.level0_file_num_compaction_trigger = 4;
  }
  return o;
}

std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors() {
  std::vector<rocksdb::ColumnFamilyDescriptor> d;
  for (int c = 0; c < kCfCount; ++c) {
    // Bloom filters where lookups ask for keys that may be absent. The
    // default column family holds the text index ("text/" keys, one per
    // article): each new article asks it for its text, nearly always
    // absent, and without a filter each such lookup read a data block on
    // every level (bench/RESULTS.md).
    const bool point = c == kCfDefault || c == kCfNames || c == kCfSpo || c == kCfArticleIds ||
                       c == kCfCounts || c == kCfEntities || c == kCfArticles;
    // The article column families are keyed by article number, which only
    // grows: each chunk's file lies beyond every stored one and goes to the
    // last level untouched under leveled compaction, which tiered
    // compaction would merge for nothing.
    const bool universal = c != kCfArticles && c != kCfArticleEvidence;
    d.emplace_back(kColumnFamilyNames[c], IndexOptions(point, universal));
  }
  return d;
}

// What is at `path`, before RocksDB touches it.
enum class PathKind { kMissing, kEmptyDir, kRocksDb, kOtherDir, kFile };

Result<PathKind> InspectPath(const std::string& path) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return Status::IOError(path + ": " + ec.message());
  }
  if (!fs::exists(st)) return PathKind::kMissing;
  if (!fs::is_directory(st)) return PathKind::kFile;
  if (fs::exists(fs::path(path) / "CURRENT", ec)) return PathKind::kRocksDb;
  if (fs::is_empty(path, ec)) return PathKind::kEmptyDir;
  if (ec) return Status::IOError(path + ": " + ec.message());
  return PathKind::kOtherDir;
}

Status NotAStore(const std::string& path, std::string_view why) {
  return Status::InvalidArgument(path + ": not a kg store (" + std::string(why) + ")");
}

// Checks the column families of an existing database before opening it.
Status CheckColumnFamilies(const std::string& path) {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names);
  if (!s.ok()) return FromRocks(s, path + ": reading the list of column families");
  for (const char* want : kColumnFamilyNames) {
    if (std::find(names.begin(), names.end(), want) == names.end()) {
      return NotAStore(path,
                       std::string("a RocksDB database without the '") + want + "' column family");
    }
  }
  if (names.size() != kColumnFamilyNames.size()) {
    return NotAStore(path, "a RocksDB database with column families kg does not know");
  }
  return Status::OK();
}

// Checks the format marker and schema version. `fresh` is set for a database
// that has our column families but no marker yet (a creation interrupted
// before its first commit), which the writer then initializes.
Status CheckFormat(Store::Rep* rep, bool* fresh) {
  KG_ASSIGN_OR_RETURN(auto format, rep->Get(kCfDefault, kMetaFormat));
  *fresh = false;
  if (!format) {
    std::unique_ptr<rocksdb::Iterator> it(
        rep->db->NewIterator(rocksdb::ReadOptions(), rep->cf[kCfDefault]));
    it->SeekToFirst();
    if (!it->Valid() && it->status().ok()) {
      *fresh = true;
      return Status::OK();
    }
    return NotAStore(rep->path, "no kg format marker");
  }
  if (*format != kStoreFormatName) return NotAStore(rep->path, "format marker '" + *format + "'");
  KG_ASSIGN_OR_RETURN(auto version, rep->Get(kCfDefault, kMetaSchemaVersion));
  if (!version) return Status::Corruption(rep->path + ": the store has no schema version");
  if (*version != std::to_string(kStoreSchemaVersion)) {
    return Status::NotSupported(rep->path + ": store schema version " + *version +
                                ", but this kg reads version " +
                                std::to_string(kStoreSchemaVersion));
  }
  return Status::OK();
}

Result<uint32_t> ReadCounterMeta(Store::Rep* rep, std::string_view key) {
  KG_ASSIGN_OR_RETURN(auto value, rep->Get(kCfDefault, key));
  if (!value) return uint32_t{1};
  std::string_view in(*value);
  uint32_t v;
  if (!GetFixed32BE(&in, &v)) {
    return Status::Corruption(rep->path + ": bad meta value for " + std::string(key));
  }
  return v;
}

// Adds the ontology's relations and types that the store lacks.
Status RegisterOntology(Store::Rep* rep, const Ontology& ontology, bool fresh) {
  rocksdb::WriteBatch batch;
  if (fresh) {
    batch.Put(rep->cf[kCfDefault], kMetaFormat, kStoreFormatName);
    batch.Put(rep->cf[kCfDefault], kMetaSchemaVersion, std::to_string(kStoreSchemaVersion));
  }
  RelationId next_rel = rep->relations.empty() ? 1 : rep->relations.back().id + 1;
  bool changed = fresh;
  for (const auto& r : ontology.relations()) {
    if (rep->relation_ids.contains(r.name)) continue;
    if (next_rel == UINT16_MAX) return Status::InvalidArgument("too many relation types");
    std::string value;
    value.push_back(r.symmetric ? 1 : 0);
    PutLengthPrefixed(&value, r.name);
    batch.Put(rep->cf[kCfDefault], RelationMetaKey(next_rel++), value);
    changed = true;
  }
  TypeId next_type = rep->types.empty() ? 1 : rep->types.back().id + 1;
  for (const auto& t : ontology.entity_types()) {
    if (rep->type_ids.contains(t.name)) continue;
    if (next_type == UINT16_MAX) return Status::InvalidArgument("too many entity types");
    std::string value;
    PutLengthPrefixed(&value, t.name);
    batch.Put(rep->cf[kCfDefault], TypeMetaKey(next_type++), value);
    changed = true;
  }
  if (!changed) return Status::OK();
  rocksdb::WriteOptions wo;
  wo.sync = fresh;
  KG_RETURN_IF_ERROR(
      FromRocks(rep->db->Write(wo, &batch), rep->path + ": registering the ontology"));
  return rep->LoadVocabulary();
}

}  // namespace

Store::Store(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::OpenForWrite(const std::string& path,
                                                   const Ontology& ontology,
                                                   bool create_if_missing) {
  KG_ASSIGN_OR_RETURN(PathKind kind, InspectPath(path));
  if (!create_if_missing && (kind == PathKind::kMissing || kind == PathKind::kEmptyDir)) {
    return Status::NotFound(path + ": no kg store here");
  }
  if (kind == PathKind::kFile) return NotAStore(path, "it is a file");
  if (kind == PathKind::kOtherDir) {
    return NotAStore(path, "a non-empty directory that is not a RocksDB database");
  }
  if (kind == PathKind::kRocksDb) {
    KG_RETURN_IF_ERROR(CheckColumnFamilies(path));
  } else {
    // A new store is made whole beside its path and then moved there, so
    // that a process killed while making it (RocksDB creates the column
    // families one by one) leaves no store rather than a broken one.
    std::string staging = path;
    while (staging.size() > 1 && staging.back() == '/')
      staging.pop_back();
    staging += ".creating";
    std::error_code ec;
    fs::remove_all(staging, ec);
    Status made = OpenWriterAt(staging, ontology, /*create=*/true).status();
    if (made.ok()) {
      fs::rename(staging, path, ec);  // replaces an empty folder
      if (ec)
        made = Status::IOError(path + ": cannot move the new store into place: " + ec.message());
    }
    if (!made.ok()) {
      fs::remove_all(staging, ec);
      return made;
    }
  }
  return OpenWriterAt(path, ontology, /*create=*/false);
}

Result<std::unique_ptr<Store>> Store::OpenWriterAt(const std::string& path,
                                                   const Ontology& ontology, bool create) {
  auto rep = std::make_unique<Rep>();
  rep->path = path;
  rocksdb::DBOptions options;
  options.create_if_missing = create;
  options.create_missing_column_families = create;
  options.IncreaseParallelism(2);
  options.max_background_jobs = 2;
  // All memtables together, whatever number of column families a write
  // touches: 128 MB, then the largest is flushed (each alone may reach 32
  // MB, IndexOptions). Bounds the writer's memory with the block cache.
  options.db_write_buffer_size = 128 << 20;
  std::error_code dir_ec;
  fs::create_directories(path, dir_ec);  // for LOG; DB::Open reports a real failure
  options.info_log = std::make_shared<DroppingFileLogger>(path + "/LOG");
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, path, Descriptors(), &handles, &raw);
  if (!s.ok()) return FromRocks(s, path);
  rep->db.reset(raw);
  rep->cf = std::move(handles);

  bool fresh = false;
  KG_RETURN_IF_ERROR(CheckFormat(rep.get(), &fresh));
  KG_RETURN_IF_ERROR(rep->LoadVocabulary());
  KG_RETURN_IF_ERROR(RegisterOntology(rep.get(), ontology, fresh));
  KG_ASSIGN_OR_RETURN(rep->next_entity_id, ReadCounterMeta(rep.get(), kMetaNextEntityId));
  KG_ASSIGN_OR_RETURN(rep->next_article_num, ReadCounterMeta(rep.get(), kMetaNextArticleNum));
  std::error_code ec;
  // Files of a bulk load that never reached ingestion (bulk_loader.h).
  fs::remove_all(BulkDir(path), ec);
  for (const auto& entry : fs::directory_iterator(ViewsDir(path), ec)) {
    rep->last_view_number =
        std::max(rep->last_view_number, ViewNumber(entry.path().filename().string()));
  }
  // Readers always have a view, and it shows the store as this writer found it.
  KG_RETURN_IF_ERROR(rep->PublishView());
  return std::unique_ptr<Store>(new Store(std::move(rep)));
}

namespace {

// Opens the newest view of the store at `path` read-only. Views are
// immutable once published, so a read-only open is safe. A view can be
// removed between reading LATEST and opening it; then LATEST has moved on
// and the next try takes the newer one.
Status OpenLatestView(Store::Rep* rep) {
  Status last;
  for (int attempt = 0; attempt < 10; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    KG_ASSIGN_OR_RETURN(std::string name, ReadLatestView(rep->path));
    const std::string dir = ViewsDir(rep->path) + "/" + name;
    rocksdb::DBOptions options;
    options.max_open_files = -1;  // open every file now; later deletion cannot hurt
    options.info_log = std::make_shared<NullLogger>();
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::OpenForReadOnly(options, dir, Descriptors(), &handles, &raw);
    if (s.ok()) {
      rep->CloseDb();
      rep->db.reset(raw);
      rep->cf = std::move(handles);
      rep->view_name = name;
      return Status::OK();
    }
    last = FromRocks(s, rep->path + ": opening view " + name);
  }
  return last;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::OpenForRead(const std::string& path) {
  KG_ASSIGN_OR_RETURN(PathKind kind, InspectPath(path));
  if (kind == PathKind::kMissing || kind == PathKind::kEmptyDir) {
    return Status::NotFound(path + ": no kg store here (create one with `kg import`)");
  }
  if (kind == PathKind::kFile) return NotAStore(path, "it is a file");
  if (kind == PathKind::kOtherDir) {
    return NotAStore(path, "a non-empty directory that is not a RocksDB database");
  }
  auto rep = std::make_unique<Rep>();
  rep->path = path;
  rep->read_only = true;
  Status opened = OpenLatestView(rep.get());
  if (!opened.ok()) {
    // No view: say why in terms of the store itself (foreign database, ...).
    KG_RETURN_IF_ERROR(CheckColumnFamilies(path));
    return opened;
  }
  bool fresh = false;
  KG_RETURN_IF_ERROR(CheckFormat(rep.get(), &fresh));
  if (fresh) return NotAStore(path, "no kg format marker");
  KG_RETURN_IF_ERROR(rep->LoadVocabulary());
  return std::unique_ptr<Store>(new Store(std::move(rep)));
}

const std::string& Store::path() const {
  return rep_->path;
}
bool Store::read_only() const {
  return rep_->read_only;
}

Status Store::Refresh() {
  if (!rep_->read_only) return Status::OK();
  KG_ASSIGN_OR_RETURN(std::string latest, ReadLatestView(rep_->path));
  if (latest == rep_->view_name) return Status::OK();
  KG_RETURN_IF_ERROR(OpenLatestView(rep_.get()));
  bool fresh = false;
  KG_RETURN_IF_ERROR(CheckFormat(rep_.get(), &fresh));
  return rep_->LoadVocabulary();
}

Status Store::PublishView() {
  if (rep_->read_only) return Status::FailedPrecondition(rep_->path + ": readers cannot publish");
  return rep_->PublishView();
}

const std::vector<RelationInfo>& Store::relations() const {
  return rep_->relations;
}
const std::vector<EntityTypeInfo>& Store::entity_types() const {
  return rep_->types;
}

const RelationInfo* Store::FindRelation(std::string_view name) const {
  const RelationId* id = rep_->relation_ids.Find(name);
  return id ? GetRelation(*id) : nullptr;
}

const RelationInfo* Store::Rep::RelationById(RelationId id) const {
  auto it = std::lower_bound(relations.begin(), relations.end(), id,
                             [](const RelationInfo& r, RelationId v) { return r.id < v; });
  return it != relations.end() && it->id == id ? &*it : nullptr;
}

const RelationInfo* Store::GetRelation(RelationId id) const {
  return rep_->RelationById(id);
}

const EntityTypeInfo* Store::FindEntityType(std::string_view name) const {
  const TypeId* id = rep_->type_ids.Find(name);
  return id ? GetEntityType(*id) : nullptr;
}

const EntityTypeInfo* Store::GetEntityType(TypeId id) const {
  auto it = std::lower_bound(rep_->types.begin(), rep_->types.end(), id,
                             [](const EntityTypeInfo& t, TypeId v) { return t.id < v; });
  return it != rep_->types.end() && it->id == id ? &*it : nullptr;
}

Result<std::optional<EntityId>> Store::LookupEntity(std::string_view name) const {
  const std::string key = NormalizeName(name);
  if (key.empty()) return std::optional<EntityId>();
  KG_ASSIGN_OR_RETURN(auto value, rep_->Get(kCfNames, key));
  if (!value) return std::optional<EntityId>();
  if (value->size() != 4) return Status::Corruption(rep_->path + ": bad names entry for " + key);
  return std::optional<EntityId>(DecodeFixed32BE(value->data()));
}

Result<Entity> Store::GetEntity(EntityId id) const {
  KG_ASSIGN_OR_RETURN(auto value, rep_->Get(kCfEntities, EntityKey(id)));
  if (!value) return Status::NotFound("no entity with id " + std::to_string(id));
  Entity e;
  if (!DecodeEntity(*value, &e)) {
    return Status::Corruption(rep_->path + ": entity " + std::to_string(id) + " does not decode");
  }
  e.id = id;
  return e;
}

Status Store::ScanEntities(const std::function<bool(const Entity&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(
      rep_->db->NewIterator(rocksdb::ReadOptions(), rep_->cf[kCfEntities]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Entity e;
    std::string_view key(it->key().data(), it->key().size());
    if (key.size() != 4 ||
        !DecodeEntity(std::string_view(it->value().data(), it->value().size()), &e)) {
      return Status::Corruption(rep_->path + ": entity key " + HexBytes(key) + " does not decode");
    }
    e.id = DecodeFixed32BE(key.data());
    if (!fn(e)) break;
  }
  return FromRocks(it->status(), rep_->path + ": scanning entities");
}

Result<std::optional<ArticleMeta>> Store::GetArticle(std::string_view id) const {
  KG_ASSIGN_OR_RETURN(auto num, rep_->Get(kCfArticleIds, id));
  if (!num) return std::optional<ArticleMeta>();
  KG_ASSIGN_OR_RETURN(auto value, rep_->Get(kCfArticles, *num));
  ArticleMeta meta;
  if (!value || !DecodeArticleMeta(*value, &meta)) {
    return Status::Corruption(rep_->path + ": article '" + std::string(id) +
                              "' has a missing or unreadable record");
  }
  return std::optional<ArticleMeta>(std::move(meta));
}

Result<uint64_t> Store::CountTriplesAt(EntityId e, bool as_subject) const {
  KG_ASSIGN_OR_RETURN(EntityCounts counts, GetEntityCounts(e));
  uint64_t n = as_subject ? counts.out_triples : counts.in_triples;
  ScanOptions plain;
  plain.with_stats = false;
  for (const RelationInfo& r : rep_->relations) {
    if (!r.symmetric) continue;
    // The mirrored rows: stored with e on the other side.
    const TriplePattern other = as_subject ? TriplePattern{0, r.id, e} : TriplePattern{e, r.id, 0};
    KG_RETURN_IF_ERROR(ScanTriples(
        other,
        [&](const TripleRow& row) {
          if (row.triple.subject != row.triple.object) ++n;
          return true;
        },
        plain));
  }
  return n;
}

Result<std::optional<std::string>> Store::FindArticleByText(uint64_t text_hash) const {
  KG_ASSIGN_OR_RETURN(auto num, rep_->Get(kCfDefault, TextMetaKey(text_hash)));
  if (!num) return std::optional<std::string>();
  KG_ASSIGN_OR_RETURN(auto value, rep_->Get(kCfArticles, *num));
  ArticleMeta meta;
  if (!value || !DecodeArticleMeta(*value, &meta)) {
    return Status::Corruption(rep_->path + ": the text index names an article (" + HexBytes(*num) +
                              ") with a missing or unreadable record");
  }
  return std::optional<std::string>(std::move(meta.id));
}

Status Store::ScanArticles(const std::function<bool(const ArticleMeta&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(
      rep_->db->NewIterator(rocksdb::ReadOptions(), rep_->cf[kCfArticles]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ArticleMeta meta;
    if (!DecodeArticleMeta(std::string_view(it->value().data(), it->value().size()), &meta)) {
      return Status::Corruption(rep_->path + ": article key " +
                                HexBytes(std::string_view(it->key().data(), it->key().size())) +
                                " does not decode");
    }
    if (!fn(meta)) break;
  }
  return FromRocks(it->status(), rep_->path + ": scanning articles");
}

Result<std::optional<TripleStats>> Store::GetTriple(const Triple& t) const {
  const std::string key = SpoKey(t);
  KG_ASSIGN_OR_RETURN(auto value, rep_->Get(kCfSpo, key));
  if (!value) return std::optional<TripleStats>();
  TripleStats stats;
  if (!DecodeTripleStats(*value, &stats)) {
    return Status::Corruption(rep_->path + ": spo key " + HexBytes(key) + " does not decode");
  }
  return std::optional<TripleStats>(stats);
}

namespace {

// One prefix scan of one index, as chosen for a pattern.
struct IndexScan {
  ColumnFamily cf;
  std::string prefix;
  bool (*decode)(std::string_view, Triple*);
};

IndexScan ChooseIndex(const TriplePattern& p) {
  std::string prefix;
  if (p.subject) {
    if (p.object && !p.relation) {
      PutFixed32BE(&prefix, p.object);
      PutFixed32BE(&prefix, p.subject);
      return {kCfOsp, prefix, DecodeOspKey};
    }
    PutFixed32BE(&prefix, p.subject);
    if (p.relation) PutFixed16BE(&prefix, p.relation);
    return {kCfSpo, prefix, DecodeSpoKey};
  }
  if (p.relation) {
    PutFixed16BE(&prefix, p.relation);
    if (p.object) PutFixed32BE(&prefix, p.object);
    return {kCfPos, prefix, DecodePosKey};
  }
  if (p.object) {
    PutFixed32BE(&prefix, p.object);
    return {kCfOsp, prefix, DecodeOspKey};
  }
  return {kCfSpo, prefix, DecodeSpoKey};
}

}  // namespace

std::string_view Store::IndexFor(const TriplePattern& pattern) {
  if (pattern.subject && pattern.relation && pattern.object) return "get";
  return kColumnFamilyNames[ChooseIndex(pattern).cf];
}

Status Store::ScanTriples(const TriplePattern& pattern,
                          const std::function<bool(const TripleRow&)>& fn,
                          const ScanOptions& options) const {
  bool stopped = false;
  // Runs one physical scan; `mirrored` swaps subject and object in the rows.
  auto run = [&](const TriplePattern& p, bool mirrored) -> Status {
    if (p.subject && p.relation && p.object) {
      KG_ASSIGN_OR_RETURN(auto stats, GetTriple({p.subject, p.relation, p.object}));
      if (!stats) return Status::OK();
      TripleRow row{{p.subject, p.relation, p.object}, *stats};
      if (mirrored) std::swap(row.triple.subject, row.triple.object);
      stopped = !fn(row);
      return Status::OK();
    }
    const IndexScan scan = ChooseIndex(p);
    rocksdb::ReadOptions ro;
    std::unique_ptr<rocksdb::Iterator> it(rep_->db->NewIterator(ro, rep_->cf[scan.cf]));
    const rocksdb::Slice prefix(scan.prefix);
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      const std::string_view key(it->key().data(), it->key().size());
      TripleRow row;
      if (!scan.decode(key, &row.triple)) {
        return Status::Corruption(rep_->path + ": " + kColumnFamilyNames[scan.cf] + " key " +
                                  HexBytes(key) + " does not decode");
      }
      if (mirrored) {
        const RelationInfo* r = GetRelation(row.triple.relation);
        if (!r || !r->symmetric || row.triple.subject == row.triple.object) continue;
      }
      if (scan.cf == kCfSpo) {
        if (options.with_stats &&
            !DecodeTripleStats(std::string_view(it->value().data(), it->value().size()),
                               &row.stats)) {
          return Status::Corruption(rep_->path + ": spo key " + HexBytes(key) + " does not decode");
        }
      } else if (options.with_stats) {
        KG_ASSIGN_OR_RETURN(auto stats, GetTriple(row.triple));
        if (!stats) continue;  // index entry without its SPO row: not in this view
        row.stats = *stats;
      }
      if (mirrored) std::swap(row.triple.subject, row.triple.object);
      if (!fn(row)) {
        stopped = true;
        break;
      }
    }
    return FromRocks(it->status(), rep_->path + ": scanning " + kColumnFamilyNames[scan.cf]);
  };

  KG_RETURN_IF_ERROR(run(pattern, false));
  if (stopped || !options.mirror_symmetric || (!pattern.subject && !pattern.object)) {
    return Status::OK();
  }
  if (pattern.subject && pattern.subject == pattern.object) return Status::OK();
  if (pattern.relation) {
    const RelationInfo* r = GetRelation(pattern.relation);
    if (!r || !r->symmetric) return Status::OK();
  }
  TriplePattern mirror{pattern.object, pattern.relation, pattern.subject};
  return run(mirror, true);
}

Status Store::ScanEvidence(const Triple& t, const std::function<bool(const Evidence&)>& fn) const {
  ArticleNum cached_num = 0;
  std::string cached_id;
  Status article_status;
  Status s = rep_->ScanTripleEvidence(SpoKey(t), [&](ArticleNum num, Evidence& e) {
    if (num != cached_num) {
      auto value = rep_->Get(kCfArticles, ArticleKey(num));
      if (!value.ok()) {
        article_status = value.status();
        return false;
      }
      ArticleMeta meta;
      if (!*value || !DecodeArticleMeta(**value, &meta)) {
        article_status = Status::Corruption(
            rep_->path + ": evidence refers to missing article number " + std::to_string(num));
        return false;
      }
      cached_num = num;
      cached_id = std::move(meta.id);
    }
    e.article = cached_id;
    return fn(e);
  });
  KG_RETURN_IF_ERROR(article_status);
  return s;
}

Status Store::ScanArticleEvidence(
    std::string_view article_id,
    const std::function<bool(const Triple&, const Evidence&)>& fn) const {
  KG_ASSIGN_OR_RETURN(auto num_value, rep_->Get(kCfArticleIds, article_id));
  if (!num_value || num_value->size() != 4) {
    return Status::NotFound(rep_->path + ": no article '" + std::string(article_id) + "'");
  }
  const ArticleNum num = DecodeFixed32BE(num_value->data());
  const std::string prefix = num_value->substr(0, 4);
  std::unique_ptr<rocksdb::Iterator> it(
      rep_->db->NewIterator(rocksdb::ReadOptions(), rep_->cf[kCfArticleEvidence]));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    const std::string_view spo(it->value().data(), it->value().size());
    Triple t;
    if (key.size() != 8 || !DecodeSpoKey(spo, &t)) {
      return Status::Corruption(rep_->path + ": article evidence key " + HexBytes(key) +
                                " does not decode");
    }
    const uint32_t ordinal = DecodeFixed32BE(key.data() + 4);
    KG_ASSIGN_OR_RETURN(auto value, rep_->Get(kCfEvidence, EvidenceKey(t, num, ordinal)));
    Evidence e;
    if (!value || !DecodeEvidence(*value, &e)) {
      return Status::Corruption(rep_->path + ": article '" + std::string(article_id) +
                                "' lists evidence that is missing or unreadable");
    }
    e.article = std::string(article_id);
    if (!fn(t, e)) break;
  }
  return FromRocks(it->status(), rep_->path + ": scanning an article's evidence");
}

namespace {

template <size_t N>
Status ReadCounters(const Store::Rep& rep, const std::string& key, uint64_t (&values)[N]) {
  KG_ASSIGN_OR_RETURN(auto value, rep.Get(kCfCounts, key));
  if (!value) {
    std::fill(values, values + N, 0);
    return Status::OK();
  }
  if (!DecodeCounters(*value, values, N)) {
    return Status::Corruption(rep.path + ": counter " + HexBytes(key) + " does not decode");
  }
  return Status::OK();
}

}  // namespace

uint64_t Store::CommitCount() const {
  return rep_->commits.load(std::memory_order_acquire);
}

uint64_t Store::Generation() const {
  // RocksDB's sequence number grows with every write, and a view (a
  // checkpoint) keeps the number its writer had reached.
  return rep_->db->GetLatestSequenceNumber();
}

Result<StoreStats> Store::GetStats() const {
  StoreStats stats;
  uint64_t g[5];
  KG_RETURN_IF_ERROR(ReadCounters(*rep_, GlobalCountKey(), g));
  stats.entities = g[0];
  stats.dictionary_entities = g[1];
  stats.triples = g[2];
  stats.evidence = g[3];
  stats.articles = g[4];
  for (const auto& r : rep_->relations) {
    uint64_t c[2];
    KG_RETURN_IF_ERROR(ReadCounters(*rep_, RelationCountKey(r.id), c));
    stats.relations.push_back({r, c[0], c[1]});
  }
  for (const auto& t : rep_->types) {
    uint64_t c[2];
    KG_RETURN_IF_ERROR(ReadCounters(*rep_, TypeCountKey(t.id), c));
    stats.types.push_back({t, c[0], c[1]});
  }
  return stats;
}

Result<EntityCounts> Store::GetEntityCounts(EntityId id) const {
  uint64_t c[3];
  KG_RETURN_IF_ERROR(ReadCounters(*rep_, EntityCountKey(id), c));
  return EntityCounts{c[0], c[1], c[2]};
}

Result<uint64_t> Store::DiskUsageBytes() const {
  std::error_code ec;
  uint64_t total = 0;
  for (const auto& entry : fs::directory_iterator(rep_->path, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  if (ec) return Status::IOError(rep_->path + ": " + ec.message());
  return total;
}

Status Store::CompactAll() {
  if (rep_->read_only) return Status::FailedPrecondition("CompactAll needs a writer");
  // One flush of every column family together, so that the write-ahead log
  // they share becomes obsolete and is deleted.
  KG_RETURN_IF_ERROR(
      FromRocks(rep_->db->Flush(rocksdb::FlushOptions(), rep_->cf), rep_->path + ": flush"));
  for (auto* h : rep_->cf) {
    rocksdb::CompactRangeOptions co;
    co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    KG_RETURN_IF_ERROR(
        FromRocks(rep_->db->CompactRange(co, h, nullptr, nullptr), rep_->path + ": compaction"));
  }
  return Status::OK();
}

}  // namespace kg
