#include "rules/fix_support.h"
#include "rules/rule_support.h"
#include "rules/rules.h"

namespace migcheck {

namespace {

void check(const Statement& statement, RuleContext& context) {
  if (statement.type != "IndexStmt" || statement.body["concurrent"].boolean()) return;
  const JsonNode& relation = statement.body["relation"];
  if (!is_pre_existing(context, relation)) return;
  // ON ONLY a partitioned table creates an invalid parent index instantly:
  // the first step of the recipe for partitioned tables.
  if (!relation["inh"].boolean()) return;
  const TableInfo* table = context.table_of(relation);
  std::string index = statement.body["idxname"].str();
  bool unique = statement.body["unique"].boolean();
  std::optional<Span> keywords = unique
                                     ? context.find_words(statement, {"create", "unique", "index"})
                                     : context.find_words(statement, {"create", "index"});
  Span span = keywords ? *keywords : context.first_line(statement);
  std::string partitioned =
      table && table->partitioned
          ? " It is partitioned, and CONCURRENTLY does not work on a partitioned table: create "
            "the index ON ONLY it, build each partition's index CONCURRENTLY, then ALTER INDEX "
            "... ATTACH PARTITION each one."
          : "";
  std::string message = "Creating index " + (index.empty() ? std::string() : "`" + index + "` ") +
                        "on " + quoted_table(relation) +
                        " without CONCURRENTLY blocks every write to the table until the index "
                        "is built." +
                        partitioned;
  if (!keywords || !partitioned.empty()) return context.report(span, std::move(message));
  context.report(span, std::move(message),
                 concurrently_fix(span, "Create the index CONCURRENTLY, outside a transaction"));
}

}  // namespace

const Rule kCreatingIndexNonConcurrentlyRule{
    .id = "creating-index-non-concurrently",
    .severity = Severity::error,
    .summary = "An index is built on an existing table without CONCURRENTLY",
    .lock = "SHARE: blocks INSERT, UPDATE and DELETE for the whole build",
    .rationale =
        "A plain CREATE INDEX reads the whole table while holding a SHARE lock, so every write "
        "waits until the build finishes: minutes on a large table, an outage for the "
        "application.",
    .safe_alternative =
        "1. Use CREATE INDEX CONCURRENTLY (it takes SHARE UPDATE EXCLUSIVE; writes go on).\n"
        "2. Run it outside a transaction block: its own migration, with the tool's transaction "
        "turned off (Alembic: op.get_context().autocommit_block()).\n"
        "3. If it fails it leaves an INVALID index: drop it and retry.\n"
        "For a partitioned table (CONCURRENTLY is refused there): CREATE INDEX i ON ONLY parent "
        "(...); then for each partition CREATE INDEX CONCURRENTLY i_part ON part (...); ALTER "
        "INDEX i ATTACH PARTITION i_part; the parent index becomes valid when all are attached.",
    .check = check,
};

}  // namespace migcheck
