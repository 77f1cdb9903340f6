#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace migcheck {

// What a rule's documented `Rule::lock` text claims PostgreSQL does.
struct LockClaim {
  std::string mode;              // the strongest mode it names, as pg_locks spells it
  bool at_least = false;         // "SHARE or stronger"
  bool as_requested = false;     // LOCK TABLE: the mode the statement asks for
  std::optional<bool> rewrites;  // "rewrite" / "no rewrite", "catalog-only"; unset: says nothing
};

// Reads a `.lock` text; nullopt when it names no table lock mode.
std::optional<LockClaim> lock_claim(std::string_view text);

// 1 (AccessShareLock) to 8 (AccessExclusiveLock); 0 for anything else.
int lock_strength(const std::string& pg_locks_mode);

}  // namespace migcheck
