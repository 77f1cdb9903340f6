#pragma once
// A hand-built report shared by the reporter tests: four findings over three
// files, chosen to exercise what reporters get wrong — a tab and multi-byte
// characters before the located clause, a message with '%', ':', ',' and a
// line break, a path with ',' ':' and a space, a range over several lines, a
// finding about a whole file with a revision and live evidence, a rule the
// report does not define, and two findings that differ only in their line.
#include <sstream>
#include <string>
#include <vector>

#include "ci/report.h"

namespace migcheck::testing {

inline const Rule kNotNullRule{
    .id = "adding-not-null-column",
    .severity = Severity::error,
    .summary = "A NOT NULL column is added without a default",
    .lock = "ACCESS EXCLUSIVE",
    .rationale = "Existing rows have no value for it, so the statement fails.",
    .safe_alternative = "1. Add the column nullable.\n2. Backfill, then set NOT NULL.",
};

inline const Rule kRenameRule{
    .id = "renaming-column",
    .severity = Severity::warning,
    .enabled_by_default = false,
    .summary = "A column is renamed",
    .rationale = "Running code still uses the old name.",
    .safe_alternative = "Add the new column and backfill.",
};

inline constexpr const char* kUsersFile = "db/001_users.sql";
inline constexpr const char* kOddFile = "db/002 odd,name:v2.sql";
inline constexpr const char* kRevisionFile = "alembic/versions/abc123_x.py";

// Line 2 starts with a tab and names a table with an accented letter, so the
// clause "ADD COLUMN note text NOT NULL" starts at code point column 22.
inline constexpr const char* kUsersText =
    "-- Ünïcödé: users get a note\n"
    "\tALTER TABLE \"usérs\" ADD COLUMN note text NOT NULL;\n"
    "\n"
    "ALTER TABLE t ADD COLUMN note text NOT NULL;\n";
inline constexpr const char* kOddText = "ALTER TABLE t\n  RENAME COLUMN a\n  TO b;\n";

inline constexpr const char* kNotNullMessage =
    "Adding NOT NULL column \"note\" without a default fails on a non-empty table.";
inline constexpr const char* kRenameMessage =
    "Renaming \"a\" to \"b\": 100% of old readers break,\nso deploy code first.";

inline Finding make_finding(std::string rule, Severity severity, std::string message,
                            std::string help, Location location) {
  Finding finding;
  finding.rule = std::move(rule);
  finding.severity = severity;
  finding.message = std::move(message);
  finding.help = std::move(help);
  finding.location = std::move(location);
  return finding;
}

inline Report sample_report() {
  Report report;
  std::string help(kNotNullRule.safe_alternative);
  report.findings.push_back(make_finding("adding-not-null-column", Severity::error, kNotNullMessage,
                                         help, {kUsersFile, 2, 22, 2, 51}));
  report.findings.push_back(make_finding("adding-not-null-column", Severity::error, kNotNullMessage,
                                         help, {kUsersFile, 4, 15, 4, 44}));
  report.findings.push_back(make_finding("renaming-column", Severity::warning, kRenameMessage,
                                         "Add the new column and backfill.",
                                         {kOddFile, 1, 1, 3, 8}));
  Finding head = make_finding("single-head", Severity::info, "Revision abc123 is the only head.",
                              "", {kRevisionFile, 0, 0, 0, 0});
  head.revision = "abc123";
  head.evidence = {{"lock", "ACCESS EXCLUSIVE"}, {"rewrite", "yes"}};
  report.findings.push_back(head);
  sort_findings(report.findings);  // the order the CLI hands over: by file, then position

  report.files_checked = 3;
  report.rules = {&kNotNullRule, &kRenameRule};
  report.sources[kUsersFile] = SourceFile::make(kUsersFile, kUsersText);
  report.sources[kOddFile] = SourceFile::make(kOddFile, kOddText);
  report.checked_units = {kUsersFile, kOddFile, "db/003_clean.sql"};
  return report;
}

inline std::string render(OutputFormat format, const Report& report,
                          const RenderOptions& options = {}) {
  std::ostringstream out;
  render_report(format, report, options, out);
  return out.str();
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace migcheck::testing
