#include "graph/keys.h"

#include "util/coding.h"

namespace kg {

const std::array<const char*, kCfCount> kColumnFamilyNames = {
    "default",     "entities",         "names",  "spo", "pos", "osp", "evidence", "articles",
    "article_ids", "article_evidence", "counts",
};

std::string EntityKey(EntityId id) {
  std::string k;
  PutFixed32BE(&k, id);
  return k;
}

std::string SpoKey(const Triple& t) {
  std::string k;
  k.reserve(kTripleKeySize);
  PutFixed32BE(&k, t.subject);
  PutFixed16BE(&k, t.relation);
  PutFixed32BE(&k, t.object);
  return k;
}

std::string PosKey(const Triple& t) {
  std::string k;
  k.reserve(kTripleKeySize);
  PutFixed16BE(&k, t.relation);
  PutFixed32BE(&k, t.object);
  PutFixed32BE(&k, t.subject);
  return k;
}

std::string OspKey(const Triple& t) {
  std::string k;
  k.reserve(kTripleKeySize);
  PutFixed32BE(&k, t.object);
  PutFixed32BE(&k, t.subject);
  PutFixed16BE(&k, t.relation);
  return k;
}

bool DecodeSpoKey(std::string_view key, Triple* t) {
  if (key.size() != kTripleKeySize) return false;
  t->subject = DecodeFixed32BE(key.data());
  t->relation = DecodeFixed16BE(key.data() + 4);
  t->object = DecodeFixed32BE(key.data() + 6);
  return true;
}

bool DecodePosKey(std::string_view key, Triple* t) {
  if (key.size() != kTripleKeySize) return false;
  t->relation = DecodeFixed16BE(key.data());
  t->object = DecodeFixed32BE(key.data() + 2);
  t->subject = DecodeFixed32BE(key.data() + 6);
  return true;
}

bool DecodeOspKey(std::string_view key, Triple* t) {
  if (key.size() != kTripleKeySize) return false;
  t->object = DecodeFixed32BE(key.data());
  t->subject = DecodeFixed32BE(key.data() + 4);
  t->relation = DecodeFixed16BE(key.data() + 8);
  return true;
}

std::string EvidenceKey(const Triple& t, ArticleNum article, uint32_t ordinal) {
  std::string k = SpoKey(t);
  PutFixed32BE(&k, article);
  PutFixed32BE(&k, ordinal);
  return k;
}

bool DecodeEvidenceKey(std::string_view key, Triple* t, ArticleNum* article, uint32_t* ordinal) {
  if (key.size() != kEvidenceKeySize) return false;
  DecodeSpoKey(key.substr(0, kTripleKeySize), t);
  *article = DecodeFixed32BE(key.data() + kTripleKeySize);
  *ordinal = DecodeFixed32BE(key.data() + kTripleKeySize + 4);
  return true;
}

std::string ArticleKey(ArticleNum article) {
  std::string k;
  PutFixed32BE(&k, article);
  return k;
}

std::string ArticleEvidenceKey(ArticleNum article, uint32_t ordinal) {
  std::string k;
  PutFixed32BE(&k, article);
  PutFixed32BE(&k, ordinal);
  return k;
}

std::string GlobalCountKey() {
  return "g";
}

std::string RelationCountKey(RelationId id) {
  std::string k = "r";
  PutFixed16BE(&k, id);
  return k;
}

std::string TypeCountKey(TypeId id) {
  std::string k = "t";
  PutFixed16BE(&k, id);
  return k;
}

std::string EntityCountKey(EntityId id) {
  std::string k = "e";
  PutFixed32BE(&k, id);
  return k;
}

std::string RelationMetaKey(RelationId id) {
  std::string k(kMetaRelationPrefix);
  PutFixed16BE(&k, id);
  return k;
}

std::string TextMetaKey(uint64_t text_hash) {
  std::string k(kMetaTextPrefix);
  PutFixed64BE(&k, text_hash);
  return k;
}

std::string TypeMetaKey(TypeId id) {
  std::string k(kMetaTypePrefix);
  PutFixed16BE(&k, id);
  return k;
}

namespace {

bool IsNameSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// A non-breaking space (UTF-8 C2 A0) starts at name[i]: white space too.
bool IsNbspAt(std::string_view name, size_t i) {
  return static_cast<unsigned char>(name[i]) == 0xC2 && i + 1 < name.size() &&
         static_cast<unsigned char>(name[i + 1]) == 0xA0;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  std::string out;
  NormalizeNameTo(name, &out);
  return out;
}

void NormalizeNameTo(std::string_view name, std::string* normalized) {
  // Every rule below maps bytes to as many or fewer, so the output fits in
  // the input's length: written through a pointer, not a push_back per byte
  // (names are normalized for every fact on the write paths).
  std::string& out = *normalized;
  out.resize(name.size());
  char* const begin = out.data();
  char* p = begin;
  bool pending_space = false;
  auto put = [&](char c) {
    if (pending_space && p != begin) *p++ = ' ';
    pending_space = false;
    *p++ = c;
  };
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    // Typographic quotes and dashes (UTF-8: E2 80 90..9F) become ASCII.
    if (c == 0xE2 && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0x80) {
      const unsigned char third = static_cast<unsigned char>(name[i + 2]);
      char plain = 0;
      if (third >= 0x90 && third <= 0x95) plain = '-';
      if (third == 0x98 || third == 0x99 || third == 0x9B) plain = '\'';
      if (third == 0x9C || third == 0x9D || third == 0x9F) plain = '"';
      if (plain) {
        put(plain);
        i += 2;
        continue;
      }
    }
    if (IsNbspAt(name, i)) {
      pending_space = true;
      ++i;
      continue;
    }
    if (IsNameSpace(c)) {
      pending_space = true;
      continue;
    }
    put(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  out.resize(static_cast<size_t>(p - begin));
}

bool NormalizesToEmpty(std::string_view name) {
  for (size_t i = 0; i < name.size(); ++i) {
    if (IsNbspAt(name, i)) {
      ++i;
      continue;
    }
    if (!IsNameSpace(static_cast<unsigned char>(name[i]))) return false;
  }
  return true;
}

}  // namespace kg
