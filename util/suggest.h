// "Did you mean ...?" suggestions for misspelt names.
#ifndef KG_UTIL_SUGGEST_H_
#define KG_UTIL_SUGGEST_H_

#include <string>
#include <string_view>
#include <vector>

namespace kg {

// Levenshtein distance over bytes, compared case-insensitively for ASCII.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `name`, or "" when none is close enough to be a
// plausible typo (distance above a third of the name's length, at least 2).
std::string ClosestMatch(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace kg

#endif  // KG_UTIL_SUGGEST_H_
