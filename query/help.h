// The shell's .help text: an overview, and a page per topic.
#ifndef KG_QUERY_HELP_H_
#define KG_QUERY_HELP_H_

#include <string>
#include <string_view>
#include <vector>

namespace kg::query {

// The page for a topic ("" for the overview); "" when there is no such
// topic.
std::string HelpText(std::string_view topic);
const std::vector<std::string>& HelpTopics();

}  // namespace kg::query

#endif  // KG_QUERY_HELP_H_
