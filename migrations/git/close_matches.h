#pragma once
#include <string>
#include <vector>

namespace migcheck {

// The candidates closest to `word` by edit distance (insertions, deletions,
// substitutions), nearest first and then by name; only those close enough to
// be a plausible typo, at most `limit` of them.
std::vector<std::string> close_matches(const std::string& word,
                                       const std::vector<std::string>& candidates,
                                       size_t limit = 3);

}  // namespace migcheck
