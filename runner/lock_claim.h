#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migcheck {

// What a rule's documented `Rule::lock` text claims PostgreSQL does.
struct LockClaim {
  std::string mode;                // the strongest mode it names, as pg_locks spells it
  std::vector<std::string> modes;  // every mode it names (on the table, on its indexes, ...)
  bool at_least = false;           // "SHARE or stronger"
  bool as_requested = false;       // LOCK TABLE: the mode the statement asks for
  std::optional<bool> rewrites;    // "rewrite" / "no rewrite", "catalog-only"; unset: says nothing
  // "held from the statement that took it", "(from the ADD) held through":
  // about a lock an earlier statement of the transaction took, which the
  // reported statement alone does not show.
  bool held_from_earlier = false;
};

// Reads a `.lock` text; nullopt when it names no table lock mode.
std::optional<LockClaim> lock_claim(std::string_view text);

// 1 (AccessShareLock) to 8 (AccessExclusiveLock); 0 for anything else.
int lock_strength(const std::string& pg_locks_mode);

}  // namespace migcheck
