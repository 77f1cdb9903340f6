#include "ci/squawk_compat.h"

#include <charconv>

#include "ci/rule_catalog.h"
#include "rules/registry.h"

namespace migcheck {

const std::vector<SquawkRuleName>& squawk_rule_names() {
  // Every rule id squawk 2.68 accepts (crates/squawk_linter/src/lib.rs and the
  // rule files), with the aliases it keeps (prefer-big-int,
  // prefer-timestamp-tz); docs/squawk.md shows this table and the test
  // tests/ci/squawk_table_test.cpp keeps the two equal. squawk's
  // constraint-missing-not-valid covers every constraint added without NOT
  // VALID, and one validated in the transaction that added it; migcheck
  // splits that by constraint kind. adding-field-with-default also flags a
  // stored generated column (both rewrite the table).
  static const std::vector<SquawkRuleName> names = {
      {"adding-field-with-default",
       {"adding-column-with-volatile-default", "adding-stored-generated-column"}},
      {"adding-foreign-key-constraint", {"adding-foreign-key"}},
      {"adding-not-nullable-field", {"setting-not-null"}},
      {"adding-required-field", {"adding-not-null-column"}},
      {"adding-serial-primary-key-field", {"adding-primary-key"}},
      {"ban-add-column", {"adding-column"}},
      {"ban-add-composite-attribute", {"adding-composite-attribute"}},
      {"ban-add-enum-value", {"adding-enum-value"}},
      {"ban-alter-database-options", {"altering-database"}},
      {"ban-alter-domain-with-add-constraint", {"adding-domain-constraint"}},
      {"ban-alter-extension", {"altering-extension"}},
      {"ban-alter-function-options", {"altering-function-options"}},
      {"ban-alter-generated-expression",
       {}},  // SET EXPRESSION is PostgreSQL 17; 15's parser rejects it
      {"ban-alter-identity", {"altering-identity"}},
      {"ban-alter-policy-condition", {"changing-row-level-security"}},
      {"ban-alter-policy-roles", {"changing-row-level-security"}},
      {"ban-alter-role-options", {"altering-role"}},
      {"ban-alter-row-level-security", {"changing-row-level-security"}},
      {"ban-alter-sequence-values", {"altering-sequence"}},
      {"ban-alter-system-options", {"altering-system"}},
      {"ban-alter-view-options", {"altering-view-options"}},
      {"ban-char-field", {"banning-char"}},
      {"ban-concurrent-index-creation-in-transaction", {"concurrently-in-transaction"}},
      {"ban-create-domain-with-constraint", {"creating-domain-with-constraint"}},
      {"ban-create-policy", {"changing-row-level-security"}},
      {"ban-detach-inheritance", {"detaching-inheritance"}},
      {"ban-disable-trigger", {"disabling-trigger"}},
      {"ban-drop-column", {"dropping-column"}},
      {"ban-drop-constraint", {"dropping-constraint"}},
      {"ban-drop-database", {"dropping-database"}},
      {"ban-drop-default", {"dropping-default"}},
      {"ban-drop-domain", {"dropping-domain"}},
      {"ban-drop-extension", {"dropping-extension"}},
      {"ban-drop-function", {"dropping-function"}},
      {"ban-drop-generated-expression", {"dropping-generation-expression"}},
      {"ban-drop-index", {"dropping-index"}},
      {"ban-drop-not-null", {"dropping-not-null"}},
      {"ban-drop-policy", {"dropping-policy"}},
      {"ban-drop-schema", {"dropping-schema"}},
      {"ban-drop-sequence", {"dropping-sequence"}},
      {"ban-drop-table", {"dropping-table"}},
      {"ban-drop-trigger", {"dropping-trigger"}},
      {"ban-drop-type", {"dropping-type"}},
      {"ban-drop-view", {"dropping-view"}},
      {"ban-duplicate-column-assignments", {"duplicate-column-assignment"}},
      {"ban-new-write-restriction", {"adding-write-restriction"}},
      {"ban-replace-view-function", {"replacing-view-or-function"}},
      {"ban-replica-identity", {"changing-replica-identity"}},
      {"ban-revoke", {"revoking-privileges"}},
      {"ban-set-default", {"setting-column-default"}},
      {"ban-set-schema", {"setting-schema"}},
      {"ban-truncate-cascade", {"truncating-table"}},
      {"ban-uncommitted-transaction", {"uncommitted-transaction"}},
      {"changing-column-type", {"changing-column-type"}},
      {"constraint-missing-not-valid",
       {"adding-check-constraint", "adding-foreign-key", "validating-in-same-transaction"}},
      {"disallowed-unique-constraint", {"adding-unique-constraint"}},
      {"identifier-too-long", {"identifier-too-long"}},
      {"prefer-big-int", {"prefer-bigint"}},
      {"prefer-bigint-over-int", {"prefer-bigint"}},
      {"prefer-bigint-over-smallint", {"prefer-bigint"}},
      {"prefer-identity", {"prefer-identity"}},
      {"prefer-repack", {"rewriting-table"}},
      {"prefer-robust-stmts", {"prefer-robust-statements"}},
      {"prefer-text-field", {"prefer-text"}},
      {"prefer-timestamp-tz", {"prefer-timestamptz"}},
      {"prefer-timestamptz", {"prefer-timestamptz"}},
      {"renaming-column", {"renaming-column"}},
      {"renaming-object", {"renaming-object"}},
      {"renaming-table", {"renaming-table"}},
      {"require-concurrent-index-creation", {"creating-index-non-concurrently"}},
      {"require-concurrent-index-deletion", {"dropping-index-non-concurrently"}},
      {"require-concurrent-partition-detach", {"detaching-partition"}},
      {"require-concurrent-reindex", {"reindexing-non-concurrently"}},
      {"require-enum-value-ordering", {"adding-enum-value-without-position"}},
      {"require-lock-timeout", {"missing-lock-timeout"}},
      {"require-statement-timeout", {"missing-statement-timeout"}},
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
