#pragma once
#include <cstddef>
#include <string_view>

namespace migcheck {

// Levenshtein distance (insertions, deletions, substitutions): how far a
// mistyped name is from a known one, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace migcheck
