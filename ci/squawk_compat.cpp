#include "ci/squawk_compat.h"

#include <charconv>

#include "ci/rule_catalog.h"
#include "rules/registry.h"

namespace migcheck {

const std::vector<SquawkRuleName>& squawk_rule_names() {
  // From squawk's rules index (squawkhq.com/docs/rules). squawk's
  // constraint-missing-not-valid covers every constraint added without NOT
  // VALID; migcheck splits that by constraint kind.
  static const std::vector<SquawkRuleName> names = {
      {"adding-field-with-default", {"adding-column-with-volatile-default"}},
      {"adding-foreign-key-constraint", {"adding-foreign-key"}},
      {"adding-not-nullable-field", {"setting-not-null"}},
      {"adding-required-field", {"adding-not-null-column"}},
      {"adding-serial-primary-key-field", {"adding-primary-key"}},
      {"ban-alter-domain-with-add-constraint", {"adding-domain-constraint"}},
      {"ban-char-field", {"banning-char"}},
      {"ban-concurrent-index-creation-in-transaction", {"concurrently-in-transaction"}},
      {"ban-create-domain-with-constraint", {}},
      {"ban-drop-column", {"dropping-column"}},
      {"ban-drop-database", {"dropping-database"}},
      {"ban-drop-not-null", {"dropping-not-null"}},
      {"ban-drop-table", {"dropping-table"}},
      {"ban-truncate-cascade", {"truncating-table"}},
      {"ban-uncommitted-transaction", {"uncommitted-transaction"}},
      {"changing-column-type", {"changing-column-type"}},
      {"constraint-missing-not-valid", {"adding-check-constraint", "adding-foreign-key"}},
      {"disallowed-unique-constraint", {"adding-unique-constraint"}},
      {"identifier-too-long", {"identifier-too-long"}},
      {"prefer-big-int", {"prefer-bigint"}},
      {"prefer-bigint-over-int", {"prefer-bigint"}},
      {"prefer-bigint-over-smallint", {"prefer-bigint"}},
      {"prefer-identity", {"prefer-identity"}},
      {"prefer-repack", {"rewriting-table"}},
      {"prefer-robust-stmts", {"prefer-robust-statements"}},
      {"prefer-text-field", {"prefer-text"}},
      {"prefer-timestamptz", {"prefer-timestamptz"}},
      {"renaming-column", {"renaming-column"}},
      {"renaming-table", {"renaming-table"}},
      {"require-concurrent-index-creation", {"creating-index-non-concurrently"}},
      {"require-concurrent-index-deletion", {"dropping-index-non-concurrently"}},
      {"require-concurrent-partition-detach", {"detaching-partition"}},
      {"require-concurrent-reindex", {"reindexing-non-concurrently"}},
      {"require-enum-value-ordering", {}},
      {"require-table-schema", {"unqualified-table-name"}},
      {"require-timeout-settings", {"missing-lock-timeout", "missing-statement-timeout"}},
      {"syntax-error", {"syntax-error"}},
      {"transaction-nesting", {"transaction-nesting"}},
  };
  return names;
}

std::optional<std::vector<std::string>> migcheck_rules_for_squawk(std::string_view name) {
  for (const SquawkRuleName& entry : squawk_rule_names()) {
    if (entry.squawk != name) continue;
    std::vector<std::string> ids;
    for (std::string_view id : entry.migcheck) {
      if (find_rule(id)) ids.emplace_back(id);
    }
    return ids;
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> rules_named(std::string_view name) {
  if (find_known_rule(name)) return std::vector<std::string>{std::string(name)};
  return migcheck_rules_for_squawk(name);
}

std::optional<int> postgres_major_version(std::string_view text) {
  // One to three dot-separated numbers; the first is the major version.
  int major = 0;
  const char* at = text.data();
  const char* end = text.data() + text.size();
  for (int part = 0; part < 3; ++part) {
    int number = 0;
    auto [next, ec] = std::from_chars(at, end, number);
    if (ec != std::errc()) return std::nullopt;
    if (part == 0) major = number;
    if (next == end) return major;
    if (*next != '.') return std::nullopt;
    at = next + 1;
  }
  return std::nullopt;
}

SuppressionNames suppression_names() {
  return {.known = [](std::string_view id) { return find_known_rule(id) != nullptr; },
          .from_squawk = migcheck_rules_for_squawk};
}

}  // namespace migcheck
