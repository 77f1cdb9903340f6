#include "migrations/git/close_matches.h"

#include <algorithm>
#include <utility>

#include "linter/edit_distance.h"

namespace migcheck {

std::vector<std::string> close_matches(const std::string& word,
                                       const std::vector<std::string>& candidates, size_t limit) {
  // A third of the word's length, at least 2: "mian" finds "main", "x" finds nothing.
  size_t allowed = std::max<size_t>(2, word.size() / 3);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const std::string& candidate : candidates) {
    size_t distance = edit_distance(word, candidate);
    if (distance <= allowed && distance < std::max(word.size(), candidate.size())) {
      scored.emplace_back(distance, candidate);
    }
  }
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> names;
  for (size_t i = 0; i < scored.size() && i < limit; ++i) names.push_back(scored[i].second);
  return names;
}

}  // namespace migcheck
