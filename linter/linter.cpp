#include "linter/linter.h"

#include "linter/plpgsql_statements.h"
#include "linter/rule_context.h"
#include "linter/session_state.h"
#include "linter/statement_parser.h"

namespace migcheck {

const Rule kSyntaxErrorRule{
    .id = "syntax-error",
    .severity = Severity::error,
    .summary = "PostgreSQL cannot parse the statement",
    .rationale =
        "The migration fails when it reaches this statement; everything after it in the "
        "file never runs, and a tool that runs the file outside a transaction leaves the "
        "schema half-migrated.",
    .safe_alternative = "Fix the statement so PostgreSQL accepts it, then lint again.",
};

namespace {

// EXECUTE strings can hold DO blocks of their own; past this depth they are
// not followed (PostgreSQL would run them, but no real migration nests so).
constexpr int kMaxBlockDepth = 8;

// Runs the rules over one unit's statements, those inside DO blocks included,
// keeping the schema memory and session state in step.
class UnitLinter {
 public:
  UnitLinter(const std::vector<const Rule*>& rules, const LintOptions& options, const SqlUnit& unit,
             Catalog& catalog, std::vector<Finding>& findings)
      : rules_(rules),
        options_(options),
        unit_(unit),
        catalog_(catalog),
        context_(unit, catalog, session_, options, findings) {
    session_.tool_transaction = options.assume_in_transaction.value_or(unit.transactional);
    session_.resume(catalog.connection_settings());
  }

  void run(PreparsedSqlPtr preparsed) {
    auto syntax_error = parse_statements(
        unit_.sql,
        [&](const ParsedStatement& parsed) { lint(Statement(parsed, unit_.sql, index_++), 0); },
        std::move(preparsed));
    context_.set_statement(nullptr);
    for (const Rule* rule : rules_) {
      if (!rule->finish) continue;
      context_.set_rule(rule);
      rule->finish(context_);
    }
    context_.report_deferred();
    catalog_.set_connection_settings(session_.lasting_settings());
    if (syntax_error) {
      size_t end =
          syntax_error->offset < unit_.sql.size() ? syntax_error->offset + 1 : syntax_error->offset;
      report_syntax_error(Span{syntax_error->offset, end}, syntax_error->message);
    }
  }

 private:
  void lint(const Statement& statement, int depth) {
    context_.set_statement(&statement);
    for (const Rule* rule : rules_) {
      if (!rule->check) continue;
      context_.set_rule(rule);
      rule->check(statement, context_);
    }
    context_.set_statement(nullptr);
    session_.apply(statement, catalog_, options_.pg_version);
    catalog_.apply(statement);
    if (statement.type == "DoStmt" && depth < kMaxBlockDepth) lint_do_block(statement, depth + 1);
  }

  // A DO block's statements run at migration time, as one transaction.
  void lint_do_block(const Statement& block, int depth) {
    DoBlockSql sql = do_block_statements(block);
    if (sql.error) {
      report_syntax_error(block.in_unit({block.begin, block.begin + 2}),
                          "in DO block: " + *sql.error);
    }
    session_.begin_block();
    for (const EmbeddedSql& embedded : sql.statements) {
      auto error = parse_statements(embedded.text, [&](const ParsedStatement& parsed) {
        Statement nested(parsed, embedded.text, index_++);
        nested.nested = true;
        nested.anchor = embedded.anchor;
        if (embedded.offset) {
          nested.sql = unit_.sql;
          nested.begin += *embedded.offset;
          nested.end += *embedded.offset;
          nested.base += *embedded.offset;
          nested.anchor.reset();
        }
        lint(nested, depth);
      });
      if (error) {
        Span span = embedded.offset ? Span{*embedded.offset + error->offset,
                                           *embedded.offset + error->offset + 1}
                                    : embedded.anchor;
        report_syntax_error(span, error->message);
      }
    }
    session_.end_block();
  }

  void report_syntax_error(Span span, const std::string& message) {
    context_.set_statement(nullptr);
    context_.set_rule(&kSyntaxErrorRule);
    context_.report(span, message);
  }

  const std::vector<const Rule*>& rules_;
  const LintOptions& options_;
  const SqlUnit& unit_;
  Catalog& catalog_;
  SessionState session_;
  RuleContext context_;
  size_t index_ = 0;
};

}  // namespace

void Linter::lint(const SqlUnit& unit, Catalog& catalog, std::vector<Finding>& findings,
                  PreparsedSqlPtr preparsed) const {
  catalog.begin_unit();
  UnitLinter(rules_, options_, unit, catalog, findings).run(std::move(preparsed));
}

}  // namespace migcheck
