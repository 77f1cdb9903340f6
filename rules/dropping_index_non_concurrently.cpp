#include "rules/fix_support.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "DropStmt" || statement.body["removeType"].raw() != "OBJECT_INDEX" ||
      statement.body["concurrent"].boolean()) {
    return;
  }
  for (const JsonNode& object : statement.body["objects"]) {
    const IndexInfo* index = context.catalog().index(qualified_list_name(object));
    if (index && context.catalog().is_new_table(index->table)) continue;
    std::string on = index ? " on `" + shown_table(index->table) + "`" : "";
    std::optional<Span> keywords = context.find_words(statement, {"drop", "index"});
    Span span = keywords ? *keywords : context.first_line(statement);
    std::string message = "Dropping index `" + display_list_name(object) + "`" + on +
                          " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table, "
                          "queueing every query behind any long-running one.";
    // DROP INDEX CONCURRENTLY takes one index and no CASCADE.
    bool fixable = keywords && statement.body["objects"].size() == 1 &&
                   statement.body["behavior"].raw() != "DROP_CASCADE";
    if (!fixable) {
      context.report(span, std::move(message));
      continue;
    }
    context.report(span, std::move(message),
                   concurrently_fix(span, "Drop the index CONCURRENTLY, outside a transaction"));
  }
}

}  // namespace

const Rule kDroppingIndexNonConcurrentlyRule{
    .id = "dropping-index-non-concurrently",
    .severity = Severity::warning,
    .summary = "An index is dropped without CONCURRENTLY",
    .lock = "ACCESS EXCLUSIVE on the index's table (brief, but it waits in the lock queue)",
    .rationale =
        "DROP INDEX itself is quick, but it needs ACCESS EXCLUSIVE on the table. While it waits "
        "for a long-running query or transaction to finish, every new query on the table queues "
        "behind it, which looks like an outage.",
    .safe_alternative =
        "1. Use DROP INDEX CONCURRENTLY (it waits for other transactions without blocking "
        "them).\n"
        "2. Run it outside a transaction block (a migration with the tool's transaction turned "
        "off).\n"
        "3. Add IF EXISTS so a retry after a failure succeeds.",
    .check = check,
};

}  // namespace migcheck
