#include "linter/statement_options.h"
#include "rules/fix_support.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "ReindexStmt") return;
  const JsonNode& relation = statement.body["relation"];
  std::string_view kind = statement.body["kind"].raw();
  std::string target =
      relation ? "`" + display_name(relation) + "`" : "`" + statement.body["name"].str() + "`";
  if (option_enabled(statement.body["params"], "concurrently")) {
    if (context.pg_version() >= 12) return;
    context.report(context.clause(statement, {"concurrently"}),
                   "REINDEX CONCURRENTLY does not exist before PostgreSQL 12 (target: " +
                       std::to_string(context.pg_version()) + "): the migration fails here.");
    return;
  }
  // PostgreSQL cannot reindex system catalogs concurrently (REINDEX's
  // reference): REINDEX SYSTEM has no safer form to advise.
  if (kind == "REINDEX_OBJECT_SYSTEM") return;
  if (kind == "REINDEX_OBJECT_TABLE" && !is_pre_existing(context, relation)) return;
  if (kind == "REINDEX_OBJECT_INDEX") {
    const IndexInfo* index = context.catalog().index(qualified_name(relation));
    if (index && context.catalog().is_new_table(index->table)) return;
  }
  std::string advice = context.pg_version() >= 12
                           ? " Use REINDEX CONCURRENTLY."
                           : " REINDEX CONCURRENTLY needs PostgreSQL 12; rebuild with CREATE INDEX "
                             "CONCURRENTLY and swap.";
  Span span = context.clause(statement, {"reindex"});
  std::string message = "REINDEX of " + target +
                        " blocks writes to the table, and reads that use the index, until it "
                        "finishes." +
                        advice;
  // The keyword goes after the kind word.
  std::string_view kind_word = kind == "REINDEX_OBJECT_INDEX"    ? "index"
                               : kind == "REINDEX_OBJECT_TABLE"  ? "table"
                               : kind == "REINDEX_OBJECT_SCHEMA" ? "schema"
                                                                 : "database";
  std::optional<Span> kind_span;
  if (context.pg_version() >= 12) {
    kind_span = context.find_words(statement, {kind_word}, span.end);
  }
  if (!kind_span) return context.report(span, std::move(message));
  context.report(span, std::move(message),
                 concurrently_fix(*kind_span, "REINDEX CONCURRENTLY, outside a transaction"));
}

}  // namespace

const Rule kReindexingNonConcurrentlyRule{
    .id = "reindexing-non-concurrently",
    .severity = Severity::error,
    .summary = "REINDEX without CONCURRENTLY (or CONCURRENTLY before PostgreSQL 12)",
    .lock = "SHARE on the table (blocks writes) and ACCESS EXCLUSIVE on each index rebuilt",
    .rationale =
        "A plain REINDEX rebuilds each index from scratch while writes to the table wait, and "
        "queries that would use the index wait too. REINDEX CONCURRENTLY exists from PostgreSQL "
        "12; on older servers it is a syntax error.",
    .safe_alternative =
        "PostgreSQL 12+: REINDEX INDEX CONCURRENTLY name; outside a transaction block (it can "
        "leave an INVALID copy named *_ccnew on failure: drop it and retry).\n"
        "Before 12:\n"
        "1. CREATE INDEX CONCURRENTLY new_name ON ... (same definition);\n"
        "2. DROP INDEX CONCURRENTLY old_name;\n"
        "3. ALTER INDEX new_name RENAME TO old_name;",
    .check = check,
};

}  // namespace migcheck
