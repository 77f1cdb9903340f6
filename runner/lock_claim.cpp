#include "runner/lock_claim.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace migcheck {
namespace {

// Weakest first; each with its spelling in the documentation.
const std::array<std::pair<std::string_view, std::string_view>, 8> kModes = {{
    {"ACCESS SHARE", "AccessShareLock"},
    {"ROW SHARE", "RowShareLock"},
    {"ROW EXCLUSIVE", "RowExclusiveLock"},
    {"SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock"},
    {"SHARE", "ShareLock"},
    {"SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"},
    {"EXCLUSIVE", "ExclusiveLock"},
    {"ACCESS EXCLUSIVE", "AccessExclusiveLock"},
}};

bool word_boundary(std::string_view text, size_t at) {
  return at >= text.size() || !(std::isalpha(static_cast<unsigned char>(text[at])));
}

}  // namespace

int lock_strength(const std::string& pg_locks_mode) {
  for (size_t i = 0; i < kModes.size(); ++i) {
    if (kModes[i].second == pg_locks_mode) return static_cast<int>(i) + 1;
  }
  return 0;
}

std::optional<LockClaim> lock_claim(std::string_view text) {
  LockClaim claim;
  int strongest = 0;
  for (size_t at = 0; at < text.size();) {
    // The longest mode name that starts here as whole words.
    size_t matched = 0;
    int strength = 0;
    if (at == 0 || word_boundary(text, at - 1)) {
      for (size_t i = 0; i < kModes.size(); ++i) {
        std::string_view name = kModes[i].first;
        if (name.size() > matched && text.substr(at, name.size()) == name &&
            word_boundary(text, at + name.size())) {
          matched = name.size();
          strength = static_cast<int>(i) + 1;
        }
      }
    }
    if (matched) {
      std::string mode(kModes[strength - 1].second);
      if (std::find(claim.modes.begin(), claim.modes.end(), mode) == claim.modes.end()) {
        claim.modes.push_back(mode);
      }
      if (strength > strongest) strongest = strength;
    }
    at += matched ? matched : 1;
  }
  if (!strongest) return std::nullopt;
  claim.mode = kModes[strongest - 1].second;
  claim.at_least = text.find("or stronger") != std::string_view::npos;
  claim.as_requested = text.find("as requested") != std::string_view::npos;
  claim.held_from_earlier = text.find("held from") != std::string_view::npos ||
                            text.find("held through") != std::string_view::npos;
  if (text.find("no rewrite") != std::string_view::npos ||
      text.find("catalog-only") != std::string_view::npos) {
    claim.rewrites = false;
  } else if (text.find("rewrite") != std::string_view::npos) {
    claim.rewrites = true;
  }
  return claim;
}

}  // namespace migcheck
