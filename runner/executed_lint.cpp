#include "runner/executed_lint.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include "linter/linter.h"
#include "linter/source_map.h"
#include "linter/statement_parser.h"
#include "runner/lock_claim.h"
#include "runner/roundtrip_rules.h"

namespace migcheck {
namespace {

bool parses(const std::string& sql) {
  return !parse_statements(sql, [](const ParsedStatement&) {});
}

// What the record shows against what `rule`'s documented lock claims, for a
// statement the rule reported: a stronger lock on a table that existed before
// the migration than the claim names, or a rewrite where the claim says
// otherwise. A weaker lock proves nothing: the transaction may have taken the
// claimed one earlier, and TraceRecord::locks holds only modes newly taken.
std::optional<Finding> contradiction(const Rule& rule, const TraceRecord& record,
                                     const Catalog& catalog) {
  std::optional<LockClaim> claim = lock_claim(rule.lock);
  if (!claim || claim->held_from_earlier) return std::nullopt;
  std::string problem;
  if (!claim->at_least && !claim->as_requested) {
    for (const TracedLock& lock : record.locks) {
      bool existed = catalog.table(lock.relation) && !catalog.is_new_table(lock.relation);
      if (existed && lock_strength(lock.mode) > lock_strength(claim->mode)) {
        problem = "PostgreSQL took " + lock.mode + " on " + lock.relation;
        break;
      }
    }
  }
  if (problem.empty() && claim->rewrites && *claim->rewrites != !record.rewrites.empty()) {
    problem = record.rewrites.empty() ? "PostgreSQL rewrote nothing"
                                      : "PostgreSQL rewrote " + record.rewrites.front();
  }
  if (problem.empty()) return std::nullopt;
  Finding finding;
  finding.rule = std::string(kLintClaimContradicted.id);
  finding.severity = kLintClaimContradicted.severity;
  finding.message = std::string(rule.id) + " documents \"" + std::string(rule.lock) + "\", but " +
                    problem + " for this statement";
  finding.help = HelpText::fixed(kLintClaimContradicted.safe_alternative);
  finding.location = record.location;
  finding.revision = record.revision;
  finding.observed = true;
  finding.evidence = {{"rule", std::string(rule.id)}, {"claim", std::string(rule.lock)}};
  for (const TracedLock& lock : record.locks)
    finding.evidence.push_back({"lock", lock.relation + " " + lock.mode});
  for (const std::string& rewritten : record.rewrites)
    finding.evidence.push_back({"rewrite", rewritten});
  return finding;
}

const Rule* rule_with_id(const std::vector<const Rule*>& rules, const std::string& id) {
  for (const Rule* rule : rules) {
    if (rule->id == id) return rule;
  }
  return nullptr;
}

}  // namespace

bool lines_meet(const Location& a, const Location& b) {
  return a.file == b.file && a.line <= std::max(b.end_line, b.line) &&
         b.line <= std::max(a.end_line, a.line);
}

std::string sql_with_parameters_as_null(const TraceRecord& record) {
  if (record.parameters.empty()) return record.sql;
  const std::string& sql = record.sql;
  std::string out;
  for (size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] != '%' || i + 1 == sql.size()) {
      out += sql[i];
    } else if (sql[i + 1] == '%') {
      out += '%';
      ++i;
    } else if (sql[i + 1] == 's') {
      out += "NULL";
      ++i;
    } else if (size_t close = sql.find(")s", i); sql[i + 1] == '(' && close != std::string::npos) {
      out += "NULL";
      i = close + 1;
    } else {
      out += sql[i];
    }
  }
  return out;
}

std::vector<Finding> lint_executed(const std::vector<TraceRecord>& records, Catalog before,
                                   const std::vector<const Rule*>& rules,
                                   const LintOptions& options) {
  Linter linter(rules, options);
  std::vector<Finding> observed;
  for (size_t first = 0; first < records.size();) {
    size_t last = first;
    while (last < records.size() && records[last].in_transaction == records[first].in_transaction) {
      ++last;
    }
    // One unit for the run, each record's statements on lines of their own,
    // so a finding's line in the unit tells which record it belongs to.
    std::string sql;
    std::vector<std::pair<int, size_t>> first_line_of;  // (unit line, record index)
    int line = 1;
    for (size_t i = first; i < last; ++i) {
      std::string statement = sql_with_parameters_as_null(records[i]);
      // It ran, so PostgreSQL parsed it; what libpg_query cannot parse
      // (a driver's placeholder style it does not know) is left out.
      if (!parses(statement)) continue;
      first_line_of.emplace_back(line, i);
      sql += statement + "\n;\n";
      line += static_cast<int>(std::count(statement.begin(), statement.end(), '\n')) + 2;
    }
    SqlUnit unit{sql, SourceMap::identity(SourceFile::make("<executed>", sql)),
                 records[first].in_transaction};
    std::vector<Finding> unit_findings;
    linter.lint(unit, before, unit_findings);
    for (Finding& finding : unit_findings) {
      auto owner =
          std::upper_bound(first_line_of.begin(), first_line_of.end(), finding.location.line,
                           [](int found_line, const std::pair<int, size_t>& start) {
                             return found_line < start.first;
                           });
      if (owner == first_line_of.begin()) continue;
      const TraceRecord& record = records[std::prev(owner)->second];
      finding.location = record.location;
      finding.revision = record.revision;
      finding.observed = true;
      if (const Rule* rule = rule_with_id(rules, finding.rule)) {
        if (auto contradicted = contradiction(*rule, record, before)) {
          observed.push_back(std::move(*contradicted));
        }
      }
      observed.push_back(std::move(finding));
    }
    first = last;
  }
  return observed;
}

MergedFindings merge_observed(std::vector<Finding> static_findings, std::vector<Finding> observed,
                              const std::vector<TraceRecord>& records) {
  MergedFindings merged;
  for (Finding& finding : static_findings) {
    bool resolved = finding.rule == "unresolved-operation" &&
                    std::any_of(records.begin(), records.end(), [&](const TraceRecord& record) {
                      return lines_meet(finding.location, record.location);
                    });
    if (!resolved) merged.static_kept.push_back(std::move(finding));
  }
  const std::vector<Finding>& kept = merged.static_kept;
  std::vector<Finding>& added = merged.observed_added;
  for (Finding& finding : observed) {
    bool seen = std::any_of(kept.begin(), kept.end(), [&](const Finding& s) {
      return s.rule == finding.rule && lines_meet(s.location, finding.location);
    });
    // The same rule twice on one line (two statements a loop ran) stays one.
    bool repeated = std::any_of(added.begin(), added.end(), [&](const Finding& o) {
      return o.rule == finding.rule && o.location == finding.location &&
             o.message == finding.message;
    });
    if (!seen && !repeated) added.push_back(std::move(finding));
  }
  sort_findings(added);
  return merged;
}

}  // namespace migcheck
