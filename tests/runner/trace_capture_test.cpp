// What the appliers tell a StatementListener, without the observer: every
// statement of a traced upgrade at the line that ran it, with its parameters
// (secrets masked), its backend and transaction state, and each COMMIT.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "runner/alembic_worker.h"
#include "runner/round_trip_database.h"
#include "runner/roundtrip.h"
#include "runner/session.h"
#include "tests/runner/dynamic_revision.h"

using namespace migcheck;
using migcheck::testing::TempDir;
using migcheck::testing::write_dynamic_project;

namespace {

// Keeps what it is told, in order: "starting PID", "executed LINE SQL",
// "ended PID".
class Collector : public StatementListener {
 public:
  void starting(int backend_pid) override { pids.insert(backend_pid); }
  void executed(const ExecutedStatement& statement) override {
    statements.push_back(statement);
    pids.insert(statement.backend_pid);
  }
  void transaction_ended(int backend_pid, double) override { ended.push_back(backend_pid); }

  std::vector<ExecutedStatement> statements;
  std::set<int> pids;
  std::vector<int> ended;
};

}  // namespace

TEST_CASE("the Alembic worker tells every statement a revision runs, from every engine") {
  TempDir project;
  MigrationSet set = write_dynamic_project(project);
  RoundTripDatabase database(DatabaseOptions{});
  AlembicWorker worker(AlembicOptions{project.path().string()}, database.endpoint());
  REQUIRE_FALSE(worker.upgrade(set.revisions[0]));  // untraced
  Collector collector;
  worker.listen(&collector);
  auto failure = worker.upgrade(set.revisions[1]);
  CHECK_FALSE(failure);
  worker.listen(nullptr);
  REQUIRE_FALSE(worker.downgrade(set.revisions[1]));  // untraced again
  const std::vector<ExecutedStatement>& told = collector.statements;
  REQUIRE(told.size() == 7);
  std::vector<int> lines;
  for (const ExecutedStatement& statement : told) {
    lines.push_back(statement.location.line);
    CHECK(statement.revision == "b2");
    CHECK(statement.location.file == "migrations/versions/b2_dynamic.py");
    CHECK(statement.in_transaction);
    CHECK(statement.duration_ms >= 0);
  }
  CHECK(lines == std::vector<int>{15, 15, 10, 18, 20, 23, 25});
  // The f-string's value, not its text.
  CHECK(told[1].sql == "ALTER TABLE accounts ADD COLUMN extra_b int");
  CHECK(told[2].sql == "ALTER TABLE accounts ALTER COLUMN id TYPE bigint");
  CHECK(told[3].parameters == std::vector<std::string>{"name='renamed'", "id=1"});
  CHECK(told[4].parameters == std::vector<std::string>{"api_token=***"});
  // The ORM session's engine is another backend; each backend's COMMIT is told.
  CHECK(told[5].backend_pid != told[0].backend_pid);
  CHECK(told[6].backend_pid == told[0].backend_pid);
  CHECK(collector.pids.size() == 2);
  CHECK(collector.ended == std::vector<int>{told[5].backend_pid, told[0].backend_pid});
  // The migration's clock runs on, less the pauses.
  for (size_t i = 1; i < told.size(); ++i) CHECK(told[i].clock_ms >= told[i - 1].clock_ms);
}
