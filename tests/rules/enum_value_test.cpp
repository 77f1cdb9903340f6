// Checks adding-enum-value-in-transaction against PostgreSQL 15: inside one
// transaction, a value added to an existing enum cannot be used before
// COMMIT, while a type created in the same transaction can be extended and
// used freely. The rule must report exactly the transactions that fail.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/rules/lint_helper.h"
#include "tests/rules/scratch_cluster.h"

namespace migcheck {
namespace {

const char* kSchema = R"sql(
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id bigint, mood mood);
)sql";

TEST_CASE("enum values added in a transaction: the rule reports what PostgreSQL 15 refuses") {
  testing::ScratchCluster cluster;
  cluster.psql(kSchema);
  const std::vector<std::string> migrations = {
      "ALTER TYPE mood ADD VALUE 'calm';\n"
      "UPDATE people SET mood = 'calm' WHERE mood = 'happy';\n",
      "ALTER TYPE mood ADD VALUE 'angry';\n"
      "UPDATE people SET mood = 'sad' WHERE mood = 'happy';\n",
      "CREATE TYPE color AS ENUM ('red');\n"
      "ALTER TYPE color ADD VALUE 'blue';\n"
      "CREATE TABLE paints (c color DEFAULT 'blue');\n",
      "ALTER TYPE mood ADD VALUE 'bored';\n"
      "ALTER TABLE people ALTER COLUMN mood SET DEFAULT 'bored';\n",
  };
  for (const std::string& migration : migrations) {
    INFO(migration);
    bool failed = cluster.try_psql("BEGIN;\n" + migration + "ROLLBACK;\n").exit_code != 0;
    LintOptions options;
    options.assume_in_transaction = true;
    bool reported = !testing::lint_after_history(kSchema, migration,
                                                 {"adding-enum-value-in-transaction"}, options)
                         .empty();
    CHECK(reported == failed);
  }
}

}  // namespace
}  // namespace migcheck
