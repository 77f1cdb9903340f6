#pragma once
#include <optional>
#include <string>

#include "linter/finding.h"
#include "linter/line_index.h"

namespace migcheck::lsp {

// The comment line that suppresses `finding`, to insert before its line:
// `-- migcheck:ignore RULE reason` indented as that line, or in an Alembic
// revision `# migcheck:ignore ...` above the op call (inside a multi-line SQL
// string the SQL comment, which the string's SQL keeps). nullopt for a
// finding no comment can suppress (no rule, or unused-suppression itself).
struct SuppressionEdit {
  int line;  // 1-based: the comment goes at the start of this line
  std::string text;
};
std::optional<SuppressionEdit> suppression_edit(const Finding& finding, const LineIndex& lines);

}  // namespace migcheck::lsp
