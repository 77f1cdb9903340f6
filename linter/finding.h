#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linter/fix.h"
#include "linter/help_text.h"
#include "linter/location.h"

namespace migcheck {

enum class Severity { info, warning, error };

std::string_view to_string(Severity severity);
// Parses "error" / "warning" / "info"; returns false for anything else.
bool parse_severity(std::string_view text, Severity& out);

// The one value every check produces and every reporter renders.
struct Finding {
  std::string rule;
  Severity severity = Severity::error;
  std::string message;
  HelpText help;  // the safe alternative: what to do instead
  Location location;
  std::string revision;  // the migration revision, when the input is a project
  // What the runner observed live (lock mode, rewrite, timing), as ordered pairs
  // so output stays deterministic.
  std::vector<std::pair<std::string, std::string>> evidence;
  // Ways to fix it (linter/fix.h); rules attach SQL-level ones, fix/ completes
  // them for the project's layout and adds those of Alembic op calls.
  std::vector<Fix> fixes;
  // Found by linting a statement the round trip saw the migration execute,
  // rather than by reading the migration's files.
  bool observed = false;
};

// Sorts by file, position, then rule id: the order every reporter prints in.
void sort_findings(std::vector<Finding>& findings);

}  // namespace migcheck
