// Checks the rules that know when PostgreSQL skips a full-table scan against
// PostgreSQL 15's own word: at DEBUG1 it says when existing constraints prove
// SET NOT NULL or a partition bound, so no scan is needed. A rule must stay
// silent exactly when the server skips the scan.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/rules/lint_helper.h"
#include "tests/rules/scratch_cluster.h"

namespace migcheck {
namespace {

const char* kSchema = R"sql(
CREATE TABLE accounts (id bigint PRIMARY KEY, a text, b text, c text, d text NOT NULL);
INSERT INTO accounts VALUES (1, 'a', 'b', 'c', 'd');
ALTER TABLE accounts ADD CONSTRAINT a_nn CHECK (a IS NOT NULL);
ALTER TABLE accounts ADD CONSTRAINT b_nn CHECK (b IS NOT NULL) NOT VALID;
ALTER TABLE accounts ADD CONSTRAINT c_nn CHECK (c IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT c_nn;
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 (id bigint, at date);
ALTER TABLE events_2024 ADD CONSTRAINT bound
  CHECK (at IS NOT NULL AND at >= '2024-01-01' AND at < '2025-01-01');
CREATE TABLE events_2023 (id bigint, at date);
)sql";

struct Case {
  std::string statement;
  std::string rule;
  std::string skip_message;  // what PostgreSQL says at DEBUG1 when it skips the scan
};

TEST_CASE("rules stay silent exactly when PostgreSQL 15 skips the scan") {
  testing::ScratchCluster cluster;
  const std::string not_null = "are sufficient to prove that it does not contain nulls";
  const std::string bound = "is implied by existing constraints";
  const std::vector<Case> cases = {
      {"ALTER TABLE accounts ALTER COLUMN a SET NOT NULL", "setting-not-null", not_null},
      {"ALTER TABLE accounts ALTER COLUMN b SET NOT NULL", "setting-not-null", not_null},
      {"ALTER TABLE accounts ALTER COLUMN c SET NOT NULL", "setting-not-null", not_null},
      {"ALTER TABLE accounts ALTER COLUMN id SET NOT NULL", "setting-not-null", not_null},
      {"ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO "
       "('2025-01-01')",
       "attaching-partition", bound},
      {"ALTER TABLE events ATTACH PARTITION events_2023 FOR VALUES FROM ('2023-01-01') TO "
       "('2024-01-01')",
       "attaching-partition", bound},
  };
  for (const Case& c : cases) {
    INFO(c.statement);
    std::string messages = cluster.psql_messages(
        kSchema + std::string("SET client_min_messages = debug1;\n") + c.statement +
        ";\nRESET client_min_messages;\n"
        "DROP TABLE accounts, events, events_2024, "
        "events_2023;\n");
    bool scan_skipped = messages.find(c.skip_message) != std::string::npos;
    // SET NOT NULL on a column that is already NOT NULL does nothing at all.
    bool nothing_to_do = c.statement.find("COLUMN id ") != std::string::npos;
    bool reported = !testing::lint_after_history(kSchema, c.statement + ";\n", {c.rule}).empty();
    CHECK(reported == !(scan_skipped || nothing_to_do));
  }
}

}  // namespace
}  // namespace migcheck
