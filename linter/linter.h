#pragma once
#include <vector>

#include "linter/catalog.h"
#include "linter/finding.h"
#include "linter/lint_options.h"
#include "linter/rule.h"
#include "linter/source_map.h"
#include "linter/statement_parser.h"

namespace migcheck {

// The rule engine: runs each enabled rule over each statement of a SQL unit,
// in order, with the schema memory and session state as they were just before
// that statement.
class Linter {
 public:
  Linter(std::vector<const Rule*> rules, LintOptions options)
      : rules_(std::move(rules)), options_(options) {}

  // Lints `unit` after the migrations already replayed into `catalog`, which
  // then holds the unit's effects too. Appends findings. Call on a
  // BigStackThread: deep expressions recurse in the parser and in rules.
  // `preparsed`, when given, is preparse_statements(unit.sql) done earlier.
  void lint(const SqlUnit& unit, Catalog& catalog, std::vector<Finding>& findings,
            PreparsedSqlPtr preparsed = nullptr) const;

  const LintOptions& options() const { return options_; }

 private:
  std::vector<const Rule*> rules_;
  LintOptions options_;
};

// The definition of `syntax-error`, which the engine itself reports.
extern const Rule kSyntaxErrorRule;

}  // namespace migcheck
