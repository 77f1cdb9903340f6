#include "linter/linter.h"

#include "linter/rule_context.h"
#include "linter/session_state.h"
#include "linter/statement_parser.h"

namespace migcheck {

const Rule kSyntaxErrorRule{
    .id = "syntax-error",
    .severity = Severity::error,
    .summary = "PostgreSQL cannot parse the statement",
    .rationale = "The migration fails when it reaches this statement; everything after it in the "
                 "file never runs, and a tool that runs the file outside a transaction leaves the "
                 "schema half-migrated.",
    .safe_alternative = "Fix the statement so PostgreSQL accepts it, then lint again.",
};

void Linter::lint(const SqlUnit& unit, Catalog& catalog, std::vector<Finding>& findings) const {
  SessionState session;
  session.tool_transaction = options_.assume_in_transaction.value_or(unit.transactional);
  RuleContext context(unit, catalog, session, options_, findings);
  size_t index = 0;
  auto syntax_error = parse_statements(unit.sql, [&](const ParsedStatement& parsed) {
    Statement statement{parsed.stmt,  parsed.stmt.type(), parsed.stmt.body(), unit.sql,
                        parsed.begin, parsed.end,         parsed.base,        index++};
    context.set_statement(&statement);
    for (const Rule* rule : rules_) {
      if (!rule->check) continue;
      context.set_rule(rule);
      rule->check(statement, context);
    }
    catalog.apply(statement);
    session.apply(statement);
  });
  for (const Rule* rule : rules_) {
    if (!rule->finish) continue;
    context.set_rule(rule);
    rule->finish(context);
  }
  if (syntax_error) {
    context.set_rule(&kSyntaxErrorRule);
    size_t end = syntax_error->offset < unit.sql.size() ? syntax_error->offset + 1
                                                       : syntax_error->offset;
    context.report(Span{syntax_error->offset, end}, syntax_error->message);
  }
}

}  // namespace migcheck
