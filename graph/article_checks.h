// Checks and normalisation shared by the two write paths of the store (the
// incremental BatchWriter and the BulkLoader), so that an article stored by
// either is byte-for-byte the same. Private to graph/.
#ifndef KG_GRAPH_ARTICLE_CHECKS_H_
#define KG_GRAPH_ARTICLE_CHECKS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "graph/store_rep.h"
#include "graph/types.h"
#include "util/status.h"

namespace kg {

// Hash of everything an article contributes, so that re-writing identical
// content is recognised and skipped.
uint64_t ArticleContentHash(const ArticleInput& a);

// `s` without leading and trailing ASCII whitespace (space, tab, CR, LF).
std::string_view Trimmed(std::string_view s);
std::string TrimmedCopy(std::string_view s);

// InvalidArgument naming the article and fact, for the first fact with an
// unknown relation or type, an empty name or sentence, a confidence outside
// [0, 1] or a bad span. The writers skip it for an article that this
// store's PrepareArticle passed (ArticleInput::checked_by_store).
Status ValidateFacts(const Store::Rep& rep, const ArticleInput& a);

// The evidence as stored: article id cleared (the key carries the article),
// sentence trimmed, the article's date when it has none, qualifiers sorted.
void NormalizeEvidence(const ArticleMeta& meta, Evidence* e);

// Seconds since the epoch, for ArticleMeta::ingest_time.
int64_t IngestTimeNow();

}  // namespace kg

#endif  // KG_GRAPH_ARTICLE_CHECKS_H_
