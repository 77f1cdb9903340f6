// Linting what a revision executed, from hand-made TraceRecords, and merging
// those findings with the static ones.
#include "runner/executed_lint.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/linter.h"
#include "rules/registry.h"

using namespace migcheck;

namespace {

const char* kHistory =
    "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);";

Location at(int line) {
  return Location{"versions/0002_backfill.py", line, 5, line, 40};
}

TraceRecord record(int line, const std::string& sql, bool in_transaction = true) {
  TraceRecord traced;
  traced.revision = "0002";
  traced.location = at(line);
  traced.sql = sql;
  traced.in_transaction = in_transaction;
  return traced;
}

std::vector<Finding> lint(const std::vector<TraceRecord>& records) {
  std::vector<Finding> findings;
  run_with_big_stack([&] {
    Catalog before;
    std::vector<Finding> ignored;
    Linter({}, {}).lint(SqlUnit{kHistory, SourceMap(), true}, before, ignored);
    before.set_history_known(true);
    before.begin_migration();
    findings = lint_executed(records, before, all_rules(), LintOptions{});
  });
  return findings;
}

const Finding* find(const std::vector<Finding>& findings, const std::string& rule) {
  auto it = std::find_if(findings.begin(), findings.end(),
                         [&](const Finding& f) { return f.rule == rule; });
  return it == findings.end() ? nullptr : &*it;
}

Finding finding(const std::string& rule, Location location, bool observed = false) {
  Finding made;
  made.rule = rule;
  made.location = std::move(location);
  made.observed = observed;
  return made;
}

}  // namespace

TEST_CASE("an executed statement's finding points at the record that ran it, marked observed") {
  std::vector<Finding> findings =
      lint({record(12, "SELECT 1"),
            record(17, "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()")});
  const Finding* volatile_default = find(findings, "adding-column-with-volatile-default");
  REQUIRE(volatile_default);
  CHECK(volatile_default->location == at(17));
  CHECK(volatile_default->revision == "0002");
  CHECK(volatile_default->observed);
}

TEST_CASE("executed statements are linted in order through one schema memory") {
  // The table made by the first record is new, so the rewrite rule leaves it alone.
  std::vector<Finding> findings =
      lint({record(3, "CREATE TABLE audit (id bigint PRIMARY KEY)"),
            record(4, "ALTER TABLE audit ADD COLUMN token uuid DEFAULT gen_random_uuid()")});
  CHECK_FALSE(find(findings, "adding-column-with-volatile-default"));
}

TEST_CASE("bound parameters are linted as NULL, and SQL the parser cannot read is skipped") {
  TraceRecord update = record(21, "UPDATE users SET email = %(email)s || '%%'");
  update.parameters = {"'a@b.c'"};
  std::vector<Finding> findings = lint({update});
  const Finding* unbounded = find(findings, "unbounded-update-or-delete");
  REQUIRE(unbounded);
  CHECK(unbounded->location == at(21));

  // Without parameters the driver sends the text as it is: not SQL here.
  CHECK(lint({record(22, "UPDATE users SET email = %(email)s")}).empty());
}

TEST_CASE("each record is linted with its own transaction state") {
  const std::string build = "CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id)";
  CHECK(find(lint({record(30, build, true)}), "concurrently-in-transaction"));
  CHECK_FALSE(find(lint({record(30, build, false)}), "concurrently-in-transaction"));
}

TEST_CASE("merging: one finding for both paths, observed ones added, resolved notes dropped") {
  std::vector<Finding> static_findings = {
      finding("unresolved-operation", Location{"versions/0002_backfill.py", 10, 5, 12, 6}),
      finding("unresolved-operation", Location{"versions/0002_backfill.py", 30, 5, 30, 40}),
      finding("adding-column-with-volatile-default", at(17)),
  };
  std::vector<Finding> observed = {
      finding("unbounded-update-or-delete", at(11), true),
      finding("unbounded-update-or-delete", at(11), true),  // the loop ran it twice
      finding("adding-column-with-volatile-default", at(17), true),
  };
  std::vector<TraceRecord> records = {record(11, "UPDATE users SET email = NULL"),
                                      record(17, "ALTER TABLE users ADD COLUMN t uuid")};
  MergedFindings merged = merge_observed(static_findings, observed, records);
  REQUIRE(merged.static_kept.size() == 2);
  CHECK(merged.static_kept[0].rule == "unresolved-operation");  // line 30 ran nothing traced
  CHECK(merged.static_kept[0].location.line == 30);
  CHECK(merged.static_kept[1].rule == "adding-column-with-volatile-default");
  // The static finding stands for both paths; the loop's two are one.
  REQUIRE(merged.observed_added.size() == 1);
  CHECK(merged.observed_added[0].rule == "unbounded-update-or-delete");
  CHECK(merged.observed_added[0].observed);
}

TEST_CASE("a rule's documented lock or rewrite that the record contradicts is reported") {
  const std::string sql = "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()";
  TraceRecord as_claimed = record(40, sql);
  as_claimed.locks = {{"public.users", "AccessExclusiveLock", 12}};
  as_claimed.rewrites = {"public.users"};
  CHECK_FALSE(find(lint({as_claimed}), "lint-claim-contradicted"));

  TraceRecord no_rewrite = as_claimed;
  no_rewrite.rewrites.clear();
  std::vector<Finding> findings = lint({no_rewrite});
  const Finding* contradicted = find(findings, "lint-claim-contradicted");
  REQUIRE(contradicted);
  CHECK(contradicted->location == at(40));
  CHECK(contradicted->observed);
  CHECK(contradicted->message.find("adding-column-with-volatile-default") != std::string::npos);
  CHECK(contradicted->message.find("rewrote nothing") != std::string::npos);

  // A stronger lock than the claimed SHARE contradicts it; a weaker one proves
  // nothing (the claimed one may have been taken earlier).
  TraceRecord index = record(41, "CREATE INDEX users_email_idx ON users (email)");
  index.locks = {{"public.users", "AccessExclusiveLock", 3}};
  CHECK(find(lint({index}), "lint-claim-contradicted"));
  index.locks = {{"public.users", "AccessShareLock", 3}};
  CHECK_FALSE(find(lint({index}), "lint-claim-contradicted"));
}
