#include "runner/setup_sql.h"

#include <filesystem>

#include "linter/input_error.h"
#include "linter/sql_file.h"
#include "runner/roundtrip_rules.h"
#include "runner/sql_applier.h"

namespace migcheck {

SqlUnit read_setup_sql(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw InputError(path + ": no such setup SQL file");
  }
  auto file = read_source_file(path);
  validate_source_text(file->text(), path);
  return sql_unit_for_file(file, false);
}

std::optional<Finding> run_setup_sql(pqxx::connection_base& connection,
                                     const std::vector<SqlUnit>& setup) {
  SqlApplier applier(connection);
  for (const SqlUnit& unit : setup) {
    std::optional<StepFailure> failure = applier.apply(unit);
    if (!failure) continue;
    Finding finding;
    finding.rule = kSetupFailed.id;
    finding.severity = kSetupFailed.severity;
    finding.message = "setup SQL failed: " + failure->message +
                      (failure->sqlstate.empty() ? "" : " (SQLSTATE " + failure->sqlstate + ")");
    finding.help = HelpText::fixed(kSetupFailed.safe_alternative);
    finding.location = failure->location;
    if (!failure->sqlstate.empty()) finding.evidence.emplace_back("sqlstate", failure->sqlstate);
    finding.evidence.emplace_back("step", "setup");
    return finding;
  }
  return std::nullopt;
}

}  // namespace migcheck
