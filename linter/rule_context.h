#pragma once
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "linter/catalog.h"
#include "linter/finding.h"
#include "linter/lint_options.h"
#include "linter/rule.h"
#include "linter/session_state.h"
#include "linter/source_map.h"
#include "linter/statement.h"
#include "linter/tokens.h"

namespace migcheck {

// A fix as a rule states it: edits of the unit's SQL (offsets into
// Statement::sql), turned into file edits where the SQL maps byte for byte
// into the file (a .sql file, an op.execute literal).
struct SqlEdit {
  Span span;  // begin == end inserts
  std::string replacement;
};
struct SqlFix {
  std::string title;
  bool unsafe = false;
  bool outside_transaction = false;  // see Fix::outside_transaction
  std::vector<SqlEdit> edits;
};

// What a rule sees while it checks a statement: the schema and session state
// before it, the options, and a way to report. Owned by the engine.
class RuleContext {
 public:
  RuleContext(const SqlUnit& unit, const Catalog& catalog, const SessionState& session,
              const LintOptions& options, std::vector<Finding>& findings)
      : unit_(unit), catalog_(catalog), session_(session), options_(options), findings_(findings) {}

  const Catalog& catalog() const { return catalog_; }
  const SessionState& session() const { return session_; }
  const LintOptions& options() const { return options_; }
  int pg_version() const { return options_.pg_version; }
  const SqlUnit& unit() const { return unit_; }

  // Reports a finding of the rule being run at [span.begin, span.end) of the
  // current statement's SQL (the unit's, unless the statement has an anchor);
  // help is the rule's safe alternative.
  void report(Span span, std::string message);
  // Reports with a fix attached. The fix is left out when an edit does not
  // map byte for byte into the file (SQL generated from an Alembic op call:
  // fix/ fixes those calls itself) or the statement is nested in a string.
  void report(Span span, std::string message, const SqlFix& fix);
  // Reports at the statement's first line (when no clause can be singled out).
  void report(const Statement& statement, std::string message);
  // Holds a finding back until the unit ends, when it is reported unless a
  // later statement of the same transaction withdrew its `key` (once the
  // transaction commits, the hazard has happened).
  void defer(Span span, std::string message, std::string key);
  // Withdraws the rule's findings deferred under `key` in this transaction.
  void withdraw(const std::string& key);

  // The first run of consecutive tokens spelling `words` (case-insensitive,
  // quoted identifiers unquoted; "*" matches any one token) in the statement,
  // at or after SQL offset `from`. Comments are skipped.
  std::optional<Span> find_words(const Statement& statement,
                                 std::initializer_list<std::string_view> words, size_t from = 0);
  // The span of `words` when found, else the statement's first line.
  Span clause(const Statement& statement, std::initializer_list<std::string_view> words,
              size_t from = 0);
  // The statement's first line, trimmed: the fallback location.
  Span first_line(const Statement& statement) const;

  // About the table a RangeVar of the statement being checked names: its
  // qualified name, the schema memory's entry for it (null when unknown), and
  // whether it was created in this migration (Catalog::is_new_table). The
  // last answer is remembered: most rules ask about the statement's one
  // relation, and working out the name cost more than the questions.
  const std::string& qualified_name_of(const JsonNode& range_var);
  const TableInfo* table_of(const JsonNode& range_var);
  bool is_new_table(const JsonNode& range_var);

  // The statement's tokens (offsets into statement.sql), comments included.
  std::span<const Token> tokens(const Statement& statement);

  // Engine use: which rule and statement are running (none during finish),
  // and the end of the unit, which reports what is still deferred.
  void set_rule(const Rule* rule) { rule_ = rule; }
  void set_statement(const Statement* statement);
  void report_deferred();

 private:
  struct Deferred {
    const Rule* rule;
    std::string key;
    int transaction;  // SessionState::transaction_serial when deferred
    Finding finding;
  };
  Finding finding_at(Span span, std::string message) const;
  std::optional<Fix> file_fix(const SqlFix& fix) const;

  // Works out and keeps what the questions above answer for `range_var`,
  // unless it is the one asked about last.
  void remember_relation(const JsonNode& range_var);

  const SqlUnit& unit_;
  const Catalog& catalog_;
  const SessionState& session_;
  const LintOptions& options_;
  std::vector<Finding>& findings_;
  const Rule* rule_ = nullptr;
  const Statement* statement_ = nullptr;
  // The last RangeVar asked about in the current statement, its qualified
  // name and table (see remember_relation).
  const JsonNode* asked_relation_ = nullptr;
  std::string asked_name_;
  const TableInfo* asked_table_ = nullptr;
  // Tokens of the current statement, scanned on first use.
  std::optional<std::vector<Token>> tokens_;
  std::vector<Deferred> deferred_;
};

}  // namespace migcheck
