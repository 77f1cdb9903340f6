// migcheck against squawk's own rule tests (tests/ci/squawk_cases.txt): for
// every case whose squawk rule maps to migcheck rules this build has, migcheck
// alone with those rules, on the case's SQL as a lone file, must reach
// squawk's verdict (some finding, or none) unless the case is an exception
// below, each with the reason (also listed in docs/squawk.md).
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ci/squawk_compat.h"
#include "linter/big_stack_thread.h"
#include "linter/linter.h"
#include "linter/sql_file.h"
#include "rules/registry.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

struct SquawkCase {
  int line;  // of its header in squawk_cases.txt
  std::string squawk_rule;
  bool flags;
  int pg_version = 15;
  bool in_transaction = false;
  std::string source;  // squawk's file and test
  std::string sql;
};

std::vector<SquawkCase> read_cases() {
  std::istringstream lines(read_file(source_dir() / "tests/ci/squawk_cases.txt"));
  std::vector<SquawkCase> cases;
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (line.starts_with("== ")) {
      SquawkCase next;
      next.line = number;
      auto comment = line.find("  # ");
      next.source = line.substr(comment + 4);
      std::istringstream words(line.substr(3, comment - 3));
      std::string verdict;
      words >> next.squawk_rule >> verdict;
      next.flags = verdict == "flags";
      for (std::string option; words >> option;) {
        if (option.starts_with("pg=")) next.pg_version = std::stoi(option.substr(3));
        if (option == "in-transaction") next.in_transaction = true;
      }
      cases.push_back(std::move(next));
    } else if (!cases.empty()) {
      cases.back().sql += line + "\n";
    }
  }
  return cases;
}

// Where migcheck's verdict differs from squawk's on purpose: the case's
// header line in squawk_cases.txt, and why.
struct Exception {
  int line;
  const char* reason;
};
constexpr Exception kExceptions[] = {
    {194,
     "squawk takes any VALIDATE CONSTRAINT on the table as proof; PostgreSQL skips SET NOT NULL's "
     "scan only for a valid CHECK constraint proving the column has no NULL (ALTER TABLE, SET NOT "
     "NULL), and this file never shows which constraint it is (with the project's history, "
     "migcheck sees it)"},
    {204, "as line 194, on PostgreSQL 12"},
    {248,
     "different ids: migcheck reports ALTER DOMAIN ... SET NOT NULL as adding-domain-constraint "
     "(it checks every column of the domain under SHARE, like ADD CONSTRAINT), squawk as "
     "adding-not-nullable-field (line 1191)"},
    {273,
     "PostgreSQL rejects `int array[]` (its grammar takes ARRAY alone or ARRAY[n], docs 8.15.1): "
     "migcheck reports syntax-error, not the char(n) columns"},
    {384,
     "different hazards: truncating-table reports any TRUNCATE of an existing table (ACCESS "
     "EXCLUSIVE and every row gone, TRUNCATE reference), squawk's ban-truncate-cascade only "
     "CASCADE"},
    {551,
     "different hazards: migcheck's prefer-bigint covers smallint as well as int (both squawk ids "
     "map to it); the smallint columns here are reported"},
    {591, "different hazards: as line 551, the int columns here are reported"},
    {671,
     "different hazards: squawk's prefer-repack only suggests REPACK where it exists (PostgreSQL "
     "19); rewriting-table reports CLUSTER's rewrite under ACCESS EXCLUSIVE on every version "
     "(CLUSTER reference)"},
    {674,
     "different hazards: as line 671, for VACUUM FULL (ACCESS EXCLUSIVE while it rewrites: VACUUM "
     "reference)"},
    {769,
     "different hazards: re-running an unnamed CREATE INDEX CONCURRENTLY does not fail but builds "
     "a second index next to the INVALID one a failed build leaves (CREATE INDEX, Building Indexes "
     "Concurrently); migcheck reports it"},
    {773,
     "squawk wrong: ENABLE ROW LEVEL SECURITY is idempotent, so re-running it after a partial "
     "failure succeeds and changes nothing; prefer-robust-statements reports what a re-run would "
     "fail on or do twice"},
    {777, "squawk wrong: as line 773"},
    {781, "squawk wrong: as line 773, for DISABLE ROW LEVEL SECURITY"},
    {791,
     "squawk wrong: SET NOT NULL on a column already NOT NULL does nothing, so a re-run succeeds"},
    {1049,
     "different hazards: missing-lock-timeout and missing-statement-timeout are about locks that "
     "queue application queries (SHARE or stronger on an existing table, docs 13.3.1); CREATE TYPE "
     "locks no existing table"},
    {1052,
     "different hazards: as line 1049; COMMENT ON takes SHARE UPDATE EXCLUSIVE, which conflicts "
     "with no read or write"},
    {1058,
     "different hazards: as line 1049; VACUUM without FULL takes SHARE UPDATE EXCLUSIVE (VACUUM "
     "reference)"},
    {1061, "different hazards: as line 1049; ACCESS SHARE conflicts only with ACCESS EXCLUSIVE"},
    {1077,
     "squawk wrong: a COMMIT outside a transaction does no harm, it only warns (COMMIT reference, "
     "Notes)"},
    {1191,
     "different ids: migcheck reports ALTER DOMAIN ... SET NOT NULL as adding-domain-constraint "
     "(SHARE on each table using the domain while it is scanned, not setting-not-null's ACCESS "
     "EXCLUSIVE on one table); the foreign-table half scans nothing (PostgreSQL does not check "
     "constraints on foreign tables: CREATE FOREIGN TABLE, Notes)"},
};

