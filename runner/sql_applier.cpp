#include "runner/sql_applier.h"

#include <chrono>
#include <utility>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/statement_parser.h"
#include "runner/session.h"

namespace migcheck {
namespace {

using Range = std::pair<size_t, size_t>;

// The statements of `sql` as byte ranges. Text after a syntax error is one
// last range, so that PostgreSQL reports the error in its own words.
std::vector<Range> statement_ranges(const std::string& sql) {
  std::vector<Range> ranges;
  std::optional<SyntaxError> error;
  run_with_big_stack([&] {
    error = parse_statements(sql, [&](const ParsedStatement& statement) {
      ranges.emplace_back(statement.begin, statement.end);
    });
  });
  if (error) {
    size_t rest = ranges.empty() ? 0 : sql.find(';', ranges.back().second);
    rest = rest == std::string::npos ? sql.size() : (ranges.empty() ? 0 : rest + 1);
    rest = skip_blanks_and_comments(sql, rest);
    if (rest < sql.size()) ranges.emplace_back(rest, sql.size());
  }
  return ranges;
}

}  // namespace

// The migration's clock (see ExecutedStatement::clock_ms): steady time less
// the time spent in the listener.
class SqlApplier::Clock {
 public:
  double now() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
               .count() -
           paused_ms_;
  }
  template <typename Pause>
  void pause(Pause&& listen) {
    double before = now();
    listen();
    paused_ms_ += now() - before;
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  double paused_ms_ = 0;
};

std::optional<StepFailure> SqlApplier::upgrade(const Revision& revision) {
  running_ = &revision;
  return apply(revision.up);
}

std::optional<StepFailure> SqlApplier::downgrade(const Revision& revision) {
  if (!revision.has_down) {
    return StepFailure{"the revision has no down migration", "",
                       Location{revision.file, 1, 1, 1, 1}};
  }
  running_ = &revision;
  return apply(revision.down);
}

std::optional<StepFailure> SqlApplier::apply(const std::vector<SqlUnit>& units) {
  for (const SqlUnit& unit : units) {
    if (auto failure = apply(unit)) return failure;
  }
  return std::nullopt;
}

std::optional<StepFailure> SqlApplier::apply(const SqlUnit& unit) {
  std::vector<Range> ranges = statement_ranges(unit.sql);
  if (ranges.empty()) return std::nullopt;
  pqxx::nontransaction session(connection_);
  Clock clock;
  auto end_transaction = [&](const char* command) {
    session.exec(command);
    if (listener_ != nullptr) listener_->transaction_ended(connection_.backendpid(), clock.now());
  };
  if (unit.transactional) session.exec("BEGIN");
  for (const auto& [begin, end] : ranges) {
    const std::string sql = unit.sql.substr(begin, end - begin);
    if (listener_ != nullptr) clock.pause([&] { listener_->starting(connection_.backendpid()); });
    double started = clock.now();
    auto sent_at = std::chrono::steady_clock::now();
    try {
      session.exec(sql);
    } catch (const pqxx::sql_error& error) {
      if (unit.transactional) end_transaction("ROLLBACK");
      return StepFailure{primary_message(error.what()), error.sqlstate(),
                         unit.map.locate(begin, end), detail_message(error.what())};
    }
    if (listener_ != nullptr) {
      auto returned_at = std::chrono::steady_clock::now();
      ExecutedStatement statement;
      statement.revision = running_ != nullptr ? running_->id : std::string();
      statement.sql = sql;
      statement.location = unit.map.locate(begin, end);
      statement.in_transaction = unit.transactional;
      statement.clock_ms = clock.now();
      statement.duration_ms = statement.clock_ms - started;
      statement.sent_at = sent_at;
      statement.returned_at = returned_at;
      statement.backend_pid = connection_.backendpid();
      clock.pause([&] { listener_->executed(statement); });
    }
  }
  // A file may commit on its own (golang-migrate files often say BEGIN; ...
  // COMMIT;): COMMIT outside a transaction only warns.
  if (unit.transactional) end_transaction("COMMIT");
  return std::nullopt;
}

}  // namespace migcheck
