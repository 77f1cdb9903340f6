#include "runner/snapshot_diff.h"

#include <cctype>

namespace migcheck {
namespace {

// A description on one line: function bodies and view definitions span many.
std::string describe(const Snapshot& snapshot, const std::string& key) {
  auto found = snapshot.find(key);
  if (found == snapshot.end()) return "absent";
  std::string text;
  bool space = false;
  for (char c : found->second) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !text.empty();
      continue;
    }
    if (space) text += ' ';
    space = false;
    text += c;
  }
  return text.empty() ? "present" : text;
}

}  // namespace

std::vector<std::string> diff_snapshots(const Snapshot& first, std::string_view first_label,
                                        const Snapshot& second, std::string_view second_label) {
  std::vector<std::string> keys;
  auto a = first.begin();
  auto b = second.begin();
  while (a != first.end() || b != second.end()) {
    if (b == second.end() || (a != first.end() && a->first < b->first)) {
      keys.push_back((a++)->first);
    } else if (a == first.end() || b->first < a->first) {
      keys.push_back((b++)->first);
    } else {
      if (a->second != b->second) keys.push_back(a->first);
      ++a;
      ++b;
    }
  }
  std::vector<std::string> sentences;
  for (const std::string& key : keys) {
    sentences.push_back(key + ": " + describe(first, key) + " " + std::string(first_label) + ", " +
                        describe(second, key) + " " + std::string(second_label));
  }
  return sentences;
}

}  // namespace migcheck