const char* exception_for(int line) {
  for (const Exception& exception : kExceptions) {
    if (exception.line == line) return exception.reason;
  }
  return nullptr;
}

// Whether migcheck reports any of `rule_ids` on the case's SQL linted alone.
bool migcheck_flags(const SquawkCase& c, const std::vector<std::string>& rule_ids) {
  TempDir dir;
  write_file(dir / "case.sql", c.sql);
  std::vector<const Rule*> rules;
  for (const std::string& id : rule_ids) rules.push_back(find_rule(id));
  SqlUnit unit = sql_unit_for_file(read_source_file((dir / "case.sql").string()), false);
  LintOptions options;
  options.pg_version = c.pg_version;
  options.assume_in_transaction = c.in_transaction;
  std::vector<Finding> findings;
  run_with_big_stack([&] {
    Catalog catalog;
    Linter(rules, options).lint(unit, catalog, findings);
  });
  for (const Finding& finding : findings) {
    for (const std::string& id : rule_ids) {
      if (finding.rule == id) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("migcheck reaches squawk's verdict on squawk's own rule tests") {
  std::vector<SquawkCase> cases = read_cases();
  REQUIRE(cases.size() > 200);
  int compared = 0;
  std::set<int> used_exceptions;
  for (const SquawkCase& c : cases) {
    auto rule_ids = migcheck_rules_for_squawk(c.squawk_rule);
    INFO("squawk_cases.txt:", c.line, " ", c.squawk_rule, " (", c.source, ")\n", c.sql);
    REQUIRE_MESSAGE(rule_ids, "not a squawk rule in the table");
    if (rule_ids->empty()) continue;  // this build has no rule for the hazard yet
    ++compared;
    bool flags = migcheck_flags(c, *rule_ids);
    if (const char* reason = exception_for(c.line)) {
      used_exceptions.insert(c.line);
      CHECK_MESSAGE(flags != c.flags, "listed as an exception but agrees: ", reason);
      continue;
    }
    CHECK(flags == c.flags);
  }
  CHECK(compared > 150);
  for (const Exception& exception : kExceptions) {
    INFO("exception at squawk_cases.txt:", exception.line);
    CHECK(used_exceptions.count(exception.line) == 1);
  }
}
